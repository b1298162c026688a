// The durable store: an append-only event log plus current-state tables, in one
// SQLite file. Not thread-safe: one thread at a time (the office serialises access).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/events.hpp"
#include "domain/office_state.hpp"
#include "domain/status.hpp"
#include "stats/report_aggregator.hpp"
#include "store/checkpointer.hpp"
#include "store/sqlite.hpp"

namespace motcua::store {

struct StoreOptions {
  // FULL makes every acknowledged change survive power loss; NORMAL only a process crash.
  std::string synchronous = "FULL";
  // How long a write waits for another process's lock before it fails.
  int busy_timeout_ms = 5000;
  // Checkpoint the WAL on a thread of its own (files only), not inside a commit.
  bool background_checkpoints = true;
  // WAL frames that start a background checkpoint (tests make it small).
  int checkpoint_threshold_pages = Checkpointer::kDefaultThresholdPages;
  // With FULL on a file: a commit leaves the sync of the WAL to sync_wal(), called from
  // a thread of its own (WalSyncer), so the next transaction is written while the last
  // one is synced. Nothing committed may be acknowledged before a sync_wal() that
  // started after its commit returned.
  bool sync_wal_separately = false;
};

struct SessionRecord {
  std::string token_hash;
  std::string username;
  int counter = 0;
  Instant created_at{};
  Instant expires_at{};
};

struct RecentCall {
  std::int64_t seq = 0;
  std::int64_t ticket_id = 0;
  int counter = 0;
  Instant at{};
  bool recall = false;
};

// What start-up needs to rebuild the office.
struct LoadedState {
  std::int64_t last_seq = 0;
  std::int64_t next_ticket_id = 1;
  int service_day = 0;                 // the day the stored state belongs to (0 = empty store)
  std::vector<Ticket> tickets;         // tickets of that day
  std::vector<CounterStatus> counters;
  std::vector<SessionRecord> sessions; // unexpired
  std::vector<RecentCall> recent_calls;// newest first
};

// Writes besides the events, committed in the same transaction.
struct SessionWrite {
  enum class Kind { insert, erase } kind = Kind::insert;
  SessionRecord record;
};

// One group commit, self-contained so it can be written on another thread while the
// office goes on deciding: the events plus copies of the rows they touched.
struct Batch {
  std::vector<Event> events;
  std::vector<Ticket> tickets;                 // rows as they are after the events, by id
  std::vector<std::int64_t> issued_tickets;    // ids of the rows issued in this batch: inserted, not upserted
  std::vector<std::int64_t> expired_tickets;   // gone from memory at the day's end: finished in place
  std::vector<CounterStatus> counters;
  int service_day = 0;                         // the office's day after the events
  bool day_changed = false;
  std::vector<SessionWrite> sessions;

  bool empty() const { return events.empty() && sessions.empty(); }
  // Empties the batch but keeps what its vectors allocated, for the next one.
  void clear();
  // Adds the events of one command and copies out of `after` (the state once they are
  // applied) the rows they touched, replacing older copies of the same rows. A row gone
  // from memory (the day ended) is finished in place, after its last copy is written.
  void add(std::vector<Event>&& command_events, const OfficeState& after);
  // The events of several commands at once, as add() does.
  static Batch from(std::vector<Event> events, const OfficeState& after, std::vector<SessionWrite> sessions);
};

class Store {
 public:
  static constexpr int kSchemaVersion = 2;

