// The real panel and pad under SDL's dummy driver, driven by synthetic key/mouse events,
// against the real ticketd; assertions on the server's state and on the drawn pixels.
#include <gtest/gtest.h>

#include <atomic>

#include <boost/json.hpp>

#include "cli_process.hpp"
#include "client/api_client.hpp"
#include "client/event_stream.hpp"
#include "daemon_process.hpp"
#include "daemon_fixture.hpp"
#include "harness.hpp"
#include "pad_app.hpp"
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

class Ui : public WithDaemon {};

// Types the demo password into a panel's sign-in form (user and counter pre-filled) and
// frames until `opened` holds.
bool type_password_and_sign_in(const std::function<void()>& frame, const std::function<bool()>& opened) {
  for (int i = 0; i < 3; ++i) frame();
  push_text("demo1234");
  frame();  // the field takes the text during a frame; Enter then reads it
  push_key(SDLK_RETURN);
  return pump_until(frame, opened);
}

// Pad colours (pad_app.cpp): amber "Bình thường" and red "Không hài lòng" show only when asking.
int asking_pixels(SDL_Surface* s) {
  return std::min(count_pixels(s, 240, 175, 0, 4), count_pixels(s, 205, 45, 40, 4));
}

}  // namespace

TEST_F(Ui, FullVisitEndsWithOneVoteLinkedToTicketCounterAndOfficer) {
  GuiWindow window("pad", 1024, 600, false);
  ASSERT_TRUE(window.ok()) << window.error();
  PadApp pad(window, PadOptions{address(), 3, "demo-pad-key-3", 30});
  auto frame = [&] { pad.frame(20); };

  // Watch the vote land, as any dashboard would.
  std::mutex mutex;
  json::object recorded;
  motcua::client::EventStreamOptions so;
  so.server = address();
  so.device_key = "demo-display-key-1";
  motcua::client::EventStream watch(so, {[&](const json::object& m) {
                                           std::lock_guard lock(mutex);
                                           if (json_string(json::value(m), "event") == "vote.recorded") recorded = m;
                                         },
                                         {}});

  ASSERT_EQ(cc({"login", "canbo3", "--counter", "3", "--password", "demo1234"}).exit_code, 0);
  std::int64_t id = issue("dat-dai");
  ASSERT_EQ(cc({"call-next"}).exit_code, 0);
  ASSERT_EQ(cc({"start"}).exit_code, 0);
  SurfacePtr idle = capture(window, frame);
  EXPECT_EQ(asking_pixels(idle.get()), 0);
  ASSERT_EQ(cc({"close"}).exit_code, 0);

  SurfacePtr asking;
  ASSERT_TRUE(pump_until(frame, [&] {
    asking = capture(window, frame);
    return asking_pixels(asking.get()) > 5000;
  })) << "the pad never showed the four buttons";

  // Tap "Hài lòng" with the mouse, then a second tap on "Rất hài lòng" and key 1 a moment later.
  PadLayout l = pad_layout(1024, 600);
  push_mouse(SDL_MOUSEBUTTONDOWN, window.window_id(), l.ratings[1].cx(), l.ratings[1].cy());
  push_mouse(SDL_MOUSEBUTTONUP, window.window_id(), l.ratings[1].cx(), l.ratings[1].cy());
  frame();
  push_mouse(SDL_MOUSEBUTTONDOWN, window.window_id(), l.ratings[0].cx(), l.ratings[0].cy());
  push_key(SDLK_1);
  ASSERT_TRUE(pump_until(frame, [&] { return reader->ticket(id).int_field("rating") != 0; }));
  for (int i = 0; i < 10; ++i) frame();
  EXPECT_EQ(reader->ticket(id).int_field("rating"), 2);

  // "Xin cảm ơn!" on a full green screen.
  SurfacePtr thanks = capture(window, frame);
  EXPECT_GT(count_pixels(thanks.get(), 0, 140, 70, 4), 1024 * 600 / 2);

  ASSERT_TRUE(pump_until([] { SDL_Delay(20); }, [&] {
    std::lock_guard lock(mutex);
    return !recorded.empty();
  }, 250));
  {
    std::lock_guard lock(mutex);
    json::value v(recorded);
    EXPECT_EQ(json_int(v, "ticket_id"), id);
    EXPECT_EQ(json_int(v, "counter"), 3);
    EXPECT_EQ(json_string(v, "officer"), "canbo3");
    EXPECT_EQ(json_int(v, "rating"), 2);
  }
  // A second vote for the same ticket is refused by ticketd.
  ApiClient other_pad(motcua::client::ApiClientOptions{address()});
  other_pad.set_device_key("demo-pad-key-3");
  EXPECT_EQ(other_pad.vote(id, 1).error, "already_voted");
  EXPECT_EQ(reader->ticket(id).int_field("rating"), 2);
}

