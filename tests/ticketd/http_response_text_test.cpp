#include "http_response_text.hpp"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

namespace motcua {
namespace {

namespace http = boost::beast::http;

ApiResponse json_ok(std::string body) {
  ApiResponse r;
  r.status = 200;
  r.body = std::move(body);
  return r;
}

TEST(HttpResponseText, AJsonAnswerOnAKeptOpenConnection) {
  EXPECT_EQ(http_response_text(json_ok(R"({"a":1})"), {}),
            "HTTP/1.1 200 OK\r\n"
            "Server: motcua-ticketd\r\n"
            "Content-Type: application/json; charset=utf-8\r\n"
            "Content-Length: 7\r\n"
            "\r\n"
            R"({"a":1})");
}

struct FramingCase {
  const char* name;
  unsigned status;
  ResponseFraming framing;
  std::string expected;
};

TEST(HttpResponseText, StatusVersionAndConnectionFraming) {
  const std::vector<FramingCase> cases = {
      {"1.1 closing", 400, {11, false, false},
       "HTTP/1.1 400 Bad Request\r\nServer: motcua-ticketd\r\nContent-Type: application/json; charset=utf-8\r\n"
       "Content-Length: 2\r\nConnection: close\r\n\r\n{}"},
      {"1.0 kept open", 201, {10, true, false},
       "HTTP/1.0 201 Created\r\nServer: motcua-ticketd\r\nContent-Type: application/json; charset=utf-8\r\n"
       "Content-Length: 2\r\nConnection: keep-alive\r\n\r\n{}"},
      {"1.0 closing", 404, {10, false, false},
       "HTTP/1.0 404 Not Found\r\nServer: motcua-ticketd\r\nContent-Type: application/json; charset=utf-8\r\n"
       "Content-Length: 2\r\n\r\n{}"},
      {"HEAD keeps the length, drops the body", 200, {11, true, true},
       "HTTP/1.1 200 OK\r\nServer: motcua-ticketd\r\nContent-Type: application/json; charset=utf-8\r\n"
       "Content-Length: 2\r\n\r\n"},
      {"204 has neither type nor length nor body", 204, {11, true, false},
       "HTTP/1.1 204 No Content\r\nServer: motcua-ticketd\r\n\r\n"},
      {"an unknown status still gets a line", 299, {11, true, false},
       "HTTP/1.1 299 <unknown-status>\r\nServer: motcua-ticketd\r\nContent-Type: application/json; charset=utf-8\r\n"
       "Content-Length: 2\r\n\r\n{}"},
  };
  for (const auto& c : cases) {
    ApiResponse r = json_ok("{}");
    r.status = c.status;
    EXPECT_EQ(http_response_text(r, c.framing), c.expected) << c.name;
  }
}

TEST(HttpResponseText, OwnHeadersComeAfterTheTypeAndUnsafeOnesAreDropped) {
  ApiResponse r = json_ok("a,b\n");
  r.content_type = "text/csv; charset=utf-8";
  r.headers = {{"Content-Disposition", "attachment; filename=\"bao-cao.csv\""},
               {"X-Split", "a\r\nSet-Cookie: x=1"},
               {"X-Bad\nName", "v"},
               {"", "no name"},
               {"Cache-Control", "no-cache"}};
  EXPECT_EQ(http_response_text(r, {}),
            "HTTP/1.1 200 OK\r\nServer: motcua-ticketd\r\nContent-Type: text/csv; charset=utf-8\r\n"
            "Content-Disposition: attachment; filename=\"bao-cao.csv\"\r\nCache-Control: no-cache\r\n"
            "Content-Length: 4\r\n\r\na,b\n");
}

// Beast's own parser is the reader every client of ticketd resembles: what it reads back
// must be what was meant, for a body with multi-byte UTF-8 text in it.
TEST(HttpResponseText, BeastsParserReadsBackStatusHeadersAndBody) {
  ApiResponse r = json_ok(R"({"message":"Mời công dân có số thứ tự 1001 đến quầy số 3"})");
  r.status = 409;
  r.headers = {{"Cache-Control", "no-cache"}};
  const std::string text = http_response_text(r, {11, true, false});

  http::response_parser<http::string_body> parser;
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (!parser.is_done() && used < text.size()) {  // put() stops after the header, then reads the body
    used += parser.put(boost::asio::buffer(text.data() + used, text.size() - used), ec);
    ASSERT_FALSE(ec) << ec.message();
  }
  ASSERT_TRUE(parser.is_done());
  EXPECT_EQ(used, text.size());
  const auto& m = parser.get();
  EXPECT_EQ(m.result_int(), 409u);
  EXPECT_EQ(m[http::field::content_type], "application/json; charset=utf-8");
  EXPECT_EQ(m[http::field::cache_control], "no-cache");
  EXPECT_EQ(m[http::field::server], "motcua-ticketd");
  EXPECT_TRUE(m.keep_alive());
  EXPECT_EQ(m.body(), r.body);
}

// A connection lays every answer out in the same buffer: a long answer followed by a
// short one leaves nothing of the first behind.
TEST(HttpResponseText, ReusingABufferReplacesWhatItHeld) {
  ApiResponse long_answer = json_ok(std::string(2000, 'x'));
  ApiResponse short_answer = json_ok(R"({"a":1})");
  short_answer.status = 201;
  std::string buffer;
  write_http_response_text(buffer, long_answer, {});
  EXPECT_EQ(buffer, http_response_text(long_answer, {}));
  write_http_response_text(buffer, short_answer, {10, false, false});
  EXPECT_EQ(buffer, http_response_text(short_answer, {10, false, false}));
  EXPECT_EQ(buffer.rfind("HTTP/1.0 201 Created\r\n", 0), 0u);
}

}  // namespace
}  // namespace motcua
