// Display benchmark (issue 4), not a test: the idle board's CPU use next to a bare SDL loop
// with the same frame pacing, and the speech latency from a call's event reaching the display
// to its first audio sample queued. Runs the real ticketd and the real display program.
//   display_bench [--seconds N] [--calls K] [--size WxH] [--x11]
// --x11 keeps the environment's video driver (run under xvfb-run); otherwise SDL's dummy
// drivers are used. Results go to stdout; BENCHMARKS.md (display) has the numbers.
#include <SDL.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "client/api_client.hpp"
#include "daemon_process.hpp"
#include "display_process.hpp"

namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using motcua::display::testing::DisplayProcess;
using motcua::display::testing::wait_until;

// utime + stime of a process in seconds, from /proc/<pid>/stat.
double cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close = all.rfind(')');  // the command name may hold spaces
  if (close == std::string::npos) return -1;
  std::istringstream rest(all.substr(close + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; rest >> field; ++i) {
    if (i == 14) utime = std::stoull(field);
    if (i == 15) {
      stime = std::stoull(field);
      break;
    }
  }
  return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

// Percent of one core used by `pid` over `seconds` (after the caller's warm-up).
double measure_cpu(pid_t pid, double seconds) {
  const double c0 = cpu_seconds(pid);
  const auto t0 = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  const double c1 = cpu_seconds(pid);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return (c1 - c0) / wall * 100.0;
}

// The baseline: a bare SDL window of the same size presenting a clear frame with one moving
// bar at `fps`, sleeping in SDL_WaitEventTimeout between frames as the display does.
int baseline_loop(double seconds, int w, int h, int fps) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) return 1;
  SDL_Window* win = SDL_CreateWindow("baseline", 0, 0, w, h, 0);
  SDL_Renderer* r = win ? SDL_CreateRenderer(win, -1, 0) : nullptr;
  if (!r) return 1;
  const Uint64 end = SDL_GetTicks64() + static_cast<Uint64>(seconds * 1000);
  Uint64 next = SDL_GetTicks64();
  int x = 0;
  while (SDL_GetTicks64() < end) {
    SDL_Event e;
    const Sint64 wait = static_cast<Sint64>(next) - static_cast<Sint64>(SDL_GetTicks64());
    if (SDL_WaitEventTimeout(&e, static_cast<int>(std::clamp<Sint64>(wait, 0, 1000))))
      while (SDL_PollEvent(&e)) {
      }
    if (SDL_GetTicks64() < next) continue;
    SDL_SetRenderDrawColor(r, 12, 30, 60, 255);
    SDL_RenderClear(r);
    SDL_SetRenderDrawColor(r, 255, 200, 87, 255);
    SDL_Rect bar{x = (x + 4) % w, h - 60, 400, 40};
    SDL_RenderFillRect(r, &bar);
    SDL_RenderPresent(r);
    next += static_cast<Uint64>(1000 / fps);
  }
  SDL_DestroyRenderer(r);
  SDL_DestroyWindow(win);
  SDL_Quit();
  return 0;
}

struct Options {
  double seconds = 20;
  int calls = 5;
  std::string size = "1920x1080";
  bool x11 = false;
};

std::vector<double> latencies(const DisplayProcess& d) {
  std::vector<double> out;
  for (const std::string& line : d.log_lines("độ trễ đọc: ")) out.push_back(std::stod(line.substr(line.find(':') + 2)));
  return out;
}

void print_stats(const char* what, std::vector<double> v) {
  if (v.empty()) {
    std::printf("%-44s no samples\n", what);
    return;
  }
  std::sort(v.begin(), v.end());
  const double mean = std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
  std::printf("%-44s n=%zu  min %.1f  median %.1f  mean %.1f  max %.1f ms\n", what, v.size(), v.front(),
              v[v.size() / 2], mean, v.back());
}

