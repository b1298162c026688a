#include "cli.hpp"

#include <cstdlib>
#include <iostream>
#include <string>

#include <boost/json.hpp>

#include "client/api_client.hpp"
#include "session_file.hpp"
#include "texts.hpp"

namespace motcua::counter {

namespace json = boost::json;
using client::ApiClient;
using client::ApiResult;
using client::json_int;
using client::json_string;

namespace {

int exit_code_for(const ApiResult& r) {
  if (r.ok()) return exit_ok;
  if (r.transport_failed()) return exit_unreachable;
  if (r.status == 401) return exit_unauthenticated;
  if (r.status >= 500) return exit_server_error;
  return exit_refused;
}

std::string ticket_line(const json::value& t) {
  if (!t.is_object()) return "không giữ số nào";
  std::string line = "số " + json_string(t, "number") + " (" + json_string(t, "service_name") + ") — " +
                     ticket_state_label(json_string(t, "state"));
  if (json_int(t, "recalls") > 0) line += ", đã gọi lại " + std::to_string(json_int(t, "recalls")) + " lần";
  return line;
}

std::string counter_line(const json::value& c) {
  if (!c.is_object()) return {};
  std::string line = json_string(c, "name") + ": " + counter_state_label(json_string(c, "state"));
  std::string reason = json_string(c, "pause_reason");
  if (!reason.empty()) line += " (" + reason + ")";
  const json::value* t = client::json_field(c, "ticket");
  if (t && t->is_object()) line += ", " + ticket_line(*t);
  return line;
}

class Runner {
 public:
  Runner(const Options& o, std::ostream& out, std::ostream& err) : o_(o), out_(out), err_(err) {}

  int run() {
    session_path_ = o_.session_path.empty() ? default_session_path() : std::filesystem::path(o_.session_path);
    session_ = load_session(session_path_);
    std::string server_text = o_.server;
    if (server_text.empty() && o_.command != "login" && session_ && !session_->server.empty()) {
      server_text = session_->server;
    }
    if (server_text.empty()) {
      const char* env = std::getenv("MOTCUA_SERVER");
      server_text = env && *env ? env : "127.0.0.1:8080";
    }
    auto server = client::parse_server_address(server_text);
    if (!server) return usage("Địa chỉ máy chủ không hợp lệ: " + server_text);
    client_.emplace(client::ApiClientOptions{*server, std::chrono::milliseconds(3000), std::chrono::milliseconds(10000)});

    if (o_.command == "login") return login();
    if (!session_ || session_->token.empty()) {
      return fail_local(exit_unauthenticated, "unauthenticated",
                        "Chưa đăng nhập. Hãy chạy: counter-client login TÊN --counter N");
    }
    client_->set_token(session_->token);
    if (o_.command == "logout") return logout();
    if (o_.command == "status") return status();
    if (o_.command == "reactivate") {
      // By the printed number, the counter action: an officer never sees ticket ids.
      return report(client_->reactivate_number(session_->counter, o_.args[0]), [](const json::value& b) {
        const json::value* t = client::json_field(b, "ticket");
        const json::value ticket = t ? *t : json::value();
        return "Đã đưa số " + json_string(ticket, "number") + " (" + json_string(ticket, "service_name") +
               ") trở lại hàng chờ, ở vị trí cũ.";
      });
    }
    return action();
  }

 private:
  int usage(const std::string& message) {
    err_ << message << "\n";
    return exit_usage;
  }

  int fail_local(int code, const std::string& error, const std::string& message) {
    if (o_.json) {
      json::object o{{"status", 0}, {"error", error}, {"message", message}};
      out_ << json::serialize(o) << "\n";
    } else {
      err_ << message << "\n";
    }
    return code;
  }

  template <typename Describe>
  int report(const ApiResult& r, Describe describe) {
    if (r.status == 401) {
      // The token is useless now (expired, or the session was ended elsewhere).
      remove_session(session_path_);
    }
    if (o_.json) {
      if (r.ok()) {
        out_ << (r.body.is_null() ? std::string("{}") : json::serialize(r.body)) << "\n";
      } else {
        json::object o{{"status", r.status}, {"error", r.error}, {"message", r.message}};
        out_ << json::serialize(o) << "\n";
      }
    } else if (r.ok()) {
      out_ << describe(r.body) << "\n";
    } else {
      err_ << "Lỗi: " << r.message;
      // A refused sign-in is answered by signing in with the right password, not "again".
      if (r.status == 401 && o_.command != "login") {
        if (!r.message.empty() && r.message.back() != '.') err_ << '.';
        err_ << " Hãy đăng nhập lại.";
      }
      err_ << " [" << r.error << (r.status ? ", HTTP " + std::to_string(r.status) : std::string()) << "]\n";
    }
    return exit_code_for(r);
  }

