// The order of announcements: one at a time, each repeated, bursts collapsed per counter.
// In a burst every call is heard once before any is repeated (see finish()).
// Pure state machine, time passed in; owned and driven by one thread (the display's frame loop).
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "domain/time.hpp"

namespace motcua::speech {

struct Call {
  std::int64_t seq = 0;        // the event's seq; replays with seq <= the last accepted are ignored
  std::int64_t ticket_id = 0;
  std::string number;          // as displayed, e.g. "1023" or "A023"
  int counter = 0;
  bool recall = false;
  Instant at{};                // when ticketd made the call
};

struct QueueSettings {
  int repetitions = 2;                   // each announcement is spoken this many times
  Millis stale_after{60'000};            // calls older than this are shown but never announced
};

// What offer() did with a call, so the shell can log it and tests can assert it.
enum class Admission {
  queued,          // appended to the queue
  replaced,        // appended, and an older pending call of the same counter was dropped
  merged,          // a recall of a ticket whose call is still pending: that one entry suffices
  stale,           // older than stale_after: too late to announce
  duplicate,       // seq already seen (a replay after reconnect)
};

struct Playing {
  Call call;
  int repetition = 1;  // 1..repetitions
  bool chime = true;   // the chime goes before the first repetition only
};

class AnnouncementQueue {
 public:
  explicit AnnouncementQueue(QueueSettings settings = {});

  Admission offer(const Call& call, Instant now);

  // The ticket was started, closed, marked absent or moved before its call was spoken:
  // drop its pending entries. The one playing is never cut off, but is not repeated.
  void withdraw_ticket(std::int64_t ticket_id);

  // When nothing plays, starts the next repetition or the next call. Returns what plays now
  // (also when it was already playing), or nothing when idle.
  std::optional<Playing> start(Instant now);
  // The current repetition finished playing. Its next repetition follows at once when
  // nothing else waits; otherwise it goes behind the waiting calls.
  void finish(Instant now);

  bool playing() const { return current_.has_value(); }
  const std::optional<Playing>& current() const { return current_; }
  // Waiting repetitions in the order they will play (first hearings and deferred repeats).
  const std::deque<Playing>& pending() const { return pending_; }
  std::int64_t last_seq() const { return last_seq_; }

 private:
  QueueSettings settings_;
  std::deque<Playing> pending_;
  std::optional<Playing> current_;
  bool current_withdrawn_ = false;  // its ticket was withdrawn while it played: no more repetitions
  std::int64_t last_seq_ = 0;
};

}  // namespace motcua::speech
