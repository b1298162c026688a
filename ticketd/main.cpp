// ticketd: the ticket daemon. Wires config, store, office strand, HTTP/WebSocket
// listener, the periodic tick and the optional simulator, then runs the io_context.
#include <CLI/CLI.hpp>

#include <csignal>
#include <optional>
#include <termios.h>
#include <unistd.h>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <future>
#include <iostream>
#include <sstream>
#include <thread>

#include "api.hpp"
#include "auth.hpp"
#include "backup/backup_plan.hpp"
#include "backups.hpp"
#include "config_loader.hpp"
#include "store/database_lock.hpp"
#include "heap_prefaulter.hpp"
#include "http_session.hpp"
#include "office.hpp"
#include "report_runner.hpp"
#include "simulator.hpp"
#include "alert_monitor.hpp"
#include "ticket_printing.hpp"
#include "unicode_text.hpp"

#ifndef MOTCUA_DEFAULT_WEB_ROOT
#define MOTCUA_DEFAULT_WEB_ROOT ""
#endif

using namespace motcua;

namespace {

constexpr const char* kDemoPassword = "demo1234";

Instant system_now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

// Hashing is deliberately slow; spread it over both cores.
void hash_passwords(OfficeConfig& config, const std::vector<std::pair<std::string, std::string>>& plain) {
  std::vector<std::future<std::pair<std::string, std::string>>> jobs;
  for (const auto& [user, password] : plain)
    jobs.push_back(std::async(std::launch::async, [user, password] { return std::make_pair(user, hash_password(password)); }));
  for (auto& job : jobs) {
    auto [user, hash] = job.get();
    for (auto& o : config.officers)
      if (o.username == user) o.password_hash = hash;
  }
}

// Reads one password line from stdin; at a terminal it asks twice, without echo, so
// the password stays out of the shell's history and off the screen.
std::optional<std::string> read_password_line(bool at_terminal, const char* prompt) {
  termios saved{};
  if (at_terminal) {
    std::fprintf(stderr, "%s", prompt);
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (at_terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fprintf(stderr, "\n");
  }
  if (!got) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();  // typed on Windows, pasted over SSH
  return line;
}

int run_hash_password() {
  const bool at_terminal = isatty(STDIN_FILENO) != 0;
  auto password = read_password_line(at_terminal, "Mật khẩu: ");
  if (!password) {
    std::fprintf(stderr, "ticketd hash-password: không đọc được mật khẩu (stdin trống)\n");
    return 2;
  }
  if (std::string problem = new_password_problem(*password); !problem.empty()) {
    std::fprintf(stderr, "ticketd hash-password: %s\n", problem.c_str());
    return 2;
  }
  if (at_terminal) {
    auto again = read_password_line(true, "Nhập lại mật khẩu: ");
    if (!again || to_nfc(*again) != to_nfc(*password)) {
      std::fprintf(stderr, "ticketd hash-password: hai lần nhập không khớp\n");
      return 2;
    }
  }
  const std::string hash = hash_password(*password);
  if (hash.empty()) {
    std::fprintf(stderr, "ticketd hash-password: libsodium không tạo được mã băm (thiếu bộ nhớ?)\n");
    return 1;
  }
  std::printf("%s\n", hash.c_str());
  return 0;
}

void print_demo_banner(const OfficeConfig& config, const std::string& host, unsigned short port) {
  const std::string base = "http://" + (host == "0.0.0.0" ? std::string("127.0.0.1") : host) + ":" + std::to_string(port);
  std::printf("\n  %s\n", config.office_name.c_str());
  std::printf("  ticketd đang chạy tại %s\n\n", base.c_str());
  std::printf("  Máy lấy số (kiosk):     %s/kiosk?key=demo-kiosk-key-1\n", base.c_str());
  std::printf("  Bảng điều khiển:        %s/dashboard\n", base.c_str());
  std::printf("  API:                    %s/api/queue   (xem docs/API.md)\n\n", base.c_str());
  std::printf("  Tài khoản demo (mật khẩu \"%s\"):\n", kDemoPassword);
  for (const auto& o : config.officers)
    std::printf("    %-8s  %-10s  %s\n", o.username.c_str(), std::string(to_string(o.role)).c_str(),
                o.display_name.c_str());
  std::printf("\n  Khóa thiết bị demo:\n");
  for (const auto& d : config.devices)
    std::printf("    %-10s  %-10s  %s%s\n", d.id.c_str(), std::string(to_string(d.kind)).c_str(), d.key.c_str(),
                d.counter ? (" (quầy " + std::to_string(d.counter) + ")").c_str() : "");
  std::printf("\n");
  std::fflush(stdout);
}

// Your own office: the same addresses, with each device named but not its key (the log
// may be read by more people than the config), and the accounts without passwords.
void print_office_banner(const OfficeConfig& config, const std::string& host, unsigned short port,
                         const std::string& public_base_url) {
  std::string base = public_base_url;
  if (base.empty()) {
    base = "http://" + (host == "0.0.0.0" ? std::string("<địa chỉ máy này>") : host) + ":" + std::to_string(port);
  }
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::printf("\n  %s\n", config.office_name.c_str());
  std::printf("  ticketd đang chạy tại %s\n\n", base.c_str());
  std::printf("  Máy lấy số (kiosk):     %s/kiosk?key=<khóa của máy lấy số>\n", base.c_str());
  std::printf("  Bảng điều khiển:        %s/dashboard   (lãnh đạo, quản trị viên)\n", base.c_str());
  std::printf("  API:                    %s/api/queue   (xem docs/API.md)\n\n", base.c_str());
  std::printf("  Thiết bị (khóa ở mục [[devices]] của tệp cấu hình):\n");
  for (const auto& d : config.devices)
    std::printf("    %-12s  %-10s%s\n", d.id.c_str(), std::string(to_string(d.kind)).c_str(),
                d.counter ? (" (quầy " + std::to_string(d.counter) + ")").c_str() : "");
  std::printf("\n  Tài khoản:\n");
  for (const auto& o : config.officers)
    std::printf("    %-12s  %-10s  %s\n", o.username.c_str(), std::string(to_string(o.role)).c_str(),
                o.display_name.c_str());
  std::printf("\n");
  std::fflush(stdout);
}

void schedule_tick(net::steady_timer& timer, Office& office, int retention_days) {
  timer.expires_after(std::chrono::seconds(15));
  timer.async_wait([&timer, &office, retention_days](beast::error_code ec) {
    if (ec) return;
    office.post([&office, retention_days] {
      office.execute(Tick{});
      // Personal data is kept only as long as configured.
      office.store()->purge_identity(office.now() - std::chrono::hours(24) * retention_days);
    });
    schedule_tick(timer, office, retention_days);
  });
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ticketd — máy chủ xếp hàng cho bộ phận một cửa"};
  std::string config_path, db_path, listen, port_file, web_root, synchronous, public_base_url, backup_dir;
  std::string backup_times;
  int print_width = 576;
  int port = -1;
  // One core is left to the store thread, which writes each group commit while the
  // office strand decides the next.
  int threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) - 1);
  int read_timeout_s = 30;
  bool simulate = false;
  double simulate_speed = 1.0;
  app.add_option("--config", config_path, "Office config (TOML); without it, the demo ward office");
  app.add_option("--db", db_path, "SQLite database file");
  app.add_option("--listen", listen, "Address to listen on (default 127.0.0.1)");
  app.add_option("--port", port, "TCP port (0 = any free port)")->check(CLI::Range(0, 65535));
  app.add_option("--port-file", port_file, "Write the bound port to this file once listening");
  app.add_option("--web-root", web_root, "Folder of the web pages (kiosk, dashboard)");
  app.add_option("--public-base-url", public_base_url,
                 "Address citizens' phones use for ticketd, printed in the ticket's QR (e.g. http://192.168.1.10:8080)");
  auto* print_width_option = app.add_option("--print-width", print_width, "Thermal printer width in dots: 576 (80 mm) or 384 (58 mm)")
      ->check(CLI::IsMember({384, 576}));
  app.add_option("--backup-dir", backup_dir, "Folder of the daily database copies (default: backups/ beside --db)");
  auto* backup_times_option = app.add_option(
      "--backup-times", backup_times, "Local times of the daily copies, e.g. 12:15,17:45; \"none\" = only on request");
  app.add_option("--synchronous", synchronous, "SQLite synchronous mode: FULL (default), NORMAL or EXTRA");
  app.add_option("--threads", threads, "I/O threads (default: cores - 1, at least 1)")->check(CLI::Range(1, 16));
  app.add_option("--read-timeout", read_timeout_s, "Seconds before a stalled connection is closed")
      ->check(CLI::Range(1, 3600));
  app.add_flag("--simulate", simulate, "Generate arrivals and officer actions (demo)");
  app.add_option("--simulate-speed", simulate_speed, "Simulation speed factor");
  auto* hash_cmd = app.add_subcommand("hash-password", "Read a password on stdin, print its argon2id hash");
  auto* check_cmd = app.add_subcommand("check-config", "Validate --config and exit");
  CLI11_PARSE(app, argc, argv);

