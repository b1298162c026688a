// Helpers for tests against the real ticketd: clients bound to a DaemonProcess, a raw
// WebSocket reader with deadlines, and raw TCP for malformed requests. Test-only.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/api_client.hpp"
#include "daemon_process.hpp"

namespace motcua::testing {

// An ApiClient for the daemon, optionally with a device key.
std::unique_ptr<client::ApiClient> make_client(const DaemonProcess& d, const std::string& device_key = "");
// Signs in an officer at a counter; fails the test if refused.
std::unique_ptr<client::ApiClient> officer_at(const DaemonProcess& d, const std::string& user, int counter);

// A plain, synchronous WebSocket client reading /ws with a deadline per message.
class WsReader {
 public:
  WsReader(unsigned short port, const std::string& target);
  ~WsReader();
  bool connected() const { return connected_; }
  // The next message as JSON, or nullopt after `timeout` or on close.
  std::optional<boost::json::object> next(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
  // Reads until an event of `type` arrives (or the deadline); returns it.
  std::optional<boost::json::object> until_event(const std::string& type,
                                                 std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool connected_ = false;
};

// Sends raw bytes and returns what the server answers before closing or the deadline.
std::string raw_exchange(unsigned short port, const std::string& bytes,
                         std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
// The HTTP status code at the start of a raw response, 0 if none.
int status_of(const std::string& raw_response);

// JSON helpers.
std::int64_t int_of(const boost::json::value& v, const char* key);
std::string str_of(const boost::json::value& v, const char* key);

}  // namespace motcua::testing