TEST_F(Ui, UnhappyVoteWithReasonByKeys) {
  GuiWindow window("pad", 800, 480, false);
  ASSERT_TRUE(window.ok());
  PadApp pad(window, PadOptions{address(), 1, "demo-pad-key-1", 30});
  auto frame = [&] { pad.frame(20); };
  const std::int64_t id = serve_one_through_the_cli("canbo1", 1, "ho-tich");
  ASSERT_GT(id, 0);
  ASSERT_TRUE(pump_until(frame, [&] { return asking_pixels(capture(window, frame).get()) > 3000; }));
  push_key(SDLK_4);
  frame();
  frame();
  EXPECT_EQ(reader->ticket(id).int_field("rating"), 0);  // waiting for the reason
  push_key(SDLK_2);                                       // "Thời gian chờ lâu"
  ASSERT_TRUE(pump_until(frame, [&] { return reader->ticket(id).int_field("rating") == 4; }));
}

TEST_F(Ui, PadStartedAfterTheCloseStillAsksForThatVote) {
  const std::int64_t id = serve_one_through_the_cli("canbo1", 1, "ho-tich");
  ASSERT_GT(id, 0);
  // The pad was off (restarting, unplugged) when the close's vote.requested went out.
  GuiWindow window("pad", 800, 480, false);
  ASSERT_TRUE(window.ok());
  PadApp pad(window, PadOptions{address(), 1, "demo-pad-key-1", 30});
  auto frame = [&] { pad.frame(20); };
  ASSERT_TRUE(pump_until(frame, [&] { return asking_pixels(capture(window, frame).get()) > 3000; }))
      << "the pad did not ask for the ticket closed before it started";
  push_key(SDLK_1);
  ASSERT_TRUE(pump_until(frame, [&] { return reader->ticket(id).int_field("rating") == 1; }));
}

TEST_F(Ui, NoVoteWithinTheWindowLeavesTheTicketNotRated) {
  std::atomic<std::int64_t> skew{0};
  GuiWindow window("pad", 800, 480, false);
  ASSERT_TRUE(window.ok());
  PadApp pad(window, PadOptions{address(), 1, "demo-pad-key-1", 30}, [&] { return system_clock_ms() + skew; });
  auto frame = [&] { pad.frame(20); };
  const std::int64_t id = serve_one_through_the_cli("canbo1", 1, "ho-tich");
  ASSERT_GT(id, 0);
  ASSERT_TRUE(pump_until(frame, [&] { return asking_pixels(capture(window, frame).get()) > 3000; }));
  skew = 31000;  // the citizen walked away
  frame();
  EXPECT_EQ(asking_pixels(capture(window, frame).get()), 0);
  push_key(SDLK_1);  // a late tap
  for (int i = 0; i < 10; ++i) frame();
  EXPECT_EQ(reader->ticket(id).int_field("rating"), 0);
}

