// Where a network ESC/POS printer listens: "host" or "host:port" (raw TCP, 9100 by default).
// Value type and a pure parser; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/status.hpp"

namespace motcua::print {

struct PrinterAddress {
  std::string host;
  std::uint16_t port = 9100;
  std::string to_string() const;
};

// Accepts "10.0.0.5", "10.0.0.5:9100", "printer.local:9100", "[::1]:9100".
// invalid_argument("bad_printer_address") otherwise.
Result<PrinterAddress> parse_printer_address(std::string_view text);

}  // namespace motcua::print
