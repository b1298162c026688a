// validate_config() and the demo office.
#include <gtest/gtest.h>

#include "domain_fixture.hpp"

namespace motcua::domain_test {
namespace {

TEST(Config, DemoOfficeIsValidAndMatchesTheBrief) {
  const OfficeConfig c = demo_office_config();
  EXPECT_EQ(validate_config(c), "");
  EXPECT_EQ(c.timezone, "Asia/Ho_Chi_Minh");
  EXPECT_EQ(c.utc_offset_minutes, 420);
  struct Row {
    const char* code;
    int first;
  };
  for (const Row& r : std::vector<Row>{{"ho-tich", 1001}, {"chung-thuc", 2001}, {"dat-dai", 3001},
                                       {"ldtbxh", 4001}, {"kinh-doanh", 5001}, {"tra-ket-qua", 6001}}) {
    SCOPED_TRACE(r.code);
    const Service* s = c.find_service(r.code);
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->first_number, r.first);
    EXPECT_FALSE(s->name.empty());
  }
  struct CounterRow {
    int number;
    std::vector<std::string> services;
  };
  const std::vector<CounterRow> counters = {{1, {"ho-tich", "chung-thuc"}}, {2, {"chung-thuc", "ho-tich"}},
                                            {3, {"dat-dai"}},               {4, {"ldtbxh"}},
                                            {5, {"kinh-doanh", "dat-dai"}}, {6, {"tra-ket-qua", "chung-thuc"}}};
  for (const auto& row : counters) {
    SCOPED_TRACE(row.number);
    const Counter* k = c.find_counter(row.number);
    ASSERT_NE(k, nullptr);
    std::vector<std::string> got;
    for (const auto& cs : k->services) got.push_back(cs.service);
    EXPECT_EQ(got, row.services);
  }
  for (int n = 1; n <= 6; ++n) {
    const Device* pad = c.find_device_by_key("demo-pad-key-" + std::to_string(n));
    ASSERT_NE(pad, nullptr);
    EXPECT_EQ(pad->kind, DeviceKind::rating_pad);
    EXPECT_EQ(pad->counter, n);
  }
  EXPECT_EQ(c.find_device_by_key(""), nullptr);
  ASSERT_NE(c.find_officer("lanhdao"), nullptr);
  EXPECT_EQ(c.find_officer("lanhdao")->role, Role::supervisor);
  EXPECT_EQ(c.find_officer("admin")->role, Role::admin);
  EXPECT_TRUE(c.counter_serves(5, "dat-dai"));
  EXPECT_FALSE(c.counter_serves(5, "ho-tich"));
  EXPECT_FALSE(c.counter_serves(9, "ho-tich"));
}

struct ConfigCase {
  const char* name;
  std::function<void(OfficeConfig&)> change;
  const char* error_contains;  // "" = valid
};

TEST(Config, ValidateTable) {
  const std::vector<ConfigCase> table = {
      {"demo as is", nullptr, ""},
      {"overlapping blocks", [](OfficeConfig& c) { service_of(c, "chung-thuc")->first_number = 1500; },
       "overlaps"},
      {"a block inside another", [](OfficeConfig& c) {
         service_of(c, "tra-ket-qua")->first_number = 3100;
         service_of(c, "tra-ket-qua")->last_number = 3200;
       },
       "overlaps"},
      {"touching blocks overlap at one number", [](OfficeConfig& c) { service_of(c, "chung-thuc")->first_number = 1999; },
       "overlaps"},
      {"adjacent blocks are fine", [](OfficeConfig& c) { service_of(c, "chung-thuc")->first_number = 2000; }, ""},
      {"different prefixes may reuse numbers", [](OfficeConfig& c) {
         for (auto* s : {service_of(c, "ho-tich"), service_of(c, "chung-thuc")}) {
           s->first_number = 1;
           s->last_number = 999;
         }
         service_of(c, "ho-tich")->prefix = "A";
         service_of(c, "chung-thuc")->prefix = "B";
       },
       ""},
      {"the same prefix must not reuse numbers", [](OfficeConfig& c) {
         for (auto* s : {service_of(c, "ho-tich"), service_of(c, "chung-thuc")}) {
           s->first_number = 1;
           s->last_number = 999;
           s->prefix = "A";
         }
       },
       "overlaps"},
      {"block upside down", [](OfficeConfig& c) { service_of(c, "ho-tich")->last_number = 1000; }, "first_number"},
      {"numbers start at 1 (0 means none issued)", [](OfficeConfig& c) {
         service_of(c, "ho-tich")->first_number = 0;
         service_of(c, "ho-tich")->prefix = "A";
       },
       "first_number"},
      {"counter serves an unknown service", [](OfficeConfig& c) { counter_of(c, 3)->services.push_back({"thue", 0}); },
       "unknown service"},
      {"counter serves nothing", [](OfficeConfig& c) { counter_of(c, 4)->services.clear(); }, "serves no service"},
      {"negative weight", [](OfficeConfig& c) { counter_of(c, 1)->services[0].weight = -1; }, "weight"},
      {"duplicate counter", [](OfficeConfig& c) { counter_of(c, 6)->number = 5; }, "duplicate counter"},
      {"counter 0", [](OfficeConfig& c) { counter_of(c, 1)->number = 0; }, "counter numbers"},
      {"duplicate service code", [](OfficeConfig& c) { service_of(c, "ldtbxh")->code = "ho-tich"; }, "duplicate service"},
      {"opening after closing", [](OfficeConfig& c) {
         service_of(c, "dat-dai")->opens_at_min = 17 * 60;
         service_of(c, "dat-dai")->closes_at_min = 8 * 60;
       },
       "opening hours"},
      {"opening equals closing", [](OfficeConfig& c) {
         service_of(c, "dat-dai")->opens_at_min = 600;
         service_of(c, "dat-dai")->closes_at_min = 600;
       },
       "opening hours"},
      {"closing past midnight", [](OfficeConfig& c) { service_of(c, "dat-dai")->closes_at_min = 1441; }, "opening hours"},
      {"opening before midnight", [](OfficeConfig& c) { service_of(c, "dat-dai")->opens_at_min = -1; }, "opening hours"},
      {"office hours are fine", [](OfficeConfig& c) {
         service_of(c, "dat-dai")->opens_at_min = 7 * 60 + 30;
         service_of(c, "dat-dai")->closes_at_min = 17 * 60;
       },
       ""},
      {"negative daily cap", [](OfficeConfig& c) { service_of(c, "ho-tich")->daily_cap = -5; }, "daily_cap"},
      {"zero target wait", [](OfficeConfig& c) { service_of(c, "ho-tich")->target_wait_min = 0; }, "target_wait_min"},
      {"zero default service time", [](OfficeConfig& c) { service_of(c, "ho-tich")->default_service_s = 0; },
       "default_service_s"},
      {"no office name", [](OfficeConfig& c) { c.office_name.clear(); }, "office_name"},
      {"no services", [](OfficeConfig& c) { c.services.clear(); }, "no services"},
      {"no counters", [](OfficeConfig& c) { c.counters.clear(); }, "no counters"},
      {"duplicate officer", [](OfficeConfig& c) { c.officers.push_back(c.officers.front()); }, "duplicate officer"},
      {"short device key", [](OfficeConfig& c) { c.devices[0].key = "short"; }, "at least 8"},
      {"duplicate device key", [](OfficeConfig& c) { c.devices[1].key = c.devices[0].key; }, "duplicate key"},
      {"pad for an unknown counter", [](OfficeConfig& c) { c.devices.back().counter = 9; }, "unknown counter"},
      {"priority_every 0", [](OfficeConfig& c) { c.policy.priority_every = 0; }, "priority ratio"},
      {"normal_between negative", [](OfficeConfig& c) { c.policy.normal_between = -1; }, "priority ratio"},
      {"normal_between 0 is allowed", [](OfficeConfig& c) { c.policy.normal_between = 0; }, ""},
      {"no vote window", [](OfficeConfig& c) { c.policy.vote_window_s = 0; }, "vote_window_s"},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    const std::string error = validate_config(demo_with(row.change));
    if (std::string(row.error_contains).empty()) {
      EXPECT_EQ(error, "");
    } else {
      EXPECT_NE(error.find(row.error_contains), std::string::npos) << "got: \"" << error << "\"";
    }
  }
}

}  // namespace
}  // namespace motcua::domain_test
