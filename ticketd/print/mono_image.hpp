// A 1-bit picture (one byte per dot, 1 = black) as printed by a thermal head, plus file writers.
// Value type; safe to copy between threads. The writers do blocking file I/O.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/status.hpp"

namespace motcua::print {

class MonoImage {
 public:
  MonoImage() = default;
  MonoImage(int width, int height) : width_(width), height_(height), dots_(std::size_t(width) * height, 0) {}

  int width() const { return width_; }
  int height() const { return height_; }
  bool black(int x, int y) const { return dots_[std::size_t(y) * width_ + x] != 0; }
  void set(int x, int y, bool is_black) { dots_[std::size_t(y) * width_ + x] = is_black ? 1 : 0; }
  // Black dots outside the picture are dropped, so callers can draw without clipping.
  void set_clipped(int x, int y, bool is_black) {
    if (x >= 0 && y >= 0 && x < width_ && y < height_) set(x, y, is_black);
  }
  void fill_rect(int x, int y, int w, int h, bool is_black);
  // Copies `other`'s black dots with its top-left corner at (x, y).
  void blit(const MonoImage& other, int x, int y);
  // Adds `rows` white rows at the bottom.
  void extend(int rows);
  std::size_t count_black() const;

 private:
  int width_ = 0;
  int height_ = 0;
  std::vector<std::uint8_t> dots_;
};

// Binary PGM (P5), 8-bit grey: black dots are 0, white 255.
std::string to_pgm(const MonoImage& image);
// PNG, 8-bit greyscale, deflated with zlib.
std::string to_png(const MonoImage& image);
// Writes bytes to a file; unavailable("file_write_failed") on error.
Status write_file(const std::string& path, const std::string& bytes);

}  // namespace motcua::print
