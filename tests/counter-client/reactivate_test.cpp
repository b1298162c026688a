// The officer panel brings back a citizen marked absent (vắng mặt) by the number on the
// paper ticket, and names numbers in its notices; the real panel under SDL's dummy driver,
// driven by synthetic keys, against the real ticketd.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include <boost/json.hpp>

#include "client/api_client.hpp"
#include "client/event_stream.hpp"
#include "daemon_process.hpp"
#include "daemon_fixture.hpp"
#include "harness.hpp"
#include "panel_app.hpp"

namespace json = boost::json;
using namespace motcua::counter;
using namespace motcua::counter::testing;
using motcua::client::ApiClient;
using motcua::client::ApiResult;
using motcua::client::json_field;
using motcua::client::json_int;
using motcua::client::json_string;
using motcua::testing::DaemonProcess;

namespace {

class Reactivate : public WithDaemon {
 protected:
  std::string held_number(int n) {
    const json::value c = counter_status(n);
    const json::value* t = json_field(c, "ticket");
    return t && t->is_object() ? json_string(*t, "number") : std::string();
  }
  std::string ticket_state(std::int64_t id) { return json_string(reader->ticket(id).body, "state"); }
};

std::string notice_of(const PanelApp& panel) {
  const PanelModel* m = panel.model();
  return m && m->notice() ? m->notice()->text : std::string();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Signs in as canbo1 at counter 1 (user and counter pre-filled) and frames until the live
// feed has shown the open counter.
bool sign_in(PanelApp& panel, const std::function<void()>& frame) {
  for (int i = 0; i < 3; ++i) frame();
  push_text("demo1234");
  frame();  // the field takes the text during a frame; Enter then reads it
  push_key(SDLK_RETURN);
  return pump_until(frame, [&] { return panel.model() && panel.model()->can(PanelAction::call_next); });
}

// F8, the number typed as on a keyboard, Enter.
void type_reactivate(const std::function<void()>& frame, const std::string& number) {
  push_key(SDLK_F8);
  for (int i = 0; i < 3; ++i) frame();  // the entry opens and its field takes the focus
  push_text(number);
  frame();
  push_key(SDLK_RETURN);
}

}  // namespace

// The walk-through found no way to bring back a no-show from the panel, though a citizen
// who was away when called comes back with the paper ticket.
TEST_F(Reactivate, PanelBringsBackANoShowByTheTypedNumberAtItsOldPlace) {
  GuiWindow window("panel", 1366, 768, false);
  ASSERT_TRUE(window.ok());
  PanelApp panel(window, PanelOptions{address(), "canbo1", 1, daemon.dir() + "/panel.json", daemon.dir()});
  auto frame = [&] { panel.frame(20); };
  ASSERT_TRUE(sign_in(panel, frame));
  const std::int64_t first = issue("ho-tich");
  const std::int64_t second = issue("ho-tich");
  ASSERT_GT(second, 0);

  ASSERT_TRUE(press_until(frame, SDLK_F1, [&] { return counter_state(1) == "calling"; }));
  ASSERT_EQ(held_number(1), "1001");
  ASSERT_TRUE(press_until(frame, SDLK_F4, [&] { return ticket_state(first) == "no_show"; }));
  // The notice names the number marked absent (it said only "Vắng mặt: đã thực hiện.").
  EXPECT_TRUE(pump_until(frame, [&] { return contains(notice_of(panel), "Vắng mặt: số 1001"); }, 200))
      << notice_of(panel);
  // The feed's no-show is offered as a one-click choice.
  ASSERT_TRUE(pump_until(frame, [&] { return !panel.model()->recent_absent().empty(); }, 200));
  EXPECT_EQ(panel.model()->recent_absent().front().number, "1001");

  type_reactivate(frame, "1001");
  ASSERT_TRUE(pump_until(frame, [&] { return ticket_state(first) == "waiting"; })) << notice_of(panel);
  EXPECT_EQ(json_int(reader->ticket(first).body, "position"), 0) << "not back at its old place, ahead of 1002";
  ASSERT_TRUE(pump_until(frame, [&] { return !panel.reactivate_entry_open(); }, 200));
  EXPECT_TRUE(contains(notice_of(panel), "Đã đưa số 1001 trở lại hàng chờ")) << notice_of(panel);
  ASSERT_TRUE(pump_until(frame, [&] { return panel.model()->recent_absent().empty(); }, 200));

  // The next call is that citizen again, not 1002.
  ASSERT_TRUE(press_until(frame, SDLK_F1, [&] { return counter_state(1) == "calling"; }));
  EXPECT_EQ(held_number(1), "1001");

  // A transfer notice says which number went where (once the call's reply is in: until
  // then the panel refuses a new action).
  ASSERT_TRUE(pump_until(frame, [&] { return panel.model()->can(PanelAction::transfer); }, 200));
  push_key(SDLK_F5);
  for (int i = 0; i < 3; ++i) frame();
  push_key(SDLK_1);  // the first target: the office's first other service, Chứng thực
  ASSERT_TRUE(pump_until(frame, [&] { return ticket_state(first) == "transferred"; })) << notice_of(panel);
  EXPECT_TRUE(pump_until(frame, [&] { return contains(notice_of(panel), "Đã chuyển số 1001 sang lĩnh vực"); }, 200))
      << notice_of(panel);
}

// A number the daemon refuses: its own words show, in the entry, which stays open for a retype.
TEST_F(Reactivate, PanelShowsTheDaemonsRefusalAndKeepsTheEntryOpen) {
  GuiWindow window("panel", 1366, 768, false);
  ASSERT_TRUE(window.ok());
  PanelApp panel(window, PanelOptions{address(), "canbo1", 1, daemon.dir() + "/panel.json", daemon.dir()});
  auto frame = [&] { panel.frame(20); };
  ASSERT_TRUE(sign_in(panel, frame));
  const std::int64_t id = issue("ho-tich");
  ASSERT_GT(id, 0);

  type_reactivate(frame, "1999");
  ASSERT_TRUE(pump_until(frame, [&] { return !panel.reactivate_error().empty(); })) << notice_of(panel);
  EXPECT_EQ(panel.reactivate_error(), "Hôm nay không có số 1999");
  EXPECT_TRUE(panel.reactivate_entry_open());
  EXPECT_TRUE(contains(notice_of(panel), "Hôm nay không có số 1999")) << notice_of(panel);
  push_key(SDLK_ESCAPE);
  ASSERT_TRUE(pump_until(frame, [&] { return !panel.reactivate_entry_open(); }, 50));
  for (int i = 0; i < 3; ++i) frame();  // ImGui lets go of the closed entry's field

  // 1001 waits, so it is not absent: refused with the daemon's reason.
  type_reactivate(frame, "1001");
  ASSERT_TRUE(pump_until(frame, [&] { return !panel.reactivate_error().empty(); })) << notice_of(panel);
  EXPECT_TRUE(contains(panel.reactivate_error(), "không ở trạng thái vắng mặt")) << panel.reactivate_error();
  EXPECT_EQ(ticket_state(id), "waiting");
  // Esc closed the entry, and Enter there never reached "Kết thúc" or anything else.
  push_key(SDLK_ESCAPE);
  for (int i = 0; i < 5; ++i) frame();
  EXPECT_EQ(counter_state(1), "idle");
}

// "… đang mất kết nối" stayed on screen after the connection came back.
TEST_F(Reactivate, PanelClearsTheOfflineRefusalOnceReconnected) {
  GuiWindow window("panel", 1366, 768, false);
  ASSERT_TRUE(window.ok());
  PanelApp panel(window, PanelOptions{address(), "canbo1", 1, daemon.dir() + "/panel.json", daemon.dir()});
  auto frame = [&] { panel.frame(20); };
  ASSERT_TRUE(sign_in(panel, frame));

  daemon.stop();
  ASSERT_TRUE(pump_until(frame, [&] { return !panel.model()->connected(); }));
  push_key(SDLK_F8);  // disabled while offline, like every action: says why
  for (int i = 0; i < 3; ++i) frame();
  EXPECT_FALSE(panel.reactivate_entry_open());
  ASSERT_TRUE(contains(notice_of(panel), "đang mất kết nối")) << notice_of(panel);

  ASSERT_TRUE(daemon.restart_on_same_port()) << daemon.log();
  ASSERT_TRUE(pump_until(frame, [&] { return panel.model()->connected(); }, 2000));
  EXPECT_FALSE(contains(notice_of(panel), "mất kết nối")) << notice_of(panel);
}

namespace {

// Collects the live feed's messages so a test can hand them to a PanelModel as the panel does.
struct Feed {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<json::object> messages;
  motcua::client::EventStreamCallbacks callbacks() {
    return {[this](const json::object& m) {
              std::lock_guard lock(mutex);
              messages.push_back(m);
              changed.notify_all();
            },
            [](motcua::client::StreamState, const std::string&) {}};
  }
  std::optional<json::object> wait_for(const std::string& event) {
    std::unique_lock lock(mutex);
    std::optional<json::object> found;
    changed.wait_for(lock, std::chrono::seconds(20), [&] {
      for (const auto& m : messages)
        if (json_string(json::value(m), "event") == event) found = m;
      return found.has_value();
    });
    return found;
  }
};

}  // namespace

// "“Gọi tiếp” chưa được xác nhận …" stayed after the feed showed that the call happened.
TEST_F(Reactivate, UnconfirmedNoticeClearsOnceTheFeedShowsTheActionLanded) {
  ApiClient officer(motcua::client::ApiClientOptions{address()});
  ASSERT_EQ(officer.login("canbo1", "demo1234", 1).status, 200);
  ASSERT_GT(issue("ho-tich"), 0);
  Feed feed;
  motcua::client::EventStreamOptions feed_options;
  feed_options.server = address();
  motcua::client::EventStream stream(feed_options, feed.callbacks());
  PanelModel model(1, "canbo1", "Nguyễn Thị Lan");
  model.set_connected(true, "", 0);
  auto snapshot = feed.wait_for("");  // the snapshot has no "event"
  ASSERT_TRUE(snapshot);
  model.apply_message(*snapshot, 0);

  // The reply to "Gọi tiếp" is lost, though ticketd did it.
  model.action_sent(PanelAction::call_next);
  model.action_done(PanelAction::call_next, ApiResult::no_reply("hết thời gian chờ"), 1);
  ASSERT_TRUE(contains(model.notice()->text, "chưa được xác nhận"));
  ASSERT_EQ(officer.counter_action(1, "call-next").status, 200);
  auto called = feed.wait_for("ticket.called");
  ASSERT_TRUE(called);
  model.apply_message(*called, 2);
  EXPECT_EQ(model.notice()->kind, Notice::Kind::success);
  EXPECT_TRUE(contains(model.notice()->text, "Đang mời số 1001")) << model.notice()->text;
}
