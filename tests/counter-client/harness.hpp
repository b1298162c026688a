// Test harness for counter-client: SDL under the dummy driver, synthetic input events, bounded
// frame pumping and pixel counting on captured frames. One thread (the test's).
#pragma once

#include <cstdlib>
#include <functional>
#include <string>

#include <SDL.h>

#include "gui_window.hpp"
#include "layout.hpp"

namespace motcua::counter::testing {

// Call before SDL_Init: a headless window, and audio that goes nowhere.
inline void use_dummy_drivers() {
  setenv("SDL_VIDEODRIVER", "dummy", 1);
  setenv("SDL_AUDIODRIVER", "dummy", 1);
}

inline void push_key(SDL_Keycode key) {
  for (Uint32 type : {static_cast<Uint32>(SDL_KEYDOWN), static_cast<Uint32>(SDL_KEYUP)}) {
    SDL_Event e{};
    e.type = type;
    e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.key.keysym.sym = key;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    SDL_PushEvent(&e);
  }
}

inline void push_text(const std::string& text) {
  SDL_Event e{};
  e.type = SDL_TEXTINPUT;
  std::snprintf(e.text.text, sizeof(e.text.text), "%s", text.c_str());
  SDL_PushEvent(&e);
}

inline void push_mouse(Uint32 type, Uint32 window_id, float x, float y) {
  SDL_Event e{};
  e.type = type;
  if (type == SDL_MOUSEMOTION) {
    e.motion.windowID = window_id;
    e.motion.x = static_cast<int>(x);
    e.motion.y = static_cast<int>(y);
  } else {
    e.button.windowID = window_id;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    e.button.clicks = 1;
    e.button.x = static_cast<int>(x);
    e.button.y = static_cast<int>(y);
  }
  SDL_PushEvent(&e);
}

// Runs `frame` until `done` holds, at most max_frames times; returns whether it held.
inline bool pump_until(const std::function<void()>& frame, const std::function<bool()>& done, int max_frames = 400) {
  for (int i = 0; i < max_frames; ++i) {
    frame();
    if (done()) return true;
  }
  return false;
}

// Presses `key` once per frame until `done` holds (at most max_frames presses).
inline bool press_until(const std::function<void()>& frame, SDL_Keycode key, const std::function<bool()>& done,
                        int max_frames = 100) {
  for (int i = 0; i < max_frames; ++i) {
    push_key(key);
    frame();
    if (done()) return true;
  }
  return false;
}

// Pixels within `tolerance` of (r,g,b) inside rect (whole surface when w == 0).
inline int count_pixels(SDL_Surface* s, Uint8 r, Uint8 g, Uint8 b, int tolerance = 12, Rect rect = {}) {
  if (!s) return -1;
  int x0 = static_cast<int>(rect.x), y0 = static_cast<int>(rect.y);
  int x1 = rect.w > 0 ? static_cast<int>(rect.x + rect.w) : s->w;
  int y1 = rect.h > 0 ? static_cast<int>(rect.y + rect.h) : s->h;
  int n = 0;
  SDL_LockSurface(s);
  for (int y = std::max(0, y0); y < std::min(s->h, y1); ++y) {
    const Uint32* row = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(s->pixels) + y * s->pitch);
    for (int x = std::max(0, x0); x < std::min(s->w, x1); ++x) {
      Uint8 pr, pg, pb;
      SDL_GetRGB(row[x], s->format, &pr, &pg, &pb);
      if (std::abs(pr - r) <= tolerance && std::abs(pg - g) <= tolerance && std::abs(pb - b) <= tolerance) ++n;
    }
  }
  SDL_UnlockSurface(s);
  return n;
}

// Runs one frame with a capture and returns it.
inline SurfacePtr capture(GuiWindow& window, const std::function<void()>& frame) {
  window.request_capture();
  frame();
  return window.take_capture();
}

}  // namespace motcua::counter::testing
