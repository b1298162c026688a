// A report as a table of typed cells, the one place that says which columns a report has.
// The CSV and the Excel workbook are both drawn from it, so they cannot disagree: the CSV
// writes each cell as text, the workbook as a number with a format (minutes, percent,
// a date), so Excel in any regional setting reads it as a number. Pure; thread-agnostic.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stats/report.hpp"

namespace motcua::stats {

enum class CellKind {
  text,        // `text`
  count,       // `number`, an integer
  minutes,     // `number` in seconds, shown in minutes with 2 decimals
  percent,     // `number` as a fraction 0..1, shown in percent with 2 decimals
  local_time,  // `number` = local seconds since 1970-01-01 00:00 (UTC + the office's offset)
  day,         // `number` = a service day (local days since 1970-01-01)
};

// An empty cell has no `number` (a figure with no data, e.g. a rate over nothing).
struct Cell {
  CellKind kind = CellKind::text;
  std::string text;
  std::optional<double> number;

  static Cell of_text(std::string t) { return {CellKind::text, std::move(t), std::nullopt}; }
  static Cell of(CellKind kind, std::optional<double> n) { return {kind, {}, n}; }
  bool operator==(const Cell&) const = default;
};

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
  bool last_row_is_total = false;  // a "Tổng cộng" line, shown in bold in the workbook
};

// The report's rows, then a "Tổng cộng" row (except for whole_office, whose one row is the
// total). Columns: see docs/API.md, /api/reports CSV.
Table report_table(const Report& report);
// Tickets issued and called in each local hour (0–23).
Table hourly_table(const Report& report);
// Waits of called tickets by kHistogramBuckets.
Table wait_histogram_table(const Report& report);

// "theo lĩnh vực", "theo quầy", "theo cán bộ", "toàn đơn vị", to follow "Báo cáo …".
std::string grouping_title(Grouping grouping);

// A cell as the CSV writes it: counts as integers, minutes and percent with exactly 2
// decimals and a '.' point, times "YYYY-MM-DD HH:MM:SS", days "YYYY-MM-DD", "" for none.
std::string cell_text(const Cell& cell);
// One CSV record of `cells` (RFC 4180 quoting), ending in CRLF, appended to `out`.
void append_csv_record(std::string& out, const std::vector<Cell>& cells);
void append_csv_header(std::string& out, const std::vector<std::string>& headers);
// UTF-8 BOM, the header record, then the rows.
std::string table_to_csv(const Table& table);

}  // namespace motcua::stats
