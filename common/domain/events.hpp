// Events: the facts the office records. Every state change is one or more events,
// appended to the store and broadcast in seq order. Plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace motcua {

enum class EventType {
  day_started,        // a new service day: yesterday's open tickets expire, numbering restarts
  ticket_issued,
  ticket_called,
  ticket_recalled,
  ticket_started,
  ticket_closed,      // served to the end ("done")
  ticket_no_show,
  ticket_transferred,
  ticket_cancelled,
  ticket_reactivated, // a no-show back in line
  counter_opened,     // an officer signed in
  counter_closed,     // the officer signed out
  counter_paused,
  counter_resumed,
  vote_requested,     // the pad of `counter` may now rate `ticket_id`
  vote_recorded,
};

// One flat record: which fields matter depends on `type` (see docs/API.md).
struct Event {
  std::int64_t seq = 0;
  EventType type = EventType::ticket_issued;
  Instant at{};
  std::int64_t ticket_id = 0;
  int counter = 0;
  std::string officer;
  std::string service;        // issued: the service; transferred: the target service
  int number = 0;             // issued
  std::string display;        // issued: display number
  bool priority = false;      // issued
  std::string priority_group; // issued
  int to_counter = 0;         // transferred: target counter, 0 = any counter of the service
  std::string reason;         // paused / cancelled / vote reason
  int rating = 0;             // vote_recorded
  int service_day = 0;        // issued, day_started
  std::string public_code;    // issued
  std::string idempotency_key;// issued
  std::string identity;       // issued; personal data, kept out of the event log and the wire
};

// The reason on the events of a counter a supervisor closed (CloseCounter): its
// ticket.transferred back into line and its counter.closed.
inline constexpr const char* kClosedBySupervisor = "closed_by_supervisor";
// The reason on the ticket.transferred that puts a ticket transferred to a named counter
// back in its service's line when that counter closes: nobody else would call it.
inline constexpr const char* kCounterClosedRelease = "counter_closed";
// The reason on the ticket.cancelled of each ticket still open when its service day ended
// (an expiry, logged as the next day starts), and on the counter.closed of each counter
// still open then.
inline constexpr std::string_view kDayEndReason = "day_end";

std::string_view to_string(EventType t);
bool parse_event_type(std::string_view s, EventType& out);

}  // namespace motcua
