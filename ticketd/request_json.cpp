#include "request_json.hpp"

#include "unicode_text.hpp"

namespace motcua {

Status invalid_field(std::string_view field, std::string_view why) {
  return Status::invalid_argument("invalid_field", "Trường \"" + std::string(field) + "\" " + std::string(why));
}

Result<RequestBody> RequestBody::parse(std::string_view text, std::initializer_list<std::string_view> allowed) {
  RequestBody body;
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return body;
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 8;
  json::value v = json::parse(text, ec, {}, options);
  if (ec) return Status::invalid_argument("malformed_json", "Nội dung không phải JSON hợp lệ: " + ec.message());
  if (!v.is_object()) return Status::invalid_argument("malformed_json", "Nội dung phải là một đối tượng JSON");
  body.object_ = std::move(v.as_object());
  for (const auto& kv : body.object_) {
    bool known = false;
    for (auto name : allowed) known = known || kv.key() == name;
    if (!known) return invalid_field(kv.key(), "không được hỗ trợ");
  }
  return body;
}

Result<std::string> RequestBody::string(std::string_view field, bool required, std::size_t max_length) const {
  const json::value* v = object_.if_contains(field);
  if (!v || v->is_null()) {
    if (required)
      return Status::invalid_argument("missing_field", "Thiếu trường \"" + std::string(field) + "\"");
    return std::string{};
  }
  if (!v->is_string()) return invalid_field(field, "phải là chuỗi");
  // The limit is on the stored (composed) text: a decomposed "Nguyễn" is longer in bytes.
  std::string text = to_nfc(v->get_string());
  if (text.size() > max_length) return invalid_field(field, "dài quá " + std::to_string(max_length) + " byte");
  return text;
}

Result<std::int64_t> RequestBody::integer(std::string_view field, bool required, std::int64_t min, std::int64_t max,
                                          std::int64_t fallback) const {
  const json::value* v = object_.if_contains(field);
  if (!v || v->is_null()) {
    if (required)
      return Status::invalid_argument("missing_field", "Thiếu trường \"" + std::string(field) + "\"");
    return fallback;
  }
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(max)) {
    n = static_cast<std::int64_t>(v->get_uint64());
  } else {
    return invalid_field(field, "phải là số nguyên");
  }
  if (n < min || n > max)
    return invalid_field(field, "phải trong khoảng " + std::to_string(min) + "–" + std::to_string(max));
  return n;
}

Result<bool> RequestBody::boolean(std::string_view field, bool fallback) const {
  const json::value* v = object_.if_contains(field);
  if (!v || v->is_null()) return fallback;
  if (!v->is_bool()) return invalid_field(field, "phải là true hoặc false");
  return v->get_bool();
}

}  // namespace motcua
