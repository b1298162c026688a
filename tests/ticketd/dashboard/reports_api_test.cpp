// GET /api/reports through the real daemon after a scripted day: the JSON figures by
// service, counter and officer, the CSV export equal to the JSON, roles, and the rule
// that personal data leaves only on an admin's explicit request.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "daemon_process.hpp"
#include "dashboard_test_support.hpp"
#include "stats/report_csv.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;

class ReportsApi : public ScriptedDayTest {
 protected:
  static json::value report(const std::string& group, const std::string& extra = "") {
    auto r = raw_get(daemon_->port(), "/api/reports?from=" + today_ + "&to=" + today_ + "&group=" + group + extra,
                     day_.supervisor_token);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }
  static const json::object& row(const json::value& rep, const std::string& key) {
    for (const auto& r : rep.at("rows").as_array())
      if (r.at("key").as_string() == key) return r.as_object();
    ADD_FAILURE() << "no row " << key;
    static const json::object empty;
    return empty;
  }
  static std::int64_t n(const json::object& o, const char* k) { return o.at(k).as_int64(); }
  static double rate(const json::object& o, const char* k) { return o.at(k).as_double(); }
};

TEST_F(ReportsApi, ByServiceCountsEachTicketUnderItsFinalService) {
  const json::value rep = report("service");
  ASSERT_EQ(rep.at("rows").as_array().size(), 3u);  // ho-tich, chung-thuc, dat-dai in config order
  const auto& ho = row(rep, "ho-tich");
  EXPECT_EQ(ho.at("label").as_string(), "Tư pháp – Hộ tịch");
  EXPECT_EQ(n(ho, "issued"), 2);  // A3 moved to dat-dai
  EXPECT_EQ(n(ho, "served"), 1);
  EXPECT_EQ(n(ho, "no_show"), 1);
  EXPECT_EQ(n(ho, "called"), 2);
  EXPECT_EQ(n(ho, "on_time"), 2) << "the no-show was called in time too";
  EXPECT_DOUBLE_EQ(rate(ho, "on_time_rate"), 1.0);
  EXPECT_DOUBLE_EQ(rate(ho, "satisfaction_rate"), 1.0);
  const auto& ct = row(rep, "chung-thuc");
  EXPECT_EQ(n(ct, "issued"), 2);
  EXPECT_EQ(n(ct, "served"), 1);
  EXPECT_EQ(n(ct, "unfinished"), 1);
  EXPECT_EQ(ct.at("votes_by_level").as_array(), (json::array{0, 0, 1, 0}));
  EXPECT_DOUBLE_EQ(rate(ct, "satisfaction_rate"), 0.0);
  const auto& dd = row(rep, "dat-dai");
  EXPECT_EQ(n(dd, "issued"), 3);
  EXPECT_EQ(n(dd, "served"), 2);
  EXPECT_EQ(n(dd, "cancelled"), 1);
  EXPECT_EQ(dd.at("votes_by_level").as_array(), (json::array{0, 1, 0, 1}));
  EXPECT_EQ(dd.at("reasons").at("cho_lau").as_int64(), 1);
  EXPECT_DOUBLE_EQ(rate(dd, "satisfaction_rate"), 0.5);
  EXPECT_DOUBLE_EQ(rate(dd, "participation"), 1.0);

  const auto& total = rep.at("total").as_object();
  EXPECT_EQ(n(total, "issued"), 7);
  EXPECT_EQ(n(total, "served"), 4);
  EXPECT_EQ(n(total, "no_show"), 1);
  EXPECT_EQ(n(total, "cancelled"), 1);
  EXPECT_EQ(n(total, "unfinished"), 1);
  EXPECT_EQ(n(total, "votes"), 4);
  EXPECT_DOUBLE_EQ(rate(total, "satisfaction_rate"), 0.5);
  EXPECT_DOUBLE_EQ(rate(total, "participation"), 1.0);
  EXPECT_EQ(n(total, "called"), 5);
  EXPECT_EQ(n(total, "on_time"), 5);  // every call came within its target, the no-show's too
  EXPECT_EQ(total.at("wait").at("count").as_int64(), 5);
  EXPECT_EQ(total.at("service").at("count").as_int64(), 4);
  std::int64_t calls = 0, histogram = 0;
  for (const auto& v : rep.at("calls_per_hour").as_array()) calls += v.as_int64();
  for (const auto& b : rep.at("wait_histogram").as_array()) histogram += b.at("count").as_int64();
  EXPECT_EQ(calls, 6) << "A3 was called at two counters";
  EXPECT_EQ(histogram, 5);
}

