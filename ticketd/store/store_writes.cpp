// The write path: a batch of decided commands becomes one transaction. Rows of the
// hot tables (events, new tickets) go in as multi-row INSERTs: per statement SQLite
// opens cursors, halts and resets, which cost as much as the row itself.
#include <fcntl.h>

#include <algorithm>
#include <array>
#include <span>

#include "store/store.hpp"

namespace motcua::store {
namespace {

std::optional<std::int64_t> opt_ms(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return to_unix_ms(*t);
}

// Statements of 16, 4 and 1 rows cover any count in few steps with three cached plans.
constexpr std::array<std::size_t, 3> kRowsPerStatement{16, 4, 1};

// "INSERT INTO table(columns) VALUES(?,…),(?,…)…" for `rows` rows.
std::string multi_row_insert(std::string_view head, int columns, std::size_t rows) {
  std::string row = "(";
  for (int c = 0; c < columns; ++c) row += c ? ",?" : "?";
  row += ")";
  std::string sql(head);
  sql += " VALUES";
  for (std::size_t r = 0; r < rows; ++r) sql += (r ? "," : "") + row;
  return sql;
}

constexpr int kEventColumns = 7;
constexpr int kTicketColumnCount = 24;

// The INSERT of one table for each size in kRowsPerStatement.
class MultiRowInserts {
 public:
  MultiRowInserts(std::string_view head, int columns) {
    for (std::size_t i = 0; i < sql_.size(); ++i) sql_[i] = multi_row_insert(head, columns, kRowsPerStatement[i]);
  }
  const std::string& for_rows(std::size_t rows) const {
    for (std::size_t i = 0; i < kRowsPerStatement.size(); ++i)
      if (kRowsPerStatement[i] == rows) return sql_[i];
    return sql_.back();
  }

