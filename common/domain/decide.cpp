#include "domain/decide.hpp"

#include <cstdio>

#include "domain/estimate.hpp"
#include "domain/routing.hpp"

namespace motcua {
namespace {

Event make_event(EventType type, Instant at, std::int64_t ticket_id = 0, int counter = 0, std::string officer = {}) {
  Event e;
  e.type = type;
  e.at = at;
  e.ticket_id = ticket_id;
  e.counter = counter;
  e.officer = std::move(officer);
  return e;
}

std::string counter_label(int n) { return "quầy " + std::to_string(n); }
// The same, opening a sentence.
std::string counter_label_first(int n) { return "Quầy " + std::to_string(n); }

// The counter an officer acts at must exist and be theirs.
Result<const CounterStatus*> officer_counter(const OfficeConfig& config, const OfficeState& s, int counter,
                                             const std::string& officer) {
  if (!config.find_counter(counter)) return Status::not_found("unknown_counter", "Không có " + counter_label(counter));
  const CounterStatus* c = s.find_counter(counter);
  if (!c || c->state == CounterState::closed || c->officer != officer)
    return Status::forbidden("not_signed_in", "Cán bộ chưa đăng nhập tại " + counter_label(counter));
  return c;
}

// What the counter is doing, as the officer reading the refusal would say it.
std::string_view counter_doing(CounterState state) {
  switch (state) {
    case CounterState::closed: return "quầy đang đóng";
    case CounterState::idle: return "quầy không giữ số nào";
    case CounterState::calling: return "quầy đang mời một số, chưa bắt đầu phục vụ";
    case CounterState::serving: return "quầy đang phục vụ một số";
    case CounterState::paused: return "quầy đang tạm dừng";
  }
  return "quầy đang bận";
}

Status invalid_transition(std::string_view action, CounterState from) {
  return Status::conflict("invalid_transition",
                          "Không thể " + std::string(action) + ": " + std::string(counter_doing(from)));
}

struct Decider {
  const OfficeConfig& config;
  const OfficeState& s;
  Instant now;

  Result<Decision> operator()(const IssueTicket& cmd) const {
    if (!cmd.idempotency_key.empty()) {
      if (auto it = s.idempotency.find(cmd.idempotency_key); it != s.idempotency.end()) {
        const Ticket* t = s.find_ticket(it->second);
        if (t && t->issued_service != cmd.service)
          return Status::conflict("idempotency_key_reused", "Mã yêu cầu (idempotency_key) này đã dùng để lấy số ở lĩnh vực khác");
        Decision d;
        d.ticket_id = it->second;
        d.replayed = true;
        return d;
      }
    }
    const Service* svc = config.find_service(cmd.service);
    if (!svc) return Status::not_found("unknown_service", "Không có lĩnh vực \"" + cmd.service + "\"");
    switch (service_availability(config, s, *svc, now)) {
      case ServiceAvailability::outside_hours:
        return Status::conflict("service_closed", "Lĩnh vực " + svc->name + " chỉ tiếp nhận từ " + clock_text(svc->opens_at_min) + " đến " +
                                                    clock_text(svc->closes_at_min) + "; xin mời ông/bà quay lại trong giờ tiếp nhận");
      case ServiceAvailability::full:
        return Status::conflict("service_full", "Lĩnh vực " + svc->name +
                                                 " đã hết số trong ngày; xin mời ông/bà quay lại vào ngày làm việc tiếp theo");
      case ServiceAvailability::open:
        break;
    }
    const auto& today = s.services.at(svc->code);
    const int number = today.highest_number == 0 ? svc->first_number : today.highest_number + 1;
    Event e = make_event(EventType::ticket_issued, now, s.next_ticket_id);
    e.service = svc->code;
    e.number = number;
    e.display = display_number(*svc, number);
    e.priority = cmd.priority;
    e.priority_group = cmd.priority ? cmd.priority_group : std::string{};
    e.service_day = s.service_day;
    e.public_code = cmd.public_secret.empty() ? std::string{} : public_code_of(e.ticket_id, cmd.public_secret);
    e.idempotency_key = cmd.idempotency_key;
    e.identity = cmd.identity;
    Decision d;
    d.ticket_id = e.ticket_id;
    d.events.push_back(std::move(e));
    return d;
  }

