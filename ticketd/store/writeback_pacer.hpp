// Starts the writeback of a file's dirty pages every so often while asked to, without
// waiting for it (sync_file_range(SYNC_FILE_RANGE_WRITE): no durability of its own).
//
// Why: a background checkpoint copies a thousand pages (~4 MB) into the database file and
// then syncs it. Left to that one sync, the megabytes reach the disk in a burst, and the
// WAL syncs that every acknowledgement waits for queue behind it: those were most of the
// issue path's p99. Started as the pages are copied, the writeback is spread out.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace motcua::store {

class WritebackPacer {
 public:
  // Opens `path` read-only for the writeback; if it cannot, the pacer does nothing.
  WritebackPacer(const std::string& path, std::chrono::microseconds pace);
  ~WritebackPacer();
  WritebackPacer(const WritebackPacer&) = delete;
  WritebackPacer& operator=(const WritebackPacer&) = delete;

  // Between begin() and end() the writeback is started every `pace`, the first at once.
  void begin();
  void end();

  // Makes what was written to the file durable (fdatasync on the pacer's descriptor: a
  // sync covers every descriptor's writes). False if the file could not be opened or the
  // sync failed; a failed sync is also reported to the next sync of every other
  // descriptor of the file (SQLite's among them), so nothing relies on this one.
  bool sync_file();

  // Writebacks started so far.
  std::uint64_t started() const { return started_.load(std::memory_order_relaxed); }

 private:
  void run();

  int fd_ = -1;
  const std::chrono::microseconds pace_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool active_ = false;
  bool stopping_ = false;
  std::atomic<std::uint64_t> started_{0};
  std::thread thread_;
};

}  // namespace motcua::store
