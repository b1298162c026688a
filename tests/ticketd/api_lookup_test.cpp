// GET /api/tickets/lookup against the real daemon: a leader reads a number's whole day in
// words, after the events happened over HTTP, and again after a restart (from the file).
#include <boost/json.hpp>

#include "api_test_support.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;

class ApiLookup : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(daemon.start()) << daemon.log(); }
  std::unique_ptr<client::ApiClient> leader() {
    auto c = make_client(daemon);
    EXPECT_EQ(c->login("lanhdao", "demo1234", std::nullopt).status, 200);
    return c;
  }
  DaemonProcess daemon;
};

std::vector<std::string> texts(const json::value& found) {
  std::vector<std::string> out;
  for (const auto& line : found.at("history").as_array()) out.push_back(str_of(line, "text"));
  return out;
}

TEST_F(ApiLookup, ALeaderReadsANumbersWholeDayInWords) {
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  const auto id = int_of(kiosk->issue_ticket("ho-tich").body, "id");
  const auto second = int_of(kiosk->issue_ticket("ho-tich").body, "id");
  auto officer = officer_at(daemon, "canbo1", 1);
  ASSERT_EQ(officer->counter_action(1, "call-next").status, 200);
  ASSERT_EQ(officer->counter_action(1, "recall").status, 200);
  ASSERT_EQ(officer->counter_action(1, "recall").status, 200);
  ASSERT_EQ(officer->counter_action(1, "no-show").status, 200);
  ASSERT_EQ(officer->reactivate(id, 1).status, 200);
  // The reactivated ticket waits behind 1002 now; counter 1 calls 1002 first and serves it.
  for (const char* action : {"call-next", "start", "close"}) ASSERT_EQ(officer->counter_action(1, action).status, 200);
  ASSERT_EQ(officer->counter_action(1, "call-next").status, 200);
  ASSERT_EQ(officer->counter_action(1, "start").status, 200);
  ASSERT_EQ(officer->counter_action(1, "close").status, 200);
  ASSERT_EQ(make_client(daemon, "demo-pad-key-1")->vote(id, 4, "cho_lau").status, 201);
  auto boss = leader();
  const auto third = int_of(kiosk->issue_ticket("ho-tich").body, "id");
  ASSERT_EQ(boss->post("/api/tickets/" + std::to_string(third) + "/cancel", json::object{{"reason", "Công dân về trước"}}).status,
            200);

  const std::vector<std::string> served_history = {
      "Lấy số 1001, lĩnh vực Tư pháp – Hộ tịch",
      "Gọi đến quầy 1",
      "Gọi lại lần 1 tại quầy 1",
      "Gọi lại lần 2 tại quầy 1",
      "Vắng mặt khi được gọi tại quầy 1",
      "Cho vào lại hàng chờ tại quầy 1",
      "Gọi đến quầy 1",
      "Bắt đầu tiếp nhận hồ sơ tại quầy 1",
      "Hoàn tất tại quầy 1",
      "Mời đánh giá mức độ hài lòng tại quầy 1",
      "Công dân đánh giá: Không hài lòng, lý do: Thời gian chờ lâu",
  };
  auto check_served = [&](client::ApiClient& c, const char* when) {
    SCOPED_TRACE(when);
    auto r = c.get("/api/tickets/lookup?number=1001");
    ASSERT_EQ(r.status, 200) << r.message;
    ASSERT_EQ(r.body.at("tickets").as_array().size(), 1u);
    const auto& found = r.body.at("tickets").at(0);
    EXPECT_EQ(int_of(found.at("ticket"), "id"), id);
    EXPECT_EQ(str_of(found.at("ticket"), "state"), "done");
    EXPECT_EQ(int_of(found.at("ticket"), "rating"), 4);
    EXPECT_EQ(str_of(found, "officer_name"), "Nguyễn Thị Lan");
    EXPECT_EQ(str_of(found, "rating_reason"), "cho_lau");
    EXPECT_EQ(texts(found), served_history);
    std::int64_t seq = 0, at = 0;
    for (const auto& line : found.at("history").as_array()) {
      EXPECT_GT(int_of(line, "seq"), seq) << "in seq order";
      EXPECT_GE(int_of(line, "at"), at) << "and in time order";
      seq = int_of(line, "seq");
      at = int_of(line, "at");
    }
    const auto& called = found.at("history").at(1);
    EXPECT_EQ(str_of(called, "event"), "ticket.called");
    EXPECT_EQ(int_of(called, "counter"), 1);
    EXPECT_EQ(str_of(called, "officer"), "canbo1");
    EXPECT_EQ(str_of(called, "officer_name"), "Nguyễn Thị Lan");
    EXPECT_EQ(str_of(found.at("history").at(0), "officer_name"), "") << "issued at the kiosk: nobody";
  };
  check_served(*boss, "live");

  // The cancelled one names the leader who cancelled it and why.
  auto cancelled = boss->get("/api/tickets/lookup?number=%201003%20");
  ASSERT_EQ(cancelled.status, 200) << cancelled.message;
  EXPECT_EQ(str_of(cancelled.body, "number"), "1003") << "spaces typed around the number are dropped";
  const auto& last = cancelled.body.at("tickets").at(0).at("history").as_array().back();
  EXPECT_EQ(str_of(last, "text"), "Hủy số, lý do: Công dân về trước");
  EXPECT_EQ(str_of(last, "officer_name"), "Hoàng Minh Tuấn");

  auto plus = boss->get("/api/tickets/lookup?number=+1002&day=" + str_of(boss->health().body, "service_day"));
  ASSERT_EQ(plus.status, 200) << plus.message;
  EXPECT_EQ(int_of(plus.body.at("tickets").at(0).at("ticket"), "id"), second) << "a form's '+' is a space";

  // Letters must match the service's own ("X1001" is not "1001"); case and "-" do not matter.
  auto lettered = boss->get("/api/tickets/lookup?number=x-1001");
  ASSERT_EQ(lettered.status, 200) << lettered.message;
  EXPECT_EQ(str_of(lettered.body, "number"), "X1001");
  EXPECT_TRUE(lettered.body.at("tickets").as_array().empty());

  // A number nobody took today: an empty list, not an error.
  auto none = boss->get("/api/tickets/lookup?number=1999");
  ASSERT_EQ(none.status, 200);
  EXPECT_TRUE(none.body.at("tickets").as_array().empty());
  EXPECT_EQ(str_of(none.body, "day"), str_of(boss->health().body, "service_day"));

  // The same story read back from the database file after a restart.
  daemon.stop();
  ASSERT_TRUE(daemon.restart()) << daemon.log();
  auto after = leader();
  check_served(*after, "after a restart");
}

