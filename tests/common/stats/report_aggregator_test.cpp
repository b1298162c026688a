// Whole-office figures, day boundaries and empty ranges on the seeded dataset.
// Every expected number is a literal computed by hand from the table in seeded_dataset.cpp.
#include <gtest/gtest.h>

#include "seeded_dataset.hpp"
#include "stats/report_aggregator.hpp"

namespace motcua::stats {
namespace {

using namespace testing;

Report office_report(int from, int to) {
  return compute_report(seeded_config(), ReportQuery{from, to, Grouping::whole_office, false}, seeded_events());
}

TEST(ReportWholeOffice, CountsOverThreeDays) {
  const Report r = office_report(day0(), day2());
  ASSERT_EQ(r.rows.size(), 1u);
  const ReportRow& t = r.total;
  // T1..T25; T0 (day before) and T26 (day after) stay out.
  EXPECT_EQ(t.issued, 25);
  // served: T1 2 3 4 6 8 9 11 12 13 15 18 19 20 21 22 24 = 17 (T12 was a no-show first, then served)
  EXPECT_EQ(t.served, 17);
  EXPECT_EQ(t.no_show, 2);     // T5, T17
  EXPECT_EQ(t.cancelled, 4);   // T7, T14, T16, T23
  // T10 still open; T25 expired at day end ("day_end"): nobody cancelled it.
  EXPECT_EQ(t.unfinished, 2);
  EXPECT_EQ(t.transferred, 2);  // T6, T16 (handed on by canbo1)
  EXPECT_EQ(r.rows[0].issued, 25);
  EXPECT_EQ(r.rows[0].label, "Trung tâm Phục vụ hành chính công phường Bến Nghé");
}

TEST(ReportWholeOffice, WaitTimes) {
  const ReportRow t = office_report(day0(), day2()).total;
  // 20 tickets were called (all but T7 T10 T14 T23 T25). Waits in s, sorted:
  // 30 120 300 300 420 480 480 600 600 720 1020 1140 1200 1200 1500 1800 1800 2700 2700 3000
  EXPECT_EQ(t.wait.count, 20);
  EXPECT_DOUBLE_EQ(*t.wait.avg_s, 1105.5);   // sum 22110 / 20
  EXPECT_DOUBLE_EQ(*t.wait.median_s, 720);   // nearest rank ceil(0.5·20) = 10th
  EXPECT_DOUBLE_EQ(*t.wait.p90_s, 2700);     // ceil(0.9·20) = 18th
}

TEST(ReportWholeOffice, ServiceTimes) {
  const ReportRow t = office_report(day0(), day2()).total;
  // 17 served; T6 counts only its final segment (08:51→08:57 = 360 s). Sorted:
  // 15 120 120 180 180 240 300 360 480 540 600 600 600 720 1200 1500 2400 (sum 10155)
  EXPECT_EQ(t.service.count, 17);
  EXPECT_NEAR(*t.service.avg_s, 597.352941, 1e-5);  // 10155 / 17
  EXPECT_DOUBLE_EQ(*t.service.median_s, 480);       // ceil(8.5) = 9th
  EXPECT_DOUBLE_EQ(*t.service.p90_s, 1500);         // ceil(15.3) = 16th
}

TEST(ReportWholeOffice, OnTime) {
  const ReportRow t = office_report(day0(), day2()).total;
  // First called within the issue service's target: T1 T2 T3 T6 T8 T9 T11 T12 T18 T19 T21 T22,
  // and the no-shows T5 T17 and the cancelled T16, which were called in time too = 15.
  // T6 waited 1800 s: on time against ho-tich (30 min) where it waited, not chung-thuc (15).
  // T8 (2700 = 45 min) and T22 (600 = 10 min) sit exactly on their targets: ≤ counts.
  EXPECT_EQ(t.on_time, 15);
  EXPECT_EQ(t.called, 20);  // the same tickets: called at least once (no-shows, T16 included)
  EXPECT_DOUBLE_EQ(*t.on_time_rate, 0.75);
}

TEST(ReportWholeOffice, Satisfaction) {
  const ReportRow t = office_report(day0(), day2()).total;
  // level 1: T1 T11 T19 T21; 2: T2 T6 T12 T22; 3: T4 T18; 4: T3 T8 T13 T15 T20
  EXPECT_EQ(t.votes_by_level, (std::array<std::int64_t, 4>{4, 4, 2, 5}));
  EXPECT_EQ(t.votes, 15);
  EXPECT_NEAR(*t.satisfaction_rate, 8.0 / 15.0, 1e-12);
  EXPECT_NEAR(*t.participation, 15.0 / 17.0, 1e-12);
  // thai_do T8, cho_lau T3, huong_dan_khong_ro T13, ho_so_tra_lai T15, khac T20
  EXPECT_EQ(t.reasons, (std::array<std::int64_t, 5>{1, 1, 1, 1, 1}));
}

TEST(ReportWholeOffice, LinkedSatisfactionAgainstWait) {
  const ReportRow t = office_report(day0(), day2()).total;
  // [0,10): T1 300 s✓ T3 480 ✗ T11 120 ✓ T18 480 ✗(3) T19 420 ✓  → 5 votes, 3 satisfied
  // [10,20): T2 1140 ✓ T4 1020 ✗ T12 720 ✓ T21 600 ✓ T22 600 ✓    → 5, 4 (600 s = 10:00 opens this bucket)
  // [20,30): T13 1200 ✗ T20 1200 ✗                                → 2, 0
  // [30,45): T6 1800 ✓                                            → 1, 1
  // ≥45: T8 2700 ✗ T15 3000 ✗                                     → 2, 0
  const std::array<std::int64_t, 5> votes{5, 5, 2, 1, 2}, satisfied{3, 4, 0, 1, 0};
  for (std::size_t b = 0; b < 5; ++b) {
    EXPECT_EQ(t.linked[b].votes, votes[b]) << b;
    EXPECT_EQ(t.linked[b].satisfied, satisfied[b]) << b;
  }
  EXPECT_NEAR(*t.linked[0].satisfaction_rate, 0.6, 1e-12);
  EXPECT_NEAR(*t.linked[1].satisfaction_rate, 0.8, 1e-12);
  EXPECT_DOUBLE_EQ(*t.linked[2].satisfaction_rate, 0.0);
  EXPECT_DOUBLE_EQ(*t.linked[3].satisfaction_rate, 1.0);
  EXPECT_EQ(bucket_label(kLinkedBuckets[0]), "Dưới 10 phút");
  EXPECT_EQ(bucket_label(kLinkedBuckets[1]), "10–20 phút");
  EXPECT_EQ(bucket_label(kLinkedBuckets[4]), "Từ 45 phút trở lên");
}

TEST(ReportWholeOffice, HourlyAndHistogram) {
  const Report r = office_report(day0(), day2());
  // Issued by local hour: 0: T11; 8: 6 (day0) + 3 + 3; 9: 2 + 2 + 3; 10: T10 T17 T25; 11: T18; 23: T9.
  std::array<std::int64_t, 24> issued{};
  issued[0] = 1, issued[8] = 12, issued[9] = 7, issued[10] = 3, issued[11] = 1, issued[23] = 1;
  EXPECT_EQ(r.issued_per_hour, issued);
  // Calls (ticket.called, recalls excluded): 20 first calls + T6 after its transfer + T12 after
  // reactivation. 8: day0 T1 T2 T3 T4 T5 T6 T6, day1 T12 T12 T13, day2 T19 T20 T21 = 13;
  // 9: T8, T15 T16, T22 = 4; 10: T17 T24; 11: T18; 0: T11; 23: T9.
  std::array<std::int64_t, 24> calls{};
  calls[0] = 1, calls[8] = 13, calls[9] = 4, calls[10] = 2, calls[11] = 1, calls[23] = 1;
  EXPECT_EQ(r.calls_per_hour, calls);
  // Waits in minutes: 0.5 2 | 5 5 7 8 8 | 10 10 12 | 17 19 | 20 20 25 | 30 30 | 45 45 50 | –
  EXPECT_EQ(r.wait_histogram, (std::array<std::int64_t, 8>{2, 5, 3, 2, 3, 2, 3, 0}));
}

TEST(ReportDayBoundary, TicketAt2359LocalStaysOnItsDay) {
  // Day 0 alone: T1..T10, including T9 issued 23:59 local (16:59Z).
  const Report r = office_report(day0(), day0());
  const ReportRow& t = r.total;
  EXPECT_EQ(t.issued, 10);
  EXPECT_EQ(t.served, 7);  // T1 T2 T3 T4 T6 T8 T9
  EXPECT_EQ(t.no_show, 1);
  EXPECT_EQ(t.cancelled, 1);
  EXPECT_EQ(t.unfinished, 1);
  // Waits sorted: 30 300 480 1020 1140 1800 1800 2700, sum 9270.
  EXPECT_DOUBLE_EQ(*t.wait.avg_s, 1158.75);
  EXPECT_DOUBLE_EQ(*t.wait.median_s, 1020);  // 4th of 8: nearest rank takes the lower middle
  EXPECT_DOUBLE_EQ(*t.wait.p90_s, 2700);     // ceil(7.2) = 8th
  EXPECT_EQ(t.on_time, 7);                   // T1 T2 T3 T5 T6 T8 T9
  EXPECT_DOUBLE_EQ(*t.on_time_rate, 0.875);  // 7 / 8
  EXPECT_EQ(t.votes, 6);
  EXPECT_DOUBLE_EQ(*t.satisfaction_rate, 0.5);  // T1 T2 T6 of T1 T2 T3 T4 T6 T8
  EXPECT_EQ(r.issued_per_hour[23], 1);
  EXPECT_EQ(r.issued_per_hour[0], 0);  // T11 (00:01 local, same UTC date) is day 1
  EXPECT_EQ(r.calls_per_hour[8], 7);
}

TEST(ReportDayBoundary, TicketAt0001LocalStartsTheNextDay) {
  // Day 1 alone: T11..T18. T11 was issued 00:01 local = 17:01Z, the UTC date of day 0.
  const ReportRow t = office_report(day1(), day1()).total;
  EXPECT_EQ(t.issued, 8);
  EXPECT_EQ(t.served, 5);     // T11 T12 T13 T15 T18
  EXPECT_EQ(t.no_show, 1);    // T17 (T12's no-show was undone by reactivation)
  EXPECT_EQ(t.cancelled, 2);  // T14, T16
  EXPECT_EQ(t.unfinished, 0);
  // Waits sorted: 120 300 480 720 1200 1500 3000.
  EXPECT_EQ(t.wait.count, 7);
  EXPECT_DOUBLE_EQ(*t.wait.median_s, 720);  // ceil(3.5) = 4th
  EXPECT_DOUBLE_EQ(*t.wait.p90_s, 3000);    // ceil(6.3) = 7th
  EXPECT_EQ(t.on_time, 5);                  // T11 T12 T16 T17 T18
}

TEST(ReportDayBoundary, NeighbourDaysHoldOneTicketEach) {
  // T0 issued 23:59 local the day before; T26 issued 00:00:30 local the day after
  // (17:00:30Z, the UTC date of day 2): each is alone on its day.
  const ReportRow before = office_report(day_before(), day_before()).total;
  EXPECT_EQ(before.issued, 1);
  EXPECT_EQ(before.served, 1);
  EXPECT_EQ(before.votes_by_level, (std::array<std::int64_t, 4>{0, 0, 0, 1}));
  const ReportRow after = office_report(day_after(), day_after()).total;
  EXPECT_EQ(after.issued, 1);
  EXPECT_DOUBLE_EQ(*after.wait.avg_s, 60);
  EXPECT_EQ(after.votes_by_level, (std::array<std::int64_t, 4>{1, 0, 0, 0}));
  // The whole five days: 25 + 2.
  EXPECT_EQ(office_report(day_before(), day_after()).total.issued, 27);
}

TEST(ReportEmptyRange, NoTicketsGivesZerosAndNoRates) {
  for (auto [from, to] : {std::pair{day0() + 10, day0() + 20}, std::pair{day2(), day0()}}) {
    const Report r = office_report(from, to);
    ASSERT_EQ(r.rows.size(), 1u);
    const ReportRow& t = r.total;
    EXPECT_EQ(t.issued, 0);
    EXPECT_EQ(t.served + t.no_show + t.cancelled + t.unfinished + t.votes + t.called, 0);
    EXPECT_FALSE(t.wait.avg_s.has_value());
    EXPECT_FALSE(t.wait.median_s.has_value());
    EXPECT_FALSE(t.service.p90_s.has_value());
    EXPECT_FALSE(t.on_time_rate.has_value());
    EXPECT_FALSE(t.satisfaction_rate.has_value());
    EXPECT_FALSE(t.participation.has_value());
    EXPECT_EQ(r.issued_per_hour, (std::array<std::int64_t, 24>{}));
    EXPECT_EQ(r.wait_histogram, (std::array<std::int64_t, 8>{}));
  }
  const auto by_service =
      compute_report(seeded_config(), ReportQuery{day0() + 10, day0() + 20, Grouping::by_service, false}, seeded_events());
  EXPECT_TRUE(by_service.rows.empty());
  const auto with_empty =
      compute_report(seeded_config(), ReportQuery{day0() + 10, day0() + 20, Grouping::by_service, true}, seeded_events());
  ASSERT_EQ(with_empty.rows.size(), 6u);  // every configured service, in config order
  EXPECT_EQ(with_empty.rows[0].key, "ho-tich");
  EXPECT_EQ(with_empty.rows[5].key, "tra-ket-qua");
  EXPECT_EQ(with_empty.rows[5].issued, 0);
}

TEST(ReportStreaming, WorksWithoutDayStartedEvents) {
  // Without day_started events the window just grows; figures are the same.
  std::vector<Event> events;
  for (auto& e : seeded_events())
    if (e.type != EventType::day_started) events.push_back(e);
  const ReportRow t = compute_report(seeded_config(), ReportQuery{day0(), day2()}, events).total;
  EXPECT_EQ(t.issued, 25);
  EXPECT_EQ(t.served, 17);
  EXPECT_DOUBLE_EQ(*t.wait.avg_s, 1105.5);
  EXPECT_EQ(t.votes, 15);
}

TEST(ReportPercentile, NearestRankDefinition) {
  std::vector<std::int32_t> one{7000};
  auto d = summarize_ms(one, 7000);
  EXPECT_DOUBLE_EQ(*d.median_s, 7);
  EXPECT_DOUBLE_EQ(*d.p90_s, 7);
  // 1..10 s: median = 5th (5 s), p90 = 9th (9 s); 1..11 s: median 6th, p90 ceil(9.9) = 10th.
  std::vector<std::int32_t> ten{10000, 9000, 8000, 7000, 6000, 5000, 4000, 3000, 2000, 1000};
  d = summarize_ms(ten, 55000);
  EXPECT_DOUBLE_EQ(*d.median_s, 5);
  EXPECT_DOUBLE_EQ(*d.p90_s, 9);
  EXPECT_DOUBLE_EQ(*d.avg_s, 5.5);
  std::vector<std::int32_t> eleven{11000, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000};
  d = summarize_ms(eleven, 66000);
  EXPECT_DOUBLE_EQ(*d.median_s, 6);
  EXPECT_DOUBLE_EQ(*d.p90_s, 10);
}

}  // namespace
}  // namespace motcua::stats
