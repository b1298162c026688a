#include "text_painter.hpp"

#include <algorithm>
#include <sstream>

namespace motcua::display {
namespace {
Uint32 pack(SDL_Color c) { return (Uint32(c.r) << 24) | (Uint32(c.g) << 16) | (Uint32(c.b) << 8) | c.a; }
// Font sizes are rounded so a slowly changing box does not fill the cache with near twins.
int quantise(int px) { return px < 24 ? std::max(8, px) : px - px % 4; }
}  // namespace

TextPainter::TextPainter(SDL_Renderer* renderer, std::string regular_font, std::string bold_font)
    : renderer_(renderer), regular_path_(std::move(regular_font)), bold_path_(std::move(bold_font)) {
  if (!TTF_WasInit() && TTF_Init() != 0) {
    ok_ = false;
    error_ = TTF_GetError();
    return;
  }
  if (!font(20, false) || !font(20, true)) ok_ = false;
}

TextPainter::~TextPainter() {
  clear_cache();
  for (auto& [key, f] : fonts_)
    if (f) TTF_CloseFont(f);
}

void TextPainter::clear_cache() {
  for (auto& [key, c] : cache_) SDL_DestroyTexture(c.texture);
  cache_.clear();
}

TTF_Font* TextPainter::font(int px, bool bold) {
  const auto key = std::make_pair(px, bold);
  if (auto it = fonts_.find(key); it != fonts_.end()) return it->second;
  TTF_Font* f = TTF_OpenFont((bold ? bold_path_ : regular_path_).c_str(), px);
  if (!f) error_ = std::string("Không mở được phông chữ: ") + TTF_GetError();
  else TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
  fonts_[key] = f;
  return f;
}

int TextPainter::text_width(const std::string& text, int px, bool bold) {
  TTF_Font* f = font(px, bold);
  int w = 0, h = 0;
  if (!f || TTF_SizeUTF8(f, text.c_str(), &w, &h) != 0) return 0;
  return w;
}

SDL_Texture* TextPainter::texture(const std::string& text, int px, bool bold, SDL_Color color, int& w, int& h) {
  w = h = 0;
  if (text.empty()) return nullptr;
  const auto key = std::make_tuple(text, px, bold, pack(color));
  if (auto it = cache_.find(key); it != cache_.end()) {
    w = it->second.w;
    h = it->second.h;
    return it->second.texture;
  }
  // The cache only holds what recent frames drew; a busy day's numbers would otherwise pile up.
  if (cache_.size() > 600) clear_cache();
  TTF_Font* f = font(px, bold);
  if (!f) return nullptr;
  SDL_Surface* s = TTF_RenderUTF8_Blended(f, text.c_str(), color);
  if (!s) return nullptr;
  SDL_Texture* t = SDL_CreateTextureFromSurface(renderer_, s);
  w = s->w;
  h = s->h;
  SDL_FreeSurface(s);
  if (t) cache_[key] = Cached{t, w, h};
  return t;
}

int TextPainter::fit_px(const std::vector<std::string>& texts, int w, int h, bool bold) {
  int px = quantise(std::max(8, h * 80 / 100));
  for (const std::string& t : texts) {
    const int width = text_width(t, px, bold);
    if (width > w && width > 0) px = quantise(std::max(8, px * w / width));
    while (px > 8 && text_width(t, px, bold) > w) px = quantise(px - 2);
  }
  return px;
}

int TextPainter::draw(const std::string& text, Box box, const TextStyle& style) {
  if (text.empty() || box.w <= 0 || box.h <= 0) return 0;
  // DejaVu's line height is ~1.17 em; leave room for the stacked Vietnamese diacritics.
  int px = quantise(std::max(8, box.h * 80 / 100));
  if (style.max_px > 0) px = std::min(px, quantise(style.max_px));
  int width = text_width(text, px, style.bold);
  if (width > box.w) {
    px = quantise(std::max(8, px * box.w / width));
    while (px > 8 && text_width(text, px, style.bold) > box.w) px = quantise(px - 2);
  }
  int w = 0, h = 0;
  SDL_Texture* t = texture(text, px, style.bold, style.color, w, h);
  if (!t) return 0;
  SDL_Rect dst{box.x, box.y + (box.h - h) / 2, w, h};
  if (style.align == Align::center) dst.x = box.x + (box.w - w) / 2;
  if (style.align == Align::right) dst.x = box.x + box.w - w;
  SDL_RenderCopy(renderer_, t, nullptr, &dst);
  return w;
}

std::vector<std::string> TextPainter::wrap(const std::string& text, int px, bool bold, int w, int max_lines) {
  std::vector<std::string> lines;
  std::istringstream words(text);
  std::string line;
  for (std::string word; words >> word;) {
    const std::string longer = line.empty() ? word : line + " " + word;
    if (text_width(longer, px, bold) <= w) {
      line = longer;
      continue;
    }
    if (line.empty()) return {};  // one word is wider than the box at this size
    lines.push_back(line);
    if (static_cast<int>(lines.size()) >= max_lines) return {};
    line = word;
    if (text_width(line, px, bold) > w) return {};
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

void TextPainter::draw_wrapped(const std::string& text, Box box, const TextStyle& style, int max_lines) {
  if (text.empty() || box.w <= 0 || box.h <= 0) return;
  // The largest size at which the text fits in some number of lines up to max_lines.
  int best_px = 0;
  std::vector<std::string> best;
  for (int n = 1; n <= std::max(1, max_lines); ++n) {
    int px = quantise(std::max(8, box.h / n * 80 / 100));
    if (style.max_px > 0) px = std::min(px, quantise(style.max_px));
    if (px <= best_px) break;  // more lines only allow smaller letters from here on
    for (; px > best_px; px = quantise(px - 2)) {
      TTF_Font* f = font(px, style.bold);
      if (!f) return;
      auto lines = wrap(text, px, style.bold, box.w, n);
      if (!lines.empty() && static_cast<int>(lines.size()) * TTF_FontLineSkip(f) <= box.h) {
        best_px = px;
        best = std::move(lines);
        break;
      }
      if (px <= 8) break;
    }
  }
  if (best.size() <= 1) {
    draw(text, box, style);  // one line, or too long even wrapped: the single-line shrink
    return;
  }
  const int skip = TTF_FontLineSkip(font(best_px, style.bold));
  int y = box.y + (box.h - static_cast<int>(best.size()) * skip) / 2;
  for (const std::string& line : best) {
    int w = 0, h = 0;
    SDL_Texture* t = texture(line, best_px, style.bold, style.color, w, h);
    if (!t) return;
    SDL_Rect dst{box.x, y, w, h};
    if (style.align == Align::center) dst.x = box.x + (box.w - w) / 2;
    if (style.align == Align::right) dst.x = box.x + box.w - w;
    SDL_RenderCopy(renderer_, t, nullptr, &dst);
    y += skip;
  }
}

}  // namespace motcua::display
