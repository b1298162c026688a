// Bad input and faults: each gets a clear 4xx with {error, message} or a closed
// connection, the daemon keeps running, and nothing partial is written.
#include <boost/json.hpp>

#include "api_test_support.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;

class ApiBadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    DaemonOptions o;
    o.extra_args = {"--read-timeout", "2"};
    daemon = std::make_unique<DaemonProcess>(o);
    ASSERT_TRUE(daemon->start()) << daemon->log();
  }
  // Nothing was written: the sequence did not move.
  std::int64_t seq() { return int_of(make_client(*daemon)->health().body, "seq"); }
  std::unique_ptr<DaemonProcess> daemon;
};

std::string post(const std::string& path, const std::string& body, const std::string& extra_headers = "") {
  return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + extra_headers +
         "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

// A raw HTTP answer with `status` and a JSON body {error, message}.
void expect_refusal(const std::string& raw, int status, const std::string& error, const std::string& name) {
  EXPECT_EQ(status_of(raw), status) << name << "\n" << raw;
  const auto body_at = raw.find("\r\n\r\n");
  ASSERT_NE(body_at, std::string::npos) << name;
  boost::system::error_code ec;
  auto body = json::parse(raw.substr(body_at + 4), ec);
  ASSERT_FALSE(ec) << name << ": body is not JSON: " << raw;
  EXPECT_EQ(str_of(body, "error"), error) << name;
  EXPECT_FALSE(str_of(body, "message").empty()) << name;
}

struct BadRequest {
  const char* name;
  std::string path;
  std::string body;
  std::string headers;
  int status;
  const char* error;
};

TEST_F(ApiBadInput, EachMistakeGetsItsErrorAndChangesNothing) {
  const std::string kiosk = "X-Device-Key: demo-kiosk-key-1\r\n";
  const std::vector<BadRequest> cases{
      {"malformed json", "/api/tickets", "{\"service\": ", kiosk, 400, "malformed_json"},
      {"not an object", "/api/tickets", "[1,2]", kiosk, 400, "malformed_json"},
      {"unknown field", "/api/tickets", R"({"service":"ho-tich","colour":"red"})", kiosk, 400, "invalid_field"},
      {"wrong type", "/api/tickets", R"({"service":42})", kiosk, 400, "invalid_field"},
      {"priority wrong type", "/api/tickets", R"({"service":"ho-tich","priority":"yes"})", kiosk, 400,
       "invalid_field"},
      {"missing service", "/api/tickets", R"({})", kiosk, 400, "missing_field"},
      {"unknown service", "/api/tickets", R"({"service":"nope"})", kiosk, 404, "unknown_service"},
      {"bad idempotency key", "/api/tickets", R"({"service":"ho-tich","idempotency_key":"a b"})", kiosk, 400,
       "invalid_field"},
      {"empty idempotency key", "/api/tickets", R"({"service":"ho-tich","idempotency_key":""})", kiosk, 400,
       "invalid_field"},
      {"unknown priority group", "/api/tickets", R"({"service":"ho-tich","priority":true,"priority_group":"vip"})",
       kiosk, 400, "invalid_field"},
      {"malformed cccd", "/api/tickets", R"({"service":"ho-tich","identity":{"cccd":"123|abc"}})", kiosk, 400,
       "invalid_identity"},
      {"over-long phone", "/api/tickets", R"({"service":"ho-tich","identity":{"phone":"0912345678901234"}})", kiosk,
       400, "invalid_identity"},
      {"no key", "/api/tickets", R"({"service":"ho-tich"})", "", 401, "unauthenticated"},
      {"wrong key", "/api/tickets", R"({"service":"ho-tich"})", "X-Device-Key: not-a-real-key\r\n", 401,
       "unauthenticated"},
      {"pad key cannot issue", "/api/tickets", R"({"service":"ho-tich"})", "X-Device-Key: demo-pad-key-1\r\n", 403,
       "forbidden"},
      {"wrong token", "/api/counters/1/call-next", "", "Authorization: Bearer abc\r\n", 401, "unauthenticated"},
      {"unknown counter path", "/api/counters/abc/call-next", "", "", 404, "unknown_counter"},
      {"unknown ticket vote", "/api/tickets/999/vote", R"({"rating":1})", "X-Device-Key: demo-pad-key-1\r\n", 404,
       "unknown_ticket"},
      {"rating out of range", "/api/tickets/1/vote", R"({"rating":7})", "X-Device-Key: demo-pad-key-1\r\n", 400,
       "invalid_rating"},
      {"unknown path", "/api/nothing", "", "", 404, "not_found"},
      {"login bad json", "/api/login", "{", "", 400, "malformed_json"},
      {"login wrong type", "/api/login", R"({"username":"canbo1","password":"demo1234","counter":"1"})", "", 400,
       "invalid_field"},
  };
  const auto before = seq();
  for (const auto& c : cases) {
    expect_refusal(raw_exchange(daemon->port(), post(c.path, c.body, c.headers)), c.status, c.error, c.name);
  }
  EXPECT_EQ(seq(), before) << "a refused request must not write anything";
  EXPECT_EQ(make_client(*daemon)->health().status, 200);
}

// A mistyped counter number is named as unknown (404); a real counter that is not the
// officer's own is refused (403).
TEST_F(ApiBadInput, ACounterThatDoesNotExistIsUnknownNotForbidden) {
  auto officer = officer_at(*daemon, "canbo1", 1);
  for (const char* action : {"call-next", "pause", "close"}) {
    auto unknown = officer->counter_action(7, action);
    EXPECT_EQ(unknown.status, 404) << action;
    EXPECT_EQ(unknown.error, "unknown_counter") << action;
  }
  auto other = officer->counter_action(2, "call-next");
  EXPECT_EQ(other.status, 403);
  EXPECT_EQ(other.error, "not_signed_in");
}

// What the kiosk keeps of a citizen is stored composed (NFC) and as domestic digits, so
// the admin's export matches the same name or number typed elsewhere.
TEST_F(ApiBadInput, IdentityIsStoredComposedAndPhonesAsDomesticDigits) {
  auto kiosk = make_client(*daemon, "demo-kiosk-key-1");
  // "Nguyễn Thị Hương" with its marks as separate code points (NFD), as some QR readers send it.
  const std::string nfd_name = "Nguye\u0302\u0303n Thi\u0323 Hu\u031bo\u031bng";
  const std::string body = R"({"service":"ho-tich","identity":{"cccd":"079203001234||)" + nfd_name +
                           R"(|01021990|Nữ|Phường Bến Nghé|","phone":"+84 0912 345 678"}})";
  const std::string raw = raw_exchange(daemon->port(), post("/api/tickets", body, "X-Device-Key: demo-kiosk-key-1\r\n"));
  ASSERT_EQ(status_of(raw), 201) << raw;
  auto admin = make_client(*daemon);
  ASSERT_EQ(admin->login("admin", "demo1234", std::nullopt).status, 200);
  const auto day = str_of(admin->health().body, "service_day");
  auto exported = admin->get("/api/reports?from=" + day + "&to=" + day + "&detail=tickets&include_identity=1");
  ASSERT_EQ(exported.status, 200);
  const auto& tickets = exported.body.at("tickets").as_array();
  ASSERT_EQ(tickets.size(), 1u);
  const json::value identity = json::parse(tickets[0].at("identity").as_string());
  EXPECT_EQ(str_of(identity, "full_name"), "Nguyễn Thị Hương");
  EXPECT_EQ(str_of(identity, "phone"), "0912345678");
}

