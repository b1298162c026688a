#include "client/api_result.hpp"

#include <boost/json.hpp>

namespace motcua::client {

namespace json = boost::json;

const json::value* json_field(const json::value& v, std::string_view key) {
  const auto* obj = v.if_object();
  if (!obj) return nullptr;
  return obj->if_contains(key);
}

std::string json_string(const json::value& v, std::string_view key) {
  const auto* f = json_field(v, key);
  if (f && f->is_string()) return std::string(f->get_string());
  return {};
}

std::int64_t json_int(const json::value& v, std::string_view key, std::int64_t fallback) {
  const auto* f = json_field(v, key);
  if (!f) return fallback;
  if (f->is_int64()) return f->get_int64();
  if (f->is_uint64()) return static_cast<std::int64_t>(f->get_uint64());
  if (f->is_double()) return static_cast<std::int64_t>(f->get_double());
  return fallback;
}

bool json_bool(const json::value& v, std::string_view key, bool fallback) {
  const auto* f = json_field(v, key);
  if (f && f->is_bool()) return f->get_bool();
  return fallback;
}

std::string ApiResult::string_field(std::string_view key) const { return json_string(body, key); }

std::int64_t ApiResult::int_field(std::string_view key, std::int64_t fallback) const {
  return json_int(body, key, fallback);
}

ApiResult ApiResult::from_reply(int status, std::string_view body_text) {
  ApiResult r;
  r.status = status;
  if (!body_text.empty()) {
    boost::system::error_code ec;
    json::value parsed = json::parse(body_text, ec);
    if (!ec) r.body = std::move(parsed);
  }
  if (!r.ok()) {
    r.error = json_string(r.body, "error");
    r.message = json_string(r.body, "message");
    if (r.error.empty()) r.error = "http_" + std::to_string(status);
    if (r.message.empty()) r.message = "Máy chủ trả lời lỗi " + std::to_string(status) + ".";
  }
  return r;
}

ApiResult ApiResult::unreachable(std::string detail) {
  ApiResult r;
  r.error = "unreachable";
  r.message = "Không kết nối được tới máy chủ";
  if (!detail.empty()) r.message += " (" + detail + ")";
  r.message += ".";
  return r;
}

ApiResult ApiResult::no_reply(std::string detail) {
  ApiResult r;
  r.error = "no_reply";
  r.message = "Máy chủ không trả lời";
  if (!detail.empty()) r.message += " (" + detail + ")";
  r.message += "; chưa rõ thao tác đã được thực hiện hay chưa.";
  return r;
}

}  // namespace motcua::client
