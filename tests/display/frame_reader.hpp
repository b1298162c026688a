// Reading the display's PNG frames back for end-to-end tests: pixels, crops, and OCR of a
// region with tesseract's Vietnamese data. Plain functions; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "layout.hpp"

namespace motcua::display::testing {

struct Frame {
  int w = 0, h = 0;
  std::vector<std::uint8_t> rgb;  // row-major RGB
  // How many pixels of `b` lie within `tolerance` of (r, g, b) on each channel.
  int count(Box b, int r, int g, int bl, int tolerance = 30) const;
};

std::optional<Frame> read_png_file(const std::string& path);

// Crops `b`, turns it into dark text on white at twice the size (what tesseract reads
// best), and returns what `tesseract -l vie --psm 7` reads; empty on any failure.
// `scratch` is a folder for the crop. Bounded by `timeout 60`.
std::string ocr_line(const Frame& frame, Box b, const std::string& scratch);

// Keeps digits only ("Số 3001." -> "3001").
std::string digits_of(const std::string& text);

}  // namespace motcua::display::testing