TEST_F(ReportsApi, ByCounterAndOfficerFollowWhereTicketsEnded) {
  const json::value counters = report("counter");
  EXPECT_EQ(n(row(counters, "1"), "served"), 1);
  EXPECT_EQ(n(row(counters, "1"), "no_show"), 1);
  EXPECT_EQ(n(row(counters, "3"), "served"), 2);  // A3 closed there
  EXPECT_EQ(n(row(counters, "3"), "votes"), 2);
  EXPECT_EQ(n(row(counters, "2"), "served"), 1);
  EXPECT_EQ(row(counters, "").at("label").as_string(), "Chưa hoàn tất hoặc đã hủy");  // C2 cancelled, B2 waiting
  EXPECT_EQ(n(row(counters, ""), "issued"), 2);
  const json::value officers = report("officer");
  EXPECT_EQ(row(officers, "canbo3").at("label").as_string(), "Lê Thị Hồng");
  EXPECT_DOUBLE_EQ(rate(row(officers, "canbo3"), "satisfaction_rate"), 0.5);
  EXPECT_EQ(n(row(officers, "canbo1"), "votes"), 1);
}

// Every CSV line equals the JSON row it comes from, formatted as documented.
TEST_F(ReportsApi, CsvMatchesTheJsonReport) {
  for (const std::string group : {"service", "counter", "officer"}) {
    const json::value rep = report(group);
    auto r = raw_get(daemon_->port(), "/api/reports?from=" + today_ + "&to=" + today_ + "&group=" + group + "&format=csv",
                     day_.supervisor_token);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.headers["content-type"], "text/csv; charset=utf-8");
    EXPECT_NE(r.headers["content-disposition"].find("attachment; filename=\"bao-cao-" + today_), std::string::npos);
    ASSERT_TRUE(r.body.starts_with("\xEF\xBB\xBF")) << "Excel needs the BOM";
    const auto rows = parse_csv(r.body.substr(3));
    const auto& json_rows = rep.at("rows").as_array();
    ASSERT_EQ(rows.size(), json_rows.size() + 2) << "header, rows, Tổng cộng";
    auto minutes = [](const json::value& v) {
      return v.is_null() ? std::string() : stats::format_fixed2(v.to_number<double>(), 1.0, 60.0);
    };
    auto percent = [](const json::value& v) {
      return v.is_null() ? std::string() : stats::format_fixed2(v.to_number<double>(), 100.0);
    };
    for (std::size_t i = 0; i <= json_rows.size(); ++i) {
      const auto& j = i < json_rows.size() ? json_rows[i].as_object() : rep.at("total").as_object();
      const auto& c = rows[i + 1];
      ASSERT_EQ(c.size(), 29u);
      if (i < json_rows.size()) {
        EXPECT_EQ(c[0], j.at("label").as_string());
        EXPECT_EQ(c[1], j.at("key").as_string());
      } else {
        EXPECT_EQ(c[0], "Tổng cộng");
      }
      std::size_t k = 2;
      for (const char* f : {"issued", "served", "no_show", "cancelled", "unfinished", "transferred"})
        EXPECT_EQ(c[k++], std::to_string(j.at(f).as_int64())) << f;
      for (const char* d : {"wait", "service"})
        for (const char* s : {"avg_s", "median_s", "p90_s"}) EXPECT_EQ(c[k++], minutes(j.at(d).at(s))) << d << s;
      EXPECT_EQ(c[k++], std::to_string(j.at("called").as_int64()));
      EXPECT_EQ(c[k++], std::to_string(j.at("on_time").as_int64()));
      EXPECT_EQ(c[k++], percent(j.at("on_time_rate")));
      for (const auto& v : j.at("votes_by_level").as_array()) EXPECT_EQ(c[k++], std::to_string(v.as_int64()));
      EXPECT_EQ(c[k++], std::to_string(j.at("votes").as_int64()));
      EXPECT_EQ(c[k++], percent(j.at("satisfaction_rate")));
      EXPECT_EQ(c[k++], percent(j.at("participation")));
      for (const char* reason : {"thai_do", "cho_lau", "huong_dan_khong_ro", "ho_so_tra_lai", "khac"})
        EXPECT_EQ(c[k++], std::to_string(j.at("reasons").at(reason).as_int64()));
    }
  }
}

