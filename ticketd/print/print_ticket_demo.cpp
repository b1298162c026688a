// print_ticket_demo: renders a sample ticket to an image file, and optionally sends it to a printer.
//   print_ticket_demo [--width 384|576] [--out ticket.png|ticket.pgm] [--escpos job.bin]
//                     [--number 1023] [--send host:port]
#include <cstdio>
#include <cstring>
#include <string>

#include "escpos.hpp"
#include "printer_client.hpp"
#include "ticket_renderer.hpp"

using namespace motcua;
using namespace motcua::print;

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

int fail(const Status& s) {
  std::fprintf(stderr, "print_ticket_demo: %s: %s\n", s.error().c_str(), s.message().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  int width = 576;
  std::string out = "ticket.png", escpos_out, send_to;
  TicketPrintout t;
  t.office_name = "Bộ phận Một cửa UBND phường Hàng Bạc";
  t.service_name = "Tư pháp – Hộ tịch";
  t.number = "1023";
  // 2026-11-23 09:41 local time (UTC+7), fixed so the sample image is reproducible.
  t.issued_at = format_issued_at(from_unix_ms(1795401660000), 7 * 60);
  t.people_ahead = 3;
  t.estimated_wait_s = 840;
  t.status_url = "http://127.0.0.1:8080/t/k3J9xQ2mTa7w";

  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--width" && has_value) width = std::atoi(argv[++i]);
    else if (arg == "--out" && has_value) out = argv[++i];
    else if (arg == "--escpos" && has_value) escpos_out = argv[++i];
    else if (arg == "--number" && has_value) t.number = argv[++i];
    else if (arg == "--url" && has_value) t.status_url = argv[++i];
    else if (arg == "--send" && has_value) send_to = argv[++i];
    else {
      std::fprintf(stderr,
                   "usage: %s [--width 384|576] [--out FILE.png|FILE.pgm] [--escpos FILE] [--number N]"
                   " [--url URL] [--send host:port]\n",
                   argv[0]);
      return 2;
    }
  }

  auto renderer = TicketRenderer::open(RenderOptions{.width_dots = width});
  if (!renderer.is_ok()) return fail(renderer.status());
  auto image = renderer.value().render(t);
  if (!image.is_ok()) return fail(image.status());

  const std::string file = ends_with(out, ".pgm") ? to_pgm(image.value()) : to_png(image.value());
  if (auto s = write_file(out, file); !s.is_ok()) return fail(s);
  std::printf("%s: %d×%d dots\n", out.c_str(), image.value().width(), image.value().height());

  const std::string job = encode_escpos(image.value());
  if (!escpos_out.empty()) {
    if (auto s = write_file(escpos_out, job); !s.is_ok()) return fail(s);
    std::printf("%s: %zu bytes of ESC/POS\n", escpos_out.c_str(), job.size());
  }
  if (!send_to.empty()) {
    auto address = parse_printer_address(send_to);
    if (!address.is_ok()) return fail(address.status());
    if (auto s = print_blocking(address.value(), job); !s.is_ok()) return fail(s);
    std::printf("sent to %s\n", address.value().to_string().c_str());
  }
  return 0;
}
