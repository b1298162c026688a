// The handlers behind Api::route(): tickets, votes, counter actions and metrics.
#include <cstdio>

#include "api.hpp"
#include "api_call.hpp"
#include "domain/identity.hpp"
#include "domain/typed_number.hpp"
#include "json_views.hpp"
#include "request_json.hpp"
#include "unicode_text.hpp"

namespace motcua {
namespace {

bool valid_idempotency_key(const std::string& key) {
  if (key.empty() || key.size() > 64) return false;
  for (char ch : key) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
                    ch == '.' || ch == ':' || ch == '-';
    if (!ok) return false;
  }
  return true;
}

// The identity object from the kiosk, validated and reduced to what is kept.
Result<std::string> read_identity(const json::object& body) {
  const json::value* v = body.if_contains("identity");
  if (!v || v->is_null()) return std::string{};
  if (!v->is_object()) return invalid_field("identity", "phải là đối tượng");
  json::object kept;
  for (const auto& kv : v->get_object()) {
    if (kv.key() != "cccd" && kv.key() != "phone") return invalid_field("identity." + std::string(kv.key()), "không được hỗ trợ");
    if (!kv.value().is_string()) return invalid_field("identity." + std::string(kv.key()), "phải là chuỗi");
  }
  if (const auto* c = v->get_object().if_contains("cccd"); c && !c->get_string().empty()) {
    // Composed (NFC) like every other text, so the name in an export matches the same name typed.
    auto id = parse_cccd_qr(to_nfc(c->get_string()));
    if (!id.is_ok()) return id.status();
    kept["id_number"] = id.value().id_number;
    kept["full_name"] = id.value().full_name;
    kept["birth_date"] = id.value().birth_date;
  }
  if (const auto* p = v->get_object().if_contains("phone"); p && !p->get_string().empty()) {
    auto phone = normalize_phone(p->get_string());
    if (!phone.is_ok()) return phone.status();
    kept["phone"] = phone.value();
  }
  if (kept.empty()) return std::string{};
  return json::serialize(kept);
}

}  // namespace

ApiResponse Api::issue_ticket(Call& c) {
  const bool kiosk = c.caller.device && c.caller.device->kind == DeviceKind::kiosk;
  if (!kiosk && !c.caller.is_staff()) {
    if (!c.caller.presented_credentials || c.caller.expired || (!c.caller.device && !c.caller.is_staff()))
      return unauthenticated_response(c.caller);
    return forbidden_response("Chỉ máy lấy số được cấp số");
  }
  auto body = RequestBody::parse(c.body, {"service", "priority", "priority_group", "idempotency_key", "identity"});
  if (!body.is_ok()) return error_response(body.status());
  const auto& b = body.value();
  auto service = b.string("service", true, 64);
  auto priority = b.boolean("priority", false);
  auto group = b.string("priority_group", false, 64);
  auto key = b.string("idempotency_key", false, 64);
  auto identity = read_identity(b.object());
  for (const Status& s : {service.status(), priority.status(), group.status(), key.status(), identity.status()})
    if (!s.is_ok()) return error_response(s);
  // Present means used: an empty key would silently turn the retry protection off.
  if (b.has("idempotency_key") && !b.object().at("idempotency_key").is_null() && !valid_idempotency_key(key.value()))
    return error_response(invalid_field("idempotency_key", "chỉ gồm 1–64 ký tự A-Z a-z 0-9 _ . : -"));
  if (!group.value().empty()) {
    bool known = false;
    for (const auto& [code, name] : priority_groups()) known = known || code == group.value();
    if (!known) return error_response(invalid_field("priority_group", "không thuộc danh sách đối tượng ưu tiên"));
  }
  IssueTicket cmd;
  cmd.service = service.value();
  cmd.priority = priority.value();
  cmd.priority_group = group.value();
  cmd.idempotency_key = key.value();
  cmd.identity = identity.value();
  cmd.public_secret = random_token(9);
  auto d = office_.execute(cmd);
  if (!d.is_ok()) return error_response(d.status());
  const Ticket* t = office_.state().find_ticket(d.value().ticket_id);
  if (!t) return error_response(Status::unavailable("unavailable", "Không đọc được số vừa cấp"));
  const unsigned status = d.value().replayed ? 200 : 201;
  // A retry never prints a second paper ticket; a new one prints after it is durable.
  const bool prints = kiosk && !d.value().replayed && !c.caller.device->printer.empty() && options_.print;
  if (!prints) {
    ApiResponse r;
    r.status = status;
    const std::string* fresh = d.value().replayed ? nullptr : office_.fresh_ticket_text(t->id);
    r.body = fresh ? ticket_text_with_code(*fresh, t->public_code)
                   : ticket_json_text(office_.config(), office_.state(), *t,
                                      {.include_code = true, .replayed = d.value().replayed});
    return r;
  }
  json::object o = ticket_json(office_.config(), office_.state(), *t, {.include_code = true});
  const Device device = *c.caller.device;
  c.after_commit = [print = options_.print, device, ticket = o](ApiResponse response, Respond respond) {
    print(device, ticket, [response = std::move(response), respond = std::move(respond)](json::object status) mutable {
      boost::system::error_code ec;
      json::value body = json::parse(response.body, ec);
      if (!ec && body.is_object()) {
        body.as_object()["print"] = std::move(status);
        response.body = json::serialize(body);
      }
      respond(std::move(response));
    });
  };
  return json_response(status, o);
}

