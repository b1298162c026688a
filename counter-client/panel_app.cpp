#include "panel_app.hpp"

#include <cstring>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>
#include <imgui.h>

namespace motcua::counter {

namespace json = boost::json;
using client::ApiClient;
using client::ApiResult;

namespace {

void load_prefs(const std::filesystem::path& path, std::string& user, int& counter) {
  if (path.empty()) return;
  std::ifstream in(path);
  if (!in) return;
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  json::value v = json::parse(text.str(), ec);
  if (ec) return;
  if (auto u = client::json_string(v, "username"); !u.empty()) user = u;
  if (auto c = client::json_int(v, "counter"); c > 0) counter = static_cast<int>(c);
}

void save_prefs(const std::filesystem::path& path, const std::string& user, int counter) {
  if (path.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::trunc);
  out << json::serialize(json::object{{"username", user}, {"counter", counter}}) << "\n";
}

}  // namespace

PanelApp::PanelApp(GuiWindow& window, PanelOptions options, Clock clock)
    : window_(window),
      options_(std::move(options)),
      clock_(std::move(clock)),
      wake_event_(SDL_RegisterEvents(1)),
      inbox_(sdl_waker(wake_event_)),
      worker_(gui_client_options(options_.server)) {
  std::string user;
  load_prefs(options_.prefs_path, user, counter_input_);
  if (!options_.user.empty()) user = options_.user;
  if (options_.counter) counter_input_ = *options_.counter;
  std::strncpy(user_buf_, user.c_str(), sizeof(user_buf_) - 1);
  // With the name remembered, the officer only has to type the password.
  focus_password_ = !user.empty();
  focus_user_ = user.empty();
  SDL_StartTextInput();
}

PanelApp::~PanelApp() {
  stream_.reset();  // no more callbacks into the inbox
}

int PanelApp::run() {
  while (frame(250)) {
  }
  return 0;
}

bool PanelApp::frame(int wait_ms) {
  SDL_Event e;
  if (SDL_WaitEventTimeout(&e, wait_ms)) {
    handle_event(e);
    while (SDL_PollEvent(&e)) handle_event(e);
  }
  drain_inbox();
  window_.begin_frame();
  draw();
  window_.end_frame();
  if (!pending_screenshot_.empty()) {
    SurfacePtr shot = window_.take_capture();
    bool saved = save_bmp(shot.get(), pending_screenshot_);
    if (model_) {
      model_->set_notice(saved ? Notice::Kind::success : Notice::Kind::error,
                         (saved ? "Đã lưu ảnh màn hình: " : "Không lưu được ảnh màn hình: ") + pending_screenshot_,
                         clock_());
    }
    pending_screenshot_.clear();
  }
  return running_;
}

void PanelApp::handle_event(const SDL_Event& e) {
  if (e.type == wake_event_) return;
  if (e.type == SDL_QUIT) running_ = false;
  if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE) running_ = false;
  window_.process_event(e);
  if (e.type == SDL_KEYDOWN) handle_key(e.key);
}

void PanelApp::handle_key(const SDL_KeyboardEvent& key) {
  SDL_Keycode k = key.keysym.sym;
  if (k == SDLK_F12) return screenshot();
  if (!model_) {
    if ((k == SDLK_RETURN || k == SDLK_KP_ENTER) && !login_pending_) submit_login();
    return;
  }
  if (show_reactivate_) {
    if (k == SDLK_ESCAPE) show_reactivate_ = false;
    // Enter reads the field as ImGui last wrote it, as the sign-in form does.
    if (k == SDLK_RETURN || k == SDLK_KP_ENTER) submit_reactivate(reactivate_buf_);
    return;
  }
  if (show_transfer_ || show_pause_) {
    if (k == SDLK_ESCAPE) {
      show_transfer_ = show_pause_ = false;
      return;
    }
    if (ImGui::GetIO().WantTextInput) return;
    int index = -1;
    if (k >= SDLK_1 && k <= SDLK_9) index = static_cast<int>(k - SDLK_1);
    if (k >= SDLK_KP_1 && k <= SDLK_KP_9) index = static_cast<int>(k - SDLK_KP_1);
    if (k == SDLK_0 || k == SDLK_KP_0) index = 9;  // the tenth transfer target
    if (index < 0) return;
    if (show_transfer_) {
      auto targets = model_->transfer_targets();
      if (index < static_cast<int>(targets.size())) {
        json::object body;
        if (targets[index].is_counter) body["counter"] = targets[index].counter;
        else body["service"] = targets[index].service;
        show_transfer_ = false;
        trigger(PanelAction::transfer, body);
      }
    } else {
      static const char* reasons[] = {"Nghỉ trưa", "Họp", "Việc riêng", "Hỗ trợ công dân ngoài quầy"};
      if (index < 4) {
        show_pause_ = false;
        trigger(PanelAction::pause, json::object{{"reason", reasons[index]}});
      }
    }
    return;
  }
  if (ImGui::GetIO().WantTextInput) return;
  switch (k) {
    case SDLK_F1:
    case SDLK_SPACE: return trigger(PanelAction::call_next);
    case SDLK_F2: return trigger(PanelAction::recall);
    case SDLK_F3: return trigger(PanelAction::start);
    case SDLK_F4: return trigger(PanelAction::no_show);
    case SDLK_F5:
      if (model_->can(PanelAction::transfer)) show_transfer_ = true;
      else trigger(PanelAction::transfer);  // explains why not
      return;
    case SDLK_F6:
    case SDLK_RETURN:
    case SDLK_KP_ENTER: return trigger(PanelAction::close);
    case SDLK_F7:
      if (model_->can(PanelAction::resume)) return trigger(PanelAction::resume);
      if (model_->can(PanelAction::pause)) show_pause_ = true;
      else trigger(PanelAction::pause);
      return;
    case SDLK_F8: return open_reactivate_entry();
    default: return;
  }
}

