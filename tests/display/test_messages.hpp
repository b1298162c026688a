// Builders for ticketd WebSocket messages as docs/API.md shows them, for the display tests.
// Pure helpers; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

namespace motcua::display::testing {

inline constexpr std::int64_t kT0 = 1'795'410'062'123;  // ms since the epoch

struct CounterSpec {
  int number;
  std::string state = "idle";     // closed, idle, calling, serving, paused
  std::int64_t ticket_id = 0;     // 0 = no ticket
  std::string ticket_number{};
  std::string service = "ho-tich";
  std::string name{};             // empty = "Quầy <number>"
};

boost::json::object ticket_json(std::int64_t id, const std::string& number, const std::string& service,
                                const std::string& state, int counter);
boost::json::object counter_json(const CounterSpec& c);
boost::json::array services_json(int waiting_ho_tich = 3);
std::string service_name(const std::string& code);

// {"type":"snapshot",…} with the demo office's six counters idle unless given.
boost::json::object snapshot(std::int64_t seq, std::int64_t now_ms, const std::vector<CounterSpec>& counters = {},
                             const std::vector<boost::json::object>& recent_calls = {});
boost::json::object recent_call(std::int64_t seq, std::int64_t ticket_id, const std::string& number, int counter,
                                std::int64_t at, bool recall = false, const std::string& service = "ho-tich");
// {"type":"event",…}: ticket.called / ticket.recalled / ticket.started / ticket.closed / ticket.no_show …
boost::json::object event(std::int64_t seq, const std::string& type, std::int64_t at, std::int64_t ticket_id,
                          const std::string& number, int counter, const std::string& service = "ho-tich");

}  // namespace motcua::display::testing
