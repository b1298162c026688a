#include "escpos_decoder.hpp"

namespace motcua::print::testing {

Result<DecodedJob> decode_escpos(const std::string& job) {
  DecodedJob out;
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(job[i]); };
  auto bad = [](std::string what) { return Status::invalid_argument("bad_escpos", std::move(what)); };
  int width_bytes = -1;
  std::size_t i = 0;
  while (i < job.size()) {
    const std::size_t left = job.size() - i;
    out.ends_with_cut = false;
    if (left >= 2 && byte(i) == 0x1b && byte(i + 1) == 0x40) {
      if (i == 0) out.starts_with_reset = true;
      ++out.resets;
      i += 2;
    } else if (left >= 3 && byte(i) == 0x1b && byte(i + 1) == 0x64) {
      out.feed_lines += byte(i + 2);
      i += 3;
    } else if (left >= 8 && byte(i) == 0x1d && byte(i + 1) == 0x76 && byte(i + 2) == 0x30) {
      if (byte(i + 3) != 0 && byte(i + 3) != 48) return bad("GS v 0 with m != 0");
      const int xbytes = byte(i + 4) | (byte(i + 5) << 8);
      const int rows = byte(i + 6) | (byte(i + 7) << 8);
      if (xbytes == 0 || rows == 0) return bad("GS v 0 with an empty size");
      if (width_bytes >= 0 && xbytes != width_bytes) return bad("bands of different widths");
      width_bytes = xbytes;
      const std::size_t data = std::size_t(xbytes) * rows;
      if (left < 8 + data) return bad("GS v 0 data cut short");
      const int top = out.image.height();
      if (out.bands == 0) out.image = print::MonoImage(xbytes * 8, 0);
      out.image.extend(rows);
      const std::size_t base = i + 8;
      for (int y = 0; y < rows; ++y)
        for (int x = 0; x < xbytes * 8; ++x)
          if (byte(base + std::size_t(y) * xbytes + x / 8) & (0x80 >> (x % 8))) out.image.set(x, top + y, true);
      ++out.bands;
      i = base + data;
    } else if (left >= 4 && byte(i) == 0x1d && byte(i + 1) == 0x56 && (byte(i + 2) == 65 || byte(i + 2) == 66)) {
      out.cut = "partial_after_feed";
      out.ends_with_cut = true;
      i += 4;
    } else if (left >= 3 && byte(i) == 0x1d && byte(i + 1) == 0x56 &&
               (byte(i + 2) == 0 || byte(i + 2) == 48 || byte(i + 2) == 1 || byte(i + 2) == 49)) {
      out.cut = (byte(i + 2) == 0 || byte(i + 2) == 48) ? "full" : "partial";
      out.ends_with_cut = true;
      i += 3;
    } else {
      return bad("unknown command at byte " + std::to_string(i));
    }
  }
  return out;
}

}  // namespace motcua::print::testing
