#include "api_test_support.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <thread>

namespace motcua::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

std::unique_ptr<client::ApiClient> make_client(const DaemonProcess& d, const std::string& device_key) {
  client::ApiClientOptions o;
  o.server.host = "127.0.0.1";
  o.server.port = d.port();
  auto c = std::make_unique<client::ApiClient>(o);
  if (!device_key.empty()) c->set_device_key(device_key);
  return c;
}

std::unique_ptr<client::ApiClient> officer_at(const DaemonProcess& d, const std::string& user, int counter) {
  auto c = make_client(d);
  auto r = c->login(user, "demo1234", counter);
  EXPECT_EQ(r.status, 200) << r.error << " " << r.message;
  return c;
}

struct WsReader::Impl {
  net::io_context ioc;
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buffer;
};

WsReader::WsReader(unsigned short port, const std::string& target) : impl_(std::make_unique<Impl>()) {
  beast::error_code ec;
  auto& stream = beast::get_lowest_layer(impl_->ws);
  stream.expires_after(std::chrono::seconds(5));
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return;
  impl_->ws.handshake("127.0.0.1", target, ec);
  connected_ = !ec;
}

WsReader::~WsReader() {
  beast::error_code ec;
  beast::get_lowest_layer(impl_->ws).socket().close(ec);
}

std::optional<boost::json::object> WsReader::next(std::chrono::milliseconds timeout) {
  if (!connected_) return std::nullopt;
  // Asynchronous read run for a bounded time, so a silent server cannot hang the test.
  beast::error_code result = net::error::would_block;
  impl_->buffer.clear();
  impl_->ws.async_read(impl_->buffer, [&](beast::error_code ec, std::size_t) { result = ec; });
  impl_->ioc.restart();
  impl_->ioc.run_for(timeout);
  if (result == net::error::would_block) {
    beast::get_lowest_layer(impl_->ws).cancel();
    impl_->ioc.restart();
    impl_->ioc.run_for(std::chrono::milliseconds(500));
    connected_ = false;
    return std::nullopt;
  }
  if (result) {
    connected_ = false;
    return std::nullopt;
  }
  boost::system::error_code ec;
  auto v = boost::json::parse(beast::buffers_to_string(impl_->buffer.data()), ec);
  if (ec || !v.is_object()) return std::nullopt;
  return v.as_object();
}

std::optional<boost::json::object> WsReader::until_event(const std::string& type, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto m = next(left);
    if (!m) return std::nullopt;
    if (m->contains("event") && m->at("event").as_string() == type) return m;
  }
  return std::nullopt;
}

std::string raw_exchange(unsigned short port, const std::string& bytes, std::chrono::milliseconds timeout) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  beast::error_code ec;
  stream.expires_after(timeout);
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return {};
  net::write(stream.socket(), net::buffer(bytes), ec);
  std::string out;
  char buf[4096];
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::size_t n = 0;
    bool done = false;
    stream.expires_at(deadline);
    stream.async_read_some(net::buffer(buf), [&](beast::error_code e, std::size_t got) {
      ec = e;
      n = got;
      done = true;
    });
    ioc.restart();
    ioc.run();
    if (!done || ec) break;
    out.append(buf, n);
  }
  return out;
}

int status_of(const std::string& raw) {
  if (raw.size() < 12 || raw.compare(0, 5, "HTTP/") != 0) return 0;
  return std::atoi(raw.substr(9, 3).c_str());
}

std::int64_t int_of(const boost::json::value& v, const char* key) {
  const auto* o = v.if_object();
  if (!o) return -999;
  const auto* f = o->if_contains(key);
  return f && f->is_int64() ? f->get_int64() : -999;
}

std::string str_of(const boost::json::value& v, const char* key) {
  const auto* o = v.if_object();
  if (!o) return {};
  const auto* f = o->if_contains(key);
  return f && f->is_string() ? std::string(f->get_string()) : std::string{};
}

}  // namespace motcua::testing
