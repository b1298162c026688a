// Status and Result: how the domain says "no" without exceptions.
// Value types; safe to copy between threads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace motcua {

// The category decides the HTTP status; `error` is the stable machine-readable id
// that clients switch on (documented in docs/API.md).
enum class StatusCode { ok, invalid_argument, unauthenticated, forbidden, not_found, conflict, unavailable };

class Status {
 public:
  Status() = default;
  static Status ok() { return {}; }
  static Status invalid_argument(std::string error, std::string message) {
    return {StatusCode::invalid_argument, std::move(error), std::move(message)};
  }
  static Status unauthenticated(std::string error, std::string message) {
    return {StatusCode::unauthenticated, std::move(error), std::move(message)};
  }
  static Status forbidden(std::string error, std::string message) {
    return {StatusCode::forbidden, std::move(error), std::move(message)};
  }
  static Status not_found(std::string error, std::string message) {
    return {StatusCode::not_found, std::move(error), std::move(message)};
  }
  static Status conflict(std::string error, std::string message) {
    return {StatusCode::conflict, std::move(error), std::move(message)};
  }
  static Status unavailable(std::string error, std::string message) {
    return {StatusCode::unavailable, std::move(error), std::move(message)};
  }

  bool is_ok() const { return code_ == StatusCode::ok; }
  StatusCode code() const { return code_; }
  const std::string& error() const { return error_; }
  const std::string& message() const { return message_; }

 private:
  Status(StatusCode c, std::string e, std::string m) : code_(c), error_(std::move(e)), message_(std::move(m)) {}
  StatusCode code_ = StatusCode::ok;
  std::string error_;
  std::string message_;
};

// Either a value or a non-ok Status.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Status status) : v_(std::move(status)) {}
  bool is_ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const { return std::get<T>(v_); }
  T& value() { return std::get<T>(v_); }
  Status status() const { return is_ok() ? Status::ok() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace motcua
