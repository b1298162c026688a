#include "office.hpp"

#include <cstdio>
#include <cstdlib>

#include "json_views.hpp"

namespace motcua {
namespace {
constexpr std::size_t kRecentCalls = 10;
}

Office::Office(net::any_io_executor executor, OfficeConfig config, std::unique_ptr<store::Store> store, Clock clock,
               Serialised serialised)
    : strand_(serialised == Serialised::by_own_strand ? Strand(net::make_strand(executor)) : executor),
      config_(std::move(config)),
      store_(std::move(store)),
      clock_(std::move(clock)) {
  if (store_->commits_need_wal_sync())
    syncer_ = std::make_unique<store::WalSyncer>(
        [this, store = store_.get()] {
          if (before_wal_sync_) before_wal_sync_();
          Status s = store->sync_wal();
          if (!s.is_ok()) {
            // After a failed fsync Linux may drop the unwritten pages and call them clean:
            // what SQLite reads back is no longer what is on disk. Only a restart that
            // recovers from the disk itself is safe (as PostgreSQL does since 2018).
            std::fprintf(stderr, "ticketd: %s; stopping so recovery starts from the disk\n", s.message().c_str());
            std::abort();
          }
          return s;
        },
        [this](const std::vector<store::WalSyncer::Outcome>& batches, const Status& status) {
          net::post(strand_, [this, batches, status] { on_synced(batches, status); });
        });
  // With one I/O thread there is no core to spare for the store thread, and handing each
  // batch to it cost more than its write (~0.13 ms under load; the thread's wake-up on a
  // busy core took 0.1-0.6 ms): the strand writes the batch itself, at the end of its
  // loop pass. Only commits that leave their sync to the WalSyncer are written here.
  write_on_strand_ = serialised == Serialised::by_single_io_thread && syncer_ != nullptr;
}

Office::~Office() {
  // Lets a commit being written, and its sync, finish; their completion is never delivered.
  store_thread_.join();
  syncer_.reset();
}

Status Office::start() { return reload(); }

Status Office::reload() {
  auto loaded = store()->load(now(), static_cast<int>(kRecentCalls));
  if (!loaded.is_ok()) return loaded.status();
  auto& l = loaded.value();
  const int day = l.service_day != 0 ? l.service_day : service_day(now(), config_.utc_offset_minutes);
  state_ = initial_state(config_, day, l.next_ticket_id, l.last_seq);
  restore(config_, state_, std::move(l.tickets), std::move(l.counters));
  sessions_ = Sessions{};
  sessions_.load(l.sessions);
  recent_calls_.assign(l.recent_calls.begin(), l.recent_calls.end());
  last_ticket_text_ = {};
  generation_.fetch_add(1, std::memory_order_acq_rel);
  committed_seq_.store(state_.last_seq, std::memory_order_release);
  return Status::ok();
}

Result<Decision> Office::execute(const Command& command) {
  const Instant at = now();
  auto decision = decide(config_, state_, command, at);
  if (!decision.is_ok()) return decision;
  auto& events = decision.value().events;
  if (events.empty()) return decision;
  const std::size_t first_message = unpublished_.size();
  for (auto& e : events) {
    e.seq = state_.last_seq + 1;
    apply(config_, state_, e);
    remember_call(e);
    auto message = hub_.message_buffer();
    append_event_message(*message, config_, state_, e, at, &last_ticket_text_.text);
    unpublished_.push_back({0, e.seq, std::move(message)});
    last_ticket_text_.ticket_id = last_ticket_text_.text.empty() ? 0 : e.ticket_id;
    last_ticket_text_.seq = e.seq;
  }
  std::unique_lock lock(staging_mutex_);
  for (std::size_t i = first_message; i < unpublished_.size(); ++i) unpublished_[i].batch_id = staging_.batch_id;
  // The events now belong to the batch; what they did is in state().
  staging_.batch.add(std::move(events), state_);
  events.clear();
  const bool wake_writer = !staging_.writer_running && !staging_.failed;
  lock.unlock();
  if (wake_writer) schedule_flush();
  return decision;
}

void Office::remember_call(const Event& e) {
  if (e.type != EventType::ticket_called && e.type != EventType::ticket_recalled) return;
  recent_calls_.push_front({e.seq, e.ticket_id, e.counter, e.at, e.type == EventType::ticket_recalled});
  while (recent_calls_.size() > kRecentCalls) recent_calls_.pop_back();
}

void Office::stage_session(store::SessionWrite write) {
  if (write.kind == store::SessionWrite::Kind::insert) {
    sessions_.put(write.record);
  } else {
    sessions_.erase(write.record.token_hash);
  }
  bool wake_writer = false;
  {
    std::lock_guard lock(staging_mutex_);
    staging_.batch.sessions.push_back(std::move(write));
    wake_writer = !staging_.writer_running && !staging_.failed;
  }
  if (wake_writer) schedule_flush();
}

bool Office::commit_in_flight() {
  std::lock_guard lock(staging_mutex_);
  return staging_.taken_id > completed_batch_id_;
}

void Office::when_durable(std::function<void(bool)> reply) {
  std::uint64_t batch_id = 0;
  {
    std::lock_guard lock(staging_mutex_);
    // The batch that holds everything decided so far: the staged one, or else the last
    // one taken by the store thread.
    batch_id = staging_.batch.empty() ? staging_.batch_id - 1 : staging_.batch_id;
  }
  if (batch_id <= completed_batch_id_) return reply(true);
  waiting_replies_.push_back({batch_id, std::move(reply)});
}

void Office::schedule_flush() {
  if (flush_scheduled_) return;
  flush_scheduled_ = true;
  // Posted behind every handler already queued on the strand: all commands that
  // arrived in this loop pass share the one transaction (group commit). Under load the
  // store thread is busy and takes the next batch itself when its commit ends.
  net::post(strand_, [this] { flush(); });
}

void Office::flush() {
  flush_scheduled_ = false;
  // On one I/O thread, a batch waits for the sync under way instead of being written
  // beside it. Each commit costs this thread the same fixed work however few tickets it
  // holds (the transaction, the WAL pages it rewrites, their write and writeback, the
  // syncer's wake-up); written beside a sync, commits held 15 tickets and each sync
  // covered 1.3 of them. Waiting, a commit holds 28: +12 % req/s, p99 -0.4 ms
  // (BENCHMARKS.md, session 14). on_synced() writes what waited.
  if (write_on_strand_ && commit_in_flight()) {
    flush_waits_for_sync_ = true;
    return;
  }
  {
    std::lock_guard lock(staging_mutex_);
    if (staging_.writer_running || staging_.failed || staging_.batch.empty()) return;
    staging_.writer_running = true;
  }
  if (write_on_strand_) return write_staged_batch_here();
  net::post(store_thread_, [this] { write_staged_batches(); });
}

void Office::write_staged_batch_here() {
  store::Batch batch;
  std::uint64_t batch_id = 0;
  if (!take_staged_batch(batch, batch_id)) return;
  const Written written = write_batch(batch, batch_id, store::Store::LockWait::not_at_all);
  if (written == Written::failed) return;
  // The store thread takes over when another connection holds the write lock: this
  // thread must not wait for it (up to the busy timeout). It then writes whatever was
  // staged meanwhile.
  if (written == Written::lock_busy) {
    net::post(store_thread_, [this, batch = std::move(batch), batch_id]() mutable {
      if (write_batch(batch, batch_id, store::Store::LockWait::up_to_busy_timeout) == Written::failed) return;
      finish_checkpoint_and_recycle(batch);
      write_staged_batches();
    });
    return;
  }
  // The copy of the WAL's last frames before it starts over (1-2 ms, a few times a
  // second under load) is made here too: handed to the store thread, p99 was higher.
  finish_checkpoint_and_recycle(batch);
  std::lock_guard lock(staging_mutex_);
  staging_.writer_running = false;
}

void Office::write_staged_batches() {
  store::Batch batch;
  std::uint64_t batch_id = 0;
  while (take_staged_batch(batch, batch_id)) {
    if (write_batch(batch, batch_id, store::Store::LockWait::up_to_busy_timeout) == Written::failed) return;
    finish_checkpoint_and_recycle(batch);
  }
}

bool Office::take_staged_batch(store::Batch& batch, std::uint64_t& batch_id) {
  std::lock_guard lock(staging_mutex_);
  if (staging_.failed || staging_.batch.empty()) {
    staging_.writer_running = false;
    return false;
  }
  batch = std::move(staging_.batch);
  staging_.batch = std::move(staging_.spare);
  staging_.spare = store::Batch{};
  batch_id = staging_.batch_id++;
  staging_.taken_id = batch_id;
  return true;
}

Office::Written Office::write_batch(const store::Batch& batch, std::uint64_t batch_id, store::Store::LockWait wait) {
  const auto started = std::chrono::steady_clock::now();
  if (syncer_) syncer_->writing();
  Status s;
  {
    std::lock_guard lock(store_mutex_);
    s = store_->write_batch(batch, wait);
  }
  // Nothing was written; whoever retries reports the batch.
  if (store::Store::lock_busy(s)) return Written::lock_busy;
  const bool failed = !s.is_ok();
  if (failed) {
    // What is staged was decided on top of this batch: nothing more is written until
    // the strand has rebuilt the state from disk.
    std::lock_guard lock(staging_mutex_);
    staging_.failed = true;
    staging_.writer_running = false;
  }
  if (syncer_ && failed) {
    syncer_->failed(batch_id, started, std::move(s));
  } else if (syncer_) {
    syncer_->committed(batch_id, started);
  } else {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    net::post(strand_, [this, batch_id, s = std::move(s), seconds]() mutable {
      record_commit_time(seconds);
      on_committed(batch_id, std::move(s));
    });
  }
  return failed ? Written::failed : Written::ok;
}

void Office::finish_checkpoint_and_recycle(store::Batch& batch) {
  {
    std::lock_guard lock(store_mutex_);
    store_->finish_background_checkpoint();
  }
  recycle(batch);
}

void Office::recycle(store::Batch& batch) {
  // The next batch reuses the vectors.
  batch.clear();
  std::lock_guard lock(staging_mutex_);
  staging_.spare = std::move(batch);
}

void Office::on_synced(const std::vector<store::WalSyncer::Outcome>& batches, const Status& status) {
  for (const auto& b : batches) record_commit_time(b.seconds);
  if (status.is_ok()) metrics_.wal_syncs += 1;
  on_committed(batches.back().batch_id, status);
  if (flush_waits_for_sync_ && !commit_in_flight()) {
    flush_waits_for_sync_ = false;
    flush();
  }
}

void Office::on_committed(std::uint64_t batch_id, Status status) {
  if (!status.is_ok()) {
    // Nothing of this batch is durable, and what is staged since was decided on top of
    // it: forget both, rebuild from disk, refuse every reply.
    metrics_.commit_failures += 1;
    metrics_.last_commit_error = status.message();
    std::fprintf(stderr, "ticketd: commit failed: %s\n", status.message().c_str());
    {
      std::lock_guard lock(staging_mutex_);
      staging_.batch = store::Batch{};
      staging_.failed = false;
      completed_batch_id_ = staging_.batch_id - 1;
    }
    std::deque<WaitingReply> refused = std::move(waiting_replies_);
    waiting_replies_.clear();
    unpublished_.clear();
    hub_.clear_replay();
    if (Status r = reload(); !r.is_ok())
      std::fprintf(stderr, "ticketd: reload after failed commit failed: %s\n", r.message().c_str());
    for (auto& w : refused) w.reply(false);
    return;
  }
  completed_batch_id_ = batch_id;
  if (!metrics_.last_commit_error.empty()) metrics_.last_commit_error.clear();
  while (!unpublished_.empty() && unpublished_.front().batch_id <= batch_id) {
    auto& e = unpublished_.front();
    metrics_.events_committed += 1;
    committed_seq_.store(e.seq, std::memory_order_release);
    hub_.publish(e.seq, std::move(e.message));
    unpublished_.pop_front();
  }
  // A reply may wait for something again (a subscriber's snapshot): it is queued behind,
  // for a later batch, or answered at once.
  while (!waiting_replies_.empty() && waiting_replies_.front().batch_id <= batch_id) {
    auto reply = std::move(waiting_replies_.front().reply);
    waiting_replies_.pop_front();
    reply(true);
  }
}

void Office::record_commit_time(double seconds) {
  metrics_.commits += 1;
  metrics_.commit_seconds_sum += seconds;
  for (std::size_t i = 0; i < metrics_.commit_seconds_buckets_le.size(); ++i)
    if (seconds <= metrics_.commit_seconds_buckets_le[i]) metrics_.commit_seconds_counts[i] += 1;
}

void Office::subscribe(const std::shared_ptr<Subscriber>& s, std::int64_t since, bool has_since) {
  // The snapshot shows the state as it is now, which may hold staged changes, so it is
  // sent only once they are durable. Events committed together with them but decided
  // later come from the replay buffer, right behind the snapshot.
  auto snapshot = std::make_shared<json::object>();
  (*snapshot)["type"] = "snapshot";
  (*snapshot)["seq"] = state_.last_seq;
  (*snapshot)["queue"] = queue_json(config_, state_, recent_calls_, now());
  const std::int64_t snapshot_seq = state_.last_seq;
  const std::int64_t generation = this->generation();
  when_durable([this, s, since, has_since, snapshot, snapshot_seq, generation](bool committed) {
    if (!s->is_open()) return;
    if (has_since && hub_.subscribe(s, since, committed_seq())) return;
    if (!committed || generation != this->generation()) return subscribe(s, since, has_since);
    // More than the replay buffer was committed behind the snapshot: start over.
    if (!hub_.can_replay(snapshot_seq, committed_seq())) return subscribe(s, since, has_since);
    s->send(std::make_shared<const std::string>(json::serialize(*snapshot)));
    hub_.subscribe(s, snapshot_seq, committed_seq());
  });
}

}  // namespace motcua
