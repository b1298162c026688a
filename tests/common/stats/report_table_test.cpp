// The typed cells behind both report exports: how each kind reads as CSV text, and the
// table shapes (columns, the total row, the hours and the wait buckets). Table-driven.
#include <gtest/gtest.h>

#include "seeded_dataset.hpp"
#include "stats/report_aggregator.hpp"
#include "stats/report_table.hpp"

namespace motcua::stats {
namespace {

using namespace testing;

struct CellCase {
  const char* name;
  Cell cell;
  const char* text;
};

TEST(ReportTable, EachKindReadsAsTheCsvWritesIt) {
  const std::vector<CellCase> cases{
      {"text as is", Cell::of_text("Quầy 1, tầng trệt"), "Quầy 1, tầng trệt"},
      {"count", Cell::of(CellKind::count, 17), "17"},
      {"no figure", Cell::of(CellKind::minutes, std::nullopt), ""},
      {"minutes, half away from zero", Cell::of(CellKind::minutes, 1105.5), "18.43"},
      {"minutes, whole", Cell::of(CellKind::minutes, 720), "12.00"},
      {"percent", Cell::of(CellKind::percent, 8.0 / 15.0), "53.33"},
      {"percent, all", Cell::of(CellKind::percent, 1.0), "100.00"},
      {"percent, none", Cell::of(CellKind::percent, 0.0), "0.00"},
      // 2026-11-23 08:05:09 local = 1795421109 local seconds.
      {"local time", Cell::of(CellKind::local_time, 1795421109), "2026-11-23 08:05:09"},
      {"local midnight", Cell::of(CellKind::local_time, 1795392000), "2026-11-23 00:00:00"},
      {"day", Cell::of(CellKind::day, 20415), "2025-11-23"},
      {"no time", Cell::of(CellKind::local_time, std::nullopt), ""},
  };
  for (const auto& c : cases) EXPECT_EQ(cell_text(c.cell), c.text) << c.name;
}

TEST(ReportTable, CsvRecordsQuoteAndEndInCrlf) {
  std::string out;
  append_csv_record(out, {Cell::of_text("Trần Văn Minh, \"Út\""), Cell::of(CellKind::count, 3),
                          Cell::of(CellKind::percent, std::nullopt)});
  EXPECT_EQ(out, "\"Trần Văn Minh, \"\"Út\"\"\",3,\r\n");
}

TEST(ReportTable, ShapesOfTheThreeTables) {
  struct Shape {
    Grouping grouping;
    bool total;  // the report's rows, then Tổng cộng except for the whole office
    const char* first_header;
  };
  for (const Shape& s : {Shape{Grouping::whole_office, false, "Đơn vị"}, Shape{Grouping::by_service, true, "Lĩnh vực"},
                         Shape{Grouping::by_counter, true, "Quầy"}, Shape{Grouping::by_officer, true, "Cán bộ"}}) {
    const Report r = compute_report(seeded_config(), ReportQuery{day0(), day2(), s.grouping}, seeded_events());
    const Table t = report_table(r);
    EXPECT_EQ(t.headers.size(), 29u);
    EXPECT_EQ(t.headers[0], s.first_header);
    EXPECT_EQ(t.last_row_is_total, s.total);
    EXPECT_EQ(t.rows.size(), r.rows.size() + (s.total ? 1 : 0));
    for (const auto& row : t.rows) EXPECT_EQ(row.size(), t.headers.size());
    if (s.total) {
      EXPECT_EQ(t.rows.back()[0].text, "Tổng cộng");
    }
    EXPECT_EQ(t.rows.back()[2], Cell::of(CellKind::count, 25)) << "25 issued over the three days";
  }
  const Report r = compute_report(seeded_config(), ReportQuery{day0(), day2()}, seeded_events());
  const Table hours = hourly_table(r);
  ASSERT_EQ(hours.rows.size(), 24u);
  EXPECT_EQ(hours.rows[8][0].text, "08:00–09:00");
  double issued = 0;
  for (const auto& row : hours.rows) issued += *row[1].number;
  EXPECT_EQ(issued, 25);
  const Table waits = wait_histogram_table(r);
  ASSERT_EQ(waits.rows.size(), kHistogramBuckets.size());
  EXPECT_EQ(waits.rows[0][0].text, "Dưới 5 phút");
  EXPECT_EQ(waits.rows.back()[0].text, "Từ 60 phút trở lên");
}

}  // namespace
}  // namespace motcua::stats
