// PanelApp: the officer's window — sign-in, live counter state, keyboard-driven actions.
// Thread rule: SDL main thread; network runs on an ApiWorker and an EventStream whose
// results come back through one inbox drained at the start of each frame.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include <SDL.h>
#include <boost/json/object.hpp>

#include "app_clock.hpp"
#include "chime.hpp"
#include "client/api_result.hpp"
#include "client/api_worker.hpp"
#include "client/event_stream.hpp"
#include "client/thread_safe_inbox.hpp"
#include "gui_support.hpp"
#include "gui_window.hpp"
#include "panel_model.hpp"

namespace motcua::counter {

struct PanelOptions {
  client::ServerAddress server;
  std::string user;                  // pre-filled user name (else the remembered one)
  std::optional<int> counter;        // pre-filled counter (else the remembered one)
  std::filesystem::path prefs_path;  // remembered user/counter; empty = don't remember
  std::filesystem::path screenshot_dir = ".";
};

class PanelApp {
 public:
  PanelApp(GuiWindow& window, PanelOptions options, Clock clock = system_clock_ms);
  ~PanelApp();

  // One frame: waits up to wait_ms for an event, handles events, drains the inbox, draws.
  // Returns false once the window was closed.
  bool frame(int wait_ms);
  // Frames until the window closes; returns the process exit code.
  int run();
  // Whether the sign-in form shows, and the note above it (why the last session ended).
  bool signing_in() const { return model_ == nullptr; }
  const std::string& sign_in_note() const { return login_info_; }
  // What the signed-in panel shows (null while signing in), and the number entry's state:
  // read by tests, which drive the panel only through SDL events.
  const PanelModel* model() const { return model_.get(); }
  bool reactivate_entry_open() const { return show_reactivate_; }
  const std::string& reactivate_error() const { return reactivate_error_; }

 private:
  struct StreamMessage { int generation; boost::json::object message; };
  struct StreamChange { int generation; client::StreamState state; std::string detail; };
  struct LoginDone { client::ApiResult result; std::string username; int counter; };
  struct OfficeDone { int generation; client::ApiResult result; };
  struct ActionDone { int generation; PanelAction action; client::ApiResult result; };
  struct LogoutDone { client::ApiResult result; };
  using Incoming = std::variant<StreamMessage, StreamChange, LoginDone, OfficeDone, ActionDone, LogoutDone>;

  void handle_event(const SDL_Event& e);
  void handle_key(const SDL_KeyboardEvent& key);
  void drain_inbox();
  void on_incoming(Incoming& item);
  void submit_login();
  void start_session(const client::ApiResult& login, const std::string& username, int counter);
  void end_session(const std::string& why);
  void trigger(PanelAction a, boost::json::object body = {});
  void draw();
  void draw_login();
  void draw_main();
  void draw_transfer_picker();
  void draw_pause_picker();
  void draw_reactivate_entry();
  void open_reactivate_entry();
  void submit_reactivate(const std::string& number);
  void screenshot();

  GuiWindow& window_;
  PanelOptions options_;
  Clock clock_;
  Uint32 wake_event_ = 0;
  client::ThreadSafeInbox<Incoming> inbox_;
  client::ApiWorker worker_;
  std::unique_ptr<client::EventStream> stream_;
  std::unique_ptr<PanelModel> model_;  // present while signed in
  Chime chime_;
  int generation_ = 0;
  bool running_ = true;

  // Sign-in form.
  char user_buf_[64] = {};
  char password_buf_[128] = {};
  int counter_input_ = 1;
  bool login_pending_ = false;
  bool focus_user_ = true;
  bool focus_password_ = false;
  int password_field_ = 0;  // a new id clears ImGui's own copy of the field's text
  std::string login_error_;
  std::string login_info_;

  // Pickers.
  bool show_transfer_ = false;
  bool show_pause_ = false;
  char pause_other_buf_[128] = {};
  // "Khôi phục số vắng mặt": the number typed from the citizen's paper. The entry stays
  // open until the daemon accepts it, so a refused number can be corrected in place.
  bool show_reactivate_ = false;
  bool focus_reactivate_ = false;
  int reactivate_field_ = 0;  // a new id clears ImGui's own copy of the field's text
  char reactivate_buf_[16] = {};
  std::string reactivate_error_;
  bool logout_pending_ = false;
  std::string pending_screenshot_;
};

}  // namespace motcua::counter
