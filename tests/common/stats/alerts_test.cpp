// Table tests of compute_alerts: each case builds a hall by applying events to the demo
// office (target 30 min everywhere, idle_alert_s 120, apology 45 min), then checks the
// alerts at a given instant, including the exact-threshold edges.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <utility>

#include "domain/office_state.hpp"
#include "stats/alerts.hpp"
#include "stats/waiting_series.hpp"

namespace motcua::stats {
namespace {

constexpr int kDay = 20780;  // 2026-11-23 local

Instant at_s(int seconds) { return start_of_service_day(kDay, 420) + std::chrono::hours(8) + std::chrono::seconds(seconds); }

// Builds today's state from events, all on kDay; times are seconds after 08:00 local.
class Hall {
 public:
  Hall() : config_(demo_office_config()), state_(initial_state(config_, kDay, 1, 0)) {}

  Hall& open(int counter, const std::string& officer, int t) { return ev(EventType::counter_opened, 0, counter, officer, t); }
  Hall& issue(std::int64_t id, const std::string& service, int t) {
    Event e = base(EventType::ticket_issued, id, 0, "", t);
    e.service = service;
    e.service_day = kDay;
    const Service* s = config_.find_service(service);
    e.number = (s ? s->first_number : 1) + static_cast<int>(id);
    e.display = std::to_string(e.number);
    e.priority = std::exchange(next_priority_, false);
    apply(config_, state_, e);
    return *this;
  }
  Hall& call(std::int64_t id, int counter, int t) { return ev(EventType::ticket_called, id, counter, officer_at(counter), t); }
  Hall& start(std::int64_t id, int counter, int t) { return ev(EventType::ticket_started, id, counter, officer_at(counter), t); }
  Hall& close(std::int64_t id, int counter, int t) { return ev(EventType::ticket_closed, id, counter, officer_at(counter), t); }
  Hall& transfer(std::int64_t id, int counter, const std::string& service, int t, int to_counter = 0) {
    Event e = base(EventType::ticket_transferred, id, counter, officer_at(counter), t);
    e.service = service;
    e.to_counter = to_counter;
    apply(config_, state_, e);
    return *this;
  }
  Hall& cancel(std::int64_t id, int t) { return ev(EventType::ticket_cancelled, id, 0, "", t); }
  Hall& ev_close_counter(int counter, int t) { return ev(EventType::counter_closed, 0, counter, officer_at(counter), t); }
  Hall& prioritise_next() {
    next_priority_ = true;
    return *this;
  }
  Hall& pause(int counter, const std::string& reason, int t) {
    Event e = base(EventType::counter_paused, 0, counter, officer_at(counter), t);
    e.reason = reason;
    apply(config_, state_, e);
    return *this;
  }
  std::vector<Alert> alerts(int t) const { return compute_alerts(config_, state_, at_s(t)); }
  const OfficeConfig& config() const { return config_; }
  const OfficeState& state() const { return state_; }

