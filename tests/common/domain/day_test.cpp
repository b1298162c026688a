// The service day rolls over at local midnight in Asia/Ho_Chi_Minh (UTC+7): numbering
// restarts, yesterday's open tickets expire, and the counters still open close, so each
// officer signs in afresh.
#include <gtest/gtest.h>

#include <set>

#include "domain_fixture.hpp"

namespace motcua::domain_test {
namespace {

// The rollover part of a decision: yesterday's open tickets expire as cancellations
// ("day_end"), the counters still open close ("day_end"), then day_started; the command's
// own events follow. Returns the index of day_started, or -1 when the decision has none.
int check_rollover(const std::vector<Event>& events, const std::set<std::int64_t>& open_yesterday, Instant now,
                   int new_day, const std::set<int>& open_counters = {}) {
  int started = -1;
  for (std::size_t i = 0; i < events.size(); ++i)
    if (events[i].type == EventType::day_started) started = static_cast<int>(i);
  if (started < 0) return -1;
  std::set<std::int64_t> expired;
  std::set<int> closed;
  for (int i = 0; i < started; ++i) {
    EXPECT_EQ(events[i].reason, "day_end");
    EXPECT_EQ(events[i].at, now);
    if (events[i].type == EventType::counter_closed) {
      closed.insert(events[i].counter);
      continue;
    }
    EXPECT_EQ(events[i].type, EventType::ticket_cancelled) << "only expiries and closings come before day_started";
    EXPECT_TRUE(closed.empty()) << "the tickets expire before their counters close";
    expired.insert(events[i].ticket_id);
  }
  EXPECT_EQ(expired, open_yesterday);
  EXPECT_EQ(closed, open_counters);
  EXPECT_EQ(events[started].service_day, new_day);
  EXPECT_EQ(events[started].at, now);
  for (std::size_t i = started + 1; i < events.size(); ++i) {
    EXPECT_NE(events[i].type, EventType::day_started);
    EXPECT_NE(events[i].reason, "day_end");
  }
  return started;
}

struct MidnightCase {
  const char* name;
  Instant when;
  bool new_day;
  int day_offset;  // service day of the new ticket, relative to the base day
  int number;
};

TEST(Day, NumberingRestartsAtLocalMidnight) {
  const std::vector<MidnightCase> table = {
      {"17:00 local, same day", utc("2026-11-23T10:00:00Z"), false, 0, 1002},
      {"16:59:59Z is 23:59:59 local, still the same day", utc("2026-11-23T16:59:59Z"), false, 0, 1002},
      {"one millisecond before local midnight", utc("2026-11-23T17:00:00Z") - Millis(1), false, 0, 1002},
      {"17:00:00Z is local midnight: the next day", utc("2026-11-23T17:00:00Z"), true, 1, 1001},
      {"00:00Z next UTC day is 07:00 local", utc("2026-11-24T00:00:00Z"), true, 1, 1001},
      {"three days later", utc("2026-11-26T02:00:00Z"), true, 3, 1001},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    Office o;
    const auto yesterday = o.issue("ho-tich", at("08:00"));  // 1001 on 2026-11-23, still waiting
    const auto d = o.ok(issue_of("ho-tich"), row.when);
    const std::vector<EventType> expected =
        row.new_day
            ? std::vector<EventType>{EventType::ticket_cancelled, EventType::day_started, EventType::ticket_issued}
            : std::vector<EventType>{EventType::ticket_issued};
    ASSERT_EQ(types_of(d.events), expected);
    const int started = check_rollover(d.events, {yesterday}, row.when, base_day() + row.day_offset);
    EXPECT_EQ(started, row.new_day ? 1 : -1);
    const Event& issued = d.events.back();
    EXPECT_EQ(issued.number, row.number);
    EXPECT_EQ(issued.service_day, base_day() + row.day_offset);
    for (std::size_t i = 1; i < d.events.size(); ++i) EXPECT_LT(d.events[i - 1].seq, d.events[i].seq);
    EXPECT_EQ(o.state().service_day, base_day() + row.day_offset);
    EXPECT_EQ(o.state().tickets.size(), row.new_day ? 1u : 2u);
  }
}

TEST(Day, NewDayClearsTicketsAndClosesEveryCounter) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.sign_in(2, "canbo2", at("07:30"));
  o.sign_in(3, "canbo3", at("07:30"));
  IssueTicket keyed = issue_of("ho-tich");
  keyed.idempotency_key = "kiosk-1-yesterday";
  const auto served = o.ok(keyed, at("08:00")).ticket_id;
  const auto waiting = o.issue("ho-tich", at("08:01"));
  const auto moved = o.issue("ho-tich", at("08:02"));
  const auto datdai = o.issue("dat-dai", at("08:03"), /*priority=*/true);
  o.serve_next(1, "canbo1", at("09:00"), std::chrono::seconds(600));
  ASSERT_EQ(o.call(2, "canbo2", at("09:01")), waiting);
  o.ok(Transfer{2, "canbo2", "", 1}, at("09:02"));  // waits for counter 1 overnight
  ASSERT_EQ(o.call(1, "canbo1", at("16:00")), waiting);
  o.ok(StartServing{1, "canbo1"}, at("16:01"));  // still serving at midnight
  o.ok(Pause{2, "canbo2", "Hết giờ"}, at("16:30"));
  const double avg = o.state().services.at("ho-tich").avg_service_s;
  ASSERT_DOUBLE_EQ(avg, 600.0);
  const auto next_id_before = o.state().next_ticket_id;
  (void)served;

