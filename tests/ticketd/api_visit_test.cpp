// The API against the real daemon: a full visit, every counter action, and who may do what.
#include <boost/json.hpp>

#include "api_test_support.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;

class ApiVisit : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(daemon.start()) << daemon.log(); }
  DaemonProcess daemon;
};

TEST_F(ApiVisit, HealthAndOfficeArePublic) {
  auto c = make_client(daemon);
  auto h = c->health();
  ASSERT_EQ(h.status, 200);
  EXPECT_EQ(str_of(h.body, "status"), "ok");
  auto o = c->office();
  ASSERT_EQ(o.status, 200);
  EXPECT_EQ(o.body.at("services").as_array().size(), 6u);
  EXPECT_EQ(str_of(o.body.at("services").as_array()[0], "name"), "Tư pháp – Hộ tịch");
  EXPECT_EQ(o.body.at("counters").as_array().size(), 6u);
}

TEST_F(ApiVisit, FullVisitIssueCallStartCloseVote) {
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  auto issued = kiosk->issue_ticket("dat-dai");
  ASSERT_EQ(issued.status, 201) << issued.message;
  const auto id = int_of(issued.body, "id");
  EXPECT_EQ(str_of(issued.body, "number"), "3001");
  EXPECT_EQ(str_of(issued.body, "state"), "waiting");
  EXPECT_EQ(int_of(issued.body, "position"), 0);
  EXPECT_EQ(int_of(issued.body, "open_counters"), 0) << "nobody signed in at a Địa chính counter yet";
  EXPECT_FALSE(str_of(issued.body, "code").empty());

  auto officer = officer_at(daemon, "canbo3", 3);
  EXPECT_EQ(int_of(kiosk->ticket(id).body, "open_counters"), 1) << "counter 3 serves it now";
  auto called = officer->counter_action(3, "call-next");
  ASSERT_EQ(called.status, 200) << called.message;
  EXPECT_EQ(int_of(called.body.at("ticket"), "id"), id);
  EXPECT_EQ(str_of(called.body.at("ticket"), "state"), "called");
  EXPECT_EQ(str_of(called.body.at("counter"), "state"), "calling");

  auto recalled = officer->counter_action(3, "recall");
  ASSERT_EQ(recalled.status, 200);
  EXPECT_EQ(int_of(recalled.body.at("ticket"), "recalls"), 1);

  ASSERT_EQ(officer->counter_action(3, "start").status, 200);
  auto closed = officer->counter_action(3, "close");
  ASSERT_EQ(closed.status, 200);
  EXPECT_EQ(str_of(closed.body.at("ticket"), "state"), "done");
  EXPECT_EQ(str_of(closed.body.at("counter"), "state"), "idle");
  // The counter names the ticket its pad may still vote on, with the window's end.
  const json::value& awaiting = closed.body.at("counter").at("awaiting_vote");
  ASSERT_TRUE(awaiting.is_object());
  EXPECT_EQ(int_of(awaiting, "ticket_id"), id);
  EXPECT_EQ(str_of(awaiting, "number"), "3001");
  EXPECT_EQ(int_of(awaiting, "until") - int_of(awaiting, "closed_at"), 120 * 1000);
  EXPECT_EQ(int_of(awaiting, "closed_at"), int_of(closed.body.at("ticket"), "ended_at"));

  auto pad = make_client(daemon, "demo-pad-key-3");
  auto vote = pad->vote(id, 4, "cho_lau");
  ASSERT_EQ(vote.status, 201) << vote.message;
  auto queue = make_client(daemon)->queue();
  for (const auto& c : queue.body.at("counters").as_array()) {
    if (int_of(c, "number") == 3) {
      EXPECT_TRUE(c.at("awaiting_vote").is_null()) << "still awaiting after the vote";
    }
  }
  EXPECT_EQ(int_of(vote.body, "ticket_id"), id);
  EXPECT_EQ(int_of(vote.body, "counter"), 3);
  EXPECT_EQ(str_of(vote.body, "officer"), "canbo3");
  auto again = pad->vote(id, 1);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error, "already_voted");

  auto ticket = make_client(daemon)->ticket(id);
  ASSERT_EQ(ticket.status, 200);
  EXPECT_EQ(int_of(ticket.body, "rating"), 4);
  EXPECT_EQ(str_of(ticket.body, "code"), "");  // the public read has no status-page code
}

TEST_F(ApiVisit, CallNextWithNobodyWaitingIs204) {
  auto officer = officer_at(daemon, "canbo1", 1);
  auto r = officer->counter_action(1, "call-next");
  EXPECT_EQ(r.status, 204);
}