ApiResponse Api::get_ticket(Call& c, std::int64_t id) {
  if (!may_read(c)) return unauthenticated_response(c.caller);
  const TicketViewOptions options{.include_code = c.caller.is_staff()};
  if (const Ticket* t = office_.state().find_ticket(id))
    return json_response(200, ticket_json(office_.config(), office_.state(), *t, options));
  if (auto old = office_.store()->find_ticket(id))
    return json_response(200, ticket_json(office_.config(), office_.state(), *old, options));
  return error_response(Status::not_found("unknown_ticket", "Không tìm thấy số thứ tự"));
}

std::optional<Ticket> Api::find_ticket_by_code(const std::string& code) {
  if (code.size() < 8 || code.size() > 32) return std::nullopt;
  // Today's tickets are in memory; the store answers for older ones. The id in the code
  // finds the ticket; the whole code must match.
  const Ticket* today = nullptr;
  if (const std::int64_t id = ticket_id_of_public_code(code)) {
    today = office_.state().find_ticket(id);
  } else {
    for (const auto& [id, t] : office_.state().tickets)  // a code from before schema v2
      if (t.public_code == code) today = &t;
  }
  if (today) return same_secret(today->public_code, code) ? std::optional<Ticket>(*today) : std::nullopt;
  if (auto old = office_.store()->find_ticket_by_code(code); old && same_secret(old->public_code, code)) return old;
  return std::nullopt;
}

ApiResponse Api::get_ticket_by_code(Call&, const std::string& code) {
  if (auto t = find_ticket_by_code(code)) return json_response(200, ticket_json(office_.config(), office_.state(), *t));
  return error_response(Status::not_found("unknown_ticket", "Không tìm thấy số thứ tự"));
}

ApiResponse Api::ticket_qr(Call&, const std::string& code) {
  if (!options_.status_qr_svg || !find_ticket_by_code(code))
    return error_response(Status::not_found("unknown_ticket", "Không tìm thấy số thứ tự"));
  auto svg = options_.status_qr_svg(code);
  if (!svg.is_ok()) return error_response(svg.status());
  ApiResponse r;
  r.body = std::move(svg.value());
  r.content_type = "image/svg+xml";
  // A code's QR never changes.
  r.headers.emplace_back("Cache-Control", "private, max-age=86400");
  return r;
}

ApiResponse Api::cancel_ticket(Call& c, std::int64_t id) {
  const bool kiosk = c.caller.device && c.caller.device->kind == DeviceKind::kiosk;
  if (!kiosk && !c.caller.is_staff()) return unauthenticated_response(c.caller);
  if (!kiosk && !c.caller.is_supervisor()) return forbidden_response("Chỉ lãnh đạo hoặc máy lấy số được hủy số");
  auto body = RequestBody::parse(c.body, {"reason"});
  if (!body.is_ok()) return error_response(body.status());
  auto reason = body.value().string("reason", false, 200);
  if (!reason.is_ok()) return error_response(reason.status());
  auto d = office_.execute(CancelTicket{id, reason.value(), kiosk ? std::string() : c.caller.officer->username});
  if (!d.is_ok()) return error_response(d.status());
  return json_response(200, ticket_json(office_.config(), office_.state(), *office_.state().find_ticket(id)));
}

