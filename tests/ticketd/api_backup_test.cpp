// Copies of the database through the real daemon (/api/admin/backups): a copy holds every
// acknowledged ticket and restores into a working office; only supervisors and admins may
// make or list them; old copies go; a failed copy is reported and leaves nothing behind.
#include <sqlite3.h>

#include <boost/json.hpp>
#include <filesystem>
#include <chrono>
#include <cstdio>
#include <fstream>

#include "api_test_support.hpp"
#include "temp_dir.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

// One text value from a query on a database file, opened read-only.
std::string query_text(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

std::unique_ptr<client::ApiClient> supervisor(const DaemonProcess& d) {
  auto c = make_client(d);
  auto r = c->login("lanhdao", "demo1234", std::nullopt);
  EXPECT_EQ(r.status, 200) << r.message;
  return c;
}

// "HH:MM" in Vietnam twelve hours from now: a scheduled copy never lands inside a test.
std::string twelve_hours_ahead() {
  const auto t = std::chrono::system_clock::now() + std::chrono::hours(12 + 7);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(t.time_since_epoch()).count() % (24 * 60);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(minutes / 60), static_cast<int>(minutes % 60));
  return buf;
}

class ApiBackup : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(daemon.start()) << daemon.log(); }
  std::string backup_dir() const { return daemon.dir() + "/backups"; }
  const std::string schedule = twelve_hours_ahead();
  DaemonProcess daemon{DaemonOptions{"", {"--backup-times", schedule}, std::chrono::milliseconds(15000), ""}};
};

TEST_F(ApiBackup, ACopyHoldsEveryAcknowledgedTicketAndRestoresIntoAWorkingOffice) {
  auto kiosk = make_client(daemon, "demo-kiosk-key-1");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    auto t = kiosk->issue_ticket("ho-tich");
    ASSERT_EQ(t.status, 201) << t.message;
    ids.push_back(int_of(t.body, "id"));
  }
  auto lead = supervisor(daemon);
  auto made = lead->post("/api/admin/backups", json::object{});
  ASSERT_EQ(made.status, 201) << made.message;
  const std::string file = str_of(made.body, "file");
  const std::string path = backup_dir() + "/" + file;
  ASSERT_TRUE(fs::exists(path)) << path;
  EXPECT_EQ(int_of(made.body, "bytes"), static_cast<std::int64_t>(fs::file_size(path)));
  EXPECT_EQ(file.rfind("motcua-", 0), 0u) << file;
  EXPECT_FALSE(fs::exists(path + ".partial"));
  // One whole file: checked, in rollback-journal mode, with every ticket acknowledged before it.
  EXPECT_EQ(query_text(path, "PRAGMA quick_check"), "ok");
  EXPECT_EQ(query_text(path, "PRAGMA journal_mode"), "delete");
  EXPECT_EQ(query_text(path, "SELECT count(*) FROM tickets"), "5");
  EXPECT_FALSE(fs::exists(path + "-wal"));

  // The office goes on after the copy; the copy does not see what came later.
  auto later = kiosk->issue_ticket("ho-tich");
  ASSERT_EQ(later.status, 201);
  EXPECT_EQ(query_text(path, "SELECT count(*) FROM tickets"), "5");

  // Restore: the copy, put where a daemon's database goes, is a working office.
  TempDir restored_dir{"motcua-restore"};
  const std::string restored = restored_dir.file("office.db");
  fs::copy_file(path, restored);
  DaemonProcess again(DaemonOptions{"", {}, std::chrono::milliseconds(15000), restored});
  ASSERT_TRUE(again.start()) << again.log();
  auto reader = make_client(again);
  for (auto id : ids) EXPECT_EQ(reader->ticket(id).status, 200) << id;
  auto next = make_client(again, "demo-kiosk-key-1")->issue_ticket("ho-tich");
  ASSERT_EQ(next.status, 201) << next.message;
  EXPECT_EQ(str_of(next.body, "number"), "1006");  // after the five in the copy: no number repeats
}

