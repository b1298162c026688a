#include "daemon_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#ifndef MOTCUA_TICKETD_PATH
#error "MOTCUA_TICKETD_PATH must name the ticketd binary"
#endif

namespace motcua::testing {

std::string DaemonProcess::binary_path() { return MOTCUA_TICKETD_PATH; }

DaemonProcess::DaemonProcess(DaemonOptions options) : options_(std::move(options)) {
  std::string pattern = (std::filesystem::temp_directory_path() / "motcua-test-XXXXXX").string();
  if (char* made = mkdtemp(pattern.data())) dir_ = made;
  db_path_ = options_.db_path.empty() ? dir_ + "/ticketd.db" : options_.db_path;
  port_file_ = dir_ + "/port";
  log_path_ = dir_ + "/ticketd.log";
}

DaemonProcess::~DaemonProcess() {
  kill9();
  std::error_code ec;
  if (!dir_.empty() && std::getenv("MOTCUA_KEEP_TEST_DIRS") == nullptr) std::filesystem::remove_all(dir_, ec);
}

bool DaemonProcess::start() { return launch(0); }

bool DaemonProcess::restart() {
  if (running()) stop();
  return launch(0);
}

bool DaemonProcess::restart_on_same_port() {
  if (running()) stop();
  const unsigned short previous = port_;
  // The old socket may linger briefly; retry the bind for a bounded time.
  for (int attempt = 0; attempt < 50; ++attempt) {
    if (launch(previous)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

bool DaemonProcess::launch(unsigned short port) {
  std::filesystem::remove(port_file_);
  std::vector<std::string> args{binary_path(), "--db", db_path_, "--listen", "127.0.0.1", "--port", std::to_string(port),
                                "--port-file", port_file_, "--threads", "2"};
  if (!options_.config_path.empty()) {
    args.push_back("--config");
    args.push_back(options_.config_path);
  }
  for (const auto& a : options_.extra_args) args.push_back(a);
  const pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    const int fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      close(fd);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  pid_ = pid;
  const auto deadline = std::chrono::steady_clock::now() + options_.start_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;  // exited early: see log()
    }
    std::ifstream in(port_file_);
    unsigned p = 0;
    if (in >> p && p > 0) {
      port_ = static_cast<unsigned short>(p);
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill9();
  return false;
}

void DaemonProcess::reap(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void DaemonProcess::stop(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  reap(timeout);
}

void DaemonProcess::kill9() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  reap(std::chrono::milliseconds(5000));
}

std::string DaemonProcess::log() const {
  std::ifstream in(log_path_);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace motcua::testing
