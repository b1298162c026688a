#include "ticket_renderer.hpp"

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>

#include "qr_code.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

namespace motcua::print {

// Owns the TTF_Init reference (SDL_ttf counts them) and every opened size of the two faces.
struct TicketRenderer::FontCache {
  bool ttf_ready = false;
  std::map<std::pair<bool, int>, TTF_Font*> open;
  ~FontCache() {
    for (auto& [key, f] : open) TTF_CloseFont(f);
    if (ttf_ready) TTF_Quit();
  }
};

TicketRenderer::TicketRenderer(RenderOptions options)
    : options_(std::move(options)), fonts_(std::make_unique<FontCache>()) {}
TicketRenderer::TicketRenderer(TicketRenderer&&) noexcept = default;
TicketRenderer& TicketRenderer::operator=(TicketRenderer&&) noexcept = default;
TicketRenderer::~TicketRenderer() = default;

Result<TicketRenderer> TicketRenderer::open(RenderOptions options) {
  if (options.width_dots != 384 && options.width_dots != 576)
    return Status::invalid_argument("bad_print_width", "Khổ in phải là 384 hoặc 576 điểm");
  TicketRenderer renderer(std::move(options));
  // Only the font library: rendering to a surface needs no SDL_Init and no video driver.
  if (TTF_Init() != 0) return Status::unavailable("font_missing", std::string("TTF_Init: ") + TTF_GetError());
  renderer.fonts_->ttf_ready = true;
  for (bool bold : {false, true}) {
    if (!renderer.font(24, bold)) {
      const std::string& path = bold ? renderer.options_.bold_font : renderer.options_.regular_font;
      return Status::unavailable("font_missing", "Không mở được phông chữ " + path);
    }
  }
  return renderer;
}

TTF_Font* TicketRenderer::font(int font_px, bool bold) const {
  const auto key = std::make_pair(bold, font_px);
  if (auto it = fonts_->open.find(key); it != fonts_->open.end()) return it->second;
  TTF_Font* f = TTF_OpenFont((bold ? options_.bold_font : options_.regular_font).c_str(), font_px);
  if (f) fonts_->open.emplace(key, f);
  return f;
}

int TicketRenderer::text_width(const std::string& text, int font_px, bool bold) const {
  int w = 0, h = 0;
  TTF_Font* f = font(font_px, bold);
  if (!f || TTF_SizeUTF8(f, text.c_str(), &w, &h) != 0) return 0;
  return w;
}

int TicketRenderer::scaled(int px_at_384) const { return px_at_384 * options_.width_dots / 384; }

Result<MonoImage> TicketRenderer::render_text(const std::string& text, int font_px, bool bold) const {
  TTF_Font* f = font(font_px, bold);
  if (!f) return Status::unavailable("font_missing", "Không mở được phông chữ");
  if (text.empty()) return MonoImage(1, TTF_FontHeight(f));
  // Blended gives 8-bit coverage in alpha; a fixed threshold keeps diacritics whole
  // where Solid rendering would drop thin strokes.
  SDL_Surface* s = TTF_RenderUTF8_Blended(f, text.c_str(), SDL_Color{0, 0, 0, 255});
  if (!s) return Status::unavailable("render_failed", std::string("TTF_RenderUTF8_Blended: ") + TTF_GetError());
  MonoImage out(s->w, s->h);
  SDL_LockSurface(s);
  for (int y = 0; y < s->h; ++y) {
    const auto* row = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(s->pixels) + y * s->pitch);
    for (int x = 0; x < s->w; ++x) {
      Uint8 r, g, b, a;
      SDL_GetRGBA(row[x], s->format, &r, &g, &b, &a);
      out.set(x, y, a >= options_.threshold);
    }
  }
  SDL_UnlockSurface(s);
  SDL_FreeSurface(s);
  return out;
}

