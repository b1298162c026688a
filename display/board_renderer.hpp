// BoardRenderer: draws a Board with SDL2 and SDL2_ttf; redraws the static part only on change.
// Thread rule: use from the thread that owns the SDL_Renderer (the frame loop).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <SDL.h>

#include "board.hpp"
#include "layout.hpp"
#include "text_painter.hpp"

namespace motcua::display {

struct RendererSettings {
  int width = 1920;
  int height = 1080;
  bool portrait = false;
  int utc_offset_minutes = 420;
  int ticker_speed_px_s = 90;
  std::vector<std::string> notices;
  std::string regular_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::string bold_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
};

class BoardRenderer {
 public:
  BoardRenderer(SDL_Renderer* renderer, RendererSettings settings);
  ~BoardRenderer();
  BoardRenderer(const BoardRenderer&) = delete;
  BoardRenderer& operator=(const BoardRenderer&) = delete;

  bool ok() const { return painter_.ok(); }
  const std::string& error() const { return painter_.error(); }

  // True when the static part would look different from the last draw (board changed,
  // minute turned, blink phase flipped), or nothing has been drawn yet.
  bool static_stale(const Board& board, Instant now) const;
  // Draws the frame (static part from its cache unless stale, then the ticker).
  void draw(const Board& board, Instant now);
  // Redraws only the scrolling line, over a target that still holds the last full frame
  // (the software renderer's window surface); the shell then presents just that strip.
  void draw_ticker_only(Instant now) { draw_ticker(now); }
  // When the next redraw is due without any new input: the next ticker step, blink flip
  // or minute. Never in the past.
  Instant next_frame_due(const Board& board, Instant now, int ticker_fps) const;
  const Layout& layout() const { return layout_; }
  // The device lost its textures (e.g. a resized or restored window).
  void on_targets_reset();

  // Reads the presented frame's pixels (RGB, row-major) for PNG output and tests.
  bool read_rgb(std::vector<std::uint8_t>& rgb, int& w, int& h) const;

 private:
  struct StaticKey {
    std::uint64_t version = 0;
    int minute = -1;
    std::int64_t blink_tick = -1;
    bool operator==(const StaticKey&) const = default;
  };
  StaticKey key_for(const Board& board, Instant now) const;
  void draw_static(const Board& board, Instant now);
  void draw_header(const Board& board, Instant now);
  void draw_counters(const Board& board, Instant now, bool blink_on);
  void draw_newest(const Board& board, Instant now, bool blink_on);
  void draw_recent(const Board& board);
  void draw_waiting(const Board& board);
  void draw_ticker(Instant now);
  void fill(Box b, SDL_Color c);

  SDL_Renderer* renderer_;
  RendererSettings settings_;
  TextPainter painter_;
  Layout layout_;
  int layout_rows_ = -1;
  SDL_Texture* static_layer_ = nullptr;  // null when the renderer cannot render to textures
  std::optional<StaticKey> drawn_;
};

}  // namespace motcua::display
