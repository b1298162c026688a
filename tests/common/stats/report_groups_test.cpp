// Rows by service, counter and officer on the seeded dataset (days 0..2), plus the
// attribution rules on small hand-made streams. Expected numbers are hand-computed from
// the table in seeded_dataset.cpp.
#include <gtest/gtest.h>

#include "seeded_dataset.hpp"
#include "stats/report_aggregator.hpp"

namespace motcua::stats {
namespace {

using namespace testing;
using Levels = std::array<std::int64_t, 4>;
using Reasons = std::array<std::int64_t, 5>;

Report grouped(Grouping g) { return compute_report(seeded_config(), ReportQuery{day0(), day2(), g, false}, seeded_events()); }

std::vector<std::string> keys(const Report& r) {
  std::vector<std::string> k;
  for (const auto& row : r.rows) k.push_back(row.key);
  return k;
}

TEST(ReportByService, RowsUnderTheFinalService) {
  const Report r = grouped(Grouping::by_service);
  // Config order; ldtbxh and kinh-doanh had nothing. T6 counts under chung-thuc, T16 under dat-dai.
  ASSERT_EQ(keys(r), (std::vector<std::string>{"ho-tich", "chung-thuc", "dat-dai", "tra-ket-qua"}));
  const ReportRow& ho = r.rows[0];
  EXPECT_EQ(ho.label, "Tư pháp – Hộ tịch");
  // ho-tich: T1 T2 T10 T12 T18 T19 T24
  EXPECT_EQ(ho.issued, 7);
  EXPECT_EQ(ho.served, 6);
  EXPECT_EQ(ho.unfinished, 1);  // T10
  // waits 300 420 480 720 1140 2700 (sum 5760)
  EXPECT_DOUBLE_EQ(*ho.wait.avg_s, 960);
  EXPECT_DOUBLE_EQ(*ho.wait.median_s, 480);  // 3rd of 6
  EXPECT_DOUBLE_EQ(*ho.wait.p90_s, 2700);    // ceil(5.4) = 6th
  // service 480 540 600 600 600 720 (sum 3540)
  EXPECT_DOUBLE_EQ(*ho.service.avg_s, 590);
  EXPECT_DOUBLE_EQ(*ho.service.median_s, 600);
  EXPECT_DOUBLE_EQ(*ho.service.p90_s, 720);
  EXPECT_EQ(ho.on_time, 5);  // all but T24 (2700 > 1800)
  EXPECT_EQ(ho.called, 6);
  EXPECT_EQ(ho.votes_by_level, (Levels{2, 2, 1, 0}));  // T1 T19 | T2 T12 | T18
  EXPECT_DOUBLE_EQ(*ho.satisfaction_rate, 0.8);
  EXPECT_NEAR(*ho.participation, 5.0 / 6.0, 1e-12);

  const ReportRow& ct = r.rows[1];
  // chung-thuc: T3 T4 T6 T13 T14 T20 T25
  EXPECT_EQ(ct.issued, 7);
  EXPECT_EQ(ct.served, 5);
  EXPECT_EQ(ct.cancelled, 1);   // T14
  EXPECT_EQ(ct.unfinished, 1);  // T25 expired at day end
  // waits 480 1020 1200 1200 1800 (sum 5700); service 180 180 240 300 360 (sum 1260)
  EXPECT_DOUBLE_EQ(*ct.wait.avg_s, 1140);
  EXPECT_DOUBLE_EQ(*ct.wait.median_s, 1200);
  EXPECT_DOUBLE_EQ(*ct.wait.p90_s, 1800);  // ceil(4.5) = 5th
  EXPECT_DOUBLE_EQ(*ct.service.avg_s, 252);
  EXPECT_DOUBLE_EQ(*ct.service.median_s, 240);
  EXPECT_DOUBLE_EQ(*ct.service.p90_s, 360);
  EXPECT_EQ(ct.on_time, 2);  // T3, and T6 judged by ho-tich's 30 min
  EXPECT_DOUBLE_EQ(*ct.on_time_rate, 0.4);
  EXPECT_EQ(ct.votes_by_level, (Levels{0, 1, 1, 3}));  // T6 | T4 | T3 T13 T20
  EXPECT_DOUBLE_EQ(*ct.satisfaction_rate, 0.2);
  EXPECT_DOUBLE_EQ(*ct.participation, 1.0);
  EXPECT_EQ(ct.reasons, (Reasons{0, 1, 1, 0, 1}));  // cho_lau T3, huong_dan T13, khac T20
  // linked: T3 480 ✗ [0,10); T4 1020 ✗ [10,20); T13 T20 1200 ✗ [20,30); T6 1800 ✓ [30,45)
  EXPECT_EQ(ct.linked[0].votes, 1);
  EXPECT_EQ(ct.linked[2].votes, 2);
  EXPECT_EQ(ct.linked[2].satisfied, 0);
  EXPECT_EQ(ct.linked[3].satisfied, 1);
  EXPECT_EQ(ct.linked[4].votes, 0);
  EXPECT_FALSE(ct.linked[4].satisfaction_rate.has_value());

  const ReportRow& dd = r.rows[2];
  // dat-dai: T5 T8 T15 T16 T21; waits 600 1500 1800 2700 3000
  EXPECT_EQ(dd.issued, 5);
  EXPECT_EQ(dd.served, 3);
  EXPECT_EQ(dd.no_show, 1);
  EXPECT_EQ(dd.cancelled, 1);
  EXPECT_DOUBLE_EQ(*dd.wait.median_s, 1800);
  EXPECT_DOUBLE_EQ(*dd.wait.p90_s, 3000);
  EXPECT_EQ(dd.on_time, 4);  // T5 (no-show), T8 (=45 min), T16 (by ho-tich's 30 min), T21
  EXPECT_EQ(dd.called, 5);
  EXPECT_EQ(dd.votes_by_level, (Levels{1, 0, 0, 2}));
  EXPECT_EQ(dd.reasons, (Reasons{1, 0, 0, 1, 0}));  // thai_do T8, ho_so_tra_lai T15

  const ReportRow& tk = r.rows[3];
  // tra-ket-qua: T7 T9 T11 T17 T22 T23; waits 30 120 300 600
  EXPECT_EQ(tk.issued, 6);
  EXPECT_EQ(tk.served, 3);
  EXPECT_EQ(tk.no_show, 1);
  EXPECT_EQ(tk.cancelled, 2);
  EXPECT_DOUBLE_EQ(*tk.wait.median_s, 120);
  EXPECT_DOUBLE_EQ(*tk.wait.p90_s, 600);
  EXPECT_DOUBLE_EQ(*tk.on_time_rate, 1.0);  // T9 T11 T17 (no-show) T22 of 4 called
  EXPECT_DOUBLE_EQ(*tk.satisfaction_rate, 1.0);
  EXPECT_NEAR(*tk.participation, 2.0 / 3.0, 1e-12);

  EXPECT_EQ(r.total.issued, 25);  // the total row does not depend on the grouping
  EXPECT_EQ(r.total.votes, 15);
}

TEST(ReportByCounter, AttributedToTheClosingOrMarkingCounter) {
  const Report r = grouped(Grouping::by_counter);
  // Cancelled and unfinished tickets (T7 T10 T14 T16 T23 T25) form the unassigned row, last.
  ASSERT_EQ(keys(r), (std::vector<std::string>{"1", "2", "3", "6", ""}));
  EXPECT_EQ(r.rows[0].label, "Quầy 1");
  EXPECT_EQ(r.rows[4].label, "Chưa hoàn tất hoặc đã hủy");
  // Counter 1: T1 T2 T12 T18 (T6 left it by transfer and was closed at counter 2).
  EXPECT_EQ(r.rows[0].issued, 4);
  EXPECT_EQ(r.rows[0].served, 4);
  EXPECT_EQ(r.rows[0].votes_by_level, (Levels{1, 2, 1, 0}));
  // Counter 2: T3 T4 T6 T13 (canbo2) + T19 T20 T24 (canbo1 on day 2).
  const ReportRow& c2 = r.rows[1];
  EXPECT_EQ(c2.issued, 7);
  EXPECT_EQ(c2.served, 7);
  // waits 420 480 1020 1200 1200 1800 2700
  EXPECT_DOUBLE_EQ(*c2.wait.median_s, 1200);
  EXPECT_DOUBLE_EQ(*c2.wait.p90_s, 2700);
  EXPECT_EQ(c2.on_time, 3);  // T3 T6 T19
  EXPECT_EQ(c2.votes_by_level, (Levels{1, 1, 1, 3}));
  EXPECT_NEAR(*c2.satisfaction_rate, 2.0 / 6.0, 1e-12);
  EXPECT_NEAR(*c2.participation, 6.0 / 7.0, 1e-12);
  // Counter 3: T5 (no-show) T8 T15 T21; counter 6: T9 T11 T17 (no-show) T22.
  EXPECT_EQ(r.rows[2].issued, 4);
  EXPECT_EQ(r.rows[2].no_show, 1);
  EXPECT_EQ(r.rows[3].issued, 4);
  EXPECT_EQ(r.rows[3].no_show, 1);
  EXPECT_EQ(r.rows[3].votes_by_level, (Levels{1, 1, 0, 0}));
  const ReportRow& none = r.rows[4];
  EXPECT_EQ(none.issued, 6);
  EXPECT_EQ(none.cancelled, 4);
  EXPECT_EQ(none.unfinished, 2);
  EXPECT_EQ(none.called, 1);  // T16 was called (1500 s) before its transfer and cancel
  EXPECT_DOUBLE_EQ(*none.wait.avg_s, 1500);
  EXPECT_EQ(none.on_time, 1);  // called at 1500 s, within ho-tich's 30 min
  EXPECT_EQ(none.votes, 0);
  EXPECT_FALSE(none.participation.has_value());
}

// With include_empty every counter officer gets a row, zeros and all; the leader's and
// the admin's accounts serve nobody and get none.
TEST(ReportByOfficer, EmptyRowsOnlyForCounterOfficers) {
  const Report r =
      compute_report(seeded_config(), ReportQuery{day0(), day2(), Grouping::by_officer, true}, seeded_events());
  EXPECT_EQ(keys(r), (std::vector<std::string>{"canbo1", "canbo2", "canbo3", "canbo4", "canbo5", "canbo6", ""}));
  EXPECT_EQ(r.rows[3].issued, 0);
}

TEST(ReportByOfficer, FollowsTheOfficerAcrossCounters) {
  const Report r = grouped(Grouping::by_officer);
  ASSERT_EQ(keys(r), (std::vector<std::string>{"canbo1", "canbo2", "canbo3", "canbo6", ""}));
  EXPECT_EQ(r.rows[0].label, "Nguyễn Thị Lan");
  EXPECT_EQ(r.rows[1].label, kQuotedName);
  // canbo1: T1 T2 T12 T18 at counter 1, T19 T20 T24 at counter 2.
  const ReportRow& b1 = r.rows[0];
  EXPECT_EQ(b1.issued, 7);
  EXPECT_EQ(b1.served, 7);
  // waits 300 420 480 720 1140 1200 2700
  EXPECT_DOUBLE_EQ(*b1.wait.median_s, 720);
  EXPECT_DOUBLE_EQ(*b1.wait.p90_s, 2700);
  EXPECT_EQ(b1.votes_by_level, (Levels{2, 2, 1, 1}));  // T1 T19 | T2 T12 | T18 | T20
  EXPECT_NEAR(*b1.satisfaction_rate, 4.0 / 6.0, 1e-12);
  EXPECT_EQ(b1.reasons, (Reasons{0, 0, 0, 0, 1}));
  // canbo2: T3 T4 T6 T13.
  const ReportRow& b2 = r.rows[1];
  EXPECT_EQ(b2.issued, 4);
  EXPECT_EQ(b2.votes_by_level, (Levels{0, 1, 1, 2}));
  EXPECT_DOUBLE_EQ(*b2.satisfaction_rate, 0.25);
  // canbo3 = counter 3, canbo6 = counter 6.
  EXPECT_EQ(r.rows[2].served, 3);
  EXPECT_EQ(r.rows[3].served, 3);
  EXPECT_EQ(r.rows[4].issued, 6);
}

TEST(ReportAttribution, VotesFollowTheVoteEventAndUnknownKeysAreKept) {
  // A hand-made day: ticket 1 closed at counter 1 by canbo1, but its vote.recorded names
  // counter 4 / "cu_canbo" (an officer since removed from the config): the vote goes there.
  // Ticket 2 was issued for a service no longer configured; it gets its own row.
  EventScript s;
  const int d = day0();
  s.issue(1, "ho-tich", d, "08:00:00");
  s.serve(1, 1, "canbo1", d, "08:10:00", "08:10:00", "08:20:00");
  s.vote(1, 2, "", 4, "cu_canbo", d, "08:21:00");
  s.issue(2, "cu-dich-vu", d, "08:30:00");
  s.serve(2, 1, "canbo1", d, "09:20:00", "09:20:00", "09:30:00");
  const auto events = s.take();

  const Report by_counter = compute_report(seeded_config(), ReportQuery{d, d, Grouping::by_counter}, events);
  ASSERT_EQ(keys(by_counter), (std::vector<std::string>{"1", "4"}));
  EXPECT_EQ(by_counter.rows[0].served, 2);
  EXPECT_EQ(by_counter.rows[0].votes, 0);
  EXPECT_EQ(by_counter.rows[1].served, 0);
  EXPECT_EQ(by_counter.rows[1].votes_by_level, (Levels{0, 1, 0, 0}));

  const Report by_officer = compute_report(seeded_config(), ReportQuery{d, d, Grouping::by_officer}, events);
  ASSERT_EQ(keys(by_officer), (std::vector<std::string>{"canbo1", "cu_canbo"}));
  EXPECT_EQ(by_officer.rows[1].label, "cu_canbo");  // no display name known

  const Report by_service = compute_report(seeded_config(), ReportQuery{d, d, Grouping::by_service}, events);
  ASSERT_EQ(keys(by_service), (std::vector<std::string>{"ho-tich", "cu-dich-vu"}));
  // The unknown service is judged by the default 30-minute target: 50 min waited, late.
  EXPECT_EQ(by_service.rows[1].called, 1);
  EXPECT_EQ(by_service.rows[1].on_time, 0);
  EXPECT_EQ(by_service.rows[0].on_time, 1);
}

}  // namespace
}  // namespace motcua::stats
