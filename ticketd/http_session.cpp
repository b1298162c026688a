#include "http_session.hpp"

#include "api_call.hpp"
#include "http_response_text.hpp"
#include "json_views.hpp"
#include "ws_session.hpp"

namespace motcua {
namespace {
// A connection keeps its answer buffer between requests up to this size.
constexpr std::size_t kKeptResponseBuffer = 16 * 1024;
}  // namespace

HttpSession::HttpSession(tcp::socket&& socket, Api& api, Office& office, HttpMetrics& metrics,
                         const ServerLimits& limits)
    : socket_(std::move(socket)),
      timer_(socket_.get_executor()),
      api_(api),
      office_(office),
      metrics_(metrics),
      limits_(limits) {}

void HttpSession::run() {
  net::dispatch(socket_.get_executor(), beast::bind_front_handler(&HttpSession::do_read, shared_from_this()));
}

void HttpSession::arm_deadline() {
  deadline_ = Clock::now() + limits_.read_timeout;
  if (!timer_waiting_) wait_for_deadline();
}

void HttpSession::wait_for_deadline() {
  timer_waiting_ = true;
  timer_.expires_at(deadline_);
  // A weak pointer: the timer must not keep a finished connection alive until it fires.
  timer_.async_wait([weak = weak_from_this()](beast::error_code ec) {
    if (auto self = weak.lock()) self->on_deadline(ec);
  });
}

void HttpSession::on_deadline(beast::error_code ec) {
  timer_waiting_ = false;
  if (ec == net::error::operation_aborted || !socket_.is_open()) return;
  if (deadline_ == Clock::time_point::max()) return;  // waiting for the office; armed again to write
  if (Clock::now() < deadline_) return wait_for_deadline();
  // Too slow or gone: closing the socket ends the pending read or write.
  socket_.shutdown(tcp::socket::shutdown_both, ec);
  socket_.close(ec);
}

void HttpSession::do_read() {
  parser_.emplace();
  parser_->body_limit(limits_.body_limit);
  parser_->header_limit(limits_.header_limit);
  // A slow or half-open client is cut off after the read timeout.
  arm_deadline();
  http::async_read(socket_, buffer_, *parser_, beast::bind_front_handler(&HttpSession::on_read, shared_from_this()));
}

void HttpSession::write_error(http::status status, const std::string& error, const std::string& message,
                              std::vector<std::pair<std::string, std::string>> headers) {
  ApiResponse r;
  r.status = static_cast<unsigned>(status);
  r.body = error_body(error, message);
  r.headers = std::move(headers);
  request_keep_alive_ = false;
  respond(std::move(r));
}

void HttpSession::on_read(beast::error_code ec, std::size_t) {
  request_is_head_ = false;
  if (ec == net::error::operation_aborted || ec == net::error::bad_descriptor) return;  // closed by the deadline
  if (ec == http::error::end_of_stream || ec == net::error::connection_reset || ec == net::error::eof) {
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    return;
  }
  if (ec == http::error::body_limit)
    return write_error(http::status::payload_too_large, "body_too_large", "Nội dung vượt quá 16 KiB");
  if (ec == http::error::header_limit)
    return write_error(http::status::request_header_fields_too_large, "header_too_large", "Phần đầu vượt quá 8 KiB");
  if (ec) return write_error(http::status::bad_request, "malformed_request", "Yêu cầu HTTP không hợp lệ");

  auto req = parser_->release();
  request_version_ = req.version();
  request_keep_alive_ = req.keep_alive();
  request_is_head_ = req.method() == http::verb::head;
  if (websocket::is_upgrade(req)) return upgrade_to_websocket(std::move(req));
  disarm_deadline();  // the reply may wait for a commit; the write gets its own timeout
  // With one I/O thread the answer is written at once, by whoever produced it (mostly
  // the office strand, as a commit ends): queueing it would only add a pass through the
  // loop. With several, it is queued, so the office strand is not held up writing.
  api_.handle(std::move(req), [self = shared_from_this()](ApiResponse r) {
    auto write = [self, r = std::move(r)]() mutable { self->respond(std::move(r)); };
    if (self->limits_.single_io_thread) return net::dispatch(self->socket_.get_executor(), std::move(write));
    net::post(self->socket_.get_executor(), std::move(write));
  });
}

void HttpSession::respond(ApiResponse r) {
  write_http_response_text(response_text_, r, ResponseFraming{request_version_, request_keep_alive_, request_is_head_});
  arm_deadline();
  net::async_write(socket_, net::buffer(response_text_),
                   beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), request_keep_alive_));
}

