// The kiosk's bad requests against the real ticketd: each gets a clear Vietnamese refusal, and
// nothing is half-written (no ticket, no number used up, no paper printed).
#include <gtest/gtest.h>

#include "daemon_process.hpp"
#include "fake_printer.hpp"
#include "http_client.hpp"
#include "kiosk_config.hpp"
#include "print_test_support.hpp"

namespace motcua::kiosk_testing {
namespace {

namespace json = boost::json;

class KioskBadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    config_ = (dir_.path() / "office.toml").string();
    ASSERT_TRUE(write_text(config_, office_toml(printer_.port(), unused_port())));
    daemon_ = std::make_unique<motcua::testing::DaemonProcess>(daemon_options(config_));
    ASSERT_TRUE(daemon_->start()) << daemon_->log();
  }

  unsigned short port() const { return daemon_->port(); }

  // The refusal is the documented error id with a message in Vietnamese, and changed nothing.
  void expect_refused(const HttpReply& r, int status, const std::string& error) {
    EXPECT_EQ(r.status, status) << r.body;
    ASSERT_TRUE(r.json.is_object()) << r.body;
    EXPECT_EQ(r.json.at("error"), error.c_str()) << r.body;
    const std::string message(r.json.at("message").as_string());
    EXPECT_FALSE(message.empty());
    EXPECT_FALSE(r.json.as_object().contains("number")) << r.body;
    EXPECT_EQ(issued_today_total(port()), issued_before_) << "a refused request issued a ticket";
  }

  // After the refusals, the next good ticket gets the service's first number, and it is the
  // first job the printer ever sees: nothing was printed or numbered for a refused request.
  void expect_clean_afterwards(const std::string& service, const std::string& first_number) {
    auto ok = issue(port(), kKioskKey, {{"service", service}, {"idempotency_key", "after-refusals"}});
    ASSERT_EQ(ok.status, 201) << ok.body;
    EXPECT_EQ(ok.json.at("number"), first_number.c_str());
    auto bytes = printer_.wait_for_connection();
    ASSERT_TRUE(bytes.has_value());
    EXPECT_NE(bytes->find("\x1d\x76\x30"), std::string::npos);
    EXPECT_EQ(printer_.status_queries(), 1);
  }

  print::testing::FakePrinter printer_;
  print::testing::TempDir dir_;
  std::string config_;
  std::unique_ptr<motcua::testing::DaemonProcess> daemon_;
  int issued_before_ = 0;
};

const char* kGoodCccd = "001089012345|123456789|Nguyễn Văn An|01011950|Nam|Số 1 Hàng Bạc, Hoàn Kiếm, Hà Nội|15082021";

TEST_F(KioskBadInput, UnknownService) {
  expect_refused(issue(port(), kKioskKey, {{"service", "khong-co"}, {"idempotency_key", "bad-1"}}), 404,
                 "unknown_service");
  expect_clean_afterwards("ho-tich", "1001");
}

TEST_F(KioskBadInput, ClosedServiceOutsideHours) {
  auto services = http_request(port(), "GET", "/api/services");
  ASSERT_EQ(services.status, 200);
  for (const auto& s : services.json.at("services").as_array())
    if (s.at("code") == "dat-dai") {
      EXPECT_EQ(s.at("status"), "outside_hours");
    }
  expect_refused(issue(port(), kKioskKey, {{"service", "dat-dai"}, {"idempotency_key", "bad-2"}}), 409,
                 "service_closed");
  expect_clean_afterwards("ho-tich", "1001");
}

TEST_F(KioskBadInput, FullServicePastItsDailyCap) {
  auto first = issue(port(), kPlainKioskKey, {{"service", "tra-ket-qua"}, {"idempotency_key", "cap-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  issued_before_ = 1;
  expect_refused(issue(port(), kKioskKey, {{"service", "tra-ket-qua"}, {"idempotency_key", "cap-2"}}), 409,
                 "service_full");
  expect_clean_afterwards("chung-thuc", "2001");
}

TEST_F(KioskBadInput, MalformedCccd) {
  for (const char* cccd : {"001089012345|Nguyễn Văn An",                                     // 2 fields
                           "00108901234X|123456789|Nguyễn Văn An|01011950|Nam|Hà Nội|15082021",  // not 12 digits
                           "001089012345|123456789|Nguyễn Văn An|32131950|Nam|Hà Nội|15082021",  // bad birth date
                           "001089012345|123456789||01011950|Nam|Hà Nội|15082021"}) {          // no name
    expect_refused(issue(port(), kKioskKey,
                         {{"service", "ho-tich"}, {"idempotency_key", "bad-cccd"}, {"identity", {{"cccd", cccd}}}}),
                   400, "invalid_identity");
  }
  // The same key is still free: the refused requests did not claim it.
  auto ok = issue(port(), kPlainKioskKey,
                  {{"service", "chung-thuc"}, {"idempotency_key", "bad-cccd"}, {"identity", {{"cccd", kGoodCccd}}}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  // Personal data is never returned.
  EXPECT_EQ(ok.body.find("Nguyễn Văn An"), std::string::npos);
  EXPECT_EQ(ok.body.find("001089012345"), std::string::npos);
  issued_before_ = 1;
  expect_clean_afterwards("ho-tich", "1001");
}

TEST_F(KioskBadInput, OverLongPhone) {
  for (const char* phone : {"091234567890", "0912345678901234567890123456789012345", "09123abc78", "0912"}) {
    expect_refused(issue(port(), kKioskKey,
                         {{"service", "ho-tich"}, {"idempotency_key", "bad-phone"}, {"identity", {{"phone", phone}}}}),
                   400, "invalid_identity");
  }
  auto ok = issue(port(), kPlainKioskKey,
                  {{"service", "chung-thuc"}, {"identity", {{"phone", "+84912345678"}}}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.body.find("912345678"), std::string::npos);
  issued_before_ = 1;
  expect_clean_afterwards("ho-tich", "1001");
}

TEST_F(KioskBadInput, WrongDeviceKey) {
  expect_refused(issue(port(), "not-a-key", {{"service", "ho-tich"}, {"idempotency_key", "bad-key"}}), 401,
                 "unauthenticated");
  // A valid key of another kind of device may not issue either.
  expect_refused(issue(port(), kDisplayKey, {{"service", "ho-tich"}, {"idempotency_key", "bad-key"}}), 403,
                 "forbidden");
  expect_refused(issue(port(), "", {{"service", "ho-tich"}}), 401, "unauthenticated");
  expect_clean_afterwards("ho-tich", "1001");
}

}  // namespace
}  // namespace motcua::kiosk_testing
