// Which monitor a window opens on: the office's 1-based number against what is connected.
#include <gtest/gtest.h>

#include "screen/monitor_choice.hpp"

namespace motcua::screen {
namespace {

struct Row {
  const char* what;
  int monitor;
  int connected;
  int index;          // SDL's index when accepted
  const char* error;  // error code when refused ("" = accepted)
};

TEST(MonitorChoice, TheOfficesNumberAgainstTheMonitorsConnected) {
  const Row rows[] = {
      {"0 lets the system choose: its main monitor", 0, 1, 0, ""},
      {"0 with two monitors is still the main one", 0, 2, 0, ""},
      {"1 is the first monitor", 1, 1, 0, ""},
      {"2 is the second monitor", 2, 2, 1, ""},
      {"2 of three", 2, 3, 1, ""},
      {"the last of many", 16, 16, 15, ""},
      {"a second monitor that is not plugged in", 2, 1, 0, "no_such_monitor"},
      {"one past the last", 4, 3, 0, "no_such_monitor"},
      {"no monitor at all", 1, 0, 0, "no_monitor"},
      {"no monitor at all, system's choice", 0, 0, 0, "no_monitor"},
      {"negative", -1, 2, 0, "invalid_monitor"},
      {"beyond the largest number", 17, 32, 0, "invalid_monitor"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.what);
    const Result<int> got = monitor_index(r.monitor, r.connected);
    if (*r.error == '\0') {
      ASSERT_TRUE(got.is_ok()) << got.status().message();
      EXPECT_EQ(got.value(), r.index);
    } else {
      ASSERT_FALSE(got.is_ok());
      EXPECT_EQ(got.status().error(), r.error);
    }
  }
}

TEST(MonitorChoice, TheRefusalSaysWhichMonitorAndHowManyThereAre) {
  const Result<int> got = monitor_index(3, 2);
  ASSERT_FALSE(got.is_ok());
  EXPECT_EQ(got.status().message(), "Không có màn hình số 3: máy này đang nối 2 màn hình");
}

TEST(MonitorChoice, ANumberIsCheckedBeforeAnyMonitorIsKnown) {
  EXPECT_TRUE(check_monitor_number(0, "--monitor").is_ok());
  EXPECT_TRUE(check_monitor_number(2, "--monitor").is_ok());
  EXPECT_TRUE(check_monitor_number(kMaxMonitor, "--monitor").is_ok());
  const Status too_big = check_monitor_number(kMaxMonitor + 1, "screen.monitor");
  ASSERT_FALSE(too_big.is_ok());
  EXPECT_EQ(too_big.error(), "invalid_monitor");
  EXPECT_EQ(too_big.message().rfind("screen.monitor phải là số thứ tự màn hình từ 1 đến 16", 0), 0u)
      << too_big.message();
  EXPECT_FALSE(check_monitor_number(-2, "--monitor").is_ok());
}

TEST(MonitorChoice, AWindowCoversItsMonitorInFullScreenAndIsCentredOnItOtherwise) {
  const std::vector<Rect> one = {{0, 0, 1920, 1080}};
  const std::vector<Rect> two = {{0, 0, 1366, 768}, {1366, 0, 1024, 600}};
  const std::vector<Rect> stacked = {{0, 0, 1920, 1080}, {0, -768, 1024, 768}};
  const std::vector<Rect> small_pad = {{0, 0, 1366, 768}, {1366, 0, 800, 480}};  // a 7-inch touch screen
  struct Case {
    const char* what;
    const std::vector<Rect>& monitors;
    int monitor;
    bool fullscreen;
    Rect want;
  };
  const Case cases[] = {
      {"the system's choice, full screen", one, 0, true, {0, 0, 1920, 1080}},
      {"the system's choice, a window", one, 0, false, {448, 240, 1024, 600}},
      {"the rating pad on the officer PC's second monitor", two, 2, true, {1366, 0, 1024, 600}},
      {"a window on the second monitor", two, 2, false, {1366, 0, 1024, 600}},
      {"a window on the main monitor of two", two, 1, false, {171, 84, 1024, 600}},
      {"a monitor above the main one", stacked, 2, true, {0, -768, 1024, 768}},
      {"a window on a monitor above the main one", stacked, 2, false, {0, -684, 1024, 600}},
      {"a 7-inch pad screen, full screen", small_pad, 2, true, {1366, 0, 800, 480}},
      {"a window larger than its monitor overhangs evenly", small_pad, 2, false, {1254, -60, 1024, 600}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    const Result<Rect> got = window_rect(c.monitor, c.monitors, c.fullscreen, 1024, 600);
    ASSERT_TRUE(got.is_ok()) << got.status().message();
    EXPECT_EQ(got.value(), c.want) << got.value().x << "," << got.value().y << " " << got.value().width << "x"
                                   << got.value().height;
  }
  const Result<Rect> missing = window_rect(3, two, true, 1024, 600);
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().error(), "no_such_monitor");
}

}  // namespace
}  // namespace motcua::screen
