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
  // Still waiting in the hall for ho-tich, and since it was issued.
  EXPECT_EQ(waiting_count(o.state(), "ho-tich"), 2);
  EXPECT_EQ(longest_wait_s(o.state(), "ho-tich", at("08:06")), 5 * 60);
  EXPECT_EQ(waiting_count(o.state(), "chung-thuc"), 1);

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

TEST(Transfer, ToAClosedCounterIsRefusedAndToAPausedOneAccepted) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  const auto id = o.issue("ho-tich", at("08:00"));
  ASSERT_EQ(o.call(1, "canbo1", at("08:01")), id);
  // Counter 2 serves ho-tich but nobody has opened it: the citizen would wait for nobody.
  const Status s = o.refused(Transfer{1, "canbo1", "", 2}, at("08:02"));
  EXPECT_EQ(s.code(), StatusCode::conflict);
  EXPECT_EQ(s.error(), "counter_closed");
  EXPECT_EQ(s.message(), "Quầy 2 đang đóng; hãy chuyển theo lĩnh vực hoặc chọn quầy đang mở");
  EXPECT_EQ(o.ticket(id).state, TicketState::called);

  // A paused counter comes back: the ticket waits for it.
  o.sign_in(2, "canbo2", at("08:03"));
  o.ok(Pause{2, "canbo2", "Nghỉ trưa"}, at("08:04"));
  o.ok(Transfer{1, "canbo1", "", 2}, at("08:05"));
  EXPECT_EQ(o.ticket(id).target_counter, 2);
}

// However a counter closes, the tickets transferred to it go back in line for their
// service where they stood, and another counter of that service calls them in turn.
struct ClosingCase {
  const char* name;
  std::function<Command()> close;
  std::string by;
};

class CounterClosesWithTicketsTransferredToIt : public ::testing::TestWithParam<ClosingCase> {};

TEST_P(CounterClosesWithTicketsTransferredToIt, TheyGoBackInLineWhereTheyStood) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.sign_in(2, "canbo2", at("07:30"));
  const auto first = o.issue("ho-tich", at("08:00"));
  const auto second = o.issue("ho-tich", at("08:01"));
  const auto later = o.issue("chung-thuc", at("08:02"));
  ASSERT_EQ(o.call(1, "canbo1", at("08:05")), first);
  o.ok(Transfer{1, "canbo1", "", 2}, at("08:06"));
  ASSERT_EQ(o.call(1, "canbo1", at("08:07")), second);
  o.ok(Transfer{1, "canbo1", "", 2}, at("08:08"));
  ASSERT_EQ(o.state().counter_lines.at(2).size(), 2u);

  const auto d = o.ok(GetParam().close(), at("08:10"));
  std::vector<EventType> expected{EventType::ticket_transferred, EventType::ticket_transferred};
  if (std::string(GetParam().name) == "sign_in_elsewhere") {
    expected.push_back(EventType::counter_closed);
    expected.push_back(EventType::counter_opened);
  } else {
    expected.push_back(EventType::counter_closed);
  }
  EXPECT_EQ(types_of(d.events), expected);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(d.events[i].reason, kCounterClosedRelease);
    EXPECT_EQ(d.events[i].counter, 2);
    EXPECT_EQ(d.events[i].officer, GetParam().by);
    EXPECT_EQ(d.events[i].to_counter, 0);
    EXPECT_EQ(d.events[i].service, "");
  }
  EXPECT_EQ(d.events[0].ticket_id, first) << "in the order they stood";
  EXPECT_EQ(d.events[1].ticket_id, second);

  EXPECT_TRUE(o.state().counter_lines.at(2).empty());
  for (auto id : {first, second}) {
    EXPECT_EQ(o.ticket(id).state, TicketState::transferred);
    EXPECT_EQ(o.ticket(id).target_counter, 0);
    EXPECT_EQ(o.ticket(id).transfers, 1) << "the officer transferred it once; the release is not a transfer";
  }
  EXPECT_EQ(people_ahead(o.state(), o.ticket(first)), 0);
  EXPECT_EQ(people_ahead(o.state(), o.ticket(second)), 1);
  EXPECT_EQ(waiting_count(o.state(), "ho-tich"), 2);

  // Counter 1 serves ho-tich first: it calls them before the chung-thuc ticket, oldest first.
  EXPECT_EQ(o.serve_next(1, "canbo1", at("08:11")), first);
  EXPECT_EQ(o.serve_next(1, "canbo1", at("08:13")), second);
  EXPECT_EQ(o.serve_next(1, "canbo1", at("08:15")), later);
}

INSTANTIATE_TEST_SUITE_P(
    Transfer, CounterClosesWithTicketsTransferredToIt,
    ::testing::Values(ClosingCase{"sign_out", [] { return Command{SignOut{2, "canbo2"}}; }, "canbo2"},
                      ClosingCase{"sign_in_elsewhere", [] { return Command{SignIn{3, "canbo2"}}; }, "canbo2"},
                      ClosingCase{"closed_by_supervisor", [] { return Command{CloseCounter{2, "lanhdao"}}; },
                                  "lanhdao"}),
    [](const ::testing::TestParamInfo<ClosingCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace motcua::domain_test
