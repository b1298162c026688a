// CSV export of report rows for Excel: UTF-8 with a BOM, a Vietnamese header, RFC 4180.
// Pure functions; thread-agnostic.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "stats/report.hpp"

namespace motcua::stats {

// One line per row of `report.rows`, then a "Tổng cộng" line for `report.total` (except
// for whole_office, whose single row is already the total). Records end with CRLF.
// Durations are in minutes and percentages in percent, both with exactly 2 decimals and a
// '.' decimal point whatever the locale; an undefined figure (no data) is an empty field.
// Counts are integers. Columns: report_table() (stats/report_table.hpp).
std::string report_to_csv(const Report& report);

// RFC 4180: a field with a comma, a double quote, CR or LF is quoted, and its quotes doubled.
std::string csv_field(std::string_view text);

// Fixed 2-decimal text of value × mul ÷ div, rounded half away from zero:
// (83.3333) → "83.33"; (1105.5, 1, 60) → "18.43" (1105.5 s in minutes). The scaling is done
// as value × 100 × mul ÷ div so exact halves stay exact. "" for nullopt.
std::string format_fixed2(double value, double mul = 1.0, double div = 1.0);
std::string format_fixed2(const std::optional<double>& value, double mul = 1.0, double div = 1.0);

}  // namespace motcua::stats
