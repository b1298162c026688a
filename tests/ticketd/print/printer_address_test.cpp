#include <gtest/gtest.h>

#include "printer_address.hpp"

namespace motcua::print {
namespace {

TEST(PrinterAddress, ParsesHostAndPort) {
  auto a = parse_printer_address("192.168.1.50:9100");
  ASSERT_TRUE(a.is_ok());
  EXPECT_EQ(a.value().host, "192.168.1.50");
  EXPECT_EQ(a.value().port, 9100);

  auto b = parse_printer_address("printer-1.local");
  ASSERT_TRUE(b.is_ok());
  EXPECT_EQ(b.value().host, "printer-1.local");
  EXPECT_EQ(b.value().port, 9100);  // the raw-TCP printing default

  auto c = parse_printer_address("[::1]:9101");
  ASSERT_TRUE(c.is_ok());
  EXPECT_EQ(c.value().host, "::1");
  EXPECT_EQ(c.value().port, 9101);
  EXPECT_EQ(c.value().to_string(), "[::1]:9101");
}

TEST(PrinterAddress, RejectsMalformed) {
  for (const char* text : {"", ":9100", "host:", "host:0", "host:65536", "host:91x", "a b:9100", "::1:9100",
                           "[::1", "[::1]9100", "host:9100:1"}) {
    auto r = parse_printer_address(text);
    ASSERT_FALSE(r.is_ok()) << text;
    EXPECT_EQ(r.status().code(), StatusCode::invalid_argument) << text;
    EXPECT_EQ(r.status().error(), "bad_printer_address") << text;
  }
}

}  // namespace
}  // namespace motcua::print
