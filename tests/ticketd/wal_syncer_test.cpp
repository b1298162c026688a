// The WalSyncer: a batch is reported only after a sync that started once it was
// committed; one sync covers every batch committed while the last ran; a failed write
// is reported after the batches committed before it; a failed sync is reported as such.
#include <gtest/gtest.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/wal_syncer.hpp"

namespace motcua::store {
namespace {

constexpr auto kBound = std::chrono::seconds(10);  // every wait in these tests

// A sync that blocks until let through, and the reports the syncer made, in order.
class Recorder {
 public:
  struct Report {
    std::vector<std::uint64_t> batches;
    bool ok;
    std::string error;
  };

  Status sync() {
    std::unique_lock lock(mutex_);
    syncs_started_ += 1;
    changed_.notify_all();
    changed_.wait(lock, [this] { return syncs_allowed_ >= syncs_started_; });
    return sync_result_;
  }
  void report(const std::vector<WalSyncer::Outcome>& batches, const Status& status) {
    std::lock_guard lock(mutex_);
    Report r{{}, status.is_ok(), status.error()};
    for (const auto& b : batches) {
      EXPECT_GE(b.seconds, 0.0);
      r.batches.push_back(b.batch_id);
    }
    reports_.push_back(std::move(r));
    changed_.notify_all();
  }
  void allow_syncs(int n) {
    std::lock_guard lock(mutex_);
    syncs_allowed_ = n;
    changed_.notify_all();
  }
  void fail_syncs(Status s) {
    std::lock_guard lock(mutex_);
    sync_result_ = std::move(s);
  }
  bool wait_for_syncs_started(int n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kBound, [&] { return syncs_started_ >= n; });
  }
  bool wait_for_reports(std::size_t n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kBound, [&] { return reports_.size() >= n; });
  }
  std::vector<Report> reports() {
    std::lock_guard lock(mutex_);
    return reports_;
  }
  int syncs_started() {
    std::lock_guard lock(mutex_);
    return syncs_started_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int syncs_started_ = 0;
  int syncs_allowed_ = 0;
  Status sync_result_;
  std::vector<Report> reports_;
};

std::unique_ptr<WalSyncer> syncer_for(Recorder& r,
                                      std::chrono::microseconds join_wait = WalSyncer::kDefaultJoinWait) {
  return std::make_unique<WalSyncer>(
      [&r] { return r.sync(); }, [&r](const std::vector<WalSyncer::Outcome>& b, const Status& s) { r.report(b, s); },
      join_wait);
}

// Batch 1 is being synced (held), batch 2 committed meanwhile, batch 3 being written when
// the first sync is let through.
void sync_one_while_two_waits_and_three_is_written(Recorder& r, WalSyncer& syncer) {
  const auto now = WalSyncer::Clock::now();
  syncer.committed(1, now);
  ASSERT_TRUE(r.wait_for_syncs_started(1));
  syncer.committed(2, now);
  syncer.writing();
  r.allow_syncs(1);
  ASSERT_TRUE(r.wait_for_reports(1));
}

TEST(WalSyncer, ReportsABatchOnlyAfterItsSyncAndCoversLaterCommitsWithOneSync) {
  Recorder r;
  {
    auto syncer = syncer_for(r);
    const auto now = WalSyncer::Clock::now();
    syncer->committed(1, now);
    ASSERT_TRUE(r.wait_for_syncs_started(1));
    // Committed while the first sync runs: not covered by it.
    syncer->committed(2, now);
    syncer->committed(3, now);
    EXPECT_TRUE(r.reports().empty());
    r.allow_syncs(1);
    ASSERT_TRUE(r.wait_for_reports(1));
    ASSERT_TRUE(r.wait_for_syncs_started(2));
    EXPECT_EQ(r.reports().size(), 1u);  // 2 and 3 wait for the second sync
    r.allow_syncs(2);
    ASSERT_TRUE(r.wait_for_reports(2));
    EXPECT_EQ(syncer->syncs_done(), 2u);
  }
  const auto reports = r.reports();
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].batches, (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(reports[1].batches, (std::vector<std::uint64_t>{2, 3}));
  EXPECT_TRUE(reports[0].ok && reports[1].ok);
  EXPECT_EQ(r.syncs_started(), 2);
}

TEST(WalSyncer, AFailedWriteIsReportedAfterTheBatchesCommittedBeforeIt) {
  Recorder r;
  {
    auto syncer = syncer_for(r);
    const auto now = WalSyncer::Clock::now();
    syncer->committed(1, now);
    ASSERT_TRUE(r.wait_for_syncs_started(1));
    syncer->committed(2, now);
    syncer->failed(3, now, Status::unavailable("store_busy", "database is locked"));
    r.allow_syncs(2);
    ASSERT_TRUE(r.wait_for_reports(3));
  }
  const auto reports = r.reports();
  ASSERT_EQ(reports.size(), 3u);
  EXPECT_EQ(reports[0].batches, (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(reports[1].batches, (std::vector<std::uint64_t>{2}));
  EXPECT_TRUE(reports[0].ok && reports[1].ok);
  EXPECT_EQ(reports[2].batches, (std::vector<std::uint64_t>{3}));
  EXPECT_FALSE(reports[2].ok);
  EXPECT_EQ(reports[2].error, "store_busy");
}

TEST(WalSyncer, AFailedSyncIsReportedForTheBatchesItCovered) {
  Recorder r;
  r.fail_syncs(Status::unavailable("store_sync_failed", "EIO"));
  r.allow_syncs(1);
  {
    auto syncer = syncer_for(r);
    syncer->committed(7, WalSyncer::Clock::now());
    ASSERT_TRUE(r.wait_for_reports(1));
  }
  const auto reports = r.reports();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports[0].batches, (std::vector<std::uint64_t>{7}));
  EXPECT_FALSE(reports[0].ok);
  EXPECT_EQ(reports[0].error, "store_sync_failed");
}

TEST(WalSyncer, StoppingSyncsAndReportsWhatWasHandedOver) {
  Recorder r;
  r.allow_syncs(100);
  {
    auto syncer = syncer_for(r);
    for (std::uint64_t id = 1; id <= 5; ++id) syncer->committed(id, WalSyncer::Clock::now());
  }
  std::vector<std::uint64_t> reported;
  for (const auto& report : r.reports()) {
    EXPECT_TRUE(report.ok);
    reported.insert(reported.end(), report.batches.begin(), report.batches.end());
  }
  EXPECT_EQ(reported, (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
}

TEST(WalSyncer, ASyncAboutToStartWaitsForTheBatchBeingWrittenAndCoversItToo) {
  Recorder r;
  {
    auto syncer = syncer_for(r, std::chrono::seconds(60));
    sync_one_while_two_waits_and_three_is_written(r, *syncer);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(r.syncs_started(), 1) << "the second sync waits for batch 3's commit";
    syncer->committed(3, WalSyncer::Clock::now());
    ASSERT_TRUE(r.wait_for_syncs_started(2));
    r.allow_syncs(2);
    ASSERT_TRUE(r.wait_for_reports(2));
  }
  const auto reports = r.reports();
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].batches, (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(reports[1].batches, (std::vector<std::uint64_t>{2, 3}));
}

TEST(WalSyncer, TheWaitForABatchBeingWrittenIsBounded) {
  Recorder r;
  {
    auto syncer = syncer_for(r, std::chrono::milliseconds(20));
    sync_one_while_two_waits_and_three_is_written(r, *syncer);
    r.allow_syncs(2);
    // Batch 3 never ends: batch 2 is synced and reported anyway.
    ASSERT_TRUE(r.wait_for_reports(2));
  }
  const auto reports = r.reports();
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[1].batches, (std::vector<std::uint64_t>{2}));
  EXPECT_TRUE(reports[1].ok);
}

TEST(WalSyncer, AFailedWriteEndsTheWaitAndIsReportedAfterTheBatchBeforeIt) {
  Recorder r;
  {
    auto syncer = syncer_for(r, std::chrono::seconds(60));
    sync_one_while_two_waits_and_three_is_written(r, *syncer);
    syncer->failed(3, WalSyncer::Clock::now(), Status::unavailable("store_busy", "database is locked"));
    r.allow_syncs(2);
    ASSERT_TRUE(r.wait_for_reports(3));
  }
  const auto reports = r.reports();
  ASSERT_EQ(reports.size(), 3u);
  EXPECT_EQ(reports[1].batches, (std::vector<std::uint64_t>{2}));
  EXPECT_TRUE(reports[1].ok);
  EXPECT_EQ(reports[2].batches, (std::vector<std::uint64_t>{3}));
  EXPECT_FALSE(reports[2].ok);
}

}  // namespace
}  // namespace motcua::store
