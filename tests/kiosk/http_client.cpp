#include "http_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>

namespace motcua::kiosk_testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;

HttpReply http_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body, const std::vector<std::pair<std::string, std::string>>& headers) {
  HttpReply reply;
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  // Printing makes the issue reply wait for the printer; its own timeouts are a few seconds.
  stream.expires_after(std::chrono::seconds(20));
  beast::error_code ec;
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return reply;
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  if (!body.empty()) req.set(http::field::content_type, "application/json");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  req.prepare_payload();
  // Async with the stream's deadline, so a stuck server fails the test instead of hanging it.
  http::async_write(stream, req, [&](beast::error_code e, std::size_t) { ec = e; });
  ioc.run();
  if (ec) return reply;
  ioc.restart();
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::async_read(stream, buffer, res, [&](beast::error_code e, std::size_t) { ec = e; });
  ioc.run();
  if (ec) return reply;
  reply.status = static_cast<int>(res.result_int());
  reply.body = res.body();
  json::error_code jec;
  reply.json = json::parse(reply.body, jec);
  if (jec) reply.json = nullptr;
  return reply;
}

HttpReply issue(unsigned short port, const std::string& device_key, const json::object& body) {
  return http_request(port, "POST", "/api/tickets", json::serialize(body), {{"X-Device-Key", device_key}});
}

int issued_today_total(unsigned short port) {
  auto r = http_request(port, "GET", "/api/services");
  if (r.status != 200 || !r.json.is_object()) return -1;
  int total = 0;
  for (const auto& s : r.json.at("services").as_array()) total += static_cast<int>(s.at("issued_today").as_int64());
  return total;
}

}  // namespace motcua::kiosk_testing
