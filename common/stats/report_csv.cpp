#include "stats/report_csv.hpp"

#include <cmath>
#include <cstdint>

#include "stats/report_table.hpp"

namespace motcua::stats {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string format_fixed2(double value, double mul, double div) {
  // Integer arithmetic: snprintf("%.2f") would follow LC_NUMERIC and round the binary value.
  const bool negative = value < 0;
  const auto cents = static_cast<std::int64_t>(std::llround(std::fabs(value) * 100.0 * mul / div));
  std::string out = negative && cents != 0 ? "-" : "";
  out += std::to_string(cents / 100);
  out += '.';
  out += static_cast<char>('0' + (cents % 100) / 10);
  out += static_cast<char>('0' + cents % 10);
  return out;
}

std::string format_fixed2(const std::optional<double>& value, double mul, double div) {
  return value ? format_fixed2(*value, mul, div) : std::string{};
}

std::string report_to_csv(const Report& report) { return table_to_csv(report_table(report)); }

}  // namespace motcua::stats
