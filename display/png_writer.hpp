// Writes RGB frames as PNG files (libpng), for --frames-dir, --screenshot and the tests.
// Stateless functions; call from any one thread at a time per file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace motcua::display {

// `rgb` holds w*h*3 bytes, row-major. Writes to a temporary file and renames it, so a
// reader never sees half a frame. Returns false with `error` set on failure.
bool write_png(const std::string& path, const std::vector<std::uint8_t>& rgb, int w, int h, std::string& error);

}  // namespace motcua::display