ApiResponse Api::reactivate_ticket(Call& c, std::int64_t id) {
  if (!c.caller.is_staff()) return unauthenticated_response(c.caller);
  auto body = RequestBody::parse(c.body, {"counter"});
  if (!body.is_ok()) return error_response(body.status());
  auto counter = body.value().integer("counter", true, 1, 100000);
  if (!counter.is_ok()) return error_response(counter.status());
  auto d = office_.execute(Reactivate{id, static_cast<int>(counter.value()), c.caller.officer->username});
  if (!d.is_ok()) return error_response(d.status());
  return json_response(200, ticket_json(office_.config(), office_.state(), *office_.state().find_ticket(id)));
}

ApiResponse Api::vote(Call& c, std::int64_t id) {
  if (!c.caller.presented_credentials || c.caller.expired || (!c.caller.device && !c.caller.is_staff()))
    return unauthenticated_response(c.caller);
  if (!c.caller.device || c.caller.device->kind != DeviceKind::rating_pad)
    return forbidden_response("Chỉ máy đánh giá tại quầy được gửi đánh giá");
  auto body = RequestBody::parse(c.body, {"rating", "reason"});
  if (!body.is_ok()) return error_response(body.status());
  auto rating = body.value().integer("rating", true, 1, 4);
  if (!rating.is_ok())
    return error_response(Status::invalid_argument("invalid_rating", "Mức đánh giá phải là số nguyên từ 1 đến 4"));
  auto reason = body.value().string("reason", false, 64);
  if (!reason.is_ok()) return error_response(reason.status());
  auto d = office_.execute(
      CastVote{id, c.caller.device->counter, static_cast<int>(rating.value()), reason.value()});
  if (!d.is_ok()) return error_response(d.status());
  const Ticket* t = office_.state().find_ticket(id);
  if (!t) return error_response(Status::unavailable("unavailable", "Không đọc được số vừa đánh giá"));
  return json_response(201, json::object{{"ticket_id", id},
                                         {"rating", t->rating},
                                         {"reason", t->rating_reason},
                                         {"counter", t->counter},
                                         {"officer", t->officer}});
}

ApiResponse Api::counter_action(Call& c, int counter, const std::string& action) {
  if (!c.caller.is_staff()) return unauthenticated_response(c.caller);
  // A mistyped counter is named as such, not answered as someone else's counter.
  if (!office_.config().find_counter(counter))
    return error_response(Status::not_found("unknown_counter", "Không có quầy " + std::to_string(counter)));
  const std::string& officer = c.caller.officer->username;
  if (c.caller.session_counter != counter || office_.state().counter_of_officer(officer) != counter)
    return error_response(Status::forbidden("not_signed_in", "Bạn không đăng nhập tại quầy " + std::to_string(counter)));
  if (action == "reactivate") return reactivate_by_number(c, counter);
  const bool takes_body = action == "transfer" || action == "pause";
  auto body = RequestBody::parse(c.body, takes_body ? std::initializer_list<std::string_view>{"service", "counter", "reason"}
                                                    : std::initializer_list<std::string_view>{});
  if (!body.is_ok()) return error_response(body.status());
  Command cmd;
  if (action == "call-next") {
    cmd = CallNext{counter, officer};
  } else if (action == "recall") {
    cmd = Recall{counter, officer};
  } else if (action == "start") {
    cmd = StartServing{counter, officer};
  } else if (action == "no-show") {
    cmd = MarkNoShow{counter, officer};
  } else if (action == "close") {
    cmd = CloseTicket{counter, officer};
  } else if (action == "resume") {
    cmd = Resume{counter, officer};
  } else if (action == "pause") {
    if (body.value().has("service") || body.value().has("counter"))
      return error_response(invalid_field("service", "không dùng khi tạm dừng"));
    auto reason = body.value().string("reason", false, 200);
    if (!reason.is_ok()) return error_response(reason.status());
    cmd = Pause{counter, officer, reason.value().empty() ? std::string("Tạm dừng") : reason.value()};
  } else if (action == "transfer") {
    if (body.value().has("reason")) return error_response(invalid_field("reason", "không dùng khi chuyển"));
    auto service = body.value().string("service", false, 64);
    auto to = body.value().integer("counter", false, 1, 100000);
    if (!service.is_ok()) return error_response(service.status());
    if (!to.is_ok()) return error_response(to.status());
    cmd = Transfer{counter, officer, service.value(), static_cast<int>(to.value())};
  } else {
    return error_response(Status::not_found("not_found", "Không có thao tác " + action));
  }
  auto d = office_.execute(cmd);
  if (!d.is_ok()) return error_response(d.status());
  if (action == "call-next" && d.value().ticket_id == 0) {
    ApiResponse r;
    r.status = 204;
    return r;
  }
  return ticket_and_counter(d.value().ticket_id, counter, true);
}

