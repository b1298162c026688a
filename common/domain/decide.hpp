// decide(): the office's rules. A command and the current state go in; events (or a
// refusal) come out. Pure: no clock, no I/O, no randomness.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/commands.hpp"
#include "domain/events.hpp"
#include "domain/office_config.hpp"
#include "domain/office_state.hpp"
#include "domain/status.hpp"

namespace motcua {

struct Decision {
  std::vector<Event> events;   // seq is left 0; the writer numbers them
  std::int64_t ticket_id = 0;  // the ticket the command concerns, 0 = none (call-next: nobody waits)
  bool replayed = false;       // an idempotent retry: nothing new happened
};

Result<Decision> decide(const OfficeConfig& config, const OfficeState& state, const Command& command, Instant now);

// The display number of ticket `number` in `service` ("1023", or "A023" with a prefix).
std::string display_number(const Service& service, int number);

}  // namespace motcua
