// Starts the real ticketd on 127.0.0.1 with port 0 and a temporary database, for tests.
// One instance per test; not thread-safe. Every wait is bounded.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace motcua::testing {

struct DaemonOptions {
  std::string config_path;            // empty = the embedded demo office
  std::vector<std::string> extra_args;
  std::chrono::milliseconds start_timeout{15000};
  std::string db_path;                // empty = a file in the temporary folder; ":memory:" works
};

class DaemonProcess {
 public:
  // Makes a fresh temporary folder holding the database and the logs.
  explicit DaemonProcess(DaemonOptions options = {});
  ~DaemonProcess();  // SIGKILLs a running daemon and removes the folder
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  // Starts ticketd and waits until it listens; false (with log()) on failure or timeout.
  bool start();
  // SIGTERM, then SIGKILL after the timeout.
  void stop(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
  // SIGKILL, as in a crash or power loss of the process.
  void kill9();
  // stop() or kill9() first; starts again on the same database (a new port).
  bool restart();
  // Same, but keeps the previous port so clients can reconnect to the same address.
  bool restart_on_same_port();

  bool running() const { return pid_ > 0; }
  unsigned short port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& db_path() const { return db_path_; }
  const std::string& dir() const { return dir_; }
  std::string log() const;  // stdout + stderr so far

  // Where the ticketd binary is (set by CMake as MOTCUA_TICKETD_PATH).
  static std::string binary_path();

 private:
  bool launch(unsigned short port);
  void reap(std::chrono::milliseconds timeout);

  DaemonOptions options_;
  std::string dir_;
  std::string db_path_;
  std::string port_file_;
  std::string log_path_;
  pid_t pid_ = -1;
  unsigned short port_ = 0;
};

}  // namespace motcua::testing
