#include "domain/events.hpp"

#include <array>
#include <utility>

namespace motcua {
namespace {
constexpr std::array<std::pair<EventType, std::string_view>, 16> kEventTypes{{
    {EventType::day_started, "day.started"},
    {EventType::ticket_issued, "ticket.issued"},
    {EventType::ticket_called, "ticket.called"},
    {EventType::ticket_recalled, "ticket.recalled"},
    {EventType::ticket_started, "ticket.started"},
    {EventType::ticket_closed, "ticket.closed"},
    {EventType::ticket_no_show, "ticket.no_show"},
    {EventType::ticket_transferred, "ticket.transferred"},
    {EventType::ticket_cancelled, "ticket.cancelled"},
    {EventType::ticket_reactivated, "ticket.reactivated"},
    {EventType::counter_opened, "counter.opened"},
    {EventType::counter_closed, "counter.closed"},
    {EventType::counter_paused, "counter.paused"},
    {EventType::counter_resumed, "counter.resumed"},
    {EventType::vote_requested, "vote.requested"},
    {EventType::vote_recorded, "vote.recorded"},
}};
}  // namespace

std::string_view to_string(EventType t) {
  for (const auto& [v, n] : kEventTypes)
    if (v == t) return n;
  return "unknown";
}

bool parse_event_type(std::string_view s, EventType& out) {
  for (const auto& [v, n] : kEventTypes)
    if (n == s) {
      out = v;
      return true;
    }
  return false;
}

}  // namespace motcua
