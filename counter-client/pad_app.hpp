// PadApp: the citizen's rating pad — idle screen, four faces, reasons, thanks — on one
// window. Thread rule: SDL main thread; votes go through an ApiWorker and events come from
// an EventStream, both handing results back through one inbox drained each frame.
#pragma once

#include <memory>
#include <string>
#include <variant>

#include <SDL.h>
#include <boost/json/object.hpp>

#include "app_clock.hpp"
#include "client/api_worker.hpp"
#include "client/event_stream.hpp"
#include "client/thread_safe_inbox.hpp"
#include "gui_support.hpp"
#include "gui_window.hpp"
#include "pad_model.hpp"

namespace motcua::counter {

struct PadOptions {
  client::ServerAddress server;
  int counter = 1;
  std::string device_key;
  int vote_window_s = 30;
};

class PadApp {
 public:
  PadApp(GuiWindow& window, PadOptions options, Clock clock = system_clock_ms);
  ~PadApp();

  // One frame: waits up to wait_ms for an event, handles input, drains the inbox, draws.
  // Returns false once the window was closed.
  bool frame(int wait_ms);
  int run();

 private:
  struct StreamMessage { boost::json::object message; };
  struct StreamChange { client::StreamState state; };
  struct OfficeDone { client::ApiResult result; };
  struct VoteDone { client::ApiResult result; };
  using Incoming = std::variant<StreamMessage, StreamChange, OfficeDone, VoteDone>;

  void handle_event(const SDL_Event& e);
  void tap(float x, float y);
  void pick_rating(int rating);
  void pick_reason(std::size_t index);
  void pick_no_reason();
  void send(const VoteRequest& vote);
  void request_office();
  void draw();

  GuiWindow& window_;
  PadOptions options_;
  Clock clock_;
  Uint32 wake_event_ = 0;
  client::ThreadSafeInbox<Incoming> inbox_;
  client::ApiWorker worker_;
  PadModel model_;
  std::unique_ptr<client::EventStream> stream_;
  bool have_office_ = false;
  bool office_pending_ = false;
  bool running_ = true;
};

}  // namespace motcua::counter
