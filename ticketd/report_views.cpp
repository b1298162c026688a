#include "report_views.hpp"

#include <cstdint>

namespace motcua {
namespace {

json::value opt(const std::optional<double>& v) {
  if (!v) return nullptr;
  return *v;
}

json::object distribution_json(const stats::Distribution& d) {
  return json::object{{"count", d.count}, {"avg_s", opt(d.avg_s)}, {"median_s", opt(d.median_s)}, {"p90_s", opt(d.p90_s)}};
}

json::value opt_ms(const std::optional<Instant>& t) {
  if (!t) return nullptr;
  return to_unix_ms(*t);
}

// Local seconds since the epoch, as a spreadsheet shows the office's clock.
std::optional<double> local_seconds(const std::optional<Instant>& t, int offset_min) {
  if (!t) return std::nullopt;
  return static_cast<double>(to_unix_ms(*t) / 1000 + std::int64_t{offset_min} * 60);
}

std::optional<double> seconds_between(const std::optional<Instant>& a, const std::optional<Instant>& b) {
  if (!a || !b) return std::nullopt;
  return static_cast<double>((to_unix_ms(*b) - to_unix_ms(*a)) / 1000);
}

}  // namespace

json::object report_row_json(const stats::ReportRow& r) {
  json::object o;
  o["key"] = r.key;
  o["label"] = r.label;
  o["issued"] = r.issued;
  o["served"] = r.served;
  o["no_show"] = r.no_show;
  o["cancelled"] = r.cancelled;
  o["unfinished"] = r.unfinished;
  o["transferred"] = r.transferred;
  o["wait"] = distribution_json(r.wait);
  o["service"] = distribution_json(r.service);
  o["called"] = r.called;
  o["on_time"] = r.on_time;
  o["on_time_rate"] = opt(r.on_time_rate);
  json::array levels;
  for (auto v : r.votes_by_level) levels.push_back(v);
  o["votes_by_level"] = std::move(levels);
  o["votes"] = r.votes;
  o["satisfaction_rate"] = opt(r.satisfaction_rate);
  o["participation"] = opt(r.participation);
  json::object reasons;
  for (std::size_t i = 0; i < unhappy_reasons().size() && i < r.reasons.size(); ++i)
    reasons[unhappy_reasons()[i].first] = r.reasons[i];
  o["reasons"] = std::move(reasons);
  o["linked"] = linked_json(r);
  return o;
}

json::array linked_json(const stats::ReportRow& r) {
  json::array a;
  for (std::size_t i = 0; i < stats::kLinkedBuckets.size(); ++i) {
    const auto& b = stats::kLinkedBuckets[i];
    const auto& cell = r.linked[i];
    a.push_back(json::object{{"label", stats::bucket_label(b)},
                             {"lo_min", b.lo_min},
                             {"hi_min", b.hi_min < 0 ? json::value(nullptr) : json::value(b.hi_min)},
                             {"votes", cell.votes},
                             {"satisfied", cell.satisfied},
                             {"satisfaction_rate", opt(cell.satisfaction_rate)}});
  }
  return a;
}

json::array wait_histogram_json(const stats::Report& report) {
  json::array a;
  for (std::size_t i = 0; i < stats::kHistogramBuckets.size(); ++i) {
    const auto& b = stats::kHistogramBuckets[i];
    a.push_back(json::object{{"label", stats::bucket_label(b)},
                             {"lo_min", b.lo_min},
                             {"hi_min", b.hi_min < 0 ? json::value(nullptr) : json::value(b.hi_min)},
                             {"count", report.wait_histogram[i]}});
  }
  return a;
}

json::array waiting_series_json(const std::vector<stats::WaitingPoint>& points) {
  json::array a;
  a.reserve(points.size());
  for (const auto& p : points) a.push_back(json::object{{"at", to_unix_ms(p.at)}, {"waiting", p.waiting}, {"peak", p.peak}});
  return a;
}

json::object report_json(const stats::Report& report, const std::string& from_iso, const std::string& to_iso,
                         const std::string& group) {
  json::object o;
  o["from"] = from_iso;
  o["to"] = to_iso;
  o["group"] = group;
  json::array rows;
  for (const auto& r : report.rows) rows.push_back(report_row_json(r));
  o["rows"] = std::move(rows);
  o["total"] = report_row_json(report.total);
  json::array issued, calls;
  for (auto v : report.issued_per_hour) issued.push_back(v);
  for (auto v : report.calls_per_hour) calls.push_back(v);
  o["issued_per_hour"] = std::move(issued);
  o["calls_per_hour"] = std::move(calls);
  o["wait_histogram"] = wait_histogram_json(report);
  return o;
}

json::object alert_json(const OfficeConfig& config, const stats::Alert& a) {
  json::object o;
  o["kind"] = to_string(a.kind);
  o["service"] = a.service;
  const Service* s = a.service.empty() ? nullptr : config.find_service(a.service);
  o["service_name"] = s ? s->name : a.service;
  o["counter"] = a.counter;
  o["ticket_id"] = a.ticket_id;
  o["number"] = a.number;
  o["since"] = to_unix_ms(a.since);
  o["threshold_s"] = a.threshold_s;
  o["count"] = a.count;
  o["message"] = a.message;
  return o;
}

json::array alerts_json(const OfficeConfig& config, const std::vector<stats::Alert>& alerts) {
  json::array a;
  for (const auto& alert : alerts) a.push_back(alert_json(config, alert));
  return a;
}

std::string alerts_message(const OfficeConfig& config, const std::vector<stats::Alert>& alerts, Instant now) {
  return json::serialize(
      json::object{{"type", "alerts"}, {"now", to_unix_ms(now)}, {"alerts", alerts_json(config, alerts)}});
}

std::vector<std::string> ticket_headers(bool with_identity) {
  std::vector<std::string> h{"Mã số",   "Ngày",        "Số thứ tự",    "Lĩnh vực khi lấy số", "Lĩnh vực cuối", "Ưu tiên",
                             "Trạng thái", "Giờ cấp",  "Giờ gọi",      "Giờ bắt đầu",         "Giờ kết thúc",  "Chờ (giây)",
                             "Phục vụ (giây)", "Quầy", "Cán bộ",       "Số lần chuyển",       "Đánh giá",      "Lý do"};
  if (with_identity) h.emplace_back("Thông tin cá nhân");
  return h;
}

namespace {
// The CSV is read by people in a spreadsheet: states and reasons in their words, as the
// pages show them; the JSON export keeps the wire's ids.
std::string_view state_label(TicketState s) {
  switch (s) {
    case TicketState::waiting: return "Đang chờ";
    case TicketState::called: return "Đang được mời";
    case TicketState::serving: return "Đang phục vụ";
    case TicketState::done: return "Đã phục vụ";
    case TicketState::no_show: return "Vắng mặt";
    // An officer's transfer, or put back in line when its counter closed.
    case TicketState::transferred: return "Đang chờ (đã chuyển hoặc trả lại hàng)";
    case TicketState::cancelled: return "Đã hủy";
  }
  return "";
}

// The group's name ("Người khuyết tật") where the kiosk gave one.
std::string priority_text(const Ticket& t) {
  if (!t.priority) return {};
  for (const auto& [code, name] : priority_groups())
    if (code == t.priority_group) return name;
  return "có";
}

// People read names; a username stays only for an account since removed from the config.
std::string officer_name(const OfficeConfig& config, const std::string& username) {
  const Officer* o = username.empty() ? nullptr : config.find_officer(username);
  return o ? o->display_name : username;
}

std::string_view reason_label(const std::string& code) {
  for (const auto& [c, name] : unhappy_reasons())
    if (c == code) return name;
  return code;
}
}  // namespace

std::vector<stats::Cell> ticket_cells(const OfficeConfig& config, const Ticket& t, int offset, bool with_identity) {
  using stats::Cell;
  using stats::CellKind;
  auto text = [](std::string_view v) { return Cell::of_text(std::string(v)); };
  auto count = [](std::optional<double> v) { return Cell::of(CellKind::count, v); };
  auto time = [&](const std::optional<Instant>& at) { return Cell::of(CellKind::local_time, local_seconds(at, offset)); };
  const Service* issued = config.find_service(t.issued_service);
  const Service* final_service = config.find_service(t.service);
  // A ticket cancelled on a later day than its own expired when its day ended (the
  // day-end expiry is logged as the next day starts); nobody cancelled it.
  const bool expired = t.state == TicketState::cancelled && t.ended_at && service_day(*t.ended_at, offset) > t.service_day;
  std::vector<Cell> c{
      count(static_cast<double>(t.id)),
      Cell::of(CellKind::day, static_cast<double>(t.service_day)),
      text(t.display),
      text(issued ? issued->name : t.issued_service),
      text(final_service ? final_service->name : t.service),
      text(priority_text(t)),
      text(expired ? std::string_view("Chưa hoàn tất (hết ngày)") : state_label(t.state)),
      time(t.issued_at),
      time(t.called_at),
      time(t.started_at),
      time(t.ended_at),
      count(seconds_between(std::optional<Instant>(t.issued_at), t.called_at)),
      count(t.state == TicketState::done ? seconds_between(t.started_at, t.ended_at) : std::nullopt),
      count(t.counter ? std::optional<double>(t.counter) : std::nullopt),
      text(officer_name(config, t.officer)),
      count(static_cast<double>(t.transfers)),
      text(t.rating ? rating_name(t.rating) : std::string_view()),
      text(reason_label(t.rating_reason)),
  };
  if (with_identity) c.push_back(text(t.identity));
  return c;
}

json::object ticket_export_json(const OfficeConfig& config, const Ticket& t, bool with_identity) {
  (void)config;
  json::object o{{"id", t.id},
                 {"service_day", service_day_to_iso(t.service_day)},
                 {"number", t.display},
                 {"issued_service", t.issued_service},
                 {"service", t.service},
                 {"priority", t.priority},
                 {"state", to_string(t.state)},
                 {"issued_at", to_unix_ms(t.issued_at)},
                 {"called_at", opt_ms(t.called_at)},
                 {"started_at", opt_ms(t.started_at)},
                 {"ended_at", opt_ms(t.ended_at)},
                 {"counter", t.counter},
                 {"officer", t.officer},
                 {"transfers", t.transfers},
                 {"rating", t.rating},
                 {"rating_reason", t.rating_reason}};
  if (with_identity) o["identity"] = t.identity;
  return o;
}

}  // namespace motcua
