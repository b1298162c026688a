#include "xlsx_workbook.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <xlsxwriter.h>

namespace motcua {

// Excel counts days from 1899-12-30; 1970-01-01 is day 25569.
constexpr double kExcelEpochOffsetDays = 25569.0;

struct XlsxWorkbook::Formats {
  lxw_format* title = nullptr;
  lxw_format* subtitle = nullptr;
  lxw_format* header = nullptr;
  // By stats::CellKind, then plain (index 0) and bold (index 1).
  lxw_format* by_kind[6][2] = {};
};

namespace {

lxw_format* make_format(lxw_workbook* book, const char* num_format, bool bold) {
  lxw_format* f = workbook_add_format(book);
  if (num_format) format_set_num_format(f, num_format);
  if (bold) format_set_bold(f);
  format_set_border(f, LXW_BORDER_THIN);
  format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

const char* num_format_of(stats::CellKind kind) {
  switch (kind) {
    case stats::CellKind::text: return nullptr;
    case stats::CellKind::count: return "0";
    case stats::CellKind::minutes: return "0.00";
    case stats::CellKind::percent: return "0.00%";
    case stats::CellKind::local_time: return "dd/mm/yyyy hh:mm:ss";
    case stats::CellKind::day: return "dd/mm/yyyy";
  }
  return nullptr;
}

double column_width(const std::string& header, std::size_t column) {
  if (column == 0) return 30;  // names: a service, a counter, an officer, an office
  // A header wraps onto up to three lines; count characters, not UTF-8 bytes.
  const auto chars = std::count_if(header.begin(), header.end(), [](char c) { return (c & 0xC0) != 0x80; });
  return std::clamp(static_cast<double>(chars) / 2.5, 11.0, 20.0);
}

}  // namespace

Result<std::unique_ptr<XlsxWorkbook>> XlsxWorkbook::create() {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string path = (dir / "motcua-report-XXXXXX.xlsx").string();
  const int fd = mkstemps(path.data(), 5);
  if (fd < 0)
    return Status::unavailable("export_failed", "Không tạo được tệp tạm để lập bảng tính trong " + dir.string());
  ::close(fd);
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (!book) {
    std::filesystem::remove(path, ec);
    return Status::unavailable("export_failed", "Không lập được bảng tính");
  }
  return std::unique_ptr<XlsxWorkbook>(new XlsxWorkbook(std::move(path), book));
}

XlsxWorkbook::XlsxWorkbook(std::string path, lxw_workbook* book)
    : path_(std::move(path)), book_(book), formats_(std::make_unique<Formats>()) {
  Formats& f = *formats_;
  f.title = workbook_add_format(book_);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.subtitle = workbook_add_format(book_);
  format_set_italic(f.subtitle);
  f.header = workbook_add_format(book_);
  format_set_bold(f.header);
  format_set_text_wrap(f.header);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color(f.header, 0xDDEBF7);
  for (int kind = 0; kind < 6; ++kind)
    for (int bold = 0; bold < 2; ++bold)
      f.by_kind[kind][bold] = make_format(book_, num_format_of(static_cast<stats::CellKind>(kind)), bold == 1);
}

XlsxWorkbook::~XlsxWorkbook() {
  if (book_) workbook_close(book_);
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

lxw_format* XlsxWorkbook::format_for(const stats::Cell& cell, bool bold) const {
  return formats_->by_kind[static_cast<int>(cell.kind)][bold ? 1 : 0];
}

void XlsxWorkbook::begin_sheet(const std::string& name, const std::vector<std::string>& title_lines,
                               const std::vector<std::string>& headers) {
  sheet_ = workbook_add_worksheet(book_, name.c_str());
  next_row_ = 0;
  data_rows_ = 0;
  if (!sheet_) {
    if (first_error_.empty()) first_error_ = "không thêm được trang " + name;
    return;
  }
  for (std::size_t i = 0; i < title_lines.size(); ++i)
    worksheet_write_string(sheet_, static_cast<lxw_row_t>(next_row_++), 0, title_lines[i].c_str(),
                           i == 0 ? formats_->title : formats_->subtitle);
  if (!title_lines.empty()) ++next_row_;  // a blank line before the table
  worksheet_set_row(sheet_, static_cast<lxw_row_t>(next_row_), 48, nullptr);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), column_width(headers[c], c),
                         nullptr);
    worksheet_write_string(sheet_, static_cast<lxw_row_t>(next_row_), static_cast<lxw_col_t>(c), headers[c].c_str(),
                           formats_->header);
  }
  ++next_row_;
  worksheet_freeze_panes(sheet_, static_cast<lxw_row_t>(next_row_), 1);
}

bool XlsxWorkbook::add_row(const std::vector<stats::Cell>& cells, bool bold) {
  if (!sheet_ || data_rows_ >= kMaxDataRows) return false;
  const auto row = static_cast<lxw_row_t>(next_row_);
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const stats::Cell& cell = cells[c];
    const auto col = static_cast<lxw_col_t>(c);
    lxw_format* format = format_for(cell, bold);
    lxw_error err = LXW_NO_ERROR;
    if (cell.kind == stats::CellKind::text) {
      err = cell.text.empty() ? worksheet_write_blank(sheet_, row, col, format)
                              : worksheet_write_string(sheet_, row, col, cell.text.c_str(), format);
    } else if (!cell.number) {
      err = worksheet_write_blank(sheet_, row, col, format);
    } else {
      double v = *cell.number;
      if (cell.kind == stats::CellKind::minutes) v /= 60.0;
      if (cell.kind == stats::CellKind::local_time) v = v / 86400.0 + kExcelEpochOffsetDays;
      if (cell.kind == stats::CellKind::day) v += kExcelEpochOffsetDays;
      err = worksheet_write_number(sheet_, row, col, v, format);
    }
    if (err != LXW_NO_ERROR && first_error_.empty()) first_error_ = lxw_strerror(err);
  }
  ++next_row_;
  ++data_rows_;
  return true;
}

void XlsxWorkbook::add_table(const std::string& name, const std::vector<std::string>& title_lines,
                             const stats::Table& table) {
  begin_sheet(name, title_lines, table.headers);
  for (std::size_t i = 0; i < table.rows.size(); ++i)
    add_row(table.rows[i], table.last_row_is_total && i + 1 == table.rows.size());
}

Result<std::string> XlsxWorkbook::finish() {
  const lxw_error err = workbook_close(book_);
  book_ = nullptr;
  if (!first_error_.empty() || err != LXW_NO_ERROR)
    return Status::unavailable("export_failed",
                               "Không lập được bảng tính: " + (first_error_.empty() ? lxw_strerror(err) : first_error_));
  std::ifstream in(path_, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return Status::unavailable("export_failed", "Không đọc lại được bảng tính vừa lập");
  return bytes;
}

std::string vietnamese_date(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

}  // namespace motcua
