// The single writer: the office state, its store and its broadcast hub, on one strand.
// Every method except strand(), post(), committed_seq() and generation() must run on
// that strand. The strand is its own, or, when the io_context runs on one thread only,
// that thread itself (Asio's implicit strand: its handlers already run one at a time).
//
// Commits are pipelined: while one batch is being written on the store thread, the
// strand goes on deciding and stages the next; with a WalSyncer, the store thread in
// turn writes the next batch while the last one is synced. With one I/O thread and a
// WalSyncer, the strand writes each batch itself, and the store thread steps in only
// when another connection holds the write lock; there the strand writes nothing while a
// sync is under way, and what it staged meanwhile becomes one commit when that ends.
// A reply, a read and an event still wait until everything staged before them is
// durable (when_durable).
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include <boost/asio/thread_pool.hpp>

#include "auth.hpp"
#include "domain/decide.hpp"
#include "hub.hpp"
#include "net.hpp"
#include "store/store.hpp"
#include "store/wal_syncer.hpp"

namespace motcua {

using Clock = std::function<Instant()>;

// Counters the metrics endpoint reads; touched only on the strand.
struct OfficeMetrics {
  std::uint64_t commits = 0;
  std::uint64_t commit_failures = 0;
  std::uint64_t events_committed = 0;
  std::uint64_t wal_syncs = 0;  // by the WalSyncer, each covering one or more commits
  std::vector<double> commit_seconds_buckets_le{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1};
  std::vector<std::uint64_t> commit_seconds_counts = std::vector<std::uint64_t>(10, 0);
  double commit_seconds_sum = 0;
  // Why the last commit failed, while no commit has succeeded since ("" = none): a full
  // or failing disk shows in /api/health, not only in the log.
  std::string last_commit_error;
};

// The store, locked for the lifetime of this handle: the store thread may be writing.
class LockedStore {
 public:
  LockedStore(std::mutex& m, store::Store& s) : lock_(m), store_(&s) {}
  store::Store* operator->() { return store_; }
  store::Store& operator*() { return *store_; }

 private:
  std::unique_lock<std::mutex> lock_;
  store::Store* store_;
};

class Office {
 public:
  using Strand = net::any_io_executor;
  // How the office's handlers are kept to one at a time. A strand of its own costs some
  // bookkeeping on every request; on a single I/O thread it is not needed.
  enum class Serialised { by_own_strand, by_single_io_thread };

  Office(net::any_io_executor executor, OfficeConfig config, std::unique_ptr<store::Store> store, Clock clock,
         Serialised serialised = Serialised::by_own_strand);
  ~Office();
  Office(const Office&) = delete;
  Office& operator=(const Office&) = delete;

  // Loads the stored state. Call once, before any request is posted.
  Status start();

  Strand& strand() { return strand_; }
  template <typename F>
  void post(F&& f) {
    net::post(strand_, std::forward<F>(f));
  }
  // Runs `f` on the strand now, in this thread, when the strand is free and this is one
  // of the I/O threads; queues it otherwise.
  template <typename F>
  void dispatch(F&& f) {
    net::dispatch(strand_, std::forward<F>(f));
  }

  const OfficeConfig& config() const { return config_; }
  const OfficeState& state() const { return state_; }
  Instant now() const { return clock_(); }
  const std::deque<store::RecentCall>& recent_calls() const { return recent_calls_; }
  Sessions& sessions() { return sessions_; }
  // Blocks while a commit is being written; keep the handle short-lived.
  LockedStore store() { return LockedStore(store_mutex_, *store_); }
  Hub& hub() { return hub_; }
  const OfficeMetrics& metrics() const { return metrics_; }
  // Whether the store thread has taken a batch whose commit the strand has not yet seen
  // end (on the strand).
  bool commit_in_flight();
  // The seq of the last committed event; any thread. A view built at this seq shows
  // nothing that is not yet durable.
  std::int64_t committed_seq() const { return committed_seq_.load(std::memory_order_acquire); }
  // Grows each time the state is rebuilt from disk (start, failed commit): a view from an
  // older generation may show changes that never became durable.
  std::int64_t generation() const { return generation_.load(std::memory_order_acquire); }

