// The client library (ApiClient, EventStream) against the real ticketd on loopback.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "client/api_client.hpp"
#include "client/event_stream.hpp"
#include "daemon_process.hpp"

namespace json = boost::json;
using namespace motcua::client;
using motcua::testing::DaemonProcess;

namespace {

ApiClientOptions at(unsigned short port) {
  return ApiClientOptions{ServerAddress{"127.0.0.1", port}, std::chrono::milliseconds(2000),
                          std::chrono::milliseconds(5000)};
}

// Collects an EventStream's messages and lets the test wait on them (bounded).
struct Recorder {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<json::object> messages;
  std::vector<StreamState> states;

  EventStreamCallbacks callbacks() {
    return EventStreamCallbacks{[this](const json::object& m) {
                                  std::lock_guard lock(mutex);
                                  messages.push_back(m);
                                  changed.notify_all();
                                },
                                [this](StreamState s, const std::string&) {
                                  std::lock_guard lock(mutex);
                                  states.push_back(s);
                                  changed.notify_all();
                                }};
  }
  template <typename Pred>
  bool wait(Pred pred, std::chrono::seconds limit = std::chrono::seconds(20)) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, limit, [&] { return pred(); });
  }
  std::int64_t last_seq_locked() const {
    return messages.empty() ? 0 : json_int(json::value(messages.back()), "seq");
  }
};

class ClientLibrary : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(daemon.start()) << daemon.log(); }
  DaemonProcess daemon;
};

}  // namespace

TEST_F(ClientLibrary, EveryCounterActionThroughTheDocumentedApi) {
  ApiClient kiosk(at(daemon.port()));
  kiosk.set_device_key("demo-kiosk-key-1");
  ApiClient one(at(daemon.port())), two(at(daemon.port()));
  ASSERT_EQ(one.login("canbo1", "demo1234", 1).status, 200);
  ASSERT_EQ(two.login("canbo2", "demo1234", 2).status, 200);
  EXPECT_EQ(one.me().int_field("counter"), 1);

  EXPECT_EQ(one.counter_action(1, "call-next").status, 204);  // nobody waits yet
  ApiResult issued = kiosk.issue_ticket("ho-tich", false, "t-1");
  ASSERT_EQ(issued.status, 201) << issued.message;
  std::int64_t id = issued.int_field("id");
  EXPECT_EQ(issued.string_field("number"), "1001");

  ApiResult called = one.counter_action(1, "call-next");
  ASSERT_EQ(called.status, 200) << called.message;
  EXPECT_EQ(json_string(*json_field(called.body, "ticket"), "state"), "called");
  EXPECT_EQ(json_string(*json_field(called.body, "counter"), "state"), "calling");
  ApiResult recalled = one.counter_action(1, "recall");
  ASSERT_EQ(recalled.status, 200);
  EXPECT_EQ(json_int(*json_field(recalled.body, "ticket"), "recalls"), 1);
  ASSERT_EQ(one.counter_action(1, "start").status, 200);
  ApiResult moved = one.counter_action(1, "transfer", json::object{{"counter", 2}});
  ASSERT_EQ(moved.status, 200) << moved.message;
  EXPECT_EQ(json_string(*json_field(moved.body, "ticket"), "state"), "transferred");

  ApiResult at_two = two.counter_action(2, "call-next");
  ASSERT_EQ(at_two.status, 200);
  EXPECT_EQ(json_int(*json_field(at_two.body, "ticket"), "id"), id);
  ApiResult gone = two.counter_action(2, "no-show");
  ASSERT_EQ(gone.status, 200);
  EXPECT_EQ(json_string(*json_field(gone.body, "ticket"), "state"), "no_show");
  ApiResult back = two.reactivate(id, 2);
  ASSERT_EQ(back.status, 200) << back.message;
  EXPECT_EQ(back.string_field("state") == "waiting" || back.string_field("state") == "transferred", true);

  ASSERT_EQ(two.counter_action(2, "call-next").status, 200);
  ASSERT_EQ(two.counter_action(2, "start").status, 200);
  ApiResult closed = two.counter_action(2, "close");
  ASSERT_EQ(closed.status, 200);
  EXPECT_EQ(json_string(*json_field(closed.body, "ticket"), "state"), "done");
  EXPECT_EQ(json_string(*json_field(closed.body, "counter"), "state"), "idle");

  ApiResult paused = one.counter_action(1, "pause", json::object{{"reason", "Nghỉ trưa"}});
  ASSERT_EQ(paused.status, 200);
  EXPECT_EQ(json_string(*json_field(paused.body, "counter"), "pause_reason"), "Nghỉ trưa");
  ASSERT_EQ(one.counter_action(1, "resume").status, 200);

  EXPECT_EQ(one.ticket(id).int_field("rating"), 0);
  EXPECT_EQ(one.logout().status, 200);
  EXPECT_EQ(one.me().status, 401);
}

