#include "display_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace motcua::display::testing {

DisplayProcess::DisplayProcess(std::vector<std::string> args, std::string log_path, bool headless)
    : args_(std::move(args)), log_path_(std::move(log_path)), headless_(headless) {}

DisplayProcess::~DisplayProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

std::string DisplayProcess::binary_path() { return MOTCUA_DISPLAY_PATH; }

bool DisplayProcess::start() {
  std::vector<std::string> argv_s{binary_path()};
  argv_s.insert(argv_s.end(), args_.begin(), args_.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  // The environment is built before fork: the child may only make async-signal-safe calls.
  std::vector<std::string> env_s;
  if (headless_) env_s = {"SDL_VIDEODRIVER=dummy", "SDL_AUDIODRIVER=dummy"};
  for (char** e = environ; *e; ++e) {
    const std::string v(*e);
    if (!headless_ || (v.rfind("SDL_VIDEODRIVER=", 0) != 0 && v.rfind("SDL_AUDIODRIVER=", 0) != 0)) env_s.push_back(v);
  }
  std::vector<char*> envp;
  for (auto& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    const int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
    }
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  pid_ = pid;
  return true;
}

int DisplayProcess::stop(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  const bool exited = wait_until([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; }, timeout);
  if (!exited) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
  }
  pid_ = -1;
  return exited && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string DisplayProcess::log() const {
  std::ifstream in(log_path_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> DisplayProcess::log_lines(const std::string& prefix) const {
  std::vector<std::string> out;
  std::istringstream in(log());
  const std::string full = "display: " + prefix;
  for (std::string line; std::getline(in, line);)
    if (line.rfind(full, 0) == 0) out.push_back(line.substr(9));
  return out;
}

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() >= end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace motcua::display::testing
