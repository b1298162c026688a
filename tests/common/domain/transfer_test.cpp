// Transfers keep a ticket's number and its place in line; they never send it to the back.
#include <gtest/gtest.h>

#include "domain_fixture.hpp"

namespace motcua::domain_test {
namespace {

TEST(Transfer, ToAnotherServiceKeepsNumberAndPlace) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.sign_in(6, "canbo6", at("07:30"));  // counter 6 serves tra-ket-qua, then chung-thuc
  const auto h = o.issue("ho-tich", at("08:00"));
  const auto c1 = o.issue("chung-thuc", at("08:01"));
  const auto c2 = o.issue("chung-thuc", at("08:02"));
  ASSERT_EQ(o.call(1, "canbo1", at("08:10")), h);
  o.ok(StartServing{1, "canbo1"}, at("08:11"));

  const auto d = o.ok(Transfer{1, "canbo1", "chung-thuc", 0}, at("08:12"));
  ASSERT_EQ(d.events.size(), 1u);
  const Event& e = d.events[0];
  EXPECT_EQ(e.type, EventType::ticket_transferred);
  EXPECT_EQ(e.at, at("08:12"));
  EXPECT_EQ(e.counter, 1);
  EXPECT_EQ(e.officer, "canbo1");
  EXPECT_EQ(e.service, "chung-thuc");
  EXPECT_EQ(e.to_counter, 0);

  const Ticket& t = o.ticket(h);
  EXPECT_EQ(t.state, TicketState::transferred);
  EXPECT_EQ(t.service, "chung-thuc");
  EXPECT_EQ(t.number, 1001);
  EXPECT_EQ(t.display, "1001");
  EXPECT_EQ(t.queue_at, at("08:00"));
  EXPECT_EQ(t.issued_at, at("08:00"));
  EXPECT_EQ(t.transfers, 1);
  EXPECT_FALSE(t.started_at.has_value()) << "service time restarts at the new counter";
  EXPECT_EQ(o.counter(1).state, CounterState::idle);
  EXPECT_EQ(o.counter(1).ticket_id, 0);

  // Its place (08:00) is older than both chung-thuc tickets: first, not last.
  EXPECT_EQ(people_ahead(o.state(), t), 0);
  EXPECT_EQ(people_ahead(o.state(), o.ticket(c1)), 1);
  EXPECT_EQ(people_ahead(o.state(), o.ticket(c2)), 2);
  EXPECT_EQ(waiting_count(o.state(), "chung-thuc"), 3);
  EXPECT_EQ(waiting_count(o.state(), "ho-tich"), 0);

  EXPECT_EQ(o.serve_next(6, "canbo6", at("08:15")), h);
  EXPECT_EQ(o.ticket(h).counter, 6);
  EXPECT_EQ(o.ticket(h).officer, "canbo6");
  EXPECT_EQ(o.ticket(h).called_at, at("08:10")) << "called_at is the first call";
  EXPECT_EQ(o.serve_next(6, "canbo6", at("08:20")), c1);
  EXPECT_EQ(o.serve_next(6, "canbo6", at("08:25")), c2);
}

TEST(Transfer, ToANamedCounterGoesAheadOfItsLine) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.sign_in(2, "canbo2", at("07:30"));  // counter 2 serves chung-thuc, then ho-tich
  const auto older = o.issue("chung-thuc", at("08:00"));
  const auto h1 = o.issue("ho-tich", at("08:01"));
  const auto h2 = o.issue("ho-tich", at("08:02"));
  ASSERT_EQ(o.call(1, "canbo1", at("08:05")), h1);

  const auto d = o.ok(Transfer{1, "canbo1", "", 2}, at("08:06"));
  EXPECT_EQ(d.events[0].to_counter, 2);
  EXPECT_EQ(d.events[0].service, "") << "the service does not change";
  EXPECT_EQ(o.ticket(h1).target_counter, 2);
  EXPECT_EQ(o.ticket(h1).service, "ho-tich");
  EXPECT_EQ(o.ticket(h1).state, TicketState::transferred);
  EXPECT_EQ(people_ahead(o.state(), o.ticket(h1)), 0);