void PanelApp::trigger(PanelAction a, json::object body) {
  if (!model_) return;
  std::int64_t now = clock_();
  if (!model_->can(a)) {
    std::string why = model_->busy()                ? "đang chờ kết quả thao tác trước"
                      : !model_->connected()         ? "đang mất kết nối"
                                                     : "quầy đang ở trạng thái “" + panel_state_label(model_->state()) + "”";
    Notice n{Notice::Kind::error, "Không thể “" + action_label(a) + "” lúc này: " + why + ".", now};
    if (!model_->connected()) n.clears_when = Notice::ClearsWhen::reconnected;
    model_->set_notice(std::move(n));
    return;
  }
  if ((a == PanelAction::transfer || a == PanelAction::pause || a == PanelAction::reactivate) && body.empty()) {
    if (a == PanelAction::transfer) show_transfer_ = true;
    else if (a == PanelAction::pause) show_pause_ = true;
    else open_reactivate_entry();
    return;
  }
  model_->action_sent(a);
  model_->set_notice(Notice::Kind::info, action_label(a) + "…", now);
  int counter = model_->counter();
  int generation = generation_;
  worker_.submit([this, a, body = std::move(body), counter, generation](ApiClient& c) {
    ApiResult r = c.counter_action(counter, action_path(a), body);
    inbox_.push(ActionDone{generation, a, std::move(r)});
  });
}

void PanelApp::open_reactivate_entry() {
  if (!model_) return;
  if (!model_->can(PanelAction::reactivate)) return trigger(PanelAction::reactivate);  // explains why not
  show_transfer_ = show_pause_ = false;
  show_reactivate_ = true;
  focus_reactivate_ = true;
  reactivate_error_.clear();
  std::memset(reactivate_buf_, 0, sizeof(reactivate_buf_));
  ++reactivate_field_;
}

void PanelApp::submit_reactivate(const std::string& number) {
  if (!model_ || model_->busy()) return;
  if (number.empty()) {
    reactivate_error_ = "Hãy nhập số in trên phiếu của công dân, ví dụ 1023.";
    return;
  }
  reactivate_error_.clear();
  trigger(PanelAction::reactivate, json::object{{"number", number}});
}

void PanelApp::submit_login() {
  std::string user = user_buf_;
  std::string password = password_buf_;
  int counter = counter_input_;
  if (user.empty() || password.empty() || counter <= 0) {
    login_error_ = "Hãy nhập tên đăng nhập, mật khẩu và số quầy.";
    return;
  }
  login_pending_ = true;
  login_error_.clear();
  worker_.submit([this, user, password, counter](ApiClient& c) {
    ApiResult r = c.login(user, password, counter);
    inbox_.push(LoginDone{std::move(r), user, counter});
  });
}

