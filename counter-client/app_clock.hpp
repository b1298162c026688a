// The wall clock the SDL apps read (ms since the Unix epoch), passed in so a harness can
// drive time. Pure type + default; safe from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace motcua::counter {

using Clock = std::function<std::int64_t()>;

inline std::int64_t system_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace motcua::counter