  // Opens the file (or ":memory:"), applies pending migrations, and refuses a file
  // written by a newer schema.
  static Result<std::unique_ptr<Store>> open(const std::string& path, const StoreOptions& options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  Result<LoadedState> load(Instant now, int recent_calls = 10);

  // One transaction: the events, the ticket and counter rows they touched, votes and
  // session changes. All or nothing. When commits leave the sync to sync_wal(), the
  // WAL's new pages are already on their way to the disk when it returns.
  //
  // `wait`: whether to wait (up to the busy timeout) when another connection holds the
  // write lock, or to give up at once. Given up, nothing is written and the status
  // satisfies lock_busy().
  enum class LockWait { up_to_busy_timeout, not_at_all };
  Status write_batch(const Batch& batch, LockWait wait = LockWait::up_to_busy_timeout);
  static bool lock_busy(const Status& status);
  Status write_batch(const std::vector<Event>& events, const OfficeState& after,
                     const std::vector<SessionWrite>& sessions) {
    return write_batch(Batch::from(events, after, sessions));
  }

  // A ticket of any day, for reads of history. nullopt when unknown.
  std::optional<Ticket> find_ticket(std::int64_t id);
  // By the id in the code, or for a code from before schema v2 by the code itself. The
  // caller still checks that the code matches (the id part alone finds any ticket).
  std::optional<Ticket> find_ticket_by_code(const std::string& code);

  // Streams events with seq in (after_seq, ...] whose time is in [from, to), in seq
  // order, without holding them all; stop by returning false.
  Status for_each_event(Instant from, Instant to, const std::function<bool(const Event&)>& fn);

  // The report scans of event_scan.hpp on this store's connection (/api/today, and
  // /api/reports on a ":memory:" store; file stores are read by ReportRunner's own
  // connections). Events as stats::EventViews, valid during the call only.
  Status for_each_event_view(Instant from, Instant to, const std::function<bool(const stats::EventView&)>& fn);
  // Tickets of service days [from_day, to_day] in id order, for per-ticket exports;
  // `identity` is filled only when `with_identity` (an admin asked for personal data).
  Status for_each_ticket(int from_day, int to_day, bool with_identity, const std::function<bool(const Ticket&)>& fn);
  // A leader's look-up (/api/tickets/lookup): the tickets of `service_day` numbered
  // `number` (one per service at most), in id order, without personal data; and the
  // events of one ticket whose time is in [from, to), in seq order.
  Status for_each_ticket_numbered(int service_day, int number, const std::function<bool(const Ticket&)>& fn);
  Status for_each_event_of_ticket(std::int64_t ticket_id, Instant from, Instant to,
                                  const std::function<bool(const Event&)>& fn);

  // Removes personal data of tickets issued before `before` (retention); durable on return.
  Result<std::int64_t> purge_identity(Instant before);

  Status integrity_check(std::string& result);
  // When commits leave the WAL's sync to sync_wal(), the WAL is zero-filled to this length
  // at open: more than it reaches before the checkpointer has it start over.
  static constexpr std::int64_t kPreallocatedWalBytes = 16 << 20;
  static_assert(kPreallocatedWalBytes >
                (Checkpointer::kFinishFactor + 0.5) * Checkpointer::kDefaultThresholdPages * (4096 + 24));
  // Whether commits leave the WAL's sync to sync_wal() (StoreOptions::sync_wal_separately).
  bool commits_need_wal_sync() const { return wal_fd_ >= 0; }
  // Makes everything committed so far durable. Safe from any thread, also while the
  // owner writes (it syncs a descriptor of its own on the WAL file).
  Status sync_wal() const;
  // Copies into the database file what the last background checkpoint left in the WAL
  // (a few frames committed while it ran), when it left any. Call between commits, after
  // their replies are on their way: it costs a sync of the database file.
  void finish_background_checkpoint();
  // WAL checkpoints the background thread has finished (0 without one).
  std::uint64_t background_checkpoints_done() const {
    return checkpointer_ ? checkpointer_->checkpoints_done() : 0;
  }
  Database& database() { return *db_; }

 private:
  explicit Store(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  Status open_wal_for_syncing();
  Status preallocate_wal();
  void start_wal_writeback();
  Status migrate();
  Status write_events(std::span<const Event> events);
  Status insert_tickets(std::span<const Ticket* const> tickets);
  Status upsert_ticket(const Ticket& t);
  Status write_counter(const CounterStatus& c, int service_day);
  Status write_vote(const Event& e);
  Status write_session(const SessionWrite& w);

  std::unique_ptr<Database> db_;
  bool mmap_set_ = false;  // for_each_event_view maps the file once
  std::unique_ptr<Checkpointer> checkpointer_;  // declared after db_: stops before it closes
  std::vector<const Ticket*> issued_rows_scratch_;  // write_batch's, kept for its capacity
  int wal_fd_ = -1;  // open while commits leave the WAL's sync to sync_wal()
  int busy_timeout_ms_ = 5000;
};

// The columns of a ticket row, in the order read_ticket() expects, and the reader itself.
extern const char* const kTicketColumns;
Ticket read_ticket(const Statement& row);
// An events row read as "seq, at, type, ticket_id, counter, officer, payload".
Event read_event(const Statement& row);

// The JSON payload stored with an event: its type-specific fields, never personal data.
std::string event_payload_json(const Event& e);
// The inverse, filling the payload fields of `e`.
void read_event_payload(std::string_view json, Event& e);

}  // namespace motcua::store
