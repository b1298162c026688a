// Test support: a network "printer" on 127.0.0.1, port 0, that records every byte it receives.
// Runs its own io_context thread; the public methods are safe to call from the test thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace motcua::print::testing {

class FakePrinter {
 public:
  enum class Mode {
    answer_status,  // reads everything; answers DLE EOT 4 with status_byte
    silent,         // reads everything; never answers
    never_read,     // accepts, then reads nothing, so the sender's writes back up
  };

  explicit FakePrinter(Mode mode = Mode::answer_status, unsigned char status_byte = 0x12);
  ~FakePrinter();
  FakePrinter(const FakePrinter&) = delete;
  FakePrinter& operator=(const FakePrinter&) = delete;

  std::uint16_t port() const { return port_; }

  // All bytes of the next connection that ended (the sender closed), or nullopt after `limit`.
  std::optional<std::string> wait_for_connection(std::chrono::milliseconds limit = std::chrono::seconds(10));
  // Status queries answered so far, across connections.
  int status_queries() const;

 private:
  struct Impl;
  friend struct Impl;
  std::unique_ptr<Impl> impl_;
  std::uint16_t port_ = 0;
};

}  // namespace motcua::print::testing
