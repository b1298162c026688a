#include "mono_image.hpp"

#include <zlib.h>

#include <algorithm>
#include <fstream>

namespace motcua::print {

void MonoImage::fill_rect(int x, int y, int w, int h, bool is_black) {
  for (int yy = std::max(0, y); yy < std::min(height_, y + h); ++yy)
    for (int xx = std::max(0, x); xx < std::min(width_, x + w); ++xx) set(xx, yy, is_black);
}

void MonoImage::blit(const MonoImage& other, int x, int y) {
  for (int yy = 0; yy < other.height(); ++yy)
    for (int xx = 0; xx < other.width(); ++xx)
      if (other.black(xx, yy)) set_clipped(x + xx, y + yy, true);
}

void MonoImage::extend(int rows) {
  if (rows <= 0) return;
  height_ += rows;
  dots_.resize(std::size_t(width_) * height_, 0);
}

std::size_t MonoImage::count_black() const {
  return static_cast<std::size_t>(std::count(dots_.begin(), dots_.end(), std::uint8_t{1}));
}

std::string to_pgm(const MonoImage& image) {
  std::string out = "P5\n" + std::to_string(image.width()) + " " + std::to_string(image.height()) + "\n255\n";
  out.reserve(out.size() + std::size_t(image.width()) * image.height());
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) out.push_back(image.black(x, y) ? '\0' : '\xff');
  return out;
}

namespace {

void put_u32(std::string& out, std::uint32_t v) {
  out.push_back(char(v >> 24));
  out.push_back(char(v >> 16));
  out.push_back(char(v >> 8));
  out.push_back(char(v));
}

void put_chunk(std::string& out, const char* type, const std::string& data) {
  put_u32(out, static_cast<std::uint32_t>(data.size()));
  const std::string body = std::string(type, 4) + data;
  out += body;
  put_u32(out, static_cast<std::uint32_t>(
                   crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
}

}  // namespace

std::string to_png(const MonoImage& image) {
  // Each row starts with filter byte 0 (none); a 1-bit ticket compresses well anyway.
  std::string raw;
  raw.reserve(std::size_t(image.width() + 1) * image.height());
  for (int y = 0; y < image.height(); ++y) {
    raw.push_back('\0');
    for (int x = 0; x < image.width(); ++x) raw.push_back(image.black(x, y) ? '\0' : '\xff');
  }
  uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
  std::string packed(packed_size, '\0');
  compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size, reinterpret_cast<const Bytef*>(raw.data()),
            static_cast<uLong>(raw.size()), 9);
  packed.resize(packed_size);

  std::string out = "\x89PNG\r\n\x1a\n";
  std::string header;
  put_u32(header, static_cast<std::uint32_t>(image.width()));
  put_u32(header, static_cast<std::uint32_t>(image.height()));
  header += std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit, greyscale, deflate, filter 0, no interlace
  put_chunk(out, "IHDR", header);
  put_chunk(out, "IDAT", packed);
  put_chunk(out, "IEND", "");
  return out;
}

Status write_file(const std::string& path, const std::string& bytes) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (file) file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!file) return Status::unavailable("file_write_failed", "Không ghi được tệp " + path);
  return Status::ok();
}

}  // namespace motcua::print
