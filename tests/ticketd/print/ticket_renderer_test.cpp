#include <gtest/gtest.h>

#include "print_test_support.hpp"
#include "ticket_renderer.hpp"

namespace motcua::print {
namespace {

using testing::count_exact_matches;
using testing::run_bounded;
using testing::sample_ticket;
using testing::TempDir;
using testing::zbar;

TicketRenderer open_renderer(int width) {
  auto r = TicketRenderer::open(RenderOptions{.width_dots = width});
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  return std::move(r.value());
}

TEST(TicketRenderer, RejectsOtherWidthsAndMissingFonts) {
  auto w = TicketRenderer::open(RenderOptions{.width_dots = 500});
  ASSERT_FALSE(w.is_ok());
  EXPECT_EQ(w.status().error(), "bad_print_width");
  auto f = TicketRenderer::open(RenderOptions{.width_dots = 384, .regular_font = "/nonexistent/font.ttf"});
  ASSERT_FALSE(f.is_ok());
  EXPECT_EQ(f.status().code(), StatusCode::unavailable);
  EXPECT_EQ(f.status().error(), "font_missing");
}

TEST(TicketRenderer, WidthIsExactlyThePaperWidth) {
  for (int width : {384, 576}) {
    auto renderer = open_renderer(width);
    auto img = renderer.render(sample_ticket());
    ASSERT_TRUE(img.is_ok()) << img.status().message();
    EXPECT_EQ(img.value().width(), width);
    EXPECT_GT(img.value().height(), width);  // a ticket is taller than wide
    EXPECT_GT(img.value().count_black(), 1000u);
  }
}

TEST(TicketRenderer, QrCodeScansToTheStatusUrl) {
  TempDir dir;
  for (int width : {384, 576}) {
    auto renderer = open_renderer(width);
    const std::string url = "http://127.0.0.1:8080/t/Zq81mKa0Pw4e" + std::to_string(width);
    auto img = renderer.render(sample_ticket("2045", url));
    ASSERT_TRUE(img.is_ok());
    EXPECT_EQ(zbar(dir, img.value(), "w" + std::to_string(width) + ".pgm"), url);
  }
}

TEST(TicketRenderer, NoQrWithoutUrl) {
  TempDir dir;
  auto renderer = open_renderer(384);
  auto img = renderer.render(sample_ticket("2045", ""));
  ASSERT_TRUE(img.is_ok());
  const auto file = dir.path() / "noqr.pgm";
  ASSERT_TRUE(write_file(file.string(), to_pgm(img.value())).is_ok());
  // zbarimg exits 4 when it finds no symbol.
  EXPECT_EQ(run_bounded("zbarimg --quiet --raw '" + file.string() + "' 2>/dev/null", 30).exit_code, 4);
}

TEST(TicketRenderer, BigNumberAppearsExactlyOnce) {
  for (int width : {384, 576}) {
    auto renderer = open_renderer(width);
    auto ticket = renderer.render(sample_ticket("1023"));
    ASSERT_TRUE(ticket.is_ok());
    const auto expected = renderer.render_text("1023", renderer.number_font_px("1023"), true);
    ASSERT_TRUE(expected.is_ok());
    EXPECT_EQ(count_exact_matches(ticket.value(), trim_rows(expected.value())), 1) << width;
    // The search can fail: a different number of the same size is not there.
    const auto other = renderer.render_text("1024", renderer.number_font_px("1023"), true);
    EXPECT_EQ(count_exact_matches(ticket.value(), trim_rows(other.value())), 0) << width;
  }
}

TEST(TicketRenderer, NumberFillsMostOfTheWidth) {
  auto renderer = open_renderer(576);
  const auto number = renderer.render_text("1023", renderer.number_font_px("1023"), true);
  ASSERT_TRUE(number.is_ok());
  EXPECT_LE(number.value().width(), 576);
  EXPECT_GE(number.value().width(), 576 * 3 / 4);
  EXPECT_GE(trim_rows(number.value()).height(), 100);  // about 12 mm of print at 203 dpi
}

TEST(TicketRenderer, VietnameseTextSurvivesThresholding) {
  // Tesseract with the Vietnamese model reads the 1-bit ticket back, diacritics included.
  TempDir dir;
  auto renderer = open_renderer(576);
  auto img = renderer.render(sample_ticket("3007"));
  ASSERT_TRUE(img.is_ok());
  const auto file = dir.path() / "ticket.png";
  ASSERT_TRUE(write_file(file.string(), to_png(img.value())).is_ok());
  auto r = run_bounded("tesseract '" + file.string() + "' stdout -l vie 2>/dev/null", 120);
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.output.find("3007"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Vui lòng chờ đến lượt"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Hộ tịch"), std::string::npos) << r.output;
}

TEST(TicketRenderer, PngAndPgmWriters) {
  MonoImage img(3, 2);
  img.set(1, 0, true);
  const std::string pgm = to_pgm(img);
  EXPECT_EQ(pgm, std::string("P5\n3 2\n255\n\xff\x00\xff\xff\xff\xff", 17));
  const std::string png = to_png(img);
  EXPECT_EQ(png.substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_EQ(png.substr(12, 4), "IHDR");
  EXPECT_EQ(png.substr(png.size() - 8, 4), "IEND");
}

}  // namespace
}  // namespace motcua::print
