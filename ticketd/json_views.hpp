// JSON views of the office, exactly as docs/API.md documents them.
// Pure functions of config and state; called on the office strand. The views on the
// hot path (an event message, the issue reply) are also written straight to text.
#pragma once

#include <deque>

#include "domain/events.hpp"
#include "domain/office_config.hpp"
#include "domain/office_state.hpp"
#include "net.hpp"
#include "store/store.hpp"

namespace motcua {

struct TicketViewOptions {
  bool include_code = false;  // the status-page code: only to the kiosk that issued it and to staff
  bool replayed = false;      // adds "replayed": true (a kiosk's retry got its earlier ticket)
};

json::object ticket_json(const OfficeConfig& config, const OfficeState& state, const Ticket& t,
                         TicketViewOptions options = {});
// The same view as JSON text, written directly (the issue reply, on the hot path).
std::string ticket_json_text(const OfficeConfig& config, const OfficeState& state, const Ticket& t,
                             TicketViewOptions options = {});
json::object service_status_json(const OfficeConfig& config, const OfficeState& state, const Service& s,
                                 Instant now);
json::array services_json(const OfficeConfig& config, const OfficeState& state, Instant now);
json::object counter_json(const OfficeConfig& config, const OfficeState& state, int number);
json::array recent_calls_json(const OfficeConfig& config, const OfficeState& state,
                              const std::deque<store::RecentCall>& calls);
json::object queue_json(const OfficeConfig& config, const OfficeState& state,
                        const std::deque<store::RecentCall>& calls, Instant now);
json::object office_json(const OfficeConfig& config);
// The WebSocket message for one committed event, as JSON text (state is the state right
// after the event).
// When the event concerns a ticket and `ticket_text` is given, the ticket's view as the
// message embeds it (ticket_json_text without options) is also left there.
std::string event_message(const OfficeConfig& config, const OfficeState& state, const Event& e, Instant now,
                          std::string* ticket_text = nullptr);
// The same, appended to `out` (the hub's reused buffers).
void append_event_message(std::string& out, const OfficeConfig& config, const OfficeState& state, const Event& e,
                          Instant now, std::string* ticket_text = nullptr);
// ticket_json_text(..., {.include_code = true}) made from the view without the code: the
// issue reply reuses the text its event message already holds.
std::string ticket_text_with_code(std::string_view ticket_text, std::string_view code);

std::string error_body(const std::string& error, const std::string& message);

}  // namespace motcua
