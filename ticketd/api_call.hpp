// One request as the handlers see it: parsed target, credentials, body, and the caller
// (filled in on the office strand). Internal to api*.cpp.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "api.hpp"
#include "auth.hpp"

namespace motcua {

struct Api::Call {
  http::verb method = http::verb::get;
  std::string path;
  std::map<std::string, std::string> query;
  std::string body;
  std::string bearer_token;
  std::string device_key;
  Caller caller;
  Respond respond;
  // Work to do once the change is durable, before answering (e.g. printing the ticket).
  std::function<void(ApiResponse, Respond)> after_commit;
  std::chrono::steady_clock::time_point received;
};

// "/api/tickets/42/vote" → {"api", "tickets", "42", "vote"}
std::vector<std::string> split_path(const std::string& path);
// Keys and values percent-decoded ("%20" and "+" are spaces), as browsers' forms encode them.
std::map<std::string, std::string> parse_query(std::string_view query);
std::string percent_decoded(std::string_view text);
bool parse_id(const std::string& text, std::int64_t& out);

ApiResponse unauthenticated_response(const Caller& caller);
ApiResponse forbidden_response(const std::string& message);
// Supervisors and admins only; a device key is a known caller of the wrong kind. `action`
// completes the refusals' Vietnamese, e.g. "xem báo cáo".
std::optional<ApiResponse> refuse_unless_supervisor(const Caller& caller, const std::string& action);

}  // namespace motcua
