// ApiClient: a blocking HTTP/1.1 keep-alive client for ticketd's documented API (docs/API.md).
// Thread rule: one ApiClient per thread (it owns its io_context); never throws out of a call.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "client/api_result.hpp"
#include "client/server_address.hpp"

namespace motcua::client {

struct ApiClientOptions {
  ServerAddress server;
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{10000};
};

class ApiClient {
 public:
  explicit ApiClient(ApiClientOptions options);
  ~ApiClient();
  ApiClient(const ApiClient&) = delete;
  ApiClient& operator=(const ApiClient&) = delete;

  // Credentials sent with every request: a bearer token (staff) or a device key; setting one
  // clears the other.
  void set_token(std::string token);
  void set_device_key(std::string key);
  void clear_credentials();
  const std::string& token() const { return token_; }
  const ServerAddress& server() const { return options_.server; }

  // Raw requests. A GET that fails on a reused connection is retried once on a fresh one;
  // a POST never is, so a counter action is never sent twice by this class.
  ApiResult get(std::string_view target);
  ApiResult post(std::string_view target, const boost::json::value& body);

  // The documented endpoints.
  ApiResult health() { return get("/api/health"); }
  ApiResult office() { return get("/api/office"); }
  ApiResult services() { return get("/api/services"); }
  ApiResult queue() { return get("/api/queue"); }
  ApiResult ticket(std::int64_t id) { return get("/api/tickets/" + std::to_string(id)); }
  ApiResult me() { return get("/api/me"); }
  // On 200 the returned token becomes this client's credential.
  ApiResult login(std::string_view username, std::string_view password, std::optional<int> counter);
  ApiResult logout();
  // action: call-next, recall, start, no-show, close, transfer, pause, resume.
  ApiResult counter_action(int counter, std::string_view action, boost::json::object body = {});
  // By ticket id (POST /api/tickets/{id}/reactivate), for callers that hold the id.
  ApiResult reactivate(std::int64_t ticket_id, int counter);
  // By the number printed on the citizen's paper ("1023", "A015"): the counter action an
  // officer uses, since an officer never sees ticket ids. 200 {"ticket", "counter"}.
  ApiResult reactivate_number(int counter, std::string_view number);
  // rating 1..4; reason only with 4 (empty = none).
  ApiResult vote(std::int64_t ticket_id, int rating, std::string_view reason = {});
  ApiResult issue_ticket(std::string_view service, bool priority = false, std::string_view idempotency_key = {});
  ApiResult cancel_ticket(std::int64_t ticket_id);
  // Supervisor or admin: closes a counter whatever its officer is doing (its ticket goes
  // back in line).
  ApiResult force_close_counter(int counter);

  // Drops the kept-alive connection (the next request connects again).
  void disconnect();

 private:
  class Connection;
  ApiResult request(bool is_post, std::string_view target, const std::string* body);

  ApiClientOptions options_;
  std::string token_;
  std::string device_key_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace motcua::client
