#include "domain/typed_number.hpp"

#include <cctype>

namespace motcua {

std::optional<TypedNumber> parse_typed_number(std::string_view typed) {
  TypedNumber n;
  std::string digits;
  for (char ch : typed) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == ' ' || ch == '-' || ch == '.' || ch == '#') continue;
    if (std::isalpha(c) && digits.empty()) n.prefix += static_cast<char>(std::toupper(c));
    else if (std::isdigit(c)) digits += ch;
    else return std::nullopt;
  }
  if (digits.empty() || digits.size() > 9 || n.prefix.size() > 8) return std::nullopt;
  n.value = std::stoi(digits);
  n.text = n.prefix + digits;
  return n;
}

bool names_ticket(const TypedNumber& typed, std::string_view display, int value) {
  if (value != typed.value) return false;
  if (typed.prefix.empty()) return true;
  std::size_t letters = 0;
  while (letters < display.size() && std::isalpha(static_cast<unsigned char>(display[letters]))) ++letters;
  return display.substr(0, letters) == typed.prefix;
}

std::vector<const Ticket*> tickets_named(const OfficeState& state, const TypedNumber& typed) {
  std::vector<const Ticket*> out;
  for (const auto& [id, t] : state.tickets)
    if (names_ticket(typed, t.display, t.number)) out.push_back(&t);
  return out;
}

}  // namespace motcua
