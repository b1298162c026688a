// Call-next routing: transferred-to-counter first, the priority interleave, the counter's
// service order or weights, then the oldest place in line.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain_fixture.hpp"

namespace motcua::domain_test {
namespace {

struct Issue {
  const char* service;
  bool priority;
  const char* time;  // local
};

struct RoutingCase {
  const char* name;
  std::function<void(OfficeConfig&)> config;
  std::vector<Issue> issues;
  int counter;
  std::vector<std::string> expected;  // display numbers, in call order, until nobody waits
};

constexpr bool P = true;
constexpr bool N = false;

void policy(OfficeConfig& c, int priority_every, int normal_between) {
  c.policy.priority_every = priority_every;
  c.policy.normal_between = normal_between;
}

void weights(OfficeConfig& c, int ho_tich, int chung_thuc) {
  counter_of(c, 1)->services = {{"ho-tich", ho_tich}, {"chung-thuc", chung_thuc}};
}

TEST(Routing, CallOrderTable) {
  const std::vector<RoutingCase> table = {
      {"oldest place first (a newest-first sort fails here)", nullptr,
       {{"ho-tich", N, "08:00"}, {"ho-tich", N, "08:01"}, {"ho-tich", N, "08:02"}}, 1, {"1001", "1002", "1003"}},
      {"the counter's service order beats age (counter 1: ho-tich, chung-thuc)", nullptr,
       {{"chung-thuc", N, "08:00"}, {"ho-tich", N, "08:05"}, {"chung-thuc", N, "08:06"}, {"ho-tich", N, "08:10"}},
       1, {"1001", "1002", "2001", "2002"}},
      {"counter 2 lists chung-thuc first", nullptr,
       {{"ho-tich", N, "08:00"}, {"chung-thuc", N, "08:05"}, {"ho-tich", N, "08:06"}, {"chung-thuc", N, "08:10"}},
       2, {"2001", "2002", "1001", "1002"}},
      {"a counter never calls a service it does not serve", nullptr,
       {{"ho-tich", P, "08:00"}, {"dat-dai", N, "08:01"}, {"ho-tich", N, "08:02"}}, 3, {"3001"}},
      {"interleave 1:2 (default), priority issued first", nullptr,
       {{"ho-tich", P, "08:00"}, {"ho-tich", P, "08:01"}, {"ho-tich", P, "08:02"}, {"ho-tich", N, "08:03"},
        {"ho-tich", N, "08:04"}, {"ho-tich", N, "08:05"}, {"ho-tich", N, "08:06"}, {"ho-tich", N, "08:07"},
        {"ho-tich", N, "08:08"}},
       1, {"1001", "1004", "1005", "1002", "1006", "1007", "1003", "1008", "1009"}},
      {"interleave 1:2 (default), priority issued last still goes first", nullptr,
       {{"ho-tich", N, "08:00"}, {"ho-tich", N, "08:01"}, {"ho-tich", N, "08:02"}, {"ho-tich", N, "08:03"},
        {"ho-tich", N, "08:04"}, {"ho-tich", N, "08:05"}, {"ho-tich", P, "08:06"}, {"ho-tich", P, "08:07"},
        {"ho-tich", P, "08:08"}},
       1, {"1007", "1001", "1002", "1008", "1003", "1004", "1009", "1005", "1006"}},
      {"interleave 2:1", [](OfficeConfig& c) { policy(c, 2, 1); },
       {{"ho-tich", N, "08:00"}, {"ho-tich", N, "08:01"}, {"ho-tich", N, "08:02"}, {"ho-tich", N, "08:03"},
        {"ho-tich", P, "08:04"}, {"ho-tich", P, "08:05"}, {"ho-tich", P, "08:06"}, {"ho-tich", P, "08:07"}},
       1, {"1005", "1006", "1001", "1007", "1008", "1002", "1003", "1004"}},
      {"interleave 1:1", [](OfficeConfig& c) { policy(c, 1, 1); },
       {{"ho-tich", N, "08:00"}, {"ho-tich", N, "08:01"}, {"ho-tich", N, "08:02"}, {"ho-tich", P, "08:03"},
        {"ho-tich", P, "08:04"}, {"ho-tich", P, "08:05"}},
       1, {"1004", "1001", "1005", "1002", "1006", "1003"}},
      {"interleave 1:0 serves every priority ticket first", [](OfficeConfig& c) { policy(c, 1, 0); },
       {{"ho-tich", N, "08:00"}, {"ho-tich", N, "08:01"}, {"ho-tich", P, "08:02"}, {"ho-tich", P, "08:03"},
        {"ho-tich", P, "08:04"}},
       1, {"1003", "1004", "1005", "1001", "1002"}},
      {"the priority lane follows the counter's service order too", nullptr,
       {{"chung-thuc", P, "08:00"}, {"ho-tich", P, "08:05"}, {"ho-tich", N, "08:06"}}, 1,
       {"1001", "1002", "2001"}},
      {"weights: weight x wait of the oldest picks chung-thuc (3 x 100 min > 1 x 120 min)",
       [](OfficeConfig& c) { weights(c, 1, 3); }, {{"ho-tich", N, "08:00"}, {"chung-thuc", N, "08:20"}}, 1,
       {"2001", "1001"}},
      {"weights: a long wait beats a heavy weight (1 x 120 min > 5 x 10 min)",
       [](OfficeConfig& c) { weights(c, 5, 1); }, {{"chung-thuc", N, "08:00"}, {"ho-tich", N, "09:50"}}, 1,
       {"2001", "1001"}},
      {"equal weights: the oldest across services, not the list order",
       [](OfficeConfig& c) { weights(c, 1, 1); },
       {{"chung-thuc", N, "08:00"}, {"ho-tich", N, "08:30"}, {"chung-thuc", N, "08:40"}}, 1,
       {"2001", "1001", "2002"}},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    Office o(demo_with(row.config));
    const std::string officer = "canbo" + std::to_string(row.counter);
    o.sign_in(row.counter, officer, at("07:30"));
    for (const auto& i : row.issues) o.issue(i.service, at(i.time), i.priority);
    std::vector<std::string> order;
    Instant now = at("10:00");
    for (std::int64_t id; (id = o.serve_next(row.counter, officer, now)) != 0 && order.size() < 50;
         now += std::chrono::minutes(2))
      order.push_back(o.display(id));
    EXPECT_EQ(order, row.expected);
  }
}

TEST(Routing, TransferredToThisCounterComesBeforePriorityAndOlderTickets) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.sign_in(6, "canbo6", at("07:30"));  // tra-ket-qua, chung-thuc
  o.issue("ho-tich", at("08:00"), P);
  o.issue("ho-tich", at("08:01"));
  const auto later = o.issue("chung-thuc", at("08:30"));
  ASSERT_EQ(o.call(6, "canbo6", at("08:40")), later);
  o.ok(Transfer{6, "canbo6", "", 1}, at("08:41"));
  const auto d = o.ok(CallNext{1, "canbo1"}, at("08:42"));
  EXPECT_EQ(d.ticket_id, later);
  EXPECT_EQ(d.events[0].reason, "transfer");
}

TEST(Routing, ATransferredCallDoesNotUseUpTheInterleave) {
  Office o;  // 1 priority : 2 normal
  o.sign_in(1, "canbo1", at("07:30"));
  o.sign_in(6, "canbo6", at("07:30"));
  const auto moved = o.issue("chung-thuc", at("07:55"));
  const auto p1 = o.issue("ho-tich", at("08:00"), P);
  const auto p2 = o.issue("ho-tich", at("08:01"), P);
  const auto n1 = o.issue("ho-tich", at("08:02"));
  const auto n2 = o.issue("ho-tich", at("08:03"));
  EXPECT_EQ(o.serve_next(1, "canbo1", at("09:00")), p1);
  ASSERT_EQ(o.call(6, "canbo6", at("09:01")), moved);
  o.ok(Transfer{6, "canbo6", "", 1}, at("09:02"));
  EXPECT_EQ(o.serve_next(1, "canbo1", at("09:03")), moved);
  // Two normal tickets are still owed after p1.
  EXPECT_EQ(o.serve_next(1, "canbo1", at("09:04")), n1);
  EXPECT_EQ(o.serve_next(1, "canbo1", at("09:05")), n2);
  EXPECT_EQ(o.serve_next(1, "canbo1", at("09:06")), p2);
}

TEST(Routing, TicketsAtAClosedOrOtherCounterAreNotChosen) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.sign_in(2, "canbo2", at("07:30"));
  const auto a = o.issue("ho-tich", at("08:00"));
  const auto b = o.issue("ho-tich", at("08:01"));
  EXPECT_EQ(choose_next_ticket(o.config(), o.state(), 1, at("08:02")), a);
  EXPECT_EQ(o.call(2, "canbo2", at("08:02")), a);
  EXPECT_EQ(choose_next_ticket(o.config(), o.state(), 1, at("08:03")), b);
  EXPECT_EQ(choose_next_ticket(o.config(), o.state(), 99, at("08:03")), std::nullopt);
  EXPECT_EQ(choose_next_ticket(o.config(), o.state(), 3, at("08:03")), std::nullopt);
}

