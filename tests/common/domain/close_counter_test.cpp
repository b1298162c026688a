// A supervisor closes a counter its officer left signed in: from every counter state,
// what happens to the counter, its officer and the ticket it holds.
#include <gtest/gtest.h>

#include "domain_fixture.hpp"

namespace motcua::domain_test {
namespace {

// Where counter 1 (canbo1, ho-tich first) stands when the supervisor closes it.
enum class Before { idle, paused, calling, serving, recalled };

struct CloseCase {
  const char* name;
  Before before;
  std::vector<EventType> events;  // what CloseCounter decides
  bool ticket_back_in_line;       // the held ticket waits again, first in its line
};

void PrintTo(const CloseCase& c, std::ostream* os) { *os << c.name; }

class CloseCounterFrom : public ::testing::TestWithParam<CloseCase> {};

TEST_P(CloseCounterFrom, ClosesItAndPutsTheHeldTicketBackWhereItStood) {
  const CloseCase& c = GetParam();
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.sign_in(2, "canbo2", at("07:30"));
  const auto first = o.issue("ho-tich", at("08:00"));
  const auto second = o.issue("ho-tich", at("08:01"));
  if (c.before == Before::paused) o.ok(Pause{1, "canbo1", "Họp"}, at("08:05"));
  if (c.before != Before::idle && c.before != Before::paused) {
    ASSERT_EQ(o.call(1, "canbo1", at("08:10")), first);
  }
  if (c.before == Before::serving) o.ok(StartServing{1, "canbo1"}, at("08:11"));
  if (c.before == Before::recalled) o.ok(Recall{1, "canbo1"}, at("08:11"));

  const auto d = o.ok(CloseCounter{1, "lanhdao"}, at("08:20"));

  EXPECT_EQ(types_of(d.events), c.events);
  for (const Event& e : d.events) {
    EXPECT_EQ(e.at, at("08:20"));
    EXPECT_EQ(e.counter, 1);
    EXPECT_EQ(e.officer, "lanhdao") << "the events name who closed it";
    EXPECT_EQ(e.reason, kClosedBySupervisor);
  }
  EXPECT_EQ(o.counter(1).state, CounterState::closed);
  EXPECT_EQ(o.counter(1).officer, "");
  EXPECT_EQ(o.counter(1).ticket_id, 0);
  EXPECT_EQ(o.counter(1).pause_reason, "");
  EXPECT_EQ(o.state().counter_of_officer("canbo1"), 0);
  EXPECT_EQ(o.counter(2).state, CounterState::idle) << "other counters are untouched";

  if (c.ticket_back_in_line) {
    EXPECT_EQ(d.ticket_id, first);
    const Ticket& t = o.ticket(first);
    EXPECT_EQ(t.state, TicketState::transferred);
    EXPECT_EQ(t.service, "ho-tich");
    EXPECT_EQ(t.queue_at, at("08:00"));
    EXPECT_EQ(t.target_counter, 0) << "any counter of its service";
    EXPECT_EQ(people_ahead(o.state(), t), 0) << "first in line, not last";
    EXPECT_EQ(t.transfers, 0) << "put back in line, not transferred by anyone";
  } else {
    EXPECT_EQ(d.ticket_id, 0);
    EXPECT_EQ(o.ticket(first).state, TicketState::waiting);
  }
  EXPECT_EQ(waiting_count(o.state(), "ho-tich"), 2);
  // The next counter to call takes the held ticket first, then the rest in order.
  EXPECT_EQ(o.serve_next(2, "canbo2", at("08:30")), first);
  EXPECT_EQ(o.serve_next(2, "canbo2", at("08:35")), second);
  // The counter is free: another officer may sign in there now.
  o.sign_in(1, "canbo3", at("08:40"));
  EXPECT_EQ(o.counter(1).officer, "canbo3");
}

INSTANTIATE_TEST_SUITE_P(
    Table, CloseCounterFrom,
    ::testing::Values(
        CloseCase{"idle", Before::idle, {EventType::counter_closed}, false},
        CloseCase{"paused", Before::paused, {EventType::counter_closed}, false},
        CloseCase{"calling", Before::calling, {EventType::ticket_transferred, EventType::counter_closed}, true},
        CloseCase{"serving", Before::serving, {EventType::ticket_transferred, EventType::counter_closed}, true},
        CloseCase{"recalled", Before::recalled, {EventType::ticket_transferred, EventType::counter_closed}, true}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(CloseCounter, RefusesAClosedOrUnknownCounter) {
  Office o;
  const Status closed = o.refused(CloseCounter{1, "lanhdao"}, at("08:00"));
  EXPECT_EQ(closed.code(), StatusCode::conflict);
  EXPECT_EQ(closed.error(), "counter_closed");
  EXPECT_NE(closed.message().find("Quầy 1"), std::string::npos) << closed.message();
  const Status unknown = o.refused(CloseCounter{99, "lanhdao"}, at("08:00"));
  EXPECT_EQ(unknown.code(), StatusCode::not_found);
  EXPECT_EQ(unknown.error(), "unknown_counter");
  // Closed twice: the second is refused, nothing more happens.
  o.sign_in(1, "canbo1", at("08:00"));
  o.ok(CloseCounter{1, "lanhdao"}, at("08:01"));
  EXPECT_EQ(o.refused(CloseCounter{1, "lanhdao"}, at("08:02")).error(), "counter_closed");
}

TEST(CloseCounter, TheOfficerCanSignInAgainAndActsNoMoreMeanwhile) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.issue("ho-tich", at("08:00"));
  o.call(1, "canbo1", at("08:01"));
  o.ok(CloseCounter{1, "lanhdao"}, at("08:02"));
  EXPECT_EQ(o.refused(StartServing{1, "canbo1"}, at("08:03")).error(), "not_signed_in");
  EXPECT_EQ(o.refused(CallNext{1, "canbo1"}, at("08:03")).error(), "not_signed_in");
  o.sign_in(1, "canbo1", at("08:04"));
  EXPECT_EQ(o.counter(1).state, CounterState::idle);
  EXPECT_EQ(o.counter(1).ticket_id, 0) << "the ticket went back in line; it is not handed back";
}

}  // namespace
}  // namespace motcua::domain_test
