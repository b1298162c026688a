// The monitors SDL knows, as monitor_choice.hpp takes them. Header-only and the one part of
// common/screen that touches SDL: include it only from the SDL programs (display,
// counter-client), after SDL_Init(SDL_INIT_VIDEO).
#pragma once

#include <SDL.h>

#include <vector>

#include "screen/monitor_choice.hpp"

namespace motcua::screen {

// In the order the system lists them (SDL puts the main one first).
inline std::vector<Rect> sdl_monitors() {
  std::vector<Rect> out;
  for (int i = 0, n = SDL_GetNumVideoDisplays(); i < n; ++i) {
    SDL_Rect b{};
    if (SDL_GetDisplayBounds(i, &b) == 0) out.push_back({b.x, b.y, b.w, b.h});
  }
  return out;
}

}  // namespace motcua::screen