struct Ratio {
  int priority_every;
  int normal_between;
};

// Over a long day with both lines always full, the calls follow the ratio exactly:
// no run of priority longer than priority_every, no run of normal longer than normal_between.
TEST(Routing, NeitherSideStarvesOverALongSequence) {
  const std::vector<Ratio> ratios = {{1, 2}, {2, 1}, {1, 1}, {3, 2}, {1, 4}};
  for (const auto& r : ratios) {
    SCOPED_TRACE(std::to_string(r.priority_every) + ":" + std::to_string(r.normal_between));
    Office o(demo_with([&](OfficeConfig& c) { policy(c, r.priority_every, r.normal_between); }));
    o.sign_in(1, "canbo1", at("07:00"));
    Instant t = at("07:01");
    for (int i = 0; i < 200; ++i, t += std::chrono::seconds(10)) {
      o.issue("ho-tich", t, P);
      o.issue("ho-tich", t + std::chrono::seconds(5), N);
    }
    const int cycle = r.priority_every + r.normal_between;
    const int calls = 30 * cycle;  // both lines stay non-empty throughout
    std::string pattern;
    Instant now = at("09:00");
    Instant last_priority{}, last_normal{};
    for (int i = 0; i < calls; ++i, now += std::chrono::minutes(1)) {
      const Ticket& tk = o.ticket(o.serve_next(1, "canbo1", now, std::chrono::seconds(30)));
      pattern += tk.priority ? 'P' : 'N';
      // Within each lane, oldest first.
      Instant& last = tk.priority ? last_priority : last_normal;
      EXPECT_GT(tk.queue_at, last);
      last = tk.queue_at;
    }
    const std::string expected_cycle = std::string(r.priority_every, 'P') + std::string(r.normal_between, 'N');
    std::string expected;
    for (int i = 0; i < 30; ++i) expected += expected_cycle;
    EXPECT_EQ(pattern, expected);
  }
}

}  // namespace
}  // namespace motcua::domain_test