TEST_F(ApiBackup, OnlySupervisorsAndAdminsMayMakeOrListCopies) {
  EXPECT_EQ(make_client(daemon)->post("/api/admin/backups", json::object{}).status, 401);
  EXPECT_EQ(make_client(daemon)->get("/api/admin/backups").status, 401);
  EXPECT_EQ(make_client(daemon, "demo-kiosk-key-1")->post("/api/admin/backups", json::object{}).status, 403);
  auto officer = officer_at(daemon, "canbo1", 1);
  auto refused = officer->post("/api/admin/backups", json::object{});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(str_of(refused.body, "error"), "forbidden");
  auto admin = make_client(daemon);
  ASSERT_EQ(admin->login("admin", "demo1234", std::nullopt).status, 200);
  auto unknown_field = admin->post("/api/admin/backups", json::object{{"dir", "/tmp"}});
  EXPECT_EQ(unknown_field.status, 400) << "a field the endpoint does not take is a mistake, not ignored";
  EXPECT_EQ(unknown_field.error, "invalid_field");
  EXPECT_EQ(admin->post("/api/admin/backups", json::object{}).status, 201);
  EXPECT_EQ(status_of(raw_exchange(daemon.port(), "DELETE /api/admin/backups HTTP/1.1\r\nHost: x\r\n\r\n")), 405);
  ASSERT_TRUE(fs::exists(backup_dir()));
  int copies = 0;
  for (const auto& e : fs::directory_iterator(backup_dir())) copies += e.path().extension() == ".db";
  EXPECT_EQ(copies, 1);  // the refused calls made none
}

TEST_F(ApiBackup, TheListShowsTheScheduleAndTheCopiesNewestFirstAndOldCopiesGo) {
  // Copies from earlier runs: two older than the 30 days kept, one recent; other files stay.
  fs::create_directories(backup_dir());
  for (const char* name : {"motcua-2020-01-01-121500.db", "motcua-2020-01-02-121500.db", "notes.txt"})
    std::ofstream(backup_dir() + "/" + name) << "x";
  auto lead = supervisor(daemon);
  auto made = lead->post("/api/admin/backups", json::object{});
  ASSERT_EQ(made.status, 201) << made.message;
  EXPECT_FALSE(fs::exists(backup_dir() + "/motcua-2020-01-01-121500.db"));
  EXPECT_FALSE(fs::exists(backup_dir() + "/motcua-2020-01-02-121500.db"));
  EXPECT_TRUE(fs::exists(backup_dir() + "/notes.txt"));

  auto list = lead->get("/api/admin/backups");
  ASSERT_EQ(list.status, 200) << list.message;
  EXPECT_EQ(str_of(list.body, "dir"), backup_dir());
  EXPECT_EQ(json::serialize(list.body.at("times")), "[\"" + schedule + "\"]");
  EXPECT_EQ(int_of(list.body, "keep_days"), 30);
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  const auto next_at = int_of(list.body, "next_at");
  EXPECT_GT(next_at, now_ms + 11 * 3600 * 1000);  // the next one is the scheduled time, 12 h away
  EXPECT_LT(next_at, now_ms + 13 * 3600 * 1000);
  EXPECT_EQ(str_of(list.body.at("last"), "file"), str_of(made.body, "file"));
  EXPECT_TRUE(list.body.at("last_failure").is_null());
  const auto& copies = list.body.at("copies").as_array();
  ASSERT_EQ(copies.size(), 1u);
  EXPECT_EQ(str_of(copies[0], "file"), str_of(made.body, "file"));
}

