#include "client/server_address.hpp"

#include <charconv>

namespace motcua::client {

std::string ServerAddress::to_string() const { return host + ":" + std::to_string(port); }

std::optional<ServerAddress> parse_server_address(std::string_view text) {
  ServerAddress out;
  if (text.empty()) return std::nullopt;
  auto colon = text.rfind(':');
  std::string_view host = colon == std::string_view::npos ? text : text.substr(0, colon);
  if (colon != std::string_view::npos) {
    std::string_view port_text = text.substr(colon + 1);
    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (ec != std::errc{} || ptr != port_text.data() + port_text.size() || value == 0 || value > 65535) {
      return std::nullopt;
    }
    out.port = static_cast<std::uint16_t>(value);
  }
  if (!host.empty()) out.host = std::string(host);
  for (char c : out.host) {
    if (c == ' ' || c == '/' || c == '?' || c == '#') return std::nullopt;
  }
  return out;
}

std::string url_encode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace motcua::client
