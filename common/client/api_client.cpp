#include "client/api_client.hpp"

#include <optional>

#include "client/net.hpp"
#include "client/network_words.hpp"

namespace motcua::client {

namespace {
// ticketd closes connections idle for 30 s; reconnecting before that avoids sending a
// request into a socket the server is about to close.
constexpr auto kMaxIdle = std::chrono::seconds(20);
}  // namespace

// One kept-alive TCP connection with its own io_context; async operations with deadlines
// are run to completion inline, which is how a blocking call gets real timeouts.
class ApiClient::Connection {
 public:
  net::io_context ioc;
  std::optional<beast::tcp_stream> stream;
  std::chrono::steady_clock::time_point last_used{};

  bool usable() {
    if (!stream || !stream->socket().is_open()) return false;
    if (std::chrono::steady_clock::now() - last_used > kMaxIdle) return false;
    // A peer that closed (idle timeout, restart) makes the socket readable with EOF;
    // peek without blocking to find out before we send anything.
    auto& sock = stream->socket();
    beast::error_code ec;
    sock.non_blocking(true, ec);
    char c = 0;
    sock.receive(net::buffer(&c, 1), tcp::socket::message_peek, ec);
    beast::error_code ignored;
    sock.non_blocking(false, ignored);
    return ec == net::error::would_block || ec == net::error::try_again;
  }

  void close() {
    if (stream) {
      beast::error_code ec;
      stream->socket().shutdown(tcp::socket::shutdown_both, ec);
      stream->close();
    }
    stream.reset();
  }

  beast::error_code connect(const ServerAddress& server, std::chrono::milliseconds timeout) {
    close();
    beast::error_code result = net::error::would_block;
    tcp::resolver resolver(ioc);
    stream.emplace(ioc);
    stream->expires_after(timeout);
    resolver.async_resolve(server.host, std::to_string(server.port),
                           [&](beast::error_code ec, tcp::resolver::results_type results) {
                             if (ec) {
                               result = ec;
                               return;
                             }
                             stream->async_connect(results, [&](beast::error_code ec2, const tcp::endpoint&) {
                               result = ec2;
                             });
                           });
    run();
    if (result) {
      close();
    } else {
      beast::error_code ignored;
      stream->socket().set_option(tcp::no_delay(true), ignored);
    }
    return result;
  }

  void run() {
    ioc.restart();
    ioc.run();
  }
};

ApiClient::ApiClient(ApiClientOptions options)
    : options_(std::move(options)), connection_(std::make_unique<Connection>()) {}

ApiClient::~ApiClient() { connection_->close(); }

void ApiClient::set_token(std::string token) {
  token_ = std::move(token);
  device_key_.clear();
}

void ApiClient::set_device_key(std::string key) {
  device_key_ = std::move(key);
  token_.clear();
}

void ApiClient::clear_credentials() {
  token_.clear();
  device_key_.clear();
}

void ApiClient::disconnect() { connection_->close(); }

ApiResult ApiClient::get(std::string_view target) { return request(false, target, nullptr); }

ApiResult ApiClient::post(std::string_view target, const json::value& body) {
  std::string text = json::serialize(body);
  return request(true, target, &text);
}

ApiResult ApiClient::request(bool is_post, std::string_view target, const std::string* body) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    Connection& c = *connection_;
    bool reused = c.usable();
    if (!reused) {
      beast::error_code ec = c.connect(options_.server, options_.connect_timeout);
      if (ec) return ApiResult::unreachable(options_.server.to_string() + ": " + network_problem(ec));
    }

    http::request<http::string_body> req{is_post ? http::verb::post : http::verb::get, target, 11};
    req.set(http::field::host, options_.server.to_string());
    req.set(http::field::user_agent, "motcua-client/0.1");
    req.set(http::field::accept, "application/json");
    if (!token_.empty()) req.set(http::field::authorization, "Bearer " + token_);
    if (!device_key_.empty()) req.set("X-Device-Key", device_key_);
    if (body) {
      req.set(http::field::content_type, "application/json");
      req.body() = *body;
    }
    req.keep_alive(true);
    req.prepare_payload();

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    beast::error_code result = net::error::would_block;
    bool wrote = false;
    c.stream->expires_after(options_.request_timeout);
    http::async_write(*c.stream, req, [&](beast::error_code ec, std::size_t) {
      if (ec) {
        result = ec;
        return;
      }
      wrote = true;
      http::async_read(*c.stream, buffer, parser, [&](beast::error_code ec2, std::size_t) { result = ec2; });
    });
    c.run();
    c.last_used = std::chrono::steady_clock::now();

    if (result) {
      c.close();
      // A stale kept-alive connection can fail before the server saw anything; only a GET
      // is safe to send again, since a POST may already have taken effect.
      bool stale = reused && (result == http::error::end_of_stream || result == net::error::eof ||
                              result == net::error::connection_reset || result == net::error::broken_pipe);
      if (stale && !is_post) continue;
      if (result == beast::error::timeout) return ApiResult::no_reply("hết thời gian chờ");
      if (!wrote && !reused) return ApiResult::unreachable(network_problem(result));
      return ApiResult::no_reply(network_problem(result));
    }
    auto& res = parser.get();
    if (!res.keep_alive()) c.close();
    return ApiResult::from_reply(static_cast<int>(res.result_int()), res.body());
  }
  return ApiResult::no_reply("mất kết nối");
}

ApiResult ApiClient::login(std::string_view username, std::string_view password, std::optional<int> counter) {
  json::object body;
  body["username"] = username;
  body["password"] = password;
  if (counter) body["counter"] = *counter;
  ApiResult r = post("/api/login", body);
  if (r.status == 200) {
    std::string token = r.string_field("token");
    if (!token.empty()) set_token(token);
  }
  return r;
}

ApiResult ApiClient::logout() { return post("/api/logout", json::object{}); }

ApiResult ApiClient::counter_action(int counter, std::string_view action, json::object body) {
  return post("/api/counters/" + std::to_string(counter) + "/" + std::string(action), body);
}

ApiResult ApiClient::reactivate(std::int64_t ticket_id, int counter) {
  json::object body;
  body["counter"] = counter;
  return post("/api/tickets/" + std::to_string(ticket_id) + "/reactivate", body);
}

ApiResult ApiClient::reactivate_number(int counter, std::string_view number) {
  return counter_action(counter, "reactivate", json::object{{"number", number}});
}

ApiResult ApiClient::vote(std::int64_t ticket_id, int rating, std::string_view reason) {
  json::object body;
  body["rating"] = rating;
  if (!reason.empty()) body["reason"] = reason;
  return post("/api/tickets/" + std::to_string(ticket_id) + "/vote", body);
}

ApiResult ApiClient::issue_ticket(std::string_view service, bool priority, std::string_view idempotency_key) {
  json::object body;
  body["service"] = service;
  body["priority"] = priority;
  if (!idempotency_key.empty()) body["idempotency_key"] = idempotency_key;
  return post("/api/tickets", body);
}

ApiResult ApiClient::cancel_ticket(std::int64_t ticket_id) {
  return post("/api/tickets/" + std::to_string(ticket_id) + "/cancel", json::object{});
}

ApiResult ApiClient::force_close_counter(int counter) {
  return post("/api/counters/" + std::to_string(counter) + "/force-close", json::object{});
}

}  // namespace motcua::client