 private:
  std::array<std::string, kRowsPerStatement.size()> sql_;
};

const std::string& events_insert_sql(std::size_t rows) {
  static const MultiRowInserts sql("INSERT INTO events(seq, at, type, ticket_id, counter, officer, payload)",
                                   kEventColumns);
  return sql.for_rows(rows);
}

const std::string& tickets_insert_sql(std::size_t rows) {
  static const MultiRowInserts sql(std::string("INSERT INTO tickets(") + kTicketColumns + ")", kTicketColumnCount);
  return sql.for_rows(rows);
}

// An existing ticket changes by an upsert on the id only: "INSERT OR REPLACE" would
// silently delete another row that clashes on the per-day number index, defeating the
// guarantee that index gives.
const std::string& ticket_upsert_sql() {
  static const std::string sql = [] {
    std::string update;
    std::string cols = kTicketColumns;
    std::size_t start = 0;
    while (start < cols.size()) {
      std::size_t comma = cols.find(',', start);
      std::string col = cols.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      col.erase(0, col.find_first_not_of(' '));
      if (col != "id") update += (update.empty() ? "" : ", ") + col + "=excluded." + col;
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return multi_row_insert(std::string("INSERT INTO tickets(") + kTicketColumns + ")", kTicketColumnCount, 1) +
           " ON CONFLICT(id) DO UPDATE SET " + update;
  }();
  return sql;
}

// The largest statement size that fits in `remaining` rows.
std::size_t rows_for(std::size_t remaining) {
  for (std::size_t rows : kRowsPerStatement)
    if (rows <= remaining) return rows;
  return 1;
}

// Binds one event as row `row` of a multi-row statement. The payload text must outlive
// the statement's run.
void bind_event(Statement& st, std::size_t row, const Event& e, const std::string& payload) {
  const int base = static_cast<int>(row) * kEventColumns;
  st.bind(base + 1, e.seq)
      .bind(base + 2, to_unix_ms(e.at))
      .bind_unowned(base + 3, to_string(e.type))
      .bind(base + 4, e.ticket_id)
      .bind(base + 5, e.counter)
      .bind_unowned(base + 6, e.officer)
      .bind_unowned(base + 7, payload);
}

// Binds one ticket as row `row`; the ticket's text is bound without copies.
void bind_ticket(Statement& st, std::size_t row, const Ticket& t) {
  const int b = static_cast<int>(row) * kTicketColumnCount;
  st.bind(b + 1, t.id)
      .bind(b + 2, t.service_day)
      .bind_unowned(b + 3, t.issued_service)
      .bind(b + 4, t.number)
      .bind_unowned(b + 5, t.service)
      .bind_unowned(b + 6, t.display)
      .bind(b + 7, t.priority ? 1 : 0)
      .bind_unowned(b + 8, t.priority_group)
      .bind_unowned(b + 9, to_string(t.state))
      .bind(b + 10, to_unix_ms(t.issued_at))
      .bind(b + 11, to_unix_ms(t.queue_at))
      .bind(b + 12, opt_ms(t.called_at))
      .bind(b + 13, opt_ms(t.started_at))
      .bind(b + 14, opt_ms(t.ended_at))
      .bind(b + 15, t.counter)
      .bind_unowned(b + 16, t.officer)
      .bind(b + 17, t.recalls)
      .bind(b + 18, t.transfers)
      .bind(b + 19, t.target_counter)
      .bind_unowned(b + 20, t.public_code);
  if (t.idempotency_key.empty()) st.bind_null(b + 21); else st.bind_unowned(b + 21, t.idempotency_key);
  if (t.identity.empty()) st.bind_null(b + 22); else st.bind_unowned(b + 22, t.identity);
  st.bind(b + 23, t.rating).bind_unowned(b + 24, t.rating_reason);
}

}  // namespace

Status Store::write_events(std::span<const Event> events) {
  std::array<std::string, kRowsPerStatement.front()> payloads;
  while (!events.empty()) {
    const std::size_t rows = rows_for(events.size());
    auto s = db_->prepare_to_bind_all(events_insert_sql(rows));
    if (!s.is_ok()) return s.status();
    for (std::size_t r = 0; r < rows; ++r) {
      payloads[r] = event_payload_json(events[r]);
      bind_event(*s.value(), r, events[r], payloads[r]);
    }
    if (Status st = s.value()->run(); !st.is_ok()) return st;
    events = events.subspan(rows);
  }
  return Status::ok();
}

Status Store::insert_tickets(std::span<const Ticket* const> tickets) {
  // A new row: a plain insert, which a clash on the id or on the per-day number refuses.
  while (!tickets.empty()) {
    const std::size_t rows = rows_for(tickets.size());
    auto s = db_->prepare_to_bind_all(tickets_insert_sql(rows));
    if (!s.is_ok()) return s.status();
    for (std::size_t r = 0; r < rows; ++r) bind_ticket(*s.value(), r, *tickets[r]);
    if (Status st = s.value()->run(); !st.is_ok()) return st;
    tickets = tickets.subspan(rows);
  }
  return Status::ok();
}

Status Store::upsert_ticket(const Ticket& t) {
  auto s = db_->prepare_to_bind_all(ticket_upsert_sql());
  if (!s.is_ok()) return s.status();
  bind_ticket(*s.value(), 0, t);
  return s.value()->run();
}

Status Store::write_counter(const CounterStatus& c, int service_day) {
  auto s = db_->prepare(
      "INSERT OR REPLACE INTO counters(number, service_day, state, officer, ticket_id, pause_reason, since, "
      "normals_since_priority, served_today, last_closed_ticket) VALUES(?,?,?,?,?,?,?,?,?,?)");
  if (!s.is_ok()) return s.status();
  return s.value()
      ->bind(1, c.number)
      .bind(2, service_day)
      .bind(3, to_string(c.state))
      .bind(4, c.officer)
      .bind(5, c.ticket_id)
      .bind(6, c.pause_reason)
      .bind(7, to_unix_ms(c.since))
      .bind(8, c.normals_since_priority)
      .bind(9, c.served_today)
      .bind(10, c.last_closed_ticket)
      .run();
}

Status Store::write_vote(const Event& e) {
  auto s = db_->prepare("INSERT INTO votes(ticket_id, counter, officer, rating, reason, at) VALUES(?,?,?,?,?,?)");
  if (!s.is_ok()) return s.status();
  return s.value()
      ->bind(1, e.ticket_id)
      .bind(2, e.counter)
      .bind(3, e.officer)
      .bind(4, e.rating)
      .bind(5, e.reason)
      .bind(6, to_unix_ms(e.at))
      .run();
}

Status Store::write_session(const SessionWrite& w) {
  if (w.kind == SessionWrite::Kind::erase) {
    auto s = db_->prepare("DELETE FROM sessions WHERE token_hash=?");
    if (!s.is_ok()) return s.status();
    return s.value()->bind(1, w.record.token_hash).run();
  }
  auto s = db_->prepare(
      "INSERT OR REPLACE INTO sessions(token_hash, username, counter, created_at, expires_at) VALUES(?,?,?,?,?)");
  if (!s.is_ok()) return s.status();
  return s.value()
      ->bind(1, w.record.token_hash)
      .bind(2, w.record.username)
      .bind(3, w.record.counter)
      .bind(4, to_unix_ms(w.record.created_at))
      .bind(5, to_unix_ms(w.record.expires_at))
      .run();
}

void Batch::add(std::vector<Event>&& command_events, const OfficeState& after) {
  auto copy_ticket = [&](std::int64_t id) {
    const Ticket* t = after.find_ticket(id);
    if (!t) {
      expired_tickets.push_back(id);
      return;
    }
    // Kept sorted by id; a new ticket has the highest id, so this is mostly an append.
    if (tickets.empty() || tickets.back().id < id) return tickets.push_back(*t);
    auto it = std::lower_bound(tickets.begin(), tickets.end(), id,
                               [](const Ticket& a, std::int64_t b) { return a.id < b; });
    if (it != tickets.end() && it->id == id) {
      *it = *t;
    } else {
      tickets.insert(it, *t);
    }
  };
  auto copy_counter = [&](int number) {
    const CounterStatus* c = after.find_counter(number);
    if (!c) return;
    for (auto& existing : counters)
      if (existing.number == number) {
        existing = *c;
        return;
      }
    counters.push_back(*c);
  };
  std::int64_t last_ticket = 0;
  int last_counter = 0;
  bool day_started = false;
  for (const auto& e : command_events) {
    // Consecutive events of one command mostly touch the same row: copy it once.
    if (e.ticket_id != 0 && e.ticket_id != last_ticket) copy_ticket(last_ticket = e.ticket_id);
    if (e.counter != 0 && e.counter != last_counter) copy_counter(last_counter = e.counter);
    if (e.type == EventType::day_started) day_started = true;
    if (e.type == EventType::ticket_issued) issued_tickets.push_back(e.ticket_id);
  }
  if (day_started) {
    day_changed = true;
    for (const auto& [n, c] : after.counters) copy_counter(n);
  }
  service_day = after.service_day;
  if (events.capacity() == 0) {
    events = std::move(command_events);
  } else {
    events.insert(events.end(), std::make_move_iterator(command_events.begin()),
                  std::make_move_iterator(command_events.end()));
  }
}

void Batch::clear() {
  events.clear();
  tickets.clear();
  issued_tickets.clear();
  expired_tickets.clear();
  counters.clear();
  sessions.clear();
  service_day = 0;
  day_changed = false;
}

Batch Batch::from(std::vector<Event> events, const OfficeState& after, std::vector<SessionWrite> sessions) {
  Batch b;
  b.add(std::move(events), after);
  b.sessions = std::move(sessions);
  return b;
}

namespace {
constexpr const char* kLockBusy = "store_lock_busy";
}

bool Store::lock_busy(const Status& status) { return !status.is_ok() && status.error() == kLockBusy; }

Status Store::write_batch(const Batch& batch, LockWait wait) {
  if (wait == LockWait::not_at_all) sqlite3_busy_timeout(db_->handle(), 0);
  Transaction tx(*db_);
  if (wait == LockWait::not_at_all) {
    sqlite3_busy_timeout(db_->handle(), busy_timeout_ms_);
    // BEGIN IMMEDIATE takes the write lock or fails, so nothing is written yet.
    if (!tx.begin_status().is_ok() && (sqlite3_extended_errcode(db_->handle()) & 0xff) == SQLITE_BUSY)
      return Status::unavailable(kLockBusy, "another connection holds the write lock");
  }
  if (!tx.begin_status().is_ok()) return tx.begin_status();
  if (Status s = write_events(batch.events); !s.is_ok()) return s;
  for (const auto& e : batch.events)
    if (e.type == EventType::vote_recorded)
      if (Status s = write_vote(e); !s.is_ok()) return s;
  if (batch.day_changed) {
    auto s = db_->prepare("INSERT OR REPLACE INTO office(key, value) VALUES('service_day', ?)");
    if (!s.is_ok()) return s.status();
    if (Status st = s.value()->bind(1, std::to_string(batch.service_day)).run(); !st.is_ok()) return st;
  }
  // Both lists are in id order (ids only grow): walk them together. New tickets are
  // inserted together, after the changed ones.
  std::vector<const Ticket*>& issued_rows = issued_rows_scratch_;
  issued_rows.clear();
  auto issued = batch.issued_tickets.begin();
  for (const auto& t : batch.tickets) {
    while (issued != batch.issued_tickets.end() && *issued < t.id) ++issued;
    if (issued != batch.issued_tickets.end() && *issued == t.id) {
      issued_rows.push_back(&t);
    } else if (Status s = upsert_ticket(t); !s.is_ok()) {
      return s;
    }
  }
  if (Status s = insert_tickets(issued_rows); !s.is_ok()) return s;
  if (!batch.expired_tickets.empty()) {
    auto s = db_->prepare(
        "UPDATE tickets SET state='cancelled', ended_at=COALESCE(ended_at, ?) WHERE id=? AND state NOT IN "
        "('done','no_show','cancelled')");
    if (!s.is_ok()) return s.status();
    const std::int64_t at = batch.events.empty() ? 0 : to_unix_ms(batch.events.back().at);
    for (auto id : batch.expired_tickets)
      if (Status st = s.value()->bind(1, at).bind(2, id).run(); !st.is_ok()) return st;
  }
  for (const auto& c : batch.counters)
    if (Status s = write_counter(c, batch.service_day); !s.is_ok()) return s;
  for (const auto& w : batch.sessions)
    if (Status s = write_session(w); !s.is_ok()) return s;
  Status committed = tx.commit();
  if (committed.is_ok()) start_wal_writeback();
  return committed;
}

void Store::start_wal_writeback() {
  if (wal_fd_ < 0) return;
  // The sync that makes this batch durable starts on another thread, once the one under
  // way ends (several I/O threads) or once that thread wakes up (one I/O thread, which
  // writes nothing while a sync is under way). Until then the pages would sit dirty, and
  // that sync would first write them and then flush the disk's cache; started now, the
  // writing overlaps the wait and the sync is mostly the flush (commit to durable 1.12 ->
  // 0.90 ms under load; on one I/O thread, without it -5 % req/s, session 14).
  // It adds nothing to durability: a failure shows up in the sync.
  ::sync_file_range(wal_fd_, 0, 0, SYNC_FILE_RANGE_WRITE);
}

}  // namespace motcua::store
