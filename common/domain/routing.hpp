// Call-next routing: which ticket a counter gets. Pure; reads the state only.
#pragma once

#include <cstdint>
#include <optional>

#include "domain/office_config.hpp"
#include "domain/office_state.hpp"

namespace motcua {

// The order, documented once:
//   1. tickets transferred to this counter, oldest place first;
//   2. the priority interleave (priority_every : normal_between), so neither side starves;
//   3. the counter's service order, or its weights (weight × wait of the oldest ticket);
//   4. the oldest place in line first (issue time, kept across transfers).
// Returns nullopt when nobody waits for this counter.
std::optional<std::int64_t> choose_next_ticket(const OfficeConfig& config, const OfficeState& state, int counter,
                                               Instant now);

}  // namespace motcua
