// Strict reading of request bodies: unknown fields, wrong types and bad values are
// refused with a Status that names the field. Pure; any thread.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "domain/status.hpp"
#include "net.hpp"

namespace motcua {

class RequestBody {
 public:
  // An empty body reads as {}. Anything but a JSON object is malformed_json.
  static Result<RequestBody> parse(std::string_view text, std::initializer_list<std::string_view> allowed_fields);

  bool has(std::string_view field) const { return object_.contains(field); }
  Result<std::string> string(std::string_view field, bool required, std::size_t max_length = 256) const;
  Result<std::int64_t> integer(std::string_view field, bool required, std::int64_t min, std::int64_t max,
                               std::int64_t fallback = 0) const;
  Result<bool> boolean(std::string_view field, bool fallback) const;
  const json::object& object() const { return object_; }

 private:
  json::object object_;
};

Status invalid_field(std::string_view field, std::string_view why);

}  // namespace motcua
