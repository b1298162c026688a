// What the kiosk may keep of a citizen: the CCCD's QR fields and a phone number, checked
// and normalised. Table-driven.
#include <gtest/gtest.h>

#include "domain/identity.hpp"

namespace motcua {
namespace {

struct PhoneCase {
  const char* input;
  const char* stored;  // nullptr: refused
};

TEST(Identity, PhoneNumbersAreStoredAsTheDomesticDigits) {
  const std::vector<PhoneCase> cases{
      {"0912345678", "0912345678"},
      {"0912 345 678", "0912345678"},
      {"0912.345.678", "0912345678"},
      {"0912-345-678", "0912345678"},
      {"+84912345678", "0912345678"},
      {"+84 912 345 678", "0912345678"},
      {"+840912345678", "0912345678"},     // the trunk 0 typed after the country code too
      {"+84 0912 345 678", "0912345678"},
      {"02838291234", "02838291234"},      // a landline with its area code, 11 digits
      {"09123456", nullptr},               // too short
      {"091234567890", nullptr},           // too long
      {"0912 ABC 678", nullptr},
      {"+84", nullptr},
      {"", nullptr},
  };
  for (const auto& c : cases) {
    const auto r = normalize_phone(c.input);
    if (c.stored) {
      ASSERT_TRUE(r.is_ok()) << c.input << ": " << r.status().message();
      EXPECT_EQ(r.value(), c.stored) << c.input;
    } else {
      EXPECT_FALSE(r.is_ok()) << c.input;
      EXPECT_EQ(r.status().error(), "invalid_identity") << c.input;
    }
  }
}

struct CccdCase {
  const char* name;
  const char* qr;
  bool accepted;
};

TEST(Identity, CccdQrHasSevenFieldsAndValidNumbers) {
  const std::vector<CccdCase> cases{
      {"a card", "079203001234|025123456|Nguyễn Văn An|01021990|Nam|12 Lê Lợi, Bến Nghé, Quận 1, TP.HCM|15082021", true},
      {"no old id, no issue date", "079203001234||Trần Thị Bình|29021992|Nữ|Phường Bến Nghé|", true},
      {"six fields", "079203001234||Trần Thị Bình|29021992|Nữ|Phường Bến Nghé", false},
      {"short CCCD", "07920300123||Trần Thị Bình|29021992|Nữ|x|", false},
      {"letters in CCCD", "07920300123A||Trần Thị Bình|29021992|Nữ|x|", false},
      {"old id of 8 digits", "079203001234|02512345|Trần Thị Bình|29021992|Nữ|x|", false},
      {"no name", "079203001234|||29021992|Nữ|x|", false},
      {"30 February", "079203001234||Trần Thị Bình|30021992|Nữ|x|", false},
      {"29 February, not a leap year", "079203001234||Trần Thị Bình|29021991|Nữ|x|", false},
  };
  for (const auto& c : cases) {
    const auto r = parse_cccd_qr(c.qr);
    EXPECT_EQ(r.is_ok(), c.accepted) << c.name << (r.is_ok() ? "" : ": " + r.status().message());
    if (!c.accepted && !r.is_ok()) {
      EXPECT_EQ(r.status().error(), "invalid_identity") << c.name;
    }
  }
  const auto card = parse_cccd_qr(cases[0].qr);
  ASSERT_TRUE(card.is_ok());
  EXPECT_EQ(card.value().id_number, "079203001234");
  EXPECT_EQ(card.value().full_name, "Nguyễn Văn An");
  EXPECT_EQ(card.value().birth_date, "01021990");
}

}  // namespace
}  // namespace motcua
