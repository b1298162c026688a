#include "store/store.hpp"

#include "json_writer.hpp"
#include "store/wal_gathering_vfs.hpp"

#include <boost/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>

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
            if (!e.reason.empty()) o.put("reason", e.reason);
            break;
          case EventType::vote_recorded:
            o.put("rating", e.rating);
            if (!e.reason.empty()) o.put("reason", e.reason);
            break;
          case EventType::counter_paused:
          case EventType::counter_closed:
          case EventType::ticket_cancelled:
          case EventType::ticket_called:
            if (!e.reason.empty()) o.put("reason", e.reason);
            break;
          default:
            break;
        }
      });
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
  // The writer's WAL frames reach the file in one write per transaction.
  auto db = Database::open(path, false, wal_gathering_vfs());
  if (!db.is_ok()) return db.status();
  auto store = std::unique_ptr<Store>(new Store(std::move(db.value())));
  auto& d = *store->db_;
  store->busy_timeout_ms_ = options.busy_timeout_ms;
  if (options.synchronous != "FULL" && options.synchronous != "NORMAL" && options.synchronous != "EXTRA")
    return Status::invalid_argument("invalid_config", "synchronous must be FULL, NORMAL or EXTRA");
  const bool sync_wal_separately = options.sync_wal_separately && options.synchronous == "FULL" &&
                                   path != ":memory:" && !path.empty();
  // NORMAL in WAL mode is FULL without the sync at commit; sync_wal() adds it back.
  const std::string synchronous = sync_wal_separately ? "NORMAL" : options.synchronous;
  for (const std::string& pragma : {std::string("PRAGMA journal_mode=WAL"),
                                   "PRAGMA synchronous=" + synchronous, std::string("PRAGMA foreign_keys=ON"),
                                   std::string("PRAGMA cache_size=-8000"),
                                   "PRAGMA busy_timeout=" + std::to_string(options.busy_timeout_ms)}) {
    if (Status s = d.exec(pragma); !s.is_ok()) return s;
  }
  if (Status s = store->migrate(); !s.is_ok()) return s;
  if (sync_wal_separately)
    if (Status s = store->open_wal_for_syncing(); !s.is_ok()) return s;
  if (options.background_checkpoints && path != ":memory:" && !path.empty()) {
    auto checkpointer = Checkpointer::attach(d, path, options.checkpoint_threshold_pages);
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
    // Two subqueries, each a single MAX that SQLite answers from one end of a b-tree (the
    // rowid, the per-day index); both in one SELECT would scan every ticket ever issued.
    auto s = db_->prepare(
        "SELECT (SELECT COALESCE(MAX(id),0) FROM tickets), (SELECT COALESCE(MAX(service_day),0) FROM tickets)");
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

Event read_event(const Statement& st) {
  Event e;
  e.seq = st.int64(0);
  e.at = from_unix_ms(st.int64(1));
  parse_event_type(st.text_view(2), e.type);
  e.ticket_id = st.int64(3);
  e.counter = st.int32(4);
  e.officer = st.text(5);
  read_event_payload(st.text_view(6), e);
  return e;
}

Status Store::for_each_event(Instant from, Instant to, const std::function<bool(const Event&)>& fn) {
  auto s = db_->prepare(
      "SELECT seq, at, type, ticket_id, counter, officer, payload FROM events WHERE at >= ? AND at < ? ORDER BY seq");
  if (!s.is_ok()) return s.status();
  Statement& st = *s.value();
  st.bind(1, to_unix_ms(from)).bind(2, to_unix_ms(to));
  while (st.step())
    if (!fn(read_event(st))) break;
  Status result = st.status();
  st.reset();
  return result;
}

Result<std::int64_t> Store::purge_identity(Instant before) {
  auto s = db_->prepare("UPDATE tickets SET identity=NULL WHERE identity IS NOT NULL AND issued_at < ?");
  if (!s.is_ok()) return s.status();
  if (Status st = s.value()->bind(1, to_unix_ms(before)).run(); !st.is_ok()) return st;
  const std::int64_t purged = db_->changes();
  // Outside any batch, so no WalSyncer covers it: made durable here.
  if (purged > 0)
    if (Status st = sync_wal(); !st.is_ok()) return st;
  return purged;
}

Status Store::integrity_check(std::string& result) {
  auto s = db_->prepare("PRAGMA integrity_check");
  if (!s.is_ok()) return s.status();
  result.clear();
  while (s.value()->step()) result += s.value()->text(0);
  s.value()->reset();
  return Status::ok();
}

Store::~Store() {
  if (wal_fd_ >= 0) ::close(wal_fd_);
}

Status Store::open_wal_for_syncing() {
  // The migration's first read opened (or created) the WAL; it stays the same file while
  // this connection is open, and SQLite names it.
  const char* wal = sqlite3_filename_wal(sqlite3_db_filename(db_->handle(), "main"));
  if (wal == nullptr || *wal == '\0') return Status::unavailable("store_wal", "SQLite không cho biết tệp WAL");
  const int fd = ::open(wal, O_RDWR | O_CLOEXEC);
  if (fd < 0) return Status::unavailable("store_wal", std::string("Không mở được tệp WAL ") + wal + ": " + std::strerror(errno));
  wal_fd_ = fd;
  // Commits at NORMAL never sync the directory: make sure the WAL's own entry is durable.
  const std::string dir = std::filesystem::path(wal).parent_path().string();
  const int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return preallocate_wal();
}

Status Store::preallocate_wal() {
  // A sync of a file that grew must also write its new size, which made every sync
  // slower (1.45 vs 1.12 ms a commit under load) until the WAL first started over. Zeros
  // written once here make that first cycle an overwrite like every later one
  // (PostgreSQL zero-fills its WAL segments for the same reason). SQLite's recovery stops
  // at the first invalid frame, and a frame of zeros names page 0, which no frame does; a
  // clean close deletes the file as before.
  struct stat st {};
  if (::fstat(wal_fd_, &st) != 0 || st.st_size >= kPreallocatedWalBytes) return Status::ok();
  const std::vector<char> zeros(1 << 20, 0);
  for (std::int64_t at = st.st_size; at < kPreallocatedWalBytes;) {
    const auto n = static_cast<std::size_t>(std::min<std::int64_t>(zeros.size(), kPreallocatedWalBytes - at));
    const ssize_t written = ::pwrite(wal_fd_, zeros.data(), n, at);
    if (written <= 0) {
      // A nearly full disk: go on with the WAL as it was (the zeros are not needed).
      if (::ftruncate(wal_fd_, st.st_size) != 0) break;
      return Status::ok();
    }
    at += written;
  }
  // Also makes the migration's commits durable, which at NORMAL were not synced yet.
  return sync_wal();
}

Status Store::sync_wal() const {
  if (wal_fd_ < 0) return Status::ok();
  // fdatasync flushes the file's dirty pages whichever descriptor wrote them.
  if (::fdatasync(wal_fd_) != 0)
    return Status::unavailable("store_sync_failed", std::string("Không ghi được nhật ký WAL xuống đĩa: ") + std::strerror(errno));
  return Status::ok();
}

}  // namespace motcua::store