// An officer has only the number on the citizen's paper, never the ticket id.
TEST_F(ClientLibrary, ReactivateByThePrintedNumber) {
  ApiClient kiosk(at(daemon.port()));
  kiosk.set_device_key("demo-kiosk-key-1");
  ApiClient one(at(daemon.port()));
  ASSERT_EQ(one.login("canbo1", "demo1234", 1).status, 200);
  std::int64_t first = kiosk.issue_ticket("ho-tich").int_field("id");
  ASSERT_EQ(kiosk.issue_ticket("ho-tich").status, 201);
  ASSERT_EQ(one.counter_action(1, "call-next").status, 200);
  ASSERT_EQ(one.counter_action(1, "no-show").status, 200);

  ApiResult back = one.reactivate_number(1, "1001");
  ASSERT_EQ(back.status, 200) << back.message;
  EXPECT_EQ(json_int(*json_field(back.body, "ticket"), "id"), first);
  EXPECT_EQ(json_string(*json_field(back.body, "ticket"), "state"), "waiting");
  EXPECT_EQ(json_int(*json_field(back.body, "ticket"), "position"), 0);  // its old place, ahead of 1002
  EXPECT_EQ(json_int(*json_field(back.body, "counter"), "number"), 1);

  ApiResult again = one.reactivate_number(1, "1001");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.error, "invalid_transition");
  ApiResult unknown = one.reactivate_number(1, "1999");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.error, "unknown_ticket");
  EXPECT_NE(unknown.message.find("1999"), std::string::npos) << unknown.message;
  EXPECT_EQ(one.reactivate_number(1, "").status, 400);
}

TEST_F(ClientLibrary, RefusalsCarryTheirIdsAndMessages) {
  ApiClient c(at(daemon.port()));
  ApiResult bad = c.login("canbo1", "sai-mat-khau", 1);
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(bad.error, "bad_credentials");
  EXPECT_FALSE(bad.message.empty());
  EXPECT_TRUE(c.token().empty());

  EXPECT_EQ(c.counter_action(1, "call-next").error, "unauthenticated");
  ASSERT_EQ(c.login("canbo1", "demo1234", 1).status, 200);
  ApiResult not_mine = c.counter_action(2, "call-next");
  EXPECT_EQ(not_mine.status, 403);
  EXPECT_EQ(not_mine.error, "not_signed_in");
  ApiResult wrong_state = c.counter_action(1, "close");
  EXPECT_EQ(wrong_state.status, 409);
  EXPECT_EQ(wrong_state.error, "invalid_transition");
  EXPECT_EQ(c.ticket(987654).error, "unknown_ticket");

  ApiClient other(at(daemon.port()));
  ApiResult taken = other.login("canbo2", "demo1234", 1);
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.error, "counter_taken");

  ApiClient pad(at(daemon.port()));
  pad.set_device_key("demo-pad-key-1");
  EXPECT_EQ(pad.vote(1, 5).status / 100, 4);
  EXPECT_EQ(c.vote(1, 1).status, 403);  // an officer's token can't vote
}

