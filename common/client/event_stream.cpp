#include "client/event_stream.hpp"

#include <optional>
#include <random>

#include "client/net.hpp"
#include "client/network_words.hpp"

namespace motcua::client {

class EventStream::Impl : public std::enable_shared_from_this<Impl> {
 public:
  Impl(net::io_context& ioc, EventStreamOptions options, EventStreamCallbacks callbacks, bool owns_ioc)
      : ioc_(ioc),
        strand_(net::make_strand(ioc)),
        options_(std::move(options)),
        callbacks_(std::move(callbacks)),
        owns_ioc_(owns_ioc),
        resolver_(strand_),
        retry_timer_(strand_),
        backoff_(options_.initial_backoff),
        rng_(std::random_device{}()) {}

  void start() {
    net::post(strand_, [self = shared_from_this()] { self->connect(); });
  }

  void stop() {
    stopped_ = true;
    net::post(strand_, [self = shared_from_this()] {
      self->retry_timer_.cancel();
      self->resolver_.cancel();
      if (self->ws_) {
        beast::error_code ec;
        beast::get_lowest_layer(*self->ws_).socket().close(ec);
      }
      // Beast's websocket timers may hold the loop a while; we own it, so stop it now.
      if (self->owns_ioc_) self->ioc_.stop();
    });
  }

  std::atomic<std::int64_t> last_seq{0};
  std::atomic<int> connections{0};

 private:
  std::string target() const {
    std::string t = "/ws";
    char sep = '?';
    if (!options_.device_key.empty()) {
      t += sep + std::string("key=") + url_encode(options_.device_key);
      sep = '&';
    } else if (!options_.token.empty()) {
      t += sep + std::string("token=") + url_encode(options_.token);
      sep = '&';
    }
    if (last_seq > 0) t += sep + std::string("since=") + std::to_string(last_seq.load());
    return t;
  }

  void report(StreamState state, const std::string& detail) {
    if (stopped_ || !callbacks_.on_state) return;
    callbacks_.on_state(state, detail);
  }

  void connect() {
    if (stopped_) return;
    ws_.emplace(strand_);
    buffer_.clear();
    report(StreamState::connecting, "Đang kết nối tới " + options_.server.to_string());
    resolver_.async_resolve(options_.server.host, std::to_string(options_.server.port),
                            [self = shared_from_this()](beast::error_code ec, tcp::resolver::results_type r) {
                              self->on_resolve(ec, std::move(r));
                            });
  }

  void on_resolve(beast::error_code ec, tcp::resolver::results_type results) {
    if (ec) return fail(ec);
    beast::get_lowest_layer(*ws_).expires_after(std::chrono::seconds(5));
    beast::get_lowest_layer(*ws_).async_connect(
        results, [self = shared_from_this()](beast::error_code ec2, const tcp::endpoint&) { self->on_connect(ec2); });
  }

  void on_connect(beast::error_code ec) {
    if (ec) return fail(ec);
    if (stopped_) return;
    beast::get_lowest_layer(*ws_).expires_never();
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = std::chrono::seconds(5);
    timeouts.idle_timeout = options_.idle_timeout;
    timeouts.keep_alive_pings = true;
    ws_->set_option(timeouts);
    ws_->set_option(websocket::stream_base::decorator(
        [](websocket::request_type& req) { req.set(http::field::user_agent, "motcua-client/0.1"); }));
    ws_->read_message_max(16 * 1024 * 1024);
    handshake_response_ = {};
    ws_->async_handshake(handshake_response_, options_.server.to_string(), target(),
                         [self = shared_from_this()](beast::error_code ec2) { self->on_handshake(ec2); });
  }

  void on_handshake(beast::error_code ec) {
    // A refusal (a wrong device key: 401) says why in its JSON body; that reason, not
    // "upgrade declined", is what the person setting up the device needs to read.
    if (ec == websocket::error::upgrade_declined) return fail(ec, refusal_message(handshake_response_));
    if (ec) return fail(ec);
    backoff_ = options_.initial_backoff;
    ++connections;
    report(StreamState::connected, "Đã kết nối tới " + options_.server.to_string());
    read();
  }

