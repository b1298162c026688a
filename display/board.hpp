// Board: what the hall display shows, folded from ticketd's WebSocket snapshot and events.
// Pure (Boost.JSON values in, no SDL, no clock: `now` is passed in); one owner thread.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "domain/time.hpp"
#include "speech/announcement_queue.hpp"

namespace motcua::display {

struct TicketView {
  std::int64_t id = 0;
  std::string number;
  std::string service;
  std::string service_name;
  std::string state;
};

struct CounterRow {
  int number = 0;
  std::string name;                  // "Quầy 3"
  std::string state;                 // closed, idle, calling, serving, paused
  std::string pause_reason;          // the officer's words when paused ("Nghỉ trưa"), else empty
  std::vector<std::string> services;
  std::optional<TicketView> ticket;  // the called or served ticket
  std::optional<Instant> called_seen_at;  // local time a fresh call/recall reached us (for blinking)
};

struct ServiceRow {
  std::string code;
  std::string name;
  int waiting = 0;
  std::string status;  // open, outside_hours, full
};

struct RecentCall {
  std::int64_t seq = 0;
  std::int64_t ticket_id = 0;
  std::string number;
  std::string service;
  std::string service_name;
  int counter = 0;
  Instant at{};
  bool recall = false;
};

// Which counters and services one board covers (floor 1, floor 2); empty sets allow all.
struct BoardFilter {
  std::set<int> counters;
  std::set<std::string> services;
  bool allows_counter(const CounterRow& row) const;
  bool allows_call(int counter, const std::string& service) const;
  bool allows_service(const std::string& code) const;
};

struct BoardSettings {
  BoardFilter filter;
  std::size_t max_recent = 8;
  Millis blink_for{6000};      // the newest call blinks this long after it arrives
  Millis fresh_window{60000};  // calls older than this (server time) neither blink nor speak
};

// What folding one message asks of the shell.
struct BoardEffects {
  std::vector<speech::Call> announce;    // in order; the queue still judges staleness
  std::vector<std::int64_t> withdraw;    // tickets whose pending calls are moot
  bool changed = false;
  bool gap = false;                      // a seq was skipped: the stream should resync
};

class Board {
 public:
  explicit Board(BoardSettings settings = {});

  // One message of GET /ws ({"type":"snapshot"|"event", …}); `now` is the local clock.
  BoardEffects apply_message(const boost::json::object& message, Instant now);
  void set_connected(bool connected);
  void set_office_name(std::string name);

  // Local clock to ticketd's clock, from the last snapshot's "now" (0 offset before one).
  Instant server_time(Instant local) const { return local + clock_offset_; }

  const std::string& office_name() const { return office_name_; }
  bool connected() const { return connected_; }
  bool synced() const { return seq_ > 0; }
  std::int64_t seq() const { return seq_; }
  // Bumps on every visible change, so the renderer redraws only then.
  std::uint64_t version() const { return version_; }

  std::vector<CounterRow> visible_counters() const;
  std::vector<ServiceRow> visible_services() const;
  const std::deque<RecentCall>& recent_calls() const { return recent_; }  // newest first, filtered
  // The newest call, and whether it still blinks at `now`.
  std::optional<RecentCall> newest_call() const;
  bool newest_blinking(Instant now) const;
  // The ticket whose call the speaker is saying now, or none when it is silent. In a burst
  // the voice is behind the newest call; the large box follows the voice so that what the
  // hall hears and what it reads agree.
  void set_announcing(std::optional<std::int64_t> ticket_id, Instant now);
  // The call for the large box: the one being said while it is still in effect, else the
  // newest. It blinks when it arrives, and again each time the voice starts saying it.
  std::optional<RecentCall> featured_call() const;
  bool featured_blinking(Instant now) const;
  bool counter_blinking(const CounterRow& row, Instant now) const;
  // When the blinking ends (so the shell knows when to stop animating), if it blinks now.
  std::optional<Instant> blink_ends(Instant now) const;

 private:
  void apply_snapshot(const boost::json::object& message, Instant now, BoardEffects& fx);
  void apply_event(const boost::json::object& message, Instant now, BoardEffects& fx);
  void upsert_counter(const boost::json::value& status, std::optional<Instant> called_seen_at);
  void replace_services(const boost::json::value& services);
  void add_recent(const RecentCall& call, Instant now, bool fresh);
  void forget_calls_of(std::int64_t ticket_id);
  const RecentCall* announcing_call() const;  // in recent_, or null

  BoardSettings settings_;
  std::string office_name_;
  bool connected_ = false;
  std::int64_t seq_ = 0;
  std::uint64_t version_ = 1;
  Millis clock_offset_{0};
  std::vector<CounterRow> counters_;  // sorted by number
  std::vector<ServiceRow> services_;
  std::deque<RecentCall> recent_;
  std::optional<Instant> newest_seen_at_;
  std::optional<std::int64_t> announcing_ticket_;
  std::optional<Instant> announcing_seen_at_;  // local time the voice started saying it
};

}  // namespace motcua::display
