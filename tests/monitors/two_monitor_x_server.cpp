#include "two_monitor_x_server.hpp"

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <thread>
#include <vector>

namespace motcua::testing {
namespace {

// Two 60 Hz modes the dummy driver can drive; xrandr gives the second output the smaller.
const char* kXorgConf = R"(Section "ServerFlags"
  Option "AutoAddDevices" "false"
  Option "AutoAddGPU" "false"
EndSection
Section "Device"
  Identifier "dummy"
  Driver "dummy"
  VideoRam 256000
EndSection
Section "Monitor"
  Identifier "monitor"
  HorizSync 5.0-1000.0
  VertRefresh 5.0-200.0
  Modeline "1280x800" 83.50 1280 1352 1480 1680 800 803 809 831
  Modeline "1024x768" 65.00 1024 1048 1184 1344 768 771 777 806
EndSection
Section "Screen"
  Identifier "screen"
  Device "dummy"
  Monitor "monitor"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Virtual 2304 800
    Modes "1280x800"
  EndSubSection
EndSection
)";

struct DisplayCloser {
  void operator()(Display* d) const { XCloseDisplay(d); }
};
using DisplayPtr = std::unique_ptr<Display, DisplayCloser>;

}  // namespace

std::string to_string(const ScreenRect& r) {
  return std::to_string(r.width) + "x" + std::to_string(r.height) + "+" + std::to_string(r.x) + "+" +
         std::to_string(r.y);
}

TwoMonitorXServer::TwoMonitorXServer() = default;

TwoMonitorXServer::~TwoMonitorXServer() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
}

bool TwoMonitorXServer::start() {
  std::ofstream(dir_.file("xorg.conf")) << kXorgConf;
  const std::string conf_dir = dir_.file("xorg.conf.d");  // empty: the system's snippets stay out
  std::filesystem::create_directories(conf_dir);
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) {
    why_ = "pipe failed";
    return false;
  }
  std::vector<std::string> args = {"Xorg",       "-noreset",          "-nolisten", "tcp",
                                   "-seat",      "seat-motcua-test",  "-displayfd", "3",
                                   "-config",    dir_.file("xorg.conf"), "-configdir", conf_dir,
                                   "-logfile",   dir_.file("xorg.log")};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string out_path = dir_.file("xorg.out");
  const pid_t pid = ::fork();
  if (pid < 0) {
    why_ = "fork failed";
    return false;
  }
  if (pid == 0) {
    ::dup2(pipe_fds[1], 3);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out >= 0) {
      ::dup2(out, 1);
      ::dup2(out, 2);
    }
    ::execvp("Xorg", argv.data());
    ::_exit(127);
  }
  pid_ = pid;
  ::close(pipe_fds[1]);
  // Xorg writes its display number once it accepts clients.
  std::string number;
  pollfd p{pipe_fds[0], POLLIN, 0};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (number.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    if (::poll(&p, 1, 200) <= 0) continue;
    char buf[16];
    const ssize_t n = ::read(pipe_fds[0], buf, sizeof buf);
    if (n <= 0) break;
    number.append(buf, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  if (number.find('\n') == std::string::npos) {
    std::ifstream log(out_path);
    why_ = "Xorg with the dummy driver did not start (deploy/deps.sh --test installs xserver-xorg-core and "
           "xserver-xorg-video-dummy): " + std::string(std::istreambuf_iterator<char>(log), {});
    return false;
  }
  display_number_ = std::stoi(number);
  std::string out;
  if (!run_xrandr("--addmode DUMMY1 1024x768", out) ||
      !run_xrandr("--output DUMMY1 --mode 1024x768 --right-of DUMMY0", out) || !run_xrandr("", out) ||
      out.find("DUMMY1 connected 1024x768+1280+0") == std::string::npos) {
    why_ = "xrandr did not switch the second monitor on: " + out;
    return false;
  }
  return true;
}

bool TwoMonitorXServer::run_xrandr(const std::string& args, std::string& output) const {
  const std::string cmd = "DISPLAY=" + display() + " timeout 20 xrandr " + args + " 2>&1";
  output.clear();
  FILE* f = ::popen(cmd.c_str(), "r");
  if (!f) return false;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) output.append(buf, n);
  const int status = ::pclose(f);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::optional<ScreenRect> TwoMonitorXServer::find_window(const std::string& program) const {
  DisplayPtr d(XOpenDisplay(display().c_str()));
  if (!d) return std::nullopt;
  Window root = DefaultRootWindow(d.get()), parent = 0, *children = nullptr;
  unsigned int count = 0;
  if (!XQueryTree(d.get(), root, &root, &parent, &children, &count)) return std::nullopt;
  std::optional<ScreenRect> found;
  for (unsigned int i = 0; i < count && !found; ++i) {
    XWindowAttributes a{};
    if (!XGetWindowAttributes(d.get(), children[i], &a) || a.map_state != IsViewable) continue;
    XClassHint hint{};
    if (!XGetClassHint(d.get(), children[i], &hint)) continue;
    const bool ours = hint.res_name && program == hint.res_name;
    if (hint.res_name) XFree(hint.res_name);
    if (hint.res_class) XFree(hint.res_class);
    if (ours) found = ScreenRect{a.x, a.y, a.width, a.height};
  }
  if (children) XFree(children);
  return found;
}

double TwoMonitorXServer::lit_share(const ScreenRect& area) const {
  DisplayPtr d(XOpenDisplay(display().c_str()));
  if (!d) return -1;
  XImage* image = XGetImage(d.get(), DefaultRootWindow(d.get()), area.x, area.y, static_cast<unsigned>(area.width),
                            static_cast<unsigned>(area.height), AllPlanes, ZPixmap);
  if (!image) return -1;
  long lit = 0, seen = 0;
  for (int y = 0; y < area.height; y += 4)
    for (int x = 0; x < area.width; x += 4, ++seen)
      if ((XGetPixel(image, x, y) & 0xffffff) != 0) ++lit;
  XDestroyImage(image);
  return seen ? static_cast<double>(lit) / static_cast<double>(seen) : 0;
}

}  // namespace motcua::testing
