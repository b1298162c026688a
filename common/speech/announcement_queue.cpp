#include "speech/announcement_queue.hpp"

#include <algorithm>

namespace motcua::speech {

AnnouncementQueue::AnnouncementQueue(QueueSettings settings) : settings_(settings) {
  if (settings_.repetitions < 1) settings_.repetitions = 1;
}

Admission AnnouncementQueue::offer(const Call& call, Instant now) {
  if (call.seq > 0 && call.seq <= last_seq_) return Admission::duplicate;
  if (call.seq > 0) last_seq_ = call.seq;
  if (now - call.at > settings_.stale_after) return Admission::stale;

  if (call.recall) {
    // The citizen has not heard the first call yet; announcing it once covers the recall too.
    // Only a first hearing counts: a deferred repetition is replaced by the recall below, so
    // the recall is still announced as one, with its chime and all its repetitions.
    const bool pending_same_ticket = std::any_of(pending_.begin(), pending_.end(), [&](const Playing& p) {
      return p.repetition == 1 && p.call.ticket_id == call.ticket_id && p.call.counter == call.counter;
    });
    if (pending_same_ticket) return Admission::merged;
  }

  // A counter that called again has moved on: its older pending call would send a citizen
  // to a counter that no longer expects them, so only the newest call per counter waits.
  const auto before = pending_.size();
  std::erase_if(pending_, [&](const Playing& p) { return p.call.counter == call.counter; });
  const bool replaced = pending_.size() != before;
  pending_.push_back(Playing{call, 1, true});
  return replaced ? Admission::replaced : Admission::queued;
}

void AnnouncementQueue::withdraw_ticket(std::int64_t ticket_id) {
  std::erase_if(pending_, [&](const Playing& p) { return p.call.ticket_id == ticket_id; });
  // The citizen reached the counter while being called: finish the sentence, but no repeat.
  if (current_ && current_->call.ticket_id == ticket_id) current_withdrawn_ = true;
}

std::optional<Playing> AnnouncementQueue::start(Instant) {
  if (current_) return current_;
  if (pending_.empty()) return std::nullopt;
  current_ = pending_.front();
  current_withdrawn_ = false;
  pending_.pop_front();
  return current_;
}

void AnnouncementQueue::finish(Instant) {
  if (!current_) return;
  if (current_->repetition < settings_.repetitions && !current_withdrawn_) {
    Playing next{current_->call, current_->repetition + 1, false};
    const bool counter_moved_on = std::any_of(pending_.begin(), pending_.end(), [&](const Playing& p) {
      return p.call.counter == next.call.counter;
    });
    if (counter_moved_on) {
      // Its counter has called again (or recalled this ticket): only that newer call waits.
      current_.reset();
      return;
    }
    if (pending_.empty()) {
      current_ = next;  // nobody else waits: the repetition follows at once
      return;
    }
    // Others wait: each of them is heard once before this one is repeated. Said back to
    // back, six counters calling within seconds kept the last citizen waiting a minute
    // for the first hearing (two ~6 s repetitions per call), long enough for an officer
    // to mark them absent. A deferred repetition is dropped, like any pending entry, once
    // the citizen reaches the counter (withdraw_ticket).
    pending_.push_back(next);
  }
  current_.reset();
}

}  // namespace motcua::speech