  // Counter 1 does not get it back; counter 2 gets it before its older chung-thuc ticket.
  EXPECT_EQ(o.serve_next(1, "canbo1", at("08:07")), h2);
  EXPECT_EQ(o.call(2, "canbo2", at("08:08")), h1);
  EXPECT_EQ(o.ticket(h1).target_counter, 0);
  EXPECT_EQ(o.ticket(h1).number, 1001);
  EXPECT_EQ(o.ticket(h1).display, "1001");
  o.ok(StartServing{2, "canbo2"}, at("08:09"));
  o.ok(CloseTicket{2, "canbo2"}, at("08:10"));
  EXPECT_EQ(o.call(2, "canbo2", at("08:11")), older);
}

TEST(Transfer, SeveralToOneCounterKeepTheirOrderOfIssue) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.sign_in(2, "canbo2", at("07:30"));
  o.sign_in(5, "canbo5", at("07:30"));  // serves kinh-doanh, dat-dai
  const auto old_t = o.issue("chung-thuc", at("08:00"));
  const auto new_t = o.issue("ho-tich", at("08:10"));
  // The newer ticket is transferred first: order in the counter's line is still by place.
  ASSERT_EQ(o.call(1, "canbo1", at("08:20")), new_t);
  o.ok(Transfer{1, "canbo1", "dat-dai", 5}, at("08:21"));
  ASSERT_EQ(o.call(2, "canbo2", at("08:22")), old_t);
  o.ok(Transfer{2, "canbo2", "dat-dai", 5}, at("08:23"));
  EXPECT_EQ(people_ahead(o.state(), o.ticket(old_t)), 0);
  EXPECT_EQ(people_ahead(o.state(), o.ticket(new_t)), 1);
  EXPECT_EQ(o.serve_next(5, "canbo5", at("08:30")), old_t);
  EXPECT_EQ(o.serve_next(5, "canbo5", at("08:40")), new_t);
  EXPECT_EQ(o.ticket(old_t).service, "dat-dai");
  EXPECT_EQ(o.ticket(old_t).transfers, 1);
}

TEST(Transfer, PriorityTicketStaysPriorityInTheNewLine) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.sign_in(3, "canbo3", at("07:30"));  // dat-dai only
  o.issue("dat-dai", at("07:50"));
  const auto p = o.issue("ho-tich", at("08:00"), /*priority=*/true);
  ASSERT_EQ(o.call(1, "canbo1", at("08:05")), p);
  o.ok(Transfer{1, "canbo1", "dat-dai", 0}, at("08:06"));
  EXPECT_TRUE(o.ticket(p).priority);
  EXPECT_EQ(people_ahead(o.state(), o.ticket(p)), 0) << "priority tickets go ahead of normal ones";
  EXPECT_EQ(o.call(3, "canbo3", at("08:07")), p);
}

TEST(Transfer, ATransferredTicketCanBeTransferredAgain) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.sign_in(6, "canbo6", at("07:30"));
  const auto id = o.issue("ho-tich", at("08:00"));
  o.call(1, "canbo1", at("08:01"));
  o.ok(Transfer{1, "canbo1", "chung-thuc", 6}, at("08:02"));
  ASSERT_EQ(o.call(6, "canbo6", at("08:03")), id);
  o.ok(Transfer{6, "canbo6", "tra-ket-qua", 0}, at("08:04"));
  EXPECT_EQ(o.ticket(id).transfers, 2);
  EXPECT_EQ(o.ticket(id).service, "tra-ket-qua");
  EXPECT_EQ(o.ticket(id).queue_at, at("08:00"));
  EXPECT_EQ(o.call(6, "canbo6", at("08:05")), id);
}

}  // namespace
}  // namespace motcua::domain_test