// A citizen marked absent comes back with the paper ticket: the officer types its number.
ApiResponse Api::reactivate_by_number(Call& c, int counter) {
  auto body = RequestBody::parse(c.body, {"number"});
  if (!body.is_ok()) return error_response(body.status());
  auto typed_text = body.value().string("number", true, 32);
  if (!typed_text.is_ok()) return error_response(typed_text.status());
  const auto typed = parse_typed_number(typed_text.value());
  if (!typed)
    return error_response(invalid_field("number", "phải là số in trên phiếu, ví dụ 1023 hoặc A015"));
  const auto& state = office_.state();
  std::vector<const Ticket*> absent;
  const Ticket* other = nullptr;
  for (const Ticket* t : tickets_named(state, *typed)) {
    if (t->state == TicketState::no_show) absent.push_back(t);
    else other = t;
  }
  if (absent.empty() && other)
    return error_response(Status::conflict(
        "invalid_transition", "Số " + other->display + " không ở trạng thái vắng mặt nên không cần khôi phục"));
  if (absent.empty())
    return error_response(Status::not_found("unknown_ticket", "Hôm nay không có số " + typed->text));
  if (absent.size() > 1)
    return error_response(Status::conflict("ambiguous_number", "Có " + std::to_string(absent.size()) + " số " +
                                                                   typed->text + " vắng mặt ở các lĩnh vực khác nhau; "
                                                                   "hãy nhập cả chữ cái, ví dụ " + absent[0]->display));
  auto d = office_.execute(Reactivate{absent[0]->id, counter, c.caller.officer->username});
  if (!d.is_ok()) return error_response(d.status());
  return ticket_and_counter(d.value().ticket_id, counter, true);
}

ApiResponse Api::ticket_and_counter(std::int64_t ticket_id, int counter, bool include_code) {
  const auto& state = office_.state();
  json::object o;
  const Ticket* t = ticket_id ? state.find_ticket(ticket_id) : nullptr;
  if (t) {
    o["ticket"] = ticket_json(office_.config(), state, *t, {.include_code = include_code});
  } else {
    o["ticket"] = nullptr;
  }
  o["counter"] = counter_json(office_.config(), state, counter);
  return json_response(200, o);
}

ApiResponse Api::force_close_counter(Call& c, int counter) {
  if (!c.caller.is_staff()) return unauthenticated_response(c.caller);
  if (!c.caller.is_supervisor()) return forbidden_response("Chỉ lãnh đạo hoặc quản trị viên được đóng quầy của người khác");
  auto body = RequestBody::parse(c.body, {});
  if (!body.is_ok()) return error_response(body.status());
  const CounterStatus* before = office_.state().find_counter(counter);
  const std::string officer = before ? before->officer : std::string();
  auto d = office_.execute(CloseCounter{counter, c.caller.officer->username});
  if (!d.is_ok()) return error_response(d.status());
  // The officer's client learns it at its next request (401), and signs in anew.
  for (const auto& record : office_.sessions().at_counter(officer, counter))
    office_.stage_session({store::SessionWrite::Kind::erase, record});
  return ticket_and_counter(d.value().ticket_id, counter, false);
}

