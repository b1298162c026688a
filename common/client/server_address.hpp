// Parsing "host:port" and small URL helpers used by ApiClient, EventStream and the CLIs.
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::client {

struct ServerAddress {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string to_string() const;
};

// Accepts "host:port", "host" (port 8080) or ":port" (host 127.0.0.1); nullopt when malformed.
std::optional<ServerAddress> parse_server_address(std::string_view text);

// Percent-encodes everything outside [A-Za-z0-9-._~] for a query string value.
std::string url_encode(std::string_view text);

}  // namespace motcua::client
