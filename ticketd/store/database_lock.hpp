// DatabaseLock: one ticketd per database. Two daemons on one file would each hand out
// numbers from their own in-memory state and fail each other's commits, so the second
// one refuses to start instead, naming the first one's pid.
#pragma once

#include <memory>
#include <string>

#include "domain/status.hpp"

namespace motcua::store {

class DatabaseLock {
 public:
  // Takes an exclusive lock on `<db_path>.lock` (created beside the database, holding the
  // owner's pid). Held until the object is destroyed or the process ends, crash included
  // (the kernel drops the lock with the process, so no stale lock survives a kill -9).
  static Result<std::shared_ptr<DatabaseLock>> acquire(const std::string& db_path);
  ~DatabaseLock();
  DatabaseLock(const DatabaseLock&) = delete;
  DatabaseLock& operator=(const DatabaseLock&) = delete;

  const std::string& path() const { return path_; }

 private:
  DatabaseLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
};

}  // namespace motcua::store
