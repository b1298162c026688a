#include "ticket_printing.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include <cstdio>

#include "domain/model.hpp"
#include "qr_code.hpp"
#include "domain/time.hpp"

namespace motcua {
namespace {

std::string string_field(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::int64_t int_field(const json::object& o, const char* key, std::int64_t fallback) {
  const json::value* v = o.if_contains(key);
  return v && v->is_int64() ? v->as_int64() : fallback;
}

std::string priority_group_name(const std::string& code) {
  for (const auto& [c, name] : priority_groups())
    if (c == code) return name;
  return "";
}

// The kiosk shows these to the citizen, so they say what to do, not what broke.
std::string message_for(const std::string& error) {
  if (error == "printer_paper_out") return "Máy in hết giấy. Số của ông/bà vẫn được ghi nhận, vui lòng ghi nhớ số trên màn hình.";
  if (error == "printer_timeout") return "Máy in không phản hồi. Số của ông/bà vẫn được ghi nhận, vui lòng ghi nhớ số trên màn hình.";
  if (error == "printer_busy") return "Máy in đang bận. Số của ông/bà vẫn được ghi nhận, vui lòng ghi nhớ số trên màn hình.";
  return "Máy in đang gặp sự cố. Số của ông/bà vẫn được ghi nhận, vui lòng ghi nhớ số trên màn hình.";
}

std::string prometheus_label(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') { out += "\\n"; continue; }
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string status_url(const std::string& public_base_url, const std::string& code) {
  std::string base = public_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/t/" + code;
}

Result<std::string> TicketPrinting::status_qr_svg(const std::string& code) const {
  auto qr = print::encode_qr(status_url(options_.public_base_url, code));
  if (!qr.is_ok()) return qr.status();
  return print::qr_svg(qr.value());
}

std::string derive_public_base_url(const std::string& listen, unsigned short port) {
  std::string host = listen;
  if (listen.empty() || listen == "0.0.0.0" || listen == "::") {
    host = "127.0.0.1";
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) == 0) {
      for (ifaddrs* i = list; i; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET) continue;
        const auto* in = reinterpret_cast<const sockaddr_in*>(i->ifa_addr);
        if ((ntohl(in->sin_addr.s_addr) >> 24) == 127) continue;
        char text[INET_ADDRSTRLEN] = {};
        if (inet_ntop(AF_INET, &in->sin_addr, text, sizeof text)) {
          host = text;
          break;
        }
      }
      freeifaddrs(list);
    }
  } else if (host.find(':') != std::string::npos) {
    host = "[" + host + "]";  // an IPv6 literal
  }
  return "http://" + host + ":" + std::to_string(port);
}

Result<print::TicketPrintout> printout_from_ticket(const json::object& ticket, const TicketPrintingOptions& options) {
  print::TicketPrintout p;
  p.office_name = options.office_name;
  p.service_name = string_field(ticket, "service_name");
  p.number = string_field(ticket, "number");
  const std::string code = string_field(ticket, "code");
  const std::int64_t issued_at = int_field(ticket, "issued_at", -1);
  if (p.number.empty() || code.empty() || issued_at < 0 || p.service_name.empty())
    return Status::invalid_argument("bad_ticket", "Thiếu số thứ tự, mã hoặc giờ cấp");
  p.issued_at = print::format_issued_at(from_unix_ms(issued_at), options.utc_offset_minutes);
  p.people_ahead = static_cast<int>(std::max<std::int64_t>(0, int_field(ticket, "position", 0)));
  p.estimated_wait_s = static_cast<int>(std::max<std::int64_t>(0, int_field(ticket, "estimated_wait_s", 0)));
  p.open_counters = static_cast<int>(int_field(ticket, "open_counters", -1));
  p.status_url = status_url(options.public_base_url, code);
  const json::value* priority = ticket.if_contains("priority");
  if (priority && priority->is_bool() && priority->as_bool()) {
    p.priority_group_name = priority_group_name(string_field(ticket, "priority_group"));
    if (p.priority_group_name.empty()) p.priority_group_name = "Đối tượng ưu tiên";
  }
  return p;
}

json::object print_status_json(const Status& status) {
  if (status.is_ok()) return json::object{{"ok", true}};
  return json::object{{"ok", false}, {"error", status.error()}, {"message", message_for(status.error())}};
}

std::shared_ptr<TicketPrinting> TicketPrinting::create(net::any_io_executor io, TicketPrintingOptions options) {
  return std::shared_ptr<TicketPrinting>(new TicketPrinting(std::move(io), std::move(options)));
}

TicketPrinting::TicketPrinting(net::any_io_executor io, TicketPrintingOptions options)
    : io_(std::move(io)), options_(std::move(options)) {}

TicketPrinting::~TicketPrinting() {
  worker_.join();
}

void TicketPrinting::set_public_base_url(std::string url) { options_.public_base_url = std::move(url); }

PrintHook TicketPrinting::hook() {
  return [self = shared_from_this()](const Device& kiosk, const json::object& ticket,
                                     std::function<void(json::object)> done) {
    self->print(kiosk, ticket, std::move(done));
  };
}

void TicketPrinting::print(const Device& kiosk, const json::object& ticket, std::function<void(json::object)> done) {
  const std::string number = string_field(ticket, "number");
  auto address = print::parse_printer_address(kiosk.printer);
  if (!address.is_ok()) {
    net::post(io_, [self = shared_from_this(), id = kiosk.id, number, s = address.status(), done = std::move(done)] {
      self->finish(id, number, s, done);
    });
    return;
  }
  // A stuck printer must not pile up rendered jobs without bound.
  if (pending_.fetch_add(1) >= options_.max_pending) {
    pending_.fetch_sub(1);
    net::post(io_, [self = shared_from_this(), id = kiosk.id, number, done = std::move(done)] {
      self->finish(id, number, Status::unavailable("printer_busy", "too many print jobs pending"), done);
    });
    return;
  }
  net::post(worker_, [self = shared_from_this(), id = kiosk.id, number, address = address.value(), ticket,
                      done = std::move(done)]() mutable {
    auto job = self->render_job(ticket);
    if (!job.is_ok()) {
      net::post(self->io_, [self, id, number, s = job.status(), done = std::move(done)] {
        self->pending_.fetch_sub(1);
        self->finish(id, number, s, done);
      });
      return;
    }
    print::async_print(self->io_, address, std::move(job.value()), self->options_.printer,
                       [self, id, number, done = std::move(done)](Status s) {
                         self->pending_.fetch_sub(1);
                         self->finish(id, number, s, done);
                       });
  });
}

Result<std::string> TicketPrinting::render_job(const json::object& ticket) {
  if (!renderer_) {
    auto r = print::TicketRenderer::open(print::RenderOptions{.width_dots = options_.width_dots});
    if (!r.is_ok()) return r.status();
    renderer_.emplace(std::move(r.value()));
  }
  auto printout = printout_from_ticket(ticket, options_);
  if (!printout.is_ok()) return printout.status();
  auto image = renderer_->render(printout.value());
  if (!image.is_ok()) return image.status();
  return print::encode_escpos(image.value(), options_.escpos);
}

void TicketPrinting::finish(const std::string& device_id, const std::string& number, const Status& status,
                            const std::function<void(json::object)>& done) {
  {
    std::lock_guard lock(counts_mutex_);
    DeviceCounts& c = counts_[device_id];
    ++c.jobs;
    c.up = status.is_ok();
    if (!status.is_ok()) ++c.failures[status.error()];
  }
  if (!status.is_ok())
    std::fprintf(stderr, "ticketd: printing ticket %s on kiosk %s failed: %s (%s)\n", number.c_str(),
                 device_id.c_str(), status.error().c_str(), status.message().c_str());
  done(print_status_json(status));
}

std::uint64_t TicketPrinting::failures() const {
  std::lock_guard lock(counts_mutex_);
  std::uint64_t n = 0;
  for (const auto& [id, c] : counts_)
    for (const auto& [error, count] : c.failures) n += count;
  return n;
}

std::string TicketPrinting::metrics_text() const {
  std::lock_guard lock(counts_mutex_);
  std::string out;
  out += "# HELP motcua_printer_jobs_total Paper tickets sent to each kiosk's printer, failed or not.\n";
  out += "# TYPE motcua_printer_jobs_total counter\n";
  for (const auto& [id, c] : counts_)
    out += "motcua_printer_jobs_total{device=\"" + prometheus_label(id) + "\"} " + std::to_string(c.jobs) + "\n";
  out += "# HELP motcua_printer_failures_total Paper tickets that did not print, by error id.\n";
  out += "# TYPE motcua_printer_failures_total counter\n";
  for (const auto& [id, c] : counts_)
    for (const auto& [error, count] : c.failures)
      out += "motcua_printer_failures_total{device=\"" + prometheus_label(id) + "\",error=\"" +
             prometheus_label(error) + "\"} " + std::to_string(count) + "\n";
  out += "# HELP motcua_printer_up 1 when the kiosk's last paper ticket printed, 0 when it failed.\n";
  out += "# TYPE motcua_printer_up gauge\n";
  for (const auto& [id, c] : counts_)
    out += "motcua_printer_up{device=\"" + prometheus_label(id) + "\"} " + std::string(c.up ? "1" : "0") + "\n";
  return out;
}

}  // namespace motcua
