// Defects found walking through an officer's day at the counter, each pinned against the
// real ticketd: the rating pad, and the panel's model fed with the daemon's own snapshots.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "cli_process.hpp"
#include "client/api_client.hpp"
#include "daemon_process.hpp"
#include "daemon_fixture.hpp"
#include "harness.hpp"
#include "pad_app.hpp"
#include "panel_model.hpp"

namespace json = boost::json;
using namespace motcua::counter;
using namespace motcua::counter::testing;
using motcua::client::ApiClient;
using motcua::client::ApiResult;
using motcua::client::json_int;
using motcua::testing::DaemonProcess;

namespace {

class OfficerDay : public WithDaemon {
 protected:
  // GET /api/queue wrapped as the snapshot message the live feed sends after a reconnect.
  json::object snapshot_now() {
    ApiResult q = reader->queue();
    EXPECT_EQ(q.status, 200) << q.message;
    return json::object{{"type", "snapshot"}, {"seq", json_int(q.body, "seq")}, {"queue", q.body}};
  }
};

// Pad colours (pad_app.cpp): the reasons' red (also the ask screen's "Không hài lòng") and
// grey "Quay lại" together show only on the reason screen.
bool on_reason_screen(SDL_Surface* s) {
  return count_pixels(s, 205, 45, 40, 4) > 5000 && count_pixels(s, 120, 120, 130, 4) > 2000;
}

}  // namespace

// A citizen who taps "Không hài lòng" but will not say why used to have no way to send the
// vote: the reason screen offered five reasons and "Quay lại" only, so walking away lost
// the unhappy vote (and flattered the office's satisfaction rate).
TEST_F(OfficerDay, PadSendsAnUnhappyVoteWithoutAReason) {
  GuiWindow window("pad", 800, 480, false);
  ASSERT_TRUE(window.ok()) << window.error();
  PadApp pad(window, PadOptions{address(), 1, "demo-pad-key-1", 30});
  auto frame = [&] { pad.frame(20); };
  const std::int64_t id = serve_one_through_the_cli("canbo1", 1, "ho-tich");
  ASSERT_GT(id, 0);

  PadLayout l = pad_layout(800, 480);
  // Tap "Không hài lòng" until the reason screen shows (the pad first has to hear the close).
  ASSERT_TRUE(pump_until(frame, [&] {
    push_mouse(SDL_MOUSEBUTTONDOWN, window.window_id(), l.ratings[3].cx(), l.ratings[3].cy());
    frame();
    return on_reason_screen(capture(window, frame).get());
  })) << "the pad never showed the reason screen";
  EXPECT_EQ(reader->ticket(id).int_field("rating"), 0);

  push_mouse(SDL_MOUSEBUTTONDOWN, window.window_id(), l.no_reason.cx(), l.no_reason.cy());
  ASSERT_TRUE(pump_until(frame, [&] { return reader->ticket(id).int_field("rating") == 4; }, 200))
      << "the unhappy vote without a reason was not recorded";
  // One vote per ticket: the pad is done with it.
  ApiClient other(motcua::client::ApiClientOptions{address()});
  other.set_device_key("demo-pad-key-1");
  EXPECT_EQ(other.vote(id, 4).error, "already_voted");
}

// The same by keyboard (a pad with a keypad): Enter on the reason screen sends it.
TEST_F(OfficerDay, PadEnterOnTheReasonScreenSendsTheUnhappyVote) {
  GuiWindow window("pad", 1024, 600, false);
  ASSERT_TRUE(window.ok()) << window.error();
  PadApp pad(window, PadOptions{address(), 2, "demo-pad-key-2", 30});
  auto frame = [&] { pad.frame(20); };
  const std::int64_t id = serve_one_through_the_cli("canbo2", 2, "chung-thuc");
  ASSERT_GT(id, 0);
  ASSERT_TRUE(press_until(frame, SDLK_4, [&] { return on_reason_screen(capture(window, frame).get()); }));
  push_key(SDLK_RETURN);
  ASSERT_TRUE(pump_until(frame, [&] { return reader->ticket(id).int_field("rating") == 4; }, 200));
}