 private:
  std::string officer_at(int counter) const {
    const CounterStatus* c = state_.find_counter(counter);
    return c ? c->officer : "";
  }
  Event base(EventType type, std::int64_t id, int counter, const std::string& officer, int t) {
    Event e;
    e.seq = ++seq_;
    e.type = type;
    e.at = at_s(t);
    e.ticket_id = id;
    e.counter = counter;
    e.officer = officer;
    return e;
  }
  Hall& ev(EventType type, std::int64_t id, int counter, const std::string& officer, int t) {
    apply(config_, state_, base(type, id, counter, officer, t));
    return *this;
  }
  OfficeConfig config_;
  OfficeState state_;
  std::int64_t seq_ = 0;
  bool next_priority_ = false;
};

// Every alert but service_unstaffed, which its own tests check: most halls here leave
// some service without an open counter.
std::vector<std::string> summary(const std::vector<Alert>& alerts, bool with_unstaffed = false) {
  std::vector<std::string> out;
  for (const auto& a : alerts) {
    if (a.kind == AlertKind::service_unstaffed && !with_unstaffed) continue;
    std::string s(to_string(a.kind));
    if (!a.service.empty()) s += ":" + a.service;
    if (a.counter) s += ":q" + std::to_string(a.counter);
    if (a.ticket_id) s += ":#" + std::to_string(a.ticket_id);
    if (a.count != 1) s += ":x" + std::to_string(a.count);
    out.push_back(s);
  }
  return out;
}

using Names = std::vector<std::string>;

TEST(Alerts, QuietHallHasNone) {
  Hall h;
  EXPECT_TRUE(h.alerts(0).empty());
  h.open(1, "canbo1", 0).issue(1, "ho-tich", 10).call(1, 1, 20);
  EXPECT_TRUE(h.alerts(10'000).empty()) << "nobody in line, the called ticket waited 10 s";
}

TEST(Alerts, WaitOverTargetIsStrictlyPastTheTarget) {
  struct Case { int now_s; Names expected; };
  // ho-tich target 30 min = 1800 s. Nobody is signed in, so no counter is idle.
  const Case cases[] = {
      {1799, {}},
      {1800, {}},  // exactly at the target: not yet
      {1801, {"wait_over_target:ho-tich:#1"}},
      {2000, {"wait_over_target:ho-tich:#1"}},
  };
  Hall h;
  h.issue(1, "ho-tich", 0).issue(2, "ho-tich", 100).issue(3, "dat-dai", 1000);
  for (const auto& c : cases) EXPECT_EQ(summary(h.alerts(c.now_s)), c.expected) << "at " << c.now_s;
  const auto a = h.alerts(1801);
  ASSERT_GE(a.size(), 1u);
  EXPECT_EQ(a[0].number, "1002");
  EXPECT_EQ(a[0].since, at_s(0));
  EXPECT_EQ(a[0].threshold_s, 1800);
  EXPECT_EQ(a[0].message, "Tư pháp – Hộ tịch: số 1002 chờ quá thời gian mục tiêu 30 phút");
}

TEST(Alerts, AlertsDoNotChangeWithTimeAlone) {
  Hall h;
  h.issue(1, "ho-tich", 0);
  EXPECT_EQ(h.alerts(1900), h.alerts(2500)) << "equal lists let the monitor broadcast only on change";
}

TEST(Alerts, WaitAlertFollowsTheOldestStillInLine) {
  Hall h;
  h.open(1, "canbo1", 0).issue(1, "ho-tich", 0).issue(2, "ho-tich", 600).call(1, 1, 1700);
  // #1 was called; #2 has waited 1900 − 600 = 1300 s: under target.
  EXPECT_EQ(summary(h.alerts(1900)), Names{});
  EXPECT_EQ(summary(h.alerts(2401)), Names{"wait_over_target:ho-tich:#2"});
}

TEST(Alerts, IdleCounterWhilePeopleWait) {
  struct Case { int now_s; Names expected; };
  // Counter 3 (dat-dai) opens at 0; #1 arrives at 500: both hold from 500, threshold 120 s.
  const Case cases[] = {
      {600, {}},
      {620, {}},  // exactly 120 s
      {621, {"counter_idle:q3"}},  // one waits: count 1
  };
  Hall h;
  h.open(3, "canbo3", 0).issue(1, "dat-dai", 500);
  for (const auto& c : cases) EXPECT_EQ(summary(h.alerts(c.now_s)), c.expected) << "at " << c.now_s;
  EXPECT_EQ(h.alerts(621)[0].since, at_s(500));
  EXPECT_EQ(h.alerts(621)[0].message, "Quầy 3 chưa gọi số tiếp theo trong khi 1 công dân đang chờ");
}

TEST(Alerts, IdleClockStartsWhenTheCounterFreesUp) {
  Hall h;
  // #1 waits from 0; counter 3 busy with #2 until it closes at 1000.
  h.open(3, "canbo3", 0).issue(2, "dat-dai", 0).issue(1, "dat-dai", 10).call(2, 3, 20).start(2, 3, 30).close(2, 3, 1000);
  EXPECT_EQ(summary(h.alerts(1100)), Names{});
  EXPECT_EQ(summary(h.alerts(1121)), Names{"counter_idle:q3"});
}

TEST(Alerts, PausedCounterNamesItsReasonAndOtherServicesCount) {
  Hall h;
  // Counter 5 serves kinh-doanh then dat-dai; only dat-dai has people.
  h.open(5, "canbo5", 0).pause(5, "Nghỉ trưa", 10).issue(1, "dat-dai", 20);
  const auto a = h.alerts(200);
  ASSERT_EQ(summary(a), Names{"counter_idle:q5"});
  EXPECT_EQ(a[0].message, "Quầy 5 đang tạm dừng (Nghỉ trưa) trong khi 1 công dân đang chờ");
}

TEST(Alerts, ClosedOrBusyCountersNeverIdleAlert) {
  Hall h;
  h.open(3, "canbo3", 0).issue(1, "dat-dai", 0).issue(2, "dat-dai", 0).call(1, 3, 10);
  // Counter 3 is calling #1 while #2 waits; counter 5 (also dat-dai) is closed.
  EXPECT_EQ(summary(h.alerts(1000)), Names{});
}

// Nobody will call people whose service has no counter signed in: after a supervisor
// closed the last one, or when nobody came in. From when both held, strictly past
// idle_alert_s (120 s). A paused counter is still signed in (counter_idle covers it).
TEST(Alerts, AServiceWithPeopleWaitingAndNoOpenCounter) {
  struct Case {
    const char* name;
    int now_s;
    Names expected;
  };
  // ldtbxh is served by counter 4 only. Counter 4 opens, #1 arrives at 100, the officer
  // signs out at 300 (the close is the later start); dat-dai (counters 3 and 5) keeps counter 3.
  Hall h;
  h.open(4, "canbo4", 0).open(3, "canbo3", 0).issue(1, "ldtbxh", 100).issue(2, "ldtbxh", 150);
  h.call(2, 4, 200).start(2, 4, 210).close(2, 4, 250);
  h.ev_close_counter(4, 300);
  h.issue(3, "dat-dai", 310).call(3, 3, 320);
  const Case cases[] = {
      {"before the close", 250, {}},
      {"closed 120 s ago: not yet", 420, {}},
      {"closed 121 s ago", 421, {"service_unstaffed:ldtbxh:#1"}},
  };
  for (const auto& c : cases) EXPECT_EQ(summary(h.alerts(c.now_s), true), c.expected) << c.name;
  const auto a = h.alerts(421);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].since, at_s(300));
  EXPECT_EQ(a[0].count, 1);
  EXPECT_EQ(a[0].message, "Lĩnh vực Lao động – Thương binh và Xã hội: không có quầy nào mở, 1 công dân đang chờ");
  // Paused is still signed in: the counter's own alert says it, not this one.
  h.open(4, "canbo4", 500).pause(4, "Họp", 510);
  EXPECT_EQ(summary(h.alerts(1000), true), Names{"counter_idle:q4"});
}

TEST(Alerts, ApologyForEveryoneStillInLinePastTheThreshold) {
  Hall h;
  // apology_wait_min 45 = 2700 s. Two ho-tich tickets pass it, one does not; target alerts too.
  h.issue(1, "ho-tich", 0).issue(2, "ho-tich", 100).issue(3, "ho-tich", 1000).issue(4, "tra-ket-qua", 50);
  EXPECT_EQ(summary(h.alerts(2700)), (Names{"wait_over_target:ho-tich:#1", "wait_over_target:tra-ket-qua:#4"}));
  const auto a = h.alerts(2801);
  EXPECT_EQ(summary(a), (Names{"wait_over_target:ho-tich:#1", "wait_over_target:tra-ket-qua:#4",
                               "apology_waiting:ho-tich:#1:x2", "apology_waiting:tra-ket-qua:#4"}));
  EXPECT_EQ(a[4].message, "Khách chờ, được xin lỗi: 2 công dân chờ lĩnh vực Tư pháp – Hộ tịch quá 45 phút (lâu nhất: số 1002)")
      << "after the two wait alerts and the two services nobody staffs";
}

TEST(Alerts, ApologyAtTheCounterThatCallsALateTicket) {
  Hall h;
  h.open(1, "canbo1", 0).issue(1, "ho-tich", 0).issue(2, "ho-tich", 0).call(1, 1, 3000);
  const auto a = h.alerts(3010);
  // #2 still waits (target, apology); counter 1 holds #1 which waited 50 min.
  EXPECT_EQ(summary(a), (Names{"wait_over_target:ho-tich:#2", "apology_waiting:ho-tich:#2",
                               "apology_at_counter:ho-tich:q1:#1"}));
  EXPECT_EQ(a[2].message, "Khách chờ, được xin lỗi: số 1002 tại Quầy 1 đã chờ 50 phút");
  // Once closed, the counter owes nothing more.
  h.start(1, 1, 3020).close(1, 1, 3100);
  EXPECT_EQ(summary(h.alerts(3110)), (Names{"wait_over_target:ho-tich:#2", "apology_waiting:ho-tich:#2"}));
}

TEST(Alerts, ATransferredTicketWaitsUnderItsNewServiceButOwesNoSecondApology) {
  Hall h;
  h.open(1, "canbo1", 0).open(2, "canbo2", 0).issue(1, "ho-tich", 0).call(1, 1, 2800).start(1, 1, 2810);
  h.transfer(1, 1, "chung-thuc", 3000);
  // In chung-thuc's line keeping its place (queue_at 0): over target, past apology; counter 2 idle.
  EXPECT_EQ(summary(h.alerts(3200)), (Names{"wait_over_target:chung-thuc:#1", "counter_idle:q1", "counter_idle:q2",
                                            "apology_waiting:chung-thuc:#1"}));
  h.call(1, 2, 3300);
  EXPECT_EQ(summary(h.alerts(3310)), Names{}) << "the apology was owed at counter 1";
}

TEST(Alerts, ApologyCountsPriorityLinesAndTicketsSentToANamedCounter) {
  Hall h;
  h.open(1, "canbo1", 0).issue(1, "ho-tich", 0).prioritise_next().issue(2, "ho-tich", 10).issue(3, "ho-tich", 20);
  h.call(3, 1, 30).start(3, 1, 40).transfer(3, 1, "ho-tich", 50, 2);
  h.prioritise_next().issue(4, "ho-tich", 2000);
  // #1 (normal line), #2 (priority line) and #3 (waiting for counter 2 by name, at its
  // place from 20 s) are past 45 min at 2721 s; #4 is not. Exactly at the threshold: not yet.
  // Counter 1 idles while #1, #2 and #4 wait for ho-tich (#3 waits for counter 2 by name).
  EXPECT_EQ(summary(h.alerts(2720)), (Names{"wait_over_target:ho-tich:#1", "counter_idle:q1:x3",
                                            "apology_waiting:ho-tich:#1:x2"}));
  EXPECT_EQ(summary(h.alerts(2721)), (Names{"wait_over_target:ho-tich:#1", "counter_idle:q1:x3",
                                            "apology_waiting:ho-tich:#1:x3"}));
  h.cancel(1, 2722);
  EXPECT_EQ(summary(h.alerts(2723)), (Names{"wait_over_target:ho-tich:#2", "counter_idle:q1:x2",
                                            "apology_waiting:ho-tich:#2:x2"}));
}

// apology_waiting as a plain walk through today's tickets would give it: per service, how
// many in-line tickets are past the threshold, and the oldest of them.
std::map<std::string, std::pair<int, std::int64_t>> apology_by_walking(const Hall& h, int t) {
  std::map<std::string, std::pair<int, std::int64_t>> out;
  std::map<std::string, LinePlace> oldest;
  const std::int64_t threshold_ms = std::int64_t{h.config().policy.apology_wait_min} * 60'000;
  for (const auto& [id, ticket] : h.state().tickets) {
    if (!is_in_line(ticket.state) || to_unix_ms(at_s(t)) - to_unix_ms(ticket.queue_at) <= threshold_ms) continue;
    auto& [count, oldest_id] = out[ticket.service];
    const LinePlace place{ticket.queue_at, id};
    if (count == 0 || place < oldest[ticket.service]) {
      oldest[ticket.service] = place;
      oldest_id = id;
    }
    count += 1;
  }
  return out;
}

TEST(Alerts, ApologyFromTheLinesMatchesAWalkThroughEveryTicket) {
  const std::vector<std::string> services{"ho-tich", "chung-thuc", "dat-dai"};
  for (unsigned seed = 1; seed <= 40; ++seed) {
    std::mt19937 rng(seed);
    Hall h;
    h.open(1, "canbo1", 0).open(2, "canbo2", 0).open(3, "canbo3", 0);
    int t = 0;
    std::int64_t issued = 0;
    for (int step = 0; step < 60; ++step) {
      t += static_cast<int>(rng() % 120);
      const std::int64_t id = issued > 0 ? 1 + static_cast<std::int64_t>(rng() % issued) : 0;
      const Ticket* ticket = id ? h.state().find_ticket(id) : nullptr;
      const int counter = 1 + static_cast<int>(rng() % 3);
      const CounterStatus* at = h.state().find_counter(counter);
      switch (rng() % 5) {
        case 0:
        case 1:
          if (rng() % 3 == 0) h.prioritise_next();
          h.issue(++issued, services[rng() % services.size()], t);
          break;
        case 2:  // a counter with nobody takes a ticket still in line
          if (ticket && is_in_line(ticket->state) && at && at->ticket_id == 0) h.call(id, counter, t);
          break;
        case 3:  // the ticket at a counter moves on: to another service, or to a named counter
          if (at && at->ticket_id != 0)
            h.transfer(at->ticket_id, counter, services[rng() % services.size()], t,
                       rng() % 2 ? 1 + static_cast<int>(rng() % 3) : 0);
          break;
        case 4:
          if (ticket && is_in_line(ticket->state)) h.cancel(id, t);
          break;
      }
    }
    for (int later : {t, t + 1500, t + 2700, t + 3000, t + 6000}) {
      std::map<std::string, std::pair<int, std::int64_t>> from_lines;
      for (const Alert& a : h.alerts(later))
        if (a.kind == AlertKind::apology_waiting) from_lines[a.service] = {a.count, a.ticket_id};
      EXPECT_EQ(from_lines, apology_by_walking(h, later)) << "seed " << seed << " at " << later;
    }
  }
}

TEST(WaitingSeries, SamplesTheLineOnAGrid) {
  const Instant t0 = at_s(0);
  WaitingSeries s(t0, at_s(250), Millis{100'000});
  auto ev = [&](EventType type, std::int64_t id, int t) {
    EventView e;
    e.type = type;
    e.ticket_id = id;
    e.at = at_s(t);
    s.add(e);
  };
  ev(EventType::ticket_issued, 1, 10);
  ev(EventType::ticket_issued, 2, 20);
  ev(EventType::ticket_issued, 3, 30);
  ev(EventType::ticket_called, 1, 40);     // 2 in line
  ev(EventType::ticket_cancelled, 2, 100); // at the 100 s point: counted before the point
  ev(EventType::ticket_transferred, 1, 150);
  ev(EventType::ticket_called, 3, 160);
  const auto p = s.finish();
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].at, at_s(100));
  EXPECT_EQ(p[0].waiting, 1);
  EXPECT_EQ(p[0].peak, 3);
  EXPECT_EQ(p[1].at, at_s(200));
  EXPECT_EQ(p[1].waiting, 1);
  EXPECT_EQ(p[1].peak, 2);
  EXPECT_EQ(p[2].at, at_s(250));
  EXPECT_EQ(p[2].waiting, 1);
}

}  // namespace
}  // namespace motcua::stats
