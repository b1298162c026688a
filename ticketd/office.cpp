#include "office.hpp"

#include "json_views.hpp"

namespace motcua {
namespace {
constexpr std::size_t kRecentCalls = 10;
}

Office::Office(net::any_io_executor executor, OfficeConfig config, std::unique_ptr<store::Store> store, Clock clock)
    : strand_(net::make_strand(executor)), config_(std::move(config)), store_(std::move(store)),
      clock_(std::move(clock)) {}

Office::~Office() {
  // Lets a commit being written finish; its completion is never delivered.
  store_thread_.join();
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
  generation_.fetch_add(1, std::memory_order_acq_rel);
  committed_seq_.store(state_.last_seq, std::memory_order_release);
  return Status::ok();
}

Result<Decision> Office::execute(const Command& command) {
  const Instant at = now();
  auto decision = decide(config_, state_, command, at);
  if (!decision.is_ok()) return decision;
  for (auto& e : decision.value().events) {
    e.seq = state_.last_seq + 1;
    apply(config_, state_, e);
    remember_call(e);
    staged_.messages.emplace_back(e.seq, std::make_shared<const std::string>(serialize_in_buffer(
                                             [&](json::storage_ptr sp) { return event_message(config_, state_, e, at, sp); })));
    staged_events_.push_back(std::move(e));
  }
  if (!decision.value().events.empty()) schedule_flush();
  // The events now belong to the batch; what they did is in state().
  decision.value().events.clear();
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
  staged_sessions_.push_back(std::move(write));
  schedule_flush();
}

void Office::when_durable(std::function<void(bool)> reply) {
  if (has_staged()) {
    staged_.replies.push_back(std::move(reply));
  } else if (commit_in_flight_) {
    in_flight_.replies.push_back(std::move(reply));
  } else {
    reply(true);
  }
}

void Office::schedule_flush() {
  if (flush_scheduled_) return;
  flush_scheduled_ = true;
  // Posted behind every handler already queued on the strand: all commands that
  // arrived in this loop pass share the one transaction (group commit).
  net::post(strand_, [this] { flush(); });
}

void Office::flush() {
  flush_scheduled_ = false;
  // One commit at a time: what is staged meanwhile goes out when the current one ends.
  if (commit_in_flight_ || !has_staged()) return;
  auto batch = std::make_shared<store::Batch>(
      store::Batch::from(std::move(staged_events_), state_, std::move(staged_sessions_)));
  staged_events_.clear();
  staged_events_.reserve(64);
  staged_sessions_.clear();
  in_flight_ = std::move(staged_);
  staged_ = PendingCommit{};
  commit_in_flight_ = true;
  net::post(store_thread_, [this, batch] {
    const auto started = std::chrono::steady_clock::now();
    Status s;
    {
      std::lock_guard lock(store_mutex_);
      s = store_->write_batch(*batch);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    net::post(strand_, [this, s = std::move(s), seconds]() mutable { on_committed(std::move(s), seconds); });
  });
}

void Office::on_committed(Status status, double seconds) {
  record_commit_time(seconds);
  commit_in_flight_ = false;
  PendingCommit done = std::move(in_flight_);
  in_flight_ = PendingCommit{};

  if (!status.is_ok()) {
    // Nothing of this batch is durable, and what is staged since was decided on top of
    // it: forget both, rebuild from disk, refuse every reply.
    metrics_.commit_failures += 1;
    std::fprintf(stderr, "ticketd: commit failed: %s\n", status.message().c_str());
    PendingCommit staged = std::move(staged_);
    staged_ = PendingCommit{};
    staged_events_.clear();
    staged_sessions_.clear();
    hub_.clear_replay();
    if (Status r = reload(); !r.is_ok())
      std::fprintf(stderr, "ticketd: reload after failed commit failed: %s\n", r.message().c_str());
    for (auto& reply : done.replies) reply(false);
    for (auto& reply : staged.replies) reply(false);
    return;
  }
  metrics_.events_committed += done.messages.size();
  if (!done.messages.empty()) committed_seq_.store(done.messages.back().first, std::memory_order_release);
  for (auto& [seq, message] : done.messages) hub_.publish(seq, std::move(message));
  for (auto& reply : done.replies) reply(true);
  if (has_staged()) flush();
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
