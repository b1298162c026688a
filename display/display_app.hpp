// DisplayApp: the board's frame loop — network inbox, then update(now), then draw() when due.
// Thread rule: run() on the main thread; network callbacks only push into the inbox.
#pragma once

#include "display_settings.hpp"

namespace motcua::display {

class DisplayApp {
 public:
  explicit DisplayApp(DisplaySettings settings);
  // Runs until the window closes, Esc/Q, or --exit-after; returns the process exit code.
  int run();

 private:
  DisplaySettings settings_;
};

}  // namespace motcua::display
