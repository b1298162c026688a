#include "printer_address.hpp"

#include <cctype>
#include <charconv>

namespace motcua::print {

std::string PrinterAddress::to_string() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Result<PrinterAddress> parse_printer_address(std::string_view text) {
  const auto bad = [&] {
    return Status::invalid_argument("bad_printer_address",
                                    "Địa chỉ máy in không hợp lệ: \"" + std::string(text) + "\"");
  };
  PrinterAddress out;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return bad();
    out.host = std::string(text.substr(1, close - 1));
    const auto rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return bad();
      port_text = rest.substr(1);
      if (port_text.empty()) return bad();
    }
  } else {
    const auto colon = text.find(':');
    if (colon != std::string_view::npos && text.find(':', colon + 1) != std::string_view::npos) return bad();
    out.host = std::string(text.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = text.substr(colon + 1);
      if (port_text.empty()) return bad();
    }
  }
  if (out.host.empty()) return bad();
  for (char c : out.host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '_')) return bad();
  if (!port_text.empty()) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || value == 0 || value > 65535) return bad();
    out.port = static_cast<std::uint16_t>(value);
  }
  return out;
}

}  // namespace motcua::print
