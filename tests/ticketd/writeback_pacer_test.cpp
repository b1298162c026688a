// Writeback started early, on real files: the pacer's dirty pages stay dirty until it is
// asked, are written back while it is (long before the kernel's own 30 s would), and it
// stops when told; the checkpointer runs it while a background checkpoint copies pages and
// syncs the database file after such a checkpoint; a commit whose sync comes later starts
// its WAL pages' writeback itself.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "issuing_office.hpp"
#include "store/checkpointer.hpp"
#include "store/sqlite.hpp"
#include "store/store.hpp"
#include "store/writeback_pacer.hpp"
#include "temp_dir.hpp"

namespace motcua::store {
namespace {

using motcua::testing::IssuingOffice;
using motcua::testing::TempDir;
using namespace std::chrono_literals;

constexpr auto kBound = 10s;  // every wait in these tests

// Dirty and under-writeback pages of a file (Linux cachestat, 6.5+); -1 without it.
long unwritten_pages(int fd) {
#ifdef SYS_cachestat
  const long nr = SYS_cachestat;
#else
  const long nr = 451;  // x86-64, arm64
#endif
  struct Range {
    std::uint64_t off = 0, len = 0;
  } range;
  struct Stat {
    std::uint64_t cache, dirty, writeback, evicted, recently_evicted;
  } stat{};
  if (::syscall(nr, fd, &range, &stat, 0) != 0) return -1;
  return static_cast<long>(stat.dirty + stat.writeback);
}

template <typename Pred>
bool wait_until(Pred pred) {
  const auto deadline = std::chrono::steady_clock::now() + kBound;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

TEST(WritebackPacer, WritesBackDirtyPagesOnlyWhileAsked) {
  TempDir dir;
  const std::string path = dir.file("pages");
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  ASSERT_GE(fd, 0);
  const std::vector<char> bytes(8 << 20, 'x');
  ASSERT_EQ(::pwrite(fd, bytes.data(), bytes.size(), 0), static_cast<ssize_t>(bytes.size()));
  const long dirty = unwritten_pages(fd);
  if (dirty < 0) GTEST_SKIP() << "this kernel has no cachestat(2) to count dirty pages";
  if (dirty == 0) GTEST_SKIP() << "the temp directory's file system keeps no dirty pages (tmpfs)";

  WritebackPacer pacer(path, 1ms);
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(pacer.started(), 0u);
  EXPECT_GT(unwritten_pages(fd), dirty / 2) << "not asked yet: the pages wait for the kernel's own writeback";

  pacer.begin();
  EXPECT_TRUE(wait_until([&] { return unwritten_pages(fd) == 0; })) << unwritten_pages(fd) << " pages unwritten";
  EXPECT_GE(pacer.started(), 1u);
  pacer.end();
  const auto after_end = pacer.started();
  std::this_thread::sleep_for(20ms);
  EXPECT_LE(pacer.started(), after_end + 1) << "at most the round under way when it was told";
  ::close(fd);
}

// A WAL-mode database with a checkpointer at 4,000 pages, and ~20 MB committed in one go:
// past the threshold, short of the writer's own backlog checkpoint.
struct CheckpointedDatabase {
  explicit CheckpointedDatabase(const std::string& path) {
    auto opened = Database::open(path);
    EXPECT_TRUE(opened.is_ok());
    writer = std::move(opened.value());
    EXPECT_TRUE(writer->exec("PRAGMA journal_mode=WAL").is_ok());
    EXPECT_TRUE(writer->exec("CREATE TABLE blobs(id INTEGER PRIMARY KEY, body BLOB NOT NULL)").is_ok());
    auto attached = Checkpointer::attach(*writer, path, 4000);
    EXPECT_TRUE(attached.is_ok());
    checkpointer = std::move(attached.value());
  }
  void commit_blobs() {
    EXPECT_TRUE(writer->exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                             "INSERT INTO blobs(body) SELECT zeroblob(4000) FROM n")
                    .is_ok());
  }
  std::unique_ptr<Database> writer;
  std::unique_ptr<Checkpointer> checkpointer;
};

TEST(WritebackPacer, TheCheckpointerPacesTheDatabaseFileWhileItCopiesPages) {
  TempDir dir;
  CheckpointedDatabase db(dir.file("c.db"));
  ASSERT_TRUE(db.checkpointer);
  db.commit_blobs();
  ASSERT_TRUE(wait_until([&] { return db.checkpointer->checkpoints_done() >= 1; }));
  EXPECT_GE(db.checkpointer->writebacks_started(), 1u);
}

TEST(Checkpointer, ABackgroundCheckpointThatCopiedFramesSyncsTheDatabaseFile) {
  TempDir dir;
  CheckpointedDatabase db(dir.file("c.db"));
  ASSERT_TRUE(db.checkpointer);
  EXPECT_EQ(db.checkpointer->database_syncs(), 0u);
  db.commit_blobs();
  ASSERT_TRUE(wait_until([&] { return db.checkpointer->checkpoints_done() >= 1; }));
  ASSERT_TRUE(wait_until([&] { return db.checkpointer->database_syncs() >= 1; }))
      << "SQLite syncs the file only in a checkpoint that reaches the WAL's end";
  EXPECT_EQ(db.checkpointer->database_syncs(), db.checkpointer->checkpoints_done());
}

// With the WAL's sync left to the WalSyncer, the sync covering a commit may start only
// after the one under way: the commit starts its pages' writeback so that sync is mostly
// the disk's flush. SQLite's own modes leave the pages to their sync (or the kernel).
TEST(WalWriteback, ACommitWhoseSyncComesLaterStartsItsPagesWriteback) {
  TempDir dir;
  struct Case {
    const char* name;
    const char* file;
    bool sync_separately;
  };
  const Case cases[] = {
      {"NORMAL: no sync follows, the pages wait for the kernel", "normal.db", false},
      {"FULL, synced by the WalSyncer: written back at once", "full.db", true},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = dir.file(c.file);
    StoreOptions options;
    options.synchronous = c.sync_separately ? "FULL" : "NORMAL";
    options.sync_wal_separately = c.sync_separately;
    options.background_checkpoints = false;
    auto store = Store::open(path, options);
    ASSERT_TRUE(store.is_ok()) << store.status().message();
    ASSERT_EQ(store.value()->commits_need_wal_sync(), c.sync_separately);
    const int wal = ::open((path + "-wal").c_str(), O_RDONLY | O_CLOEXEC);
    ASSERT_GE(wal, 0);
    ASSERT_TRUE(IssuingOffice{}.issue(*store.value(), 50).is_ok());
    const long unwritten = unwritten_pages(wal);
    if (unwritten < 0) GTEST_SKIP() << "this kernel has no cachestat(2) to count dirty pages";
    if (!c.sync_separately) {
      if (unwritten == 0) GTEST_SKIP() << "the temp directory's file system keeps no dirty pages (tmpfs)";
      EXPECT_GT(unwritten, 0);
    } else {
      EXPECT_TRUE(wait_until([&] { return unwritten_pages(wal) == 0; }))
          << unwritten_pages(wal) << " WAL pages unwritten without a sync";
    }
    ::close(wal);
  }
}

}  // namespace
}  // namespace motcua::store