  if (!init_crypto()) {
    std::fprintf(stderr, "ticketd: libsodium failed to initialise\n");
    return 1;
  }
  if (*hash_cmd) return run_hash_password();

  LoadedConfig loaded;
  const bool demo = config_path.empty();
  if (demo) {
    loaded.office = demo_office_config();
    for (const auto& o : loaded.office.officers) loaded.plain_passwords.emplace_back(o.username, kDemoPassword);
    loaded.settings.db_path = "motcua-demo.db";
  } else {
    auto r = load_config_file(config_path);
    if (!r.is_ok()) {
      std::fprintf(stderr, "ticketd: %s\n", r.status().message().c_str());
      return 2;
    }
    loaded = std::move(r.value());
  }
  if (*check_cmd) {
    std::printf("ok: %zu services, %zu counters, %zu officers, %zu devices\n", loaded.office.services.size(),
                loaded.office.counters.size(), loaded.office.officers.size(), loaded.office.devices.size());
    return 0;
  }
  auto& settings = loaded.settings;
  if (!db_path.empty()) settings.db_path = db_path;
  if (!listen.empty()) settings.listen = listen;
  if (port >= 0) settings.port = port;
  if (!synchronous.empty()) settings.synchronous = synchronous;
  if (!web_root.empty()) settings.web_root = web_root;
  if (settings.web_root.empty()) settings.web_root = MOTCUA_DEFAULT_WEB_ROOT;
  if (public_base_url.empty()) public_base_url = settings.public_base_url;
  if (!backup_dir.empty()) settings.backup_dir = backup_dir;
  if (backup_times_option->count() > 0) {
    settings.backup_times.clear();
    std::stringstream list(backup_times == "none" ? std::string() : backup_times);
    for (std::string t; std::getline(list, t, ',');) settings.backup_times.push_back(t);
    if (auto parsed = backup::parse_times(settings.backup_times); !parsed.is_ok()) {
      std::fprintf(stderr, "ticketd: %s\n", parsed.status().message().c_str());
      return 2;
    }
  }
  if (print_width_option->count() == 0) print_width = settings.print_width;
  hash_passwords(loaded.office, loaded.plain_passwords);