  void read() {
    ws_->async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec) return fail(ec);
    if (stopped_) return;
    std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    beast::error_code parse_ec;
    json::value message = json::parse(text, parse_ec);
    if (!parse_ec && message.is_object()) {
      if (!handle(message.get_object())) {
        // A gap in seq: this connection lost something. Drop it and resume from the last
        // seq we applied, at once — the server is there, so no backoff.
        beast::error_code ignored;
        beast::get_lowest_layer(*ws_).socket().close(ignored);
        ws_.reset();
        net::post(strand_, [self = shared_from_this()] { self->connect(); });
        return;
      }
    }
    read();
  }

  // Returns false when the stream must resync.
  bool handle(const json::object& message) {
    const json::value* type = message.if_contains("type");
    const json::value* seq_value = message.if_contains("seq");
    std::int64_t seq = seq_value && seq_value->is_int64() ? seq_value->get_int64() : 0;
    if (type && type->is_string() && type->get_string() == "snapshot") {
      last_seq = seq;
      deliver(message);
      return true;
    }
    if (type && type->is_string() && type->get_string() == "event" && seq > 0) {
      std::int64_t last = last_seq;
      if (seq <= last) return true;  // already applied (replayed twice); drop
      if (last > 0 && seq != last + 1) return false;
      last_seq = seq;
      deliver(message);
      return true;
    }
    deliver(message);
    return true;
  }

  void deliver(const json::object& message) {
    if (stopped_ || !callbacks_.on_message) return;
    callbacks_.on_message(message);
  }

  static std::string refusal_message(const websocket::response_type& response) {
    beast::error_code parse_ec;
    const json::value body = json::parse(response.body(), parse_ec);
    const json::value* message = !parse_ec && body.is_object() ? body.get_object().if_contains("message") : nullptr;
    const std::string why = message && message->is_string() ? std::string(message->get_string()) : std::string();
    return "máy chủ từ chối (HTTP " + std::to_string(response.result_int()) + ")" + (why.empty() ? "" : ": " + why);
  }

  void fail(beast::error_code ec, const std::string& why = {}) {
    if (ws_) {
      beast::error_code ignored;
      beast::get_lowest_layer(*ws_).socket().close(ignored);
    }
    if (stopped_) return;
    auto delay = jittered(backoff_);
    backoff_ = std::min(backoff_ * 2, options_.max_backoff);
    report(StreamState::disconnected, "Mất kết nối tới " + options_.server.to_string() + " (" +
                                          (why.empty() ? network_problem(ec) : why) + "); thử lại sau " +
                                          retry_delay_text(delay));
    retry_timer_.expires_after(delay);
    retry_timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
      if (!wait_ec) self->connect();
    });
  }

  std::chrono::milliseconds jittered(std::chrono::milliseconds base) {
    std::uniform_real_distribution<double> spread(0.8, 1.2);
    return std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(base.count()) * spread(rng_)));
  }

  net::io_context& ioc_;
  websocket::response_type handshake_response_;
  net::strand<net::io_context::executor_type> strand_;
  EventStreamOptions options_;
  EventStreamCallbacks callbacks_;
  bool owns_ioc_;
  std::atomic<bool> stopped_{false};
  tcp::resolver resolver_;
  net::steady_timer retry_timer_;
  std::optional<websocket::stream<beast::tcp_stream>> ws_;
  beast::flat_buffer buffer_;
  std::chrono::milliseconds backoff_;
  std::mt19937 rng_;
};

EventStream::EventStream(EventStreamOptions options, EventStreamCallbacks callbacks)
    : own_ioc_(std::make_unique<net::io_context>(1)) {
  impl_ = std::make_shared<Impl>(*own_ioc_, std::move(options), std::move(callbacks), true);
  impl_->start();
  thread_ = std::thread([ioc = own_ioc_.get()] {
    auto guard = net::make_work_guard(*ioc);  // keeps running between retries until stop()
    ioc->run();
  });
}

EventStream::EventStream(net::io_context& ioc, EventStreamOptions options, EventStreamCallbacks callbacks) {
  impl_ = std::make_shared<Impl>(ioc, std::move(options), std::move(callbacks), false);
  impl_->start();
}

EventStream::~EventStream() {
  impl_->stop();
  if (thread_.joinable()) thread_.join();
  impl_.reset();
  own_ioc_.reset();  // destroys pending handlers, which release the last references
}

std::int64_t EventStream::last_seq() const { return impl_->last_seq; }
int EventStream::connections() const { return impl_->connections; }

}  // namespace motcua::client
