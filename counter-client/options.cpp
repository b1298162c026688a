#include "options.hpp"

#include <charconv>
#include <set>

#include "screen/monitor_choice.hpp"

namespace motcua::counter {

namespace {

std::optional<int> to_int(const std::string& s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return v;
}

const std::set<std::string>& commands() {
  static const std::set<std::string> c = {"login", "logout",   "status", "call-next", "recall",    "start",
                                          "no-show", "transfer", "close", "pause",    "resume", "reactivate"};
  return c;
}

}  // namespace

ParseResult parse_options(const std::vector<std::string>& argv) {
  ParseResult r;
  Options& o = r.options;
  auto need = [&](std::size_t& i, const std::string& flag) -> std::optional<std::string> {
    if (i + 1 >= argv.size()) {
      r.error = "Thiếu giá trị cho " + flag;
      return std::nullopt;
    }
    return argv[++i];
  };
  auto need_int = [&](std::size_t& i, const std::string& flag) -> std::optional<int> {
    auto v = need(i, flag);
    if (!v) return std::nullopt;
    auto n = to_int(*v);
    if (!n) r.error = "Giá trị của " + flag + " phải là số nguyên: " + *v;
    return n;
  };
  for (std::size_t i = 1; i < argv.size() && r.error.empty(); ++i) {
    const std::string& a = argv[i];
    if (a == "--help" || a == "-h") {
      o.mode = Mode::help;
    } else if (a == "--server") {
      if (auto v = need(i, a)) o.server = *v;
    } else if (a == "--session") {
      if (auto v = need(i, a)) o.session_path = *v;
    } else if (a == "--json") {
      o.json = true;
    } else if (a == "--counter") {
      o.counter = need_int(i, a);
    } else if (a == "--user") {
      if (auto v = need(i, a)) o.user = *v;
    } else if (a == "--password") {
      if (auto v = need(i, a)) o.password = *v;
    } else if (a == "--password-stdin") {
      o.password_stdin = true;
    } else if (a == "--service") {
      if (auto v = need(i, a)) o.service = *v;
    } else if (a == "--to-counter") {
      o.to_counter = need_int(i, a);
    } else if (a == "--reason") {
      if (auto v = need(i, a)) o.reason = *v;
    } else if (a == "--rating-pad") {
      if (o.mode != Mode::help) o.mode = Mode::rating_pad;
    } else if (a == "--key") {
      if (auto v = need(i, a)) o.device_key = *v;
    } else if (a == "--vote-window") {
      if (auto v = need_int(i, a)) o.vote_window_s = *v;
    } else if (a == "--size") {
      if (auto v = need(i, a)) {
        auto x = v->find('x');
        auto w = x == std::string::npos ? std::nullopt : to_int(v->substr(0, x));
        auto h = x == std::string::npos ? std::nullopt : to_int(v->substr(x + 1));
        if (!w || !h || *w < 320 || *h < 240) {
          r.error = "--size phải có dạng RỘNGxCAO, ví dụ 1366x768";
        } else {
          o.width = *w;
          o.height = *h;
        }
      }
    } else if (a == "--fullscreen") {
      o.fullscreen = true;
    } else if (a == "--monitor") {
      if (auto v = need_int(i, a)) {
        if (Status s = screen::check_monitor_number(*v, a); !s.is_ok()) r.error = s.message();
        else o.monitor = *v;
      }
    } else if (!a.empty() && a[0] == '-') {
      r.error = "Tùy chọn không hợp lệ: " + a;
    } else if (o.command.empty() && o.mode != Mode::rating_pad) {
      if (!commands().count(a)) {
        r.error = "Lệnh không hợp lệ: " + a;
      } else {
        o.command = a;
        if (o.mode != Mode::help) o.mode = Mode::command;
      }
    } else {
      o.args.push_back(a);
    }
  }
  if (!r.error.empty() || o.mode == Mode::help) return r;
  if (o.mode == Mode::rating_pad) {
    if (!o.counter || *o.counter <= 0) r.error = "Máy đánh giá cần --counter N";
    else if (o.device_key.empty()) r.error = "Máy đánh giá cần --key <khóa thiết bị>";
    else if (o.vote_window_s < 1 || o.vote_window_s > 3600) r.error = "--vote-window phải từ 1 đến 3600 giây";
  } else if (o.mode == Mode::command) {
    // A word too many is a typo or a misunderstanding: better refused than acted on.
    const std::size_t takes = o.command == "login" && o.user.empty() ? 1 : o.command == "reactivate" ? 1 : 0;
    if (o.args.size() > takes) r.error = "Thừa tham số cho lệnh " + o.command + ": " + o.args[takes];
  }
  if (!r.error.empty()) return r;
  if (o.mode == Mode::command) {
    if (o.command == "login") {
      if (o.user.empty() && !o.args.empty()) o.user = o.args[0];
      if (o.user.empty()) r.error = "login cần tên đăng nhập: counter-client login TÊN --counter N";
    } else if (o.command == "transfer") {
      if (o.service.empty() && !o.to_counter) r.error = "transfer cần --service MÃ và/hoặc --to-counter N";
    } else if (o.command == "reactivate") {
      // The number printed on the citizen's paper; ticketd reads it (digits, or with the
      // service's letters) and names what is wrong with it.
      if (o.args.empty() || o.args[0].empty())
        r.error = "reactivate cần số in trên phiếu của công dân vắng mặt, ví dụ: reactivate 1023";
    }
  }
  return r;
}

std::string usage_text() {
  return R"(counter-client — bảng điều khiển quầy, máy đánh giá và lệnh dòng lệnh của motcua

Cách dùng:
  counter-client [--server HOST:PORT] [--user TÊN] [--counter N] [--size 1366x768] [--fullscreen]
                 [--monitor SỐ]
      Mở bảng điều khiển của cán bộ (cửa sổ).
  counter-client --rating-pad --counter N --key KHÓA [--server HOST:PORT] [--vote-window GIÂY]
                 [--fullscreen] [--monitor SỐ]
      Chạy máy đánh giá mức độ hài lòng của quầy N (mặc định chờ đánh giá 30 giây).
      Máy đánh giá là màn hình thứ hai của máy quầy, quay về phía công dân:
      --monitor 2 --fullscreen mở nó toàn màn hình trên màn hình số 2.
  counter-client [--server HOST:PORT] [--session TỆP] [--json] LỆNH ...
      Lệnh cho tự động hóa; phiên đăng nhập được lưu trong TỆP để các lệnh nối tiếp nhau.

Lệnh:
  login TÊN --counter N [--password MK | --password-stdin]   (hoặc biến MOTCUA_PASSWORD)
  logout
  status
  call-next | recall | start | no-show | close | resume
  transfer [--service MÃ] [--to-counter N]
  pause [--reason "Nghỉ trưa"]
  reactivate SỐ   đưa số đã ghi vắng mặt trở lại hàng chờ, ở vị trí cũ (SỐ in trên phiếu, ví dụ 1023)

Tùy chọn chung:
  --server HOST:PORT   máy chủ ticketd (mặc định: của phiên, $MOTCUA_SERVER, 127.0.0.1:8080)
  --session TỆP        tệp phiên (mặc định $XDG_STATE_HOME/motcua/session.json
                       hoặc ~/.local/state/motcua/session.json)
  --json               in kết quả dạng JSON thay cho câu chữ
  --monitor SỐ         mở cửa sổ trên màn hình số SỐ (1 là màn hình chính; mặc định
                       hệ thống tự chọn); cùng --fullscreen thì phủ kín màn hình đó

Mã thoát:
  0  thành công
  1  sai cách dùng
  2  máy chủ từ chối (400, 403, 404, 409 …)
  3  chưa đăng nhập, sai mật khẩu hoặc phiên hết hạn (401)
  4  không kết nối được máy chủ, hoặc không nhận được trả lời (chưa rõ kết quả)
  5  lỗi máy chủ (5xx)

Phím tắt trên bảng điều khiển: F1/Space gọi tiếp, F2 gọi lại, F3 bắt đầu, F4 vắng mặt,
F5 chuyển, F6/Enter kết thúc, F7 tạm dừng/tiếp tục, F8 khôi phục số vắng mặt,
F12 lưu ảnh màn hình.
Máy đánh giá: phím 1–4 chọn mức, 1–5 chọn lý do, 6 hoặc Enter gửi “Không hài lòng” không nêu lý do.
)";
}

}  // namespace motcua::counter