TEST_F(ApiLookup, AWaitingTicketShowsItsPlaceNow) {
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  kiosk->issue_ticket("chung-thuc");
  const auto id = int_of(kiosk->issue_ticket("chung-thuc").body, "id");
  auto r = leader()->get("/api/tickets/lookup?number=2002");
  ASSERT_EQ(r.status, 200) << r.message;
  const auto& found = r.body.at("tickets").at(0);
  EXPECT_EQ(int_of(found.at("ticket"), "id"), id);
  EXPECT_EQ(int_of(found.at("ticket"), "position"), 1);
  EXPECT_EQ(texts(found), std::vector<std::string>{"Lấy số 2002, lĩnh vực Chứng thực"});
}

TEST_F(ApiLookup, OnlyLeadersAskAndBadQueriesAreRefused) {
  make_client(daemon, "demo-kiosk-key-1")->issue_ticket("ho-tich");
  const std::string path = "/api/tickets/lookup?number=1001";
  EXPECT_EQ(make_client(daemon)->get(path).status, 401);
  EXPECT_EQ(make_client(daemon, "demo-kiosk-key-1")->get(path).status, 403);
  auto officer = officer_at(daemon, "canbo1", 1)->get(path);
  EXPECT_EQ(officer.status, 403);
  EXPECT_EQ(officer.error, "forbidden");

  auto boss = leader();
  struct Row {
    const char* name;
    std::string query;
    std::string error;
  };
  const std::vector<Row> table = {
      {"no number", "", "missing_field"},
      {"an empty number", "number=", "missing_field"},
      {"not a number", "number=10%3B23", "invalid_field"},
      {"too long", "number=" + std::string(10, '1'), "invalid_field"},
      {"digits before letters", "number=1023A", "invalid_field"},
      {"a day that is no date", "number=1001&day=2026-02-30", "invalid_field"},
      {"a day to come", "number=1001&day=2999-01-01", "invalid_field"},
      {"an unknown parameter", "number=1001&service=ho-tich", "invalid_field"},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    auto r = boss->get("/api/tickets/lookup?" + row.query);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.error, row.error);
    EXPECT_FALSE(r.message.empty());
  }
  EXPECT_EQ(boss->post("/api/tickets/lookup", json::object{}).status, 405);
  auto yesterday = boss->get("/api/tickets/lookup?number=1001&day=2020-01-01");
  ASSERT_EQ(yesterday.status, 200);
  EXPECT_TRUE(yesterday.body.at("tickets").as_array().empty()) << "another day's numbers are its own";
}

}  // namespace
}  // namespace motcua::testing