TEST_F(ApiBadInput, InvalidTransitionsAndVotesAreConflicts) {
  auto kiosk = make_client(*daemon, "demo-kiosk-key-1");
  const auto id = int_of(kiosk->issue_ticket("ho-tich").body, "id");
  auto officer = officer_at(*daemon, "canbo1", 1);
  auto close_idle = officer->counter_action(1, "close");
  EXPECT_EQ(close_idle.status, 409);
  EXPECT_EQ(close_idle.error, "invalid_transition");
  officer->counter_action(1, "call-next");
  auto close_called = officer->counter_action(1, "close");
  EXPECT_EQ(close_called.status, 409);
  auto vote_early = make_client(*daemon, "demo-pad-key-1")->vote(id, 1);
  EXPECT_EQ(vote_early.status, 409);
  EXPECT_EQ(vote_early.error, "not_closed");
  officer->counter_action(1, "start");
  officer->counter_action(1, "close");
  auto other_pad = make_client(*daemon, "demo-pad-key-2")->vote(id, 1);
  EXPECT_EQ(other_pad.status, 403);
  EXPECT_EQ(other_pad.error, "wrong_counter");
  auto officer_votes = officer->vote(id, 1);
  EXPECT_EQ(officer_votes.status, 403);
  auto reason_without_4 = make_client(*daemon, "demo-pad-key-1")->vote(id, 2, "thai_do");
  EXPECT_EQ(reason_without_4.status, 400);
  EXPECT_EQ(reason_without_4.error, "invalid_reason");
  EXPECT_EQ(make_client(*daemon, "demo-pad-key-1")->vote(id, 2).status, 201);
}

