#include "domain/office_state.hpp"

#include <algorithm>

namespace motcua {
namespace {

// Weight of the newest service time in the moving average.
constexpr double kServiceTimeSmoothing = 0.2;

void join_line(OfficeState& s, const Ticket& t) {
  const LinePlace place{t.queue_at, t.id};
  if (t.state == TicketState::transferred && t.target_counter != 0) {
    s.counter_lines[t.target_counter].insert(place);
  } else if (t.priority) {
    s.lines[t.service].priority.insert(place);
  } else {
    s.lines[t.service].normal.insert(place);
  }
}

void leave_line(OfficeState& s, const Ticket& t) {
  const LinePlace place{t.queue_at, t.id};
  if (t.state == TicketState::transferred && t.target_counter != 0) {
    auto it = s.counter_lines.find(t.target_counter);
    if (it != s.counter_lines.end()) it->second.erase(place);
    return;
  }
  auto it = s.lines.find(t.service);
  if (it == s.lines.end()) return;
  it->second.priority.erase(place);
  it->second.normal.erase(place);
}

void set_counter(OfficeState& s, int number, CounterState state, Instant at) {
  auto& c = s.counters[number];
  c.number = number;
  c.state = state;
  c.since = at;
}

void record_service_time(ServiceToday& st, double seconds) {
  st.avg_service_s = st.avg_service_s <= 0 ? seconds
                                           : st.avg_service_s * (1 - kServiceTimeSmoothing) +
                                                 seconds * kServiceTimeSmoothing;
}

}  // namespace

const Ticket* OfficeState::find_ticket(std::int64_t id) const {
  auto it = tickets.find(id);
  return it == tickets.end() ? nullptr : &it->second;
}

const CounterStatus* OfficeState::find_counter(int number) const {
  auto it = counters.find(number);
  return it == counters.end() ? nullptr : &it->second;
}

int OfficeState::counter_of_officer(const std::string& username) const {
  for (const auto& [n, c] : counters)
    if (c.state != CounterState::closed && c.officer == username) return n;
  return 0;
}

OfficeState initial_state(const OfficeConfig& config, int service_day, std::int64_t next_ticket_id,
                          std::int64_t last_seq) {
  OfficeState s;
  s.service_day = service_day;
  s.next_ticket_id = next_ticket_id;
  s.last_seq = last_seq;
  for (const auto& c : config.counters) {
    CounterStatus cs;
    cs.number = c.number;
    cs.normals_since_priority = config.policy.normal_between;  // a waiting priority goes first
    s.counters[c.number] = cs;
  }
  for (const auto& svc : config.services) s.services[svc.code] = ServiceToday{};
  return s;
}

void apply(const OfficeConfig& config, OfficeState& s, const Event& e) {
  if (e.seq > s.last_seq) s.last_seq = e.seq;
  auto ticket = [&]() -> Ticket* {
    auto it = s.tickets.find(e.ticket_id);
    return it == s.tickets.end() ? nullptr : &it->second;
  };
  switch (e.type) {
    case EventType::day_started: {
      // Yesterday's open tickets expired and its counters closed just before (decide's
      // rollover): the day starts with every counter closed and no ticket.
      OfficeState fresh = initial_state(config, e.service_day, s.next_ticket_id, s.last_seq);
      for (const auto& [code, st] : s.services) fresh.services[code].avg_service_s = st.avg_service_s;
      s = std::move(fresh);
      break;
    }
    case EventType::ticket_issued: {
      Ticket t;
      t.id = e.ticket_id;
      t.service = e.service;
      t.issued_service = e.service;
      t.number = e.number;
      t.display = e.display;
      t.service_day = e.service_day;
      t.priority = e.priority;
      t.priority_group = e.priority_group;
      t.state = TicketState::waiting;
      t.issued_at = e.at;
      t.queue_at = e.at;
      t.public_code = e.public_code;
      t.idempotency_key = e.idempotency_key;
      t.identity = e.identity;
      s.next_ticket_id = std::max(s.next_ticket_id, e.ticket_id + 1);
      auto& st = s.services[e.service];
      st.issued += 1;
      st.highest_number = std::max(st.highest_number, e.number);
      if (!e.idempotency_key.empty()) s.idempotency[e.idempotency_key] = t.id;
      join_line(s, t);
      s.tickets[t.id] = std::move(t);
      break;
    }
    case EventType::ticket_called: {
      Ticket* t = ticket();
      if (!t) break;
      leave_line(s, *t);
      if (!t->called_at) t->called_at = e.at;
      t->state = TicketState::called;
      t->counter = e.counter;
      t->officer = e.officer;
      t->target_counter = 0;
      auto& c = s.counters[e.counter];
      set_counter(s, e.counter, CounterState::calling, e.at);
      c.ticket_id = t->id;
      // Transferred tickets and recalls do not move the interleave; fresh calls do.
      // Negative values count consecutive priority calls (see routing.cpp).
      if (e.reason != "transfer") {
        if (t->priority) {
          c.normals_since_priority = c.normals_since_priority > 0 ? -1 : c.normals_since_priority - 1;
        } else {
          c.normals_since_priority = std::max(c.normals_since_priority, 0) + 1;
        }
      }
      break;
    }
    case EventType::ticket_recalled: {
      if (Ticket* t = ticket()) t->recalls += 1;
      break;
    }
    case EventType::ticket_started: {
      Ticket* t = ticket();
      if (!t) break;
      t->state = TicketState::serving;
      t->started_at = e.at;
      set_counter(s, e.counter, CounterState::serving, e.at);
      break;
    }
    case EventType::ticket_closed: {
      Ticket* t = ticket();
      if (!t) break;
      t->state = TicketState::done;
      t->ended_at = e.at;
      auto& st = s.services[t->service];
      st.served += 1;
      if (t->started_at) record_service_time(st, std::chrono::duration<double>(e.at - *t->started_at).count());
      auto& c = s.counters[e.counter];
      set_counter(s, e.counter, CounterState::idle, e.at);
      c.ticket_id = 0;
      c.served_today += 1;
      c.last_closed_ticket = t->id;
      break;
    }
    case EventType::ticket_no_show: {
      Ticket* t = ticket();
      if (!t) break;
      t->state = TicketState::no_show;
      t->ended_at = e.at;
      set_counter(s, e.counter, CounterState::idle, e.at);
      s.counters[e.counter].ticket_id = 0;
      break;
    }
    case EventType::ticket_transferred: {
      Ticket* t = ticket();
      if (!t) break;
      // Released from a closed counter's line, or handed on by the counter holding it.
      if (is_in_line(t->state)) leave_line(s, *t);
      if (!e.service.empty()) t->service = e.service;
      t->state = TicketState::transferred;
      t->target_counter = e.to_counter;
      // Only an officer's hand-on is a transfer; a ticket put back in line because its
      // counter closed (sign-out, a supervisor's force-close) was not sent anywhere.
      if (e.reason != kCounterClosedRelease && e.reason != kClosedBySupervisor) t->transfers += 1;
      t->started_at.reset();
      join_line(s, *t);
      if (auto c = s.counters.find(e.counter); c != s.counters.end() && c->second.ticket_id == t->id) {
        set_counter(s, e.counter, CounterState::idle, e.at);
        c->second.ticket_id = 0;
      }
      break;
    }
    case EventType::ticket_cancelled: {
      Ticket* t = ticket();
      if (!t) break;
      if (is_in_line(t->state)) leave_line(s, *t);
      t->state = TicketState::cancelled;
      t->ended_at = e.at;
      break;
    }
    case EventType::ticket_reactivated: {
      Ticket* t = ticket();
      if (!t) break;
      t->state = TicketState::waiting;
      t->ended_at.reset();
      t->target_counter = 0;
      join_line(s, *t);
      break;
    }
    case EventType::counter_opened: {
      auto& c = s.counters[e.counter];
      const bool keeps_work = c.officer == e.officer && c.state != CounterState::closed;
      if (!keeps_work) {
        set_counter(s, e.counter, CounterState::idle, e.at);
        c.ticket_id = 0;
        c.pause_reason.clear();
      }
      c.officer = e.officer;
      break;
    }
    case EventType::counter_closed: {
      auto& c = s.counters[e.counter];
      set_counter(s, e.counter, CounterState::closed, e.at);
      c.officer.clear();
      c.ticket_id = 0;
      c.pause_reason.clear();
      break;
    }
    case EventType::counter_paused: {
      set_counter(s, e.counter, CounterState::paused, e.at);
      s.counters[e.counter].pause_reason = e.reason;
      break;
    }
    case EventType::counter_resumed: {
      set_counter(s, e.counter, CounterState::idle, e.at);
      s.counters[e.counter].pause_reason.clear();
      break;
    }
    case EventType::vote_requested:
      break;
    case EventType::vote_recorded: {
      if (Ticket* t = ticket()) {
        t->rating = e.rating;
        t->rating_reason = e.reason;
      }
      break;
    }
  }
}

void restore(const OfficeConfig& config, OfficeState& s, std::vector<Ticket> tickets,
             std::vector<CounterStatus> counters) {
  for (auto& c : counters) {
    if (!config.find_counter(c.number)) continue;  // a counter removed from the config
    s.counters[c.number] = c;
  }
  for (auto& t : tickets) {
    // Numbering follows the block the number came from, even after a transfer.
    auto& issued = s.services[t.issued_service];
    issued.issued += 1;
    issued.highest_number = std::max(issued.highest_number, t.number);
    auto& st = s.services[t.service];
    if (t.state == TicketState::done) {
      st.served += 1;
      if (t.started_at && t.ended_at)
        record_service_time(st, std::chrono::duration<double>(*t.ended_at - *t.started_at).count());
    }
    if (!t.idempotency_key.empty()) s.idempotency[t.idempotency_key] = t.id;
    s.next_ticket_id = std::max(s.next_ticket_id, t.id + 1);
    if (is_in_line(t.state)) join_line(s, t);
    s.tickets[t.id] = std::move(t);
  }
}

}  // namespace motcua
