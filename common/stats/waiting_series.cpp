#include "stats/waiting_series.hpp"

#include <algorithm>

namespace motcua::stats {

WaitingSeries::WaitingSeries(Instant start, Instant end, Millis step)
    : start_(start), end_(end), step_(step.count() > 0 ? step : Millis{60'000}), next_point_(start + step_) {}

void WaitingSeries::advance_to(Instant t) {
  // A point at exactly t includes the events at t: only strictly earlier points go out.
  while (next_point_ < t && next_point_ <= end_) {
    const int now = static_cast<int>(in_line_.size());
    points_.push_back({next_point_, now, std::max(peak_, now)});
    peak_ = now;
    next_point_ += step_;
  }
}

void WaitingSeries::add(const EventView& e) {
  if (e.at > end_) return;
  advance_to(e.at);
  switch (e.type) {
    case EventType::day_started: in_line_.clear(); break;
    case EventType::ticket_issued:
    case EventType::ticket_transferred:
    case EventType::ticket_reactivated: in_line_.insert(e.ticket_id); break;
    case EventType::ticket_called:
    case EventType::ticket_cancelled: in_line_.erase(e.ticket_id); break;
    default: return;
  }
  peak_ = std::max(peak_, static_cast<int>(in_line_.size()));
}

std::vector<WaitingPoint> WaitingSeries::finish() {
  advance_to(end_ + Millis{1});
  if (points_.empty() || points_.back().at != end_) {
    const int now = static_cast<int>(in_line_.size());
    if (end_ > start_) points_.push_back({end_, now, std::max(peak_, now)});
  }
  return std::move(points_);
}

}  // namespace motcua::stats
