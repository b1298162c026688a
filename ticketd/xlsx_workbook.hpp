// An Excel workbook (.xlsx) of report tables, written with libxlsxwriter. CSV is text, and
// Excel reads a CSV by the PC's regional settings: with Vietnamese ones (list separator
// ';', decimal ',') each line lands in one column and "18.43" becomes text or a date. A
// workbook holds real numbers with their formats (minutes, percent, dates), so it opens
// the same everywhere. Rows are written in order and flushed as they go (libxlsxwriter's
// constant_memory mode), so a year of tickets does not sit in memory twice.
//
// Not thread-safe; one workbook per report job.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "domain/status.hpp"
#include "stats/report_table.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace motcua {

class XlsxWorkbook {
 public:
  // Excel's limit is 1,048,576 rows a sheet; the title and header take some.
  static constexpr int kMaxDataRows = 1'048'000;

  // A workbook in a temporary file of its own (under $TMPDIR or /tmp).
  static Result<std::unique_ptr<XlsxWorkbook>> create();
  ~XlsxWorkbook();  // closes and removes the temporary file
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

  // Starts a sheet: `title_lines` above (the first one large and bold), then `headers` in a
  // bold, wrapped row that stays in view when scrolling. `name` ≤ 31 characters.
  void begin_sheet(const std::string& name, const std::vector<std::string>& title_lines,
                   const std::vector<std::string>& headers);
  // One row of the current sheet. False once the sheet is full (kMaxDataRows).
  bool add_row(const std::vector<stats::Cell>& cells, bool bold = false);
  // A whole table as one sheet.
  void add_table(const std::string& name, const std::vector<std::string>& title_lines, const stats::Table& table);

  // Closes the workbook and returns the file's bytes. Call once.
  Result<std::string> finish();

 private:
  struct Formats;
  XlsxWorkbook(std::string path, lxw_workbook* book);
  lxw_format* format_for(const stats::Cell& cell, bool bold) const;

  std::string path_;
  lxw_workbook* book_ = nullptr;
  std::unique_ptr<Formats> formats_;
  lxw_worksheet* sheet_ = nullptr;
  int next_row_ = 0;
  int data_rows_ = 0;
  std::string first_error_;
};

// "24/11/2026", the way Vietnamese paperwork writes a date, from "2026-11-24".
std::string vietnamese_date(const std::string& iso);

}  // namespace motcua
