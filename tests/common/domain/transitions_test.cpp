// Ticket and counter transitions through decide()+apply(): allowed ones, refused ones,
// and what each state change records.
#include <gtest/gtest.h>

#include "domain_fixture.hpp"

namespace motcua::domain_test {
namespace {

using E = EventType;
using TS = TicketState;
using CS = CounterState;

// Scenario builders: counter 1 (ho-tich, chung-thuc) worked by canbo1; one ho-tich ticket.
std::int64_t in_line(Office& o) {
  o.sign_in(1, "canbo1", at("07:30"));
  return o.issue("ho-tich", at("08:00"));
}
std::int64_t called(Office& o) {
  const auto id = in_line(o);
  o.call(1, "canbo1", at("08:05"));
  return id;
}
std::int64_t serving(Office& o) {
  const auto id = called(o);
  o.ok(StartServing{1, "canbo1"}, at("08:06"));
  return id;
}
std::int64_t done(Office& o) {
  const auto id = serving(o);
  o.ok(CloseTicket{1, "canbo1"}, at("08:16"));
  return id;
}
std::int64_t no_show(Office& o) {
  const auto id = called(o);
  o.ok(MarkNoShow{1, "canbo1"}, at("08:07"));
  return id;
}
std::int64_t transferred(Office& o) {
  const auto id = called(o);
  o.ok(Transfer{1, "canbo1", "chung-thuc", 0}, at("08:07"));
  return id;
}
// The same, with counters 2 and 6 open to take transfers.
std::int64_t called_others_open(Office& o) {
  o.sign_in(2, "canbo2", at("07:30"));
  o.sign_in(6, "canbo6", at("07:30"));
  return called(o);
}
std::int64_t serving_others_open(Office& o) {
  o.sign_in(2, "canbo2", at("07:30"));
  o.sign_in(6, "canbo6", at("07:30"));
  return serving(o);
}
std::int64_t paused(Office& o) {
  const auto id = in_line(o);
  o.ok(Pause{1, "canbo1", "Nghỉ trưa"}, at("08:01"));
  return id;
}
std::int64_t signed_in_only(Office& o) {
  o.sign_in(1, "canbo1", at("07:30"));
  return 0;
}
std::int64_t nobody(Office& o) { return o.issue("ho-tich", at("08:00")); }

using Setup = std::int64_t (*)(Office&);
using MakeCommand = std::function<Command(std::int64_t ticket)>;

template <typename C>
MakeCommand just(C c) {
  return [c](std::int64_t) { return Command{c}; };
}

struct Allowed {
  const char* name;
  Setup setup;
  MakeCommand command;
  std::vector<EventType> events;
  TicketState ticket_after;
  CounterState counter_after;
  bool counter_holds_ticket;
};

TEST(Transitions, AllowedMovesProduceTheirEventsAndStates) {
  const std::vector<Allowed> table = {
      {"waiting -> called (call-next)", in_line, just(CallNext{1, "canbo1"}), {E::ticket_called}, TS::called,
       CS::calling, true},
      {"called -> called (recall)", called, just(Recall{1, "canbo1"}), {E::ticket_recalled}, TS::called,
       CS::calling, true},
      {"called -> serving (start)", called, just(StartServing{1, "canbo1"}), {E::ticket_started}, TS::serving,
       CS::serving, true},
      {"serving -> done (close), then the pad may vote", serving, just(CloseTicket{1, "canbo1"}),
       {E::ticket_closed, E::vote_requested}, TS::done, CS::idle, false},
      {"called -> no_show", called, just(MarkNoShow{1, "canbo1"}), {E::ticket_no_show}, TS::no_show, CS::idle,
       false},
      {"called -> transferred (to a service)", called, just(Transfer{1, "canbo1", "chung-thuc", 0}),
       {E::ticket_transferred}, TS::transferred, CS::idle, false},
      {"called -> transferred (to a counter)", called_others_open, just(Transfer{1, "canbo1", "", 2}),
       {E::ticket_transferred}, TS::transferred, CS::idle, false},
      {"serving -> transferred (to a service and counter)", serving_others_open,
       just(Transfer{1, "canbo1", "chung-thuc", 6}), {E::ticket_transferred}, TS::transferred, CS::idle, false},
      {"waiting -> cancelled", in_line, [](std::int64_t id) { return Command{CancelTicket{id, "Về sớm", ""}}; },
       {E::ticket_cancelled}, TS::cancelled, CS::idle, false},
      {"transferred -> cancelled", transferred, [](std::int64_t id) { return Command{CancelTicket{id, "", ""}}; },
       {E::ticket_cancelled}, TS::cancelled, CS::idle, false},
      {"no_show -> waiting (reactivate)", no_show,
       [](std::int64_t id) { return Command{Reactivate{id, 1, "canbo1"}}; }, {E::ticket_reactivated}, TS::waiting,
       CS::idle, false},
      {"transferred -> called (by the counter it went to)", transferred, just(CallNext{1, "canbo1"}),
       {E::ticket_called}, TS::called, CS::calling, true},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    Office o;
    const auto id = row.setup(o);
    const auto d = o.ok(row.command(id), at("09:00"));
    EXPECT_EQ(types_of(d.events), row.events);
    EXPECT_EQ(d.ticket_id, id);
    EXPECT_FALSE(d.replayed);
    EXPECT_EQ(o.ticket(id).state, row.ticket_after);
    EXPECT_EQ(o.counter(1).state, row.counter_after);
    EXPECT_EQ(o.counter(1).ticket_id, row.counter_holds_ticket ? id : 0);
  }
}

struct Refused {
  const char* name;
  Setup setup;
  MakeCommand command;
  StatusCode code;
  const char* error;
};

TEST(Transitions, RefusalsCarryTheirStatusCodeAndErrorId) {
  using SC = StatusCode;
  const std::vector<Refused> table = {
      // A counter action from the wrong counter state.
      {"call-next while calling", called, just(CallNext{1, "canbo1"}), SC::conflict, "invalid_transition"},
      {"call-next while serving", serving, just(CallNext{1, "canbo1"}), SC::conflict, "invalid_transition"},
      {"call-next while paused", paused, just(CallNext{1, "canbo1"}), SC::conflict, "invalid_transition"},
      {"recall while idle", in_line, just(Recall{1, "canbo1"}), SC::conflict, "invalid_transition"},
      {"recall while serving", serving, just(Recall{1, "canbo1"}), SC::conflict, "invalid_transition"},
      {"start while idle", in_line, just(StartServing{1, "canbo1"}), SC::conflict, "invalid_transition"},
      {"start while serving", serving, just(StartServing{1, "canbo1"}), SC::conflict, "invalid_transition"},
      {"no-show while serving", serving, just(MarkNoShow{1, "canbo1"}), SC::conflict, "invalid_transition"},
      {"no-show while idle", done, just(MarkNoShow{1, "canbo1"}), SC::conflict, "invalid_transition"},
      {"close while calling", called, just(CloseTicket{1, "canbo1"}), SC::conflict, "invalid_transition"},
      {"close while idle", done, just(CloseTicket{1, "canbo1"}), SC::conflict, "invalid_transition"},
      {"transfer while idle", in_line, just(Transfer{1, "canbo1", "chung-thuc", 0}), SC::conflict,
       "invalid_transition"},
      {"pause while calling", called, just(Pause{1, "canbo1", "x"}), SC::conflict, "invalid_transition"},
      {"pause while paused", paused, just(Pause{1, "canbo1", "x"}), SC::conflict, "invalid_transition"},
      {"resume while idle", in_line, just(Resume{1, "canbo1"}), SC::conflict, "invalid_transition"},
      // Tickets in the wrong state.
      {"cancel a called ticket", called, [](std::int64_t id) { return Command{CancelTicket{id, "", ""}}; },
       SC::conflict, "invalid_transition"},
      {"cancel a done ticket", done, [](std::int64_t id) { return Command{CancelTicket{id, "", ""}}; }, SC::conflict,
       "invalid_transition"},
      {"cancel a no-show", no_show, [](std::int64_t id) { return Command{CancelTicket{id, "", ""}}; }, SC::conflict,
       "invalid_transition"},
      {"cancel an unknown ticket", in_line, [](std::int64_t id) { return Command{CancelTicket{id + 99, "", ""}}; },
       SC::not_found, "unknown_ticket"},
      {"reactivate a waiting ticket", in_line,
       [](std::int64_t id) { return Command{Reactivate{id, 1, "canbo1"}}; }, SC::conflict, "invalid_transition"},
      {"reactivate a done ticket", done, [](std::int64_t id) { return Command{Reactivate{id, 1, "canbo1"}}; },
       SC::conflict, "invalid_transition"},
      {"reactivate from a counter one is not at", no_show,
       [](std::int64_t id) { return Command{Reactivate{id, 2, "canbo1"}}; }, SC::forbidden, "not_signed_in"},
      // Who may act at a counter.
      {"call-next nobody signed in", nobody, just(CallNext{1, "canbo1"}), SC::forbidden, "not_signed_in"},
      {"call-next by another officer", in_line, just(CallNext{1, "canbo2"}), SC::forbidden, "not_signed_in"},
      {"close by another officer", serving, just(CloseTicket{1, "canbo2"}), SC::forbidden, "not_signed_in"},
      {"call-next at a counter that does not exist", in_line, just(CallNext{99, "canbo1"}), SC::not_found,
       "unknown_counter"},
      {"sign in at a counter that does not exist", nobody, just(SignIn{7, "canbo1"}), SC::not_found,
       "unknown_counter"},
      {"sign in at a counter someone holds", signed_in_only, just(SignIn{1, "canbo2"}), SC::conflict,
       "counter_taken"},
      {"sign out with a ticket in hand (calling)", called, just(SignOut{1, "canbo1"}), SC::conflict,
       "ticket_in_hand"},
      {"sign out with a ticket in hand (serving)", serving, just(SignOut{1, "canbo1"}), SC::conflict,
       "ticket_in_hand"},
      {"sign out somebody else", signed_in_only, just(SignOut{1, "canbo2"}), SC::forbidden, "not_signed_in"},
      {"move to another counter with a ticket in hand", called, just(SignIn{2, "canbo1"}), SC::conflict,
       "ticket_in_hand"},
      // Transfer targets.
      {"transfer with no target", called, just(Transfer{1, "canbo1", "", 0}), SC::invalid_argument,
       "missing_target"},
      {"transfer to an unknown service", called, just(Transfer{1, "canbo1", "khong-co", 0}), SC::not_found,
       "unknown_service"},
      {"transfer to an unknown counter", called, just(Transfer{1, "canbo1", "", 42}), SC::not_found,
       "unknown_counter"},
      {"transfer to the same counter", serving, just(Transfer{1, "canbo1", "", 1}), SC::invalid_argument,
       "same_counter"},
      {"transfer to the service it already has", called, just(Transfer{1, "canbo1", "ho-tich", 0}),
       SC::invalid_argument, "same_service"},
      {"transfer to a counter that does not serve it", called, just(Transfer{1, "canbo1", "", 3}),
       SC::invalid_argument, "counter_does_not_serve"},
      {"transfer to a service the named counter does not serve", called,
       just(Transfer{1, "canbo1", "chung-thuc", 5}), SC::invalid_argument, "counter_does_not_serve"},
      {"transfer to a counter nobody has opened", called, just(Transfer{1, "canbo1", "", 2}), SC::conflict,
       "counter_closed"},
      // Issuing.
      {"issue for an unknown service", nobody, just(issue_of("khong-co")), SC::not_found, "unknown_service"},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    Office o;
    const auto id = row.setup(o);
    const Status s = o.refused(row.command(id), at("09:00"));
    EXPECT_EQ(s.code(), row.code);
    EXPECT_EQ(s.error(), row.error);
    EXPECT_FALSE(s.message().empty()) << "the refusal needs a Vietnamese message";
    // Officers read these: the wire's state names are not words of theirs.
    for (const char* english : {"idle", "calling", "serving", "paused", "closed"})
      EXPECT_EQ(s.message().find(english), std::string::npos) << s.message();
  }
}

TEST(Transitions, AWrongStateIsExplainedInTheOfficersWords) {
  Office o;
  called(o);
  EXPECT_EQ(o.refused(CloseTicket{1, "canbo1"}, at("08:06")).message(),
            "Không thể kết thúc: quầy đang mời một số, chưa bắt đầu phục vụ");
  EXPECT_EQ(o.refused(CallNext{1, "canbo1"}, at("08:06")).message(), "Không thể gọi tiếp: quầy đang mời một số, chưa bắt đầu phục vụ");
  o.ok(StartServing{1, "canbo1"}, at("08:07"));
  o.ok(CloseTicket{1, "canbo1"}, at("08:10"));
  EXPECT_EQ(o.refused(Transfer{1, "canbo1", "chung-thuc", 0}, at("08:11")).message(),
            "Không thể chuyển: quầy không giữ số nào");
  o.ok(Pause{1, "canbo1", "Nghỉ trưa"}, at("08:12"));
  EXPECT_EQ(o.refused(CallNext{1, "canbo1"}, at("08:13")).message(), "Không thể gọi tiếp: quầy đang tạm dừng");
}

TEST(Transitions, EachStateChangeRecordsTimeCounterAndOfficer) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  const auto id = o.issue("ho-tich", at("08:00"));

