// ApiResult: what one HTTP request to ticketd came back with, including transport failures.
// A plain value; safe to copy and move between threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace motcua::client {

struct ApiResult {
  // HTTP status, or 0 when no reply came (see `error`).
  int status = 0;
  // The parsed JSON body; null when the body was empty (e.g. 204) or not JSON.
  boost::json::value body;
  // For non-2xx replies: the server's stable `error` id (docs/API.md). For status 0:
  //   "unreachable" — the request was never sent (connect failed): nothing happened;
  //   "no_reply"    — it was sent but no reply came: the outcome is unknown.
  std::string error;
  // Vietnamese text fit to show a person (the server's `message`, or ours for status 0).
  std::string message;

  bool ok() const { return status >= 200 && status < 300; }
  bool transport_failed() const { return status == 0; }
  bool unauthenticated() const { return status == 401; }
  // Field access on an object body; defaults when absent or of another type.
  const boost::json::object* object() const { return body.if_object(); }
  std::string string_field(std::string_view key) const;
  std::int64_t int_field(std::string_view key, std::int64_t fallback = 0) const;

  static ApiResult from_reply(int status, std::string_view body_text);
  static ApiResult unreachable(std::string detail);
  static ApiResult no_reply(std::string detail);
};

// Helpers for reading the loosely typed JSON objects of docs/API.md.
std::string json_string(const boost::json::value& v, std::string_view key);
std::int64_t json_int(const boost::json::value& v, std::string_view key, std::int64_t fallback = 0);
bool json_bool(const boost::json::value& v, std::string_view key, bool fallback = false);
const boost::json::value* json_field(const boost::json::value& v, std::string_view key);

}  // namespace motcua::client