TEST_F(ClientLibrary, ServerDownIsUnreachableAndKeepAliveSurvivesARestart) {
  ApiClient c(at(daemon.port()));
  ASSERT_EQ(c.health().status, 200);
  daemon.stop();
  ApiResult down = c.health();
  EXPECT_EQ(down.status, 0);
  EXPECT_TRUE(down.error == "unreachable" || down.error == "no_reply") << down.error;
  EXPECT_FALSE(down.message.empty());
  // In words an officer can act on, not the system's English.
  ApiClient fresh(at(daemon.port()));
  const ApiResult refused = fresh.health();
  EXPECT_EQ(refused.error, "unreachable");
  EXPECT_NE(refused.message.find("máy chủ không nhận kết nối (ticketd chưa chạy?)"), std::string::npos) << refused.message;
  EXPECT_EQ(refused.message.find("refused"), std::string::npos) << refused.message;
  ASSERT_TRUE(daemon.restart_on_same_port()) << daemon.log();
  EXPECT_EQ(c.health().status, 200);
  // A kept-alive connection the server dropped is noticed before a POST goes out on it.
  ASSERT_EQ(c.login("canbo1", "demo1234", 1).status, 200);
  daemon.stop();
  ASSERT_TRUE(daemon.restart_on_same_port()) << daemon.log();
  EXPECT_EQ(c.counter_action(1, "call-next").status, 204);
}

TEST_F(ClientLibrary, EventStreamResumesAfterRestartAndMissesNothing) {
  ApiClient kiosk(at(daemon.port()));
  kiosk.set_device_key("demo-kiosk-key-1");
  Recorder rec;
  EventStreamOptions so;
  so.server = ServerAddress{"127.0.0.1", daemon.port()};
  so.device_key = "demo-display-key-1";
  so.initial_backoff = std::chrono::milliseconds(100);
  so.max_backoff = std::chrono::milliseconds(500);
  auto stream = std::make_unique<EventStream>(so, rec.callbacks());
  ASSERT_TRUE(rec.wait([&] { return !rec.messages.empty(); }));
  EXPECT_EQ(json_string(json::value(rec.messages.front()), "type"), "snapshot");

  for (int i = 0; i < 3; ++i) ASSERT_EQ(kiosk.issue_ticket("ho-tich").status, 201);
  std::int64_t seq_before = kiosk.health().int_field("seq");
  ASSERT_TRUE(rec.wait([&] { return rec.last_seq_locked() >= seq_before; }));

  daemon.stop();
  ASSERT_TRUE(rec.wait([&] { return !rec.states.empty() && rec.states.back() == StreamState::disconnected; }));
  ASSERT_TRUE(daemon.restart_on_same_port()) << daemon.log();
  for (int i = 0; i < 2; ++i) ASSERT_EQ(kiosk.issue_ticket("chung-thuc").status, 201);
  std::int64_t seq_after = kiosk.health().int_field("seq");
  ASSERT_GT(seq_after, seq_before);
  ASSERT_TRUE(rec.wait([&] { return rec.last_seq_locked() >= seq_after; }));
  EXPECT_GE(stream->connections(), 2);

  // Either every seq arrived in order (resumed with since), or a snapshot replaced the state.
  std::lock_guard lock(rec.mutex);
  std::int64_t expected = 0;
  for (const auto& m : rec.messages) {
    json::value v(m);
    std::int64_t seq = json_int(v, "seq");
    if (json_string(v, "type") == "snapshot") {
      expected = seq + 1;
      continue;
    }
    EXPECT_EQ(seq, expected) << "a gap or a duplicate in the delivered events";
    expected = seq + 1;
  }
  // And the final state is the server's.
  std::int64_t waiting_ct = -1;
  for (auto it = rec.messages.rbegin(); it != rec.messages.rend() && waiting_ct < 0; ++it) {
    json::value v(*it);
    const json::value* services = json_field(v, "services");
    if (!services && json_field(v, "queue")) services = json_field(*json_field(v, "queue"), "services");
    if (!services || !services->is_array()) continue;
    for (const auto& s : services->get_array()) {
      if (json_string(s, "code") == "chung-thuc") waiting_ct = json_int(s, "waiting");
    }
  }
  EXPECT_EQ(waiting_ct, 2);
  stream.reset();  // stops cleanly; no callback after this
}

TEST_F(ClientLibrary, EventStreamStopsCleanlyWhileRetrying) {
  EventStreamOptions so;
  so.server = ServerAddress{"127.0.0.1", daemon.port()};
  Recorder rec;
  daemon.stop();
  auto stream = std::make_unique<EventStream>(so, rec.callbacks());
  ASSERT_TRUE(rec.wait([&] { return !rec.states.empty() && rec.states.back() == StreamState::disconnected; }));
  stream.reset();
  std::size_t seen = rec.states.size();
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  EXPECT_EQ(rec.states.size(), seen);
}
