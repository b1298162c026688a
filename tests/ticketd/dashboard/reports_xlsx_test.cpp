// GET /api/reports?format=xlsx through the real daemon after the scripted day, read back by
// an independent reader (openpyxl, tests/ticketd/dashboard/xlsx_to_json.py): every cell of
// the workbook is the CSV's value as a number with its format, so Excel under any regional
// setting shows the same figures; dates and times are real dates; the identity rule holds.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cmath>
#include <fstream>
#include <iterator>

#include "child_process.hpp"
#include "daemon_process.hpp"
#include "dashboard_test_support.hpp"
#include "temp_dir.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// "2026-11-24" → "24/11/2026".
std::string dmy(const std::string& iso) { return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4); }

class ReportsXlsx : public ScriptedDayTest {
 protected:
  static std::string query(const std::string& extra) {
    return "/api/reports?from=" + today_ + "&to=" + today_ + extra;
  }
  // The workbook as openpyxl reads it.
  static json::object read_workbook(const std::string& bytes) {
    TempDir dir("motcua-xlsx");
    {
      std::ofstream(dir.file("in.xlsx"), std::ios::binary) << bytes;
    }
    ChildProcess reader("/usr/bin/python3", {MOTCUA_XLSX_TO_JSON, dir.file("in.xlsx"), dir.file("out.json")}, {},
                        dir.file("reader.log"));
    EXPECT_TRUE(reader.start());
    const auto code = reader.wait_exit(std::chrono::seconds(30));
    EXPECT_EQ(code, std::optional<int>(0)) << reader.log();
    std::ifstream in(dir.file("out.json"));
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.empty()) return {};
    return json::parse(text).as_object();
  }
  static const json::object& sheet(const json::object& book, const std::string& name) {
    for (const auto& s : book.at("sheets").as_array())
      if (s.at("name").as_string() == name) return s.as_object();
    ADD_FAILURE() << "no sheet " << name;
    static const json::object empty{{"rows", json::array{}}, {"freeze", nullptr}, {"name", ""}};
    return empty;
  }
  static std::string text(const json::value& cell) {
    const auto& v = cell.at("v");
    return v.is_string() ? std::string(v.as_string()) : std::string();
  }
};

// Row 0 the office, row 1 what and which days, row 2 when it was made, row 4 the header.
constexpr std::size_t kHeaderRow = 4;

