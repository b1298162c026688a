// DisplayProcess: runs the real `display` program headless (SDL dummy drivers) for end-to-end tests.
// One instance per test, used from the test thread; every wait is bounded and the child is killed.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "child_process.hpp"

namespace motcua::display::testing {

class DisplayProcess {
 public:
  // `args` go to the program after its path; stdout and stderr go to `log_path`. Headless
  // sets SDL_VIDEODRIVER=dummy and SDL_AUDIODRIVER=dummy; otherwise the environment decides
  // (e.g. an X server from xvfb-run).
  DisplayProcess(std::vector<std::string> args, std::string log_path, bool headless = true);

  bool start() { return child_.start(); }
  // SIGTERM (SDL turns it into SDL_QUIT), then SIGKILL after `timeout`; returns the exit code
  // or -1 when it had to be killed.
  int stop(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    return child_.stop(timeout).value_or(-1);
  }
  bool running() const { return child_.pid() > 0; }
  pid_t pid() const { return child_.pid(); }

  std::string log() const { return child_.log(); }
  // Log lines that start with "display: " + prefix, in order.
  std::vector<std::string> log_lines(const std::string& prefix) const;

  static std::string binary_path();  // set by CMake as MOTCUA_DISPLAY_PATH

 private:
  motcua::testing::ChildProcess child_;  // SIGKILLed on destruction if still running
};

// Polls `done` every 50 ms until it holds or `timeout` passes; returns its last value.
bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout);

}  // namespace motcua::display::testing
