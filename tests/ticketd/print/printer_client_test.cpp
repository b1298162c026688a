#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>

#include "escpos.hpp"
#include "escpos_decoder.hpp"
#include "fake_printer.hpp"
#include "print_test_support.hpp"
#include "printer_client.hpp"
#include "ticket_renderer.hpp"

namespace motcua::print {
namespace {

using testing::FakePrinter;
namespace net = boost::asio;

PrinterAddress loopback(std::uint16_t port) { return PrinterAddress{"127.0.0.1", port}; }

// A port that was just free: bind, read the port, close. Nothing listens there afterwards.
std::uint16_t closed_port() {
  net::io_context io;
  net::ip::tcp::acceptor a(io, net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  return a.local_endpoint().port();
}

TEST(PrinterClient, TicketArrivesAndDecodesToTheSameRaster) {
  for (int width : {384, 576}) {
    FakePrinter printer;
    auto renderer = TicketRenderer::open(RenderOptions{.width_dots = width});
    ASSERT_TRUE(renderer.is_ok());
    const std::string url = "http://127.0.0.1:8080/t/Hk2pQ9rT4xYz";
    auto image = renderer.value().render(testing::sample_ticket("5012", url));
    ASSERT_TRUE(image.is_ok());

    const Status sent = print_blocking(loopback(printer.port()), encode_escpos(image.value()));
    ASSERT_TRUE(sent.is_ok()) << sent.error() << ": " << sent.message();

    auto bytes = printer.wait_for_connection();
    ASSERT_TRUE(bytes.has_value());
    EXPECT_EQ(printer.status_queries(), 1);
    // The paper query comes first on the wire, then the job.
    ASSERT_EQ(bytes->substr(0, 3), std::string("\x10\x04\x04", 3));
    const std::string job = bytes->substr(3);
    EXPECT_EQ(job.substr(job.size() - 4), std::string("\x1d\x56\x42\x00", 4));  // ends with a cut

    auto decoded = testing::decode_escpos(job);
    ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
    const MonoImage& got = decoded.value().image;
    EXPECT_TRUE(decoded.value().starts_with_reset);
    EXPECT_TRUE(decoded.value().ends_with_cut);
    ASSERT_EQ(got.width(), width);
    ASSERT_EQ(got.height(), image.value().height());
    for (int y = 0; y < got.height(); ++y)
      for (int x = 0; x < got.width(); ++x) ASSERT_EQ(got.black(x, y), image.value().black(x, y)) << x << "," << y;

    // What the printer would print: the QR scans to the ticket's page...
    testing::TempDir dir;
    const auto file = dir.path() / "printed.pgm";
    ASSERT_TRUE(write_file(file.string(), to_pgm(got)).is_ok());
    auto scan = testing::run_bounded("zbarimg --quiet --raw '" + file.string() + "' 2>/dev/null", 30);
    ASSERT_EQ(scan.exit_code, 0);
    EXPECT_EQ(scan.output, url + "\n");
    // ...and the big number is there, dot for dot as the renderer draws it alone.
    const int px = renderer.value().number_font_px("5012");
    auto number = renderer.value().render_text("5012", px, true);
    ASSERT_TRUE(number.is_ok());
    EXPECT_EQ(testing::count_exact_matches(got, trim_rows(number.value())), 1);
  }
}

TEST(PrinterClient, RefusedConnectionIsUnreachable) {
  const Status s = print_blocking(loopback(closed_port()), encode_escpos(MonoImage(384, 8)));
  EXPECT_EQ(s.code(), StatusCode::unavailable);
  EXPECT_EQ(s.error(), "printer_unreachable");
  EXPECT_FALSE(s.message().empty());
}

TEST(PrinterClient, UnknownHostIsUnreachable) {
  // ".invalid" is reserved (RFC 2606): lookups fail without a network.
  const Status s = print_blocking(PrinterAddress{"printer.invalid", 9100}, "x");
  EXPECT_EQ(s.code(), StatusCode::unavailable);
  EXPECT_TRUE(s.error() == "printer_unreachable" || s.error() == "printer_timeout") << s.error();
}

TEST(PrinterClient, PaperOutIsReportedAndNothingIsPrinted) {
  FakePrinter printer(FakePrinter::Mode::answer_status, 0x72);  // paper end sensor bits 5–6
  const Status s = print_blocking(loopback(printer.port()), encode_escpos(MonoImage(384, 8)));
  EXPECT_EQ(s.code(), StatusCode::unavailable);
  EXPECT_EQ(s.error(), "printer_paper_out");
  auto bytes = printer.wait_for_connection();
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(*bytes, std::string("\x10\x04\x04", 3));  // only the query, no job
}

TEST(PrinterClient, PaperNearEndStillPrints) {
  FakePrinter printer(FakePrinter::Mode::answer_status, 0x1e);
  const std::string job = encode_escpos(MonoImage(384, 8));
  ASSERT_TRUE(print_blocking(loopback(printer.port()), job).is_ok());
  auto bytes = printer.wait_for_connection();
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(bytes->substr(3), job);
}

TEST(PrinterClient, SilentPrinterTimesOut) {
  FakePrinter printer(FakePrinter::Mode::silent);
  PrintOptions options;
  options.status_timeout = std::chrono::milliseconds(300);
  const Status s = print_blocking(loopback(printer.port()), "job", options);
  EXPECT_EQ(s.code(), StatusCode::unavailable);
  EXPECT_EQ(s.error(), "printer_timeout");
}

TEST(PrinterClient, PrinterThatStopsReadingTimesOut) {
  FakePrinter printer(FakePrinter::Mode::never_read);
  PrintOptions options;
  options.check_paper = false;
  options.write_timeout = std::chrono::milliseconds(500);
  // Far more than the loopback socket buffers hold, so the write must stall.
  const Status s = print_blocking(loopback(printer.port()), std::string(64 << 20, '\0'), options);
  EXPECT_EQ(s.error(), "printer_timeout");
}

TEST(PrinterClient, WithoutPaperCheckOnlyTheJobIsSent) {
  FakePrinter printer(FakePrinter::Mode::silent);
  PrintOptions options;
  options.check_paper = false;
  const std::string job = encode_escpos(MonoImage(576, 30));
  ASSERT_TRUE(print_blocking(loopback(printer.port()), job, options).is_ok());
  EXPECT_EQ(printer.wait_for_connection(), job);
}

TEST(PrinterClient, AsyncHandlerIsPostedToTheCallersStrandNeverInline) {
  FakePrinter printer;
  net::io_context io;
  auto writer = net::make_strand(io);  // stands in for the daemon's single writer
  int calls = 0;
  bool on_writer = false;
  Status got = Status::unavailable("not_called", "");
  async_print(writer, loopback(printer.port()), encode_escpos(MonoImage(384, 8)), PrintOptions{},
              [&](Status s) {
                ++calls;
                on_writer = writer.running_in_this_thread();
                got = std::move(s);
              });
  EXPECT_EQ(calls, 0);  // returned before any I/O happened
  io.run();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(on_writer);
  EXPECT_TRUE(got.is_ok()) << got.message();

  // A failing job also reports exactly once.
  io.restart();
  async_print(writer, loopback(closed_port()), "x", PrintOptions{}, [&](Status s) {
    ++calls;
    got = std::move(s);
  });
  io.run();
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(got.error(), "printer_unreachable");
}

}  // namespace
}  // namespace motcua::print