  int login() {
    std::string password = o_.password;
    if (o_.password_stdin) std::getline(std::cin, password);
    if (password.empty()) {
      if (const char* env = std::getenv("MOTCUA_PASSWORD")) password = env;
    }
    if (password.empty()) return usage("Thiếu mật khẩu: dùng --password, --password-stdin hoặc MOTCUA_PASSWORD");
    ApiResult r = client_->login(o_.user, password, o_.counter);
    if (r.ok()) {
      Session s;
      s.server = client_->server().to_string();
      s.token = r.string_field("token");
      s.counter = static_cast<int>(r.int_field("counter"));
      s.expires_at = r.int_field("expires_at");
      const json::value* officer = client::json_field(r.body, "officer");
      if (officer) {
        s.username = json_string(*officer, "username");
        s.display_name = json_string(*officer, "display_name");
      }
      if (!save_session(session_path_, s)) {
        return fail_local(exit_usage, "session_write_failed", "Không ghi được tệp phiên " + session_path_.string());
      }
      if (o_.json) {
        // The token stays in the session file; scripts don't need it on stdout.
        json::value b = r.body;
        b.as_object().erase("token");
        out_ << json::serialize(b) << "\n";
        return exit_ok;
      }
    }
    return report(r, [](const json::value& b) {
      const json::value* officer = client::json_field(b, "officer");
      std::string name = officer ? json_string(*officer, "display_name") : std::string();
      return "Đã đăng nhập: " + name + " tại quầy " + std::to_string(json_int(b, "counter")) + ".";
    });
  }

  int logout() {
    ApiResult r = client_->logout();
    if (r.ok()) remove_session(session_path_);
    return report(r, [](const json::value&) { return std::string("Đã đăng xuất và đóng quầy."); });
  }

  int status() {
    ApiResult me = client_->me();
    if (!me.ok()) return report(me, [](const json::value&) { return std::string(); });
    int counter = static_cast<int>(me.int_field("counter"));
    ApiResult q = client_->queue();
    if (!q.ok()) return report(q, [](const json::value&) { return std::string(); });
    json::value counter_status;
    if (const json::value* counters = client::json_field(q.body, "counters"); counters && counters->is_array()) {
      for (const auto& c : counters->get_array()) {
        if (json_int(c, "number") == counter) counter_status = c;
      }
    }
    json::array services;
    if (const json::value* list = client::json_field(q.body, "services"); list && list->is_array()) {
      const json::value* mine = client::json_field(counter_status, "services");
      for (const auto& s : list->get_array()) {
        if (!mine || !mine->is_array()) continue;
        for (const auto& code : mine->get_array()) {
          if (code.is_string() && code.get_string() == json_string(s, "code")) services.push_back(s);
        }
      }
    }
    if (o_.json) {
      json::object o{{"me", me.body}, {"counter", counter_status}, {"services", services}};
      out_ << json::serialize(o) << "\n";
      return exit_ok;
    }
    const json::value* officer = client::json_field(me.body, "officer");
    out_ << "Cán bộ: " << (officer ? json_string(*officer, "display_name") : std::string()) << " — quầy " << counter
         << "\n";
    out_ << counter_line(counter_status) << "\n";
    for (const auto& s : services) {
      out_ << "  " << json_string(s, "name") << ": " << json_int(s, "waiting") << " người đang chờ";
      if (json_int(s, "waiting") > 0) out_ << ", chờ lâu nhất " << format_duration(json_int(s, "longest_wait_s"));
      out_ << "\n";
    }
    return exit_ok;
  }

  int action() {
    json::object body;
    if (o_.command == "transfer") {
      if (!o_.service.empty()) body["service"] = o_.service;
      if (o_.to_counter) body["counter"] = *o_.to_counter;
    } else if (o_.command == "pause") {
      body["reason"] = o_.reason.empty() ? std::string("Tạm dừng") : o_.reason;
    }
    ApiResult r = client_->counter_action(session_->counter, o_.command, body);
    if (r.status == 204) {
      if (o_.json) {
        out_ << R"({"ticket":null,"counter":null})" << "\n";
      } else {
        out_ << "Không có ai đang chờ.\n";
      }
      return exit_ok;
    }
    const std::string command = o_.command;
    return report(r, [command](const json::value& b) {
      const json::value* t = client::json_field(b, "ticket");
      const json::value* c = client::json_field(b, "counter");
      std::string text;
      if (command == "call-next") text = "Mời " + ticket_line(t ? *t : json::value());
      else if (command == "recall") text = "Đã gọi lại " + ticket_line(t ? *t : json::value());
      else if (command == "start") text = "Bắt đầu phục vụ " + ticket_line(t ? *t : json::value());
      else if (command == "no-show") text = "Đã ghi vắng mặt: " + ticket_line(t ? *t : json::value());
      else if (command == "close") text = "Đã kết thúc: " + ticket_line(t ? *t : json::value());
      else if (command == "transfer") text = "Đã chuyển: " + ticket_line(t ? *t : json::value());
      else if (command == "pause") text = "Quầy đã tạm dừng.";
      else if (command == "resume") text = "Quầy tiếp tục làm việc.";
      if (c && c->is_object()) text += "\n" + counter_line(*c);
      return text;
    });
  }

  const Options& o_;
  std::ostream& out_;
  std::ostream& err_;
  std::filesystem::path session_path_;
  std::optional<Session> session_;
  std::optional<ApiClient> client_;
};

}  // namespace

int run_cli(const Options& options, std::ostream& out, std::ostream& err) {
  return Runner(options, out, err).run();
}

}  // namespace motcua::counter
