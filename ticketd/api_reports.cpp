// Supervision endpoints: /api/reports (a date range, aggregated or per ticket, JSON or
// CSV) and /api/today (the dashboard's live figures). Both run on the office strand.
#include "api.hpp"
#include "api_call.hpp"
#include "json_views.hpp"
#include "report_views.hpp"
#include "stats/alerts.hpp"
#include "stats/report_aggregator.hpp"
#include "stats/report_csv.hpp"
#include "stats/waiting_series.hpp"

namespace motcua {
namespace {

// A month fits many times over; a decade of events would hold the strand too long.
constexpr int kMaxReportDays = 366;
constexpr const char* kBom = "\xEF\xBB\xBF";

Status invalid(const std::string& field, const std::string& why) {
  return Status::invalid_argument("invalid_field", "Tham số " + field + " " + why);
}

// Supervisors and admins only. A device key is a known caller of the wrong kind.
std::optional<ApiResponse> refuse_unless_supervisor(const Caller& caller) {
  if (caller.device && !caller.is_staff())
    return forbidden_response("Thiết bị không được xem báo cáo");
  if (!caller.is_staff()) return unauthenticated_response(caller);
  if (!caller.is_supervisor()) return forbidden_response("Chỉ lãnh đạo và quản trị viên được xem báo cáo");
  return std::nullopt;
}

bool flag(const std::map<std::string, std::string>& q, const char* key) {
  auto it = q.find(key);
  return it != q.end() && (it->second == "1" || it->second == "true");
}

std::string param(const std::map<std::string, std::string>& q, const char* key, const char* fallback) {
  auto it = q.find(key);
  return it == q.end() || it->second.empty() ? fallback : it->second;
}

ApiResponse csv_response(std::string body, const std::string& filename) {
  ApiResponse r;
  r.status = 200;
  r.body = std::move(body);
  r.content_type = "text/csv; charset=utf-8";
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

}  // namespace

ApiResponse Api::reports(Call& c) {
  if (auto refused = refuse_unless_supervisor(c.caller)) return *refused;
  const auto& q = c.query;
  auto from_it = q.find("from");
  auto to_it = q.find("to");
  if (from_it == q.end() || to_it == q.end())
    return error_response(Status::invalid_argument("missing_field", "Cần tham số from và to (YYYY-MM-DD)"));
  int from_day = 0, to_day = 0;
  if (!iso_to_service_day(from_it->second, from_day)) return error_response(invalid("from", "phải có dạng YYYY-MM-DD"));
  if (!iso_to_service_day(to_it->second, to_day)) return error_response(invalid("to", "phải có dạng YYYY-MM-DD"));
  if (to_day < from_day) return error_response(invalid("to", "phải không sớm hơn from"));
  if (to_day - from_day + 1 > kMaxReportDays)
    return error_response(invalid("to", "vượt quá " + std::to_string(kMaxReportDays) + " ngày tính từ from"));

  const std::string group = param(q, "group", "service");
  stats::Grouping grouping;
  std::string group_slug;
  if (group == "service") grouping = stats::Grouping::by_service, group_slug = "dich-vu";
  else if (group == "counter") grouping = stats::Grouping::by_counter, group_slug = "quay";
  else if (group == "officer") grouping = stats::Grouping::by_officer, group_slug = "can-bo";
  else if (group == "office") grouping = stats::Grouping::whole_office, group_slug = "toan-don-vi";
  else return error_response(invalid("group", "phải là service, counter, officer hoặc office"));
  const std::string format = param(q, "format", "json");
  if (format != "json" && format != "csv") return error_response(invalid("format", "phải là json hoặc csv"));
  const std::string detail = param(q, "detail", "summary");
  if (detail != "summary" && detail != "tickets") return error_response(invalid("detail", "phải là summary hoặc tickets"));

  const auto& config = office_.config();
  const std::string from_iso = service_day_to_iso(from_day), to_iso = service_day_to_iso(to_day);

  if (detail == "tickets") {
    // Personal data leaves only on an admin's explicit request, and only here.
    const bool with_identity = flag(q, "include_identity");
    if (with_identity && c.caller.officer->role != Role::admin)
      return forbidden_response("Chỉ quản trị viên được xuất thông tin cá nhân");
    std::string csv = std::string(kBom) + tickets_csv_header(with_identity) + "\r\n";
    json::array tickets;
    Status s = office_.store()->for_each_ticket(from_day, to_day, with_identity, [&](const Ticket& t) {
      if (format == "csv") append_ticket_csv(csv, config, t, config.utc_offset_minutes, with_identity);
      else tickets.push_back(ticket_export_json(config, t, with_identity));
      return true;
    });
    if (!s.is_ok()) return error_response(Status::unavailable("unavailable", "Không đọc được dữ liệu: " + s.message()));
    if (format == "csv")
      return csv_response(std::move(csv), "ve-" + from_iso + "_" + to_iso + (with_identity ? "-ca-nhan" : "") + ".csv");
    return json_response(200, json::object{{"from", from_iso}, {"to", to_iso}, {"tickets", std::move(tickets)}});
  }
  if (flag(q, "include_identity"))
    return error_response(invalid("include_identity", "chỉ dùng với detail=tickets: báo cáo tổng hợp không chứa dữ liệu cá nhân"));

  stats::ReportAggregator aggregator(config, stats::ReportQuery{from_day, to_day, grouping, flag(q, "include_empty")});
  Status s = office_.store()->for_each_event_view(start_of_service_day(from_day, config.utc_offset_minutes),
                                                 start_of_service_day(to_day + 1, config.utc_offset_minutes),
                                                 [&](const stats::EventView& e) {
                                                   aggregator.add(e);
                                                   return true;
                                                 });
  if (!s.is_ok()) return error_response(Status::unavailable("unavailable", "Không đọc được dữ liệu: " + s.message()));
  const stats::Report report = aggregator.finish();
  if (format == "csv")
    return csv_response(stats::report_to_csv(report), "bao-cao-" + from_iso + "_" + to_iso + "-" + group_slug + ".csv");
  return json_response(200, report_json(report, from_iso, to_iso, group));
}

ApiResponse Api::today(Call& c) {
  if (auto refused = refuse_unless_supervisor(c.caller)) return *refused;
  const auto& config = office_.config();
  const auto& state = office_.state();
  const Instant now = office_.now();
  const int day = state.service_day;
  const Instant day_start = start_of_service_day(day, config.utc_offset_minutes);
  const Instant day_end = start_of_service_day(day + 1, config.utc_offset_minutes);

  // One pass over today's events feeds every view, so they agree with each other and
  // with /api/reports for the same day.
  stats::ReportAggregator by_service(config, {day, day, stats::Grouping::by_service, true});
  stats::ReportAggregator by_counter(config, {day, day, stats::Grouping::by_counter, true});
  stats::ReportAggregator by_officer(config, {day, day, stats::Grouping::by_officer, false});
  constexpr int step_min = 10;
  stats::WaitingSeries series(day_start, std::min(now, day_end), std::chrono::minutes(step_min));
  Status s = office_.store()->for_each_event_view(day_start, day_end, [&](const stats::EventView& e) {
    by_service.add(e);
    by_counter.add(e);
    by_officer.add(e);
    series.add(e);
    return true;
  });
  if (!s.is_ok()) return error_response(Status::unavailable("unavailable", "Không đọc được dữ liệu: " + s.message()));
  const stats::Report services_report = by_service.finish();
  const stats::Report counters_report = by_counter.finish();
  const stats::Report officers_report = by_officer.finish();

  json::array services;
  for (const Service& svc : config.services) {
    json::object o = service_status_json(config, state, svc, now);
    for (const auto& row : services_report.rows)
      if (row.key == svc.code) o["today"] = report_row_json(row);
    services.push_back(std::move(o));
  }
  json::array counters;
  for (const Counter& ctr : config.counters) {
    json::object o = counter_json(config, state, ctr.number);
    for (const auto& row : counters_report.rows)
      if (row.key == std::to_string(ctr.number)) o["today"] = report_row_json(row);
    counters.push_back(std::move(o));
  }
  auto rows = [](const stats::Report& r) {
    json::array a;
    for (const auto& row : r.rows) a.push_back(report_row_json(row));
    return a;
  };
  json::array calls;
  for (auto v : services_report.calls_per_hour) calls.push_back(v);
  json::array issued;
  for (auto v : services_report.issued_per_hour) issued.push_back(v);

  json::object o;
  o["seq"] = state.last_seq;
  o["service_day"] = service_day_to_iso(day);
  o["now"] = to_unix_ms(now);
  o["day_start"] = to_unix_ms(day_start);
  o["services"] = std::move(services);
  o["counters"] = std::move(counters);
  o["total"] = report_row_json(services_report.total);
  o["satisfaction"] = json::object{{"by_service", rows(services_report)},
                                   {"by_counter", rows(counters_report)},
                                   {"by_officer", rows(officers_report)}};
  o["linked"] = linked_json(services_report.total);
  o["charts"] = json::object{{"waiting_over_day", waiting_series_json(series.finish())},
                             {"step_min", step_min},
                             {"wait_histogram", wait_histogram_json(services_report)},
                             {"calls_per_hour", std::move(calls)},
                             {"issued_per_hour", std::move(issued)}};
  o["alerts"] = alerts_json(config, stats::compute_alerts(config, state, now));
  o["recent_calls"] = recent_calls_json(config, state, office_.recent_calls());
  return json_response(200, o);
}

}  // namespace motcua
