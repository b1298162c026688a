#include "gui_window.hpp"

#include <filesystem>
#include <vector>

#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include "screen/sdl_monitors.hpp"

namespace motcua::counter {

namespace {
const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const char* kBoldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
}  // namespace

GuiWindow::GuiWindow(const std::string& title, int width, int height, bool fullscreen, int monitor) {
  const Result<screen::Rect> place = screen::window_rect(monitor, screen::sdl_monitors(), fullscreen, width, height);
  if (!place.is_ok()) {
    error_ = place.status().message();
    return;
  }
  Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  // A window manager fills the monitor the window is on; without one, its rect already does.
  if (fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
  const screen::Rect& r = place.value();
  window_ = SDL_CreateWindow(title.c_str(), r.x, r.y, r.width, r.height, flags);
  if (!window_) {
    error_ = SDL_GetError();
    return;
  }
  renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  // Headless machines and the dummy driver have only the software renderer.
  if (!renderer_) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
  if (!renderer_) {
    error_ = SDL_GetError();
    return;
  }
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is fixed by code; don't write imgui.ini next to the user's files
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.FrameRounding = 6;
  style.WindowRounding = 0;
  style.FramePadding = ImVec2(10, 8);
  style.ItemSpacing = ImVec2(12, 10);
  load_fonts();
  ImGui_ImplSDL2_InitForSDLRenderer(window_);
  ImGui_ImplSDLRenderer_Init(renderer_);
}

GuiWindow::~GuiWindow() {
  if (renderer_) {
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_DestroyRenderer(renderer_);
  }
  if (window_) SDL_DestroyWindow(window_);
}

void GuiWindow::load_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    builder.AddRanges(io.Fonts->GetGlyphRangesVietnamese());
    builder.AddText("–—…«»“”‘’•✓×←→↑↓");
    builder.BuildRanges(&ranges);
  }
  static const ImWchar huge_ranges[] = {0x0020, 0x007E, 0};
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  bool have_fonts = std::filesystem::exists(kFont) && std::filesystem::exists(kBoldFont);
  if (have_fonts) {
    fonts_.normal = io.Fonts->AddFontFromFileTTF(kFont, 22.0f, &config, ranges.Data);
    fonts_.large = io.Fonts->AddFontFromFileTTF(kBoldFont, 34.0f, &config, ranges.Data);
    fonts_.huge = io.Fonts->AddFontFromFileTTF(kBoldFont, 120.0f, &config, huge_ranges);
  }
  if (!fonts_.normal) {
    // Without DejaVu the diacritics would be missing; ImGui's own font still shows ASCII.
    fonts_.normal = io.Fonts->AddFontDefault();
    fonts_.large = fonts_.normal;
    fonts_.huge = fonts_.normal;
  }
}

void GuiWindow::process_event(const SDL_Event& e) {
  ImGui_ImplSDL2_ProcessEvent(&e);
  if (e.type == SDL_MOUSEMOTION && e.motion.windowID == window_id()) {
    pointer_x_ = static_cast<float>(e.motion.x);
    pointer_y_ = static_cast<float>(e.motion.y);
    pointer_known_ = true;
  } else if ((e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEBUTTONUP) && e.button.windowID == window_id()) {
    pointer_x_ = static_cast<float>(e.button.x);
    pointer_y_ = static_cast<float>(e.button.y);
    pointer_known_ = true;
  }
}

void GuiWindow::begin_frame() {
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  if (pointer_known_) ImGui::GetIO().MousePos = ImVec2(pointer_x_, pointer_y_);
  ImGui::NewFrame();
}

void GuiWindow::end_frame() {
  ImGui::Render();
  SDL_SetRenderDrawColor(renderer_, 245, 246, 248, 255);
  SDL_RenderClear(renderer_);
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  if (capture_requested_) {
    capture_requested_ = false;
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888));
    if (surface && SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGB888, surface->pixels, surface->pitch) == 0) {
      capture_ = std::move(surface);
    }
  }
  SDL_RenderPresent(renderer_);
}

int GuiWindow::width() const {
  int w = 0, h = 0;
  SDL_GetWindowSize(window_, &w, &h);
  return w;
}

int GuiWindow::height() const {
  int w = 0, h = 0;
  SDL_GetWindowSize(window_, &w, &h);
  return h;
}

bool save_bmp(SDL_Surface* surface, const std::string& path) {
  return surface && SDL_SaveBMP(surface, path.c_str()) == 0;
}

}  // namespace motcua::counter
