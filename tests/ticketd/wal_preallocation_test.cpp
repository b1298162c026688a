// The WAL zero-filled at open when the WalSyncer syncs it: only then, to the length the
// checkpointer lets it reach, and a crash anywhere over the zeros recovers exactly the
// synced commits (SQLite's recovery stops at the first frame of zeros).
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "issuing_office.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

namespace motcua::store {
namespace {

using motcua::testing::IssuingOffice;
using motcua::testing::TempDir;

std::uintmax_t wal_size(const std::string& db_path) { return std::filesystem::file_size(db_path + "-wal"); }

// The WAL header's checkpoint sequence number: how many times the WAL has started over.
std::uint32_t wal_restarts(const std::string& db_path) {
  std::ifstream wal(db_path + "-wal", std::ios::binary);
  unsigned char bytes[16] = {};
  wal.read(reinterpret_cast<char*>(bytes), sizeof bytes);
  return (std::uint32_t{bytes[12]} << 24) | (std::uint32_t{bytes[13]} << 16) | (std::uint32_t{bytes[14]} << 8) | bytes[15];
}

std::int64_t single_int(Database& db, const char* sql) {
  auto s = db.prepare(sql);
  std::int64_t value = -1;
  if (s.is_ok() && s.value()->step()) value = s.value()->int64(0);
  if (s.is_ok()) s.value()->reset();
  return value;
}

// What a crash right now would leave, opened afresh: the tickets in it, after an
// integrity check.
std::int64_t tickets_in_copy(const TempDir& dir, const std::string& db_path, const std::string& name) {
  const std::string copy = dir.file(name);
  std::filesystem::copy_file(db_path, copy);
  std::filesystem::copy_file(db_path + "-wal", copy + "-wal");
  auto db = Database::open(copy);
  EXPECT_TRUE(db.is_ok());
  if (!db.is_ok()) return -1;
  auto check = db.value()->prepare("PRAGMA integrity_check");
  EXPECT_TRUE(check.is_ok() && check.value()->step());
  EXPECT_EQ(check.value()->text(0), "ok");
  check.value()->reset();
  return single_int(*db.value(), "SELECT count(*) FROM tickets");
}

TEST(WalPreallocation, OnlyAWalTheSyncerSyncsIsZeroFilledAtOpen) {
  TempDir dir;
  struct Case {
    const char* name;
    const char* file;
    const char* synchronous;
    bool separately;
    bool preallocated;
  };
  const Case cases[] = {
      {"FULL, synced by the WalSyncer", "a.db", "FULL", true, true},
      {"FULL, SQLite syncs in the commit", "b.db", "FULL", false, false},
      {"NORMAL", "c.db", "NORMAL", true, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    StoreOptions options;
    options.synchronous = c.synchronous;
    options.sync_wal_separately = c.separately;
    const std::string path = dir.file(c.file);
    auto store = Store::open(path, options);
    ASSERT_TRUE(store.is_ok()) << store.status().message();
    if (c.preallocated) {
      EXPECT_EQ(wal_size(path), static_cast<std::uintmax_t>(Store::kPreallocatedWalBytes));
    } else {
      EXPECT_LT(wal_size(path), 1u << 20);
    }
    // Commits overwrite the zeros; the file does not grow while they fit.
    ASSERT_TRUE(IssuingOffice{}.issue(*store.value(), 20).is_ok());
    if (c.preallocated) {
      EXPECT_EQ(wal_size(path), static_cast<std::uintmax_t>(Store::kPreallocatedWalBytes));
    }
  }
}

TEST(WalPreallocation, ACrashOverTheZerosRecoversTheCommittedTicketsAndNoMore) {
  TempDir dir;
  const std::string path = dir.file("t.db");
  StoreOptions options;
  options.sync_wal_separately = true;
  auto store = Store::open(path, options);
  ASSERT_TRUE(store.is_ok()) << store.status().message();
  IssuingOffice office;
  int issued = 0;
  int copies = 0;
  // Through the checkpointer's whole cycle: the WAL starts over inside the zeroed length
  // at least once, leaving old frames and zeros behind the new ones.
  for (int batch = 0; batch < 400; ++batch) {
    const Status s = office.issue(*store.value(), 25);
    ASSERT_TRUE(s.is_ok()) << batch << ": " << s.message();
    issued += 25;
    ASSERT_TRUE(store.value()->sync_wal().is_ok());
    store.value()->finish_background_checkpoint();
    if (batch % 50 == 49) {
      EXPECT_EQ(tickets_in_copy(dir, path, "copy" + std::to_string(++copies) + ".db"), issued);
    }
  }
  EXPECT_GE(store.value()->background_checkpoints_done(), 1u);
  EXPECT_GE(wal_restarts(path), 1u);
  EXPECT_EQ(wal_size(path), static_cast<std::uintmax_t>(Store::kPreallocatedWalBytes))
      << "the WAL started over inside the zeroed length";
  store.value().reset();
  // A clean close deletes the WAL, zeros and all; the tickets are in the database file.
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
  auto reopened = Database::open(path);
  ASSERT_TRUE(reopened.is_ok());
  EXPECT_EQ(single_int(*reopened.value(), "SELECT count(*) FROM tickets"), issued);
}

}  // namespace
}  // namespace motcua::store
