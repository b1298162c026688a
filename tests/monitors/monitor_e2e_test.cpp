// Which monitor the rating pad, the officer panel and the hall board open on (--monitor),
// end to end: the real programs against the real ticketd, on a real X server that shows
// SDL two monitors side by side. The window's place is read from the X server, and the
// pixels of both monitors are read back to see where the program actually drew.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "daemon_process.hpp"
#include "temp_dir.hpp"
#include "two_monitor_x_server.hpp"

namespace motcua::testing {
namespace {

using namespace std::chrono_literals;

const std::string kPad = "counter-client";
const std::string kBoard = "display";

std::optional<ScreenRect> wait_for_window(const TwoMonitorXServer& x, const std::string& program,
                                          const std::function<bool(const ScreenRect&)>& settled) {
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  std::optional<ScreenRect> last;
  while (std::chrono::steady_clock::now() < deadline) {
    last = x.find_window(program);
    if (last && settled(*last)) return last;
    std::this_thread::sleep_for(100ms);
  }
  return last;
}

class Monitors : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(x_.start()) << x_.why();
    ASSERT_TRUE(daemon_.start()) << daemon_.log();
  }
  std::vector<std::string> gui_env() const {
    return {"DISPLAY=" + x_.display(), "SDL_VIDEODRIVER=x11", "SDL_AUDIODRIVER=dummy"};
  }
  std::string server() const { return "127.0.0.1:" + std::to_string(daemon_.port()); }
  ChildProcess rating_pad(std::vector<std::string> extra) {
    std::vector<std::string> args = {"--rating-pad", "--counter", "1", "--key", "demo-pad-key-1", "--server", server()};
    args.insert(args.end(), extra.begin(), extra.end());
    return ChildProcess(COUNTER_CLIENT_PATH, args, gui_env(), dir_.file("pad.log"));
  }
  ChildProcess board(std::vector<std::string> extra) {
    std::vector<std::string> args = {"--server", server(), "--key", "demo-display-key-1", "--no-sound",
                                     "--size", "1280x720"};
    args.insert(args.end(), extra.begin(), extra.end());
    return ChildProcess(MOTCUA_DISPLAY_PATH, args, gui_env(), dir_.file("board.log"));
  }

  TwoMonitorXServer x_;
  DaemonProcess daemon_;
  TempDir dir_{"motcua-monitors"};
};

TEST_F(Monitors, TheRatingPadFillsTheSecondMonitorAndLeavesTheMainOneToTheOfficer) {
  ChildProcess pad = rating_pad({"--monitor", "2", "--fullscreen"});
  ASSERT_TRUE(pad.start());
  const auto at = wait_for_window(x_, kPad, [](const ScreenRect& r) { return r == TwoMonitorXServer::kSecond; });
  ASSERT_TRUE(at) << "no pad window; log:\n" << pad.log();
  EXPECT_EQ(*at, TwoMonitorXServer::kSecond) << to_string(*at) << "\n" << pad.log();
  // It drew there (the pad's light background), and nothing on the officer's monitor.
  bool drawn = false;
  for (int i = 0; i < 100 && !drawn; ++i, std::this_thread::sleep_for(100ms))
    drawn = x_.lit_share(TwoMonitorXServer::kSecond) > 0.9;
  EXPECT_TRUE(drawn) << x_.lit_share(TwoMonitorXServer::kSecond);
  EXPECT_LT(x_.lit_share(TwoMonitorXServer::kFirst), 0.01);
  EXPECT_FALSE(pad.wait_exit(0ms)) << "the pad should keep running:\n" << pad.log();
  pad.stop();
}

TEST_F(Monitors, WithoutMonitorTheRatingPadOpensOnTheMainMonitor) {
  ChildProcess pad = rating_pad({});
  ASSERT_TRUE(pad.start());
  const auto at = wait_for_window(x_, kPad, [](const ScreenRect& r) { return r.width == 1024; });
  ASSERT_TRUE(at) << "no pad window; log:\n" << pad.log();
  // The pad's own 1024x600 window, centred on the main monitor.
  EXPECT_EQ(*at, (ScreenRect{128, 100, 1024, 600})) << to_string(*at);
  pad.stop();
}

TEST_F(Monitors, TheHallBoardOpensFullScreenOnTheMonitorItIsGiven) {
  ChildProcess tv = board({"--monitor", "2", "--fullscreen"});
  ASSERT_TRUE(tv.start());
  const auto at = wait_for_window(x_, kBoard, [](const ScreenRect& r) { return r == TwoMonitorXServer::kSecond; });
  ASSERT_TRUE(at) << "no board window; log:\n" << tv.log();
  EXPECT_EQ(*at, TwoMonitorXServer::kSecond) << to_string(*at);
  bool drawn = false;
  for (int i = 0; i < 100 && !drawn; ++i, std::this_thread::sleep_for(100ms))
    drawn = x_.lit_share(TwoMonitorXServer::kSecond) > 0.5;
  EXPECT_TRUE(drawn) << x_.lit_share(TwoMonitorXServer::kSecond);
  EXPECT_LT(x_.lit_share(TwoMonitorXServer::kFirst), 0.01);
  tv.stop();
}

TEST_F(Monitors, AMonitorThatIsNotConnectedIsRefusedWithAClearMessage) {
  ChildProcess pad = rating_pad({"--monitor", "3", "--fullscreen"});
  ASSERT_TRUE(pad.start());
  const auto pad_exit = pad.wait_exit(20s);
  ASSERT_TRUE(pad_exit) << pad.log();
  EXPECT_EQ(*pad_exit, 1);
  EXPECT_NE(pad.log().find("Không có màn hình số 3: máy này đang nối 2 màn hình"), std::string::npos) << pad.log();

  ChildProcess tv = board({"--monitor", "3"});
  ASSERT_TRUE(tv.start());
  const auto tv_exit = tv.wait_exit(20s);
  ASSERT_TRUE(tv_exit) << tv.log();
  EXPECT_EQ(*tv_exit, 1);
  EXPECT_NE(tv.log().find("Không có màn hình số 3: máy này đang nối 2 màn hình"), std::string::npos) << tv.log();
  EXPECT_FALSE(x_.find_window(kPad));
  EXPECT_FALSE(x_.find_window(kBoard));
}

}  // namespace
}  // namespace motcua::testing