  auto d = o.ok(CallNext{1, "canbo1"}, at("08:05"));
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].at, at("08:05"));
  EXPECT_EQ(d.events[0].ticket_id, id);
  EXPECT_EQ(d.events[0].counter, 1);
  EXPECT_EQ(d.events[0].officer, "canbo1");
  EXPECT_EQ(o.ticket(id).called_at, at("08:05"));
  EXPECT_EQ(o.ticket(id).counter, 1);
  EXPECT_EQ(o.ticket(id).officer, "canbo1");
  EXPECT_EQ(o.counter(1).since, at("08:05"));

  d = o.ok(Recall{1, "canbo1"}, at("08:06"));
  d = o.ok(Recall{1, "canbo1"}, at("08:07"));
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].type, E::ticket_recalled);
  EXPECT_EQ(d.events[0].at, at("08:07"));
  EXPECT_EQ(d.events[0].counter, 1);
  EXPECT_EQ(d.events[0].officer, "canbo1");
  EXPECT_EQ(o.ticket(id).recalls, 2);
  EXPECT_EQ(o.ticket(id).called_at, at("08:05")) << "a recall is not a first call";

  d = o.ok(StartServing{1, "canbo1"}, at("08:08"));
  EXPECT_EQ(d.events[0].at, at("08:08"));
  EXPECT_EQ(d.events[0].counter, 1);
  EXPECT_EQ(d.events[0].officer, "canbo1");
  EXPECT_EQ(o.ticket(id).started_at, at("08:08"));
  EXPECT_EQ(o.counter(1).state, CS::serving);
  EXPECT_EQ(o.counter(1).since, at("08:08"));

  d = o.ok(CloseTicket{1, "canbo1"}, at("08:20"));
  ASSERT_EQ(d.events.size(), 2u);
  for (const auto& e : d.events) {
    EXPECT_EQ(e.at, at("08:20"));
    EXPECT_EQ(e.ticket_id, id);
    EXPECT_EQ(e.counter, 1);
    EXPECT_EQ(e.officer, "canbo1");
  }
  EXPECT_LT(d.events[0].seq, d.events[1].seq);
  const Ticket& t = o.ticket(id);
  EXPECT_EQ(t.state, TS::done);
  EXPECT_EQ(t.ended_at, at("08:20"));
  EXPECT_EQ(t.counter, 1);
  EXPECT_EQ(t.officer, "canbo1");
  EXPECT_EQ(o.counter(1).served_today, 1);
  EXPECT_EQ(o.counter(1).last_closed_ticket, id);
  EXPECT_EQ(o.state().services.at("ho-tich").served, 1);
}

