#include "escpos.hpp"

#include <algorithm>

namespace motcua::print {

std::string encode_escpos(const MonoImage& image, const EscPosOptions& options) {
  const int width_bytes = (image.width() + 7) / 8;
  const int band_rows = std::clamp(options.band_rows, 1, 2303);  // GS v 0 allows yL + yH*256 ≤ 2303 on many models
  std::string out;
  out.reserve(16 + std::size_t(width_bytes) * image.height() + 8 * (image.height() / band_rows + 1));
  out += "\x1b\x40";  // ESC @: reset, so a previous job's modes cannot leak into this one
  for (int top = 0; top < image.height(); top += band_rows) {
    const int rows = std::min(band_rows, image.height() - top);
    out += "\x1d\x76\x30";  // GS v 0
    out.push_back('\0');    // m = 0: normal density
    out.push_back(char(width_bytes & 0xff));
    out.push_back(char(width_bytes >> 8));
    out.push_back(char(rows & 0xff));
    out.push_back(char(rows >> 8));
    for (int y = top; y < top + rows; ++y) {
      for (int xb = 0; xb < width_bytes; ++xb) {
        unsigned char byte = 0;
        for (int bit = 0; bit < 8; ++bit) {
          const int x = xb * 8 + bit;
          if (x < image.width() && image.black(x, y)) byte |= static_cast<unsigned char>(0x80 >> bit);
        }
        out.push_back(static_cast<char>(byte));
      }
    }
  }
  if (options.feed_lines > 0) {
    out += "\x1b\x64";  // ESC d n: print and feed n lines
    out.push_back(char(std::min(options.feed_lines, 255)));
  }
  switch (options.cut) {
    case CutMode::feed_and_partial_cut:
      out += std::string("\x1d\x56\x42\x00", 4);
      break;
    case CutMode::full_cut:
      out += std::string("\x1d\x56\x00", 3);
      break;
    case CutMode::none:
      break;
  }
  return out;
}

PaperStatus paper_status_from_byte(unsigned char status) {
  if (status & 0x60) return PaperStatus::out;
  if (status & 0x0c) return PaperStatus::near_end;
  return PaperStatus::ok;
}

}  // namespace motcua::print
