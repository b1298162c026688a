#include "stats/report_csv.hpp"

#include <cmath>
#include <cstdint>

#include "domain/model.hpp"

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

void append_row(std::string& out, const ReportRow& r) {
  auto field = [&](std::string_view text) {
    out += csv_field(text);
    out += ',';
  };
  auto count = [&](std::int64_t v) {
    out += std::to_string(v);
    out += ',';
  };
  auto minutes = [&](const std::optional<double>& seconds) {
    out += format_fixed2(seconds, 1.0, 60.0);
    out += ',';
  };
  field(r.label);
  field(r.key);
  count(r.issued);
  count(r.served);
  count(r.no_show);
  count(r.cancelled);
  count(r.unfinished);
  count(r.transferred);
  minutes(r.wait.avg_s);
  minutes(r.wait.median_s);
  minutes(r.wait.p90_s);
  minutes(r.service.avg_s);
  minutes(r.service.median_s);
  minutes(r.service.p90_s);
  count(r.called);
  count(r.on_time);
  field(format_fixed2(r.on_time_rate, 100.0));
  for (auto v : r.votes_by_level) count(v);
  count(r.votes);
  field(format_fixed2(r.satisfaction_rate, 100.0));
  field(format_fixed2(r.participation, 100.0));
  for (auto v : r.reasons) count(v);
  out.back() = '\r';  // replaces the last comma
  out += '\n';
}

}  // namespace

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

std::string report_csv_header(Grouping grouping) {
  std::string h;
  h += group_column(grouping);
  h += ",Mã,Số đã cấp,Đã phục vụ,Vắng mặt,Đã hủy,Chưa hoàn tất,Đã chuyển";
  h += ",Thời gian chờ trung bình (phút),Thời gian chờ trung vị (phút),Thời gian chờ P90 (phút)";
  h += ",Thời gian phục vụ trung bình (phút),Thời gian phục vụ trung vị (phút),Thời gian phục vụ P90 (phút)";
  h += ",Số đã được gọi,Số được gọi trong thời gian chờ mục tiêu,Tỷ lệ được gọi trong thời gian chờ mục tiêu (%)";
  for (int level = 1; level <= 4; ++level) {
    h += ',';
    h += rating_name(level);
  }
  h += ",Tổng số đánh giá,Tỷ lệ hài lòng (%),Tỷ lệ tham gia đánh giá (%)";
  const auto& reasons = unhappy_reasons();
  for (int i = 0; i < kReasonCount && i < static_cast<int>(reasons.size()); ++i) {
    h += ",Lý do không hài lòng: ";
    h += reasons[static_cast<std::size_t>(i)].second;
  }
  return h;
}

std::string report_to_csv(const Report& report) {
  std::string out = "\xEF\xBB\xBF";
  out += report_csv_header(report.query.grouping);
  out += "\r\n";
  for (const auto& row : report.rows) append_row(out, row);
  if (report.query.grouping != Grouping::whole_office) {
    ReportRow total = report.total;
    total.label = "Tổng cộng";
    total.key.clear();
    append_row(out, total);
  }
  return out;
}

}  // namespace motcua::stats
