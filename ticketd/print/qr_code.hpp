// A QR code's modules (libqrencode, error correction M), and the same code as SVG for a
// screen: the kiosk shows it when the printer fails, so the citizen can still follow the
// ticket on a phone.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/status.hpp"

namespace motcua::print {

struct QrCode {
  int size = 0;                     // modules per side, without the quiet zone
  std::vector<std::uint8_t> dark;   // size × size, row by row: 1 = dark

  bool is_dark(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)] != 0; }
};

// The QR quiet zone the standard asks for, in modules.
inline constexpr int kQrQuietModules = 4;

// invalid_argument("bad_qr_text") when libqrencode cannot encode `text`.
Result<QrCode> encode_qr(const std::string& text);

// One square per module unit in a viewBox of (size + 2 quiet zones) units, white
// background, a single path of dark modules; scales to any size without blur.
std::string qr_svg(const QrCode& qr);

}  // namespace motcua::print