TEST_F(ApiBackup, ACopyThatReachesTheFolderLaterIsTheLast) {
  auto lead = supervisor(daemon);
  auto empty = lead->get("/api/admin/backups");
  ASSERT_EQ(empty.status, 200) << empty.message;
  EXPECT_TRUE(empty.body.at("last").is_null());
  // A backup disk mounted after start, holding a copy made this morning elsewhere.
  const std::string file = "motcua-2099-01-01-074500.db";
  fs::create_directories(backup_dir());
  std::ofstream(backup_dir() + "/" + file) << "a copy";
  auto list = lead->get("/api/admin/backups");
  ASSERT_EQ(list.status, 200) << list.message;
  ASSERT_EQ(list.body.at("copies").as_array().size(), 1u);
  ASSERT_TRUE(list.body.at("last").is_object()) << json::serialize(list.body);
  EXPECT_EQ(str_of(list.body.at("last"), "file"), file);
}

TEST_F(ApiBackup, AFailedCopyIsReportedAndLeavesNoHalfFile) {
  // The folder is gone and a plain file took its name: nothing can be written there.
  fs::remove_all(backup_dir());
  std::ofstream(backup_dir()) << "not a folder";
  auto lead = supervisor(daemon);
  auto failed = lead->post("/api/admin/backups", json::object{});
  EXPECT_EQ(failed.status, 503);
  EXPECT_EQ(str_of(failed.body, "error"), "backup_failed");
  EXPECT_EQ(str_of(failed.body, "message").rfind("Không sao lưu được cơ sở dữ liệu", 0), 0u)
      << str_of(failed.body, "message");
  auto list = lead->get("/api/admin/backups");
  ASSERT_EQ(list.status, 200);
  EXPECT_FALSE(list.body.at("last_failure").is_null());
  const std::string metrics =
      raw_exchange(daemon.port(), "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(metrics.find("motcua_backup_failures_total 1"), std::string::npos) << metrics;
  // The office is unharmed.
  EXPECT_EQ(make_client(daemon, "demo-kiosk-key-1")->issue_ticket("ho-tich").status, 201);
}

TEST(ApiBackupFlags, ABadTimeIsRefusedAtStartAndNoneMeansOnRequestOnly) {
  DaemonProcess bad(DaemonOptions{"", {"--backup-times", "12:15,25:00"}, std::chrono::milliseconds(15000), ""});
  EXPECT_FALSE(bad.start());
  EXPECT_NE(bad.log().find("\"25:00\" phải là giờ:phút dạng HH:MM"), std::string::npos) << bad.log();
  DaemonProcess none(DaemonOptions{"", {"--backup-times", "none"}, std::chrono::milliseconds(15000), ""});
  ASSERT_TRUE(none.start()) << none.log();
  auto list = supervisor(none)->get("/api/admin/backups");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(json::serialize(list.body.at("times")), "[]");
  EXPECT_TRUE(list.body.at("next_at").is_null());
  EXPECT_NE(none.log().find("database copies only on request"), std::string::npos) << none.log();
}

TEST(ApiBackupFlags, AMissingBackupDiskDoesNotKeepTheOfficeClosed) {
  TempDir dir{"motcua-nodisk"};
  std::ofstream(dir.file("not-a-folder")) << "x";  // where the folder should be, a file
  const std::string folder = dir.file("not-a-folder") + "/backups";
  DaemonProcess d(DaemonOptions{"", {"--backup-dir", folder, "--backup-times", "none"},
                                std::chrono::milliseconds(15000), ""});
  ASSERT_TRUE(d.start()) << d.log();
  EXPECT_NE(d.log().find("không tạo được thư mục " + folder), std::string::npos) << d.log();
  EXPECT_EQ(make_client(d, "demo-kiosk-key-1")->issue_ticket("ho-tich").status, 201);
  auto failed = supervisor(d)->post("/api/admin/backups", json::object{});
  EXPECT_EQ(failed.status, 503);
  EXPECT_EQ(str_of(failed.body, "error"), "backup_failed");
}

}  // namespace
}  // namespace motcua::testing
