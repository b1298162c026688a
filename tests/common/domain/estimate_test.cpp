// Queue position and estimated wait.
#include <gtest/gtest.h>

#include "domain_fixture.hpp"

namespace motcua::domain_test {
namespace {

struct WaitCase {
  const char* name;
  std::function<void(OfficeConfig&)> config;
  std::function<void(Office&)> setup;
  std::string service;
  std::int64_t ahead;
  std::int64_t expected_s;
};

// ho-tich: default 420 s per citizen, served at counters 1 and 2.
TEST(Estimate, WaitIsAheadOverOpenCountersTimesServiceTime) {
  const std::vector<WaitCase> table = {
      {"default service time, one counter open", nullptr, [](Office& o) { o.sign_in(1, "canbo1", at("07:30")); },
       "ho-tich", 3, 3 * 420},
      {"two open counters share the line", nullptr,
       [](Office& o) {
         o.sign_in(1, "canbo1", at("07:30"));
         o.sign_in(2, "canbo2", at("07:30"));
       },
       "ho-tich", 3, 3 * 420 / 2},
      {"a paused counter does not count", nullptr,
       [](Office& o) {
         o.sign_in(1, "canbo1", at("07:30"));
         o.sign_in(2, "canbo2", at("07:30"));
         o.ok(Pause{2, "canbo2", "Nghỉ"}, at("08:00"));
       },
       "ho-tich", 3, 3 * 420},
      {"a signed-out counter does not count", nullptr,
       [](Office& o) {
         o.sign_in(1, "canbo1", at("07:30"));
         o.sign_in(2, "canbo2", at("07:30"));
         o.ok(SignOut{2, "canbo2"}, at("08:00"));
       },
       "ho-tich", 3, 3 * 420},
      {"no counter open: counted as one, never 0 phút", nullptr, [](Office&) {}, "ho-tich", 3, 3 * 420},
      {"only counters of other services open: counted as one", nullptr,
       [](Office& o) { o.sign_in(3, "canbo3", at("07:30")); }, "ho-tich", 2, 2 * 420},
      {"a counter busy with a ticket still counts", nullptr,
       [](Office& o) {
         o.sign_in(1, "canbo1", at("07:30"));
         o.sign_in(2, "canbo2", at("07:30"));
         o.issue("chung-thuc", at("08:00"));
         o.call(2, "canbo2", at("08:01"));
         o.ok(StartServing{2, "canbo2"}, at("08:02"));
       },
       "ho-tich", 4, 4 * 420 / 2},
      {"the moving average replaces the default", nullptr,
       [](Office& o) {
         o.sign_in(1, "canbo1", at("07:30"));
         o.issue("ho-tich", at("08:00"));
         o.serve_next(1, "canbo1", at("08:00"), std::chrono::seconds(600));
       },
       "ho-tich", 3, 3 * 600},
      {"the newest service time weighs 0.2", nullptr,
       [](Office& o) {
         o.sign_in(1, "canbo1", at("07:30"));
         o.issue("ho-tich", at("08:00"));
         o.issue("ho-tich", at("08:01"));
         o.serve_next(1, "canbo1", at("08:00"), std::chrono::seconds(600));
         o.serve_next(1, "canbo1", at("08:20"), std::chrono::seconds(100));  // 0.8*600 + 0.2*100
       },
       "ho-tich", 2, 2 * 500},
      {"another service's data does not change this one", nullptr,
       [](Office& o) {
         o.sign_in(1, "canbo1", at("07:30"));
         o.issue("chung-thuc", at("08:00"));
         o.serve_next(1, "canbo1", at("08:00"), std::chrono::seconds(30));
       },
       "ho-tich", 1, 420},
      {"partial seconds round up", [](OfficeConfig& c) { service_of(c, "chung-thuc")->default_service_s = 100; },
       [](Office& o) {
         o.sign_in(1, "canbo1", at("07:30"));
         o.sign_in(2, "canbo2", at("07:30"));
         o.sign_in(6, "canbo6", at("07:30"));
       },
       "chung-thuc", 1, 34},
      {"nobody ahead waits zero", nullptr, [](Office&) {}, "ho-tich", 0, 0},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    Office o(demo_with(row.config));
    row.setup(o);
    EXPECT_EQ(estimated_wait_s(o.config(), o.state(), row.service, row.ahead), row.expected_s);
  }
}

TEST(Estimate, OpenCountersAndServiceTime) {
  Office o;
  EXPECT_EQ(open_counters_for(o.config(), o.state(), "chung-thuc"), 0);
  o.sign_in(1, "canbo1", at("07:30"));
  o.sign_in(6, "canbo6", at("07:30"));
  o.sign_in(3, "canbo3", at("07:30"));
  EXPECT_EQ(open_counters_for(o.config(), o.state(), "chung-thuc"), 2);
  EXPECT_EQ(open_counters_for(o.config(), o.state(), "dat-dai"), 1);
  EXPECT_EQ(open_counters_for(o.config(), o.state(), "kinh-doanh"), 0);
  EXPECT_DOUBLE_EQ(service_time_s(o.config(), o.state(), "dat-dai"), 600.0);
}

// What a citizen's ticket says about who can call it: 0 means nobody serves its line yet,
// so the kiosk says so rather than promising a wait.
TEST(Estimate, OpenCountersForATicketFollowItsLine) {
  Office o;
  const auto waiting = o.issue("ho-tich", at("07:25"));
  const auto moved = o.issue("ho-tich", at("07:26"));
  struct Step {
    const char* name;
    std::function<void()> act;
    std::int64_t ticket;
    int expected;
  };
  const std::vector<Step> steps = {
      {"before anyone signs in", [] {}, waiting, 0},
      {"counter 1 opens", [&] { o.sign_in(1, "canbo1", at("07:30")); }, waiting, 1},
      {"counter 2 opens too", [&] { o.sign_in(2, "canbo2", at("07:31")); }, waiting, 2},
      {"a paused counter calls nobody", [&] { o.ok(Pause{2, "canbo2", "Họp"}, at("07:40")); }, waiting, 1},
      {"a counter of another service does not count", [&] { o.sign_in(3, "canbo3", at("07:41")); }, waiting, 1},
      {"the first is called: the second still waits for counter 1",
       [&] { EXPECT_EQ(o.call(1, "canbo1", at("07:45")), waiting); }, moved, 1},
      {"transferred by name to paused counter 2: nobody can call it now",
       [&] {
         o.ok(StartServing{1, "canbo1"}, at("07:46"));
         o.ok(CloseTicket{1, "canbo1"}, at("07:50"));
         EXPECT_EQ(o.call(1, "canbo1", at("07:51")), moved);
         o.ok(Transfer{1, "canbo1", "", 2}, at("07:52"));
       },
       moved, 0},
      {"counter 2 back from its meeting", [&] { o.ok(Resume{2, "canbo2"}, at("08:00")); }, moved, 1},
  };
  for (const auto& step : steps) {
    SCOPED_TRACE(step.name);
    step.act();
    EXPECT_EQ(open_counters_for(o.config(), o.state(), o.ticket(step.ticket)), step.expected);
  }
}

TEST(Estimate, PositionCountsPriorityTicketsAheadOfNormalOnes) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  const auto n1 = o.issue("ho-tich", at("08:00"));
  const auto n2 = o.issue("ho-tich", at("08:01"));
  const auto p1 = o.issue("ho-tich", at("08:02"), true);
  const auto p2 = o.issue("ho-tich", at("08:03"), true);
  const auto other = o.issue("chung-thuc", at("08:04"), true);
  struct Row {
    const char* name;
    std::int64_t id;
    std::int64_t ahead;
  };
  const std::vector<Row> table = {
      {"first priority is next", p1, 0},
      {"second priority", p2, 1},
      {"oldest normal has both priorities ahead", n1, 2},
      {"second normal", n2, 3},
      {"another service's line is separate", other, 0},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    EXPECT_EQ(people_ahead(o.state(), o.ticket(row.id)), row.ahead);
  }
  EXPECT_EQ(waiting_count(o.state(), "ho-tich"), 4);
  EXPECT_EQ(longest_wait_s(o.state(), "ho-tich", at("08:30")), 30 * 60);
  EXPECT_EQ(longest_wait_s(o.state(), "dat-dai", at("08:30")), 0);

  EXPECT_EQ(o.call(1, "canbo1", at("08:10")), p1);
  EXPECT_EQ(people_ahead(o.state(), o.ticket(p1)), -1) << "a called ticket is not in line";
  EXPECT_EQ(people_ahead(o.state(), o.ticket(n1)), 1);
  EXPECT_EQ(waiting_count(o.state(), "ho-tich"), 3);
  // The kiosk's promise for n2: 2 ahead, one counter, 420 s each.
  EXPECT_EQ(estimated_wait_s(o.config(), o.state(), "ho-tich", people_ahead(o.state(), o.ticket(n2))), 2 * 420);
}

}  // namespace
}  // namespace motcua::domain_test
