#include "dashboard_test_support.hpp"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

namespace motcua::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = boost::asio::ip::tcp;

RawReply raw_get(unsigned short port, const std::string& target, const std::string& token) {
  RawReply out;
  boost::asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  beast::error_code ec;
  stream.expires_after(std::chrono::seconds(10));
  stream.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return out;
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  http::write(stream, req, ec);
  if (ec) return out;
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  http::read(stream, buffer, parser, ec);
  if (ec) return out;
  auto res = parser.release();
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out.headers[name] = std::string(f.value());
  }
  out.body = std::move(res.body());
  return out;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
      continue;
    }
    if (c == '"') quoted = true, any = true;
    else if (c == ',') row.push_back(std::move(field)), field.clear(), any = true;
    else if (c == '\r') continue;
    else if (c == '\n') {
      row.push_back(std::move(field));
      rows.push_back(std::move(row));
      row.clear(), field.clear(), any = false;
    } else field += c, any = true;
  }
  if (any || !field.empty()) row.push_back(std::move(field)), rows.push_back(std::move(row));
  return rows;
}

client::ApiClientOptions client_at(unsigned short port) {
  return client::ApiClientOptions{client::ServerAddress{"127.0.0.1", port}, std::chrono::milliseconds(3000),
                                  std::chrono::milliseconds(10000)};
}

namespace {

std::int64_t issue(client::ApiClient& kiosk, const std::string& service, const json::object& identity = {}) {
  json::object body{{"service", service}};
  if (!identity.empty()) body["identity"] = identity;
  auto r = kiosk.post("/api/tickets", body);
  EXPECT_EQ(r.status, 201) << r.message;
  return r.int_field("id");
}

std::int64_t call_next(client::ApiClient& officer, int counter) {
  auto r = officer.counter_action(counter, "call-next");
  EXPECT_EQ(r.status, 200) << r.message;
  const auto* t = client::json_field(r.body, "ticket");
  return t ? client::json_int(*t, "id") : 0;
}

void act(client::ApiClient& officer, int counter, const char* action, json::object body = {}) {
  auto r = officer.counter_action(counter, action, std::move(body));
  EXPECT_EQ(r.status, 200) << action << ": " << r.message;
}

void vote(unsigned short port, int counter, std::int64_t ticket, int rating, const char* reason = "") {
  client::ApiClient pad(client_at(port));
  pad.set_device_key("demo-pad-key-" + std::to_string(counter));
  auto r = pad.vote(ticket, rating, reason);
  EXPECT_EQ(r.status, 201) << r.message;
}

}  // namespace

// The day (demo office, every wait a few milliseconds, so all well within 30 min):
//   kiosk: A1 A2 A3 ho-tich, B1 B2 chung-thuc, C1 C2 dat-dai (C1 with a phone number)
//   counter 1 (canbo1): A1 served, vote 1 · A2 no-show · A3 started, transferred to dat-dai
//   counter 3 (canbo3): A3 served (vote 4, cho_lau) · C1 served (vote 2)
//   counter 2 (canbo2): B1 served (vote 3)
//   kiosk cancels C2; B2 is still waiting at the end.
ScriptedDay run_scripted_day(unsigned short port) {
  ScriptedDay d;
  client::ApiClient kiosk(client_at(port));
  kiosk.set_device_key("demo-kiosk-key-1");
  d.a1 = issue(kiosk, "ho-tich");
  d.a2 = issue(kiosk, "ho-tich");
  d.a3 = issue(kiosk, "ho-tich");
  d.b1 = issue(kiosk, "chung-thuc");
  d.b2 = issue(kiosk, "chung-thuc");
  d.c1 = issue(kiosk, "dat-dai", json::object{{"phone", "0912345678"}});
  d.c2 = issue(kiosk, "dat-dai");

  client::ApiClient one(client_at(port)), two(client_at(port)), three(client_at(port));
  EXPECT_EQ(one.login("canbo1", "demo1234", 1).status, 200);
  EXPECT_EQ(two.login("canbo2", "demo1234", 2).status, 200);
  EXPECT_EQ(three.login("canbo3", "demo1234", 3).status, 200);
  d.officer_token = one.token();

  EXPECT_EQ(call_next(one, 1), d.a1);
  act(one, 1, "start");
  act(one, 1, "close");
  vote(port, 1, d.a1, 1);
  EXPECT_EQ(call_next(one, 1), d.a2);
  act(one, 1, "no-show");
  EXPECT_EQ(call_next(one, 1), d.a3);
  act(one, 1, "start");
  act(one, 1, "transfer", json::object{{"service", "dat-dai"}});

  EXPECT_EQ(call_next(three, 3), d.a3);  // it kept its place, ahead of C1
  act(three, 3, "start");
  act(three, 3, "close");
  vote(port, 3, d.a3, 4, "cho_lau");
  EXPECT_EQ(call_next(three, 3), d.c1);
  act(three, 3, "start");
  act(three, 3, "close");
  vote(port, 3, d.c1, 2);

  EXPECT_EQ(call_next(two, 2), d.b1);
  act(two, 2, "start");
  act(two, 2, "close");
  vote(port, 2, d.b1, 3);

  EXPECT_EQ(kiosk.cancel_ticket(d.c2).status, 200);

  client::ApiClient boss(client_at(port)), admin(client_at(port));
  EXPECT_EQ(boss.login("lanhdao", "demo1234", std::nullopt).status, 200);
  EXPECT_EQ(admin.login("admin", "demo1234", std::nullopt).status, 200);
  d.supervisor_token = boss.token();
  d.admin_token = admin.token();
  return d;
}

DaemonProcess* ScriptedDayTest::daemon_ = nullptr;
ScriptedDay ScriptedDayTest::day_;
std::string ScriptedDayTest::today_;

void ScriptedDayTest::SetUpTestSuite() {
  daemon_ = new DaemonProcess();
  ASSERT_TRUE(daemon_->start()) << daemon_->log();
  day_ = run_scripted_day(daemon_->port());
  client::ApiClient c(client_at(daemon_->port()));
  today_ = c.health().string_field("service_day");
}

void ScriptedDayTest::TearDownTestSuite() {
  delete daemon_;
  daemon_ = nullptr;
}

}  // namespace motcua::testing