void PanelApp::start_session(const ApiResult& login, const std::string& username, int counter) {
  ++generation_;
  const json::value* officer = client::json_field(login.body, "officer");
  std::string display_name = officer ? client::json_string(*officer, "display_name") : username;
  // The server's spelling of the name: the model compares it with each counter status.
  std::string server_username = officer ? client::json_string(*officer, "username") : std::string();
  int signed_counter = static_cast<int>(login.int_field("counter", counter));
  model_ = std::make_unique<PanelModel>(signed_counter, server_username.empty() ? username : server_username,
                                        display_name);
  model_->set_notice(Notice::Kind::success, "Đã đăng nhập tại " + model_->counter_name() + ".", clock_());
  save_prefs(options_.prefs_path, username, signed_counter);
  std::memset(password_buf_, 0, sizeof(password_buf_));
  ++password_field_;
  client::EventStreamOptions so;
  so.server = options_.server;
  so.token = login.string_field("token");
  int generation = generation_;
  stream_ = std::make_unique<client::EventStream>(
      so, client::EventStreamCallbacks{
              [this, generation](const json::object& m) { inbox_.push(StreamMessage{generation, m}); },
              [this, generation](client::StreamState s, const std::string& d) {
                inbox_.push(StreamChange{generation, s, d});
              }});
  worker_.submit([this, generation](ApiClient& c) { inbox_.push(OfficeDone{generation, c.office()}); });
}

void PanelApp::end_session(const std::string& why) {
  ++generation_;
  stream_.reset();
  model_.reset();
  show_transfer_ = show_pause_ = show_reactivate_ = false;
  logout_pending_ = false;
  login_info_ = why;
  focus_password_ = user_buf_[0] != 0;
  focus_user_ = !focus_password_;
  worker_.submit([](ApiClient& c) { c.clear_credentials(); });
}

void PanelApp::drain_inbox() {
  for (Incoming& item : inbox_.take_all()) on_incoming(item);
  if (model_ && model_->take_new_ticket_alert()) chime_.play();
  if (model_ && model_->session_lost()) {
    const std::string& why = model_->session_end_reason();
    end_session(logout_pending_ ? std::string("Đã đăng xuất.")
                : !why.empty()  ? why
                                : std::string("Phiên làm việc tại quầy đã kết thúc (hết hạn, hoặc đã đăng nhập ở nơi "
                                              "khác). Vui lòng đăng nhập lại."));
  }
}

void PanelApp::on_incoming(Incoming& item) {
  std::int64_t now = clock_();
  if (auto* m = std::get_if<StreamMessage>(&item)) {
    if (model_ && m->generation == generation_) model_->apply_message(m->message, now);
  } else if (auto* s = std::get_if<StreamChange>(&item)) {
    if (model_ && s->generation == generation_) {
      model_->set_connected(s->state == client::StreamState::connected, s->detail, now);
    }
  } else if (auto* l = std::get_if<LoginDone>(&item)) {
    login_pending_ = false;
    if (l->result.ok()) {
      login_info_.clear();
      start_session(l->result, l->username, l->counter);
    } else {
      login_error_ = l->result.message;
      if (l->result.error == "bad_credentials") login_error_ = "Sai tên đăng nhập hoặc mật khẩu.";
      // Ready for the next try: an empty password field with the cursor in it.
      std::memset(password_buf_, 0, sizeof(password_buf_));
      ++password_field_;
      focus_password_ = true;
    }
  } else if (auto* o = std::get_if<OfficeDone>(&item)) {
    if (model_ && o->generation == generation_ && o->result.ok()) model_->apply_office(o->result.body);
  } else if (auto* a = std::get_if<ActionDone>(&item)) {
    if (model_ && a->generation == generation_) {
      model_->action_done(a->action, a->result, now);
      if (a->action == PanelAction::reactivate) {
        // Done: the entry closes. Refused or unconfirmed: it stays, saying why, for a retype.
        if (a->result.ok()) show_reactivate_ = false;
        else if (a->result.transport_failed() && model_->notice()) reactivate_error_ = model_->notice()->text;
        else reactivate_error_ = a->result.message;  // the daemon's own words
        focus_reactivate_ = true;
      }
    }
  } else if (auto* lo = std::get_if<LogoutDone>(&item)) {
    logout_pending_ = false;
    if (lo->result.ok() || lo->result.status == 401) {
      end_session("Đã đăng xuất.");
    } else if (model_) {
      model_->set_notice(Notice::Kind::error, "Không đăng xuất được: " + lo->result.message, now);
    }
  }
}

void PanelApp::screenshot() {
  window_.request_capture();
  // The capture is taken at the end of this frame and saved right after it.
  std::string path = (options_.screenshot_dir / ("counter-client-" + std::to_string(clock_()) + ".bmp")).string();
  pending_screenshot_ = path;
}

}  // namespace motcua::counter