  // The first command of the new day: canbo4 opens counter 4 at 07:30 local.
  const auto d = o.ok(SignIn{4, "canbo4"}, at("07:30", 1));
  ASSERT_EQ(d.events.size(), 8u);
  ASSERT_EQ(check_rollover(d.events, {waiting, moved, datdai}, at("07:30", 1), base_day() + 1, {1, 2, 3}), 6);
  EXPECT_EQ(d.events[7].type, EventType::counter_opened);
  for (int i = 3; i < 6; ++i) {
    // Each closing names the officer who held the counter (canbo2's paused one too).
    EXPECT_EQ(d.events[i].officer, "canbo" + std::to_string(d.events[i].counter));
  }
  for (int i = 0; i < 3; ++i) {
    // The one held at counter 1 expires with its counter and officer recorded.
    if (d.events[i].ticket_id != waiting) continue;
    EXPECT_EQ(d.events[i].counter, 1);
    EXPECT_EQ(d.events[i].officer, "canbo1");
  }

  const OfficeState& s = o.state();
  EXPECT_EQ(s.service_day, base_day() + 1);
  EXPECT_TRUE(s.tickets.empty()) << "yesterday's tickets are gone from the live state";
  for (const auto& [code, line] : s.lines) EXPECT_EQ(line.size(), 0u) << code;
  for (const auto& [n, line] : s.counter_lines) EXPECT_TRUE(line.empty()) << n;
  EXPECT_TRUE(s.idempotency.empty());
  EXPECT_EQ(waiting_count(s, "ho-tich"), 0);
  EXPECT_EQ(s.next_ticket_id, next_id_before) << "ids never repeat across days";
  EXPECT_EQ(s.services.at("ho-tich").issued, 0);
  EXPECT_EQ(s.services.at("ho-tich").highest_number, 0);
  EXPECT_EQ(s.services.at("ho-tich").served, 0);
  EXPECT_DOUBLE_EQ(s.services.at("ho-tich").avg_service_s, avg) << "the learned service time carries over";

  for (int n : {1, 2, 3, 5}) {
    EXPECT_EQ(o.counter(n).state, CounterState::closed) << n;
    EXPECT_EQ(o.counter(n).officer, "") << n;
    EXPECT_EQ(o.counter(n).ticket_id, 0) << n;
    EXPECT_EQ(o.counter(n).served_today, 0) << n;
    EXPECT_EQ(o.counter(n).last_closed_ticket, 0) << n;
    EXPECT_EQ(o.counter(n).pause_reason, "") << n;
  }
  EXPECT_EQ(o.counter(4).state, CounterState::idle);
  EXPECT_EQ(o.counter(4).officer, "canbo4");