TEST(Transitions, NoShowAndReactivateRecordWhoAndWhen) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.sign_in(2, "canbo2", at("07:30"));
  const auto first = o.issue("ho-tich", at("08:00"));
  const auto second = o.issue("ho-tich", at("08:01"));
  o.call(1, "canbo1", at("08:05"));
  auto d = o.ok(MarkNoShow{1, "canbo1"}, at("08:08"));
  EXPECT_EQ(d.events[0].at, at("08:08"));
  EXPECT_EQ(d.events[0].counter, 1);
  EXPECT_EQ(d.events[0].officer, "canbo1");
  EXPECT_EQ(o.ticket(first).state, TS::no_show);
  EXPECT_EQ(o.ticket(first).ended_at, at("08:08"));
  EXPECT_EQ(people_ahead(o.state(), o.ticket(first)), -1);
  EXPECT_EQ(people_ahead(o.state(), o.ticket(second)), 0);

  // The citizen comes back: the ticket returns to its original place, ahead of 1002.
  d = o.ok(Reactivate{first, 2, "canbo2"}, at("08:10"));
  EXPECT_EQ(d.events[0].at, at("08:10"));
  EXPECT_EQ(d.events[0].counter, 2);
  EXPECT_EQ(d.events[0].officer, "canbo2");
  EXPECT_EQ(o.ticket(first).state, TS::waiting);
  EXPECT_FALSE(o.ticket(first).ended_at.has_value());
  EXPECT_EQ(people_ahead(o.state(), o.ticket(first)), 0);
  EXPECT_EQ(people_ahead(o.state(), o.ticket(second)), 1);
  EXPECT_EQ(o.call(2, "canbo2", at("08:11")), first);
}

