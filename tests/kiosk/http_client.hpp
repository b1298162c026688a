// Test support: one blocking HTTP/1.1 request to ticketd on 127.0.0.1, with a time limit.
// Plain function; call from the test thread.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace motcua::kiosk_testing {

struct HttpReply {
  int status = 0;  // 0 = no answer (refused, reset or timed out)
  std::string body;
  boost::json::value json;  // null unless the body is JSON
};

HttpReply http_request(unsigned short port, const std::string& method, const std::string& target,
                       const std::string& body = "",
                       const std::vector<std::pair<std::string, std::string>>& headers = {});

// Shorthands for the kiosk's POST /api/tickets and the public reads.
HttpReply issue(unsigned short port, const std::string& device_key, const boost::json::object& body);
int issued_today_total(unsigned short port);

}  // namespace motcua::kiosk_testing