// Calls `calls` tickets at counter 3 one after another, each when nothing else plays, and
// returns the display's own latency lines.
std::vector<double> speech_latency(motcua::testing::DaemonProcess& daemon, const Options& o, const fs::path& dir,
                                   bool chime) {
  std::vector<std::string> args{"--server", "127.0.0.1:" + std::to_string(daemon.port()), "--key", "demo-display-key-1",
                                "--size", o.size, "--repeat", "1"};
  if (!chime) args.push_back("--no-chime");
  DisplayProcess d(args, (dir / (chime ? "latency-chime.log" : "latency-nochime.log")).string(), !o.x11);
  if (!d.start() || !wait_until([&] { return !d.log_lines("đã kết nối").empty(); }, 30s)) {
    std::fprintf(stderr, "display did not connect:\n%s\n", d.log().c_str());
    return {};
  }
  motcua::client::ApiClient kiosk({motcua::client::ServerAddress{"127.0.0.1", daemon.port()}});
  kiosk.set_device_key("demo-kiosk-key-1");
  motcua::client::ApiClient officer({motcua::client::ServerAddress{"127.0.0.1", daemon.port()}});
  if (!officer.login("canbo3", "demo1234", 3).ok()) return {};
  for (int i = 0; i < o.calls; ++i) {
    kiosk.issue_ticket("dat-dai");
    const std::size_t before = latencies(d).size();
    if (!officer.counter_action(3, "call-next").ok()) break;
    if (!wait_until([&] { return latencies(d).size() > before; }, 30s)) break;
    officer.counter_action(3, "start");
    officer.counter_action(3, "close");
    // One announcement (chime ~1.5 s + ~5 s of speech + 0.7 s pause) must end before the next.
    std::this_thread::sleep_for(9s);
  }
  d.stop();
  return latencies(d);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 5 && args[0] == "--baseline-loop")
    return baseline_loop(std::stod(args[1]), std::stoi(args[2]), std::stoi(args[3]), std::stoi(args[4]));
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--seconds" && i + 1 < args.size()) o.seconds = std::stod(args[++i]);
    else if (args[i] == "--calls" && i + 1 < args.size()) o.calls = std::stoi(args[++i]);
    else if (args[i] == "--size" && i + 1 < args.size()) o.size = args[++i];
    else if (args[i] == "--x11") o.x11 = true;
    else {
      std::fprintf(stderr, "display_bench [--seconds N] [--calls K] [--size WxH] [--x11]\n");
      return 2;
    }
  }
  const int w = std::stoi(o.size.substr(0, o.size.find('x'))), h = std::stoi(o.size.substr(o.size.find('x') + 1));
  const fs::path dir = fs::temp_directory_path() / ("motcua-display-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const char* video = o.x11 ? (std::getenv("SDL_VIDEODRIVER") ? std::getenv("SDL_VIDEODRIVER") : "x11") : "dummy";
  std::printf("display benchmark: %s, video driver %s, %.0f s per CPU sample, %ld cores online\n", o.size.c_str(), video,
              o.seconds, sysconf(_SC_NPROCESSORS_ONLN));

  motcua::testing::DaemonProcess daemon;
  if (!daemon.start()) {
    std::fprintf(stderr, "ticketd did not start:\n%s\n", daemon.log().c_str());
    return 1;
  }
  const int ticker_fps = 20;  // the display's default (ScreenSettings::ticker_fps)

  // 1. The idle board: connected, nobody called, only the clock and the scrolling line move.
  {
    DisplayProcess d({"--server", "127.0.0.1:" + std::to_string(daemon.port()), "--key", "demo-display-key-1", "--size",
                      o.size},
                     (dir / "idle.log").string(), !o.x11);
    d.start();
    wait_until([&] { return !d.log_lines("đã kết nối").empty(); }, 30s);
    std::this_thread::sleep_for(3s);  // fonts, first frames, the static layer
    const double cpu = measure_cpu(d.pid(), o.seconds);
    const bool ok = d.running();
    d.stop();
    std::printf("%-44s %.2f %% of one core%s\n", "idle display (default: software, strip redraw)", cpu,
                ok ? "" : "  (display exited early!)");
  }
  // 2. The same idle board with whole-frame redraws on the GPU renderer (software GL where
  //    there is no GPU), and with the scrolling line slowed to 1 fps: what the choices cost.
  for (const auto& [label, extra] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"idle display, --renderer accelerated", {"--renderer", "accelerated"}},
           {"idle display, --ticker-fps 1", {"--ticker-fps", "1"}}}) {
    std::vector<std::string> a{"--server", "127.0.0.1:" + std::to_string(daemon.port()), "--key", "demo-display-key-1",
                               "--size", o.size};
    a.insert(a.end(), extra.begin(), extra.end());
    DisplayProcess d(a, (dir / "idle-variant.log").string(), !o.x11);
    d.start();
    wait_until([&] { return !d.log_lines("đã kết nối").empty(); }, 30s);
    std::this_thread::sleep_for(3s);
    std::printf("%-44s %.2f %% of one core\n", label.c_str(), measure_cpu(d.pid(), o.seconds));
    d.stop();
  }
  // 3. The baseline: a bare SDL loop presenting at the same pace (this program, forked).
  {
    const pid_t pid = ::fork();
    if (pid == 0) {
      if (!o.x11) ::setenv("SDL_VIDEODRIVER", "dummy", 1);
      ::execl("/proc/self/exe", "display_bench", "--baseline-loop", std::to_string(o.seconds + 5).c_str(),
              std::to_string(w).c_str(), std::to_string(h).c_str(), std::to_string(ticker_fps).c_str(), nullptr);
      ::_exit(127);
    }
    std::this_thread::sleep_for(2s);
    const double cpu = measure_cpu(pid, o.seconds);
    int status = 0;
    ::waitpid(pid, &status, 0);
    std::printf("%-44s %.2f %% of one core\n", "baseline: bare SDL loop at 20 fps", cpu);
  }

  // 4. Speech latency, nothing else playing.
  print_stats("speech latency, event -> first sample (chime)", speech_latency(daemon, o, dir, true));
  print_stats("speech latency, event -> first sample (no chime)", speech_latency(daemon, o, dir, false));
  daemon.stop();
  fs::remove_all(dir);
  return 0;
}
