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
    const bool pending_same_ticket = std::any_of(pending_.begin(), pending_.end(), [&](const Call& c) {
      return c.ticket_id == call.ticket_id && c.counter == call.counter;
    });
    if (pending_same_ticket) return Admission::merged;
  }

  // A counter that called again has moved on: its older pending call would send a citizen
  // to a counter that no longer expects them, so only the newest call per counter waits.
  const auto before = pending_.size();
  std::erase_if(pending_, [&](const Call& c) { return c.counter == call.counter; });
  const bool replaced = pending_.size() != before;
  pending_.push_back(call);
  return replaced ? Admission::replaced : Admission::queued;
}

void AnnouncementQueue::withdraw_ticket(std::int64_t ticket_id) {
  std::erase_if(pending_, [&](const Call& c) { return c.ticket_id == ticket_id; });
}

std::optional<Playing> AnnouncementQueue::start(Instant) {
  if (current_) return current_;
  if (pending_.empty()) return std::nullopt;
  current_ = Playing{pending_.front(), 1, true};
  pending_.pop_front();
  return current_;
}

void AnnouncementQueue::finish(Instant) {
  if (!current_) return;
  if (current_->repetition < settings_.repetitions) {
    // The repetition belongs to the playing announcement: nothing newer may slip in between.
    ++current_->repetition;
    current_->chime = false;
    return;
  }
  current_.reset();
}

}  // namespace motcua::speech
