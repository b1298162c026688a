// The real ticketd with a kiosk whose printer is a fake one on loopback: what reaches the paper,
// and what happens when the printer is down or out of paper.
#include <gtest/gtest.h>

#include <filesystem>

#include "daemon_process.hpp"
#include "escpos_decoder.hpp"
#include "fake_printer.hpp"
#include "http_client.hpp"
#include "kiosk_config.hpp"
#include "print_test_support.hpp"
#include "ticket_renderer.hpp"

namespace motcua::kiosk_testing {
namespace {

namespace json = boost::json;
using print::testing::FakePrinter;

struct Office {
  explicit Office(std::uint16_t printer_port, std::uint16_t dead_port = unused_port()) {
    config = (dir.path() / "office.toml").string();
    EXPECT_TRUE(write_text(config, office_toml(printer_port, dead_port)));
    daemon = std::make_unique<motcua::testing::DaemonProcess>(daemon_options(config));
    started = daemon->start();
  }
  unsigned short port() const { return daemon->port(); }

  print::testing::TempDir dir;
  std::string config;
  std::unique_ptr<motcua::testing::DaemonProcess> daemon;
  bool started = false;
};

std::string zbar(const print::MonoImage& image, const print::testing::TempDir& dir) {
  const auto file = (dir.path() / "ticket.pgm").string();
  EXPECT_TRUE(print::write_file(file, print::to_pgm(image)).is_ok());
  auto r = print::testing::run_bounded("zbarimg --quiet --raw '" + file + "' 2>/dev/null", 30);
  while (!r.output.empty() && (r.output.back() == '\n' || r.output.back() == '\r')) r.output.pop_back();
  return r.output;
}

TEST(KioskPrinting, IssuedTicketReachesThePrinterWithItsQrAndNumber) {
  FakePrinter printer;
  Office office(printer.port());
  ASSERT_TRUE(office.started) << office.daemon->log();

  auto r = issue(office.port(), kKioskKey, {{"service", "ho-tich"}, {"idempotency_key", "print-1"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto& t = r.json.as_object();
  ASSERT_TRUE(t.contains("print")) << r.body;
  EXPECT_EQ(t.at("print").at("ok"), true) << r.body;
  const std::string number(t.at("number").as_string());
  const std::string code(t.at("code").as_string());
  EXPECT_EQ(number, "1001");

  auto bytes = printer.wait_for_connection();
  ASSERT_TRUE(bytes.has_value());
  auto job = decode_printed(*bytes);
  ASSERT_TRUE(job.is_ok()) << job.status().message();
  EXPECT_TRUE(job.value().starts_with_reset);
  EXPECT_TRUE(job.value().ends_with_cut);
  EXPECT_GE(job.value().bands, 1);
  EXPECT_EQ(job.value().image.width(), 576);

  // The QR is the citizen's page on this ticketd (no public_base_url: the listen address).
  EXPECT_EQ(zbar(job.value().image, office.dir), office.daemon->base_url() + "/t/" + code);

  // The big number, dot for dot as the renderer draws it, and not another number.
  auto renderer = print::TicketRenderer::open({});
  ASSERT_TRUE(renderer.is_ok());
  const int px = renderer.value().number_font_px(number);
  auto expected = renderer.value().render_text(number, px, true);
  auto other = renderer.value().render_text("1002", px, true);
  ASSERT_TRUE(expected.is_ok() && other.is_ok());
  EXPECT_EQ(print::testing::count_exact_matches(job.value().image, print::trim_rows(expected.value())), 1);
  EXPECT_EQ(print::testing::count_exact_matches(job.value().image, print::trim_rows(other.value())), 0);

  // A retry of the same request is the same ticket and prints nothing more: the next job
  // the printer sees is the next ticket's.
  auto replay = issue(office.port(), kKioskKey, {{"service", "ho-tich"}, {"idempotency_key", "print-1"}});
  ASSERT_EQ(replay.status, 200) << replay.body;
  EXPECT_EQ(replay.json.at("replayed"), true);
  EXPECT_FALSE(replay.json.as_object().contains("print"));
  auto next = issue(office.port(), kKioskKey, {{"service", "chung-thuc"}, {"idempotency_key", "print-2"}});
  ASSERT_EQ(next.status, 201) << next.body;
  auto next_bytes = printer.wait_for_connection();
  ASSERT_TRUE(next_bytes.has_value());
  auto next_job = decode_printed(*next_bytes);
  ASSERT_TRUE(next_job.is_ok());
  EXPECT_EQ(zbar(next_job.value().image, office.dir),
            office.daemon->base_url() + "/t/" + std::string(next.json.at("code").as_string()));
  EXPECT_EQ(issued_today_total(office.port()), 2);
}

TEST(KioskPrinting, PrinterDownStillIssuesTheTicketAndSaysSo) {
  FakePrinter printer;  // kiosk-1's; this test uses kiosk-2, whose printer is not listening
  Office office(printer.port());
  ASSERT_TRUE(office.started) << office.daemon->log();

  auto r = issue(office.port(), kDeadPrinterKioskKey, {{"service", "ho-tich"}, {"idempotency_key", "down-1"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto& print_status = r.json.at("print").as_object();
  EXPECT_EQ(print_status.at("ok"), false);
  EXPECT_EQ(print_status.at("error"), "printer_unreachable");
  EXPECT_NE(std::string(print_status.at("message").as_string()).find("Máy in"), std::string::npos);

  // The ticket exists, in line, and its page works.
  const std::string code(r.json.at("code").as_string());
  auto page = http_request(office.port(), "GET", "/api/tickets/by-code/" + code);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.json.at("state"), "waiting");
  EXPECT_EQ(page.json.at("number"), "1001");
  EXPECT_EQ(issued_today_total(office.port()), 1);
  // The failure is logged for the office.
  EXPECT_NE(office.daemon->log().find("printer_unreachable"), std::string::npos);

  // A retry (the kiosk's, after no answer) is the same ticket, not a second one.
  auto replay = issue(office.port(), kDeadPrinterKioskKey, {{"service", "ho-tich"}, {"idempotency_key", "down-1"}});
  ASSERT_EQ(replay.status, 200);
  EXPECT_EQ(replay.json.at("id"), r.json.at("id"));
  EXPECT_EQ(issued_today_total(office.port()), 1);
}

TEST(KioskPrinting, PaperOutIsReportedAndNothingIsPrinted) {
  // DLE EOT 4 answer with bits 5–6 set: the roll is empty.
  FakePrinter printer(FakePrinter::Mode::answer_status, 0x72);
  Office office(printer.port());
  ASSERT_TRUE(office.started) << office.daemon->log();

  auto r = issue(office.port(), kKioskKey, {{"service", "chung-thuc"}, {"idempotency_key", "paper-1"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json.at("print").at("ok"), false);
  EXPECT_EQ(r.json.at("print").at("error"), "printer_paper_out");
  EXPECT_NE(std::string(r.json.at("print").at("message").as_string()).find("hết giấy"), std::string::npos);
  auto bytes = printer.wait_for_connection();
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(bytes->find("\x1d\x76\x30"), std::string::npos);  // no GS v 0 raster was sent
  EXPECT_EQ(http_request(office.port(), "GET", "/api/tickets/by-code/" + std::string(r.json.at("code").as_string())).status,
            200);
}

TEST(KioskPrinting, KioskWithoutPrinterGetsNoPrintField) {
  FakePrinter printer;
  Office office(printer.port());
  ASSERT_TRUE(office.started) << office.daemon->log();
  auto r = issue(office.port(), kPlainKioskKey, {{"service", "ho-tich"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_FALSE(r.json.as_object().contains("print"));
}

}  // namespace
}  // namespace motcua::kiosk_testing