TEST_F(ReportsApi, OnlySupervisorsAndAdminsMayRead) {
  const std::string q = "/api/reports?from=" + today_ + "&to=" + today_;
  auto officer = raw_get(daemon_->port(), q, day_.officer_token);
  EXPECT_EQ(officer.status, 403);
  EXPECT_EQ(json::parse(officer.body).at("error").as_string(), "forbidden");
  EXPECT_EQ(raw_get(daemon_->port(), q + "&format=csv", day_.officer_token).status, 403);
  EXPECT_EQ(raw_get(daemon_->port(), "/api/today", day_.officer_token).status, 403);
  auto nobody = raw_get(daemon_->port(), q);
  EXPECT_EQ(nobody.status, 401);
  EXPECT_EQ(json::parse(nobody.body).at("error").as_string(), "unauthenticated");
  EXPECT_EQ(raw_get(daemon_->port(), q, day_.admin_token).status, 200);
  client::ApiClient kiosk(client_at(daemon_->port()));
  kiosk.set_device_key("demo-kiosk-key-1");
  EXPECT_EQ(kiosk.get(q).status, 403);
}

TEST_F(ReportsApi, BadParametersAreRefusedWithTheirIds) {
  auto err = [&](const std::string& query) {
    auto r = raw_get(daemon_->port(), "/api/reports" + query, day_.supervisor_token);
    return std::to_string(r.status) + " " + std::string(json::parse(r.body).at("error").as_string());
  };
  EXPECT_EQ(err("?from=" + today_), "400 missing_field");
  EXPECT_EQ(err("?from=2026-13-01&to=2026-12-01"), "400 invalid_field");
  EXPECT_EQ(err("?from=2026-11-30&to=2026-11-01"), "400 invalid_field");
  EXPECT_EQ(err("?from=2025-01-01&to=2026-12-31"), "400 invalid_field");  // over 366 days
  EXPECT_EQ(err("?from=" + today_ + "&to=" + today_ + "&group=month"), "400 invalid_field");
  EXPECT_EQ(err("?from=" + today_ + "&to=" + today_ + "&format=pdf"), "400 invalid_field");
  EXPECT_EQ(err("?from=" + today_ + "&to=" + today_ + "&include_identity=1"), "400 invalid_field");
  // The dashboard shows these messages to a leader: dates in words, not parameter names.
  auto message = [&](const std::string& query) {
    auto r = raw_get(daemon_->port(), "/api/reports" + query, day_.supervisor_token);
    return std::string(json::parse(r.body).at("message").as_string());
  };
  EXPECT_EQ(message("?from=2026-11-30&to=2026-11-01"), "Ngày kết thúc không được trước ngày bắt đầu");
  EXPECT_EQ(message("?from=2025-01-01&to=2026-12-31"), "Mỗi báo cáo gồm tối đa 366 ngày; hãy chọn khoảng ngắn hơn");
}

