#include "domain/routing.hpp"

namespace motcua {
namespace {

enum class Lane { priority, normal };

const Line* lane_of(const OfficeState& s, const std::string& service, Lane lane) {
  auto it = s.lines.find(service);
  if (it == s.lines.end()) return nullptr;
  const auto& set = lane == Lane::priority ? it->second.priority : it->second.normal;
  return set.empty() ? nullptr : &set;
}

// The oldest ticket of one lane across the counter's services, by order or by weight.
std::optional<std::int64_t> pick_in_lane(const Counter& counter, const OfficeState& s, Lane lane, Instant now) {
  bool weighted = false;
  for (const auto& cs : counter.services) weighted = weighted || cs.weight > 0;
  if (!weighted) {
    for (const auto& cs : counter.services)
      if (const auto* set = lane_of(s, cs.service, lane)) return set->begin()->ticket_id;
    return std::nullopt;
  }
  std::optional<std::int64_t> best;
  double best_score = -1;
  LinePlace best_place{};
  for (const auto& cs : counter.services) {
    const auto* set = lane_of(s, cs.service, lane);
    if (!set) continue;
    const LinePlace& oldest = *set->begin();
    // +1 s so a ticket issued this instant still counts by its weight.
    const double waited_s = std::chrono::duration<double>(now - oldest.queue_at).count() + 1.0;
    const double score = waited_s * (cs.weight > 0 ? cs.weight : 1);
    if (score > best_score || (score == best_score && oldest < best_place)) {
      best_score = score;
      best = oldest.ticket_id;
      best_place = oldest;
    }
  }
  return best;
}

}  // namespace

std::optional<std::int64_t> choose_next_ticket(const OfficeConfig& config, const OfficeState& state, int counter,
                                               Instant now) {
  const Counter* cfg = config.find_counter(counter);
  const CounterStatus* status = state.find_counter(counter);
  if (!cfg || !status) return std::nullopt;

  if (auto it = state.counter_lines.find(counter); it != state.counter_lines.end() && !it->second.empty())
    return it->second.begin()->ticket_id;

  const auto priority = pick_in_lane(*cfg, state, Lane::priority, now);
  const auto normal = pick_in_lane(*cfg, state, Lane::normal, now);
  if (!priority) return normal;
  if (!normal) return priority;

  // After a priority ticket the counter owes `normal_between` normal tickets. With
  // priority_every > 1, consecutive priority calls are counted by the negative range.
  const auto& p = config.policy;
  // With normal_between == 0 nothing is owed after a priority streak, so priority keeps
  // going (1:0 means "all priority first"); without this check 1:0 behaved like 1:1.
  const int since = status->normals_since_priority;
  if (since >= p.normal_between) return priority;
  if (since < 0 && (-since < p.priority_every || p.normal_between == 0)) return priority;
  return normal;
}

}  // namespace motcua
