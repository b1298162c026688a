// Supervision endpoints: /api/reports (a date range, aggregated or per ticket, JSON or
// CSV) and /api/today (the dashboard's live figures). Today's figures need the live state
// and run on the office strand; a report is checked there, then scanned by ReportRunner.
#include <variant>

#include "api.hpp"
#include "api_call.hpp"
#include "json_views.hpp"
#include "report_runner.hpp"
#include "report_views.hpp"
#include "stats/alerts.hpp"
#include "stats/report_aggregator.hpp"
#include "stats/report_csv.hpp"
#include "stats/report_table.hpp"
#include "stats/waiting_series.hpp"
#include "store/event_scan.hpp"
#include "xlsx_workbook.hpp"

namespace motcua {
namespace {

// A month fits many times over; a decade of events would hold a report thread too long.
constexpr int kMaxReportDays = 366;
constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Status invalid(const std::string& field, const std::string& why) {
  return Status::invalid_argument("invalid_field", "Tham số " + field + " " + why);
}

bool flag(const std::map<std::string, std::string>& q, const char* key) {
  auto it = q.find(key);
  return it != q.end() && (it->second == "1" || it->second == "true");
}

std::string param(const std::map<std::string, std::string>& q, const char* key, const char* fallback) {
  auto it = q.find(key);
  return it == q.end() || it->second.empty() ? fallback : it->second;
}

ApiResponse file_response(std::string body, const char* content_type, const std::string& filename) {
  ApiResponse r;
  r.status = 200;
  r.body = std::move(body);
  r.content_type = content_type;
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

ApiResponse csv_response(std::string body, const std::string& filename) {
  return file_response(std::move(body), "text/csv; charset=utf-8", filename + ".csv");
}

ApiResponse read_failed(const Status& s) {
  return error_response(Status::unavailable("unavailable", "Không đọc được dữ liệu: " + s.message()));
}

// A /api/reports request that passed every check: plain values, safe to hand to a report
// thread.
struct ReportRequest {
  stats::ReportQuery query;
  std::string group, group_slug, format, from_iso, to_iso;
  std::string office_name, made_at;  // the workbook's title lines
  bool tickets = false;        // detail=tickets
  bool with_identity = false;  // and include_identity, for an admin
};

// The caller's right and the parameters, checked in this order; the refusal if any.
std::variant<ReportRequest, ApiResponse> check_report_request(const Caller& caller,
                                                              const std::map<std::string, std::string>& q) {
  if (auto refused = refuse_unless_supervisor(caller, "xem báo cáo")) return *refused;
  auto from_it = q.find("from");
  auto to_it = q.find("to");
  if (from_it == q.end() || to_it == q.end())
    return error_response(Status::invalid_argument("missing_field", "Cần tham số from và to (YYYY-MM-DD)"));
  int from_day = 0, to_day = 0;
  // The dashboard's leaders read these: the dates in their words, the parameter in brackets.
  auto bad_range = [](const std::string& why) { return error_response(Status::invalid_argument("invalid_field", why)); };
  if (!iso_to_service_day(from_it->second, from_day)) return bad_range("Ngày bắt đầu (from) phải có dạng YYYY-MM-DD");
  if (!iso_to_service_day(to_it->second, to_day)) return bad_range("Ngày kết thúc (to) phải có dạng YYYY-MM-DD");
  if (to_day < from_day) return bad_range("Ngày kết thúc không được trước ngày bắt đầu");
  if (to_day - from_day + 1 > kMaxReportDays)
    return bad_range("Mỗi báo cáo gồm tối đa " + std::to_string(kMaxReportDays) + " ngày; hãy chọn khoảng ngắn hơn");

  ReportRequest r;
  r.group = param(q, "group", "service");
  if (r.group == "service") r.query.grouping = stats::Grouping::by_service, r.group_slug = "dich-vu";
  else if (r.group == "counter") r.query.grouping = stats::Grouping::by_counter, r.group_slug = "quay";
  else if (r.group == "officer") r.query.grouping = stats::Grouping::by_officer, r.group_slug = "can-bo";
  else if (r.group == "office") r.query.grouping = stats::Grouping::whole_office, r.group_slug = "toan-don-vi";
  else return error_response(invalid("group", "phải là service, counter, officer hoặc office"));
  r.format = param(q, "format", "json");
  if (r.format != "json" && r.format != "csv" && r.format != "xlsx")
    return error_response(invalid("format", "phải là json, csv hoặc xlsx"));
  const std::string detail = param(q, "detail", "summary");
  if (detail != "summary" && detail != "tickets") return error_response(invalid("detail", "phải là summary hoặc tickets"));
  r.query.from_day = from_day;
  r.query.to_day = to_day;
  r.query.include_empty = flag(q, "include_empty");
  r.from_iso = service_day_to_iso(from_day);
  r.to_iso = service_day_to_iso(to_day);
  r.tickets = detail == "tickets";
  r.with_identity = flag(q, "include_identity");
  if (r.tickets) {
    // Personal data leaves only on an admin's explicit request, and only here.
    if (r.with_identity && caller.officer->role != Role::admin)
      return forbidden_response("Chỉ quản trị viên được xuất thông tin cá nhân");
  } else if (r.with_identity) {
    return error_response(
        invalid("include_identity", "chỉ dùng với detail=tickets: báo cáo tổng hợp không chứa dữ liệu cá nhân"));
  }
  return r;
}

std::vector<std::string> title_lines(const ReportRequest& r, const std::string& what) {
  return {r.office_name, what + " từ ngày " + vietnamese_date(r.from_iso) + " đến ngày " + vietnamese_date(r.to_iso),
          "Lập lúc " + r.made_at};
}

ApiResponse xlsx_response(Result<std::string> bytes, const std::string& filename) {
  if (!bytes.is_ok()) return error_response(bytes.status());
  return file_response(std::move(bytes.value()), kXlsxType, filename + ".xlsx");
}

// detail=tickets: one line (CSV), row (workbook) or object (JSON) per ticket, read from `db`.
ApiResponse tickets_export(store::Database* db, const OfficeConfig& config, const ReportRequest& r) {
  if (!db) return read_failed(Status::unavailable("store_error", "không có kết nối đọc"));
  const std::string filename = "ve-" + r.from_iso + "_" + r.to_iso + (r.with_identity ? "-ca-nhan" : "");
  std::string csv;
  json::array tickets;
  std::unique_ptr<XlsxWorkbook> book;
  bool too_many = false;
  if (r.format == "xlsx") {
    auto created = XlsxWorkbook::create();
    if (!created.is_ok()) return error_response(created.status());
    book = std::move(created.value());
    book->begin_sheet("Danh sách số", title_lines(r, "Danh sách số thứ tự"), ticket_headers(r.with_identity));
  } else if (r.format == "csv") {
    csv = "\xEF\xBB\xBF";
    stats::append_csv_header(csv, ticket_headers(r.with_identity));
  }
  Status s = store::scan_tickets(*db, r.query.from_day, r.query.to_day, r.with_identity, [&](const Ticket& t) {
    if (book) {
      too_many = !book->add_row(ticket_cells(config, t, config.utc_offset_minutes, r.with_identity));
      return !too_many;
    }
    if (r.format == "csv") stats::append_csv_record(csv, ticket_cells(config, t, config.utc_offset_minutes, r.with_identity));
    else tickets.push_back(ticket_export_json(config, t, r.with_identity));
    return true;
  });
  if (!s.is_ok()) return read_failed(s);
  if (too_many)
    return error_response(Status::invalid_argument(
        "too_many_rows", "Khoảng ngày này có quá nhiều số cho một trang Excel; hãy chọn khoảng ngắn hơn hoặc tải CSV"));
  if (book) return xlsx_response(book->finish(), filename);
  if (r.format == "csv") return csv_response(std::move(csv), filename);
  return json_response(200, json::object{{"from", r.from_iso}, {"to", r.to_iso}, {"tickets", std::move(tickets)}});
}

// The report, the hours and the waits, one sheet each.
Result<std::string> summary_workbook(const ReportRequest& r, const stats::Report& report) {
  auto created = XlsxWorkbook::create();
  if (!created.is_ok()) return created.status();
  auto book = std::move(created.value());
  book->add_table("Báo cáo",
                  title_lines(r, "Báo cáo kết quả phục vụ " + stats::grouping_title(report.query.grouping)),
                  stats::report_table(report));
  book->add_table("Theo giờ", title_lines(r, "Số đã cấp và lượt gọi theo giờ"), stats::hourly_table(report));
  book->add_table("Thời gian chờ", title_lines(r, "Phân bố thời gian chờ"), stats::wait_histogram_table(report));
  return book->finish();
}

ApiResponse summary_response(const ReportRequest& r, const Result<stats::Report>& report) {
  if (!report.is_ok()) return read_failed(report.status());
  const std::string filename = "bao-cao-" + r.from_iso + "_" + r.to_iso + "-" + r.group_slug;
  if (r.format == "csv") return csv_response(stats::report_to_csv(report.value()), filename);
  if (r.format == "xlsx") return xlsx_response(summary_workbook(r, report.value()), filename);
  return json_response(200, report_json(report.value(), r.from_iso, r.to_iso, r.group));
}

}  // namespace

void Api::reports(Call call) {
  // Sessions live on the strand, so the caller is identified there; the scan is not: it
  // reads only committed rows, through ReportRunner's own connections, so a month of
  // events neither holds the strand nor the store lock that commits need.
  office_.post([this, call = std::move(call)]() mutable {
    const OfficeConfig& config = office_.config();  // immutable, and outlives the runner
    call.caller = identify(config, office_.sessions(), call.bearer_token, call.device_key, office_.now());
    auto checked = check_report_request(call.caller, call.query);
    if (auto* refused = std::get_if<ApiResponse>(&checked)) return call.respond(std::move(*refused));
    ReportRequest request = std::get<ReportRequest>(std::move(checked));
    const Instant now = office_.now();
    request.office_name = config.office_name;
    request.made_at = clock_text(local_minute_of_day(now, config.utc_offset_minutes)) + " ngày " +
                      vietnamese_date(service_day_to_iso(service_day(now, config.utc_offset_minutes)));
    ReportRunner* runner = options_.reports.get();
    if (!runner) {
      // A ":memory:" store: no other connection can see it, so read it here, under the lock.
      auto store = office_.store();
      if (request.tickets) return call.respond(tickets_export(&store->database(), config, request));
      return call.respond(
          summary_response(request, ReportRunner::summary_on(store->database(), config, request.query)));
    }
    if (request.tickets) {
      return runner->run([&config, request = std::move(request), respond = std::move(call.respond)](
                             store::Database* db) { respond(tickets_export(db, config, request)); });
    }
    const stats::ReportQuery query = request.query;
    runner->summary(config, query,
                    [request = std::move(request), respond = std::move(call.respond)](Result<stats::Report> report) {
                      respond(summary_response(request, report));
                    });
  });
}

ApiResponse Api::today(Call& c) {
  if (auto refused = refuse_unless_supervisor(c.caller, "xem báo cáo")) return *refused;
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
