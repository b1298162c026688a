// CSV export: BOM, Vietnamese header, RFC 4180 quoting, fixed decimals. Expected lines are
// written out by hand from the seeded dataset's figures (see the other tests for those).
#include <gtest/gtest.h>

#include <clocale>

#include "seeded_dataset.hpp"
#include "stats/report_aggregator.hpp"
#include "stats/report_csv.hpp"

namespace motcua::stats {
namespace {

using namespace testing;

std::vector<std::string> records(const std::string& csv) {
  // Split on CRLF; our records never hold a line break inside quotes.
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < csv.size()) {
    const auto end = csv.find("\r\n", pos);
    if (end == std::string::npos) {
      out.push_back(csv.substr(pos));
      break;
    }
    out.push_back(csv.substr(pos, end - pos));
    pos = end + 2;
  }
  return out;
}

const char* kHeaderTail =
    ",Mã,Số đã cấp,Đã phục vụ,Vắng mặt,Đã hủy,Chưa hoàn tất,Đã chuyển,"
    "Thời gian chờ trung bình (phút),Thời gian chờ trung vị (phút),Thời gian chờ P90 (phút),"
    "Thời gian phục vụ trung bình (phút),Thời gian phục vụ trung vị (phút),Thời gian phục vụ P90 (phút),"
    "Số đã được gọi,Số được gọi trong thời gian chờ mục tiêu,"
    "Tỷ lệ được gọi trong thời gian chờ mục tiêu (%),Rất hài lòng,Hài lòng,Bình thường,Không hài lòng,"
    "Tổng số đánh giá,Tỷ lệ hài lòng (%),Tỷ lệ tham gia đánh giá (%),"
    "Lý do không hài lòng: Thái độ,Lý do không hài lòng: Thời gian chờ lâu,"
    "Lý do không hài lòng: Hướng dẫn không rõ,Lý do không hài lòng: Hồ sơ bị trả lại nhiều lần,"
    "Lý do không hài lòng: Khác";

TEST(ReportCsv, WholeOfficeStartsWithBomAndVietnameseHeader) {
  const Report r = compute_report(seeded_config(), ReportQuery{day0(), day2()}, seeded_events());
  const std::string csv = report_to_csv(r);
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  const auto lines = records(csv.substr(3));
  ASSERT_EQ(lines.size(), 2u);  // header + the one row; whole_office has no separate total
  EXPECT_EQ(lines[0], std::string("Đơn vị") + kHeaderTail);
  // 25 issued, 17 served, 2 no-show, 4 cancelled, 2 unfinished (one expired at day end), 2 transferred (T6, T16);
  // wait avg 1105.5 s = 18.425 min → 18.43 (half away from zero), median 720 s = 12.00, p90 2700 s = 45.00;
  // service avg 10155/17 s = 9.9559 min → 9.96, median 480 s = 8.00, p90 1500 s = 25.00;
  // on time 15/20 = 75.00 %; votes 4 4 2 5 = 15; satisfaction 8/15 = 53.33 %; participation 15/17 = 88.24 %.
  EXPECT_EQ(lines[1],
            "Trung tâm Phục vụ hành chính công phường Bến Nghé,,25,17,2,4,2,2,18.43,12.00,45.00,9.96,8.00,25.00,"
            "20,15,75.00,4,4,2,5,15,53.33,88.24,1,1,1,1,1");
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
}

TEST(ReportCsv, ByOfficerQuotesNamesAndEndsWithTotal) {
  const Report r =
      compute_report(seeded_config(), ReportQuery{day0(), day2(), Grouping::by_officer}, seeded_events());
  const auto lines = records(report_to_csv(r).substr(3));
  ASSERT_EQ(lines.size(), 7u);  // header, canbo1 canbo2 canbo3 canbo6, unassigned, total
  EXPECT_EQ(lines[0], std::string("Cán bộ") + kHeaderTail);
  // canbo2: T3 T4 T6 T13. waits 480 1020 1200 1800 → avg 1125 s = 18.75, median 2nd = 1020 s = 17.00,
  // p90 4th = 30.00; service 180 240 300 360 → avg 270 s = 4.50, median 240 s = 4.00, p90 6.00;
  // on time T3 T6 = 2/4 = 50.00; votes 0 1 1 2 = 4; satisfied 1/4 = 25.00; participation 4/4 = 100.00;
  // reasons cho_lau (T3), huong_dan_khong_ro (T13).
  EXPECT_EQ(lines[2],
            "\"Trần Văn Minh, \"\"Út\"\"\",canbo2,4,4,0,0,0,1,18.75,17.00,30.00,4.50,4.00,6.00,4,2,50.00,"
            "0,1,1,2,4,25.00,100.00,0,1,1,0,0");
  // Unassigned: T7 T10 T14 T16 T23 T25; only T16 was called (1500 s = 25.00 min), none served,
  // so service times, satisfaction and participation are empty fields; on time 1/1 = 100.00
  // (called within ho-tich's 30 min, where it was issued).
  EXPECT_EQ(lines[5], "Chưa hoàn tất hoặc đã hủy,,6,0,0,4,2,1,25.00,25.00,25.00,,,,1,1,100.00,0,0,0,0,0,,,0,0,0,0,0");
  EXPECT_EQ(lines[6].rfind("Tổng cộng,,25,17,2,4,2,2,18.43,", 0), 0u);
}

TEST(ReportCsv, EmptyRangeHasHeaderAndEmptyFigures) {
  const Report r = compute_report(seeded_config(), ReportQuery{day0() + 30, day0() + 31, Grouping::by_service},
                                  seeded_events());
  const auto lines = records(report_to_csv(r).substr(3));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], std::string("Lĩnh vực") + kHeaderTail);
  EXPECT_EQ(lines[1], "Tổng cộng,,0,0,0,0,0,0,,,,,,,0,0,,0,0,0,0,0,,,0,0,0,0,0");
}

TEST(ReportCsv, FieldQuotingFollowsRfc4180) {
  EXPECT_EQ(csv_field("Quầy 1"), "Quầy 1");
  EXPECT_EQ(csv_field(""), "");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\rhere"), "\"cr\rhere\"");
}

TEST(ReportCsv, FixedDecimalsIgnoreTheLocale) {
  // A comma-decimal locale must not leak into the file (skipped silently if not installed).
  const char* old = std::setlocale(LC_NUMERIC, nullptr);
  const std::string saved = old ? old : "C";
  std::setlocale(LC_NUMERIC, "vi_VN.UTF-8");
  EXPECT_EQ(format_fixed2(83.3333), "83.33");
  EXPECT_EQ(format_fixed2(0.0), "0.00");
  EXPECT_EQ(format_fixed2(1105.5, 1, 60), "18.43");  // 18.425 exactly: half away from zero
  EXPECT_EQ(format_fixed2(2.0 / 3.0, 100), "66.67");
  EXPECT_EQ(format_fixed2(-0.004), "0.00");
  EXPECT_EQ(format_fixed2(-1005.0, 1, 1000), "-1.01");  // −100.5 cents exactly → −101
  EXPECT_EQ(format_fixed2(std::optional<double>{}), "");
  EXPECT_EQ(format_fixed2(std::optional<double>{0.6}, 100), "60.00");
  std::setlocale(LC_NUMERIC, saved.c_str());
}

}  // namespace
}  // namespace motcua::stats