  // Yesterday's sign-in is over: acting at the counter needs a new one. A yesterday key
  // makes a new ticket.
  EXPECT_EQ(o.refused(CallNext{1, "canbo1"}, at("07:44", 1)).error(), "not_signed_in");
  o.sign_in(1, "canbo1", at("07:44", 1));
  const auto fresh = o.ok(keyed, at("07:45", 1));
  EXPECT_FALSE(fresh.replayed);
  EXPECT_EQ(fresh.events.size(), 1u);
  EXPECT_GE(fresh.ticket_id, next_id_before);
  EXPECT_EQ(o.display(fresh.ticket_id), "1001");
  EXPECT_EQ(o.call(1, "canbo1", at("07:46", 1)), fresh.ticket_id);
  // Yesterday's tickets cannot be acted on.
  EXPECT_EQ(o.refused(CancelTicket{moved, "", ""}, at("07:47", 1)).error(), "unknown_ticket");
}

TEST(Day, TickRollsTheDayWhenNobodyActs) {
  Office o;
  ASSERT_EQ(o.issue("ho-tich", at("08:00")), 1);
  EXPECT_TRUE(o.ok(Tick{}, utc("2026-11-23T16:59:59Z")).events.empty());
  const auto d = o.ok(Tick{}, utc("2026-11-23T17:00:00Z"));
  ASSERT_EQ(types_of(d.events), (std::vector<EventType>{EventType::ticket_cancelled, EventType::day_started}));
  EXPECT_EQ(check_rollover(d.events, {1}, utc("2026-11-23T17:00:00Z"), base_day() + 1), 1);
  EXPECT_TRUE(o.ok(Tick{}, utc("2026-11-23T17:00:01Z")).events.empty()) << "once per day";
  EXPECT_TRUE(o.state().tickets.empty());
}

TEST(Day, FirstCommandOfTheDayMayBeASignInAtYesterdaysCounter) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  const auto old_ticket = o.issue("ho-tich", at("08:00"));
  // canbo1 never signed out; this morning's sign-in at the same counter closes yesterday's.
  const auto d = o.ok(SignIn{1, "canbo1"}, at("07:31", 1));
  EXPECT_EQ(types_of(d.events), (std::vector<EventType>{EventType::ticket_cancelled, EventType::counter_closed,
                                                        EventType::day_started, EventType::counter_opened}));
  EXPECT_EQ(check_rollover(d.events, {old_ticket}, at("07:31", 1), base_day() + 1, {1}), 2);
  EXPECT_EQ(o.counter(1).state, CounterState::idle);
  EXPECT_EQ(o.counter(1).officer, "canbo1");
}

TEST(Day, ARefusedFirstCommandDoesNotRollTheDay) {
  Office o;
  o.issue("ho-tich", at("08:00"));
  const Status s = o.refused(CallNext{2, "canbo2"}, at("07:31", 1));
  EXPECT_EQ(s.error(), "not_signed_in");
  EXPECT_EQ(o.state().service_day, base_day());
  // The next accepted command rolls it.
  const auto d = o.ok(Tick{}, at("07:32", 1));
  EXPECT_EQ(check_rollover(d.events, {1}, at("07:32", 1), base_day() + 1), 1);
}

TEST(Day, NoOpenTicketsMeansNoExpiries) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  const auto a = o.issue("ho-tich", at("08:00"));
  const auto b = o.issue("ho-tich", at("08:01"));
  o.serve_next(1, "canbo1", at("08:05"));
  o.ok(CancelTicket{b, "", ""}, at("08:10"));
  EXPECT_EQ(o.ticket(a).state, TicketState::done);
  const auto d = o.ok(Tick{}, at("00:00", 1));
  EXPECT_EQ(types_of(d.events), (std::vector<EventType>{EventType::counter_closed, EventType::day_started}));
  EXPECT_EQ(check_rollover(d.events, {}, at("00:00", 1), base_day() + 1, {1}), 1);
}

TEST(Day, InterleaveStartsFreshEachDay) {
  Office o;  // 1:2 – a waiting priority ticket goes first on a fresh counter
  o.sign_in(1, "canbo1", at("07:30"));
  o.issue("ho-tich", at("08:00"), true);
  o.issue("ho-tich", at("08:01"));
  o.serve_next(1, "canbo1", at("08:10"));  // the priority one; two normals now owed
  const auto n = o.issue("ho-tich", at("07:40", 1));
  const auto p = o.issue("ho-tich", at("07:41", 1), true);
  o.sign_in(1, "canbo1", at("07:45", 1));
  EXPECT_EQ(o.serve_next(1, "canbo1", at("08:00", 1)), p);
  EXPECT_EQ(o.serve_next(1, "canbo1", at("08:05", 1)), n);
}

}  // namespace
}  // namespace motcua::domain_test