TEST(Transitions, CancelRecordsTheReasonAndLeavesTheLine) {
  Office o;
  const auto a = o.issue("ho-tich", at("08:00"));
  const auto b = o.issue("ho-tich", at("08:01"));
  const auto d = o.ok(CancelTicket{a, "Công dân về", "lanhdao"}, at("08:30"));
  EXPECT_EQ(d.events[0].at, at("08:30"));
  EXPECT_EQ(d.events[0].reason, "Công dân về");
  EXPECT_EQ(d.events[0].officer, "lanhdao") << "who cancelled it is on the record";
  EXPECT_EQ(o.ticket(a).officer, "") << "but the ticket was served by nobody";
  EXPECT_EQ(o.ticket(a).ended_at, at("08:30"));
  EXPECT_EQ(waiting_count(o.state(), "ho-tich"), 1);
  EXPECT_EQ(people_ahead(o.state(), o.ticket(b)), 0);
}

TEST(Transitions, PauseAndResumeRecordTheReason) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  auto d = o.ok(Pause{1, "canbo1", "Nghỉ trưa"}, at("11:30"));
  EXPECT_EQ(d.events[0].type, E::counter_paused);
  EXPECT_EQ(d.events[0].reason, "Nghỉ trưa");
  EXPECT_EQ(o.counter(1).state, CS::paused);
  EXPECT_EQ(o.counter(1).pause_reason, "Nghỉ trưa");
  EXPECT_EQ(o.counter(1).since, at("11:30"));
  d = o.ok(Resume{1, "canbo1"}, at("13:00"));
  EXPECT_EQ(d.events[0].type, E::counter_resumed);
  EXPECT_EQ(o.counter(1).state, CS::idle);
  EXPECT_EQ(o.counter(1).pause_reason, "");
  EXPECT_EQ(o.counter(1).since, at("13:00"));
}

TEST(Transitions, CallNextWithNobodyWaitingChangesNothing) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.issue("dat-dai", at("08:00"));  // counter 1 does not serve dat-dai
  const auto d = o.ok(CallNext{1, "canbo1"}, at("08:05"));
  EXPECT_TRUE(d.events.empty());
  EXPECT_EQ(d.ticket_id, 0);
  EXPECT_EQ(o.counter(1).state, CS::idle);
}

}  // namespace
}  // namespace motcua::domain_test
