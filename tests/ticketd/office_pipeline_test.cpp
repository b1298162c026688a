// The office's pipelined group commit, in process with a real SQLite file: a batch is
// written on the store thread while the strand stages the next, and a failed commit
// refuses both and rebuilds the state from disk.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "office.hpp"
#include "temp_dir.hpp"

namespace motcua {
namespace {

constexpr auto kBound = std::chrono::seconds(10);  // every wait in these tests

Instant morning() { return from_unix_ms(1795392000000LL + 60 * 60000LL); }  // 08:00 in Hà Nội

// A second process's connection holding the write lock, so the office's commit finds
// the database busy and fails after its (short) busy timeout.
class WriteLockHolder {
 public:
  explicit WriteLockHolder(const std::string& path) {
    sqlite3_open(path.c_str(), &db_);
    sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  }
  ~WriteLockHolder() { release(); }
  void release() {
    if (!db_) return;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
    db_ = nullptr;
  }

 private:
  sqlite3* db_ = nullptr;
};

struct Harness {
  testing::TempDir dir{"motcua-office"};
  std::string path = dir.file("office.db");
  net::io_context ioc;
  net::executor_work_guard<net::io_context::executor_type> work = net::make_work_guard(ioc);
  std::unique_ptr<Office> office;
  std::thread runner;

  // `busy_timeout_ms`: how long a commit waits for another connection's write lock.
  // `sync_wal_separately`: commits synced by the office's WalSyncer (as ticketd runs), or
  // by SQLite inside each COMMIT.
  // `serialised`: by_single_io_thread, as ticketd runs on one I/O thread: with a
  // WalSyncer the strand then writes each batch itself.
  Harness(int busy_timeout_ms, bool sync_wal_separately,
          Office::Serialised serialised = Office::Serialised::by_own_strand, int checkpoint_threshold_pages = 0) {
    store::StoreOptions options;
    options.busy_timeout_ms = busy_timeout_ms;
    options.sync_wal_separately = sync_wal_separately;
    if (checkpoint_threshold_pages > 0) options.checkpoint_threshold_pages = checkpoint_threshold_pages;
    auto store = store::Store::open(path, options);
    EXPECT_TRUE(store.is_ok());
    office = std::make_unique<Office>(ioc.get_executor(), demo_office_config(), std::move(store.value()),
                                      [] { return morning(); }, serialised);
    EXPECT_TRUE(office->start().is_ok());
    runner = std::thread([this] { ioc.run(); });
  }
  ~Harness() {
    work.reset();
    ioc.stop();
    runner.join();
    office.reset();
  }

  // Issues a ticket on the strand; the future says whether its commit succeeded.
  std::future<bool> issue(const std::string& service) {
    auto done = std::make_shared<std::promise<bool>>();
    auto result = done->get_future();
    office->post([this, service, done] {
      IssueTicket cmd;
      cmd.service = service;
      cmd.public_secret = "secret";
      if (!office->execute(cmd).is_ok()) return done->set_value(false);
      office->when_durable([done](bool committed) { done->set_value(committed); });
    });
    return result;
  }

  template <typename F>
  auto on_strand(F f) {
    std::promise<decltype(f())> p;
    auto r = p.get_future();
    office->post([&] { p.set_value(f()); });
    return r.get();
  }

