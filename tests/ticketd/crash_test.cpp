// kill -9 under load: every acknowledged ticket survives, no number repeats, and the
// database is intact. Uses the real daemon and reads its SQLite file directly.
#include <sqlite3.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "api_test_support.hpp"

namespace motcua::testing {
namespace {

struct Acked {
  std::int64_t id;
  std::string service;
  std::string number;
};

std::vector<std::vector<std::string>> query(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::vector<std::string>> rows;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << "cannot open " << db_path;
    sqlite3_close(db);
    return rows;
  }
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const auto* t = sqlite3_column_text(st, i);
      row.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
    }
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

TEST(Crash, KillNineUnderLoadLosesNoAcknowledgedTicket) {
  DaemonProcess daemon;
  ASSERT_TRUE(daemon.start()) << daemon.log();
  const std::vector<std::string> services{"ho-tich", "chung-thuc", "dat-dai", "tra-ket-qua"};
  std::mutex mu;
  std::vector<Acked> acked;
  std::atomic<bool> stop{false};
  std::atomic<int> issued{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 6; ++c) {
    clients.emplace_back([&, c] {
      auto api = make_client(daemon, "demo-kiosk-key-1");
      int i = 0;
      while (!stop.load()) {
        const std::string service = services[(c + i) % services.size()];
        auto r = api->issue_ticket(service, i % 5 == 0, "crash-" + std::to_string(c) + "-" + std::to_string(i));
        ++i;
        if (r.status == 201) {
          std::lock_guard lock(mu);
          acked.push_back({int_of(r.body, "id"), service, str_of(r.body, "number")});
          issued.fetch_add(1);
        } else if (r.transport_failed()) {
          return;  // the daemon is gone; an unanswered request may or may not exist
        }
      }
    });
  }
  // Let the load build up, then kill the daemon in the middle of it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (issued.load() < 300 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  daemon.kill9();
  stop = true;
  for (auto& t : clients) t.join();
  ASSERT_GE(acked.size(), 300u) << "the load never built up";

  // Every acknowledged ticket is there with the number it was given.
  const auto rows = query(daemon.db_path(), "SELECT id, issued_service, display FROM tickets");
  std::map<std::int64_t, std::pair<std::string, std::string>> stored;
  for (const auto& r : rows) stored[std::stoll(r[0])] = {r[1], r[2]};
  for (const auto& a : acked) {
    auto it = stored.find(a.id);
    ASSERT_NE(it, stored.end()) << "acknowledged ticket " << a.id << " was lost";
    EXPECT_EQ(it->second.first, a.service);
    EXPECT_EQ(it->second.second, a.number);
  }
  // No number twice within the day, in what was acknowledged or in the file.
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& a : acked) EXPECT_TRUE(seen.insert({a.service, a.number}).second) << a.number << " repeated";
  EXPECT_TRUE(query(daemon.db_path(),
                    "SELECT service_day, issued_service, number, COUNT(*) FROM tickets GROUP BY 1,2,3 HAVING COUNT(*)>1")
                  .empty());
  const auto check = query(daemon.db_path(), "PRAGMA integrity_check");
  ASSERT_EQ(check.size(), 1u);
  EXPECT_EQ(check[0][0], "ok");

  // The restarted daemon continues the numbering after the last committed number.
  ASSERT_TRUE(daemon.restart()) << daemon.log();
  auto api = make_client(daemon, "demo-kiosk-key-1");
  for (const auto& service : services) {
    auto r = api->issue_ticket(service);
    ASSERT_EQ(r.status, 201) << r.message;
    EXPECT_TRUE(seen.insert({service, str_of(r.body, "number")}).second)
        << service << " " << str_of(r.body, "number") << " was issued twice";
  }
  // A retried request whose first attempt was acknowledged gets the same ticket.
  auto retry = api->issue_ticket("ho-tich", false, "crash-0-0");
  EXPECT_EQ(retry.status, 200);
}

// Two daemons on one file would each number tickets from their own memory and fail each
// other's commits: the second refuses to start, and a crash of the first frees the file.
TEST(Crash, ASecondDaemonOnTheSameDatabaseRefusesToStart) {
  DaemonProcess first;
  ASSERT_TRUE(first.start()) << first.log();
  const auto before = make_client(first, "demo-kiosk-key-1")->issue_ticket("ho-tich");
  ASSERT_EQ(before.status, 201);

  DaemonOptions same;
  same.db_path = first.db_path();
  same.start_timeout = std::chrono::milliseconds(5000);
  DaemonProcess second(same);
  EXPECT_FALSE(second.start()) << "a second ticketd started on " << first.db_path();
  EXPECT_NE(second.log().find("đang được một ticketd khác dùng"), std::string::npos) << second.log();
  // The first one goes on as before.
  const auto after = make_client(first, "demo-kiosk-key-1")->issue_ticket("ho-tich");
  ASSERT_EQ(after.status, 201) << after.message;
  EXPECT_EQ(str_of(after.body, "number"), "1002");

  // The kernel drops the lock with the process: no stale lock after a kill -9.
  first.kill9();
  ASSERT_TRUE(second.start()) << second.log();
  const auto next = make_client(second, "demo-kiosk-key-1")->issue_ticket("ho-tich");
  ASSERT_EQ(next.status, 201) << next.message;
  EXPECT_EQ(str_of(next.body, "number"), "1003");
}

// While commits fail every change is refused (503) and health says so; once the database
// takes writes again, both recover without a restart.
TEST(Crash, HealthReportsCommitsFailingUntilOneSucceeds) {
  DaemonProcess daemon;
  ASSERT_TRUE(daemon.start()) << daemon.log();
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  ASSERT_EQ(kiosk->issue_ticket("ho-tich").status, 201);
  ASSERT_EQ(make_client(daemon)->health().status, 200);

  // Another program holds the database's write lock past ticketd's 5 s busy timeout.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(daemon.db_path().c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(other);
  const auto refused = kiosk->issue_ticket("ho-tich");
  EXPECT_EQ(refused.status, 503) << refused.message;
  const auto sick = make_client(daemon)->health();
  EXPECT_EQ(sick.status, 503);
  EXPECT_EQ(str_of(sick.body, "status"), "error");
  EXPECT_EQ(str_of(sick.body, "error"), "storage_failing");
  EXPECT_NE(str_of(sick.body, "message").find("Không ghi được dữ liệu"), std::string::npos) << str_of(sick.body, "message");

  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  const auto next = kiosk->issue_ticket("ho-tich");
  ASSERT_EQ(next.status, 201) << next.message;
  EXPECT_EQ(str_of(next.body, "number"), "1002") << "the refused ticket left no number behind";
  const auto well = make_client(daemon)->health();
  EXPECT_EQ(well.status, 200);
  EXPECT_EQ(str_of(well.body, "status"), "ok");
}

TEST(Crash, AMissingDatabaseFolderIsNamed) {
  DaemonOptions missing;
  missing.db_path = "/nonexistent-motcua-folder/office.db";
  missing.start_timeout = std::chrono::milliseconds(5000);
  DaemonProcess daemon(missing);
  EXPECT_FALSE(daemon.start());
  EXPECT_NE(daemon.log().find("Thư mục của cơ sở dữ liệu không tồn tại: /nonexistent-motcua-folder"),
            std::string::npos)
      << daemon.log();
}

}  // namespace
}  // namespace motcua::testing