  Result<Decision> operator()(const SignIn& cmd) const {
    if (!config.find_counter(cmd.counter))
      return Status::not_found("unknown_counter", "Không có " + counter_label(cmd.counter));
    const CounterStatus* c = s.find_counter(cmd.counter);
    if (c && c->state != CounterState::closed && c->officer != cmd.officer) {
      const Officer* holder = config.find_officer(c->officer);
      return Status::conflict("counter_taken", counter_label_first(cmd.counter) + " đang do " +
                                                   (holder ? holder->display_name : c->officer) + " đăng nhập");
    }
    Decision d;
    const int elsewhere = s.counter_of_officer(cmd.officer);
    if (elsewhere != 0 && elsewhere != cmd.counter) {
      const CounterStatus* other = s.find_counter(elsewhere);
      if (other && other->ticket_id != 0)
        return Status::conflict("ticket_in_hand", "Cán bộ đang giữ một số ở " + counter_label(elsewhere) +
                                                      "; hãy kết thúc hoặc chuyển trước");
      release_counter_line(elsewhere, cmd.officer, d);
      d.events.push_back(make_event(EventType::counter_closed, now, 0, elsewhere, cmd.officer));
    }
    d.events.push_back(make_event(EventType::counter_opened, now, 0, cmd.counter, cmd.officer));
    return d;
  }

  Result<Decision> operator()(const SignOut& cmd) const {
    auto c = officer_counter(config, s, cmd.counter, cmd.officer);
    if (!c.is_ok()) return c.status();
    if (c.value()->ticket_id != 0)
      return Status::conflict("ticket_in_hand", "Hãy kết thúc hoặc chuyển số đang phục vụ trước khi đăng xuất");
    Decision d;
    release_counter_line(cmd.counter, cmd.officer, d);
    d.events.push_back(make_event(EventType::counter_closed, now, 0, cmd.counter, cmd.officer));
    return d;
  }

  Result<Decision> operator()(const CallNext& cmd) const {
    auto c = officer_counter(config, s, cmd.counter, cmd.officer);
    if (!c.is_ok()) return c.status();
    if (c.value()->state != CounterState::idle)
      return invalid_transition("gọi tiếp", c.value()->state);
    Decision d;
    const auto next = choose_next_ticket(config, s, cmd.counter, now);
    if (!next) return d;  // nobody waits
    Event e = make_event(EventType::ticket_called, now, *next, cmd.counter, cmd.officer);
    const Ticket* t = s.find_ticket(*next);
    if (t && t->state == TicketState::transferred) e.reason = "transfer";
    d.ticket_id = *next;
    d.events.push_back(std::move(e));
    return d;
  }

  // The tickets transferred to a counter that is closing go back in line for their
  // service, at the place they held (ticket.transferred, reason "counter_closed").
  void release_counter_line(int counter, const std::string& by, Decision& d) const {
    auto it = s.counter_lines.find(counter);
    if (it == s.counter_lines.end()) return;
    for (const LinePlace& place : it->second) {
      Event e = make_event(EventType::ticket_transferred, now, place.ticket_id, counter, by);
      e.reason = kCounterClosedRelease;
      d.events.push_back(std::move(e));
    }
  }

  // Actions on the ticket a counter holds, allowed from the listed counter states.
  Result<Decision> on_held_ticket(int counter, const std::string& officer, std::initializer_list<CounterState> from,
                                  std::string_view action, EventType type) const {
    auto c = officer_counter(config, s, counter, officer);
    if (!c.is_ok()) return c.status();
    const CounterStatus& cs = *c.value();
    bool allowed = false;
    for (auto st : from) allowed = allowed || cs.state == st;
    if (!allowed || cs.ticket_id == 0) return invalid_transition(action, cs.state);
    Decision d;
    d.ticket_id = cs.ticket_id;
    d.events.push_back(make_event(type, now, cs.ticket_id, counter, officer));
    return d;
  }

  Result<Decision> operator()(const Recall& cmd) const {
    return on_held_ticket(cmd.counter, cmd.officer, {CounterState::calling}, "gọi lại", EventType::ticket_recalled);
  }
  Result<Decision> operator()(const StartServing& cmd) const {
    return on_held_ticket(cmd.counter, cmd.officer, {CounterState::calling}, "bắt đầu phục vụ",
                          EventType::ticket_started);
  }
  Result<Decision> operator()(const MarkNoShow& cmd) const {
    return on_held_ticket(cmd.counter, cmd.officer, {CounterState::calling}, "đánh dấu vắng mặt",
                          EventType::ticket_no_show);
  }
  Result<Decision> operator()(const CloseTicket& cmd) const {
    auto r = on_held_ticket(cmd.counter, cmd.officer, {CounterState::serving}, "kết thúc", EventType::ticket_closed);
    if (!r.is_ok()) return r;
    r.value().events.push_back(
        make_event(EventType::vote_requested, now, r.value().ticket_id, cmd.counter, cmd.officer));
    return r;
  }