TEST_F(ApiVisit, AnotherCountersOfficerGets403) {
  make_client(daemon, "demo-kiosk-key-1")->issue_ticket("ho-tich");
  auto officer2 = officer_at(daemon, "canbo2", 2);
  auto r = officer2->counter_action(1, "call-next");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error, "not_signed_in");
  auto anonymous = make_client(daemon)->counter_action(1, "call-next");
  EXPECT_EQ(anonymous.status, 401);
  auto device = make_client(daemon, "demo-kiosk-key-1")->counter_action(1, "call-next");
  EXPECT_EQ(device.status, 401);
}

TEST_F(ApiVisit, WrongPasswordAndTakenCounter) {
  auto c = make_client(daemon);
  auto bad = c->login("canbo1", "wrong", 1);
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.error, "bad_credentials");
  auto nobody = c->login("nobody", "demo1234", 1);
  EXPECT_EQ(nobody.status, 401);
  EXPECT_EQ(nobody.error, "bad_credentials");
  officer_at(daemon, "canbo1", 1);
  auto taken = make_client(daemon)->login("canbo2", "demo1234", 1);
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.error, "counter_taken");
}

TEST_F(ApiVisit, TransferKeepsTheNumberAndItsPlace) {
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  const auto first = int_of(kiosk->issue_ticket("ho-tich").body, "id");
  kiosk->issue_ticket("chung-thuc");  // already waiting at chung-thuc
  auto officer1 = officer_at(daemon, "canbo1", 1);
  ASSERT_EQ(officer1->counter_action(1, "call-next").status, 200);
  auto moved = officer1->counter_action(1, "transfer", json::object{{"service", "chung-thuc"}});
  ASSERT_EQ(moved.status, 200) << moved.message;
  EXPECT_EQ(str_of(moved.body.at("ticket"), "state"), "transferred");
  EXPECT_EQ(str_of(moved.body.at("ticket"), "number"), "1001");
  // Counter 2 serves chung-thuc first: the transferred ticket, issued earlier, comes first.
  auto officer2 = officer_at(daemon, "canbo2", 2);
  auto next = officer2->counter_action(2, "call-next");
  ASSERT_EQ(next.status, 200);
  EXPECT_EQ(int_of(next.body.at("ticket"), "id"), first);
  // Not to a counter nobody has opened: the citizen would wait for no one.
  auto closed = officer2->counter_action(2, "transfer", json::object{{"counter", 6}});
  EXPECT_EQ(closed.status, 409);
  EXPECT_EQ(closed.error, "counter_closed");
  EXPECT_EQ(closed.message, "Quầy 6 đang đóng; hãy chuyển theo lĩnh vực hoặc chọn quầy đang mở");
  // To a named, open counter: it goes ahead of that counter's queue.
  auto officer6 = officer_at(daemon, "canbo6", 6);
  auto to_counter = officer2->counter_action(2, "transfer", json::object{{"counter", 6}});
  ASSERT_EQ(to_counter.status, 200) << to_counter.message;
  auto at6 = officer6->counter_action(6, "call-next");
  ASSERT_EQ(at6.status, 200);
  EXPECT_EQ(int_of(at6.body.at("ticket"), "id"), first);
}

TEST_F(ApiVisit, NoShowThenReactivate) {
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  const auto id = int_of(kiosk->issue_ticket("ldtbxh").body, "id");
  auto officer = officer_at(daemon, "canbo4", 4);
  officer->counter_action(4, "call-next");
  auto gone = officer->counter_action(4, "no-show");
  ASSERT_EQ(gone.status, 200);
  EXPECT_EQ(str_of(gone.body.at("ticket"), "state"), "no_show");
  auto back = officer->reactivate(id, 4);
  ASSERT_EQ(back.status, 200) << back.message;
  EXPECT_EQ(str_of(back.body, "state"), "waiting");
  auto again = officer->counter_action(4, "call-next");
  EXPECT_EQ(int_of(again.body.at("ticket"), "id"), id);
}

