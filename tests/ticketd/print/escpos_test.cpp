#include <gtest/gtest.h>

#include "escpos.hpp"
#include "escpos_decoder.hpp"

namespace motcua::print {
namespace {

MonoImage checker(int w, int h) {
  MonoImage img(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) img.set(x, y, ((x * 7 + y * 3) % 5) == 0);
  return img;
}

TEST(EscPos, ExactBytesForATinyImage) {
  MonoImage img(16, 2);
  img.set(0, 0, true);   // MSB of the first byte is the leftmost dot
  img.set(15, 0, true);  // LSB of the second byte
  img.set(8, 1, true);
  const std::string job = encode_escpos(img, EscPosOptions{.band_rows = 240, .feed_lines = 3});
  const std::string expected = std::string("\x1b\x40", 2) +                       // ESC @
                               std::string("\x1d\x76\x30\x00\x02\x00\x02\x00", 8) +  // GS v 0 m xL xH yL yH
                               std::string("\x80\x01\x00\x80", 4) +               // two rows of two bytes
                               std::string("\x1b\x64\x03", 3) +                   // ESC d 3
                               std::string("\x1d\x56\x42\x00", 4);                // GS V 66 0
  EXPECT_EQ(job, expected);
}

TEST(EscPos, FullCutOption) {
  const std::string job = encode_escpos(MonoImage(8, 1), EscPosOptions{.feed_lines = 0, .cut = CutMode::full_cut});
  EXPECT_EQ(job.substr(job.size() - 3), std::string("\x1d\x56\x00", 3));
}

TEST(EscPos, TallImagesSplitIntoBandsThatDecodeToTheSameImage) {
  for (int width : {384, 576}) {
    const MonoImage img = checker(width, 1000);
    const std::string job = encode_escpos(img, EscPosOptions{.band_rows = 240});
    auto decoded = testing::decode_escpos(job);
    ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
    const auto& d = decoded.value();
    EXPECT_TRUE(d.starts_with_reset);
    EXPECT_EQ(d.resets, 1);
    EXPECT_EQ(d.bands, 5);  // 240 × 4 + 40
    EXPECT_EQ(d.image.width(), width);
    EXPECT_EQ(d.image.height(), 1000);
    EXPECT_TRUE(d.ends_with_cut);
    EXPECT_EQ(d.cut, "partial_after_feed");
    for (int y = 0; y < img.height(); ++y)
      for (int x = 0; x < img.width(); ++x) ASSERT_EQ(d.image.black(x, y), img.black(x, y)) << x << "," << y;
  }
}

TEST(EscPos, WidthIsPaddedToWholeBytesWithWhite) {
  MonoImage img(10, 1);
  for (int x = 0; x < 10; ++x) img.set(x, 0, true);
  const std::string job = encode_escpos(img);
  // xL = 2 bytes; second byte has only its two leftmost dots black.
  EXPECT_EQ(static_cast<unsigned char>(job[6]), 2);
  EXPECT_EQ(static_cast<unsigned char>(job[10]), 0xff);
  EXPECT_EQ(static_cast<unsigned char>(job[11]), 0xc0);
}

TEST(EscPos, DecoderRejectsStrayBytes) {
  std::string job = encode_escpos(checker(16, 4));
  job.insert(2, "hello");
  EXPECT_FALSE(testing::decode_escpos(job).is_ok());
}

TEST(EscPos, PaperStatusByte) {
  EXPECT_EQ(paper_status_from_byte(0x12), PaperStatus::ok);
  EXPECT_EQ(paper_status_from_byte(0x1e), PaperStatus::near_end);
  EXPECT_EQ(paper_status_from_byte(0x72), PaperStatus::out);
  EXPECT_EQ(paper_status_from_byte(0x7e), PaperStatus::out);
}

}  // namespace
}  // namespace motcua::print
