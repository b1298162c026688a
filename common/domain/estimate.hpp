// Queue position and estimated wait. Pure; reads the state only.
#pragma once

#include <cstdint>

#include "domain/office_config.hpp"
#include "domain/office_state.hpp"

namespace motcua {

// Counters able to serve `service` right now (an officer signed in, not paused).
int open_counters_for(const OfficeConfig& config, const OfficeState& state, const std::string& service);
// Counters able to call this ticket right now: the named counter it was transferred to,
// or else those open for its service. 0 tells a citizen that nobody is serving the line yet.
int open_counters_for(const OfficeConfig& config, const OfficeState& state, const Ticket& ticket);

// Seconds of service assumed per citizen: the moving average, or the configured default.
double service_time_s(const OfficeConfig& config, const OfficeState& state, const std::string& service);

// people_ahead ÷ open counters × service time. With no counter open the estimate
// assumes one, so the kiosk never promises "0 phút" to a closed hall.
std::int64_t estimated_wait_s(const OfficeConfig& config, const OfficeState& state, const std::string& service,
                              std::int64_t people_ahead);

// How many are in line ahead of this ticket (0 = next); -1 when it is not in a line.
std::int64_t people_ahead(const OfficeState& state, const Ticket& ticket);

// How many are in line for the service now, those transferred to one of its counters
// by name included.
std::int64_t waiting_count(const OfficeState& state, const std::string& service);

// Longest current wait for the service, in seconds (0 when nobody waits); counts the
// same tickets as waiting_count.
std::int64_t longest_wait_s(const OfficeState& state, const std::string& service, Instant now);

enum class ServiceAvailability { open, outside_hours, full };
ServiceAvailability service_availability(const OfficeConfig& config, const OfficeState& state,
                                         const Service& service, Instant now);

}  // namespace motcua
