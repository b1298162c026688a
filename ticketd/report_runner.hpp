// Runs /api/reports away from the office strand and the store lock: on threads of its
// own, through read-only connections to the daemon's database file (WAL lets them read
// committed data while the store thread writes). Thread-safe: call from any thread.
//
// A summary is cut at day starts into one part per thread; the parts are scanned at once,
// each into its own ReportAggregator, and merged in order (see ReportAggregator::merge).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/asio/thread_pool.hpp>

#include "domain/office_config.hpp"
#include "domain/status.hpp"
#include "stats/report.hpp"
#include "store/sqlite.hpp"

namespace motcua {

class ReportRunner {
 public:
  using Done = std::function<void(Result<stats::Report>)>;

  // `threads` scans run at once, each on its own read-only connection to `db_path` (a
  // file the writer has open in WAL mode). Fails if the file cannot be opened.
  static Result<std::unique_ptr<ReportRunner>> open(const std::string& db_path, int threads);
  // Running scans finish first; queued ones are dropped without calling back.
  ~ReportRunner();
  ReportRunner(const ReportRunner&) = delete;
  ReportRunner& operator=(const ReportRunner&) = delete;

  // The report over `query`'s days; `done` is called once, on a report thread. `config`
  // must outlive the runner.
  void summary(const OfficeConfig& config, stats::ReportQuery query, Done done);

  // Runs `job` on a report thread with a connection of its own, or with null when none
  // could be opened (the job answers with an error then).
  void run(std::function<void(store::Database*)> job);

  // The same report in the caller's thread and on `db`, in one pass: for a ":memory:"
  // store, which no second connection can see.
  static Result<stats::Report> summary_on(store::Database& db, const OfficeConfig& config,
                                          const stats::ReportQuery& query);

  int threads() const { return threads_; }

 private:
  // A connection taken from the idle list for one job, given back when it ends.
  class Lease;
  ReportRunner(std::string path, int threads) : path_(std::move(path)), threads_(threads), pool_(threads) {}
  Result<std::unique_ptr<store::Database>> open_connection() const;
  std::unique_ptr<store::Database> take();
  void give_back(std::unique_ptr<store::Database> db);

  const std::string path_;
  const int threads_;
  std::mutex mutex_;  // guards idle_
  std::vector<std::unique_ptr<store::Database>> idle_;
  // Last: destroyed (stopped and joined) first, while what the jobs use still exists.
  boost::asio::thread_pool pool_;
};

}  // namespace motcua