  // Before the office state is loaded: its growth is what the prefaulter takes off the I/O
  // thread. After the one-shot subcommands, which would only start its thread for nothing.
  const auto prefaulter = HeapPrefaulter::start();
  store::StoreOptions store_options;
  store_options.synchronous = settings.synchronous;
  store_options.sync_wal_separately = true;  // the office syncs on a thread of its own
  std::shared_ptr<store::DatabaseLock> db_lock;
  if (settings.db_path != ":memory:" && !settings.db_path.empty()) {
    auto lock = store::DatabaseLock::acquire(settings.db_path);
    if (!lock.is_ok()) {
      std::fprintf(stderr, "ticketd: %s\n", lock.status().message().c_str());
      return 3;
    }
    db_lock = std::move(lock.value());
  }
  auto store = store::Store::open(settings.db_path, store_options);
  if (!store.is_ok()) {
    std::fprintf(stderr, "ticketd: không mở được cơ sở dữ liệu %s: %s\n", settings.db_path.c_str(),
                 store.status().message().c_str());
    return 3;
  }

  net::io_context ioc{threads};
  Office office(ioc.get_executor(), loaded.office, std::move(store.value()), system_now,
                threads == 1 ? Office::Serialised::by_single_io_thread : Office::Serialised::by_own_strand);
  if (Status s = office.start(); !s.is_ok()) {
    std::fprintf(stderr, "ticketd: %s\n", s.message().c_str());
    return 3;
  }
  // Reports read through connections of their own, one per core, beside the writer. A
  // ":memory:" database exists only inside the store's connection: there they run on the
  // office strand.
  std::shared_ptr<ReportRunner> reports;
  if (settings.db_path != ":memory:" && !settings.db_path.empty()) {
    auto runner = ReportRunner::open(settings.db_path, static_cast<int>(std::thread::hardware_concurrency()));
    if (runner.is_ok()) reports = std::move(runner.value());
    else std::fprintf(stderr, "ticketd: reports run on the office strand: %s\n", runner.status().message().c_str());
  }
  // Copies of the database, at the configured local times and on request. A ":memory:"
  // database has nothing to copy.
  std::shared_ptr<Backups> backups;
  if (settings.db_path != ":memory:" && !settings.db_path.empty()) {
    Backups::Settings b;
    b.db_path = settings.db_path;
    b.dir = settings.backup_dir.empty()
                ? (std::filesystem::path(settings.db_path).parent_path() / "backups").string()
                : settings.backup_dir;
    b.minutes = backup::parse_times(settings.backup_times).value();  // checked with the config
    b.keep_days = settings.backup_keep_days;
    b.utc_offset_minutes = loaded.office.utc_offset_minutes;
    backups = Backups::create(b, system_now);
    // A backup disk that is not there must not keep the office closed: warn, and let
    // each copy try again (the dashboard shows the failure).
    if (Status folder = backups->folder_status(); !folder.is_ok())
      std::fprintf(stderr, "ticketd: %s\n", folder.message().c_str());
  }
  HttpMetrics metrics;
  // Paper tickets render on their own worker thread; the office strand only hands them over.
  TicketPrintingOptions printing_options;
  printing_options.office_name = loaded.office.office_name;
  printing_options.utc_offset_minutes = loaded.office.utc_offset_minutes;
  printing_options.public_base_url = public_base_url;
  printing_options.width_dots = print_width;
  auto printing = TicketPrinting::create(ioc.get_executor(), printing_options);
  ApiOptions api_options;
  api_options.public_reads = settings.public_reads;
  api_options.session_hours = settings.session_hours;
  api_options.web_root = settings.web_root;
  api_options.print = printing->hook();
  api_options.status_qr_svg = [&printing](const std::string& code) { return printing->status_qr_svg(code); };
  api_options.extra_metrics = [&printing, &backups] {
    return printing->metrics_text() + (backups ? backups->metrics_text() : std::string());
  };
  api_options.reports = reports;
  api_options.backups = backups;
  Api api(office, api_options, metrics);

