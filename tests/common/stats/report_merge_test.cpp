// ReportAggregator::merge: a stream cut at day_started events into parts, one aggregator
// per part, merged in order, gives the one-pass report exactly (medians and p90 included),
// for every grouping and every set of cuts. /api/reports scans its parts in parallel.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "seeded_dataset.hpp"
#include "stats/report_aggregator.hpp"
#include "stats/report_csv.hpp"

namespace motcua::stats {
namespace {

using namespace testing;

// The stream cut before the events at `cuts` (ascending; a cut at 0 or at the end leaves
// an empty part), each part into its own aggregator, merged in stream order.
Report merged_report(const OfficeConfig& config, const ReportQuery& query, const std::vector<Event>& events,
                     const std::vector<std::size_t>& cuts) {
  std::vector<ReportAggregator> parts;
  std::vector<std::size_t> ends = cuts;
  ends.push_back(events.size());
  std::size_t begin = 0;
  for (std::size_t end : ends) {
    ReportAggregator& part = parts.emplace_back(config, query);
    for (std::size_t i = begin; i < end; ++i) part.add(events[i]);
    begin = end;
  }
  for (std::size_t i = 1; i < parts.size(); ++i) parts[0].merge(std::move(parts[i]));
  return parts[0].finish();
}

// Where a stream may be cut: before each day_started, and at its end.
std::vector<std::size_t> cut_points(const std::vector<Event>& events) {
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < events.size(); ++i)
    if (events[i].type == EventType::day_started) at.push_back(i);
  at.push_back(events.size());
  return at;
}

std::vector<std::string> keys(const Report& r) {
  std::vector<std::string> k;
  for (const auto& row : r.rows) k.push_back(row.key);
  return k;
}

// Two days with keys the config does not know, first seen in a different order on each
// day: the merged rows must keep the one-pass order (cu-dich-vu, dv-chuyen, dv-moi).
std::vector<Event> unknown_keys_events() {
  EventScript s;
  const int d0 = day0(), d1 = day1();
  s.day_started(d0, "07:00:00");
  s.issue(1, "cu-dich-vu", d0, "08:00:00");
  s.serve(1, 9, "cu_canbo", d0, "08:10:00", "08:11:00", "08:20:00");
  s.vote(1, 4, "khac", 9, "cu_canbo", d0, "08:21:00");
  s.issue(2, "ho-tich", d0, "08:30:00");
  s.call(2, 1, "canbo1", d0, "08:35:00");
  s.transfer(2, "dv-chuyen", 1, "canbo1", d0, "08:40:00");
  s.serve(2, 7, "canbo_moi", d0, "08:50:00", "08:51:00", "09:00:00");
  s.day_started(d1, "00:00:15");
  s.issue(3, "dv-moi", d1, "08:00:00");
  s.serve(3, 8, "canbo_moi", d1, "08:05:00", "08:06:00", "08:30:00");
  s.vote(3, 1, "", 8, "canbo_moi", d1, "08:31:00");
  s.issue(4, "cu-dich-vu", d1, "08:10:00");
  s.call(4, 9, "cu_canbo", d1, "08:20:00");
  s.no_show(4, 9, "cu_canbo", d1, "08:25:00");
  s.issue(5, "dv-chuyen", d1, "08:40:00");
  s.cancel(5, "", d1, "08:45:00");
  return s.take();
}

struct Case {
  const char* name;
  std::vector<Event> events;
  ReportQuery query;  // grouping and include_empty are varied below
};

TEST(ReportMerge, EveryCutAtDayStartsGivesTheOnePassReport) {
  const OfficeConfig config = seeded_config();
  const std::vector<Case> cases{
      {"seeded days 0..2", seeded_events(), {day0(), day2()}},
      {"seeded, every day", seeded_events(), {day_before(), day_after()}},
      {"seeded, day 1 only", seeded_events(), {day1(), day1()}},
      {"unknown keys", unknown_keys_events(), {day0(), day1()}},
  };
  int compared = 0;
  for (const Case& c : cases) {
    const std::vector<std::size_t> points = cut_points(c.events);
    ASSERT_LE(points.size(), 12u) << "every subset is tried";
    for (Grouping g : {Grouping::by_service, Grouping::by_counter, Grouping::by_officer, Grouping::whole_office})
      for (bool include_empty : {false, true}) {
        const ReportQuery query{c.query.from_day, c.query.to_day, g, include_empty};
        const Report one_pass = compute_report(config, query, c.events);
        for (unsigned mask = 0; mask < (1u << points.size()); ++mask) {
          std::vector<std::size_t> cuts;
          for (std::size_t i = 0; i < points.size(); ++i)
            if (mask & (1u << i)) cuts.push_back(points[i]);
          const Report merged = merged_report(config, query, c.events, cuts);
          // The CSV first: on a mismatch it shows which figure differs.
          ASSERT_EQ(report_to_csv(merged), report_to_csv(one_pass)) << c.name << ", cut mask " << mask;
          ASSERT_TRUE(merged == one_pass) << c.name << ", cut mask " << mask << " (a field the CSV omits)";
          ++compared;
        }
      }
  }
  EXPECT_GT(compared, 500);
}

TEST(ReportMerge, UnknownKeysKeepTheirFirstSeenOrderAcrossParts) {
  const auto events = unknown_keys_events();
  const std::size_t day1_start = cut_points(events)[1];
  const std::vector<std::pair<Grouping, std::vector<std::string>>> table{
      // Day 1 alone would list dv-moi first and counter 8 before 9.
      {Grouping::by_service, {"cu-dich-vu", "dv-chuyen", "dv-moi"}},  // ho-tich: T2 left it
      {Grouping::by_counter, {"9", "7", "8", ""}},                     // 1 only called T2; T5 cancelled
      {Grouping::by_officer, {"cu_canbo", "canbo_moi", ""}},
  };
  for (const auto& [g, expected] : table) {
    const ReportQuery query{day0(), day1(), g, false};
    const Report merged = merged_report(seeded_config(), query, events, {day1_start});
    EXPECT_EQ(keys(merged), keys(compute_report(seeded_config(), query, events)));
    EXPECT_EQ(keys(merged), expected) << static_cast<int>(g);
  }
}

TEST(ReportMerge, SamplesAreMergedNotTheirSummaries) {
  // Day 0 waits 1, 2, 3 min; day 1 waits 10, 20 min. Merged median is the 3rd of five
  // (3 min), p90 the 5th (20 min); averaging the parts' medians (2 and 10) would give 6.
  EventScript s;
  const int d0 = day0(), d1 = day1();
  s.day_started(d0, "07:00:00");
  s.issue(1, "ho-tich", d0, "08:00:00");
  s.serve(1, 1, "canbo1", d0, "08:01:00", "08:01:00", "08:02:00");
  s.issue(2, "ho-tich", d0, "08:00:00");
  s.serve(2, 1, "canbo1", d0, "08:02:00", "08:02:00", "08:03:00");
  s.issue(3, "ho-tich", d0, "08:00:00");
  s.serve(3, 1, "canbo1", d0, "08:03:00", "08:03:00", "08:04:00");
  s.day_started(d1, "07:00:00");
  s.issue(4, "ho-tich", d1, "08:00:00");
  s.serve(4, 1, "canbo1", d1, "08:10:00", "08:10:00", "08:11:00");
  s.issue(5, "ho-tich", d1, "08:00:00");
  s.serve(5, 1, "canbo1", d1, "08:20:00", "08:20:00", "08:21:00");
  const auto events = s.take();
  const Report r =
      merged_report(seeded_config(), {d0, d1, Grouping::whole_office, false}, events, {cut_points(events)[1]});
  EXPECT_EQ(r.total.wait.count, 5);
  EXPECT_DOUBLE_EQ(*r.total.wait.median_s, 180);
  EXPECT_DOUBLE_EQ(*r.total.wait.p90_s, 1200);
  EXPECT_DOUBLE_EQ(*r.total.wait.avg_s, 432);  // (60 + 120 + 180 + 600 + 1200) / 5
}

}  // namespace
}  // namespace motcua::stats