// The citizen comes back with the paper ticket: the officer types the number printed on it.
TEST_F(ApiVisit, AnOfficerBringsBackAnAbsentCitizenByTheNumberOnThePaper) {
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  const auto id = int_of(kiosk->issue_ticket("ho-tich").body, "id");
  const auto waiting = int_of(kiosk->issue_ticket("ho-tich").body, "id");
  auto officer = officer_at(daemon, "canbo1", 1);
  ASSERT_EQ(officer->counter_action(1, "call-next").status, 200);
  ASSERT_EQ(officer->counter_action(1, "no-show").status, 200);

  struct Row {
    const char* name;
    json::object body;
    int status;
    std::string error;
  };
  const std::vector<Row> refusals = {
      {"no number", json::object{}, 400, "missing_field"},
      {"not a number", json::object{{"number", "10;01"}}, 400, "invalid_field"},
      {"a number not given today", json::object{{"number", "1999"}}, 404, "unknown_ticket"},
      {"a number still waiting", json::object{{"number", "1002"}}, 409, "invalid_transition"},
      {"another field", json::object{{"number", "1001"}, {"id", id}}, 400, "invalid_field"},
  };
  for (const auto& row : refusals) {
    SCOPED_TRACE(row.name);
    auto r = officer->counter_action(1, "reactivate", row.body);
    EXPECT_EQ(r.status, row.status);
    EXPECT_EQ(r.error, row.error);
    EXPECT_FALSE(r.message.empty());
  }
  EXPECT_EQ(officer_at(daemon, "canbo2", 2)->counter_action(1, "reactivate", json::object{{"number", "1001"}}).status, 403)
      << "only from one's own counter";

  auto back = officer->counter_action(1, "reactivate", json::object{{"number", " 1001 "}});
  ASSERT_EQ(back.status, 200) << back.message;
  EXPECT_EQ(int_of(back.body.at("ticket"), "id"), id);
  EXPECT_EQ(str_of(back.body.at("ticket"), "state"), "waiting");
  EXPECT_EQ(int_of(back.body.at("ticket"), "position"), 0) << "back at its place, before 1002";
  EXPECT_EQ(str_of(back.body.at("counter"), "state"), "idle");
  EXPECT_EQ(officer->counter_action(1, "reactivate", json::object{{"number", "1001"}}).error, "invalid_transition")
      << "once back in line it is no longer absent";
  EXPECT_EQ(int_of(officer->counter_action(1, "call-next").body.at("ticket"), "id"), id);
  (void)waiting;
}

TEST_F(ApiVisit, PauseAndResume) {
  auto officer = officer_at(daemon, "canbo5", 5);
  auto paused = officer->counter_action(5, "pause", json::object{{"reason", "Nghỉ trưa"}});
  ASSERT_EQ(paused.status, 200);
  EXPECT_EQ(str_of(paused.body.at("counter"), "state"), "paused");
  EXPECT_EQ(str_of(paused.body.at("counter"), "pause_reason"), "Nghỉ trưa");
  auto refused = officer->counter_action(5, "call-next");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.error, "invalid_transition");
  EXPECT_EQ(officer->counter_action(5, "resume").status, 200);
}

TEST_F(ApiVisit, TextTypedDecomposedIsStoredComposed) {
  auto officer = officer_at(daemon, "canbo5", 5);
  // "Nghỉ trưa" as some keyboards send it: i + U+0309, u + U+031B.
  auto paused = officer->counter_action(5, "pause", json::object{{"reason", "Nghi\u0309 tru\u031Ba"}});
  ASSERT_EQ(paused.status, 200) << paused.message;
  EXPECT_EQ(str_of(paused.body.at("counter"), "pause_reason"), "Nghỉ trưa");
  auto queue = make_client(daemon)->get("/api/queue");
  ASSERT_EQ(queue.status, 200);
  for (const auto& c : queue.body.at("counters").as_array()) {
    if (int_of(c, "number") == 5) {
      EXPECT_EQ(str_of(c, "pause_reason"), "Nghỉ trưa");
    }
  }
}

TEST_F(ApiVisit, IdempotentRetryGivesTheSameTicket) {
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  auto a = kiosk->issue_ticket("chung-thuc", false, "kiosk-1-retry-42");
  auto b = kiosk->issue_ticket("chung-thuc", false, "kiosk-1-retry-42");
  ASSERT_EQ(a.status, 201);
  ASSERT_EQ(b.status, 200);
  EXPECT_EQ(int_of(a.body, "id"), int_of(b.body, "id"));
  EXPECT_TRUE(b.body.at("replayed").as_bool());
  auto services = make_client(daemon)->services();
  for (const auto& s : services.body.at("services").as_array())
    if (str_of(s, "code") == "chung-thuc") {
      EXPECT_EQ(int_of(s, "waiting"), 1);
    }
}

