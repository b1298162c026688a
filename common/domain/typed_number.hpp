// A ticket number as a person types it from a paper ticket ("1023", "a-015", "A15"), and
// which of today's tickets it names. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/office_state.hpp"

namespace motcua {

struct TypedNumber {
  std::string prefix;  // upper-case letters before the digits; none matches every service
  int value = 0;
  std::string text;    // prefix and digits without separators, e.g. "A015"
};

// Spaces, '-', '.' and '#' are dropped and letters upper-cased; nullopt unless what is left
// is letters (8 at most) then digits (1 to 9).
std::optional<TypedNumber> parse_typed_number(std::string_view typed);

// Whether a ticket shown as `display` with numeric value `value` is the one typed: the same
// value, and the same letters when letters were typed.
bool names_ticket(const TypedNumber& typed, std::string_view display, int value);

// Today's tickets the typed number names, in id order.
std::vector<const Ticket*> tickets_named(const OfficeState& state, const TypedNumber& typed);

}  // namespace motcua