  Result<Decision> operator()(const Transfer& cmd) const {
    if (cmd.to_service.empty() && cmd.to_counter == 0)
      return Status::invalid_argument("missing_target", "Cần chọn lĩnh vực hoặc quầy để chuyển");
    auto r = on_held_ticket(cmd.counter, cmd.officer, {CounterState::calling, CounterState::serving}, "chuyển",
                            EventType::ticket_transferred);
    if (!r.is_ok()) return r;
    const Ticket* t = s.find_ticket(r.value().ticket_id);
    const std::string service = cmd.to_service.empty() ? t->service : cmd.to_service;
    if (!config.find_service(service))
      return Status::not_found("unknown_service", "Không có lĩnh vực \"" + service + "\"");
    if (cmd.to_counter != 0) {
      if (!config.find_counter(cmd.to_counter))
        return Status::not_found("unknown_counter", "Không có " + counter_label(cmd.to_counter));
      if (cmd.to_counter == cmd.counter)
        return Status::invalid_argument("same_counter", "Không thể chuyển về chính quầy này");
      if (!config.counter_serves(cmd.to_counter, service))
        return Status::invalid_argument("counter_does_not_serve",
                                        counter_label(cmd.to_counter) + " không phục vụ lĩnh vực này");
      // Nobody would call the citizen there until it opens again.
      const CounterStatus* target = s.find_counter(cmd.to_counter);
      if (!target || target->state == CounterState::closed)
        return Status::conflict("counter_closed", counter_label_first(cmd.to_counter) +
                                                      " đang đóng; hãy chuyển theo lĩnh vực hoặc chọn quầy đang mở");
    } else if (service == t->service) {
      return Status::invalid_argument("same_service", "Số này đã thuộc lĩnh vực đó; hãy chọn quầy khác");
    }
    Event& e = r.value().events.back();
    e.service = cmd.to_service.empty() ? std::string{} : service;
    e.to_counter = cmd.to_counter;
    return r;
  }

  Result<Decision> operator()(const Pause& cmd) const {
    auto c = officer_counter(config, s, cmd.counter, cmd.officer);
    if (!c.is_ok()) return c.status();
    if (c.value()->state != CounterState::idle) return invalid_transition("tạm dừng", c.value()->state);
    Decision d;
    Event e = make_event(EventType::counter_paused, now, 0, cmd.counter, cmd.officer);
    e.reason = cmd.reason;
    d.events.push_back(std::move(e));
    return d;
  }

  Result<Decision> operator()(const Resume& cmd) const {
    auto c = officer_counter(config, s, cmd.counter, cmd.officer);
    if (!c.is_ok()) return c.status();
    if (c.value()->state != CounterState::paused) return invalid_transition("tiếp tục", c.value()->state);
    Decision d;
    d.events.push_back(make_event(EventType::counter_resumed, now, 0, cmd.counter, cmd.officer));
    return d;
  }

  Result<Decision> operator()(const CloseCounter& cmd) const {
    if (!config.find_counter(cmd.counter))
      return Status::not_found("unknown_counter", "Không có " + counter_label(cmd.counter));
    const CounterStatus* c = s.find_counter(cmd.counter);
    if (!c || c->state == CounterState::closed)
      return Status::conflict("counter_closed", counter_label_first(cmd.counter) + " đã đóng");
    Decision d;
    if (c->ticket_id != 0) {
      // The citizen is still in the hall: the ticket waits again where it stood, for any
      // counter of its service.
      Event back = make_event(EventType::ticket_transferred, now, c->ticket_id, cmd.counter, cmd.supervisor);
      back.reason = kClosedBySupervisor;
      d.ticket_id = c->ticket_id;
      d.events.push_back(std::move(back));
    }
    release_counter_line(cmd.counter, cmd.supervisor, d);
    Event closed = make_event(EventType::counter_closed, now, 0, cmd.counter, cmd.supervisor);
    closed.reason = kClosedBySupervisor;
    d.events.push_back(std::move(closed));
    return d;
  }

