// TextPainter: draws UTF-8 text fitted into a box with DejaVu fonts, caching glyph textures.
// Thread rule: use from the thread that owns the SDL_Renderer.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <SDL.h>
#include <SDL_ttf.h>

#include "layout.hpp"

namespace motcua::display {

enum class Align { left, center, right };

struct TextStyle {
  SDL_Color color{255, 255, 255, 255};
  bool bold = false;
  Align align = Align::left;
  int max_px = 0;  // font pixel height cap; 0 = as tall as the box allows
};

class TextPainter {
 public:
  // Fails (ok() false) when a font cannot be opened.
  TextPainter(SDL_Renderer* renderer, std::string regular_font, std::string bold_font);
  ~TextPainter();
  TextPainter(const TextPainter&) = delete;
  TextPainter& operator=(const TextPainter&) = delete;

  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }

  // Draws `text` inside `box`, shrinking the font until it fits the width. Returns the
  // drawn width.
  int draw(const std::string& text, Box box, const TextStyle& style);
  // Like draw(), but breaks `text` at spaces into at most `max_lines` lines when that lets
  // it be drawn larger: a long counter or service name stays readable across the hall
  // instead of shrinking to one tiny line. Lines are centred vertically in `box`.
  void draw_wrapped(const std::string& text, Box box, const TextStyle& style, int max_lines);
  // The texture for `text` at `px` pixels (cached); width and height are written out.
  SDL_Texture* texture(const std::string& text, int px, bool bold, SDL_Color color, int& w, int& h);
  int text_width(const std::string& text, int px, bool bold);
  // The largest pixel size at which every text fits `w` wide and `h` tall, so a list or a
  // row of titles shares one size instead of each item shrinking on its own.
  int fit_px(const std::vector<std::string>& texts, int w, int h, bool bold);
  // Textures whose render target was lost (SDL_RENDER_TARGETS_RESET) must be rebuilt.
  void clear_cache();

 private:
  TTF_Font* font(int px, bool bold);
  // `text` broken at spaces into lines no wider than `w` at `px`, or empty when a word alone
  // is wider or more than `max_lines` lines are needed.
  std::vector<std::string> wrap(const std::string& text, int px, bool bold, int w, int max_lines);
  struct Cached {
    SDL_Texture* texture = nullptr;
    int w = 0, h = 0;
  };
  SDL_Renderer* renderer_;
  std::string regular_path_, bold_path_;
  std::map<std::pair<int, bool>, TTF_Font*> fonts_;
  std::map<std::tuple<std::string, int, bool, Uint32>, Cached> cache_;
  bool ok_ = true;
  std::string error_;
};

}  // namespace motcua::display
