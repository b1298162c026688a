// Checkpoints the WAL on a thread of its own, so the office's commits never stop to copy
// a thousand pages into the database file (SQLite's automatic checkpoint runs inside the
// commit that crosses the threshold, which made that one commit 5-10 ms).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "domain/status.hpp"
#include "store/sqlite.hpp"
#include "store/writeback_pacer.hpp"

namespace motcua::store {

class Checkpointer {
 public:
  // Opens a connection of its own to `path` and takes checkpointing over from `writer`:
  // the writer's automatic checkpoint is off, and each of its commits reports the WAL's
  // size here; a checkpoint starts once `threshold_pages` frames wait to be copied. If
  // the WAL ever grows to `kBacklogFactor` thresholds, the writer checkpoints itself
  // again, so it stays bounded.
  static Result<std::unique_ptr<Checkpointer>> attach(Database& writer, const std::string& path,
                                                      int threshold_pages = kDefaultThresholdPages);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Background checkpoints that copied frames into the database file.
  std::uint64_t checkpoints_done() const { return done_.load(std::memory_order_relaxed); }

  // Whether a background checkpoint of a WAL grown past kFinishFactor thresholds has
  // ended since the last call. The writer then copies itself, between its commits,
  // the few frames it committed while that checkpoint ran (a background checkpoint alone
  // never catches up with a busy writer), so that its next transaction starts the WAL over
  // from the beginning: overwriting the file is cheaper to sync than growing it. Not
  // after every checkpoint, as the copy ends with a sync of the database file that the
  // next batch waits for.
  bool take_finish_request() { return finish_wanted_.exchange(false, std::memory_order_acq_rel); }

  // Writebacks of the database file started so far, while checkpoints ran.
  std::uint64_t writebacks_started() const { return pacer_.started(); }

  // Syncs of the database file after background checkpoints that copied frames.
  std::uint64_t database_syncs() const { return database_syncs_.load(std::memory_order_relaxed); }

  // Smaller, more frequent checkpoints: each one's copy and database sync is half of what
  // 1000 pages made, and the WAL syncs queued behind it wait less (p99 lower in 24 of 36
  // alternated rounds, throughput within noise; BENCHMARKS.md, session 13).
  static constexpr int kDefaultThresholdPages = 500;
  static constexpr int kBacklogFactor = 8;
  static constexpr std::chrono::milliseconds kWritebackPace{1};
  static constexpr int kFinishFactor = 3;

 private:
  Checkpointer(std::unique_ptr<Database> own, Database& writer, const std::string& path, int threshold_pages);
  static int on_writer_commit(void* self, sqlite3* writer, const char* db_name, int wal_pages);
  void run();

  std::unique_ptr<Database> own_;
  Database& writer_;
  const int threshold_pages_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool wanted_ = false;
  bool stopping_ = false;
  std::atomic<std::uint64_t> done_{0};
  std::atomic<bool> finish_wanted_{false};
  std::atomic<std::uint64_t> database_syncs_{0};
  std::atomic<int> copied_frames_{0};     // of the WAL, in the database file after the last checkpoint
  WritebackPacer pacer_;                  // while a checkpoint copies pages into the file
  std::thread thread_;
};

}  // namespace motcua::store