TEST_F(ReportsXlsx, EveryCellIsTheCsvValueAsANumberWithItsFormat) {
  for (const std::string group : {"service", "counter", "officer", "office"}) {
    SCOPED_TRACE(group);
    auto csv_reply = raw_get(daemon_->port(), query("&group=" + group + "&format=csv"), day_.supervisor_token);
    ASSERT_EQ(csv_reply.status, 200);
    const auto csv = parse_csv(csv_reply.body.substr(3));
    auto r = raw_get(daemon_->port(), query("&group=" + group + "&format=xlsx"), day_.supervisor_token);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.headers["content-type"], kXlsxType);
    EXPECT_NE(r.headers["content-disposition"].find("attachment; filename=\"bao-cao-" + today_ + "_" + today_),
              std::string::npos);
    EXPECT_NE(r.headers["content-disposition"].find(".xlsx\""), std::string::npos);
    const json::object book = read_workbook(r.body);
    if (book.empty()) return;
    const auto& report = sheet(book, "Báo cáo");
    EXPECT_EQ(report.at("freeze"), json::value("B6")) << "the header and the names stay in view";
    const auto& rows = report.at("rows").as_array();
    EXPECT_EQ(text(rows[0].as_array()[0]), "Trung tâm Phục vụ hành chính công phường Bến Nghé");
    EXPECT_NE(text(rows[1].as_array()[0]).find("từ ngày " + dmy(today_) + " đến ngày " + dmy(today_)), std::string::npos);
    EXPECT_TRUE(text(rows[2].as_array()[0]).starts_with("Lập lúc "));
    ASSERT_EQ(rows.size(), kHeaderRow + csv.size());
    for (std::size_t i = 0; i < csv.size(); ++i) {
      const auto& cells = rows[kHeaderRow + i].as_array();
      ASSERT_EQ(cells.size(), csv[i].size()) << "row " << i;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        SCOPED_TRACE("row " + std::to_string(i) + " column " + std::to_string(c) + " " + csv[0][c]);
        const json::object& cell = cells[c].as_object();
        const std::string& want = csv[i][c];
        if (i == 0 || c < 2) {
          EXPECT_EQ(text(cell), want) << "headers, names and keys are text";
          continue;
        }
        if (want.empty()) {
          EXPECT_TRUE(cell.at("v").is_null()) << "no data is an empty cell, not 0";
          continue;
        }
        ASSERT_EQ(cell.at("t"), json::value("n")) << "a figure is a number, whatever the PC's decimal sign";
        const double v = cell.at("v").to_number<double>();
        const std::string format(cell.at("f").as_string());
        if (csv[0][c].ends_with("(%)")) {
          EXPECT_EQ(format, "0.00%");
          EXPECT_NEAR(v * 100, std::stod(want), 0.0051);
        } else if (csv[0][c].ends_with("(phút)")) {
          EXPECT_EQ(format, "0.00");
          EXPECT_NEAR(v, std::stod(want), 0.0051);
        } else {
          EXPECT_EQ(format, "0");
          EXPECT_EQ(v, std::stod(want));
        }
      }
    }
    const bool has_total = group != "office";
    EXPECT_EQ(text(rows.back().as_array()[0]), has_total ? "Tổng cộng" : "Trung tâm Phục vụ hành chính công phường Bến Nghé");
    EXPECT_EQ(rows.back().as_array()[2].at("b").as_bool(), has_total) << "the total line is bold";
  }
}

TEST_F(ReportsXlsx, HoursAndWaitsHaveSheetsOfTheirOwnThatAgreeWithTheJson) {
  auto j = raw_get(daemon_->port(), query(""), day_.supervisor_token);
  ASSERT_EQ(j.status, 200);
  const json::value rep = json::parse(j.body);
  auto r = raw_get(daemon_->port(), query("&format=xlsx"), day_.supervisor_token);
  ASSERT_EQ(r.status, 200);
  const json::object book = read_workbook(r.body);
  if (book.empty()) return;
  ASSERT_EQ(book.at("sheets").as_array().size(), 3u);
  const auto& hours = sheet(book, "Theo giờ").at("rows").as_array();
  ASSERT_EQ(hours.size(), kHeaderRow + 1 + 24);
  EXPECT_EQ(text(hours[kHeaderRow + 1 + 9].as_array()[0]), "09:00–10:00");
  for (int h = 0; h < 24; ++h) {
    const auto& cells = hours[kHeaderRow + 1 + static_cast<std::size_t>(h)].as_array();
    EXPECT_EQ(cells[1].at("v").to_number<double>(), rep.at("issued_per_hour").as_array()[h].as_int64()) << h;
    EXPECT_EQ(cells[2].at("v").to_number<double>(), rep.at("calls_per_hour").as_array()[h].as_int64()) << h;
  }
  const auto& waits = sheet(book, "Thời gian chờ").at("rows").as_array();
  const auto& histogram = rep.at("wait_histogram").as_array();
  ASSERT_EQ(waits.size(), kHeaderRow + 1 + histogram.size());
  double total = 0;
  for (std::size_t i = 0; i < histogram.size(); ++i) {
    const auto& cells = waits[kHeaderRow + 1 + i].as_array();
    EXPECT_EQ(text(cells[0]), histogram[i].at("label").as_string());
    EXPECT_EQ(cells[1].at("v").to_number<double>(), histogram[i].at("count").as_int64());
    total += cells[1].at("v").to_number<double>();
  }
  EXPECT_EQ(total, 5) << "the five tickets called";
}

