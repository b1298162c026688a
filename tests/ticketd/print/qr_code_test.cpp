// The on-screen QR: the SVG draws exactly libqrencode's modules, and a scanner reads the URL.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <utility>

#include "print_test_support.hpp"
#include "qr_code.hpp"

namespace motcua::print {
namespace {

using testing::TempDir;
using testing::zbar;

// The dark squares an SVG from qr_svg() draws ("M{x} {y}h1v1h-1z" each).
std::set<std::pair<int, int>> squares_in(const std::string& svg) {
  std::set<std::pair<int, int>> out;
  static const std::regex square(R"(M(\d+) (\d+)h1v1h-1z)");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), square); it != std::sregex_iterator(); ++it)
    out.insert({std::stoi((*it)[1]), std::stoi((*it)[2])});
  return out;
}

TEST(QrSvg, DrawsEveryDarkModuleOnceInsideTheQuietZone) {
  const std::string url = "http://192.168.1.10:8080/t/1042.k3J9xQ2mTa7wPq";
  auto qr = encode_qr(url);
  ASSERT_TRUE(qr.is_ok()) << qr.status().message();
  const int n = qr.value().size;
  ASSERT_GE(n, 21);
  const std::string svg = qr_svg(qr.value());
  const int side = n + 2 * kQrQuietModules;
  EXPECT_NE(svg.find("viewBox=\"0 0 " + std::to_string(side) + " " + std::to_string(side) + "\""), std::string::npos);
  EXPECT_NE(svg.find("fill=\"#fff\""), std::string::npos) << "a white background, quiet zone included";

  std::set<std::pair<int, int>> expected;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x)
      if (qr.value().is_dark(x, y)) expected.insert({x + kQrQuietModules, y + kQrQuietModules});
  EXPECT_EQ(squares_in(svg), expected);
}

TEST(QrSvg, AScannerReadsTheUrlFromTheDrawnSquares) {
  TempDir dir;
  for (const std::string url : {"http://127.0.0.1:8080/t/7.AbCdEfGhIjKl", "https://motcua.phuong.gov.vn/t/123456.zZ09aa"}) {
    auto qr = encode_qr(url);
    ASSERT_TRUE(qr.is_ok());
    const std::string svg = qr_svg(qr.value());
    // Paint the SVG's squares as a scanner's camera would see them: 6 dots a module.
    const int side = qr.value().size + 2 * kQrQuietModules, scale = 6;
    MonoImage image(side * scale, side * scale);
    for (const auto& [x, y] : squares_in(svg)) image.fill_rect(x * scale, y * scale, scale, scale, true);
    EXPECT_EQ(zbar(dir, image, "screen.pgm"), url);
  }
}

TEST(QrSvg, TextTooLongForAQrCodeIsRefused) {
  auto qr = encode_qr(std::string(4000, 'x'));
  ASSERT_FALSE(qr.is_ok());
  EXPECT_EQ(qr.status().error(), "bad_qr_text");
}

}  // namespace
}  // namespace motcua::print
