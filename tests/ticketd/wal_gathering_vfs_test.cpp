// The WAL-gathering VFS against real SQLite files: a commit reaches the WAL in one write
// holding exactly the bytes the WAL grew by; another connection reads it as soon as COMMIT
// returns; and a copy of the files taken right then opens (WAL recovery) to the committed
// rows, also when the WAL was continued, started over, outgrew the gathering limit, or had
// a rolled-back transaction's frames overwritten.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/sqlite.hpp"
#include "store/wal_gathering_vfs.hpp"
#include "temp_dir.hpp"

namespace motcua::store {
namespace {

using motcua::testing::TempDir;

std::unique_ptr<Database> open_db(const std::string& path, const char* vfs) {
  auto db = Database::open(path, false, vfs);
  EXPECT_TRUE(db.is_ok()) << db.status().message();
  // Checkpoints would move frames out of the WAL behind the test's back.
  EXPECT_TRUE(db.value()->exec("PRAGMA journal_mode=WAL").is_ok());
  EXPECT_TRUE(db.value()->exec("PRAGMA synchronous=NORMAL").is_ok());
  EXPECT_TRUE(db.value()->exec("PRAGMA wal_autocheckpoint=0").is_ok());
  return std::move(db.value());
}

std::int64_t count_rows(Database& db) {
  auto s = db.prepare("SELECT count(*) FROM rows");
  EXPECT_TRUE(s.is_ok());
  EXPECT_TRUE(s.value()->step());
  const std::int64_t n = s.value()->int64(0);
  s.value()->reset();
  return n;
}

// `n` rows of ~300 bytes each in one transaction: several pages of the table and its index.
void insert_rows(Database& db, int first, int n) {
  Transaction tx(db);
  ASSERT_TRUE(tx.begin_status().is_ok());
  auto s = db.prepare("INSERT INTO rows(id, body) VALUES (?, ?)");
  ASSERT_TRUE(s.is_ok());
  for (int i = first; i < first + n; ++i) {
    ASSERT_TRUE(s.value()->bind(1, i).bind(2, std::string(300, static_cast<char>('a' + i % 26))).run().is_ok());
  }
  ASSERT_TRUE(tx.commit().is_ok());
}

std::uintmax_t wal_size(const std::string& db_path) { return std::filesystem::file_size(db_path + "-wal"); }

// What a crash right now would leave: the database and its WAL as they are on disk,
// opened afresh (SQLite recovers the WAL) and checked.
std::int64_t rows_in_copy(const TempDir& dir, const std::string& db_path) {
  static int copies = 0;
  const std::string copy = dir.file("copy" + std::to_string(++copies) + ".db");
  std::filesystem::copy_file(db_path, copy);
  std::filesystem::copy_file(db_path + "-wal", copy + "-wal");
  auto db = open_db(copy, nullptr);
  auto check = db->prepare("PRAGMA integrity_check");
  EXPECT_TRUE(check.is_ok());
  EXPECT_TRUE(check.value()->step());
  EXPECT_EQ(check.value()->text(0), "ok");
  check.value()->reset();
  return count_rows(*db);
}

void create_table(Database& db) {
  ASSERT_TRUE(db.exec("CREATE TABLE rows(id INTEGER PRIMARY KEY, body TEXT NOT NULL)").is_ok());
  ASSERT_TRUE(db.exec("CREATE INDEX rows_body ON rows(body)").is_ok());
}

// A new database with the table, through the gathering VFS; `cache_size` as the pragma
// takes it (a small cache makes a transaction spill pages into the WAL before COMMIT).
std::unique_ptr<Database> new_gathering_writer(const std::string& path, const std::string& cache_size = "-2000") {
  auto writer = open_db(path, wal_gathering_vfs());
  EXPECT_TRUE(writer->exec("PRAGMA cache_size=" + cache_size).is_ok());
  create_table(*writer);
  return writer;
}

TEST(WalGatheringVfs, ACommitReachesTheWalInOneWriteThatOthersReadAtOnce) {
  TempDir dir;
  const std::string path = dir.file("g.db");
  auto writer = new_gathering_writer(path);
  auto reader = open_db(path, nullptr);
  ASSERT_EQ(count_rows(*reader), 0);

  for (int round = 0; round < 3; ++round) {
    const auto before = wal_gathering_counts();
    const auto wal_before = wal_size(path);
    insert_rows(*writer, round * 40, 40);
    const auto after = wal_gathering_counts();
    EXPECT_EQ(after.writes - before.writes, 1u) << "round " << round;
    EXPECT_EQ(after.bytes - before.bytes, wal_size(path) - wal_before) << "round " << round;
    EXPECT_GT(after.bytes - before.bytes, 4u * 4096u) << "several pages in the one write";
    EXPECT_EQ(count_rows(*reader), (round + 1) * 40);
    EXPECT_EQ(rows_in_copy(dir, path), (round + 1) * 40);
  }
}

TEST(WalGatheringVfs, AWalAnotherConnectionStartedIsContinuedInOneWritePerCommit) {
  TempDir dir;
  const std::string path = dir.file("g.db");
  auto plain = open_db(path, nullptr);  // kept open: its frames stay in the WAL
  create_table(*plain);
  insert_rows(*plain, 0, 10);

  // The gathering connection's first write comes after frames it did not write: it reads
  // the page size from the WAL header in the file.
  auto writer = open_db(path, wal_gathering_vfs());
  const auto before = wal_gathering_counts();
  insert_rows(*writer, 10, 30);
  EXPECT_EQ(wal_gathering_counts().writes - before.writes, 1u);
  EXPECT_EQ(count_rows(*plain), 40);
  EXPECT_EQ(rows_in_copy(dir, path), 40);
}

TEST(WalGatheringVfs, AWalStartedOverGoesOutAsItsHeaderThenItsFrames) {
  TempDir dir;
  const std::string path = dir.file("g.db");
  auto writer = new_gathering_writer(path);
  insert_rows(*writer, 0, 40);
  ASSERT_TRUE(writer->exec("PRAGMA wal_checkpoint(PASSIVE)").is_ok());  // every frame copied: the next write starts over
  const auto wal_before = wal_size(path);

  const auto before = wal_gathering_counts();
  insert_rows(*writer, 40, 5);
  // SQLite syncs a new WAL header before any frame goes after it: the header, then the frames.
  EXPECT_EQ(wal_gathering_counts().writes - before.writes, 2u);
  EXPECT_EQ(wal_size(path), wal_before) << "written over from the start, not appended";
  EXPECT_EQ(rows_in_copy(dir, path), 45);
}

TEST(WalGatheringVfs, ACommitPastTheWriteLimitGoesOutInPiecesAndIsWhole) {
  TempDir dir;
  const std::string path = dir.file("g.db");
  auto writer = new_gathering_writer(path, "-65536");  // 64 MiB: nothing spills before COMMIT
  auto reader = open_db(path, nullptr);

  const auto before = wal_gathering_counts();
  insert_rows(*writer, 0, 8000);  // ~2.4 MB of rows, twice that with the index
  const auto after = wal_gathering_counts();
  // The default VFS takes at most 96 KiB a write; frames are 4 KiB and change.
  const auto bytes = after.bytes - before.bytes;
  const auto writes = after.writes - before.writes;
  EXPECT_GE(bytes, 3u << 20);
  EXPECT_GE(writes, bytes / (96 * 1024));
  EXPECT_LE(writes, bytes / (90 * 1024) + 1) << "gathered up to the limit, not a page at a time";
  EXPECT_EQ(count_rows(*reader), 8000);
  EXPECT_EQ(rows_in_copy(dir, path), 8000);
}

// A transaction larger than the page cache writes pages into the WAL before COMMIT and,
// when it changes one of them again, rewrites that frame in place and then every frame's
// checksum, its commit frame's last. Nothing is held back from then on, and gathering
// resumes once the WAL starts over.
TEST(WalGatheringVfs, ATransactionThatRewritesItsFramesIsWholeAndGatheringResumesAfterARestart) {
  TempDir dir;
  const std::string path = dir.file("g.db");
  auto writer = new_gathering_writer(path, "20");
  auto reader = open_db(path, nullptr);

  insert_rows(*writer, 0, 3000);
  EXPECT_EQ(count_rows(*reader), 3000);
  EXPECT_EQ(rows_in_copy(dir, path), 3000);
  insert_rows(*writer, 3000, 5);
  EXPECT_EQ(rows_in_copy(dir, path), 3005);

  reader.reset();
  ASSERT_TRUE(writer->exec("PRAGMA wal_checkpoint(PASSIVE)").is_ok());
  auto before = wal_gathering_counts();
  insert_rows(*writer, 3005, 5);  // starts the WAL over: its header, then its frames
  EXPECT_EQ(wal_gathering_counts().writes - before.writes, 2u);
  before = wal_gathering_counts();
  insert_rows(*writer, 3010, 5);
  EXPECT_EQ(wal_gathering_counts().writes - before.writes, 1u);
  EXPECT_EQ(rows_in_copy(dir, path), 3015);
}

TEST(WalGatheringVfs, ARolledBackTransactionsFramesAreWrittenOverByTheNextCommit) {
  TempDir dir;
  const std::string path = dir.file("g.db");
  auto writer = new_gathering_writer(path, "20");
  insert_rows(*writer, 0, 10);
  {
    Transaction tx(*writer);  // spills frames into the WAL, then rolls back
    ASSERT_TRUE(tx.begin_status().is_ok());
    auto s = writer->prepare("INSERT INTO rows(id, body) VALUES (?, ?)");
    ASSERT_TRUE(s.is_ok());
    for (int i = 1000; i < 1400; ++i) {
      const Status st = s.value()->bind(1, i).bind(2, std::string(300, 'z')).run();
      ASSERT_TRUE(st.is_ok()) << st.message();
    }
  }
  insert_rows(*writer, 10, 10);
  auto reader = open_db(path, nullptr);
  EXPECT_EQ(count_rows(*reader), 20);
  EXPECT_EQ(rows_in_copy(dir, path), 20);
}

}  // namespace
}  // namespace motcua::store
