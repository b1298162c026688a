// One WebSocket client of /ws: a bounded send queue with one write in flight, on its
// own strand. Thread rule: send() from any thread; everything else on the session strand.
#pragma once

#include <atomic>
#include <deque>
#include <memory>
#include <string>

#include "http_metrics.hpp"
#include "hub.hpp"
#include "net.hpp"

namespace motcua {

class Office;

class WsSession : public Subscriber, public std::enable_shared_from_this<WsSession> {
 public:
  static constexpr std::size_t kMaxQueued = 1024;

  WsSession(beast::tcp_stream&& stream, Office& office, HttpMetrics& metrics);
  ~WsSession() override;

  // Accepts the upgrade, then subscribes from `since` (or with a snapshot).
  void run(http::request<http::string_body> upgrade, std::int64_t since, bool has_since);

  void send(std::shared_ptr<const std::string> message) override;
  bool is_open() const override { return open_.load(std::memory_order_relaxed); }

 private:
  void on_accept(beast::error_code ec, std::int64_t since, bool has_since);
  void do_read();
  void on_read(beast::error_code ec, std::size_t);
  void on_send(std::shared_ptr<const std::string> message);
  void do_write();
  void on_write(beast::error_code ec, std::size_t);
  void fail(beast::error_code ec, const char* what);

  websocket::stream<beast::tcp_stream> ws_;
  Office& office_;
  HttpMetrics& metrics_;
  beast::flat_buffer buffer_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::atomic<bool> open_{false};
  bool counted_ = false;
};

}  // namespace motcua
