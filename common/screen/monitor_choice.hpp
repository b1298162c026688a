// Which monitor a full-screen window opens on. In a one-stop office the rating pad is
// often the officer PC's second monitor, turned towards the citizen, and the hall board
// may share a mini PC with another screen: each program is told its monitor by number.
#pragma once

#include <string>
#include <vector>

#include "domain/status.hpp"

namespace motcua::screen {

// The largest monitor number accepted on a command line or in a config file.
inline constexpr int kMaxMonitor = 16;

// `monitor` as an office writes it: 0 = let the system choose (its main monitor),
// 1..N = the Nth monitor in the order the system lists them (1 is normally the main one).
// Returns the 0-based index SDL uses, or `no_such_monitor` when fewer are connected.
Result<int> monitor_index(int monitor, int monitors_connected);

struct Rect {
  int x = 0, y = 0, width = 0, height = 0;
  bool operator==(const Rect&) const = default;
};

// Where a window opens, in desktop coordinates: on `monitor` (as monitor_index takes it)
// among `monitors` (their bounds, as the system lists them). Full screen covers that
// monitor exactly, so it is filled even where no window manager runs (a kiosk PC that
// starts only X and the program); otherwise the window keeps its size, centred on it.
Result<Rect> window_rect(int monitor, const std::vector<Rect>& monitors, bool fullscreen, int width, int height);

// Checks a monitor number as written in options or config, before any monitor is known;
// `what` names the option in the message ("--monitor", "screen.monitor").
Status check_monitor_number(int monitor, const std::string& what);

}  // namespace motcua::screen
