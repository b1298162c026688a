// Thin RAII over the SQLite C API: a connection, prepared statements, and a
// transaction that rolls back unless committed. Not thread-safe: one owner thread.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/status.hpp"

namespace motcua::store {

class Statement;

class Database {
 public:
  // Opens (creating if needed) the file, or ":memory:". `read_only`: an existing file
  // only, and no statement may write (report readers beside the writer).
  // `vfs`: SQLite's name of the VFS to open it with; nullptr for the default.
  static Result<std::unique_ptr<Database>> open(const std::string& path, bool read_only = false,
                                                const char* vfs = nullptr);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Status exec(std::string_view sql);
  // Prepared once, reused; the Database keeps ownership. Comes back reset, its
  // parameters all NULL again.
  Result<Statement*> prepare(std::string_view sql);
  // For a statement whose every parameter the caller binds before each run: comes back
  // reset but keeps the last run's values, which saves clearing each one (a 16-row
  // INSERT of tickets has 384).
  Result<Statement*> prepare_to_bind_all(std::string_view sql);
  sqlite3* handle() const { return db_; }
  std::string last_error() const;
  std::int64_t changes() const { return sqlite3_changes64(db_); }

 private:
  explicit Database(sqlite3* db);
  sqlite3* db_ = nullptr;
  struct Cache;
  std::unique_ptr<Cache> cache_;
};

// A reusable prepared statement: bind, step, read columns, reset.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, std::int64_t v);
  Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
  Statement& bind(int index, double v);
  Statement& bind(int index, std::string_view v);
  // Binds the text without copying it: `v` must stay alive until run() or reset().
  Statement& bind_unowned(int index, std::string_view v);
  Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, const std::string& v) { return bind(index, std::string_view(v)); }
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& v) {
    return v ? bind(index, *v) : bind_null(index);
  }

  // True while a row is available; false when done. Errors land in status().
  bool step();
  // Runs to completion (for writes); returns the status. Leaves the statement reset,
  // its values bound until the next prepare().
  Status run();
  // Ready to run again, with every parameter NULL.
  void reset();
  // Ready to run again, keeping the values bound.
  void rewind();

  std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  int int32(int col) const { return sqlite3_column_int(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string text(int col) const;
  std::string_view text_view(int col) const;
  const Status& status() const { return status_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  Status status_;
};

// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  const Status& begin_status() const { return begin_; }
  Status commit();

 private:
  Database& db_;
  Status begin_;
  bool done_ = false;
};

}  // namespace motcua::store
