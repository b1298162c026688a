#include "store/store.hpp"

#include "json_writer.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>

namespace motcua::store {
namespace {

namespace json = boost::json;

// Each migration runs in its own transaction and records user_version. Append only:
// a shipped migration is never edited.
constexpr std::array<const char*, 2> kMigrations{
    R"sql(
CREATE TABLE events(
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  ticket_id INTEGER NOT NULL,
  counter INTEGER NOT NULL,
  officer TEXT NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX events_at ON events(at);
CREATE TABLE tickets(
  id INTEGER PRIMARY KEY,
  service_day INTEGER NOT NULL,
  issued_service TEXT NOT NULL,
  number INTEGER NOT NULL,
  service TEXT NOT NULL,
  display TEXT NOT NULL,
  priority INTEGER NOT NULL,
  priority_group TEXT NOT NULL,
  state TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  queue_at INTEGER NOT NULL,
  called_at INTEGER,
  started_at INTEGER,
  ended_at INTEGER,
  counter INTEGER NOT NULL,
  officer TEXT NOT NULL,
  recalls INTEGER NOT NULL,
  transfers INTEGER NOT NULL,
  target_counter INTEGER NOT NULL,
  public_code TEXT NOT NULL,
  idempotency_key TEXT,
  identity TEXT,
  rating INTEGER NOT NULL,
  rating_reason TEXT NOT NULL
);
-- The guarantee that a number never repeats within a service day, kept by the database.
CREATE UNIQUE INDEX tickets_number_per_day ON tickets(service_day, issued_service, number);
CREATE UNIQUE INDEX tickets_idempotency ON tickets(service_day, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX tickets_code ON tickets(public_code);
CREATE TABLE counters(
  number INTEGER PRIMARY KEY,
  service_day INTEGER NOT NULL,
  state TEXT NOT NULL,
  officer TEXT NOT NULL,
  ticket_id INTEGER NOT NULL,
  pause_reason TEXT NOT NULL,
  since INTEGER NOT NULL,
  normals_since_priority INTEGER NOT NULL,
  served_today INTEGER NOT NULL,
  last_closed_ticket INTEGER NOT NULL
);
CREATE TABLE votes(
  ticket_id INTEGER PRIMARY KEY,
  counter INTEGER NOT NULL,
  officer TEXT NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
  reason TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE TABLE sessions(
  token_hash TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  counter INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE office(key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql",
    // v2: codes are "<id>.<secret>" and are found through the id. A unique index on
    // random codes dirtied a random page per issued ticket; only codes from before this
    // version (no '.') still need one.
    R"sql(
DROP INDEX tickets_code;
CREATE INDEX tickets_legacy_code ON tickets(public_code) WHERE instr(public_code, '.') = 0;
)sql",
};

std::optional<Instant> opt_instant(const Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return from_unix_ms(s.int64(col));
}

std::optional<std::int64_t> opt_ms(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return to_unix_ms(*t);
}

}  // namespace

const char* const kTicketColumns =
    "id, service_day, issued_service, number, service, display, priority, priority_group, state, issued_at, "
    "queue_at, called_at, started_at, ended_at, counter, officer, recalls, transfers, target_counter, "
    "public_code, idempotency_key, identity, rating, rating_reason";

Ticket read_ticket(const Statement& s) {
  Ticket t;
  t.id = s.int64(0);
  t.service_day = s.int32(1);
  t.issued_service = s.text(2);
  t.number = s.int32(3);
  t.service = s.text(4);
  t.display = s.text(5);
  t.priority = s.int32(6) != 0;
  t.priority_group = s.text(7);
  parse_ticket_state(s.text_view(8), t.state);
  t.issued_at = from_unix_ms(s.int64(9));
  t.queue_at = from_unix_ms(s.int64(10));
  t.called_at = opt_instant(s, 11);
  t.started_at = opt_instant(s, 12);
  t.ended_at = opt_instant(s, 13);
  t.counter = s.int32(14);
  t.officer = s.text(15);
  t.recalls = s.int32(16);
  t.transfers = s.int32(17);
  t.target_counter = s.int32(18);
  t.public_code = s.text(19);
  t.idempotency_key = s.text(20);
  t.identity = s.text(21);
  t.rating = s.int32(22);
  t.rating_reason = s.text(23);
  return t;
}


std::string event_payload_json(const Event& e) {
  // Written straight to text: this runs for every event, inside the commit.
  return json_text(
      [&](TextFields& o) {
        switch (e.type) {
          case EventType::ticket_issued:
            o.put("service", e.service);
            o.put("number", e.number);
            o.put("display", e.display);
            o.put("priority", e.priority);
            if (!e.priority_group.empty()) o.put("priority_group", e.priority_group);
            o.put("service_day", e.service_day);
            break;
          case EventType::day_started:
            o.put("service_day", e.service_day);
            break;
          case EventType::ticket_transferred:
            if (!e.service.empty()) o.put("service", e.service);
            o.put("to_counter", e.to_counter);
            break;
          case EventType::vote_recorded:
            o.put("rating", e.rating);
            if (!e.reason.empty()) o.put("reason", e.reason);
            break;
          case EventType::counter_paused:
          case EventType::ticket_cancelled:
          case EventType::ticket_called:
            if (!e.reason.empty()) o.put("reason", e.reason);
            break;
          default:
            break;
        }
      },
      128);
}

void read_event_payload(std::string_view text, Event& e) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return;
  const auto& o = v.get_object();
  auto str = [&](const char* k, std::string& out) {
    if (auto* p = o.if_contains(k); p && p->is_string()) out = std::string(p->get_string());
  };
  auto num = [&](const char* k, int& out) {
    if (auto* p = o.if_contains(k); p && p->is_int64()) out = static_cast<int>(p->get_int64());
  };
  str("service", e.service);
  str("display", e.display);
  str("priority_group", e.priority_group);
  str("reason", e.reason);
  num("number", e.number);
  num("to_counter", e.to_counter);
  num("rating", e.rating);
  num("service_day", e.service_day);
  if (auto* p = o.if_contains("priority"); p && p->is_bool()) e.priority = p->get_bool();
}

Result<std::unique_ptr<Store>> Store::open(const std::string& path, const StoreOptions& options) {
  auto db = Database::open(path);
  if (!db.is_ok()) return db.status();
  auto store = std::unique_ptr<Store>(new Store(std::move(db.value())));
  auto& d = *store->db_;
  if (options.synchronous != "FULL" && options.synchronous != "NORMAL" && options.synchronous != "EXTRA")
    return Status::invalid_argument("invalid_config", "synchronous must be FULL, NORMAL or EXTRA");
  for (const std::string& pragma : {std::string("PRAGMA journal_mode=WAL"),
                                   "PRAGMA synchronous=" + options.synchronous, std::string("PRAGMA foreign_keys=ON"),
                                   std::string("PRAGMA cache_size=-8000"),
                                   "PRAGMA busy_timeout=" + std::to_string(options.busy_timeout_ms)}) {
    if (Status s = d.exec(pragma); !s.is_ok()) return s;
  }
  if (Status s = store->migrate(); !s.is_ok()) return s;
  if (options.background_checkpoints && path != ":memory:" && !path.empty()) {
    auto checkpointer = Checkpointer::attach(d, path);
    if (!checkpointer.is_ok()) return checkpointer.status();
    store->checkpointer_ = std::move(checkpointer.value());
  }
  return store;
}

static_assert(kMigrations.size() == Store::kSchemaVersion);

Status Store::migrate() {
  auto stmt = db_->prepare("PRAGMA user_version");
  if (!stmt.is_ok()) return stmt.status();
  int version = 0;
  if (stmt.value()->step()) version = stmt.value()->int32(0);
  stmt.value()->reset();
  if (version > static_cast<int>(kMigrations.size()))
    return Status::unavailable("store_too_new", "Cơ sở dữ liệu do phiên bản ticketd mới hơn tạo (schema " +
                                                    std::to_string(version) + "); hãy nâng cấp ticketd");
  for (int v = version; v < static_cast<int>(kMigrations.size()); ++v) {
    Transaction tx(*db_);
    if (!tx.begin_status().is_ok()) return tx.begin_status();
    if (Status s = db_->exec(kMigrations[v]); !s.is_ok()) return s;
    if (Status s = db_->exec("PRAGMA user_version=" + std::to_string(v + 1)); !s.is_ok()) return s;
    if (Status s = tx.commit(); !s.is_ok()) return s;
  }
  return Status::ok();
}

Result<LoadedState> Store::load(Instant now, int recent_calls) {
  LoadedState out;
  {
    auto s = db_->prepare("SELECT COALESCE(MAX(seq),0) FROM events");
    if (!s.is_ok()) return s.status();
    if (s.value()->step()) out.last_seq = s.value()->int64(0);
    s.value()->reset();
  }
  {
    auto s = db_->prepare("SELECT COALESCE(MAX(id),0), COALESCE(MAX(service_day),0) FROM tickets");
    if (!s.is_ok()) return s.status();
    if (s.value()->step()) {
      out.next_ticket_id = s.value()->int64(0) + 1;
      out.service_day = s.value()->int32(1);
    }
    s.value()->reset();
  }
  {
    auto s = db_->prepare("SELECT value FROM office WHERE key='service_day'");
    if (!s.is_ok()) return s.status();
    if (s.value()->step()) out.service_day = std::max(out.service_day, std::stoi(s.value()->text(0)));
    s.value()->reset();
  }
  if (out.service_day != 0) {
    auto s = db_->prepare(std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE service_day=? ORDER BY id");
    if (!s.is_ok()) return s.status();
    s.value()->bind(1, out.service_day);
    while (s.value()->step()) out.tickets.push_back(read_ticket(*s.value()));
    if (!s.value()->status().is_ok()) return s.value()->status();
    s.value()->reset();
  }
  {
    auto s = db_->prepare(
        "SELECT number, state, officer, ticket_id, pause_reason, since, normals_since_priority, served_today, "
        "last_closed_ticket, service_day FROM counters ORDER BY number");
    if (!s.is_ok()) return s.status();
    while (s.value()->step()) {
      const Statement& r = *s.value();
      CounterStatus c;
      c.number = r.int32(0);
      parse_counter_state(r.text_view(1), c.state);
      c.officer = r.text(2);
      c.ticket_id = r.int64(3);
      c.pause_reason = r.text(4);
      c.since = from_unix_ms(r.int64(5));
      c.normals_since_priority = r.int32(6);
      c.served_today = r.int32(7);
      c.last_closed_ticket = r.int64(8);
      if (r.int32(9) != out.service_day) {
        c.served_today = 0;
        c.ticket_id = 0;
      }
      out.counters.push_back(std::move(c));
    }
    s.value()->reset();
  }
  {
    auto s = db_->prepare(
        "SELECT token_hash, username, counter, created_at, expires_at FROM sessions WHERE expires_at > ?");
    if (!s.is_ok()) return s.status();
    s.value()->bind(1, to_unix_ms(now));
    while (s.value()->step()) {
      const Statement& r = *s.value();
      out.sessions.push_back({r.text(0), r.text(1), r.int32(2), from_unix_ms(r.int64(3)), from_unix_ms(r.int64(4))});
    }
    s.value()->reset();
  }
  {
    auto s = db_->prepare(
        "SELECT seq, ticket_id, counter, at, type FROM events WHERE type IN ('ticket.called','ticket.recalled') "
        "ORDER BY seq DESC LIMIT ?");
    if (!s.is_ok()) return s.status();
    s.value()->bind(1, recent_calls);
    while (s.value()->step()) {
      const Statement& r = *s.value();
      out.recent_calls.push_back(
          {r.int64(0), r.int64(1), r.int32(2), from_unix_ms(r.int64(3)), r.text_view(4) == "ticket.recalled"});
    }
    s.value()->reset();
  }
  return out;
}

Status Store::write_event(const Event& e) {
  auto s = db_->prepare(
      "INSERT INTO events(seq, at, type, ticket_id, counter, officer, payload) VALUES(?,?,?,?,?,?,?)");
  if (!s.is_ok()) return s.status();
  const std::string payload = event_payload_json(e);
  return s.value()
      ->bind(1, e.seq)
      .bind(2, to_unix_ms(e.at))
      .bind_unowned(3, to_string(e.type))
      .bind(4, e.ticket_id)
      .bind(5, e.counter)
      .bind_unowned(6, e.officer)
      .bind_unowned(7, payload)
      .run();
}

Status Store::write_ticket(const Ticket& t, bool issued_in_this_batch) {
  // A ticket issued in this batch is a new row: a plain insert, which a clash on the id
  // or on the per-day number refuses. Others are an upsert on the id only: "INSERT OR
  // REPLACE" would silently delete another row that clashes on the per-day number index,
  // defeating the guarantee that index gives.
  static const std::string insert_sql = std::string("INSERT INTO tickets(") + kTicketColumns +
                                        ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  static const std::string upsert_sql = [] {
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
    return insert_sql + " ON CONFLICT(id) DO UPDATE SET " + update;
  }();
  auto s = db_->prepare(issued_in_this_batch ? insert_sql : upsert_sql);
  if (!s.is_ok()) return s.status();
  // The ticket outlives run(): its text is bound without copies.
  Statement& st = *s.value();
  st.bind(1, t.id)
      .bind(2, t.service_day)
      .bind_unowned(3, t.issued_service)
      .bind(4, t.number)
      .bind_unowned(5, t.service)
      .bind_unowned(6, t.display)
      .bind(7, t.priority ? 1 : 0)
      .bind_unowned(8, t.priority_group)
      .bind_unowned(9, to_string(t.state))
      .bind(10, to_unix_ms(t.issued_at))
      .bind(11, to_unix_ms(t.queue_at))
      .bind(12, opt_ms(t.called_at))
      .bind(13, opt_ms(t.started_at))
      .bind(14, opt_ms(t.ended_at))
      .bind(15, t.counter)
      .bind_unowned(16, t.officer)
      .bind(17, t.recalls)
      .bind(18, t.transfers)
      .bind(19, t.target_counter)
      .bind_unowned(20, t.public_code);
  if (t.idempotency_key.empty()) st.bind_null(21); else st.bind_unowned(21, t.idempotency_key);
  if (t.identity.empty()) st.bind_null(22); else st.bind_unowned(22, t.identity);
  st.bind(23, t.rating).bind_unowned(24, t.rating_reason);
  return st.run();
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

Status Store::write_batch(const Batch& batch) {
  Transaction tx(*db_);
  if (!tx.begin_status().is_ok()) return tx.begin_status();
  for (const auto& e : batch.events) {
    if (Status s = write_event(e); !s.is_ok()) return s;
    if (e.type == EventType::vote_recorded)
      if (Status s = write_vote(e); !s.is_ok()) return s;
  }
  if (batch.day_changed) {
    auto s = db_->prepare("INSERT OR REPLACE INTO office(key, value) VALUES('service_day', ?)");
    if (!s.is_ok()) return s.status();
    if (Status st = s.value()->bind(1, std::to_string(batch.service_day)).run(); !st.is_ok()) return st;
  }
  // Both lists are in id order (ids only grow): walk them together.
  auto issued = batch.issued_tickets.begin();
  for (const auto& t : batch.tickets) {
    while (issued != batch.issued_tickets.end() && *issued < t.id) ++issued;
    const bool issued_here = issued != batch.issued_tickets.end() && *issued == t.id;
    if (Status s = write_ticket(t, issued_here); !s.is_ok()) return s;
  }
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
  return tx.commit();
}

void Store::finish_background_checkpoint() {
  if (!checkpointer_ || !checkpointer_->take_finish_request()) return;
  // PASSIVE: it never waits. If a reader still holds an old snapshot, the rest stays
  // for the next round.
  sqlite3_wal_checkpoint_v2(db_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
}

std::optional<Ticket> Store::find_ticket(std::int64_t id) {
  auto s = db_->prepare(std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE id=?");
  if (!s.is_ok()) return std::nullopt;
  std::optional<Ticket> out;
  if (s.value()->bind(1, id).step()) out = read_ticket(*s.value());
  s.value()->reset();
  return out;
}

std::optional<Ticket> Store::find_ticket_by_code(const std::string& code) {
  if (const std::int64_t id = ticket_id_of_public_code(code)) return find_ticket(id);
  auto s = db_->prepare(std::string("SELECT ") + kTicketColumns +
                        " FROM tickets WHERE public_code=? AND instr(public_code, '.') = 0");
  if (!s.is_ok()) return std::nullopt;
  std::optional<Ticket> out;
  if (s.value()->bind(1, code).step()) out = read_ticket(*s.value());
  s.value()->reset();
  return out;
}

Status Store::for_each_event(Instant from, Instant to, const std::function<bool(const Event&)>& fn) {
  auto s = db_->prepare(
      "SELECT seq, at, type, ticket_id, counter, officer, payload FROM events WHERE at >= ? AND at < ? ORDER BY seq");
  if (!s.is_ok()) return s.status();
  Statement& st = *s.value();
  st.bind(1, to_unix_ms(from)).bind(2, to_unix_ms(to));
  Event e;
  while (st.step()) {
    e = Event{};
    e.seq = st.int64(0);
    e.at = from_unix_ms(st.int64(1));
    parse_event_type(st.text_view(2), e.type);
    e.ticket_id = st.int64(3);
    e.counter = st.int32(4);
    e.officer = st.text(5);
    read_event_payload(st.text_view(6), e);
    if (!fn(e)) break;
  }
  Status result = st.status();
  st.reset();
  return result;
}

Result<std::int64_t> Store::purge_identity(Instant before) {
  auto s = db_->prepare("UPDATE tickets SET identity=NULL WHERE identity IS NOT NULL AND issued_at < ?");
  if (!s.is_ok()) return s.status();
  if (Status st = s.value()->bind(1, to_unix_ms(before)).run(); !st.is_ok()) return st;
  return db_->changes();
}

Status Store::integrity_check(std::string& result) {
  auto s = db_->prepare("PRAGMA integrity_check");
  if (!s.is_ok()) return s.status();
  result.clear();
  while (s.value()->step()) result += s.value()->text(0);
  s.value()->reset();
  return Status::ok();
}

}  // namespace motcua::store
