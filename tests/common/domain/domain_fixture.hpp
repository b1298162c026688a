// Test helpers for the domain core: local Vietnamese times and an Office that folds
// decide()+apply() so a test reads like a script. Single-threaded test use only.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "domain/decide.hpp"
#include "domain/estimate.hpp"
#include "domain/office_config.hpp"
#include "domain/office_state.hpp"
#include "domain/routing.hpp"
#include "domain/time.hpp"

namespace motcua {

// gtest prints these in failure messages.
inline void PrintTo(StatusCode c, std::ostream* os) {
  static const char* names[] = {"ok", "invalid_argument", "unauthenticated", "forbidden",
                                "not_found", "conflict", "unavailable"};
  *os << names[static_cast<int>(c)];
}
inline void PrintTo(TicketState s, std::ostream* os) { *os << to_string(s); }
inline void PrintTo(CounterState s, std::ostream* os) { *os << to_string(s); }
inline void PrintTo(EventType t, std::ostream* os) { *os << to_string(t); }

}  // namespace motcua

namespace motcua::domain_test {

inline constexpr int kVietnam = 420;  // UTC+7, no daylight saving

// The service day all scripts run on unless they say otherwise (a Monday).
inline int base_day() {
  int day = 0;
  iso_to_service_day("2026-11-23", day);
  return day;
}

// Local Vietnamese wall time "HH:MM" or "HH:MM:SS" on the base day (+ day_offset days).
inline Instant at(std::string_view hhmm, int day_offset = 0) {
  int h = 0, m = 0, s = 0;
  const std::string text(hhmm);
  if (std::sscanf(text.c_str(), "%d:%d:%d", &h, &m, &s) < 2) ADD_FAILURE() << "bad time " << text;
  return start_of_service_day(base_day() + day_offset, kVietnam) + std::chrono::hours(h) +
         std::chrono::minutes(m) + std::chrono::seconds(s);
}

// An instant written in UTC: "2026-11-23T16:59:59Z".
inline Instant utc(std::string_view iso) {
  const std::string text(iso);
  int day = 0, h = 0, m = 0, s = 0;
  if (text.size() != 20 || !iso_to_service_day(text.substr(0, 10), day) ||
      std::sscanf(text.c_str() + 11, "%d:%d:%dZ", &h, &m, &s) != 3)
    ADD_FAILURE() << "bad UTC instant " << text;
  return start_of_service_day(day, 0) + std::chrono::hours(h) + std::chrono::minutes(m) +
         std::chrono::seconds(s);
}

inline std::vector<EventType> types_of(const std::vector<Event>& events) {
  std::vector<EventType> out;
  for (const auto& e : events) out.push_back(e.type);
  return out;
}

inline IssueTicket issue_of(std::string service, bool priority = false) {
  IssueTicket cmd;
  cmd.service = std::move(service);
  cmd.priority = priority;
  if (priority) cmd.priority_group = "cao_tuoi";
  return cmd;
}

// One office driven through decide() then apply(), like ticketd's writer but without I/O.
class Office {
 public:
  explicit Office(OfficeConfig config = demo_office_config(), Instant start = at("07:00"))
      : config_(std::move(config)),
        state_(initial_state(config_, service_day(start, config_.utc_offset_minutes), 1, 0)) {}

  // decide + apply; the events get consecutive seq numbers like the store gives them.
  Result<Decision> run(const Command& command, Instant now) {
    auto r = decide(config_, state_, command, now);
    if (!r.is_ok()) return r;
    for (auto& e : r.value().events) {
      e.seq = ++seq_;
      apply(config_, state_, e);
      log_.push_back(e);
    }
    return r;
  }

  // run(), expecting success.
  Decision ok(const Command& command, Instant now) {
    auto r = run(command, now);
    if (!r.is_ok()) {
      ADD_FAILURE() << "refused: " << r.status().error() << " (" << r.status().message() << ")";
      return {};
    }
    return r.value();
  }

  // decide() only, expecting a refusal; nothing is applied.
  Status refused(const Command& command, Instant now) const {
    auto r = decide(config_, state_, command, now);
    if (r.is_ok()) ADD_FAILURE() << "expected a refusal, got " << r.value().events.size() << " events";
    return r.status();
  }

  std::int64_t issue(const std::string& service, Instant now, bool priority = false) {
    return ok(issue_of(service, priority), now).ticket_id;
  }
  void sign_in(int counter, const std::string& officer, Instant now) { ok(SignIn{counter, officer}, now); }
  std::int64_t call(int counter, const std::string& officer, Instant now) {
    return ok(CallNext{counter, officer}, now).ticket_id;
  }
  // call-next, start, close: the counter ends idle again. Returns the served ticket (0 = none).
  std::int64_t serve_next(int counter, const std::string& officer, Instant now,
                          std::chrono::seconds duration = std::chrono::seconds(60)) {
    const std::int64_t id = call(counter, officer, now);
    if (id == 0) return 0;
    ok(StartServing{counter, officer}, now);
    ok(CloseTicket{counter, officer}, now + duration);
    return id;
  }

  const Ticket& ticket(std::int64_t id) const {
    static const Ticket missing{};
    const Ticket* t = state_.find_ticket(id);
    if (!t) ADD_FAILURE() << "no ticket " << id;
    return t ? *t : missing;
  }
  const CounterStatus& counter(int n) const {
    static const CounterStatus missing{};
    const CounterStatus* c = state_.find_counter(n);
    if (!c) ADD_FAILURE() << "no counter " << n;
    return c ? *c : missing;
  }
  std::string display(std::int64_t id) const { return ticket(id).display; }

  const OfficeConfig& config() const { return config_; }
  const OfficeState& state() const { return state_; }
  const std::vector<Event>& log() const { return log_; }

 private:
  OfficeConfig config_;
  OfficeState state_;
  std::vector<Event> log_;
  std::int64_t seq_ = 0;
};

// The demo office with one knob changed, for table rows.
inline OfficeConfig demo_with(const std::function<void(OfficeConfig&)>& change) {
  OfficeConfig c = demo_office_config();
  if (change) change(c);
  return c;
}

inline Service* service_of(OfficeConfig& c, const std::string& code) {
  for (auto& s : c.services)
    if (s.code == code) return &s;
  ADD_FAILURE() << "no service " << code;
  return &c.services.front();
}

inline Counter* counter_of(OfficeConfig& c, int number) {
  for (auto& k : c.counters)
    if (k.number == number) return &k;
  ADD_FAILURE() << "no counter " << number;
  return &c.counters.front();
}

}  // namespace motcua::domain_test
