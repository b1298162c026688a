#include "stats/report_table.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>

#include "domain/model.hpp"
#include "domain/time.hpp"
#include "stats/report_csv.hpp"

namespace motcua::stats {
namespace {

std::string_view group_column(Grouping g) {
  switch (g) {
    case Grouping::by_service: return "Lĩnh vực";
    case Grouping::by_counter: return "Quầy";
    case Grouping::by_officer: return "Cán bộ";
    case Grouping::whole_office: break;
  }
  return "Đơn vị";
}

std::vector<std::string> report_headers(Grouping grouping) {
  std::vector<std::string> h{std::string(group_column(grouping)),
                             "Mã",
                             "Số đã cấp",
                             "Đã phục vụ",
                             "Vắng mặt",
                             "Đã hủy",
                             "Chưa hoàn tất",
                             "Đã chuyển",
                             "Thời gian chờ trung bình (phút)",
                             "Thời gian chờ trung vị (phút)",
                             "Thời gian chờ P90 (phút)",
                             "Thời gian phục vụ trung bình (phút)",
                             "Thời gian phục vụ trung vị (phút)",
                             "Thời gian phục vụ P90 (phút)",
                             "Số đã được gọi",
                             "Số được gọi trong thời gian chờ mục tiêu",
                             "Tỷ lệ được gọi trong thời gian chờ mục tiêu (%)"};
  for (int level = 1; level <= 4; ++level) h.emplace_back(rating_name(level));
  h.emplace_back("Tổng số đánh giá");
  h.emplace_back("Tỷ lệ hài lòng (%)");
  h.emplace_back("Tỷ lệ tham gia đánh giá (%)");
  const auto& reasons = unhappy_reasons();
  for (int i = 0; i < kReasonCount && i < static_cast<int>(reasons.size()); ++i)
    h.push_back("Lý do không hài lòng: " + reasons[static_cast<std::size_t>(i)].second);
  return h;
}

std::vector<Cell> report_cells(const ReportRow& r) {
  auto count = [](std::int64_t v) { return Cell::of(CellKind::count, static_cast<double>(v)); };
  auto minutes = [](const std::optional<double>& s) { return Cell::of(CellKind::minutes, s); };
  auto percent = [](const std::optional<double>& f) { return Cell::of(CellKind::percent, f); };
  std::vector<Cell> c{Cell::of_text(r.label),      Cell::of_text(r.key),       count(r.issued),
                      count(r.served),             count(r.no_show),           count(r.cancelled),
                      count(r.unfinished),         count(r.transferred),       minutes(r.wait.avg_s),
                      minutes(r.wait.median_s),    minutes(r.wait.p90_s),      minutes(r.service.avg_s),
                      minutes(r.service.median_s), minutes(r.service.p90_s),   count(r.called),
                      count(r.on_time),            percent(r.on_time_rate)};
  for (auto v : r.votes_by_level) c.push_back(count(v));
  c.push_back(count(r.votes));
  c.push_back(percent(r.satisfaction_rate));
  c.push_back(percent(r.participation));
  for (auto v : r.reasons) c.push_back(count(v));
  return c;
}

// "2026-11-23 08:05:09" from local seconds since the epoch.
std::string local_time_text(std::int64_t local_s) {
  const std::int64_t day = local_s >= 0 ? local_s / 86400 : -((-local_s + 86399) / 86400);
  const std::int64_t in_day = local_s - day * 86400;
  char hms[16];
  std::snprintf(hms, sizeof hms, " %02d:%02d:%02d", static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60),
                static_cast<int>(in_day % 60));
  return service_day_to_iso(static_cast<int>(day)) + hms;
}

}  // namespace

std::string grouping_title(Grouping grouping) {
  switch (grouping) {
    case Grouping::by_service: return "theo lĩnh vực";
    case Grouping::by_counter: return "theo quầy";
    case Grouping::by_officer: return "theo cán bộ";
    case Grouping::whole_office: break;
  }
  return "toàn đơn vị";
}

Table report_table(const Report& report) {
  Table t;
  t.headers = report_headers(report.query.grouping);
  for (const auto& row : report.rows) t.rows.push_back(report_cells(row));
  if (report.query.grouping != Grouping::whole_office) {
    ReportRow total = report.total;
    total.label = "Tổng cộng";
    total.key.clear();
    t.rows.push_back(report_cells(total));
    t.last_row_is_total = true;
  }
  return t;
}

Table hourly_table(const Report& report) {
  Table t;
  t.headers = {"Giờ", "Số đã cấp", "Lượt gọi"};
  for (int h = 0; h < 24; ++h) {
    char label[32];
    std::snprintf(label, sizeof label, "%02d:00–%02d:00", h, h + 1);
    t.rows.push_back({Cell::of_text(label),
                      Cell::of(CellKind::count, static_cast<double>(report.issued_per_hour[static_cast<std::size_t>(h)])),
                      Cell::of(CellKind::count, static_cast<double>(report.calls_per_hour[static_cast<std::size_t>(h)]))});
  }
  return t;
}

Table wait_histogram_table(const Report& report) {
  Table t;
  t.headers = {"Thời gian chờ", "Số lượt được gọi"};
  for (std::size_t i = 0; i < kHistogramBuckets.size(); ++i)
    t.rows.push_back({Cell::of_text(bucket_label(kHistogramBuckets[i])),
                      Cell::of(CellKind::count, static_cast<double>(report.wait_histogram[i]))});
  return t;
}

std::string cell_text(const Cell& cell) {
  if (cell.kind == CellKind::text) return cell.text;
  if (!cell.number) return {};
  const double v = *cell.number;
  switch (cell.kind) {
    case CellKind::count: return std::to_string(std::llround(v));
    case CellKind::minutes: return format_fixed2(v, 1.0, 60.0);
    case CellKind::percent: return format_fixed2(v, 100.0);
    case CellKind::local_time: return local_time_text(std::llround(v));
    case CellKind::day: return service_day_to_iso(static_cast<int>(std::llround(v)));
    case CellKind::text: break;
  }
  return {};
}

void append_csv_record(std::string& out, const std::vector<Cell>& cells) {
  for (const Cell& c : cells) {
    out += csv_field(cell_text(c));
    out += ',';
  }
  if (!cells.empty()) out.pop_back();
  out += "\r\n";
}

void append_csv_header(std::string& out, const std::vector<std::string>& headers) {
  for (const auto& h : headers) {
    out += csv_field(h);
    out += ',';
  }
  if (!headers.empty()) out.pop_back();
  out += "\r\n";
}

std::string table_to_csv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";
  append_csv_header(out, table.headers);
  for (const auto& row : table.rows) append_csv_record(out, row);
  return out;
}

}  // namespace motcua::stats
