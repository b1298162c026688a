// The live state of one office for the current service day, rebuilt by apply()ing
// events. Owned by one writer (ticketd's office strand); readers get copies or views.
#pragma once

#include <cstdint>
#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/events.hpp"
#include "domain/model.hpp"
#include "domain/office_config.hpp"

namespace motcua {

// A place in a line: older first, then lower id. Sorting this newest-first is the bug
// other queue systems shipped; the order lives here, once.
struct LinePlace {
  Instant queue_at{};
  std::int64_t ticket_id = 0;
  friend auto operator<=>(const LinePlace&, const LinePlace&) = default;
};

// An ordered line that also answers "how many are ahead of this place" in O(log n):
// the kiosk and every status page ask that for each ticket, and a long line must not
// make each answer cost a walk through it.
using Line = __gnu_pbds::tree<LinePlace, __gnu_pbds::null_type, std::less<LinePlace>, __gnu_pbds::rb_tree_tag,
                              __gnu_pbds::tree_order_statistics_node_update>;

struct ServiceLine {
  Line priority;
  Line normal;
  std::size_t size() const { return priority.size() + normal.size(); }
};

struct ServiceToday {
  int issued = 0;
  int highest_number = 0;     // 0 = none issued yet
  double avg_service_s = 0;   // moving average; 0 = no data yet
  int served = 0;
};

struct OfficeState {
  int service_day = 0;
  std::int64_t last_seq = 0;
  std::int64_t next_ticket_id = 1;
  std::map<std::int64_t, Ticket> tickets;          // today's tickets
  std::map<int, CounterStatus> counters;
  std::map<std::string, ServiceLine> lines;        // in line for a service
  std::map<int, Line> counter_lines;               // transferred to a named counter
  std::map<std::string, ServiceToday> services;
  std::map<std::string, std::int64_t> idempotency; // today's keys

  const Ticket* find_ticket(std::int64_t id) const;
  const CounterStatus* find_counter(int number) const;
  // Which counter, if any, the officer is signed in at.
  int counter_of_officer(const std::string& username) const;
};

// A fresh office on `service_day`: all counters closed, no tickets. `next_ticket_id`
// continues from history so ids never repeat.
OfficeState initial_state(const OfficeConfig& config, int service_day, std::int64_t next_ticket_id,
                          std::int64_t last_seq);

// Folds one event into the state. Events come from decide() or from the store on
// start-up; they are trusted.
void apply(const OfficeConfig& config, OfficeState& state, const Event& event);

// Restores tickets and counters loaded from current-state tables (start-up), then
// rebuilds the lines and per-service figures.
void restore(const OfficeConfig& config, OfficeState& state, std::vector<Ticket> tickets,
             std::vector<CounterStatus> counters);

}  // namespace motcua