void HttpSession::on_write(bool keep_alive, beast::error_code ec, std::size_t) {
  if (ec) return;
  // Kept for the next answer, unless a large one (a report) grew it.
  if (response_text_.capacity() > kKeptResponseBuffer) {
    std::string().swap(response_text_);
  } else {
    response_text_.clear();
  }
  if (!keep_alive) {
    disarm_deadline();
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    return;
  }
  do_read();
}

void HttpSession::upgrade_to_websocket(http::request<http::string_body> req) {
  const std::string target(req.target());
  const std::size_t q = target.find('?');
  if (target.substr(0, q) != "/ws")
    return write_error(http::status::not_found, "not_found", "WebSocket chỉ có ở /ws");
  // Beast would refuse these itself, with a plain-text body; every refusal here is JSON.
  if (req[http::field::sec_websocket_version] != "13")  // RFC 6455 4.4: name the version we speak
    return write_error(http::status::upgrade_required, "malformed_request",
                       "WebSocket cần phiên bản 13 (Sec-WebSocket-Version: 13)", {{"Sec-WebSocket-Version", "13"}});
  if (req[http::field::sec_websocket_key].size() != 24)
    return write_error(http::status::bad_request, "malformed_request", "Thiếu hoặc sai Sec-WebSocket-Key");
  auto query = q == std::string::npos ? std::map<std::string, std::string>{}
                                      : parse_query(std::string_view(target).substr(q + 1));
  bool has_since = false;
  std::int64_t since = 0;
  if (auto it = query.find("since"); it != query.end()) {
    if (!parse_id(it->second, since) && it->second != "0")
      return write_error(http::status::bad_request, "invalid_field", "since phải là số nguyên không âm");
    has_since = true;
  }
  std::string token = query.count("token") ? query["token"] : "";
  std::string key = query.count("key") ? query["key"] : "";
  if (auto it = req.find(http::field::authorization); it != req.end() && it->value().starts_with("Bearer "))
    token = std::string(it->value().substr(7));
  if (auto it = req.find("X-Device-Key"); it != req.end()) key = std::string(it->value());
  api_.authorize_stream(token, key, [self = shared_from_this(), req = std::move(req), since, has_since](std::string refusal) mutable {
    net::post(self->socket_.get_executor(), [self, req = std::move(req), since, has_since, refusal = std::move(refusal)]() mutable {
      if (!refusal.empty()) return self->write_error(http::status::unauthorized, "unauthenticated", refusal);
      self->disarm_deadline();
      self->timer_.cancel();
      // The WebSocket keeps its own timeouts (ping and idle) on a Beast stream.
      auto ws = std::make_shared<WsSession>(beast::tcp_stream(std::move(self->socket_)), self->office_,
                                            self->metrics_);
      ws->run(std::move(req), since, has_since);
    });
  });
}

Listener::Listener(net::io_context& ioc, tcp::endpoint endpoint, Api& api, Office& office, HttpMetrics& metrics,
                   ServerLimits limits, beast::error_code& ec)
    : ioc_(ioc), acceptor_(ioc), api_(api), office_(office), metrics_(metrics), limits_(limits) {
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) return;
  acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (ec) return;
  acceptor_.bind(endpoint, ec);
  if (ec) return;
  acceptor_.listen(net::socket_base::max_listen_connections, ec);
}

void Listener::do_accept() {
  // With one I/O thread every handler already runs one at a time: a strand per
  // connection would only add its bookkeeping to each step of each request.
  const net::any_io_executor executor =
      limits_.single_io_thread ? net::any_io_executor(ioc_.get_executor()) : net::any_io_executor(net::make_strand(ioc_));
  acceptor_.async_accept(executor, beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted) return;
  if (!ec) {
    socket.set_option(tcp::no_delay(true), ec);
    std::make_shared<HttpSession>(std::move(socket), api_, office_, metrics_, limits_)->run();
  }
  do_accept();
}

}  // namespace motcua
