// JSON views of the office, exactly as docs/API.md documents them.
// Pure functions of config and state; called on the office strand. The views on the
// hot path take a storage_ptr, so a caller that serialises at once can build them in a
// monotonic buffer instead of the heap.
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
                         TicketViewOptions options = {}, json::storage_ptr sp = {});
json::object service_status_json(const OfficeConfig& config, const OfficeState& state, const Service& s,
                                 Instant now, json::storage_ptr sp = {});
json::array services_json(const OfficeConfig& config, const OfficeState& state, Instant now,
                          json::storage_ptr sp = {});
json::object counter_json(const OfficeConfig& config, const OfficeState& state, int number,
                          json::storage_ptr sp = {});
json::array recent_calls_json(const OfficeConfig& config, const OfficeState& state,
                              const std::deque<store::RecentCall>& calls);
json::object queue_json(const OfficeConfig& config, const OfficeState& state,
                        const std::deque<store::RecentCall>& calls, Instant now);
json::object office_json(const OfficeConfig& config);
// The WebSocket message for one committed event (state is the state right after it).
json::object event_message(const OfficeConfig& config, const OfficeState& state, const Event& e, Instant now,
                           json::storage_ptr sp = {});
// Serialises a view built by `build(sp)` in a stack buffer: no heap use for the tree.
template <typename Build>
std::string serialize_in_buffer(Build&& build) {
  unsigned char buffer[16384];
  json::monotonic_resource resource(buffer, sizeof buffer);
  return json::serialize(build(json::storage_ptr(&resource)));
}

std::string error_body(const std::string& error, const std::string& message);

}  // namespace motcua