  ServerLimits limits;
  limits.read_timeout = std::chrono::seconds(read_timeout_s);
  limits.single_io_thread = threads == 1;
  beast::error_code ec;
  const auto address = net::ip::make_address(settings.listen, ec);
  if (ec) {
    std::fprintf(stderr, "ticketd: invalid --listen address %s\n", settings.listen.c_str());
    return 2;
  }
  auto listener = std::make_shared<Listener>(ioc, tcp::endpoint{address, static_cast<unsigned short>(settings.port)},
                                             api, office, metrics, limits, ec);
  if (ec) {
    std::fprintf(stderr, "ticketd: cannot listen on %s:%d: %s\n", settings.listen.c_str(), settings.port,
                 ec.message().c_str());
    return 4;
  }
  listener->run();
  const unsigned short bound = listener->port();
  if (printing->public_base_url().empty()) printing->set_public_base_url(derive_public_base_url(settings.listen, bound));
  std::printf("ticketd: ticket QR codes link to %s/t/<code>\n", printing->public_base_url().c_str());
  if (!port_file.empty()) {
    // Written to a temporary name and renamed, so a reader never sees half a number.
    const std::string tmp = port_file + ".tmp";
    std::ofstream(tmp) << bound << "\n";
    std::rename(tmp.c_str(), port_file.c_str());
  }
  if (demo) print_demo_banner(loaded.office, settings.listen, bound);
  else print_office_banner(loaded.office, settings.listen, bound, printing->public_base_url());
  std::printf("ticketd: listening on %s:%u, database %s (synchronous=%s)\n", settings.listen.c_str(), bound,
              settings.db_path.c_str(), settings.synchronous.c_str());
  std::fflush(stdout);

  if (backups) {
    backups->start(ioc.get_executor());
    std::string times;
    for (int m : backups->settings().minutes) times += (times.empty() ? "" : ", ") + backup::format_time(m);
    std::printf("ticketd: database copies %s into %s (kept %d days)\n",
                times.empty() ? "only on request" : ("at " + times).c_str(), backups->settings().dir.c_str(),
                backups->settings().keep_days);
    std::fflush(stdout);
  }
  net::steady_timer tick(ioc);
  schedule_tick(tick, office, settings.identity_retention_days);
  if (simulate) std::make_shared<Simulator>(ioc, office, simulate_speed)->start();
  // Supervision alerts: a wait passing its target needs no event, so a timer looks every 2 s.
  AlertMonitor alert_monitor(office, std::chrono::seconds(2));
  alert_monitor.start();

  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) {
    listener->stop();
    ioc.stop();
  });

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  return 0;
}