// "Chờ lâu nhất" froze at the figure of the last event: in a quiet hall a citizen waiting
// ten minutes still showed the few seconds of the last issue.
TEST_F(OfficerDay, PanelLongestWaitKeepsCountingBetweenEvents) {
  ASSERT_EQ(cc({"login", "canbo1", "--counter", "1", "--password", "demo1234"}).exit_code, 0);
  ASSERT_GT(issue("ho-tich"), 0);
  PanelModel model(1, "canbo1", "Nguyễn Thị Lan");
  json::object snap = snapshot_now();
  const std::int64_t server_now = json_int(snap["queue"], "now");
  model.apply_message(snap, server_now);

  std::vector<ServiceLine> lines = model.my_services();
  ASSERT_FALSE(lines.empty());
  ASSERT_EQ(lines[0].code, "ho-tich");
  ASSERT_EQ(lines[0].waiting, 1);
  const std::int64_t at_snapshot = lines[0].longest_wait_at(server_now);
  // Ten minutes later on the server's clock, with no event in between.
  EXPECT_EQ(lines[0].longest_wait_at(server_now + 600 * 1000), at_snapshot + 600);
  // Nobody waiting: no wait to show, however long ago the figure came.
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[1].waiting, 0);
  EXPECT_EQ(lines[1].longest_wait_at(server_now + 600 * 1000), 0);
}

// After a reconnect that ticketd cannot replay (it restarted, or too much happened), the
// feed sends a snapshot. If the counter was closed meanwhile, no event says so, and the
// panel used to sit on "Quầy đóng" with every button disabled instead of asking to sign in.
TEST_F(OfficerDay, PanelSnapshotShowingItsCounterClosedEndsTheSession) {
  ApiClient officer(motcua::client::ApiClientOptions{address()});
  ASSERT_EQ(officer.login("canbo4", "demo1234", 4).status, 200);
  PanelModel model(4, "canbo4", "Phạm Quốc Bảo");
  model.set_connected(true, "", 0);
  model.apply_message(snapshot_now(), 0);
  ASSERT_FALSE(model.session_lost());
  ASSERT_TRUE(model.can(PanelAction::call_next));

  // While this panel is cut off, a supervisor closes the counter.
  ApiClient supervisor(motcua::client::ApiClientOptions{address()});
  ASSERT_EQ(supervisor.login("lanhdao", "demo1234", std::nullopt).status, 200);
  ASSERT_EQ(supervisor.force_close_counter(4).status, 200);
  model.apply_message(snapshot_now(), 0);
  EXPECT_TRUE(model.session_lost());
  EXPECT_FALSE(model.session_end_reason().empty());
}

// The same when someone else now holds the counter: that officer's state must not be shown
// (or acted on) as this officer's.
TEST_F(OfficerDay, PanelSnapshotShowingAnotherOfficerAtItsCounterEndsTheSession) {
  ApiClient officer(motcua::client::ApiClientOptions{address()});
  ASSERT_EQ(officer.login("canbo4", "demo1234", 4).status, 200);
  PanelModel model(4, "canbo4", "Phạm Quốc Bảo");
  model.set_connected(true, "", 0);
  model.apply_message(snapshot_now(), 0);
  ASSERT_FALSE(model.session_lost());

  ApiClient supervisor(motcua::client::ApiClientOptions{address()});
  ASSERT_EQ(supervisor.login("lanhdao", "demo1234", std::nullopt).status, 200);
  ASSERT_EQ(supervisor.force_close_counter(4).status, 200);
  ApiClient colleague(motcua::client::ApiClientOptions{address()});
  ASSERT_EQ(colleague.login("canbo5", "demo1234", 4).status, 200);
  model.apply_message(snapshot_now(), 0);
  EXPECT_TRUE(model.session_lost());
}
