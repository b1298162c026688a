// Runs a program of the tree as a child process for end-to-end tests: its own environment
// additions, stdout and stderr into a log file, and bounded waits. One thread (the test's).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace motcua::testing {

class ChildProcess {
 public:
  // `env` entries ("NAME=value") replace the same names of the test's own environment.
  ChildProcess(std::string path, std::vector<std::string> args, std::vector<std::string> env, std::string log_path);
  ~ChildProcess();  // SIGKILLs a still running child
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool start();
  // The exit code once the child has ended by itself within `timeout`; nullopt while it runs.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  // SIGTERM, then SIGKILL after `timeout`; the exit code when it ended by itself in time.
  std::optional<int> stop(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
  pid_t pid() const { return pid_; }
  std::string log() const;

 private:
  std::string path_;
  std::vector<std::string> args_;
  std::vector<std::string> env_;
  std::string log_path_;
  pid_t pid_ = -1;
};

}  // namespace motcua::testing
