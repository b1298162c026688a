// One HTTP/1.1 keep-alive connection: read with limits and timeouts, hand the request
// to the Api, write the answer; upgrade /ws to a WsSession. Runs on its own strand when
// there are several I/O threads.
#pragma once

#include <chrono>
#include <memory>
#include <optional>

#include "api.hpp"
#include "net.hpp"

namespace motcua {

struct ServerLimits {
  std::size_t body_limit = 16 * 1024;
  std::uint32_t header_limit = 8 * 1024;
  std::chrono::seconds read_timeout{30};
  bool single_io_thread = false;  // the io_context runs on one thread only
};

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, Api& api, Office& office, HttpMetrics& metrics, const ServerLimits& limits);
  void run();

 private:
  void do_read();
  void on_read(beast::error_code ec, std::size_t);
  void respond(ApiResponse r);
  void on_write(bool keep_alive, beast::error_code ec, std::size_t);
  void upgrade_to_websocket(http::request<http::string_body> req);
  void write_error(http::status status, const std::string& error, const std::string& message,
                   std::vector<std::pair<std::string, std::string>> headers = {});
  // The read and write timeout: one timer per connection, moved lazily. Each read or
  // write only pushes the deadline on (a clock read); the timer, when it fires, closes
  // the socket if the deadline has passed, or waits again until it. Setting and
  // cancelling a timer for every read and write cost more than the write itself.
  void arm_deadline();
  void disarm_deadline() { deadline_ = Clock::time_point::max(); }
  void wait_for_deadline();
  void on_deadline(beast::error_code ec);

  using Clock = std::chrono::steady_clock;
  tcp::socket socket_;
  net::steady_timer timer_;
  Clock::time_point deadline_ = Clock::time_point::max();
  bool timer_waiting_ = false;
  beast::flat_buffer buffer_;
  Api& api_;
  Office& office_;
  HttpMetrics& metrics_;
  ServerLimits limits_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string response_text_;  // the response being written; kept until the write ends
  unsigned request_version_ = 11;
  bool request_keep_alive_ = true;
  bool request_is_head_ = false;
};

// Accepts connections and starts an HttpSession for each (each on its own strand when
// there are several I/O threads).
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, tcp::endpoint endpoint, Api& api, Office& office, HttpMetrics& metrics,
           ServerLimits limits, beast::error_code& ec);
  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  void run() { do_accept(); }
  void stop() {
    beast::error_code ec;
    acceptor_.close(ec);
  }

 private:
  void do_accept();
  void on_accept(beast::error_code ec, tcp::socket socket);

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  Api& api_;
  Office& office_;
  HttpMetrics& metrics_;
  ServerLimits limits_;
};

}  // namespace motcua
