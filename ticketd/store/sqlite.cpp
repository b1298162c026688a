#include "store/sqlite.hpp"

#include <mutex>
#include <unordered_map>

namespace motcua::store {

struct Database::Cache {
  // Looked up by string_view: the hot statements are found without copying their SQL.
  // The hash reads the length and both ends only: the multi-row INSERTs are over a
  // kilobyte long and differ in length, and equality still compares the whole text.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const {
      constexpr std::size_t kEnd = 48;
      if (sql.size() <= 2 * kEnd) return std::hash<std::string_view>{}(sql);
      const std::size_t head = std::hash<std::string_view>{}(sql.substr(0, kEnd));
      const std::size_t tail = std::hash<std::string_view>{}(sql.substr(sql.size() - kEnd));
      return head ^ (tail * 31) ^ (sql.size() * 0x9e3779b97f4a7c15ULL);
    }
  };
  std::unordered_map<std::string, std::unique_ptr<Statement>, SqlHash, std::equal_to<>> statements;
};

namespace {

// SQLite's memory statistics take a process-wide mutex on every allocation; nothing here
// reads them. Settable only before SQLite initialises, so it is done before the first
// connection opens (if the host initialised SQLite already, the default stays).
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
  });
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open(const std::string& path, bool read_only, const char* vfs) {
  configure_sqlite_once();
  sqlite3* db = nullptr;
  const int mode = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &db, mode | SQLITE_OPEN_NOMUTEX, vfs);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::unavailable("store_open_failed", "Không mở được cơ sở dữ liệu " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  auto out = std::unique_ptr<Database>(new Database(db));
  return out;
}

Database::Database(sqlite3* db) : db_(db), cache_(std::make_unique<Cache>()) {}

Database::~Database() {
  cache_.reset();  // statements must be finalised before the connection closes
  sqlite3_close(db_);
}

std::string Database::last_error() const { return sqlite3_errmsg(db_); }

Status Database::exec(std::string_view sql) {
  char* err = nullptr;
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::unavailable("store_error", msg);
  }
  return Status::ok();
}

Result<Statement*> Database::prepare(std::string_view sql) {
  auto s = prepare_to_bind_all(sql);
  if (s.is_ok()) s.value()->reset();
  return s;
}

Result<Statement*> Database::prepare_to_bind_all(std::string_view sql) {
  if (auto it = cache_->statements.find(sql); it != cache_->statements.end()) {
    it->second->rewind();
    return it->second.get();
  }
  std::string key(sql);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                         nullptr) != SQLITE_OK)
    return Status::unavailable("store_error", "prepare failed: " + last_error() + " in: " + key);
  auto owned = std::make_unique<Statement>(db_, stmt);
  Statement* raw = owned.get();
  cache_->statements.emplace(std::move(key), std::move(owned));
  return raw;
}

Statement& Statement::bind(int index, std::int64_t v) {
  sqlite3_bind_int64(stmt_, index, v);
  return *this;
}
Statement& Statement::bind(int index, double v) {
  sqlite3_bind_double(stmt_, index, v);
  return *this;
}
Statement& Statement::bind(int index, std::string_view v) {
  sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_unowned(int index, std::string_view v) {
  sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}
Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status_ = Status::unavailable("store_error", sqlite3_errmsg(db_));
  return false;
}

Status Statement::run() {
  while (step()) {
  }
  Status s = status_;
  rewind();
  return s;
}

void Statement::reset() {
  rewind();
  sqlite3_clear_bindings(stmt_);
}

void Statement::rewind() {
  sqlite3_reset(stmt_);
  status_ = Status::ok();
}

std::string Statement::text(int col) const { return std::string(text_view(col)); }

std::string_view Statement::text_view(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (!p) return {};
  return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))};
}

// BEGIN and COMMIT run once per batch: prepared once, like every other statement.
Transaction::Transaction(Database& db) : db_(db) {
  auto s = db_.prepare("BEGIN IMMEDIATE");
  begin_ = s.is_ok() ? s.value()->run() : s.status();
}

Transaction::~Transaction() {
  if (!done_ && begin_.is_ok()) db_.exec("ROLLBACK");
}

Status Transaction::commit() {
  if (!begin_.is_ok()) return begin_;
  auto s = db_.prepare("COMMIT");
  if (!s.is_ok()) return s.status();
  Status st = s.value()->run();
  if (st.is_ok()) done_ = true;
  return st;
}

}  // namespace motcua::store