  // Decides and applies a command now; its events are moved to the batch for the next
  // group commit, so the returned Decision has none: read the outcome from state().
  Result<Decision> execute(const Command& command);
  // The ticket view (ticket_json_text) that the last event message embedded, while the
  // state is still the one it was written from and that event concerned ticket `id`:
  // the issue reply reuses it instead of writing the same view again.
  const std::string* fresh_ticket_text(std::int64_t id) const {
    if (last_ticket_text_.ticket_id != id || last_ticket_text_.seq != state_.last_seq) return nullptr;
    return &last_ticket_text_.text;
  }
  // A session change committed with the next batch.
  void stage_session(store::SessionWrite write);

  // Calls `reply(true)` once everything staged so far is durable, or `reply(false)` if
  // that commit failed (and the state was reloaded). Immediately when nothing is staged
  // or being written, so a read never shows what is not yet on disk. A response built
  // from state() before this call is safe to send when it fires; state() itself may by
  // then hold newer, staged changes.
  void when_durable(std::function<void(bool committed)> reply);

  // Subscribes a WebSocket client: a snapshot or the missed events, then live events.
  void subscribe(const std::shared_ptr<Subscriber>& s, std::int64_t since, bool has_since);

  // For tests: runs on the WalSyncer's thread before each sync of the WAL, so a test can
  // hold a sync under way. Set it before anything is staged.
  void before_each_wal_sync(std::function<void()> hook) { before_wal_sync_ = std::move(hook); }

 private:
  // What the strand and the store thread share, under staging_mutex_. Batches are
  // numbered; the store thread takes the staged one as soon as its previous commit
  // ends, without a round trip through the strand.
  struct Staging {
    store::Batch batch;            // being assembled
    store::Batch spare;            // a written batch, emptied: its allocations are reused
    std::uint64_t batch_id = 1;    // the number of `batch`
    std::uint64_t taken_id = 0;    // the last batch the store thread took
    bool writer_running = false;   // the store thread's loop is posted or running
    bool failed = false;           // a commit failed: take nothing until the strand rebuilt
  };
  // Waits on the strand for the commit of batch `batch_id`.
  struct WaitingReply {
    std::uint64_t batch_id;
    std::function<void(bool)> reply;
  };
  struct UnpublishedEvent {
    std::uint64_t batch_id;
    std::int64_t seq;
    std::shared_ptr<std::string> message;
  };

  enum class Written { ok, failed, lock_busy };
  void schedule_flush();
  void flush();
  // On the strand, with one I/O thread (write_on_strand_).
  void write_staged_batch_here();
  // On the store thread: writes batches until none is staged.
  void write_staged_batches();
  bool take_staged_batch(store::Batch& batch, std::uint64_t& batch_id);
  // Writes a taken batch and hands it to the WalSyncer (or reports it to the strand).
  Written write_batch(const store::Batch& batch, std::uint64_t batch_id, store::Store::LockWait wait);
  void finish_checkpoint_and_recycle(store::Batch& batch);
  void recycle(store::Batch& batch);
  void on_committed(std::uint64_t batch_id, Status status);
  void on_synced(const std::vector<store::WalSyncer::Outcome>& batches, const Status& status);
  void record_commit_time(double seconds);
  Status reload();
  void remember_call(const Event& e);

  Strand strand_;
  OfficeConfig config_;
  std::unique_ptr<store::Store> store_;
  Clock clock_;
  OfficeState state_;
  Sessions sessions_;
  Hub hub_;
  std::deque<store::RecentCall> recent_calls_;
  OfficeMetrics metrics_;

  std::mutex staging_mutex_;
  Staging staging_;
  // Strand only: what waits for a commit, in batch order, and the last batch whose
  // commit the strand has seen end.
  std::deque<WaitingReply> waiting_replies_;
  std::deque<UnpublishedEvent> unpublished_;
  struct TicketText {
    std::int64_t ticket_id = 0;
    std::int64_t seq = 0;
    std::string text;
  } last_ticket_text_;
  std::uint64_t completed_batch_id_ = 0;
  bool flush_scheduled_ = false;
  bool flush_waits_for_sync_ = false;  // write_on_strand_: a batch is staged behind a sync

  std::mutex store_mutex_;
  bool write_on_strand_ = false;  // set once in the constructor
  std::function<void()> before_wal_sync_;
  net::thread_pool store_thread_{1};
  // Makes the store thread's commits durable when the store leaves that to us
  // (commits_need_wal_sync); null otherwise.
  std::unique_ptr<store::WalSyncer> syncer_;
  std::atomic<std::int64_t> committed_seq_{0};
  std::atomic<std::int64_t> generation_{0};
};

}  // namespace motcua
