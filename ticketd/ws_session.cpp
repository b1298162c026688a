#include "ws_session.hpp"

#include "office.hpp"

namespace motcua {

WsSession::WsSession(beast::tcp_stream&& stream, Office& office, HttpMetrics& metrics)
    : ws_(std::move(stream)), office_(office), metrics_(metrics) {}

WsSession::~WsSession() {
  if (counted_) metrics_.ws_disconnected();
}

void WsSession::run(http::request<http::string_body> upgrade, std::int64_t since, bool has_since) {
  beast::get_lowest_layer(ws_).expires_never();
  websocket::stream_base::timeout timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
  // Pings every 20 s (half the idle timeout) find half-open clients.
  timeouts.idle_timeout = std::chrono::seconds(40);
  timeouts.keep_alive_pings = true;
  ws_.set_option(timeouts);
  ws_.read_message_max(4096);
  ws_.async_accept(upgrade, beast::bind_front_handler(
                                [self = shared_from_this(), since, has_since](beast::error_code ec) {
                                  self->on_accept(ec, since, has_since);
                                }));
}

void WsSession::on_accept(beast::error_code ec, std::int64_t since, bool has_since) {
  if (ec) return fail(ec, "accept");
  open_ = true;
  counted_ = true;
  metrics_.ws_connected();
  office_.post([self = shared_from_this(), this, since, has_since] { office_.subscribe(self, since, has_since); });
  do_read();
}

void WsSession::do_read() {
  ws_.async_read(buffer_, beast::bind_front_handler(&WsSession::on_read, shared_from_this()));
}

void WsSession::on_read(beast::error_code ec, std::size_t) {
  if (ec) return fail(ec, "read");
  buffer_.consume(buffer_.size());  // client messages carry nothing for us
  do_read();
}

void WsSession::send(std::shared_ptr<const std::string> message) {
  net::post(ws_.get_executor(), [self = shared_from_this(), message = std::move(message)]() mutable {
    self->on_send(std::move(message));
  });
}

static_assert(Hub::kDefaultReplayCapacity <= WsSession::kMaxQueued / 2,
              "a whole replay must fit a client's send queue with room to spare");

void WsSession::on_send(std::shared_ptr<const std::string> message) {
  if (!open_) return;
  if (queue_.size() >= kMaxQueued) {
    // Too far behind: drop the client rather than grow without bound. It reconnects
    // with `since` and catches up from the replay buffer or a snapshot.
    metrics_.ws_dropped_slow();
    open_ = false;
    beast::get_lowest_layer(ws_).socket().close();
    return;
  }
  queue_.push_back(std::move(message));
  if (queue_.size() > 1) return;  // a write is already in flight
  do_write();
}

void WsSession::do_write() {
  ws_.text(true);
  ws_.async_write(net::buffer(*queue_.front()), beast::bind_front_handler(&WsSession::on_write, shared_from_this()));
}

void WsSession::on_write(beast::error_code ec, std::size_t) {
  if (ec) return fail(ec, "write");
  queue_.pop_front();
  if (!queue_.empty()) do_write();
}

void WsSession::fail(beast::error_code ec, const char* what) {
  // The queue stays: a write in flight may still reference its front.
  open_ = false;
  (void)ec;
  (void)what;  // closed or timed-out clients are routine
}

}  // namespace motcua
