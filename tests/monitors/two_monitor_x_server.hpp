// A real X server showing SDL two monitors side by side, for tests of which monitor a
// program opens on: Xorg with the dummy video driver (xserver-xorg-video-dummy), its second
// output switched on with xrandr. Xvfb cannot do this: SDL sees a single monitor there.
// Loopback only (a Unix socket, -nolisten tcp), its own seat so it takes no virtual
// terminal, stopped and removed with the object. One thread (the test's); waits are bounded.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

#include "temp_dir.hpp"

namespace motcua::testing {

struct ScreenRect {
  int x = 0, y = 0, width = 0, height = 0;
  bool operator==(const ScreenRect&) const = default;
};

class TwoMonitorXServer {
 public:
  static constexpr ScreenRect kFirst{0, 0, 1280, 800};    // the main monitor
  static constexpr ScreenRect kSecond{1280, 0, 1024, 768};  // to its right

  TwoMonitorXServer();
  ~TwoMonitorXServer();
  TwoMonitorXServer(const TwoMonitorXServer&) = delete;
  TwoMonitorXServer& operator=(const TwoMonitorXServer&) = delete;

  // Starts Xorg and switches the second monitor on; false with why() on failure.
  bool start();
  const std::string& why() const { return why_; }
  std::string display() const { return ":" + std::to_string(display_number_); }

  // The shown top-level window of `program` (its WM_CLASS name, which SDL takes from the
  // executable), in screen coordinates.
  std::optional<ScreenRect> find_window(const std::string& program) const;
  // Share (0..1) of the pixels inside `area` that are not black, read back from the server.
  double lit_share(const ScreenRect& area) const;

 private:
  bool run_xrandr(const std::string& args, std::string& output) const;

  TempDir dir_{"motcua-xorg"};
  pid_t pid_ = -1;
  int display_number_ = -1;
  std::string why_;
};

std::string to_string(const ScreenRect& r);

}  // namespace motcua::testing