Result<MonoImage> TicketRenderer::render_wrapped(const std::string& text, int font_px, bool bold) const {
  const int avail = options_.width_dots - 2 * scaled(8);
  std::vector<std::string> lines;
  std::istringstream words(text);
  std::string word, line;
  while (words >> word) {
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && text_width(candidate, font_px, bold) > avail) {
      lines.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (!line.empty()) lines.push_back(line);
  MonoImage block(options_.width_dots, 0);
  for (const auto& l : lines) {
    auto rendered = render_text(l, font_px, bold);
    if (!rendered.is_ok()) return rendered.status();
    const MonoImage& img = rendered.value();
    const int top = block.height();
    block.extend(img.height());
    block.blit(img, std::max(0, (block.width() - img.width()) / 2), top);
  }
  return block;
}

int TicketRenderer::number_font_px(const std::string& number) const {
  const int avail = options_.width_dots - 2 * scaled(12);
  const int cap = options_.width_dots / 2;
  const int reference = 100;
  const int w = text_width(number, reference, true);
  int px = w > 0 ? std::min(cap, reference * avail / w) : cap;
  // Hinting makes width not quite linear in size; step down until it truly fits.
  while (px > 12 && text_width(number, px, true) > avail) --px;
  return px;
}

Result<MonoImage> TicketRenderer::render_qr(const std::string& url) const {
  auto qr = encode_qr(url);
  if (!qr.is_ok()) return Status::invalid_argument("bad_status_url", qr.status().message());
  const int modules = qr.value().size;
  const int quiet = kQrQuietModules;
  // Whole dots per module: a fractional scale would make uneven modules that scanners misread.
  int scale = std::max(1, (options_.width_dots * 45 / 100) / modules);
  while (scale > 1 && (modules + 2 * quiet) * scale > options_.width_dots) --scale;
  if (scale < 2) return Status::invalid_argument("bad_status_url", "Địa chỉ quá dài cho mã QR trên khổ giấy này");
  MonoImage img((modules + 2 * quiet) * scale, (modules + 2 * quiet) * scale);
  for (int y = 0; y < modules; ++y)
    for (int x = 0; x < modules; ++x)
      if (qr.value().is_dark(x, y)) img.fill_rect((x + quiet) * scale, (y + quiet) * scale, scale, scale, true);
  return img;
}

MonoImage trim_rows(const MonoImage& image) {
  int top = 0, bottom = image.height();
  auto blank = [&](int y) {
    for (int x = 0; x < image.width(); ++x)
      if (image.black(x, y)) return false;
    return true;
  };
  while (top < bottom && blank(top)) ++top;
  while (bottom > top && blank(bottom - 1)) --bottom;
  MonoImage out(image.width(), bottom - top);
  for (int y = top; y < bottom; ++y)
    for (int x = 0; x < image.width(); ++x) out.set(x, y - top, image.black(x, y));
  return out;
}

Result<MonoImage> TicketRenderer::render(const TicketPrintout& t) const {
  const int w = options_.width_dots;
  MonoImage canvas(w, 0);
  Status failed;
  // Stacks a block under the previous one, centred, after `gap` white rows.
  auto add = [&](Result<MonoImage> block, int gap) {
    if (!failed.is_ok()) return;
    if (!block.is_ok()) {
      failed = block.status();
      return;
    }
    const MonoImage& img = block.value();
    const int top = canvas.height() + gap;
    canvas.extend(gap + img.height());
    canvas.blit(img, std::max(0, (w - img.width()) / 2), top);
  };
  auto rule = [&](int gap) {
    const int top = canvas.height() + gap;
    canvas.extend(gap + 2);
    canvas.fill_rect(scaled(8), top, w - 2 * scaled(8), 2, true);
  };

  add(render_wrapped(t.office_name, scaled(22), true), scaled(8));
  rule(scaled(10));
  add(render_wrapped(t.service_name, scaled(26), true), scaled(10));
  add(render_wrapped("SỐ THỨ TỰ", scaled(20), false), scaled(10));
  auto number = render_text(t.number, number_font_px(t.number), true);
  if (number.is_ok()) number = trim_rows(number.value());
  add(std::move(number), scaled(14));
  if (!t.priority_group_name.empty())
    add(render_wrapped("ƯU TIÊN: " + t.priority_group_name, scaled(20), true), scaled(14));
  add(render_wrapped(t.issued_at, scaled(20), false), scaled(16));
  add(render_wrapped(people_ahead_line(t.people_ahead), scaled(20), false), scaled(6));
  add(render_wrapped(kEstimatedWaitLabel, scaled(20), false), scaled(6));
  add(render_wrapped(waiting_time_text(t), scaled(22), true), scaled(2));
  if (!t.status_url.empty()) {
    add(render_qr(t.status_url), scaled(4));  // the QR carries its own quiet zone
    add(render_wrapped("Quét mã để theo dõi lượt của ông/bà", scaled(17), false), 0);
  }
  rule(scaled(10));
  add(render_wrapped(t.footer, scaled(24), true), scaled(10));
  if (!failed.is_ok()) return failed;
  canvas.extend(scaled(16));
  return canvas;
}

}  // namespace motcua::print
