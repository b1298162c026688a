// Seeds a ticketd database with N tickets of finished history over D past days (current
// schema, via Store::open), for the RSS and restart benchmarks. Rows are written directly
// in one transaction per day; each ticket gets its issued/called/started/closed events.
//   history_seed DB TICKETS DAYS
#include <cstdio>
#include <random>
#include <string>

#include "store/store.hpp"

using namespace motcua;

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: history_seed DB TICKETS DAYS\n");
    return 2;
  }
  const std::string path = argv[1];
  const long tickets = std::atol(argv[2]);
  const int days = std::atoi(argv[3]);
  auto opened = store::Store::open(path, {"OFF"});
  if (!opened.is_ok()) {
    // "OFF" is refused by design; seeding speed is not what is measured, so use NORMAL.
    opened = store::Store::open(path, {"NORMAL"});
  }
  if (!opened.is_ok()) {
    std::fprintf(stderr, "%s\n", opened.status().message().c_str());
    return 1;
  }
  auto& db = opened.value()->database();
  const OfficeConfig config = demo_office_config();
  const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const int today = service_day(now, 420);
  auto ev = db.prepare("INSERT INTO events(seq, at, type, ticket_id, counter, officer, payload) VALUES(?,?,?,?,?,?,?)");
  auto tk = db.prepare(
      "INSERT INTO tickets(id, service_day, issued_service, number, service, display, priority, priority_group, state, "
      "issued_at, queue_at, called_at, started_at, ended_at, counter, officer, recalls, transfers, target_counter, "
      "public_code, idempotency_key, identity, rating, rating_reason) "
      "VALUES(?,?,?,?,?,?,0,'','done',?,?,?,?,?,?,?,0,0,0,?,NULL,NULL,0,'')");
  if (!ev.is_ok() || !tk.is_ok()) return 1;
  std::mt19937 rng(7);
  std::int64_t seq = 0, id = 0;
  const long per_day = tickets / days;
  for (int d = 0; d < days; ++d) {
    const int day = today - days + d;
    db.exec("BEGIN");
    const std::int64_t open_ms = to_unix_ms(start_of_service_day(day, 420)) + 7 * 3600'000LL;
    std::vector<int> next_number(config.services.size(), 0);
    for (long i = 0; i < per_day; ++i) {
      ++id;
      const std::size_t s = rng() % config.services.size();
      const auto& svc = config.services[s];
      // Blocks hold 999 numbers; history beyond that wraps into a synthetic range so the
      // per-day unique index still holds.
      const int number = svc.first_number + next_number[s]++ + (next_number[s] > 999 ? 100000 * s : 0);
      const int counter = 1 + static_cast<int>(rng() % 6);
      const std::string officer = "canbo" + std::to_string(counter);
      const std::int64_t t0 = open_ms + i * (9 * 3600'000LL) / per_day;
      const std::int64_t called = t0 + 60'000 + rng() % 1'200'000;
      const std::int64_t started = called + 30'000;
      const std::int64_t ended = started + 120'000 + rng() % 400'000;
      const std::string code = "h" + std::to_string(id);
      tk.value()->bind(1, id).bind(2, day).bind(3, svc.code).bind(4, number).bind(5, svc.code)
          .bind(6, std::to_string(number)).bind(7, t0).bind(8, t0).bind(9, called).bind(10, started).bind(11, ended)
          .bind(12, counter).bind(13, officer).bind(14, code);
      if (!tk.value()->run().is_ok()) return 1;
      auto put = [&](std::int64_t at, const char* type, int c, const std::string& o, const std::string& payload) {
        ev.value()->bind(1, ++seq).bind(2, at).bind(3, type).bind(4, id).bind(5, c).bind(6, o).bind(7, payload);
        return ev.value()->run().is_ok();
      };
      if (!put(t0, "ticket.issued", 0, "",
               "{\"service\":\"" + svc.code + "\",\"number\":" + std::to_string(number) + ",\"service_day\":" +
                   std::to_string(day) + "}") ||
          !put(called, "ticket.called", counter, officer, "{}") || !put(started, "ticket.started", counter, officer, "{}") ||
          !put(ended, "ticket.closed", counter, officer, "{}"))
        return 1;
    }
    if (!db.exec("COMMIT").is_ok()) return 1;
  }
  std::printf("seeded %lld tickets, %lld events over %d days\n", static_cast<long long>(id), static_cast<long long>(seq),
              days);
  return 0;
}
