// The WebSocket feed: snapshot, events in seq order, resume with since, fresh snapshot
// when since is unusable.
#include <boost/json.hpp>

#include "api_test_support.hpp"

namespace motcua::testing {
namespace {

class ApiStream : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(daemon.start()) << daemon.log(); }
  DaemonProcess daemon;
};

TEST_F(ApiStream, SnapshotThenEventsInSeqOrder) {
  WsReader ws(daemon.port(), "/ws");
  ASSERT_TRUE(ws.connected());
  auto snapshot = ws.next();
  ASSERT_TRUE(snapshot);
  EXPECT_EQ(str_of(*snapshot, "type"), "snapshot");
  std::int64_t seq = int_of(*snapshot, "seq");
  EXPECT_EQ(snapshot->at("queue").at("counters").as_array().size(), 6u);

  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  auto officer = officer_at(daemon, "canbo1", 1);
  for (int i = 0; i < 5; ++i) kiosk->issue_ticket(i % 2 ? "ho-tich" : "chung-thuc");
  officer->counter_action(1, "call-next");
  officer->counter_action(1, "start");
  officer->counter_action(1, "close");

  std::vector<std::string> types;
  while (auto m = ws.next(std::chrono::milliseconds(2000))) {
    ASSERT_EQ(str_of(*m, "type"), "event");
    EXPECT_EQ(int_of(*m, "seq"), seq + 1) << "events must arrive in seq order with no gap";
    seq = int_of(*m, "seq");
    types.push_back(str_of(*m, "event"));
    EXPECT_TRUE(m->contains("services"));
    if (types.back() == "vote.requested") break;
  }
  const std::vector<std::string> expected{"counter.opened", "ticket.issued",  "ticket.issued",  "ticket.issued",
                                          "ticket.issued",  "ticket.issued",  "ticket.called",  "ticket.started",
                                          "ticket.closed",  "vote.requested"};
  EXPECT_EQ(types, expected);
}

TEST_F(ApiStream, PublicEventsCarryNoStatusCodeOrIdentity) {
  WsReader ws(daemon.port(), "/ws");
  ws.next();
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  boost::json::object body{{"service", "ho-tich"},
                           {"identity", boost::json::object{{"phone", "0912345678"}}}};
  ASSERT_EQ(kiosk->post("/api/tickets", body).status, 201);
  auto issued = ws.until_event("ticket.issued");
  ASSERT_TRUE(issued);
  const std::string text = boost::json::serialize(*issued);
  EXPECT_EQ(text.find("0912345678"), std::string::npos);
  EXPECT_FALSE(issued->at("ticket").as_object().contains("code"));
}

TEST_F(ApiStream, ReconnectWithSinceMissesNothing) {
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  std::int64_t last_seen = 0;
  {
    WsReader ws(daemon.port(), "/ws");
    last_seen = int_of(*ws.next(), "seq");
    kiosk->issue_ticket("ho-tich");
    auto e = ws.next();
    ASSERT_TRUE(e);
    last_seen = int_of(*e, "seq");
  }
  // Offline: three more things happen.
  kiosk->issue_ticket("ho-tich");
  kiosk->issue_ticket("dat-dai");
  auto officer = officer_at(daemon, "canbo3", 3);
  WsReader again(daemon.port(), "/ws?since=" + std::to_string(last_seen));
  std::vector<std::int64_t> seqs;
  std::vector<std::string> types;
  while (auto m = again.next(std::chrono::milliseconds(1500))) {
    ASSERT_EQ(str_of(*m, "type"), "event") << "a usable since replays events, not a snapshot";
    seqs.push_back(int_of(*m, "seq"));
    types.push_back(str_of(*m, "event"));
    if (seqs.size() == 3) break;
  }
  EXPECT_EQ(seqs, (std::vector<std::int64_t>{last_seen + 1, last_seen + 2, last_seen + 3}));
  EXPECT_EQ(types, (std::vector<std::string>{"ticket.issued", "ticket.issued", "counter.opened"}));
  // And live events continue after the replay.
  kiosk->issue_ticket("ldtbxh");
  auto live = again.next();
  ASSERT_TRUE(live);
  EXPECT_EQ(int_of(*live, "seq"), last_seen + 4);
}

// A display that was away while more than a replay's worth happened (a network blip in a
// busy hall) must come back in one step: a snapshot, then live events, and stay connected.
// Replaying all it missed at once would overflow its send queue and drop it again, and
// again, one event per connection.
TEST_F(ApiStream, FarBehindGetsASnapshotAndStaysConnected) {
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  const char* services[] = {"ho-tich", "chung-thuc", "dat-dai", "ldtbxh"};
  constexpr int kIssued = 1100;  // beyond a client's 1024 unsent messages
  for (int i = 0; i < kIssued; ++i) ASSERT_EQ(kiosk->issue_ticket(services[i % 4]).status, 201) << i;
  const std::int64_t current = kIssued;

  WsReader far(daemon.port(), "/ws?since=" + std::to_string(current - kIssued + 1));
  auto first = far.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(str_of(*first, "type"), "snapshot");
  EXPECT_EQ(int_of(*first, "seq"), current);

  // Within the replay buffer: every missed event, in order, then live ones, still connected.
  WsReader near(daemon.port(), "/ws?since=" + std::to_string(current - 500));
  std::int64_t expected = current - 500 + 1;
  while (expected <= current) {
    auto m = near.next();
    ASSERT_TRUE(m) << "dropped while replaying, at seq " << expected;
    ASSERT_EQ(str_of(*m, "type"), "event");
    ASSERT_EQ(int_of(*m, "seq"), expected++);
  }
  ASSERT_EQ(kiosk->issue_ticket("ho-tich").status, 201);
  for (WsReader* ws : {&far, &near}) {
    auto live = ws->next();
    ASSERT_TRUE(live) << "the client stays connected after catching up";
    EXPECT_EQ(int_of(*live, "seq"), current + 1);
  }
}

TEST_F(ApiStream, SinceFromTheFutureGetsASnapshot) {
  make_client(daemon, "demo-kiosk-key-1")->issue_ticket("ho-tich");
  WsReader ws(daemon.port(), "/ws?since=999999");
  auto m = ws.next();
  ASSERT_TRUE(m);
  EXPECT_EQ(str_of(*m, "type"), "snapshot");
  EXPECT_EQ(int_of(*m, "seq"), 1);
}

TEST_F(ApiStream, AfterARestartSinceResumesFromTheStore) {
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  kiosk->issue_ticket("ho-tich");
  kiosk->issue_ticket("ho-tich");
  ASSERT_TRUE(daemon.restart()) << daemon.log();
  // The replay buffer is empty after a restart: a client that saw seq 1 gets a snapshot
  // whose seq tells it where things stand.
  WsReader ws(daemon.port(), "/ws?since=1");
  auto m = ws.next();
  ASSERT_TRUE(m);
  EXPECT_EQ(str_of(*m, "type"), "snapshot");
  EXPECT_EQ(int_of(*m, "seq"), 2);
  // A client fully up to date resumes without a snapshot.
  WsReader current(daemon.port(), "/ws?since=2");
  auto k2 = make_client(daemon, "demo-kiosk-key-1");
  k2->issue_ticket("chung-thuc");
  auto e = current.next();
  ASSERT_TRUE(e);
  EXPECT_EQ(str_of(*e, "type"), "event");
  EXPECT_EQ(int_of(*e, "seq"), 3);
}

}  // namespace
}  // namespace motcua::testing