  Result<Decision> operator()(const CancelTicket& cmd) const {
    const Ticket* t = s.find_ticket(cmd.ticket_id);
    if (!t) return Status::not_found("unknown_ticket", "Không tìm thấy số thứ tự");
    if (!is_in_line(t->state))
      return Status::conflict("invalid_transition", "Chỉ hủy được số đang chờ");
    Decision d;
    d.ticket_id = t->id;
    Event e = make_event(EventType::ticket_cancelled, now, t->id);
    e.reason = cmd.reason;
    e.officer = cmd.by;
    d.events.push_back(std::move(e));
    return d;
  }

  Result<Decision> operator()(const Reactivate& cmd) const {
    auto c = officer_counter(config, s, cmd.counter, cmd.officer);
    if (!c.is_ok()) return c.status();
    const Ticket* t = s.find_ticket(cmd.ticket_id);
    if (!t) return Status::not_found("unknown_ticket", "Không tìm thấy số thứ tự");
    if (t->state != TicketState::no_show)
      return Status::conflict("invalid_transition", "Chỉ khôi phục được số vắng mặt");
    Decision d;
    d.ticket_id = t->id;
    d.events.push_back(make_event(EventType::ticket_reactivated, now, t->id, cmd.counter, cmd.officer));
    return d;
  }

  Result<Decision> operator()(const CastVote& cmd) const {
    if (cmd.rating < 1 || cmd.rating > 4)
      return Status::invalid_argument("invalid_rating", "Mức đánh giá phải từ 1 đến 4");
    if (!cmd.reason.empty() && !is_unhappy_reason(cmd.reason))
      return Status::invalid_argument("invalid_reason", "Lý do không hợp lệ");
    if (!cmd.reason.empty() && cmd.rating != 4)
      return Status::invalid_argument("invalid_reason", "Chỉ chọn lý do khi không hài lòng");
    const Ticket* t = s.find_ticket(cmd.ticket_id);
    if (!t) return Status::not_found("unknown_ticket", "Không tìm thấy số thứ tự");
    if (t->state != TicketState::done) return Status::conflict("not_closed", "Số này chưa kết thúc");
    if (t->counter != cmd.pad_counter)
      return Status::forbidden("wrong_counter", "Số này được phục vụ ở quầy khác");
    if (t->rating != 0) return Status::conflict("already_voted", "Số này đã được đánh giá");
    if (!t->ended_at || now - *t->ended_at > std::chrono::seconds(config.policy.vote_window_s))
      return Status::conflict("vote_window_closed", "Đã hết thời gian đánh giá");
    Decision d;
    d.ticket_id = t->id;
    Event e = make_event(EventType::vote_recorded, now, t->id, t->counter, t->officer);
    e.rating = cmd.rating;
    e.reason = cmd.reason;
    d.events.push_back(std::move(e));
    return d;
  }

  Result<Decision> operator()(const Tick&) const { return Decision{}; }
};

}  // namespace

std::string display_number(const Service& service, int number) {
  if (service.prefix.empty()) return std::to_string(number);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03d", number);
  return service.prefix + buf;
}

Result<Decision> decide(const OfficeConfig& config, const OfficeState& state, const Command& command, Instant now) {
  const int today = service_day(now, config.utc_offset_minutes);
  if (today > state.service_day) {
    // The day rolled: yesterday's open tickets expire as explicit cancellations (so
    // reports read them from the log), the counters still open close (an officer who
    // forgot to sign out must not hold a counter into the new day: it would block the
    // next officer and count as serving), the new day starts, then the command is decided
    // against the fresh day.
    std::vector<Event> rollover;
    for (const auto& [id, t] : state.tickets) {
      if (is_final(t.state)) continue;
      Event expired = make_event(EventType::ticket_cancelled, now, id, t.counter, t.officer);
      expired.reason = kDayEndReason;
      rollover.push_back(std::move(expired));
    }
    for (const auto& [number, c] : state.counters) {
      if (c.state == CounterState::closed) continue;
      Event closed = make_event(EventType::counter_closed, now, 0, number, c.officer);
      closed.reason = kDayEndReason;
      rollover.push_back(std::move(closed));
    }
    Event rolled = make_event(EventType::day_started, now);
    rolled.service_day = today;
    rollover.push_back(rolled);
    OfficeState fresh = state;
    for (const auto& e : rollover) apply(config, fresh, e);
    auto r = std::visit(Decider{config, fresh, now}, command);
    if (!r.is_ok()) {
      if (!std::holds_alternative<Tick>(command)) return r;
      r = Decision{};
    }
    r.value().events.insert(r.value().events.begin(), rollover.begin(), rollover.end());
    return r;
  }
  return std::visit(Decider{config, state, now}, command);
}

}  // namespace motcua
