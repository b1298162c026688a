#include "frame_reader.hpp"

#include <png.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "png_writer.hpp"

namespace motcua::display::testing {

int Frame::count(Box b, int r, int g, int bl, int tolerance) const {
  int n = 0;
  for (int y = std::max(0, b.y); y < std::min(h, b.y + b.h); ++y)
    for (int x = std::max(0, b.x); x < std::min(w, b.x + b.w); ++x) {
      const std::size_t i = (static_cast<std::size_t>(y) * w + x) * 3;
      if (std::abs(rgb[i] - r) <= tolerance && std::abs(rgb[i + 1] - g) <= tolerance &&
          std::abs(rgb[i + 2] - bl) <= tolerance)
        ++n;
    }
  return n;
}

std::optional<Frame> read_png_file(const std::string& path) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str())) return std::nullopt;
  image.format = PNG_FORMAT_RGB;
  Frame f;
  f.w = static_cast<int>(image.width);
  f.h = static_cast<int>(image.height);
  f.rgb.resize(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, f.rgb.data(), 0, nullptr)) {
    png_image_free(&image);
    return std::nullopt;
  }
  return f;
}

std::string ocr_line(const Frame& frame, Box b, const std::string& scratch) {
  b.x = std::max(0, b.x);
  b.y = std::max(0, b.y);
  b.w = std::min(b.w, frame.w - b.x);
  b.h = std::min(b.h, frame.h - b.y);
  if (b.w <= 0 || b.h <= 0) return {};
  // Grey levels, then flip so the text is dark whatever the board's colours are: the
  // background is the most common level, the text the rest.
  std::vector<int> grey(static_cast<std::size_t>(b.w) * b.h);
  std::array<int, 256> histogram{};
  for (int y = 0; y < b.h; ++y)
    for (int x = 0; x < b.w; ++x) {
      const std::size_t i = (static_cast<std::size_t>(b.y + y) * frame.w + b.x + x) * 3;
      const int v = (frame.rgb[i] * 30 + frame.rgb[i + 1] * 59 + frame.rgb[i + 2] * 11) / 100;
      grey[static_cast<std::size_t>(y) * b.w + x] = v;
      ++histogram[v];
    }
  const int background = static_cast<int>(std::max_element(histogram.begin(), histogram.end()) - histogram.begin());
  const int scale = 2, pad = 20;
  const int ow = b.w * scale + 2 * pad, oh = b.h * scale + 2 * pad;
  std::vector<std::uint8_t> out(static_cast<std::size_t>(ow) * oh * 3, 255);
  for (int y = 0; y < b.h * scale; ++y)
    for (int x = 0; x < b.w * scale; ++x) {
      const int v = grey[static_cast<std::size_t>(y / scale) * b.w + x / scale];
      const int distance = std::min(255, std::abs(v - background) * 2);
      const auto ink = static_cast<std::uint8_t>(255 - distance);
      const std::size_t o = (static_cast<std::size_t>(y + pad) * ow + x + pad) * 3;
      out[o] = out[o + 1] = out[o + 2] = ink;
    }
  std::filesystem::create_directories(scratch);
  const std::string crop = (std::filesystem::path(scratch) / "ocr-crop.png").string();
  std::string error;
  if (!write_png(crop, out, ow, oh, error)) return {};
  const std::string cmd = "timeout 60 tesseract '" + crop + "' stdout -l vie --psm 7 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return {};
  std::string text;
  char buf[256];
  while (std::fgets(buf, sizeof buf, p)) text += buf;
  ::pclose(p);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  return text;
}

std::string digits_of(const std::string& text) {
  std::string d;
  for (char c : text)
    if (c >= '0' && c <= '9') d += c;
  return d;
}

}  // namespace motcua::display::testing