TEST_F(ReportsXlsx, TheTicketListHasRealDatesAndTimes) {
  auto csv_reply = raw_get(daemon_->port(), query("&detail=tickets&format=csv"), day_.supervisor_token);
  ASSERT_EQ(csv_reply.status, 200);
  const auto csv = parse_csv(csv_reply.body.substr(3));
  auto r = raw_get(daemon_->port(), query("&detail=tickets&format=xlsx"), day_.supervisor_token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.headers["content-disposition"].find("filename=\"ve-" + today_ + "_" + today_ + ".xlsx\""),
            std::string::npos);
  EXPECT_EQ(r.body.find("0912345678"), std::string::npos);
  const json::object book = read_workbook(r.body);
  if (book.empty()) return;
  const auto& rows = sheet(book, "Danh sách số").at("rows").as_array();
  ASSERT_EQ(rows.size(), kHeaderRow + csv.size());  // header + 7 tickets
  for (std::size_t i = 1; i < csv.size(); ++i) {
    const auto& cells = rows[kHeaderRow + i].as_array();
    ASSERT_EQ(cells.size(), csv[i].size());
    // The day and the four times are dates Excel can sort and subtract; the CSV's text is the same moment.
    EXPECT_EQ(cells[1].at("t"), json::value("d"));
    EXPECT_EQ(cells[1].at("f"), json::value("dd/mm/yyyy"));
    EXPECT_EQ(std::string(cells[1].at("v").as_string()), csv[i][1] + " 00:00:00");
    for (std::size_t c = 7; c <= 10; ++c) {
      if (csv[i][c].empty()) {
        EXPECT_TRUE(cells[c].at("v").is_null());
        continue;
      }
      EXPECT_EQ(cells[c].at("t"), json::value("d")) << csv[0][c];
      EXPECT_EQ(cells[c].at("f"), json::value("dd/mm/yyyy hh:mm:ss"));
      EXPECT_EQ(std::string(cells[c].at("v").as_string()), csv[i][c]) << csv[0][c];
    }
    EXPECT_EQ(text(cells[2]), csv[i][2]) << "the number stays text: 0001 keeps its zeros";
    EXPECT_EQ(text(cells[6]), csv[i][6]);
    if (!csv[i][11].empty()) {
      EXPECT_EQ(cells[11].at("v").to_number<double>(), std::stod(csv[i][11])) << "wait in s";
    }
  }
  auto supervisor = raw_get(daemon_->port(), query("&detail=tickets&format=xlsx&include_identity=1"),
                            day_.supervisor_token);
  EXPECT_EQ(supervisor.status, 403);
  auto admin = raw_get(daemon_->port(), query("&detail=tickets&format=xlsx&include_identity=1"), day_.admin_token);
  ASSERT_EQ(admin.status, 200);
  EXPECT_NE(admin.headers["content-disposition"].find("-ca-nhan.xlsx"), std::string::npos);
  const json::object with_identity = read_workbook(admin.body);
  if (with_identity.empty()) return;
  const auto& header = sheet(with_identity, "Danh sách số").at("rows").as_array()[kHeaderRow].as_array();
  EXPECT_EQ(text(header.back()), "Thông tin cá nhân");
}

TEST_F(ReportsXlsx, OnlySupervisorsAndAdminsGetAWorkbook) {
  EXPECT_EQ(raw_get(daemon_->port(), query("&format=xlsx"), day_.officer_token).status, 403);
  EXPECT_EQ(raw_get(daemon_->port(), query("&format=xlsx")).status, 401);
  auto r = raw_get(daemon_->port(), query("&format=pdf"), day_.supervisor_token);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body).at("error").as_string(), "invalid_field");
}

}  // namespace
}  // namespace motcua::testing