ApiResponse Api::metrics_text() {
  std::string out = http_metrics_.render();
  const auto& state = office_.state();
  const auto& config = office_.config();
  char line[256];
  out += "# HELP motcua_tickets Today's tickets by state and service.\n# TYPE motcua_tickets gauge\n";
  std::map<std::pair<std::string, std::string>, int> by_state;
  for (const auto& [id, t] : state.tickets) by_state[{t.service, std::string(to_string(t.state))}] += 1;
  for (const auto& s : config.services)
    for (auto st : {TicketState::waiting, TicketState::called, TicketState::serving, TicketState::done,
                    TicketState::no_show, TicketState::transferred, TicketState::cancelled}) {
      auto it = by_state.find({s.code, std::string(to_string(st))});
      std::snprintf(line, sizeof line, "motcua_tickets{service=\"%s\",state=\"%s\"} %d\n", s.code.c_str(),
                    std::string(to_string(st)).c_str(), it == by_state.end() ? 0 : it->second);
      out += line;
    }
  // Waits of today's called tickets, for the histogram.
  static constexpr double kWaitBuckets[] = {60, 300, 600, 900, 1800, 2700, 3600, 7200};
  out += "# HELP motcua_wait_seconds Wait from issue to first call, today.\n# TYPE motcua_wait_seconds histogram\n";
  for (const auto& s : config.services) {
    std::uint64_t counts[std::size(kWaitBuckets)] = {};
    std::uint64_t total = 0;
    double sum = 0;
    for (const auto& [id, t] : state.tickets) {
      if (t.service != s.code || !t.called_at) continue;
      const double w = std::chrono::duration<double>(*t.called_at - t.issued_at).count();
      for (std::size_t i = 0; i < std::size(kWaitBuckets); ++i)
        if (w <= kWaitBuckets[i]) counts[i] += 1;
      total += 1;
      sum += w;
    }
    for (std::size_t i = 0; i < std::size(kWaitBuckets); ++i) {
      std::snprintf(line, sizeof line, "motcua_wait_seconds_bucket{service=\"%s\",le=\"%g\"} %llu\n", s.code.c_str(),
                    kWaitBuckets[i], static_cast<unsigned long long>(counts[i]));
      out += line;
    }
    std::snprintf(line, sizeof line,
                  "motcua_wait_seconds_bucket{service=\"%s\",le=\"+Inf\"} %llu\nmotcua_wait_seconds_sum{service=\"%s\"} "
                  "%.3f\nmotcua_wait_seconds_count{service=\"%s\"} %llu\n",
                  s.code.c_str(), static_cast<unsigned long long>(total), s.code.c_str(), sum, s.code.c_str(),
                  static_cast<unsigned long long>(total));
    out += line;
  }
  const auto& m = office_.metrics();
  out += "# HELP motcua_commit_seconds Time from the start of a group commit until it is durable.\n# TYPE motcua_commit_seconds histogram\n";
  for (std::size_t i = 0; i < m.commit_seconds_buckets_le.size(); ++i) {
    std::snprintf(line, sizeof line, "motcua_commit_seconds_bucket{le=\"%g\"} %llu\n", m.commit_seconds_buckets_le[i],
                  static_cast<unsigned long long>(m.commit_seconds_counts[i]));
    out += line;
  }
  std::snprintf(line, sizeof line,
                "motcua_commit_seconds_bucket{le=\"+Inf\"} %llu\nmotcua_commit_seconds_sum %.6f\n"
                "motcua_commit_seconds_count %llu\n# TYPE motcua_commit_failures_total counter\n"
                "motcua_commit_failures_total %llu\n# TYPE motcua_events_total counter\nmotcua_events_total %llu\n",
                static_cast<unsigned long long>(m.commits), m.commit_seconds_sum,
                static_cast<unsigned long long>(m.commits), static_cast<unsigned long long>(m.commit_failures),
                static_cast<unsigned long long>(m.events_committed));
  out += line;
  std::snprintf(line, sizeof line, "# TYPE motcua_wal_syncs_total counter\nmotcua_wal_syncs_total %llu\n",
                static_cast<unsigned long long>(m.wal_syncs));
  out += line;
  if (options_.extra_metrics) out += options_.extra_metrics();
  ApiResponse r;
  r.status = 200;
  r.body = std::move(out);
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  return r;
}

}  // namespace motcua