TEST_F(ApiBadInput, OversizedBodyIs413) {
  const std::string big(20000, 'x');
  const std::string raw = raw_exchange(daemon->port(), post("/api/tickets", "{\"service\":\"" + big + "\"}",
                                                            "X-Device-Key: demo-kiosk-key-1\r\n"));
  EXPECT_EQ(status_of(raw), 413);
  EXPECT_NE(raw.find("body_too_large"), std::string::npos);
}

TEST_F(ApiBadInput, OversizedHeaderIs431) {
  const std::string raw = raw_exchange(
      daemon->port(), "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Junk: " + std::string(10000, 'a') + "\r\n\r\n");
  EXPECT_EQ(status_of(raw), 431);
}

TEST_F(ApiBadInput, GarbageIs400AndTheDaemonLives) {
  const std::string raw = raw_exchange(daemon->port(), "HELLO THERE\r\n\r\n");
  EXPECT_EQ(status_of(raw), 400);
  EXPECT_EQ(make_client(*daemon)->health().status, 200);
}

// A broken WebSocket handshake is refused like any other request: a JSON {error, message}.
TEST_F(ApiBadInput, ABrokenWebSocketHandshakeGetsAJsonRefusal) {
  const std::string upgrade = "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
  const std::string good_key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
  struct Case {
    const char* name;
    std::string request;
    int status;
  };
  for (const Case& c : {Case{"old version", upgrade + good_key + "Sec-WebSocket-Version: 8\r\n\r\n", 426},
                        Case{"no key", upgrade + "Sec-WebSocket-Version: 13\r\n\r\n", 400}}) {
    expect_refusal(raw_exchange(daemon->port(), c.request), c.status, "malformed_request", c.name);
  }
  EXPECT_NE(raw_exchange(daemon->port(), upgrade + good_key + "Sec-WebSocket-Version: 8\r\n\r\n")
                .find("Sec-WebSocket-Version: 13"),
            std::string::npos)
      << "a 426 names the version the server speaks";
  WsReader ws(daemon->port(), "/ws");
  EXPECT_TRUE(ws.next()) << "a correct handshake still works";
}

