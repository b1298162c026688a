// counter-client: the officer panel (default), the rating pad (--rating-pad) and the CLI.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <SDL.h>

#include "cli.hpp"
#include "client/server_address.hpp"
#include "gui_window.hpp"
#include "options.hpp"
#include "pad_app.hpp"
#include "panel_app.hpp"
#include "session_file.hpp"

using namespace motcua::counter;

namespace {

motcua::client::ServerAddress server_of(const Options& o, bool& ok) {
  std::string text = o.server;
  if (text.empty()) {
    const char* env = std::getenv("MOTCUA_SERVER");
    text = env && *env ? env : "127.0.0.1:8080";
  }
  auto parsed = motcua::client::parse_server_address(text);
  ok = parsed.has_value();
  if (!ok) std::cerr << "Địa chỉ máy chủ không hợp lệ: " << text << "\n";
  return parsed.value_or(motcua::client::ServerAddress{});
}

int run_gui(const Options& o) {
  bool ok = false;
  auto server = server_of(o, ok);
  if (!ok) return exit_usage;
  SDL_SetHint(SDL_HINT_IME_SHOW_UI, "1");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    std::cerr << "Không khởi tạo được SDL: " << SDL_GetError() << "\n";
    return exit_usage;
  }
  int code = 0;
  {
    bool pad = o.mode == Mode::rating_pad;
    std::string title = pad ? "Đánh giá mức độ hài lòng — Quầy " + std::to_string(*o.counter) : "motcua — Quầy";
    GuiWindow window(title, pad ? 1024 : o.width, pad ? 600 : o.height, o.fullscreen, o.monitor);
    if (!window.ok()) {
      std::cerr << "Không mở được cửa sổ: " << window.error() << "\n";
      code = exit_usage;
    } else if (pad) {
      PadApp app(window, PadOptions{server, *o.counter, o.device_key, o.vote_window_s});
      code = app.run();
    } else {
      PanelApp app(window, PanelOptions{server, o.user, o.counter, default_panel_prefs_path(), "."});
      code = app.run();
    }
  }
  SDL_Quit();
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  ParseResult parsed = parse_options(args);
  if (!parsed.error.empty()) {
    std::cerr << parsed.error << "\n(xem counter-client --help)\n";
    return exit_usage;
  }
  const Options& o = parsed.options;
  switch (o.mode) {
    case Mode::help: std::cout << usage_text(); return exit_ok;
    case Mode::command: return run_cli(o, std::cout, std::cerr);
    case Mode::panel:
    case Mode::rating_pad: return run_gui(o);
  }
  return exit_usage;
}