TEST_F(ApiVisit, PriorityInterleaveOverHttp) {
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  std::vector<std::int64_t> normal, priority;
  for (int i = 0; i < 4; ++i) normal.push_back(int_of(kiosk->issue_ticket("tra-ket-qua").body, "id"));
  for (int i = 0; i < 2; ++i) priority.push_back(int_of(kiosk->issue_ticket("tra-ket-qua", true).body, "id"));
  auto officer = officer_at(daemon, "canbo6", 6);
  std::vector<std::int64_t> order;
  for (int i = 0; i < 6; ++i) {
    auto r = officer->counter_action(6, "call-next");
    ASSERT_EQ(r.status, 200);
    order.push_back(int_of(r.body.at("ticket"), "id"));
    officer->counter_action(6, "no-show");
  }
  // 1 priority : 2 normal, oldest first within each.
  EXPECT_EQ(order, (std::vector<std::int64_t>{priority[0], normal[0], normal[1], priority[1], normal[2], normal[3]}));
}

TEST_F(ApiVisit, StateSurvivesARestart) {
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  kiosk->issue_ticket("ho-tich");
  auto officer = officer_at(daemon, "canbo1", 1);
  officer->counter_action(1, "call-next");
  const std::string token = officer->token();
  ASSERT_TRUE(daemon.restart()) << daemon.log();
  auto again = make_client(daemon);
  again->set_token(token);
  auto me = again->me();
  ASSERT_EQ(me.status, 200) << me.message;  // the session survived
  auto q = again->queue();
  const auto& c1 = q.body.at("counters").as_array()[0];
  EXPECT_EQ(str_of(c1, "state"), "calling");
  EXPECT_EQ(str_of(c1.at("ticket"), "number"), "1001");
  EXPECT_EQ(again->counter_action(1, "start").status, 200);
  auto kiosk2 = make_client(daemon, "demo-kiosk-key-1");
  EXPECT_EQ(str_of(kiosk2->issue_ticket("ho-tich").body, "number"), "1002");
}

TEST_F(ApiVisit, LogoutClosesTheCounterAndEndsTheToken) {
  auto officer = officer_at(daemon, "canbo2", 2);
  const std::string token = officer->token();
  ASSERT_EQ(officer->logout().status, 200);
  auto q = make_client(daemon)->queue();
  EXPECT_EQ(str_of(q.body.at("counters").as_array()[1], "state"), "closed");
  officer->set_token(token);
  auto me = officer->me();
  EXPECT_EQ(me.status, 401);
  EXPECT_EQ(me.error, "unauthenticated");
}

// Signing in at another counter closes the first, and the first panel's token ends with
// it: that panel cannot act, or show an officer who is no longer there.
TEST_F(ApiVisit, SigningInElsewhereEndsTheOldCountersToken) {
  auto first = officer_at(daemon, "canbo2", 2);
  ASSERT_EQ(first->me().status, 200);
  auto second = officer_at(daemon, "canbo2", 4);
  auto me = first->me();
  EXPECT_EQ(me.status, 401);
  EXPECT_EQ(first->counter_action(2, "call-next").status, 401);
  EXPECT_EQ(second->me().status, 200);
  EXPECT_EQ(int_of(second->me().body, "counter"), 4);
  auto q = make_client(daemon)->queue();
  EXPECT_EQ(str_of(q.body.at("counters").as_array()[1], "state"), "closed");
  // Signing in again at the same counter keeps the other panel there working.
  auto again = officer_at(daemon, "canbo2", 4);
  EXPECT_EQ(second->me().status, 200);
  EXPECT_EQ(again->me().status, 200);
}

