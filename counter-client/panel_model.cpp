#include "panel_model.hpp"

#include <algorithm>

#include <boost/json.hpp>

namespace motcua::counter {

namespace json = boost::json;
using client::json_field;
using client::json_int;
using client::json_string;

const char* action_path(PanelAction a) {
  switch (a) {
    case PanelAction::call_next: return "call-next";
    case PanelAction::recall: return "recall";
    case PanelAction::start: return "start";
    case PanelAction::no_show: return "no-show";
    case PanelAction::transfer: return "transfer";
    case PanelAction::close: return "close";
    case PanelAction::pause: return "pause";
    case PanelAction::resume: return "resume";
    case PanelAction::reactivate: return "reactivate";
  }
  return "";
}

namespace {

// The live-feed event an action produces at its counter (docs/API.md, WebSocket).
const char* event_of(PanelAction a) {
  switch (a) {
    case PanelAction::call_next: return "ticket.called";
    case PanelAction::recall: return "ticket.recalled";
    case PanelAction::start: return "ticket.started";
    case PanelAction::no_show: return "ticket.no_show";
    case PanelAction::transfer: return "ticket.transferred";
    case PanelAction::close: return "ticket.closed";
    case PanelAction::pause: return "counter.paused";
    case PanelAction::resume: return "counter.resumed";
    case PanelAction::reactivate: return "ticket.reactivated";
  }
  return "";
}

constexpr std::size_t kRecentAbsentKept = 5;

}  // namespace

std::string action_label(PanelAction a) {
  switch (a) {
    case PanelAction::call_next: return "Gọi tiếp";
    case PanelAction::recall: return "Gọi lại";
    case PanelAction::start: return "Bắt đầu";
    case PanelAction::no_show: return "Vắng mặt";
    case PanelAction::transfer: return "Chuyển";
    case PanelAction::close: return "Kết thúc";
    case PanelAction::pause: return "Tạm dừng";
    case PanelAction::resume: return "Tiếp tục";
    case PanelAction::reactivate: return "Khôi phục số vắng mặt";
  }
  return "";
}

std::string panel_state_label(PanelState s) {
  switch (s) {
    case PanelState::offline: return "Mất kết nối";
    case PanelState::closed: return "Quầy đóng";
    case PanelState::idle: return "Sẵn sàng";
    case PanelState::calling: return "Đang gọi";
    case PanelState::serving: return "Đang phục vụ";
    case PanelState::paused: return "Tạm dừng";
  }
  return "";
}

PanelModel::PanelModel(int counter, std::string username, std::string display_name)
    : counter_(counter), username_(std::move(username)), display_name_(std::move(display_name)) {
  counter_name_ = "Quầy " + std::to_string(counter_);
}

void PanelModel::apply_office(const json::value& office) {
  if (const auto* list = json_field(office, "services"); list && list->is_array()) {
    office_services_.clear();
    for (const auto& s : list->get_array()) {
      service_names_[json_string(s, "code")] = json_string(s, "name");
      office_services_.emplace_back(json_string(s, "code"), json_string(s, "name"));
    }
  }
  if (const auto* list = json_field(office, "counters"); list && list->is_array()) {
    counters_.clear();
    for (const auto& c : list->get_array()) {
      OfficeCounter k{static_cast<int>(json_int(c, "number")), json_string(c, "name"), {}};
      if (const auto* codes = json_field(c, "services"); codes && codes->is_array())
        for (const auto& code : codes->get_array())
          if (code.is_string()) k.services.emplace_back(code.get_string());
      counters_.push_back(std::move(k));
    }
  }
}

void PanelModel::apply_counter(const json::value& c) {
  if (!c.is_object()) return;
  counter_states_[static_cast<int>(json_int(c, "number"))] = json_string(c, "state");
  if (json_int(c, "number") != counter_) return;
  counter_state_ = json_string(c, "state");
  counter_officer_ = json_string(c, "officer");
  pause_reason_ = json_string(c, "pause_reason");
  served_today_ = json_int(c, "served_today");
  if (auto name = json_string(c, "name"); !name.empty()) counter_name_ = name;
  if (auto name = json_string(c, "officer_name"); !name.empty()) display_name_ = name;
  if (const auto* codes = json_field(c, "services"); codes && codes->is_array()) {
    my_service_codes_.clear();
    for (const auto& code : codes->get_array()) {
      if (code.is_string()) my_service_codes_.emplace_back(code.get_string());
    }
  }
  const json::value* t = json_field(c, "ticket");
  if (t && t->is_object()) {
    TicketView v;
    v.id = json_int(*t, "id");
    v.number = json_string(*t, "number");
    v.service = json_string(*t, "service");
    v.service_name = json_string(*t, "service_name");
    v.state = json_string(*t, "state");
    v.priority = client::json_bool(*t, "priority");
    v.recalls = static_cast<int>(json_int(*t, "recalls"));
    v.issued_at = json_int(*t, "issued_at");
    v.called_at = json_int(*t, "called_at");
    v.started_at = json_int(*t, "started_at");
    // While calling, the counter's `since` is when it called this ticket; once serving,
    // the time seen while calling is kept.
    if (counter_state_ == "calling") v.called_here_at = json_int(c, "since");
    else if (ticket_ && ticket_->id == v.id) v.called_here_at = ticket_->called_here_at;
    if (v.called_here_at <= 0) v.called_here_at = v.called_at;
    ticket_ = v;
  } else {
    ticket_.reset();
  }
}

std::int64_t ServiceLine::longest_wait_at(std::int64_t server_now_ms) const {
  if (waiting <= 0) return 0;
  std::int64_t since = as_of_ms > 0 && server_now_ms > as_of_ms ? (server_now_ms - as_of_ms) / 1000 : 0;
  return longest_wait_s + since;
}

void PanelModel::apply_services(const json::value& services, std::int64_t as_of_ms) {
  if (!services.is_array()) return;
  for (const auto& s : services.get_array()) {
    ServiceLine line;
    line.code = json_string(s, "code");
    line.name = json_string(s, "name");
    line.waiting = json_int(s, "waiting");
    line.longest_wait_s = json_int(s, "longest_wait_s");
    line.as_of_ms = as_of_ms;
    services_[line.code] = line;
  }
}

void PanelModel::apply_message(const json::object& message, std::int64_t now_ms) {
  json::value m(message);
  std::string type = json_string(m, "type");
  if (type == "snapshot") {
    const json::value* q = json_field(m, "queue");
    if (!q) return;
    has_snapshot_ = true;
    if (std::int64_t server_now = json_int(*q, "now"); server_now > 0) clock_offset_ms_ = server_now - now_ms;
    services_.clear();
    if (const auto* s = json_field(*q, "services")) apply_services(*s, json_int(*q, "now"));
    bool found = false;
    if (const auto* counters = json_field(*q, "counters"); counters && counters->is_array()) {
      counter_states_.clear();
      for (const auto& c : counters->get_array()) {
        apply_counter(c);
        found = found || json_int(c, "number") == counter_;
      }
    }
    if (!found) counter_state_ = "closed";
    // A snapshot comes after a reconnect that could not replay what was missed (ticketd
    // restarted, or too much happened). If the counter closed meanwhile (a supervisor
    // closed it, the day ended, this officer signed in elsewhere), no event will say so:
    // without this the panel would sit on "Quầy đóng" with every button disabled.
    if (counter_state_ == "closed" || (!username_.empty() && !counter_officer_.empty() && counter_officer_ != username_)) {
      session_lost_ = true;
      session_end_reason_ = "Trong lúc mất kết nối, quầy này đã đóng hoặc đã có người khác đăng nhập (lãnh đạo đóng "
                            "quầy, hết ngày làm việc, hoặc tài khoản đăng nhập ở quầy khác). Vui lòng đăng nhập lại.";
    }
    return;
  }
  if (type != "event") return;
  std::string event = json_string(m, "event");
  std::string before = counter_state_;
  if (const auto* s = json_field(m, "services")) apply_services(*s, json_int(m, "at"));
  if (const auto* c = json_field(m, "counter_status"); c && c->is_object()) {
    apply_counter(*c);
    // Our counter closed, or taken by someone else: this sign-in has ended (logged out or
    // signed in elsewhere), so the panel must not pretend it still works the counter.
    if (json_int(*c, "number") == counter_ &&
        (counter_state_ == "closed" || (!username_.empty() && json_string(*c, "officer") != username_))) {
      session_lost_ = true;
      if (event == "counter.closed" && json_string(m, "reason") == "closed_by_supervisor")
        session_end_reason_ = "Lãnh đạo đã đóng quầy này; số đang giữ (nếu có) đã trở lại hàng chờ, ở vị trí cũ. "
                              "Vui lòng đăng nhập lại.";
      if (event == "counter.closed" && json_string(m, "reason") == "day_end")
        session_end_reason_ = "Đã sang ngày làm việc mới: các quầy đã đóng, số thứ tự bắt đầu lại. "
                              "Vui lòng đăng nhập lại.";
    }
  }
  track_absent(event, m);
  note_landed(event, m, now_ms);
  if (event == "ticket.issued" && before == "idle" && counter_state_ == "idle") {
    std::string service;
    if (const auto* t = json_field(m, "ticket")) service = json_string(*t, "service");
    if (std::find(my_service_codes_.begin(), my_service_codes_.end(), service) != my_service_codes_.end()) {
      new_ticket_alert_ = true;
      std::string name = services_.count(service) ? services_[service].name : service;
      set_notice(Notice::Kind::info, "Có công dân mới đang chờ: " + name + ". Nhấn F1 để gọi.", now_ms);
    }
  }
}

void PanelModel::track_absent(const std::string& event, const json::value& m) {
  const std::int64_t id = json_int(m, "ticket_id");
  if (id == 0) return;
  // Whatever happened to it next (reactivated here or elsewhere, cancelled, day end), it
  // is no longer a no-show to bring back.
  std::erase_if(recent_absent_, [id](const AbsentTicket& t) { return t.id == id; });
  if (event != "ticket.no_show" || json_int(m, "counter") != counter_) return;
  const json::value* t = json_field(m, "ticket");
  if (!t || !t->is_object()) return;
  recent_absent_.insert(recent_absent_.begin(), AbsentTicket{id, json_string(*t, "number"), json_string(*t, "service_name")});
  if (recent_absent_.size() > kRecentAbsentKept) recent_absent_.resize(kRecentAbsentKept);
}

void PanelModel::note_landed(const std::string& event, const json::value& m, std::int64_t now_ms) {
  if (json_int(m, "counter") != counter_) return;
  if (pending_ && event == event_of(*pending_)) {
    const json::value* t = json_field(m, "ticket");
    pending_landed_ticket_ = t ? *t : json::value();
  }
  if (!notice_ || notice_->clears_when != Notice::ClearsWhen::action_lands) return;
  if (event != event_of(notice_->action)) return;
  const json::value* t = json_field(m, "ticket");
  set_notice(Notice::Kind::success, success_text(notice_->action, t ? *t : json::value()), now_ms);
}

void PanelModel::set_connected(bool connected, const std::string& detail, std::int64_t now_ms) {
  connected_ = connected;
  connection_detail_ = detail;
  if (connected && notice_ && notice_->clears_when == Notice::ClearsWhen::reconnected)
    set_notice(Notice::Kind::info, "Đã kết nối lại với máy chủ.", now_ms);
}

void PanelModel::action_sent(PanelAction a) {
  pending_ = a;
  pending_landed_ticket_.reset();
}

std::string PanelModel::counter_label(int number) const {
  for (const auto& k : counters_)
    if (k.number == number && !k.name.empty()) return k.name;
  return "Quầy " + std::to_string(number);
}

// What the officer reads once an action took effect, naming the number it concerned (the
// reply's ticket, or the feed's: after a no-show or a transfer the counter holds none).
std::string PanelModel::success_text(PanelAction a, const json::value& t) const {
  const std::string number = t.is_object() ? json_string(t, "number") : std::string();
  const std::string service = t.is_object() ? json_string(t, "service_name") : std::string();
  if (number.empty()) return action_label(a) + ": đã thực hiện.";
  switch (a) {
    case PanelAction::call_next:
    case PanelAction::recall: return "Đang mời số " + number + (service.empty() ? "" : " (" + service + ")") + ".";
    case PanelAction::start: return "Bắt đầu phục vụ số " + number + ".";
    case PanelAction::no_show: return "Vắng mặt: số " + number + ". Nếu công dân quay lại, nhấn F8 để khôi phục.";
    case PanelAction::close: return "Kết thúc: số " + number + ".";
    case PanelAction::transfer: {
      const std::int64_t to = json_int(t, "target_counter");
      return "Đã chuyển số " + number + " sang " +
             (to > 0 ? counter_label(static_cast<int>(to)) : "lĩnh vực " + service) + ".";
    }
    case PanelAction::reactivate: return "Đã đưa số " + number + " trở lại hàng chờ (vị trí cũ).";
    case PanelAction::pause:
    case PanelAction::resume: break;
  }
  return action_label(a) + ": đã thực hiện.";
}

void PanelModel::action_done(PanelAction a, const client::ApiResult& r, std::int64_t now_ms) {
  pending_.reset();
  const std::optional<json::value> landed = std::move(pending_landed_ticket_);
  pending_landed_ticket_.reset();
  std::string label = action_label(a);
  if (r.status == 204 && a == PanelAction::call_next) {
    set_notice(Notice::Kind::info, "Không có ai đang chờ.", now_ms);
    return;
  }
  if (r.ok()) {
    if (const auto* c = json_field(r.body, "counter"); c && c->is_object()) apply_counter(*c);
    const json::value* t = json_field(r.body, "ticket");
    set_notice(Notice::Kind::success, success_text(a, t ? *t : json::value()), now_ms);
    return;
  }
  if (r.transport_failed()) {
    if (landed) {  // the reply was lost, but the feed already showed it done
      set_notice(Notice::Kind::success, success_text(a, *landed), now_ms);
      return;
    }
    // Never replayed: the officer sees it failed, and the live feed shows what really happened.
    Notice n{Notice::Kind::error,
             "“" + label + "” chưa được xác nhận — " + r.message +
                 " Thao tác không được gửi lại tự động; hãy xem trạng thái quầy rồi thử lại.",
             now_ms};
    n.clears_when = Notice::ClearsWhen::action_lands;
    n.action = a;
    set_notice(std::move(n));
    return;
  }
  if (r.status == 401 || (r.status == 403 && r.error == "not_signed_in")) session_lost_ = true;
  set_notice(Notice::Kind::error, "“" + label + "” bị từ chối: " + r.message, now_ms);
}

void PanelModel::set_notice(Notice::Kind kind, std::string text, std::int64_t now_ms) {
  notice_ = Notice{kind, std::move(text), now_ms};
}

bool PanelModel::can(PanelAction a) const {
  if (!connected_ || !has_snapshot_ || pending_ || session_lost_) return false;
  const std::string& s = counter_state_;
  switch (a) {
    case PanelAction::call_next: return s == "idle";
    case PanelAction::recall: return s == "calling";
    case PanelAction::start: return s == "calling";
    case PanelAction::no_show: return s == "calling";
    case PanelAction::transfer: return s == "calling" || s == "serving";
    case PanelAction::close: return s == "serving";
    case PanelAction::pause: return s == "idle";
    case PanelAction::resume: return s == "paused";
    // The citizen may come back while the officer serves someone else.
    case PanelAction::reactivate: return s == "idle" || s == "calling" || s == "serving" || s == "paused";
  }
  return false;
}

PanelState PanelModel::state() const {
  if (!connected_ || !has_snapshot_) return PanelState::offline;
  if (counter_state_ == "idle") return PanelState::idle;
  if (counter_state_ == "calling") return PanelState::calling;
  if (counter_state_ == "serving") return PanelState::serving;
  if (counter_state_ == "paused") return PanelState::paused;
  return PanelState::closed;
}

std::vector<ServiceLine> PanelModel::my_services() const {
  std::vector<ServiceLine> out;
  for (const auto& code : my_service_codes_) {
    auto it = services_.find(code);
    if (it != services_.end()) {
      out.push_back(it->second);
    } else {
      ServiceLine line;
      line.code = code;
      auto n = service_names_.find(code);
      line.name = n != service_names_.end() ? n->second : code;
      out.push_back(line);
    }
  }
  return out;
}

bool PanelModel::take_new_ticket_alert() {
  bool v = new_ticket_alert_;
  new_ticket_alert_ = false;
  return v;
}

std::vector<Target> PanelModel::transfer_targets() const {
  std::vector<Target> out;
  const std::string current = ticket_ ? ticket_->service : std::string();
  std::vector<std::pair<std::string, std::string>> services = office_services_;
  for (const auto& [code, line] : services_)  // before /api/office has been read
    if (std::none_of(services.begin(), services.end(), [&](const auto& s) { return s.first == code; }))
      services.emplace_back(code, line.name);
  for (const auto& [code, name] : services) {
    if (code == current) continue;
    out.push_back(Target{false, code, 0, "Lĩnh vực: " + name});
  }
  for (const auto& k : counters_) {
    if (k.number == counter_) continue;
    if (std::find(k.services.begin(), k.services.end(), current) == k.services.end()) continue;
    auto state = counter_states_.find(k.number);
    if (state == counter_states_.end() || state->second == "closed") continue;
    std::string label = k.name.empty() ? "Quầy " + std::to_string(k.number) : k.name;
    if (state->second == "paused") label += " (đang tạm dừng)";
    out.push_back(Target{true, {}, k.number, label});
  }
  return out;
}

}  // namespace motcua::counter
