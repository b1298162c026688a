#include "qr_code.hpp"

#include <qrencode.h>

namespace motcua::print {

Result<QrCode> encode_qr(const std::string& text) {
  QRcode* raw = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!raw) return Status::invalid_argument("bad_qr_text", "Không tạo được mã QR cho địa chỉ");
  QrCode qr;
  qr.size = raw->width;
  qr.dark.resize(static_cast<std::size_t>(qr.size) * static_cast<std::size_t>(qr.size));
  // libqrencode's bit 0 is "dark"; the other bits describe what the module is for.
  for (std::size_t i = 0; i < qr.dark.size(); ++i) qr.dark[i] = raw->data[i] & 1;
  QRcode_free(raw);
  return qr;
}

std::string qr_svg(const QrCode& qr) {
  const int side = qr.size + 2 * kQrQuietModules;
  std::string out;
  out.reserve(static_cast<std::size_t>(qr.size) * static_cast<std::size_t>(qr.size) * 7 + 300);
  out += R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 )" + std::to_string(side) + " " +
         std::to_string(side) + R"(" shape-rendering="crispEdges">)";
  out += R"(<rect width="100%" height="100%" fill="#fff"/><path fill="#000" d=")";
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size; ++x)
      if (qr.is_dark(x, y))
        out += "M" + std::to_string(x + kQrQuietModules) + " " + std::to_string(y + kQrQuietModules) + "h1v1h-1z";
  out += R"("/></svg>)";
  return out;
}

}  // namespace motcua::print