TEST_F(ApiVisit, ASupervisorClosesACounterItsOfficerLeftAndItsTicketWaitsAgain) {
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  const auto first = int_of(kiosk->issue_ticket("ho-tich").body, "id");
  const auto second = int_of(kiosk->issue_ticket("ho-tich").body, "id");
  auto officer1 = officer_at(daemon, "canbo1", 1);
  ASSERT_EQ(officer1->counter_action(1, "call-next").status, 200);
  ASSERT_EQ(officer1->counter_action(1, "start").status, 200);
  // The officer's PC died: nobody else may take counter 1, and the ticket is stuck.
  EXPECT_EQ(make_client(daemon)->login("canbo3", "demo1234", 1).error, "counter_taken");

  // Only a supervisor or an admin may close another's counter.
  auto officer2 = officer_at(daemon, "canbo2", 2);
  auto by_officer = officer2->force_close_counter(1);
  EXPECT_EQ(by_officer.status, 403);
  EXPECT_EQ(by_officer.error, "forbidden");
  EXPECT_EQ(make_client(daemon)->force_close_counter(1).status, 401);
  EXPECT_EQ(make_client(daemon, "demo-kiosk-key-1")->force_close_counter(1).status, 401);

  WsReader ws(daemon.port(), "/ws");
  ASSERT_TRUE(ws.connected());
  auto supervisor = make_client(daemon);
  ASSERT_EQ(supervisor->login("lanhdao", "demo1234", std::nullopt).status, 200);
  auto closed = supervisor->force_close_counter(1);
  ASSERT_EQ(closed.status, 200) << closed.message;
  EXPECT_EQ(int_of(closed.body.at("ticket"), "id"), first);
  EXPECT_EQ(str_of(closed.body.at("ticket"), "state"), "transferred");
  EXPECT_EQ(str_of(closed.body.at("ticket"), "number"), "1001");
  EXPECT_EQ(int_of(closed.body.at("ticket"), "position"), 0) << "first in line again, not last";
  EXPECT_EQ(str_of(closed.body.at("counter"), "state"), "closed");
  EXPECT_EQ(str_of(closed.body.at("counter"), "officer"), "");

  auto back = ws.until_event("ticket.transferred");
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(str_of(*back, "reason"), "closed_by_supervisor");
  EXPECT_EQ(str_of(*back, "officer"), "lanhdao");
  EXPECT_EQ(int_of(*back, "counter"), 1);
  auto counter_closed = ws.until_event("counter.closed");
  ASSERT_TRUE(counter_closed.has_value());
  EXPECT_EQ(str_of(*counter_closed, "reason"), "closed_by_supervisor");
  EXPECT_GT(int_of(*counter_closed, "seq"), int_of(*back, "seq"));

  // The officer's stale client is signed out; the counter is free for a colleague.
  auto stale = officer1->me();
  EXPECT_EQ(stale.status, 401);
  EXPECT_EQ(officer1->counter_action(1, "close").status, 401);
  EXPECT_EQ(supervisor->force_close_counter(1).error, "counter_closed");
  EXPECT_EQ(supervisor->force_close_counter(99).status, 404);

  // Durable: after a restart the counter is still closed and the ticket still waits first.
  ASSERT_TRUE(daemon.restart()) << daemon.log();
  auto officer3 = officer_at(daemon, "canbo3", 1);
  auto next = officer3->counter_action(1, "call-next");
  ASSERT_EQ(next.status, 200) << next.message;
  EXPECT_EQ(int_of(next.body.at("ticket"), "id"), first);
  ASSERT_EQ(officer3->counter_action(1, "start").status, 200);
  ASSERT_EQ(officer3->counter_action(1, "close").status, 200);
  auto after = officer3->counter_action(1, "call-next");
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(int_of(after.body.at("ticket"), "id"), second);
}

TEST_F(ApiVisit, ATicketsStatusQrIsServedAsSvgByItsCodeOnly) {
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  auto issued = kiosk->issue_ticket("ho-tich");
  ASSERT_EQ(issued.status, 201) << issued.message;
  const std::string code = str_of(issued.body, "code");
  ASSERT_FALSE(code.empty());
  auto get = [&](const std::string& target) {
    return raw_exchange(daemon.port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  };
  const std::string svg = get("/t/" + code + "/qr.svg");
  EXPECT_EQ(status_of(svg), 200) << svg.substr(0, 200);
  EXPECT_NE(svg.find("Content-Type: image/svg+xml"), std::string::npos);
  EXPECT_NE(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
  EXPECT_NE(svg.find("h1v1h-1z"), std::string::npos) << "it draws modules";
  // A wrong secret, or an unknown ticket, is a plain 404: the code is the key.
  std::string wrong = code;
  wrong.back() = wrong.back() == 'a' ? 'b' : 'a';
  const std::string refused = get("/t/" + wrong + "/qr.svg");
  EXPECT_EQ(status_of(refused), 404);
  EXPECT_NE(refused.find("\"error\":\"unknown_ticket\""), std::string::npos);
  EXPECT_EQ(status_of(get("/t/999999.AbCdEfGhIjKl/qr.svg")), 404);
  EXPECT_EQ(status_of(raw_exchange(daemon.port(), "POST /t/" + code + "/qr.svg HTTP/1.1\r\nHost: x\r\n"
                                                      "Content-Length: 0\r\nConnection: close\r\n\r\n")),
            405);
}

}  // namespace
}  // namespace motcua::testing