// The demo office reads publicly; a wrong key is refused anyway, so the IT person who
// mistyped a display's or kiosk's key sees it at once.
TEST_F(ApiBadInput, AWrongDeviceKeyIsRefusedEvenWhereNoKeyIsNeeded) {
  ASSERT_EQ(make_client(*daemon)->queue().status, 200) << "public reads";
  for (const char* path : {"/api/queue", "/api/services", "/api/office", "/api/tickets/1"}) {
    SCOPED_TRACE(path);
    auto r = make_client(*daemon, "sai-khoa-123")->get(path);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.error, "unauthenticated");
    EXPECT_EQ(r.message, "Khóa thiết bị không đúng; hãy kiểm tra khóa đã cấu hình cho thiết bị này");
  }
  EXPECT_EQ(make_client(*daemon, "demo-display-key-1")->queue().status, 200) << "a right key reads as before";
  WsReader wrong(daemon->port(), "/ws?key=sai-khoa-123");
  EXPECT_FALSE(wrong.connected()) << "nor may a wrong key open the event stream";
  WsReader right(daemon->port(), "/ws?key=demo-display-key-1");
  EXPECT_TRUE(right.connected());
}

TEST_F(ApiBadInput, WrongMethodIs405) {
  const std::string raw =
      raw_exchange(daemon->port(), "DELETE /api/queue HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(status_of(raw), 405);
}

// HEAD answers with the GET's headers and no body, so the next response on the same
// connection starts right after them; HTTP/1.0 is answered in 1.0 and closed.
TEST_F(ApiBadInput, HeadHasNoBodyAndTheConnectionGoesOn) {
  const std::string raw = raw_exchange(daemon->port(),
                                       "HEAD /api/queue HTTP/1.1\r\nHost: x\r\n\r\n"
                                       "GET /api/queue HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const auto head_end = raw.find("\r\n\r\n");
  ASSERT_NE(head_end, std::string::npos) << raw;
  const std::string head = raw.substr(0, head_end);
  const std::string get = raw.substr(head_end + 4);
  EXPECT_EQ(status_of(head), 200) << raw;
  EXPECT_EQ(status_of(get), 200) << "the GET must follow the HEAD's headers directly:\n" << raw;
  const auto length_of = [](const std::string& headers) {
    const auto at = headers.find("Content-Length: ");
    return at == std::string::npos ? std::string() : headers.substr(at + 16, headers.find("\r\n", at) - at - 16);
  };
  const auto get_body_at = get.find("\r\n\r\n");
  ASSERT_NE(get_body_at, std::string::npos) << raw;
  EXPECT_FALSE(length_of(head).empty()) << raw;
  EXPECT_EQ(length_of(head), std::to_string(get.size() - get_body_at - 4)) << raw;
  EXPECT_NE(get.find("Connection: close"), std::string::npos) << raw;

  const std::string old = raw_exchange(daemon->port(), "GET /api/health HTTP/1.0\r\n\r\n");
  EXPECT_EQ(old.rfind("HTTP/1.0 200 OK\r\n", 0), 0u) << old;
  EXPECT_NE(old.find("\"status\":\"ok\""), std::string::npos) << old;
}

TEST_F(ApiBadInput, SlowAndHalfOpenConnectionsAreClosedByTheReadTimeout) {
  // Half a request, then silence: the server closes it after --read-timeout (2 s here).
  const auto started = std::chrono::steady_clock::now();
  const std::string raw = raw_exchange(daemon->port(), "POST /api/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{",
                                       std::chrono::milliseconds(8000));
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_LT(waited, std::chrono::milliseconds(7500)) << "the server did not close the stalled connection";
  EXPECT_EQ(make_client(*daemon)->health().status, 200);
}

TEST_F(ApiBadInput, ManyIdleConnectionsDoNotStopService) {
  std::vector<std::unique_ptr<WsReader>> idle;
  for (int i = 0; i < 50; ++i) idle.push_back(std::make_unique<WsReader>(daemon->port(), "/ws"));
  auto kiosk = make_client(*daemon, "demo-kiosk-key-1");
  EXPECT_EQ(kiosk->issue_ticket("ho-tich").status, 201);
}

}  // namespace
}  // namespace motcua::testing