TEST_F(Ui, PanelSignsInAndWorksTheCounterByKeysAndMouse) {
  GuiWindow window("panel", 1366, 768, false);
  ASSERT_TRUE(window.ok());
  PanelApp panel(window, PanelOptions{address(), "canbo1", 1, daemon.dir() + "/panel.json", daemon.dir()});
  auto frame = [&] { panel.frame(20); };
  for (int i = 0; i < 3; ++i) frame();

  // Wrong password: a clear message, and the form still works.
  push_text("sai");
  frame();
  push_key(SDLK_RETURN);
  // Checking a password takes the server a moment (argon2); wait for the answer on screen.
  EXPECT_TRUE(pump_until(frame, [&] { return count_pixels(capture(window, frame).get(), 190, 20, 20, 30) > 50; }))
      << "no red error text on the sign-in form";
  EXPECT_EQ(counter_state(1), "closed");

  // The password field is empty again with the cursor in it.
  for (int i = 0; i < 3; ++i) frame();
  push_text("demo1234");
  frame();
  push_key(SDLK_RETURN);
  ASSERT_TRUE(pump_until(frame, [&] { return counter_state(1) == "idle"; })) << "sign-in did not open counter 1";

  std::int64_t id = issue("ho-tich");
  ASSERT_GT(id, 0);
  // F1 calls once the panel knows someone waits (the button is disabled only while offline).
  ASSERT_TRUE(press_until(frame, SDLK_F1, [&] { return counter_state(1) == "calling"; }));
  // Keys pressed while the previous action is unconfirmed are refused with a notice (never
  // queued), so the test presses until the state it wants shows up.
  ASSERT_TRUE(press_until(frame, SDLK_F3, [&] { return counter_state(1) == "serving"; }));

  // Kết thúc by mouse.
  Rect close_button = panel_action_buttons(1366, 768)[5];
  ASSERT_TRUE(pump_until(frame, [&] {
    push_mouse(SDL_MOUSEMOTION, window.window_id(), close_button.cx(), close_button.cy());
    push_mouse(SDL_MOUSEBUTTONDOWN, window.window_id(), close_button.cx(), close_button.cy());
    frame();
    push_mouse(SDL_MOUSEBUTTONUP, window.window_id(), close_button.cx(), close_button.cy());
    frame();
    return counter_state(1) == "idle";
  }, 50));
  EXPECT_EQ(json_string(reader->ticket(id).body, "state"), "done");

  // Pause with a reason (F7, then 1 = "Nghỉ trưa"), and resume.
  ASSERT_TRUE(pump_until(frame, [&] {
    push_key(SDLK_F7);
    frame();
    push_key(SDLK_1);
    frame();
    return counter_state(1) == "paused";
  }, 50));
  EXPECT_EQ(json_string(counter_status(1), "pause_reason"), "Nghỉ trưa");
  ASSERT_TRUE(press_until(frame, SDLK_F7, [&] { return counter_state(1) == "idle"; }));

  // An action that makes no sense (F6 while idle) sends nothing and says why. (Esc first: a
  // repeated F7 above may have opened the pause picker again once the counter was idle.)
  push_key(SDLK_ESCAPE);
  for (int i = 0; i < 5; ++i) frame();
  push_key(SDLK_F6);
  for (int i = 0; i < 5; ++i) frame();
  EXPECT_EQ(counter_state(1), "idle");
  SurfacePtr shot = capture(window, frame);
  EXPECT_GT(count_pixels(shot.get(), 190, 20, 20, 30), 50) << "no red notice for the refused action";
}

TEST_F(Ui, PanelShowsLostConnectionThenResyncs) {
  GuiWindow window("panel", 1366, 768, false);
  ASSERT_TRUE(window.ok());
  PanelApp panel(window, PanelOptions{address(), "canbo2", 2, daemon.dir() + "/panel.json", daemon.dir()});
  auto frame = [&] { panel.frame(20); };
  for (int i = 0; i < 3; ++i) frame();
  push_text("demo1234");
  frame();  // the field takes the text during a frame; Enter then reads it
  push_key(SDLK_RETURN);
  ASSERT_TRUE(pump_until(frame, [&] { return counter_state(2) == "idle"; }));
  Rect banner{0, 40, 1366, 120};
  ASSERT_TRUE(pump_until(frame, [&] { return count_pixels(capture(window, frame).get(), 200, 30, 30, 4, banner) < 1000; }));

  daemon.stop();
  ASSERT_TRUE(pump_until(frame, [&] {
    return count_pixels(capture(window, frame).get(), 200, 30, 30, 4, banner) > 20000;
  })) << "no 'Mất kết nối' banner";
  push_key(SDLK_F1);  // disabled while offline: nothing is queued to replay later
  for (int i = 0; i < 5; ++i) frame();

  ASSERT_TRUE(daemon.restart_on_same_port()) << daemon.log();
  reader = std::make_unique<ApiClient>(motcua::client::ApiClientOptions{address()});
  EXPECT_EQ(counter_state(2), "idle");  // the offline F1 did not happen
  std::int64_t id = issue("chung-thuc");
  ASSERT_TRUE(pump_until(frame, [&] {
    return count_pixels(capture(window, frame).get(), 200, 30, 30, 4, banner) < 1000;
  })) << "banner stayed after ticketd came back";
  ASSERT_TRUE(press_until(frame, SDLK_F1, [&] { return counter_state(2) == "calling"; }));
  EXPECT_EQ(json_string(reader->ticket(id).body, "state"), "called");
}

