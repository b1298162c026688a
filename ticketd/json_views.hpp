// JSON views of the office, exactly as docs/API.md documents them.
// Pure functions of config and state; called on the office strand.
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
};

json::object ticket_json(const OfficeConfig& config, const OfficeState& state, const Ticket& t,
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
// The WebSocket message for one committed event (state is the state right after it).
json::object event_message(const OfficeConfig& config, const OfficeState& state, const Event& e, Instant now);

std::string error_body(const std::string& error, const std::string& message);

}  // namespace motcua