TEST_F(ReportsApi, PersonalDataOnlyForAnAdminWhoAsksForIt) {
  const std::string q = "/api/reports?from=" + today_ + "&to=" + today_ + "&detail=tickets&format=csv";
  auto plain = raw_get(daemon_->port(), q, day_.supervisor_token);
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.body.find("0912345678"), std::string::npos);
  const auto rows = parse_csv(plain.body.substr(3));
  ASSERT_EQ(rows.size(), 8u);  // header + 7 tickets
  EXPECT_EQ(rows[0].back(), "Lý do");
  EXPECT_EQ(rows[1][2], "1001");
  EXPECT_EQ(rows[1][16], "Rất hài lòng");
  // States and reasons in words, as the pages show them, not the wire's ids.
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_TRUE(rows[i][6] == "Đã phục vụ" || rows[i][6] == "Vắng mặt" || rows[i][6] == "Đã hủy" ||
                rows[i][6] == "Đang chờ" || rows[i][6] == "Đang phục vụ" || rows[i][6] == "Đang được mời" ||
                rows[i][6] == "Đang chờ (đã chuyển hoặc trả lại hàng)")
        << rows[i][6];
    for (const char* code : {"cho_lau", "thai_do", "huong_dan_khong_ro", "ho_so_tra_lai", "khac"})
      EXPECT_NE(rows[i][17], code);
  }
  // Officers by name, as leaders know them: 1001 was served by canbo1.
  EXPECT_EQ(rows[0][14], "Cán bộ");
  EXPECT_EQ(rows[1][14], "Nguyễn Thị Lan");
  EXPECT_TRUE(std::any_of(rows.begin() + 1, rows.end(), [](const auto& r) { return r[17] == "Thời gian chờ lâu"; }))
      << "the day's level-4 vote gave cho_lau";

  auto supervisor = raw_get(daemon_->port(), q + "&include_identity=1", day_.supervisor_token);
  EXPECT_EQ(supervisor.status, 403);
  auto admin_plain = raw_get(daemon_->port(), q, day_.admin_token);
  EXPECT_EQ(admin_plain.body.find("0912345678"), std::string::npos) << "not without asking";
  auto admin = raw_get(daemon_->port(), q + "&include_identity=1", day_.admin_token);
  ASSERT_EQ(admin.status, 200);
  EXPECT_NE(admin.body.find("0912345678"), std::string::npos);
  EXPECT_NE(admin.headers["content-disposition"].find("-ca-nhan.csv"), std::string::npos);
  EXPECT_EQ(parse_csv(admin.body.substr(3))[0].back(), "Thông tin cá nhân");
  // The aggregate report never carries it, whoever asks.
  auto summary = raw_get(daemon_->port(), "/api/reports?from=" + today_ + "&to=" + today_ + "&format=csv",
                         day_.admin_token);
  EXPECT_EQ(summary.body.find("0912345678"), std::string::npos);
}

TEST_F(ReportsApi, DaysWithoutTicketsGiveAnEmptyReport) {
  const json::value rep = report("service", "&include_empty=0").as_object();
  auto r = raw_get(daemon_->port(), "/api/reports?from=2020-01-01&to=2020-01-31", day_.supervisor_token);
  ASSERT_EQ(r.status, 200);
  const json::value empty = json::parse(r.body);
  EXPECT_TRUE(empty.at("rows").as_array().empty());
  EXPECT_EQ(empty.at("total").at("issued").as_int64(), 0);
  EXPECT_TRUE(empty.at("total").at("satisfaction_rate").is_null());
  EXPECT_EQ(rep.at("from").as_string(), today_);
}

// A ":memory:" database has no file for the report threads to open: the daemon reads it
// on the office strand instead, and the figures are the same.
TEST(ReportsApiInMemory, SameFiguresWithoutAFile) {
  DaemonOptions options;
  options.db_path = ":memory:";
  DaemonProcess daemon(options);
  ASSERT_TRUE(daemon.start()) << daemon.log();
  const ScriptedDay day = run_scripted_day(daemon.port());
  client::ApiClient c(client_at(daemon.port()));
  const std::string today = c.health().string_field("service_day");
  const std::string q = "/api/reports?from=" + today + "&to=" + today;
  auto r = raw_get(daemon.port(), q + "&group=office", day.supervisor_token);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value total = json::parse(r.body).at("total");
  EXPECT_EQ(total.at("issued").as_int64(), 7);
  EXPECT_EQ(total.at("served").as_int64(), 4);
  EXPECT_EQ(total.at("no_show").as_int64(), 1);
  EXPECT_EQ(total.at("cancelled").as_int64(), 1);
  EXPECT_EQ(total.at("unfinished").as_int64(), 1);
  EXPECT_EQ(total.at("votes").as_int64(), 4);
  auto tickets = raw_get(daemon.port(), q + "&detail=tickets&format=csv", day.supervisor_token);
  ASSERT_EQ(tickets.status, 200);
  EXPECT_EQ(parse_csv(tickets.body.substr(3)).size(), 8u);  // header + 7 tickets
  EXPECT_EQ(raw_get(daemon.port(), q, day.officer_token).status, 403);
}

}  // namespace
}  // namespace motcua::testing
