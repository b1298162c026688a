// GET /api/today through the real daemon: the live per-service and per-counter figures,
// satisfaction, charts, and alerts computed by the daemon's own timer.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fstream>
#include <thread>

#include "daemon_process.hpp"
#include "dashboard_test_support.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;

const json::object& find_by(const json::value& array, const char* key, const json::value& value) {
  for (const auto& v : array.as_array())
    if (v.at(key) == value) return v.as_object();
  ADD_FAILURE() << "nothing with " << key << " = " << json::serialize(value);
  static const json::object empty;
  return empty;
}

TEST(TodayApi, LiveFiguresAfterTheScriptedDay) {
  DaemonProcess daemon;
  ASSERT_TRUE(daemon.start()) << daemon.log();
  const ScriptedDay day = run_scripted_day(daemon.port());
  // Counter 1 calls B2 and keeps it: a counter holding a ticket.
  client::ApiClient one(client_at(daemon.port()));
  ASSERT_EQ(one.login("canbo1", "demo1234", 1).status, 200);
  ASSERT_EQ(one.counter_action(1, "call-next").status, 200);
  ASSERT_EQ(one.counter_action(1, "start").status, 200);

  auto r = raw_get(daemon.port(), "/api/today", day.supervisor_token);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value t = json::parse(r.body);
  const auto& ho = find_by(t.at("services"), "code", "ho-tich");
  EXPECT_EQ(ho.at("waiting").as_int64(), 0);
  EXPECT_EQ(ho.at("today").at("served").as_int64(), 1);
  EXPECT_EQ(ho.at("today").at("no_show").as_int64(), 1);
  const auto& dd = find_by(t.at("services"), "code", "dat-dai");
  EXPECT_EQ(dd.at("today").at("cancelled").as_int64(), 1);
  EXPECT_EQ(dd.at("today").at("served").as_int64(), 2);
  EXPECT_DOUBLE_EQ(dd.at("today").at("on_time_rate").as_double(), 1.0);
  const auto& kd = find_by(t.at("services"), "code", "kinh-doanh");
  EXPECT_EQ(kd.at("today").at("issued").as_int64(), 0) << "every service has its row";

  const auto& c1 = find_by(t.at("counters"), "number", 1);
  EXPECT_EQ(c1.at("state").as_string(), "serving");
  EXPECT_EQ(c1.at("officer_name").as_string(), "Nguyễn Thị Lan");
  EXPECT_EQ(c1.at("ticket").at("id").as_int64(), day.b2);
  EXPECT_EQ(c1.at("served_today").as_int64(), 1);
  EXPECT_EQ(find_by(t.at("counters"), "number", 3).at("served_today").as_int64(), 2);
  EXPECT_EQ(find_by(t.at("counters"), "number", 4).at("state").as_string(), "closed");

  EXPECT_EQ(t.at("total").at("issued").as_int64(), 7);
  const auto& officers = t.at("satisfaction").at("by_officer");
  EXPECT_EQ(find_by(officers, "key", "canbo3").at("votes_by_level").as_array(), (json::array{0, 1, 0, 1}));
  EXPECT_EQ(find_by(t.at("satisfaction").at("by_counter"), "key", "2").at("votes").as_int64(), 1);
  std::int64_t linked = 0, satisfied = 0;
  for (const auto& b : t.at("linked").as_array()) {
    linked += b.at("votes").as_int64();
    satisfied += b.at("satisfied").as_int64();
  }
  EXPECT_EQ(linked, 4);
  EXPECT_EQ(satisfied, 2);
  EXPECT_EQ(t.at("linked").as_array()[0].at("votes").as_int64(), 4) << "all waits were under 10 minutes";
  std::int64_t calls = 0;
  for (const auto& v : t.at("charts").at("calls_per_hour").as_array()) calls += v.as_int64();
  EXPECT_EQ(calls, 7);
  const auto& series = t.at("charts").at("waiting_over_day").as_array();
  ASSERT_FALSE(series.empty());
  EXPECT_EQ(series.back().at("waiting").as_int64(), 0) << "B2 was called";
  EXPECT_EQ(series.back().at("at").as_int64(), t.at("now").as_int64());
  EXPECT_TRUE(t.at("alerts").as_array().empty());
}

