#include "domain/estimate.hpp"

#include <algorithm>
#include <cmath>

namespace motcua {

int open_counters_for(const OfficeConfig& config, const OfficeState& state, const std::string& service) {
  int open = 0;
  for (const auto& [n, c] : state.counters) {
    if (c.state == CounterState::closed || c.state == CounterState::paused) continue;
    if (config.counter_serves(n, service)) ++open;
  }
  return open;
}

int open_counters_for(const OfficeConfig& config, const OfficeState& state, const Ticket& t) {
  if (is_in_line(t.state) && t.target_counter != 0) {
    auto it = state.counters.find(t.target_counter);
    const bool open = it != state.counters.end() && it->second.state != CounterState::closed &&
                      it->second.state != CounterState::paused;
    return open ? 1 : 0;
  }
  return open_counters_for(config, state, t.service);
}

double service_time_s(const OfficeConfig& config, const OfficeState& state, const std::string& service) {
  if (auto it = state.services.find(service); it != state.services.end() && it->second.avg_service_s > 0)
    return it->second.avg_service_s;
  const Service* s = config.find_service(service);
  return s ? s->default_service_s : 300.0;
}

std::int64_t estimated_wait_s(const OfficeConfig& config, const OfficeState& state, const std::string& service,
                              std::int64_t ahead) {
  if (ahead <= 0) return 0;
  const int open = std::max(1, open_counters_for(config, state, service));
  return static_cast<std::int64_t>(std::ceil(ahead * service_time_s(config, state, service) / open));
}

std::int64_t people_ahead(const OfficeState& state, const Ticket& t) {
  if (!is_in_line(t.state)) return -1;
  const LinePlace place{t.queue_at, t.id};
  if (t.state == TicketState::transferred && t.target_counter != 0) {
    auto it = state.counter_lines.find(t.target_counter);
    if (it == state.counter_lines.end()) return 0;
    return static_cast<std::int64_t>(it->second.order_of_key(place));
  }
  auto it = state.lines.find(t.service);
  if (it == state.lines.end()) return 0;
  // Priority tickets go ahead of every normal one; a normal ticket has all waiting
  // priority tickets ahead of it too. The interleave makes this an upper bound.
  const auto& line = it->second;
  if (t.priority) return static_cast<std::int64_t>(line.priority.order_of_key(place));
  return static_cast<std::int64_t>(line.priority.size() + line.normal.order_of_key(place));
}

namespace {
// Tickets transferred to a named counter still wait in the hall for their service; each
// counter's line is short (a few transfers), so walking them costs little.
template <typename F>
void for_each_at_named_counter(const OfficeState& state, const std::string& service, F&& f) {
  for (const auto& [counter, line] : state.counter_lines)
    for (const LinePlace& place : line)
      if (const Ticket* t = state.find_ticket(place.ticket_id); t && t->service == service) f(place);
}
}  // namespace

std::int64_t waiting_count(const OfficeState& state, const std::string& service) {
  std::int64_t n = 0;
  if (auto it = state.lines.find(service); it != state.lines.end()) n = static_cast<std::int64_t>(it->second.size());
  for_each_at_named_counter(state, service, [&](const LinePlace&) { ++n; });
  return n;
}

std::int64_t longest_wait_s(const OfficeState& state, const std::string& service, Instant now) {
  Instant oldest = now;
  if (auto it = state.lines.find(service); it != state.lines.end()) {
    if (!it->second.priority.empty()) oldest = std::min(oldest, it->second.priority.begin()->queue_at);
    if (!it->second.normal.empty()) oldest = std::min(oldest, it->second.normal.begin()->queue_at);
  }
  for_each_at_named_counter(state, service, [&](const LinePlace& p) { oldest = std::min(oldest, p.queue_at); });
  return std::chrono::duration_cast<std::chrono::seconds>(now - oldest).count();
}

ServiceAvailability service_availability(const OfficeConfig& config, const OfficeState& state,
                                         const Service& service, Instant now) {
  const int minute = local_minute_of_day(now, config.utc_offset_minutes);
  if (minute < service.opens_at_min || minute >= service.closes_at_min) return ServiceAvailability::outside_hours;
  const int block = service.last_number - service.first_number + 1;
  const int cap = service.daily_cap > 0 ? std::min(service.daily_cap, block) : block;
  auto it = state.services.find(service.code);
  const int issued = it == state.services.end() ? 0 : it->second.issued;
  const int highest = it == state.services.end() ? 0 : it->second.highest_number;
  if (issued >= cap || highest >= service.last_number) return ServiceAvailability::full;
  return ServiceAvailability::open;
}

}  // namespace motcua
