// The Backups shell on its own: a scheduled copy is made when the office's clock reaches
// the configured local time (the wall clock is passed in; the timer and the copy are real).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include "backups.hpp"
#include "temp_dir.hpp"

namespace motcua {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

constexpr int kVn = 420;

Instant local(const char* iso_day, int h, int m, int s, int ms = 0) {
  int day = 0;
  EXPECT_TRUE(iso_to_service_day(iso_day, day));
  return start_of_service_day(day, kVn) + std::chrono::milliseconds(((h * 60 + m) * 60 + s) * 1000 + ms);
}

// A WAL database with `rows` rows in t, as the daemon's file would be.
void make_database(const std::string& path, int rows) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::string sql = "PRAGMA journal_mode=WAL; CREATE TABLE t(x); BEGIN;";
  for (int i = 0; i < rows; ++i) sql += "INSERT INTO t VALUES(" + std::to_string(i) + ");";
  sql += "COMMIT;";
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(Backups, AScheduledCopyIsMadeWhenTheOfficesClockReachesItsTime) {
  testing::TempDir dir{"motcua-backups"};
  make_database(dir.file("office.db"), 42);
  // The office's clock stands 400 ms before 12:15 and runs at real speed from there.
  const Instant start = local("2026-11-24", 12, 14, 59, 600);
  const auto started = std::chrono::steady_clock::now();
  auto now = [start, started] {
    return start + std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - started);
  };
  Backups::Settings settings{dir.file("office.db"), dir.file("copies"), {12 * 60 + 15, 17 * 60 + 45}, 30, kVn};
  auto backups = Backups::create(settings, now);
  ASSERT_TRUE(backups->folder_status().is_ok());

  boost::asio::io_context ioc;
  auto work = boost::asio::make_work_guard(ioc);
  std::thread runner([&ioc] { ioc.run(); });
  boost::asio::post(ioc, [&] { backups->start(ioc.get_executor()); });

  const std::string expected = dir.file("copies") + "/motcua-2026-11-24-121500.db";
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!backups->state().last && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(20ms);
  const Backups::State state = backups->state();
  ASSERT_TRUE(state.last) << "no copy within 10 s";
  EXPECT_EQ(state.last->file, "motcua-2026-11-24-121500.db");
  EXPECT_TRUE(fs::exists(expected));
  // Next: the evening copy the same day.
  ASSERT_TRUE(state.next_at);
  EXPECT_EQ(*state.next_at, local("2026-11-24", 17, 45, 0));
  EXPECT_EQ(state.made, 1u);

  sqlite3* copy = nullptr;
  ASSERT_EQ(sqlite3_open_v2(expected.c_str(), &copy, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(copy, "SELECT count(*) FROM t", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 42);
  sqlite3_finalize(st);
  sqlite3_close(copy);

  boost::asio::post(ioc, [&] { backups->stop(); });
  work.reset();
  runner.join();
}

TEST(Backups, WithoutTimesCopiesAreMadeOnlyOnRequestAndARestartFindsTheLastOne) {
  testing::TempDir dir{"motcua-backups"};
  make_database(dir.file("office.db"), 3);
  const Instant at = local("2026-11-24", 9, 0, 0);
  Backups::Settings settings{dir.file("office.db"), dir.file("copies"), {}, 30, kVn};
  {
    auto backups = Backups::create(settings, [at] { return at; });
    boost::asio::io_context ioc;
    backups->start(ioc.get_executor());
    EXPECT_FALSE(backups->state().next_at);
    std::promise<Result<Backups::Copy>> done;
    backups->make_now([&done](Result<Backups::Copy> r) { done.set_value(std::move(r)); });
    auto r = done.get_future().get();
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_EQ(r.value().file, "motcua-2026-11-24-090000.db");
  }
  auto again = Backups::create(settings, [at] { return at; });
  ASSERT_TRUE(again->state().last);
  EXPECT_EQ(again->state().last->file, "motcua-2026-11-24-090000.db");
  EXPECT_EQ(again->state().made, 0u);  // made by the earlier run, found in the folder
}

}  // namespace
}  // namespace motcua
