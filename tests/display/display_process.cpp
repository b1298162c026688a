#include "display_process.hpp"

#include <sstream>
#include <thread>

namespace motcua::display::testing {

DisplayProcess::DisplayProcess(std::vector<std::string> args, std::string log_path, bool headless)
    : child_(binary_path(), std::move(args),
             headless ? std::vector<std::string>{"SDL_VIDEODRIVER=dummy", "SDL_AUDIODRIVER=dummy"}
                      : std::vector<std::string>{},
             std::move(log_path)) {}

std::string DisplayProcess::binary_path() { return MOTCUA_DISPLAY_PATH; }

std::vector<std::string> DisplayProcess::log_lines(const std::string& prefix) const {
  std::vector<std::string> out;
  std::istringstream in(log());
  const std::string full = "display: " + prefix;
  for (std::string line; std::getline(in, line);)
    if (line.rfind(full, 0) == 0) out.push_back(line.substr(9));
  return out;
}

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() >= end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace motcua::display::testing