// A short idle_alert_s makes the idle-counter rule fire within seconds; the daemon's
// timer must find it without any request or event.
TEST(TodayApi, AlertsAppearFromTheDaemonsOwnTimer) {
  const std::string config_path = ::testing::TempDir() + "/dashboard-alerts.toml";
  std::ofstream(config_path) << R"(office_name = "Bộ phận Một cửa thử nghiệm"
[policy]
idle_alert_s = 1
[[services]]
code = "ho-tich"
name = "Tư pháp – Hộ tịch"
first_number = 1001
last_number = 1999
[[counters]]
number = 1
name = "Quầy 1"
services = ["ho-tich"]
[[officers]]
username = "canbo1"
display_name = "Nguyễn Thị Lan"
role = "officer"
password = "demo1234"
[[officers]]
username = "lanhdao"
display_name = "Trần Quốc Hùng"
role = "supervisor"
password = "demo1234"
[[devices]]
id = "kiosk"
kind = "kiosk"
key = "test-kiosk-key-1"
)";
  DaemonProcess daemon(DaemonOptions{config_path, {}, std::chrono::milliseconds(15000), ""});
  ASSERT_TRUE(daemon.start()) << daemon.log();
  client::ApiClient officer(client_at(daemon.port())), boss(client_at(daemon.port())), kiosk(client_at(daemon.port()));
  ASSERT_EQ(officer.login("canbo1", "demo1234", 1).status, 200);
  ASSERT_EQ(boss.login("lanhdao", "demo1234", std::nullopt).status, 200);
  kiosk.set_device_key("test-kiosk-key-1");
  ASSERT_EQ(kiosk.issue_ticket("ho-tich").status, 201);

  json::value alerts;
  for (int i = 0; i < 100; ++i) {  // bounded: 10 s
    auto r = raw_get(daemon.port(), "/api/today", boss.token());
    ASSERT_EQ(r.status, 200);
    alerts = json::parse(r.body).at("alerts");
    if (!alerts.as_array().empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(alerts.as_array().size(), 1u) << json::serialize(alerts);
  EXPECT_EQ(alerts.as_array()[0].at("kind").as_string(), "counter_idle");
  EXPECT_EQ(alerts.as_array()[0].at("counter").as_int64(), 1);
  EXPECT_EQ(alerts.as_array()[0].at("message").as_string(), "Quầy 1 chưa gọi số tiếp theo trong khi 1 công dân đang chờ");
  // Calling the citizen clears it.
  ASSERT_EQ(officer.counter_action(1, "call-next").status, 200);
  auto r = raw_get(daemon.port(), "/api/today", boss.token());
  EXPECT_TRUE(json::parse(r.body).at("alerts").as_array().empty());

  // The supervisor closes the only counter of ho-tich: the called citizen goes back in line
  // and nobody is left to call them. That is an alert of its own.
  ASSERT_EQ(boss.post("/api/counters/1/force-close", json::object{}).status, 200);
  for (int i = 0; i < 100; ++i) {  // bounded: 10 s
    alerts = json::parse(raw_get(daemon.port(), "/api/today", boss.token()).body).at("alerts");
    if (!alerts.as_array().empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(alerts.as_array().size(), 1u) << json::serialize(alerts);
  EXPECT_EQ(alerts.as_array()[0].at("kind").as_string(), "service_unstaffed");
  EXPECT_EQ(alerts.as_array()[0].at("service").as_string(), "ho-tich");
  EXPECT_EQ(alerts.as_array()[0].at("count").as_int64(), 1);
  EXPECT_EQ(alerts.as_array()[0].at("message").as_string(),
            "Lĩnh vực Tư pháp – Hộ tịch: không có quầy nào mở, 1 công dân đang chờ");
}

}  // namespace
}  // namespace motcua::testing