  // Issues one ticket, waits until the store thread is writing it (held up by `lock`),
  // then issues a second, which is staged behind that commit. Returns both outcomes
  // once `lock` is released (bounded waits).
  std::pair<bool, bool> issue_second_while_first_commits(WriteLockHolder& lock) {
    auto first = issue("ho-tich");
    const auto deadline = std::chrono::steady_clock::now() + kBound;
    while (!on_strand([&] { return office->commit_in_flight(); }) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_TRUE(on_strand([&] { return office->commit_in_flight(); }));
    auto second = issue("ho-tich");
    on_strand([] { return 0; });  // the second is decided and staged
    EXPECT_EQ(on_strand([&] { return office->state().tickets.size(); }), 2u);
    lock.release();
    EXPECT_EQ(first.wait_for(kBound), std::future_status::ready);
    EXPECT_EQ(second.wait_for(kBound), std::future_status::ready);
    return {first.get(), second.get()};
  }

};

int tickets_on_disk(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM tickets", -1, &s, nullptr);
  int n = -1;
  if (sqlite3_step(s) == SQLITE_ROW) n = sqlite3_column_int(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

// Run with the WAL synced inside each COMMIT and by the office's WalSyncer, and with the
// WalSyncer on a single I/O thread, where the strand writes the batches itself and hands
// a batch to the store thread only when another connection holds the write lock.
struct PipelineMode {
  bool wal_syncer;
  Office::Serialised serialised;
  const char* name;
};
void PrintTo(const PipelineMode& mode, std::ostream* os) { *os << mode.name; }
class OfficePipeline : public ::testing::TestWithParam<PipelineMode> {};
INSTANTIATE_TEST_SUITE_P(SyncModes, OfficePipeline,
                         ::testing::Values(PipelineMode{false, Office::Serialised::by_own_strand, "SyncInCommit"},
                                           PipelineMode{true, Office::Serialised::by_own_strand, "WalSyncer"},
                                           PipelineMode{true, Office::Serialised::by_single_io_thread,
                                                        "WalSyncerWritesOnTheStrand"}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_P(OfficePipeline, ABatchStagedDuringACommitIsWrittenNext) {
  Harness h(5000, GetParam().wal_syncer, GetParam().serialised);
  EXPECT_EQ(h.on_strand([&] { return h.office->store()->commits_need_wal_sync(); }), GetParam().wal_syncer);
  WriteLockHolder lock(h.path);
  const auto [first, second] = h.issue_second_while_first_commits(lock);
  EXPECT_TRUE(first);
  EXPECT_TRUE(second);
  EXPECT_EQ(tickets_on_disk(h.path), 2);
  // Two transactions: the second ticket was not slipped into the one being written.
  EXPECT_EQ(h.on_strand([&] { return h.office->metrics().commits; }), 2u);
  EXPECT_EQ(h.on_strand([&] { return h.office->committed_seq() == h.office->state().last_seq; }), true);
  const auto syncs = h.on_strand([&] { return h.office->metrics().wal_syncs; });
  if (GetParam().wal_syncer) {
    EXPECT_GE(syncs, 1u);
    EXPECT_LE(syncs, 2u);
  } else {
    EXPECT_EQ(syncs, 0u);
  }
}

TEST_P(OfficePipeline, AFailedCommitRefusesItsBatchAndTheOneStagedBehindIt) {
  // The commit gives up on the lock after 300 ms, while the second ticket waits behind it.
  Harness h(300, GetParam().wal_syncer, GetParam().serialised);
  WriteLockHolder lock(h.path);
  std::future<bool> first = h.issue("ho-tich");
  const auto deadline = std::chrono::steady_clock::now() + kBound;
  while (!h.on_strand([&] { return h.office->commit_in_flight(); }) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::future<bool> second = h.issue("ho-tich");
  ASSERT_EQ(first.wait_for(kBound), std::future_status::ready);
  ASSERT_EQ(second.wait_for(kBound), std::future_status::ready);
  EXPECT_FALSE(first.get());
  EXPECT_FALSE(second.get());
  lock.release();

  // The state was rebuilt from disk: neither ticket exists, and numbering goes on from
  // what is durable, so the next ticket gets the first number of the day.
  EXPECT_EQ(h.on_strand([&] { return h.office->state().tickets.size(); }), 0u);
  auto third = h.issue("ho-tich");
  ASSERT_EQ(third.wait_for(kBound), std::future_status::ready);
  EXPECT_TRUE(third.get());
  EXPECT_EQ(tickets_on_disk(h.path), 1);
  EXPECT_EQ(h.on_strand([&] {
    const auto& tickets = h.office->state().tickets;
    return tickets.empty() ? std::string() : tickets.begin()->second.display;
  }),
            "1001");
  EXPECT_EQ(h.on_strand([&] { return h.office->metrics().commit_failures; }), 1u);
}

// On one I/O thread the strand writes every batch, and also makes the writer's copy of
// the WAL's last frames that lets the WAL start over. A small checkpoint threshold makes
// that happen many times in a few hundred commits.
TEST(OfficePipelineOnTheStrand, CommitsAcrossManyWalRestartsAreAllDurable) {
  Harness h(5000, true, Office::Serialised::by_single_io_thread, 4);
  constexpr int kTickets = 300;
  for (int i = 0; i < kTickets; ++i) {
    auto issued = h.issue("ho-tich");
    ASSERT_EQ(issued.wait_for(kBound), std::future_status::ready);
    ASSERT_TRUE(issued.get());
  }
  EXPECT_EQ(tickets_on_disk(h.path), kTickets);
  EXPECT_EQ(h.on_strand([&] { return h.office->metrics().commits; }), static_cast<std::uint64_t>(kTickets));
  EXPECT_GE(h.on_strand([&] { return h.office->store()->background_checkpoints_done(); }), 3u);
}

// Holds the first sync of the WAL under way until released (each wait bounded). Declared
// before the Harness, so it outlives the office whose syncer calls it, and released when
// it goes, so a failed assertion never leaves that syncer waiting on it.
class FirstSyncGate {
 public:
  ~FirstSyncGate() { release(); }
  // On the WalSyncer's thread, before each sync.
  void pass() {
    std::unique_lock lock(mutex_);
    if (++syncs_ > 1) return;
    changed_.notify_all();
    changed_.wait_for(lock, kBound, [&] { return released_; });
  }
  bool wait_until_held() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kBound, [&] { return syncs_ > 0; });
  }
  void release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int syncs_ = 0;
  bool released_ = false;
};

// On one I/O thread the strand writes nothing while a sync is under way: what it staged
// meanwhile, over several loop passes, becomes one commit when that sync ends. Each
// commit's fixed work is this thread's, so fewer, larger commits leave it more time.
TEST(OfficePipelineOnTheStrand, TicketsIssuedDuringASyncAreWrittenTogetherWhenItEnds) {
  FirstSyncGate gate;
  Harness h(5000, true, Office::Serialised::by_single_io_thread);
  h.office->before_each_wal_sync([&] { gate.pass(); });
  auto first = h.issue("ho-tich");
  ASSERT_TRUE(gate.wait_until_held());
  std::vector<std::future<bool>> behind;
  for (int i = 0; i < 3; ++i) {
    behind.push_back(h.issue("ho-tich"));
    h.on_strand([] { return 0; });  // decided, and its loop pass over
  }
  EXPECT_EQ(h.on_strand([&] { return h.office->state().tickets.size(); }), 4u);
  EXPECT_EQ(tickets_on_disk(h.path), 1);  // written beside the sync, all four would be
  EXPECT_EQ(first.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);

  gate.release();
  ASSERT_EQ(first.wait_for(kBound), std::future_status::ready);
  EXPECT_TRUE(first.get());
  for (auto& b : behind) {
    ASSERT_EQ(b.wait_for(kBound), std::future_status::ready);
    EXPECT_TRUE(b.get());
  }
  EXPECT_EQ(tickets_on_disk(h.path), 4);
  EXPECT_EQ(h.on_strand([&] { return h.office->metrics().commits; }), 2u);
  EXPECT_EQ(h.on_strand([&] { return h.office->metrics().wal_syncs; }), 2u);
  EXPECT_EQ(h.on_strand([&] { return h.office->committed_seq() == h.office->state().last_seq; }), true);
}

// The strand must not wait for another connection's write lock (up to the busy timeout,
// here longer than any wait in this test): the store thread waits instead, and the strand
// keeps answering.
TEST(OfficePipelineOnTheStrand, AWriteLockHeldElsewhereNeverHoldsTheStrand) {
  Harness h(30000, true, Office::Serialised::by_single_io_thread);
  WriteLockHolder lock(h.path);
  auto first = h.issue("ho-tich");
  auto strand_answers = std::async(std::launch::async, [&] {
    const auto deadline = std::chrono::steady_clock::now() + kBound;
    while (!h.on_strand([&] { return h.office->commit_in_flight(); }) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return h.on_strand([&] { return h.office->state().tickets.size(); });
  });
  ASSERT_EQ(strand_answers.wait_for(kBound), std::future_status::ready);
  EXPECT_EQ(strand_answers.get(), 1u);
  EXPECT_EQ(first.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);  // still waits for the lock
  lock.release();
  ASSERT_EQ(first.wait_for(kBound), std::future_status::ready);
  EXPECT_TRUE(first.get());
  EXPECT_EQ(tickets_on_disk(h.path), 1);
}

}  // namespace
}  // namespace motcua
