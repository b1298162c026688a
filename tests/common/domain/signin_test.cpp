// Officers at counters: sign-in, moving between counters, sign-out.
#include <gtest/gtest.h>

#include "domain_fixture.hpp"

namespace motcua::domain_test {
namespace {

TEST(SignIn, OpensTheCounterForThatOfficer) {
  Office o;
  const auto d = o.ok(SignIn{3, "canbo3"}, at("07:30"));
  EXPECT_EQ(types_of(d.events), std::vector<EventType>{EventType::counter_opened});
  EXPECT_EQ(d.events[0].counter, 3);
  EXPECT_EQ(d.events[0].officer, "canbo3");
  EXPECT_EQ(d.events[0].at, at("07:30"));
  EXPECT_EQ(o.counter(3).state, CounterState::idle);
  EXPECT_EQ(o.counter(3).officer, "canbo3");
  EXPECT_EQ(o.counter(3).since, at("07:30"));
  EXPECT_EQ(o.state().counter_of_officer("canbo3"), 3);
}

TEST(SignIn, MovingToAnotherCounterClosesTheOldOne) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  const auto d = o.ok(SignIn{2, "canbo1"}, at("09:00"));
  EXPECT_EQ(types_of(d.events), (std::vector<EventType>{EventType::counter_closed, EventType::counter_opened}));
  EXPECT_EQ(d.events[0].counter, 1);
  EXPECT_EQ(d.events[0].officer, "canbo1");
  EXPECT_EQ(d.events[1].counter, 2);
  EXPECT_EQ(o.counter(1).state, CounterState::closed);
  EXPECT_EQ(o.counter(1).officer, "");
  EXPECT_EQ(o.counter(2).state, CounterState::idle);
  EXPECT_EQ(o.counter(2).officer, "canbo1");
  EXPECT_EQ(o.state().counter_of_officer("canbo1"), 2);
  // The old counter is free for someone else now.
  o.sign_in(1, "canbo2", at("09:01"));
  EXPECT_EQ(o.counter(1).officer, "canbo2");
}

TEST(SignIn, MovingFromAPausedCounterClosesIt) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.ok(Pause{1, "canbo1", "Họp"}, at("08:00"));
  o.sign_in(2, "canbo1", at("09:00"));
  EXPECT_EQ(o.counter(1).state, CounterState::closed);
  EXPECT_EQ(o.counter(1).pause_reason, "");
}

TEST(SignIn, AnotherOfficerCannotTakeAHeldCounter) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  const Status s = o.refused(SignIn{1, "canbo2"}, at("08:00"));
  EXPECT_EQ(s.code(), StatusCode::conflict);
  EXPECT_EQ(s.error(), "counter_taken");
  EXPECT_NE(s.message().find("Nguyễn Thị Lan"), std::string::npos) << "names who holds it: " << s.message();
  // Also while paused, and the holder's own counter is untouched.
  o.ok(Pause{1, "canbo1", "Nghỉ"}, at("08:01"));
  EXPECT_EQ(o.refused(SignIn{1, "canbo2"}, at("08:02")).error(), "counter_taken");
  EXPECT_EQ(o.counter(1).officer, "canbo1");
}

TEST(SignIn, SigningInAgainAtTheSameCounterKeepsTheTicket) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  const auto id = o.issue("ho-tich", at("08:00"));
  o.call(1, "canbo1", at("08:01"));
  o.ok(StartServing{1, "canbo1"}, at("08:02"));
  const auto d = o.ok(SignIn{1, "canbo1"}, at("08:03"));  // e.g. a browser reload
  EXPECT_EQ(types_of(d.events), std::vector<EventType>{EventType::counter_opened});
  EXPECT_EQ(o.counter(1).state, CounterState::serving);
  EXPECT_EQ(o.counter(1).ticket_id, id);
  EXPECT_EQ(o.ticket(id).state, TicketState::serving);
}

TEST(SignOut, ClosesTheCounterOnlyWithEmptyHands) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.issue("ho-tich", at("08:00"));
  o.call(1, "canbo1", at("08:01"));
  EXPECT_EQ(o.refused(SignOut{1, "canbo1"}, at("08:02")).error(), "ticket_in_hand");
  o.ok(MarkNoShow{1, "canbo1"}, at("08:03"));
  const auto d = o.ok(SignOut{1, "canbo1"}, at("08:04"));
  EXPECT_EQ(types_of(d.events), std::vector<EventType>{EventType::counter_closed});
  EXPECT_EQ(d.events[0].counter, 1);
  EXPECT_EQ(d.events[0].officer, "canbo1");
  EXPECT_EQ(o.counter(1).state, CounterState::closed);
  EXPECT_EQ(o.state().counter_of_officer("canbo1"), 0);
  EXPECT_EQ(o.refused(CallNext{1, "canbo1"}, at("08:05")).error(), "not_signed_in");
}

TEST(SignOut, APausedCounterMaySignOut) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.ok(Pause{1, "canbo1", "Hết giờ"}, at("11:00"));
  o.ok(SignOut{1, "canbo1"}, at("11:01"));
  EXPECT_EQ(o.counter(1).state, CounterState::closed);
}

}  // namespace
}  // namespace motcua::domain_test
