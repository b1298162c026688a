// JSON and CSV views of report figures, today's live figures and alerts, as docs/API.md
// documents them for /api/reports, /api/today and the "alerts" WebSocket message. Pure.
#pragma once

#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/office_config.hpp"
#include "net.hpp"
#include "stats/alerts.hpp"
#include "stats/report.hpp"
#include "stats/report_table.hpp"
#include "stats/waiting_series.hpp"

namespace motcua {

json::object report_row_json(const stats::ReportRow& row);
// The whole report: rows, total, and the per-hour and histogram figures.
json::object report_json(const stats::Report& report, const std::string& from_iso, const std::string& to_iso,
                         const std::string& group);
json::array linked_json(const stats::ReportRow& row);
json::array wait_histogram_json(const stats::Report& report);
json::array waiting_series_json(const std::vector<stats::WaitingPoint>& points);

json::object alert_json(const OfficeConfig& config, const stats::Alert& alert);
json::array alerts_json(const OfficeConfig& config, const std::vector<stats::Alert>& alerts);
// {"type": "alerts", "now": …, "alerts": […]}, the transient WebSocket message.
std::string alerts_message(const OfficeConfig& config, const std::vector<stats::Alert>& alerts, Instant now);

// Per-ticket export (detail=tickets), one row per ticket for the CSV and the workbook;
// the identity column exists only when `with_identity`.
std::vector<std::string> ticket_headers(bool with_identity);
std::vector<stats::Cell> ticket_cells(const OfficeConfig& config, const Ticket& t, int utc_offset_minutes,
                                      bool with_identity);
json::object ticket_export_json(const OfficeConfig& config, const Ticket& t, bool with_identity);

}  // namespace motcua
