// Text from outside is kept in NFC: the same Vietnamese word, typed decomposed or
// precomposed, becomes the same bytes (unicode_text.hpp).
#include "unicode_text.hpp"

#include <gtest/gtest.h>

#include "config_loader.hpp"

namespace motcua {
namespace {

struct NfcCase {
  const char* name;
  std::string in;
  std::string want;
};

TEST(ToNfc, ComposesVietnameseAndLeavesTheRestAlone) {
  const std::vector<NfcCase> table = {
      {"ascii", "chung-thuc 1023", "chung-thuc 1023"},
      {"already NFC", "Nghỉ trưa", "Nghỉ trưa"},
      // i + hook above, u + horn: what macOS and "Unicode tổ hợp" keyboards send.
      {"hook above and horn", "Nghi\u0309 tru\u031Ba", "Nghỉ trưa"},
      // ệ written as e + dot below + circumflex: canonical reordering, then composition.
      {"two marks in the other order", "Be\u0323\u0302nh vie\u0323\u0302n", "Bệnh viện"},
      {"e, circumflex, dot below", "Nguye\u0302\u0303n Thi\u0323 Le\u0302\u0323", "Nguyễn Thị Lệ"},
      {"đ has no decomposition", "Đất đai", "Đất đai"},
      {"empty", "", ""},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    EXPECT_EQ(to_nfc(row.in), row.want);
  }
}

TEST(ToNfc, TheConfigsNamesAreKeptComposed) {
  const std::string text =
      "office_name = \"Phu\u031Bo\u031B\u0300ng Thu\u031B\u0309\"\n"
      "[[services]]\ncode = \"a\"\nname = \"Ho\u0323\u0302 ti\u0323ch\"\nfirst_number = 1001\nlast_number = 1999\n"
      "[[counters]]\nnumber = 1\nname = \"Qua\u0302\u0300y mo\u0323\u0302t\"\nservices = [\"a\"]\n"
      "[[officers]]\nusername = \"u\"\ndisplay_name = \"Le\u0302 Va\u0306n A\"\npassword = \"p\"\n";
  auto c = parse_config_text(text, "nfd.toml");
  ASSERT_TRUE(c.is_ok()) << c.status().message();
  EXPECT_EQ(c.value().office.office_name, "Phường Thử");
  EXPECT_EQ(c.value().office.services[0].name, "Hộ tịch");
  EXPECT_EQ(c.value().office.counters[0].name, "Quầy một");
  EXPECT_EQ(c.value().office.officers[0].display_name, "Lê Văn A");
}

}  // namespace
}  // namespace motcua
