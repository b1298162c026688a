// Copies of the office's database in a backup folder, made on a thread of their own: at
// the configured local times each day, and whenever a supervisor asks
// (POST /api/admin/backups). Thread-safe.
//
// A copy is VACUUM INTO through a read-only connection: a consistent snapshot of what was
// committed (WAL readers never see a half transaction), compact, and in rollback-journal
// mode, so restoring is copying one file back. It is checked with quick_check and synced
// under a temporary name, then renamed: a file under its final name is always whole.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "domain/status.hpp"
#include "domain/time.hpp"

namespace motcua {

class Backups {
 public:
  struct Settings {
    std::string db_path;
    std::string dir;            // created if missing
    std::vector<int> minutes;   // local times of day (backup::parse_times); empty = on request only
    int keep_days = 30;
    int utc_offset_minutes = 420;
  };
  struct Copy {
    std::string file;           // name in the folder, e.g. motcua-2026-11-24-121500.db
    std::int64_t bytes = 0;
    Instant made_at{};
    double seconds = 0;         // how long making it took (0 for a listed file)
  };
  struct Failure {
    Instant at{};
    std::string message;
  };
  struct State {
    std::optional<Copy> last;          // the last copy made since start
    std::optional<Failure> last_failure;
    std::optional<Instant> next_at;    // the next scheduled copy
    std::uint64_t made = 0, failures = 0;
  };
  using Done = std::function<void(Result<Copy>)>;

  // `now` is the daemon's clock. A folder that cannot be made (a backup disk not mounted)
  // does not stop the office: each copy tries again and fails with the reason, which
  // folder_status() also gives at start.
  static std::shared_ptr<Backups> create(Settings settings, std::function<Instant()> now);
  // Makes the folder if missing; why not, when it cannot.
  Status folder_status() const;
  ~Backups();  // waits for a copy under way
  Backups(const Backups&) = delete;
  Backups& operator=(const Backups&) = delete;

  // Makes a copy now, after any under way; `done` is called on the backup thread.
  void make_now(Done done);
  // Makes the scheduled copies, timed on `executor`, until stop().
  void start(boost::asio::any_io_executor executor);
  void stop();

  // The copies in the folder, newest first. Reads the folder: keep it off the office strand.
  std::vector<Copy> list() const;
  // The same on the backup thread (after a copy under way), for callers that must not
  // wait on the disk: a backup disk that hangs must not hold up the queue.
  void list_async(std::function<void(std::vector<Copy>)> done);
  State state() const;
  const Settings& settings() const { return settings_; }
  // Prometheus lines: copies made and failed, when the last one was made.
  std::string metrics_text() const;

 private:
  Backups(Settings settings, std::function<Instant()> now);
  Result<Copy> copy_now();
  void remove_old_copies();
  void schedule_next();

  const Settings settings_;
  const std::function<Instant()> now_;
  boost::asio::thread_pool worker_{1};
  std::unique_ptr<boost::asio::steady_timer> timer_;
  mutable std::mutex mutex_;
  State state_;
};

}  // namespace motcua
