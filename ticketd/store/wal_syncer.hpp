// Makes committed batches durable on a thread of its own, so the writer can write the
// next transaction while the last one is being synced (the sync, not the INSERTs, is
// most of a commit's time).
//
// The writer commits with SQLite's synchronous=NORMAL: in WAL mode that keeps the file
// consistent after a crash (frames are checksummed; recovery stops at the last whole
// transaction) but leaves the sync out. Here a sync of the WAL that starts after a
// batch's COMMIT returned makes that batch, and every one before it, durable: only then
// is it reported, and only then may anything of it be acknowledged. One sync covers
// all the batches committed while the previous one ran.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "domain/status.hpp"

namespace motcua::store {

class WalSyncer {
 public:
  using Clock = std::chrono::steady_clock;
  // A batch the writer handed over, now durable (status ok) or refused (its write or
  // the sync failed). `seconds` runs from the start of its write to the end of the sync.
  struct Outcome {
    std::uint64_t batch_id = 0;
    double seconds = 0;
  };
  // Called on the syncer's thread with the batches in the order they were handed over.
  using Report = std::function<void(const std::vector<Outcome>& batches, const Status& status)>;
  using Sync = std::function<Status()>;

  // How long a sync waits for a batch being written (writing()) to be handed over, so
  // that it covers that batch too.
  static constexpr std::chrono::microseconds kDefaultJoinWait{500};

  WalSyncer(Sync sync, Report report, std::chrono::microseconds join_wait = kDefaultJoinWait);
  // Syncs and reports everything handed over before it, then stops the thread.
  ~WalSyncer();
  WalSyncer(const WalSyncer&) = delete;
  WalSyncer& operator=(const WalSyncer&) = delete;

  // The writer is writing a batch now; committed() or failed() says how that ended. A
  // sync about to start waits for it (at most the join wait): the commit takes a fraction
  // of a sync, and the batch would otherwise wait for this whole sync and then its own.
  void writing();
  // The writer committed batch `batch_id`, whose write started at `started`.
  void committed(std::uint64_t batch_id, Clock::time_point started);
  // The writer's transaction for `batch_id` failed. Reported, with `status`, after every
  // batch committed before it has been synced and reported.
  void failed(std::uint64_t batch_id, Clock::time_point started, Status status);

  // Syncs finished; counted before their report is made.
  std::uint64_t syncs_done() const;

 private:
  struct Pending {
    std::uint64_t batch_id;
    Clock::time_point started;
  };
  struct Failure {
    Pending batch;
    Status status;
  };
  void run();

  Sync sync_;
  Report report_;
  const std::chrono::microseconds join_wait_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Pending> pending_;   // committed, not yet covered by a sync
  std::optional<Failure> failure_;
  bool writing_ = false;
  bool stopping_ = false;
  std::atomic<std::uint64_t> syncs_done_{0};
  std::thread thread_;
};

}  // namespace motcua::store
