// What the officer panel and the rating pad share around their window: how a worker
// thread wakes the frame loop, and the client timeouts for a screen someone is watching.
#pragma once

#include <chrono>
#include <functional>

#include <SDL.h>

#include "client/api_client.hpp"

namespace motcua::counter {

// Pushes an event of `event_type` (from SDL_RegisterEvents): wakes a frame sleeping in
// SDL_WaitEventTimeout when a worker thread has filled an inbox. SDL_PushEvent is
// thread-safe.
inline std::function<void()> sdl_waker(Uint32 event_type) {
  return [event_type] {
    SDL_Event e{};
    e.type = event_type;
    SDL_PushEvent(&e);
  };
}

// Short enough that a dead server shows as "Mất kết nối" within seconds.
inline client::ApiClientOptions gui_client_options(const client::ServerAddress& server) {
  return client::ApiClientOptions{server, std::chrono::milliseconds(2000), std::chrono::milliseconds(5000)};
}

}  // namespace motcua::counter
