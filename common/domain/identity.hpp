// Citizen identity captured at the kiosk: the chip ID card (CCCD) QR text or a phone
// number. Pure validation; any thread.
#pragma once

#include <string>
#include <string_view>

#include "domain/status.hpp"

namespace motcua {

struct CitizenIdentity {
  std::string id_number;   // 12 digits
  std::string old_id;      // 9 digits or empty
  std::string full_name;
  std::string birth_date;  // ddmmyyyy as on the card
  std::string sex;
  std::string address;
  std::string issue_date;  // ddmmyyyy
  std::string phone;       // digits only, national form (0…)
  bool empty() const { return id_number.empty() && phone.empty(); }
};

// Parses the `|`-separated CCCD QR text: ID number, old ID, full name, date of birth,
// sex, address, issue date.
Result<CitizenIdentity> parse_cccd_qr(std::string_view text);
// Accepts 9–11 digits, optionally "+84" instead of the leading 0; spaces, dots and dashes
// are ignored. Returns the national form.
Result<std::string> normalize_phone(std::string_view text);

}  // namespace motcua
