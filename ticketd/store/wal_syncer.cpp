#include "store/wal_syncer.hpp"

namespace motcua::store {
namespace {
double seconds_between(WalSyncer::Clock::time_point from, WalSyncer::Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}
}  // namespace

WalSyncer::WalSyncer(Sync sync, Report report, std::chrono::microseconds join_wait)
    : sync_(std::move(sync)),
      report_(std::move(report)),
      join_wait_(join_wait),
      thread_([this] { run(); }) {}

WalSyncer::~WalSyncer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void WalSyncer::writing() {
  std::lock_guard lock(mutex_);
  writing_ = true;
}

void WalSyncer::committed(std::uint64_t batch_id, Clock::time_point started) {
  {
    std::lock_guard lock(mutex_);
    pending_.push_back({batch_id, started});
    writing_ = false;
  }
  wake_.notify_one();
}

void WalSyncer::failed(std::uint64_t batch_id, Clock::time_point started, Status status) {
  {
    std::lock_guard lock(mutex_);
    failure_ = Failure{{batch_id, started}, std::move(status)};
    writing_ = false;
  }
  wake_.notify_one();
}

std::uint64_t WalSyncer::syncs_done() const { return syncs_done_.load(std::memory_order_relaxed); }

void WalSyncer::run() {
  std::vector<Pending> covered;  // swapped with pending_: both keep their capacity
  std::vector<Outcome> outcomes;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return !pending_.empty() || failure_ || stopping_; });
    if (pending_.empty() && !failure_) return;  // stopping, and everything handed over is reported
    if (writing_ && !failure_ && !stopping_)
      wake_.wait_for(lock, join_wait_, [this] { return !writing_ || failure_ || stopping_; });
    covered.swap(pending_);
    std::optional<Failure> failure = std::move(failure_);
    failure_.reset();
    lock.unlock();

    if (!covered.empty()) {
      // Started after every batch in `covered` was committed: it covers them all.
      const Status synced = sync_();
      const auto done = Clock::now();
      syncs_done_.fetch_add(1, std::memory_order_relaxed);  // before the report: whoever it wakes sees it
      outcomes.clear();
      for (const auto& p : covered) outcomes.push_back({p.batch_id, seconds_between(p.started, done)});
      report_(outcomes, synced);
      covered.clear();
    }
    if (failure) {
      // After the batches committed before it: a refusal never overtakes an acknowledgement.
      outcomes.assign(1, {failure->batch.batch_id, seconds_between(failure->batch.started, Clock::now())});
      report_(outcomes, failure->status);
    }

    lock.lock();
  }
}

}  // namespace motcua::store
