// Test support: a small office TOML with printers on chosen loopback ports, for DaemonProcess.
// Plain functions; call from the test thread.
#pragma once

#include <cstdint>
#include <string>

#include "daemon_process.hpp"
#include "escpos_decoder.hpp"

namespace motcua::kiosk_testing {

inline constexpr const char* kKioskKey = "test-kiosk-key-1";         // printer at printer_port
inline constexpr const char* kDeadPrinterKioskKey = "test-kiosk-key-2";  // printer at dead_port
inline constexpr const char* kPlainKioskKey = "test-kiosk-key-3";    // no printer
inline constexpr const char* kDisplayKey = "test-display-key-1";

// Services: ho-tich (1001–), chung-thuc (2001–), dat-dai (3001–, closed now: its opening hours
// exclude the current local time), tra-ket-qua (6001–, daily_cap = 1). Counter 1 serves
// ho-tich and chung-thuc; officer canbo1 / demo1234.
std::string office_toml(std::uint16_t printer_port, std::uint16_t dead_port);

// DaemonProcess options for that config.
inline motcua::testing::DaemonOptions daemon_options(const std::string& config_path) {
  motcua::testing::DaemonOptions o;
  o.config_path = config_path;
  return o;
}

// Writes `text` to `path`; false on failure.
bool write_text(const std::string& path, const std::string& text);

// A loopback port nobody listens on (bound, then closed), for a printer that is down.
std::uint16_t unused_port();

// What a printer received from ticketd: the paper-sensor query (DLE EOT 4) first, then the job.
Result<print::testing::DecodedJob> decode_printed(const std::string& bytes);

}  // namespace motcua::kiosk_testing
