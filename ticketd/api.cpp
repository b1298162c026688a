#include "api.hpp"

#include <charconv>

#include "api_call.hpp"
#include "json_views.hpp"
#include "request_json.hpp"
#include "static_files.hpp"

namespace motcua {

ApiResponse json_response(unsigned status, const json::value& body) {
  ApiResponse r;
  r.status = status;
  r.body = json::serialize(body);
  return r;
}

ApiResponse error_response(const Status& s) {
  unsigned code = 500;
  switch (s.code()) {
    case StatusCode::ok: code = 200; break;
    case StatusCode::invalid_argument: code = 400; break;
    case StatusCode::unauthenticated: code = 401; break;
    case StatusCode::forbidden: code = 403; break;
    case StatusCode::not_found: code = 404; break;
    case StatusCode::conflict: code = 409; break;
    case StatusCode::unavailable: code = 503; break;
  }
  ApiResponse r;
  r.status = code;
  r.body = error_body(s.error(), s.message());
  return r;
}

namespace {
constexpr const char* kWrongDeviceKey = "Khóa thiết bị không đúng; hãy kiểm tra khóa đã cấu hình cho thiết bị này";
}  // namespace

ApiResponse unauthenticated_response(const Caller& caller) {
  if (caller.expired)
    return error_response(Status::unauthenticated("session_expired", "Phiên đăng nhập đã hết hạn, hãy đăng nhập lại"));
  if (caller.unknown_device_key) return error_response(Status::unauthenticated("unauthenticated", kWrongDeviceKey));
  return error_response(Status::unauthenticated("unauthenticated", "Cần đăng nhập hoặc khóa thiết bị hợp lệ"));
}

ApiResponse forbidden_response(const std::string& message) {
  return error_response(Status::forbidden("forbidden", message));
}

std::optional<ApiResponse> refuse_unless_supervisor(const Caller& caller, const std::string& action) {
  if (caller.device && !caller.is_staff()) return forbidden_response("Thiết bị không được " + action);
  if (!caller.is_staff()) return unauthenticated_response(caller);
  if (!caller.is_supervisor()) return forbidden_response("Chỉ lãnh đạo và quản trị viên được " + action);
  return std::nullopt;
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  parts.reserve(4);  // /api/tickets/{id}/{action}: one allocation
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string::npos ? path.size() : slash;
    if (end > start) parts.push_back(path.substr(start, end - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return parts;
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string percent_decoded(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;  // a stray '%' stays as typed; the handler's own check refuses it
    }
  }
  return out;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::size_t eq = pair.find('=');
    out[percent_decoded(pair.substr(0, eq))] =
        eq == std::string_view::npos ? "" : percent_decoded(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

bool parse_id(const std::string& text, std::int64_t& out) {
  if (text.empty() || text.size() > 18) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && ptr == text.data() + text.size() && out > 0;
}

Api::Api(Office& office, ApiOptions options, HttpMetrics& metrics)
    : office_(office), options_(std::move(options)), http_metrics_(metrics) {}

void Api::handle(Request req, Respond respond) {
  Call call;
  call.received = std::chrono::steady_clock::now();
  call.method = req.method();
  const std::string target(req.target());
  const std::size_t q = target.find('?');
  call.path = target.substr(0, q);
  if (q != std::string::npos) call.query = parse_query(std::string_view(target).substr(q + 1));
  if (auto it = req.find(http::field::authorization); it != req.end()) {
    const std::string_view v = it->value();
    if (v.starts_with("Bearer ")) call.bearer_token = std::string(v.substr(7));
  }
  if (auto it = req.find("X-Device-Key"); it != req.end()) call.device_key = std::string(it->value());
  call.body = std::move(req.body());
  auto* metrics = &http_metrics_;
  const auto received = call.received;
  call.respond = [respond = std::move(respond), metrics, received](ApiResponse r) {
    metrics->record(r.status, std::chrono::duration<double>(std::chrono::steady_clock::now() - received).count());
    respond(std::move(r));
  };
  route(std::move(call));
}

void Api::on_strand(Call call, Handler handler) {
  office_.dispatch([this, call = std::move(call), handler = std::move(handler)]() mutable {
    call.caller = identify(office_.config(), office_.sessions(), call.bearer_token, call.device_key, office_.now());
    ApiResponse response = handler(call);
    office_.when_durable([respond = std::move(call.respond), after = std::move(call.after_commit),
                          response = std::move(response)](bool committed) mutable {
      if (committed) {
        if (after) return after(std::move(response), std::move(respond));
        respond(std::move(response));
      } else {
        respond(error_response(Status::unavailable("unavailable", "Lỗi lưu dữ liệu; yêu cầu chưa được thực hiện")));
      }
    });
  });
}

const std::string& Api::cached(Published& published, const std::function<json::value()>& build) {
  const std::int64_t second = to_unix_ms(office_.now()) / 1000;
  const std::int64_t seq = office_.state().last_seq;
  auto view = published.load(std::memory_order_acquire);
  const std::int64_t generation = office_.generation();
  if (!view || view->generation != generation || view->seq != seq || view->second != second) {
    // Built from the live state, which may hold staged changes: readers off the strand
    // use it only once committed_seq() reaches its seq (see current_view()).
    auto fresh = std::make_shared<CachedView>();
    fresh->body = json::serialize(build());
    fresh->generation = generation;
    fresh->seq = seq;
    fresh->second = second;
    view = fresh;
    published.store(view, std::memory_order_release);
  }
  // The strand keeps the view alive until it publishes the next one, and only the strand
  // publishes, so the reference stays valid for this handler.
  return view->body;
}

std::shared_ptr<const Api::CachedView> Api::current_view(const Published& published) const {
  auto view = published.load(std::memory_order_acquire);
  if (!view) return nullptr;
  if (view->generation != office_.generation() || view->seq != office_.committed_seq() ||
      view->second != to_unix_ms(office_.now()) / 1000)
    return nullptr;
  return view;
}

bool Api::may_read(const Call& c) const {
  // A wrong key is refused even where none is needed: a display or kiosk set up with a
  // mistyped key is noticed when it is installed, not when it first has to write.
  if (c.caller.unknown_device_key) return false;
  if (options_.public_reads) return true;
  return c.caller.is_staff() || c.caller.device != nullptr;
}

void Api::authorize_stream(const std::string& token, const std::string& key, std::function<void(std::string)> done) {
  office_.post([this, token, key, done = std::move(done)] {
    const Caller caller = identify(office_.config(), office_.sessions(), token, key, office_.now());
    const bool ok = !caller.unknown_device_key && (options_.public_reads || caller.is_staff() || caller.device != nullptr);
    if (ok) return done({});
    done(caller.unknown_device_key ? kWrongDeviceKey : "Cần khóa thiết bị hoặc đăng nhập");
  });
}

void Api::route(Call call) {
  const auto parts = split_path(call.path);
  const bool get = call.method == http::verb::get || call.method == http::verb::head;
  const bool post = call.method == http::verb::post;
  auto method_not_allowed = [&] {
    ApiResponse r;
    r.status = 405;
    r.body = error_body("method_not_allowed", "Phương thức không được hỗ trợ");
    call.respond(std::move(r));
  };
  auto not_found = [&] {
    call.respond(error_response(Status::not_found("not_found", "Không có đường dẫn " + call.path)));
  };

  if (parts.empty() || parts[0] != "api") {
    if (parts.size() == 1 && parts[0] == "metrics") {
      if (!get) return method_not_allowed();
      return on_strand(std::move(call), [this](Call&) { return metrics_text(); });
    }
    if (parts.size() == 3 && parts[0] == "t" && parts[2] == "qr.svg") {
      if (!get) return method_not_allowed();
      const std::string code = parts[1];
      return on_strand(std::move(call), [this, code](Call& c) { return ticket_qr(c, code); });
    }
    if (!get) return method_not_allowed();
    auto file = serve_static(options_.web_root, call.path);
    if (!file) return not_found();
    ApiResponse r;
    r.status = 200;
    r.body = std::move(file->body);
    r.content_type = file->content_type;
    r.headers.emplace_back("Cache-Control", "no-cache");
    return call.respond(std::move(r));
  }

  const std::size_t n = parts.size();
  const std::string& p1 = n > 1 ? parts[1] : std::string();
  if (n == 2 && p1 == "health") {
    if (!get) return method_not_allowed();
    return on_strand(std::move(call), [this](Call&) {
      const auto& s = office_.state();
      json::object o{{"status", "ok"},
                     {"version", "0.1.0"},
                     {"seq", s.last_seq},
                     {"service_day", service_day_to_iso(s.service_day)}};
      // Every change is refused while commits fail (a full disk, a lock held elsewhere):
      // a monitor polling health must see it.
      if (const std::string& why = office_.metrics().last_commit_error; !why.empty()) {
        o["status"] = "error";
        o["error"] = "storage_failing";
        o["message"] = "Không ghi được dữ liệu; mọi thay đổi đang bị từ chối: " + why;
        return json_response(503, o);
      }
      return json_response(200, o);
    });
  }
  if (n == 2 && (p1 == "office" || p1 == "services" || p1 == "queue")) {
    if (!get) return method_not_allowed();
    const bool wrong_key = call.bearer_token.empty() && !call.device_key.empty() &&
                           !find_device(office_.config(), call.device_key);
    if (options_.public_reads && p1 != "office" && !wrong_key) {
      if (auto view = current_view(p1 == "queue" ? queue_view_ : services_view_)) {
        ApiResponse r;
        r.body = view->body;
        return call.respond(std::move(r));
      }
    }
    return on_strand(std::move(call), [this, p1](Call& c) {
      if (!may_read(c)) return unauthenticated_response(c.caller);
      const auto& cfg = office_.config();
      const auto& s = office_.state();
      if (p1 == "office") return json_response(200, office_json(cfg));
      ApiResponse r;
      if (p1 == "services") {
        r.body = cached(services_view_, [&] {
          return json::object{{"seq", s.last_seq}, {"services", services_json(cfg, s, office_.now())}};
        });
      } else {
        r.body = cached(queue_view_, [&] { return queue_json(cfg, s, office_.recent_calls(), office_.now()); });
      }
      return r;
    });
  }
  if (n == 2 && p1 == "login") {
    if (!post) return method_not_allowed();
    return login(std::move(call));
  }
  if (n == 2 && p1 == "logout") {
    if (!post) return method_not_allowed();
    return on_strand(std::move(call), [this](Call& c) { return logout(c); });
  }
  if (n == 2 && p1 == "me") {
    if (!get) return method_not_allowed();
    return on_strand(std::move(call), [this](Call& c) { return me(c); });
  }
  if (n == 2 && (p1 == "reports" || p1 == "today")) {
    if (!get) return method_not_allowed();
    if (p1 == "reports") return reports(std::move(call));
    return on_strand(std::move(call), [this](Call& c) { return today(c); });
  }
  if (n == 3 && p1 == "admin" && parts[2] == "backups") {
    if (!get && !post) return method_not_allowed();
    return backups(std::move(call));
  }
  if (p1 == "tickets") {
    if (n == 2) {
      if (!post) return method_not_allowed();
      return on_strand(std::move(call), [this](Call& c) { return issue_ticket(c); });
    }
    if (n == 3 && parts[2] == "lookup") {
      if (!get) return method_not_allowed();
      return on_strand(std::move(call), [this](Call& c) { return lookup_ticket(c); });
    }
    if (n == 4 && parts[2] == "by-code") {
      if (!get) return method_not_allowed();
      const std::string code = parts[3];
      return on_strand(std::move(call), [this, code](Call& c) { return get_ticket_by_code(c, code); });
    }
    std::int64_t id = 0;
    if (!parse_id(parts[2], id))
      return call.respond(error_response(Status::not_found("unknown_ticket", "Không tìm thấy số thứ tự")));
    if (n == 3) {
      if (!get) return method_not_allowed();
      return on_strand(std::move(call), [this, id](Call& c) { return get_ticket(c, id); });
    }
    if (n == 4) {
      if (!post) return method_not_allowed();
      const std::string action = parts[3];
      if (action == "cancel") return on_strand(std::move(call), [this, id](Call& c) { return cancel_ticket(c, id); });
      if (action == "reactivate")
        return on_strand(std::move(call), [this, id](Call& c) { return reactivate_ticket(c, id); });
      if (action == "vote") return on_strand(std::move(call), [this, id](Call& c) { return vote(c, id); });
    }
    return not_found();
  }
  if (p1 == "counters" && n == 4) {
    std::int64_t counter = 0;
    if (!parse_id(parts[2], counter) || counter > 100000)
      return call.respond(error_response(Status::not_found("unknown_counter", "Không có quầy " + parts[2])));
    if (!post) return method_not_allowed();
    const std::string action = parts[3];
    if (action == "force-close")
      return on_strand(std::move(call),
                       [this, counter](Call& c) { return force_close_counter(c, static_cast<int>(counter)); });
    return on_strand(std::move(call),
                     [this, counter, action](Call& c) { return counter_action(c, static_cast<int>(counter), action); });
  }
  return not_found();
}

void Api::login(Call call) {
  auto body = RequestBody::parse(call.body, {"username", "password", "counter"});
  if (!body.is_ok()) return call.respond(error_response(body.status()));
  auto username = body.value().string("username", true, 64);
  auto password = body.value().string("password", true, 256);
  auto counter = body.value().integer("counter", false, 1, 100000);
  for (const Status& s : {username.status(), password.status(), counter.status()})
    if (!s.is_ok()) return call.respond(error_response(s));
  // The config is immutable, so the slow password check runs here, off the strand.
  const Officer* officer = office_.config().find_officer(username.value());
  if (!verify_password(officer, password.value()))
    return call.respond(
        error_response(Status::unauthenticated("bad_credentials", "Sai tên đăng nhập hoặc mật khẩu")));
  const int counter_number = static_cast<int>(counter.value());
  if (counter_number == 0 && officer->role == Role::officer)
    return call.respond(error_response(Status::invalid_argument("missing_field", "Cán bộ cần chọn quầy")));
  on_strand(std::move(call), [this, officer, counter_number](Call&) {
    if (counter_number != 0) {
      const int previous = office_.state().counter_of_officer(officer->username);
      auto d = office_.execute(SignIn{counter_number, officer->username});
      if (!d.is_ok()) return error_response(d.status());
      // One counter at a time: signing in here closed the other one, and its token goes
      // with it, as after a sign-out (the old panel shows the sign-in form at its next request).
      if (previous != 0 && previous != counter_number)
        for (const auto& old : office_.sessions().at_counter(officer->username, previous))
          office_.stage_session({store::SessionWrite::Kind::erase, old});
    }
    const std::string token = random_token();
    store::SessionRecord record;
    record.token_hash = token_digest(token);
    record.username = officer->username;
    record.counter = counter_number;
    record.created_at = office_.now();
    record.expires_at = record.created_at + std::chrono::hours(options_.session_hours);
    office_.stage_session({store::SessionWrite::Kind::insert, record});
    return json_response(200, json::object{{"token", token},
                                           {"expires_at", to_unix_ms(record.expires_at)},
                                           {"counter", counter_number},
                                           {"officer", json::object{{"username", officer->username},
                                                                    {"display_name", officer->display_name},
                                                                    {"role", to_string(officer->role)}}}});
  });
}

ApiResponse Api::logout(Call& c) {
  if (!c.caller.is_staff()) return unauthenticated_response(c.caller);
  const int counter = c.caller.session_counter;
  if (counter != 0 && office_.state().counter_of_officer(c.caller.officer->username) == counter) {
    auto d = office_.execute(SignOut{counter, c.caller.officer->username});
    if (!d.is_ok()) return error_response(d.status());
  }
  store::SessionRecord record;
  record.token_hash = c.caller.token_hash;
  office_.stage_session({store::SessionWrite::Kind::erase, record});
  return json_response(200, json::object{});
}

ApiResponse Api::me(Call& c) {
  if (!c.caller.is_staff()) return unauthenticated_response(c.caller);
  const auto* s = office_.sessions().find(c.caller.token_hash);
  return json_response(200, json::object{{"counter", c.caller.session_counter},
                                         {"expires_at", s ? to_unix_ms(s->expires_at) : 0},
                                         {"officer", json::object{{"username", c.caller.officer->username},
                                                                  {"display_name", c.caller.officer->display_name},
                                                                  {"role", to_string(c.caller.officer->role)}}}});
}

}  // namespace motcua
