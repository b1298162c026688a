// Draws a TicketPrintout as a 1-bit raster for a thermal head, with SDL2_ttf and libqrencode.
// Not thread-safe (it caches open fonts): one renderer per thread. Needs no video driver.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>

#include "domain/status.hpp"
#include "mono_image.hpp"
#include "ticket_printout.hpp"

typedef struct _TTF_Font TTF_Font;

namespace motcua::print {

struct RenderOptions {
  int width_dots = 576;  // 576 for 80 mm paper, 384 for 58 mm paper (203 dpi heads)
  std::string regular_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::string bold_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
  int threshold = 128;  // glyph coverage (0..255) at or above which a dot is black
};

class TicketRenderer {
 public:
  // invalid_argument("bad_print_width") unless width is 384 or 576;
  // unavailable("font_missing") when a font cannot be opened.
  static Result<TicketRenderer> open(RenderOptions options);

  TicketRenderer(TicketRenderer&&) noexcept;
  TicketRenderer& operator=(TicketRenderer&&) noexcept;
  ~TicketRenderer();

  int width() const { return options_.width_dots; }

  // The whole ticket, exactly width() dots wide, white margins included.
  Result<MonoImage> render(const TicketPrintout& ticket) const;

  // One line of text, as wide as its glyphs, thresholded like the ticket.
  Result<MonoImage> render_text(const std::string& text, int font_px, bool bold) const;

  // The pixel size the big number is drawn at: as large as fits the paper width.
  int number_font_px(const std::string& number) const;

 private:
  struct FontCache;
  explicit TicketRenderer(RenderOptions options);
  TTF_Font* font(int font_px, bool bold) const;
  int text_width(const std::string& text, int font_px, bool bold) const;
  Result<MonoImage> render_wrapped(const std::string& text, int font_px, bool bold) const;
  Result<MonoImage> render_qr(const std::string& url) const;
  int scaled(int px_at_384) const;

  RenderOptions options_;
  std::unique_ptr<FontCache> fonts_;
};

// Drops white rows above and below the ink (used to set the big number tightly).
MonoImage trim_rows(const MonoImage& image);

}  // namespace motcua::print
