#include "report_runner.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>

#include <boost/asio/post.hpp>

#include "stats/report_aggregator.hpp"
#include "store/event_scan.hpp"

namespace motcua {
namespace {

// Pages are read through a memory map, which skips a copy per page (a month of a busy
// office is ~400 MB of events) and shares the OS page cache between the connections.
// query_only: a report connection never writes, even by mistake.
constexpr const char* kReaderPragmas[] = {"PRAGMA mmap_size=1073741824", "PRAGMA query_only=ON"};

struct Range {
  Instant from, to;
};

Range time_range(const OfficeConfig& config, const stats::ReportQuery& q) {
  // Every event of a day's tickets lies before the next day starts (see ReportAggregator).
  return {start_of_service_day(q.from_day, config.utc_offset_minutes),
          start_of_service_day(q.to_day + 1, config.utc_offset_minutes)};
}

Status scan_into(store::Database& db, store::SeqRange seqs, Range time, stats::ReportAggregator& into) {
  return store::scan_event_views(db, seqs, time.from, time.to, [&into](const stats::EventView& e) {
    into.add(e);
    return true;
  });
}

Status no_connection() { return Status::unavailable("store_error", "không mở được kết nối đọc cơ sở dữ liệu"); }

// One summary in flight: a part per seq range, scanned on any report thread; whichever
// part ends last merges them in order and calls back. Each part touches only its own slot.
class SplitSummary {
 public:
  SplitSummary(const OfficeConfig& config, const stats::ReportQuery& query, std::vector<store::SeqRange> seqs,
               Range time, ReportRunner::Done done)
      : seqs_(std::move(seqs)), time_(time), status_(seqs_.size()), left_(static_cast<int>(seqs_.size())),
        done_(std::move(done)) {
    parts_.reserve(seqs_.size());
    for (std::size_t i = 0; i < seqs_.size(); ++i) parts_.emplace_back(config, query);
  }

  std::size_t size() const { return seqs_.size(); }

  void scan(store::Database* db, std::size_t i) {
    try {
      status_[i] = db ? scan_into(*db, seqs_[i], time_, parts_[i]) : no_connection();
    } catch (const std::exception& e) {
      status_[i] = Status::unavailable("store_error", e.what());
    }
    if (left_.fetch_sub(1, std::memory_order_acq_rel) == 1) finish();
  }

 private:
  void finish() {
    Result<stats::Report> out = Status::unavailable("store_error", "");
    try {
      out = merged();
    } catch (const std::exception& e) {
      out = Status::unavailable("store_error", e.what());
    }
    done_(std::move(out));
  }

  Result<stats::Report> merged() {
    for (const Status& s : status_)
      if (!s.is_ok()) return s;
    for (std::size_t i = 1; i < parts_.size(); ++i) parts_[0].merge(std::move(parts_[i]));
    return parts_[0].finish();
  }

  std::vector<store::SeqRange> seqs_;
  Range time_;
  std::vector<stats::ReportAggregator> parts_;
  std::vector<Status> status_;
  std::atomic<int> left_;
  ReportRunner::Done done_;
};

}  // namespace

class ReportRunner::Lease {
 public:
  explicit Lease(ReportRunner& runner) : runner_(runner), db_(runner.take()) {}
  ~Lease() {
    if (db_) runner_.give_back(std::move(db_));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  store::Database* get() const { return db_.get(); }

 private:
  ReportRunner& runner_;
  std::unique_ptr<store::Database> db_;
};

Result<std::unique_ptr<ReportRunner>> ReportRunner::open(const std::string& db_path, int threads) {
  threads = std::clamp(threads, 1, 16);
  auto runner = std::unique_ptr<ReportRunner>(new ReportRunner(db_path, threads));
  for (int i = 0; i < threads; ++i) {
    auto db = runner->open_connection();
    if (!db.is_ok()) return db.status();
    runner->idle_.push_back(std::move(db.value()));
  }
  return runner;
}

ReportRunner::~ReportRunner() {
  pool_.stop();
  pool_.join();
}

Result<std::unique_ptr<store::Database>> ReportRunner::open_connection() const {
  auto db = store::Database::open(path_, /*read_only=*/true);
  if (!db.is_ok()) return db.status();
  for (const char* pragma : kReaderPragmas)
    if (Status s = db.value()->exec(pragma); !s.is_ok()) return s;
  // Opening is lazy: reading the schema now finds a missing or foreign file at start-up.
  if (auto s = db.value()->prepare("SELECT seq FROM events LIMIT 1"); !s.is_ok()) return s.status();
  return std::move(db.value());
}

std::unique_ptr<store::Database> ReportRunner::take() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      return db;
    }
  }
  // Not while jobs run no more than threads at once; kept as a fallback, not a path.
  auto db = open_connection();
  return db.is_ok() ? std::move(db.value()) : nullptr;
}

void ReportRunner::give_back(std::unique_ptr<store::Database> db) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(db));
}

void ReportRunner::summary(const OfficeConfig& config, stats::ReportQuery query, Done done) {
  boost::asio::post(pool_, [this, &config, query, done = std::move(done)]() mutable {
    Lease lease(*this);
    if (!lease.get()) return done(no_connection());
    store::Database& db = *lease.get();
    const Range time = time_range(config, query);
    Result<std::vector<store::SeqRange>> parts = std::vector<store::SeqRange>{};
    try {
      auto seqs = store::event_seq_range(db, time.from, time.to);
      if (!seqs.is_ok()) return done(seqs.status());
      parts = store::split_at_day_starts(db, seqs.value(), time.from, time.to, threads_, config.utc_offset_minutes);
      if (parts.is_ok() && parts.value().empty()) parts.value().push_back(seqs.value());  // no events: one empty part
    } catch (const std::exception& e) {
      parts = Status::unavailable("store_error", e.what());  // nothing may escape into the pool's threads
    }
    if (!parts.is_ok()) return done(parts.status());
    auto split = std::make_shared<SplitSummary>(config, query, std::move(parts.value()), time, std::move(done));
    for (std::size_t i = 1; i < split->size(); ++i)
      boost::asio::post(pool_, [this, split, i] {
        Lease part(*this);
        split->scan(part.get(), i);
      });
    split->scan(&db, 0);  // this thread takes the first part itself
  });
}

void ReportRunner::run(std::function<void(store::Database*)> job) {
  boost::asio::post(pool_, [this, job = std::move(job)] {
    Lease lease(*this);
    try {
      job(lease.get());
    } catch (const std::exception& e) {
      // The job answers its own request; one that threw leaves that request unanswered
      // until the connection times out, and the daemon goes on.
      std::fprintf(stderr, "ticketd: report job failed: %s\n", e.what());
    }
  });
}

Result<stats::Report> ReportRunner::summary_on(store::Database& db, const OfficeConfig& config,
                                               const stats::ReportQuery& query) {
  const Range time = time_range(config, query);
  auto seqs = store::event_seq_range(db, time.from, time.to);
  if (!seqs.is_ok()) return seqs.status();
  stats::ReportAggregator aggregator(config, query);
  if (Status s = scan_into(db, seqs.value(), time, aggregator); !s.is_ok()) return s;
  return aggregator.finish();
}

}  // namespace motcua
