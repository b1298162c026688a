// The HTTP API of docs/API.md: routing, authentication, validation, and the mapping of
// domain results to responses. handle() is thread-safe; domain work runs on the office strand.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http_metrics.hpp"
#include "net.hpp"
#include "office.hpp"

namespace motcua {

class Backups;
class ReportRunner;

struct ApiResponse {
  unsigned status = 200;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
};

// Prints a freshly issued ticket on a kiosk's printer (set up in main.cpp). `done` gets
// {"ok": bool, "error": id, "message": text} once the printer answered or timed out.
using PrintHook = std::function<void(const Device& kiosk, const json::object& ticket,
                                     std::function<void(json::object print_status)> done)>;

struct ApiOptions {
  bool public_reads = true;
  int session_hours = 12;
  std::string web_root;  // static pages (kiosk, status page, dashboard); empty = none
  PrintHook print;       // empty = no printing
  // The QR (SVG) of a ticket's status page, as printed on its paper: /t/<code>/qr.svg.
  // Empty = none (404).
  std::function<Result<std::string>(const std::string& code)> status_qr_svg;
  // More Prometheus lines appended to /metrics (e.g. printer health); thread-safe.
  std::function<std::string()> extra_metrics;
  // Where /api/reports scans: its own threads and read-only connections. Null (a
  // ":memory:" store) = on the office strand through the locked store.
  std::shared_ptr<ReportRunner> reports;
  // Copies of the database (/api/admin/backups). Null (a ":memory:" store) = none.
  std::shared_ptr<Backups> backups;
};

class Api {
 public:
  using Request = http::request<http::string_body>;
  using Respond = std::function<void(ApiResponse)>;

  Api(Office& office, ApiOptions options, HttpMetrics& metrics);

  void handle(Request request, Respond respond);

  // For the WebSocket upgrade: may this caller subscribe? Runs the check on the strand.
  // `done` gets the refusal's message, or an empty string when the stream may open.
  void authorize_stream(const std::string& token, const std::string& key, std::function<void(std::string)> done);

  const ApiOptions& options() const { return options_; }

 private:
  struct Call;  // one request being handled
  using Handler = std::function<ApiResponse(Call&)>;

  // Runs `handler` on the office strand with the caller identified, and responds once
  // whatever it staged is durable.
  void on_strand(Call call, Handler handler);

  void route(Call call);
  void login(Call call);
  ApiResponse get_ticket(Call& c, std::int64_t id);
  ApiResponse get_ticket_by_code(Call& c, const std::string& code);
  ApiResponse lookup_ticket(Call& c);
  ApiResponse ticket_qr(Call& c, const std::string& code);
  std::optional<Ticket> find_ticket_by_code(const std::string& code);
  ApiResponse issue_ticket(Call& c);
  ApiResponse cancel_ticket(Call& c, std::int64_t id);
  ApiResponse reactivate_ticket(Call& c, std::int64_t id);
  ApiResponse vote(Call& c, std::int64_t id);
  ApiResponse counter_action(Call& c, int counter, const std::string& action);
  ApiResponse force_close_counter(Call& c, int counter);
  ApiResponse reactivate_by_number(Call& c, int counter);
  // 200 {"ticket": Ticket or null, "counter": Counter status}, as counter actions answer.
  ApiResponse ticket_and_counter(std::int64_t ticket_id, int counter, bool include_code);
  ApiResponse logout(Call& c);
  ApiResponse me(Call& c);
  ApiResponse metrics_text();
  // Supervision (api_reports.cpp): reports over a date range (the caller is identified on
  // the strand, the scan runs on options_.reports), and today's live figures.
  void reports(Call call);
  ApiResponse today(Call& c);
  // /api/admin/backups (api_backups.cpp): list the copies, or make one now.
  void backups(Call call);
  bool may_read(const Call& c) const;

  // Reads repeat far more often than the state changes: serialise a view once per state
  // (seq) and clock second. Touched only on the office strand.
  // Once built and durable, a view is also published for readers on any thread, so
  // public reads need not queue on the office strand at all.
  struct CachedView {
    std::int64_t generation = -1;
    std::int64_t seq = -1;
    std::int64_t second = -1;
    std::string body;
  };
  using Published = std::atomic<std::shared_ptr<const CachedView>>;
  const std::string& cached(Published& published, const std::function<json::value()>& build);
  // The published view if it is current (same committed seq and clock second), else null.
  std::shared_ptr<const CachedView> current_view(const Published& published) const;
  Published queue_view_;
  Published services_view_;

  Office& office_;
  ApiOptions options_;
  HttpMetrics& http_metrics_;
};

ApiResponse json_response(unsigned status, const json::value& body);
ApiResponse error_response(const Status& status);

}  // namespace motcua
