#include "office.hpp"

#include "json_views.hpp"

namespace motcua {
namespace {
constexpr std::size_t kRecentCalls = 10;
}

Office::Office(net::any_io_executor executor, OfficeConfig config, std::unique_ptr<store::Store> store, Clock clock)
    : strand_(net::make_strand(executor)), config_(std::move(config)), store_(std::move(store)),
      clock_(std::move(clock)) {}

Status Office::start() { return reload(); }

Status Office::reload() {
  auto loaded = store_->load(now(), static_cast<int>(kRecentCalls));
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
    staged_messages_.push_back(
        std::make_shared<const std::string>(json::serialize(event_message(config_, state_, e, at))));
    staged_events_.push_back(e);
  }
  if (!decision.value().events.empty()) schedule_flush();
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
  if (!flush_scheduled_) {
    reply(true);
    return;
  }
  waiting_replies_.push_back(std::move(reply));
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
  auto events = std::move(staged_events_);
  auto messages = std::move(staged_messages_);
  auto sessions = std::move(staged_sessions_);
  auto replies = std::move(waiting_replies_);
  staged_events_.clear();
  staged_messages_.clear();
  staged_sessions_.clear();
  waiting_replies_.clear();

  const auto started = std::chrono::steady_clock::now();
  Status s = store_->write_batch(events, state_, sessions);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.commits += 1;
  metrics_.commit_seconds_sum += seconds;
  for (std::size_t i = 0; i < metrics_.commit_seconds_buckets_le.size(); ++i)
    if (seconds <= metrics_.commit_seconds_buckets_le[i]) metrics_.commit_seconds_counts[i] += 1;

  if (!s.is_ok()) {
    // Nothing of this batch is durable: forget it, rebuild from disk, refuse every reply.
    metrics_.commit_failures += 1;
    std::fprintf(stderr, "ticketd: commit failed: %s\n", s.message().c_str());
    hub_.clear_replay();
    if (Status r = reload(); !r.is_ok())
      std::fprintf(stderr, "ticketd: reload after failed commit failed: %s\n", r.message().c_str());
    for (auto& reply : replies) reply(false);
    return;
  }
  metrics_.events_committed += events.size();
  if (!events.empty()) committed_seq_.store(events.back().seq, std::memory_order_release);
  for (std::size_t i = 0; i < events.size(); ++i) hub_.publish(events[i].seq, messages[i]);
  for (auto& reply : replies) reply(true);
}

void Office::subscribe(const std::shared_ptr<Subscriber>& s, std::int64_t since, bool has_since) {
  // Wait for staged events to commit, so the snapshot's seq is durable and the
  // staged events reach this client through publish().
  when_durable([this, s, since, has_since](bool) {
    if (has_since && hub_.subscribe(s, since, state_.last_seq)) return;
    json::object snapshot;
    snapshot["type"] = "snapshot";
    snapshot["seq"] = state_.last_seq;
    snapshot["queue"] = queue_json(config_, state_, recent_calls_, now());
    s->send(std::make_shared<const std::string>(json::serialize(snapshot)));
    hub_.add(s);
  });
}

}  // namespace motcua
