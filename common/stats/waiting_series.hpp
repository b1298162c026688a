// "People waiting over the day" for the dashboard chart: folds one day's events (in seq
// order) into the number of people in line sampled on a fixed grid. One owner; no I/O.
#pragma once

#include <cstdint>
#include <unordered_set>
#include <vector>

#include "stats/report_aggregator.hpp"

namespace motcua::stats {

struct WaitingPoint {
  Instant at{};
  int waiting = 0;  // in line at `at` (after every event before or at it)
  int peak = 0;     // the most in line at any moment of the step that ends at `at`
};

// In line means issued, transferred back in line or reactivated, and not yet called,
// cancelled or expired; the same "in line" as the live queue.
class WaitingSeries {
 public:
  // Points at start + k × step for every k with start + k × step ≤ end (k ≥ 1), then
  // `end` itself if it is not on the grid.
  WaitingSeries(Instant start, Instant end, Millis step);

  void add(const EventView& e);
  std::vector<WaitingPoint> finish();

 private:
  void advance_to(Instant t);  // emits the grid points before t

  Instant start_, end_;
  Millis step_;
  Instant next_point_;
  int peak_ = 0;
  std::unordered_set<std::int64_t> in_line_;
  std::vector<WaitingPoint> points_;
};

}  // namespace motcua::stats
