// GuiWindow: one SDL window + renderer + Dear ImGui context with DejaVu fonts carrying the
// Vietnamese glyphs, and frame capture (F12 screenshots). Thread rule: the SDL main thread only.
#pragma once

#include <memory>
#include <string>

#include <SDL.h>

struct ImFont;

namespace motcua::counter {

struct SurfaceDeleter {
  void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};
using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceDeleter>;

struct Fonts {
  ImFont* normal = nullptr;  // 22 px: labels, tables
  ImFont* large = nullptr;   // 34 px: buttons, headings
  ImFont* huge = nullptr;    // 120 px: the ticket number (digits and Latin letters only)
};

class GuiWindow {
 public:
  // Creates the window on `monitor` (1-based; 0 = the system's choice), filling it when
  // `fullscreen`; check ok() (and error(), e.g. no such monitor) before use.
  GuiWindow(const std::string& title, int width, int height, bool fullscreen, int monitor = 0);
  ~GuiWindow();
  GuiWindow(const GuiWindow&) = delete;
  GuiWindow& operator=(const GuiWindow&) = delete;

  bool ok() const { return renderer_ != nullptr; }
  const std::string& error() const { return error_; }
  SDL_Window* window() const { return window_; }
  SDL_Renderer* renderer() const { return renderer_; }
  const Fonts& fonts() const { return fonts_; }
  Uint32 window_id() const { return SDL_GetWindowID(window_); }

  // Feeds one event to ImGui. The pointer position comes from the events themselves, so
  // touch screens and injected events place the pointer exactly where they say.
  void process_event(const SDL_Event& e);
  void begin_frame();
  // Renders ImGui, captures the frame if asked, presents.
  void end_frame();
  int width() const;
  int height() const;

  // The next end_frame() keeps a copy of what it drew (RGB888), taken before presenting.
  void request_capture() { capture_requested_ = true; }
  SurfacePtr take_capture() { return std::move(capture_); }

 private:
  void load_fonts();

  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  std::string error_;
  Fonts fonts_;
  float pointer_x_ = -1, pointer_y_ = -1;
  bool pointer_known_ = false;
  bool capture_requested_ = false;
  SurfacePtr capture_;
};

// Saves a capture as BMP; false on failure.
bool save_bmp(SDL_Surface* surface, const std::string& path);

}  // namespace motcua::counter