TEST_F(Ui, PanelSaysASupervisorClosedItsCounterAndTheTicketWaitsAgain) {
  GuiWindow window("panel", 1366, 768, false);
  ASSERT_TRUE(window.ok());
  PanelApp panel(window, PanelOptions{address(), "canbo4", 4, daemon.dir() + "/panel.json", daemon.dir()});
  auto frame = [&] { panel.frame(20); };
  ASSERT_TRUE(type_password_and_sign_in(frame, [&] { return counter_state(4) == "idle"; }));
  const std::int64_t id = issue("ldtbxh");
  ASSERT_TRUE(pump_until(frame, [&] { return !panel.signing_in(); }));
  ASSERT_TRUE(press_until(frame, SDLK_F1, [&] { return counter_state(4) == "calling"; })) << "F1 did not call";

  ApiClient supervisor(motcua::client::ApiClientOptions{address()});
  ASSERT_EQ(supervisor.login("lanhdao", "demo1234", std::nullopt).status, 200);
  ASSERT_EQ(supervisor.force_close_counter(4).status, 200);
  // The panel learns it from the event stream, without a key pressed.
  ASSERT_TRUE(pump_until(frame, [&] { return panel.signing_in(); })) << "the panel kept the closed counter";
  EXPECT_EQ(panel.sign_in_note().rfind("Lãnh đạo đã đóng quầy này", 0), 0u) << panel.sign_in_note();
  EXPECT_EQ(json_string(reader->ticket(id).body, "state"), "transferred");
  EXPECT_EQ(json_int(reader->ticket(id).body, "position"), 0);
  // Signing in again opens the counter empty-handed; F1 calls the same ticket back.
  ASSERT_TRUE(type_password_and_sign_in(frame, [&] { return counter_state(4) == "idle"; }))
      << "could not sign in again: " << panel.sign_in_note();
  ASSERT_TRUE(press_until(frame, SDLK_F1, [&] { return counter_state(4) == "calling"; }));
  const json::value at4 = counter_status(4);
  const json::value* held = json_field(at4, "ticket");
  ASSERT_NE(held, nullptr);
  EXPECT_EQ(json_int(*held, "id"), id);
}

TEST_F(Ui, PanelReturnsToSignInWhenTheSessionIsGone) {
  GuiWindow window("panel", 1366, 768, false);
  ASSERT_TRUE(window.ok());
  PanelApp panel(window, PanelOptions{address(), "canbo4", 4, daemon.dir() + "/panel.json", daemon.dir()});
  auto frame = [&] { panel.frame(20); };
  ASSERT_TRUE(type_password_and_sign_in(frame, [&] { return counter_state(4) == "idle"; }));
  for (int i = 0; i < 10; ++i) frame();
  // The same officer signs in at counter 5 elsewhere: this panel's session no longer holds 4.
  ASSERT_EQ(cc({"login", "canbo4", "--counter", "5", "--password", "demo1234"}).exit_code, 0);
  issue("ldtbxh");
  // F1 is refused by ticketd (401/403); the panel says so and goes back to the sign-in form.
  for (int i = 0; i < 20; ++i) {
    push_key(SDLK_F1);
    frame();
  }
  EXPECT_NE(counter_state(4), "calling");
  EXPECT_EQ(counter_state(5), "idle");
  // It keeps working: signing in again (name remembered, cursor in the password) takes counter 4 back.
  ASSERT_TRUE(type_password_and_sign_in(frame, [&] { return counter_state(4) == "idle"; }))
      << "could not sign in again";
}
