// Prints freshly issued tickets on the kiosks' ESC/POS printers: the PrintHook of ApiOptions.
// Thread-safe: rendering runs on a private worker thread, never on the office strand.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "api.hpp"
#include "escpos.hpp"
#include "net.hpp"
#include "printer_client.hpp"
#include "ticket_printout.hpp"
#include "ticket_renderer.hpp"

namespace motcua {

struct TicketPrintingOptions {
  std::string office_name;
  int utc_offset_minutes = 420;
  // Where citizens' phones reach ticketd, e.g. "http://192.168.1.10:8080"; the QR links to
  // <public_base_url>/t/<code>. A trailing slash is ignored.
  std::string public_base_url;
  int width_dots = 576;  // 576 for 80 mm paper, 384 for 58 mm
  // Every wait is bounded, so the kiosk's reply (which waits for the printer) is too.
  print::PrintOptions printer{.connect_timeout = std::chrono::milliseconds(2000),
                              .write_timeout = std::chrono::milliseconds(3000),
                              .check_paper = true,
                              .status_timeout = std::chrono::milliseconds(1000)};
  print::EscPosOptions escpos;
  std::size_t max_pending = 16;  // jobs rendering or sending at once; more fail as printer_busy
};

// The words on a paper ticket, from the issue response's Ticket object (see docs/API.md).
// invalid_argument("bad_ticket") when a field the ticket needs is missing.
Result<print::TicketPrintout> printout_from_ticket(const json::object& ticket, const TicketPrintingOptions& options);

// "<base>/t/<code>" with the base's trailing slashes dropped.
std::string status_url(const std::string& public_base_url, const std::string& code);

// A base URL phones on the LAN can reach when none is configured: the listen address, or for
// a wildcard listen (0.0.0.0, ::) the first non-loopback IPv4 address of this host. Reads the
// host's interfaces; any thread.
std::string derive_public_base_url(const std::string& listen, unsigned short port);

// The "print" object merged into the issue response: {"ok": true} or
// {"ok": false, "error": id, "message": Vietnamese text for the kiosk screen}.
json::object print_status_json(const Status& status);

class TicketPrinting : public std::enable_shared_from_this<TicketPrinting> {
 public:
  // `io` runs the printer connections (async_print gives each its own strand).
  static std::shared_ptr<TicketPrinting> create(net::any_io_executor io, TicketPrintingOptions options);
  ~TicketPrinting();
  TicketPrinting(const TicketPrinting&) = delete;
  TicketPrinting& operator=(const TicketPrinting&) = delete;

  // Set once the listener knows its port, before any request; not safe to race with print().
  void set_public_base_url(std::string url);
  const std::string& public_base_url() const { return options_.public_base_url; }
  // The QR printed on the ticket with this code, as SVG for a screen.
  Result<std::string> status_qr_svg(const std::string& code) const;

  // The hook for ApiOptions::print. Keeps this object alive while a job is pending.
  PrintHook hook();

  // Renders and sends `ticket` to `kiosk.printer`; `done` gets print_status_json() exactly once,
  // on the io executor, after the printer answered or a timeout passed.
  void print(const Device& kiosk, const json::object& ticket, std::function<void(json::object)> done);

  // Prometheus text: motcua_printer_jobs_total, motcua_printer_failures_total{device,error}
  // and motcua_printer_up{device} (0 after the last job failed). Safe from any thread.
  std::string metrics_text() const;
  std::uint64_t failures() const;

 private:
  TicketPrinting(net::any_io_executor io, TicketPrintingOptions options);
  // Runs on the worker thread only.
  Result<std::string> render_job(const json::object& ticket);
  void finish(const std::string& device_id, const std::string& number, const Status& status,
              const std::function<void(json::object)>& done);

  net::any_io_executor io_;
  TicketPrintingOptions options_;
  net::thread_pool worker_{1};
  std::optional<print::TicketRenderer> renderer_;  // opened lazily, touched on the worker only
  std::atomic<std::size_t> pending_{0};

  struct DeviceCounts {
    std::uint64_t jobs = 0;
    std::map<std::string, std::uint64_t> failures;  // by error id
    bool up = true;
  };
  mutable std::mutex counts_mutex_;  // completions arrive on any io thread
  std::map<std::string, DeviceCounts> counts_;
};

}  // namespace motcua
