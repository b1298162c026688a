// The store on :memory: and on files: migrations, round trips, the number guarantee.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "domain/decide.hpp"
#include "report_views.hpp"
#include "stats/report_aggregator.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

namespace motcua::store {
namespace {

Instant at(const char* utc_hhmm) {
  int h = 0, m = 0;
  std::sscanf(utc_hhmm, "%d:%d", &h, &m);
  // 2026-11-23 in UTC; 01:00Z is 08:00 in Hà Nội.
  return from_unix_ms(1795392000000LL + (h * 60 + m) * 60000LL);
}

using motcua::testing::TempDir;

// Runs commands through the domain and writes each batch, as the office strand does.
struct Scenario {
  OfficeConfig config = demo_office_config();
  OfficeState state;
  Store& store;

  explicit Scenario(Store& s, Instant start) : store(s) {
    state = initial_state(config, service_day(start, config.utc_offset_minutes), 1, 0);
  }
  Decision run(const Command& c, Instant now) {
    auto d = decide(config, state, c, now);
    EXPECT_TRUE(d.is_ok()) << d.status().message();
    for (auto& e : d.value().events) {
      e.seq = state.last_seq + 1;
      apply(config, state, e);
    }
    EXPECT_TRUE(store.write_batch(d.value().events, state, {}).is_ok());
    return d.value();
  }
};

IssueTicket issue(const char* service, const char* code, const char* key = "") {
  IssueTicket t;
  t.service = service;
  t.public_secret = code;
  t.idempotency_key = key;
  return t;
}

TEST(Store, OpensInMemoryAndMigratesToCurrentVersion) {
  auto store = Store::open(":memory:", {});
  ASSERT_TRUE(store.is_ok()) << store.status().message();
  auto s = store.value()->database().prepare("PRAGMA user_version");
  ASSERT_TRUE(s.is_ok());
  ASSERT_TRUE(s.value()->step());
  EXPECT_EQ(s.value()->int32(0), Store::kSchemaVersion);
}

TEST(Store, FileUsesWalAndFullSync) {
  TempDir dir;
  auto store = Store::open(dir.file("a.db"), {});
  ASSERT_TRUE(store.is_ok());
  auto& db = store.value()->database();
  auto mode = db.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.value()->step());
  EXPECT_EQ(mode.value()->text(0), "wal");
  mode.value()->reset();
  auto sync = db.prepare("PRAGMA synchronous");
  ASSERT_TRUE(sync.value()->step());
  EXPECT_EQ(sync.value()->int32(0), 2);  // FULL
}

// The WAL never held more than `max_bytes` (its file only grows, so its size is the most
// it ever held) and the database is intact.
void expect_wal_below_and_intact(Store& store, const std::string& path, std::uintmax_t max_bytes) {
  EXPECT_LT(std::filesystem::file_size(path + "-wal"), max_bytes);
  std::string integrity;
  ASSERT_TRUE(store.integrity_check(integrity).is_ok());
  EXPECT_EQ(integrity, "ok");
}

TEST(Store, TheWalIsCheckpointedInTheBackgroundAndStaysBounded) {
  TempDir dir;
  const std::string path = dir.file("wal.db");
  auto store = Store::open(path, {});
  ASSERT_TRUE(store.is_ok());
  Scenario sc(*store.value(), at("01:00"));
  // Enough single-ticket commits to pass the checkpoint threshold several times over.
  for (int i = 0; i < 2500; ++i) {
    const std::string& service = sc.config.services[i % sc.config.services.size()].code;
    sc.run(issue(service.c_str(), "s"), at("01:00"));
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (store.value()->background_checkpoints_done() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_GE(store.value()->background_checkpoints_done(), 1u);
  // Without checkpoints the WAL would hold every commit (~10 MB); the backlog guard keeps
  // it within a few thresholds.
  expect_wal_below_and_intact(*store.value(), path,
                              (Checkpointer::kBacklogFactor + 2) * Checkpointer::kDefaultThresholdPages * 4200);
}

TEST(Store, RefusesAFileWrittenByANewerSchema) {
  TempDir dir;
  {
    auto store = Store::open(dir.file("b.db"), {});
    ASSERT_TRUE(store.is_ok());
    ASSERT_TRUE(store.value()->database().exec("PRAGMA user_version=99").is_ok());
  }
  auto again = Store::open(dir.file("b.db"), {});
  ASSERT_FALSE(again.is_ok());
  EXPECT_EQ(again.status().error(), "store_too_new");
}

TEST(Store, ReopeningAMigratedFileKeepsItsData) {
  TempDir dir;
  {
    auto store = Store::open(dir.file("c.db"), {});
    Scenario sc(*store.value(), at("01:00"));
    sc.run(issue("ho-tich", "code-0001"), at("01:00"));
  }
  auto store = Store::open(dir.file("c.db"), {});
  ASSERT_TRUE(store.is_ok());
  auto loaded = store.value()->load(at("01:05"));
  ASSERT_TRUE(loaded.is_ok());
  ASSERT_EQ(loaded.value().tickets.size(), 1u);
  EXPECT_EQ(loaded.value().tickets[0].display, "1001");
}


TEST(Store, CodesAreFoundThroughTheirTicketIdWithoutACodeIndex) {
  auto store = Store::open(":memory:", {});
  Scenario sc(*store.value(), at("01:00"));
  const auto d = sc.run(issue("ho-tich", "Secr3t_abcd"), at("01:00"));
  const std::string code = std::to_string(d.ticket_id) + ".Secr3t_abcd";
  auto found = store.value()->find_ticket_by_code(code);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, d.ticket_id);
  EXPECT_EQ(found->public_code, code);
  EXPECT_FALSE(store.value()->find_ticket_by_code("999.Secr3t_abcd").has_value());
  // Issuing writes no random-keyed index entry any more.
  auto idx = store.value()->database().prepare("SELECT COUNT(*) FROM sqlite_master WHERE name='tickets_code'");
  ASSERT_TRUE(idx.is_ok());
  ASSERT_TRUE(idx.value()->step());
  EXPECT_EQ(idx.value()->int32(0), 0);
}

TEST(Store, MigrationToV2KeepsCodesPrintedBeforeIt) {
  TempDir dir;
  std::int64_t id = 0;
  {
    // A version 1 file: the unique code index, and a code without the id part.
    auto store = Store::open(dir.file("v1.db"), {});
    Scenario sc(*store.value(), at("01:00"));
    id = sc.run(issue("ho-tich", "unused"), at("01:00")).ticket_id;
    auto& db = store.value()->database();
    ASSERT_TRUE(db.exec("DROP INDEX tickets_legacy_code").is_ok());
    ASSERT_TRUE(db.exec("CREATE UNIQUE INDEX tickets_code ON tickets(public_code)").is_ok());
    ASSERT_TRUE(db.exec("UPDATE tickets SET public_code='k3J9xQ2mTa7w'").is_ok());
    ASSERT_TRUE(db.exec("PRAGMA user_version=1").is_ok());
  }
  auto store = Store::open(dir.file("v1.db"), {});
  ASSERT_TRUE(store.is_ok()) << store.status().message();
  auto old = store.value()->find_ticket_by_code("k3J9xQ2mTa7w");
  ASSERT_TRUE(old.has_value());
  EXPECT_EQ(old->id, id);
  auto plan = store.value()->database().prepare(
      "EXPLAIN QUERY PLAN SELECT id FROM tickets WHERE public_code='x' AND instr(public_code, '.') = 0");
  ASSERT_TRUE(plan.is_ok());
  std::string detail;
  while (plan.value()->step()) detail += plan.value()->text(3);
  EXPECT_NE(detail.find("tickets_legacy_code"), std::string::npos) << detail;
}
TEST(Store, LoadRebuildsTodaysTicketsCountersAndSequence) {
  auto store = Store::open(":memory:", {});
  Scenario sc(*store.value(), at("01:00"));
  sc.run(issue("ho-tich", "code-0001", "k1"), at("01:00"));
  sc.run(issue("chung-thuc", "code-0002"), at("01:01"));
  sc.run(SignIn{1, "canbo1"}, at("01:02"));
  sc.run(CallNext{1, "canbo1"}, at("01:03"));
  sc.run(StartServing{1, "canbo1"}, at("01:04"));
  sc.run(CloseTicket{1, "canbo1"}, at("01:09"));
  sc.run(CastVote{1, 1, 4, "cho_lau"}, at("01:10"));

  auto loaded = store.value()->load(at("01:11"));
  ASSERT_TRUE(loaded.is_ok());
  const auto& l = loaded.value();
  EXPECT_EQ(l.last_seq, sc.state.last_seq);
  EXPECT_EQ(l.next_ticket_id, 3);
  ASSERT_EQ(l.tickets.size(), 2u);
  EXPECT_EQ(l.tickets[0].state, TicketState::done);
  EXPECT_EQ(l.tickets[0].rating, 4);
  EXPECT_EQ(l.tickets[0].rating_reason, "cho_lau");
  EXPECT_EQ(l.tickets[0].officer, "canbo1");
  EXPECT_EQ(l.tickets[0].idempotency_key, "k1");
  EXPECT_EQ(l.tickets[1].state, TicketState::waiting);
  ASSERT_FALSE(l.recent_calls.empty());
  EXPECT_EQ(l.recent_calls.front().ticket_id, 1);

  // Restoring from the loaded rows gives the same lines and numbering as the live state.
  OfficeState restored = initial_state(sc.config, l.service_day, l.next_ticket_id, l.last_seq);
  restore(sc.config, restored, l.tickets, l.counters);
  EXPECT_EQ(restored.counters.at(1).state, CounterState::idle);
  EXPECT_EQ(restored.counters.at(1).officer, "canbo1");
  EXPECT_EQ(restored.counters.at(1).served_today, 1);
  EXPECT_EQ(restored.services.at("ho-tich").highest_number, 1001);
  EXPECT_EQ(restored.lines.at("chung-thuc").size(), 1u);
  EXPECT_EQ(restored.idempotency.at("k1"), 1);
}

TEST(Store, VoteRowLinksTicketCounterAndOfficer) {
  auto store = Store::open(":memory:", {});
  Scenario sc(*store.value(), at("01:00"));
  sc.run(issue("dat-dai", "code-0003"), at("01:00"));
  sc.run(SignIn{3, "canbo3"}, at("01:00"));
  sc.run(CallNext{3, "canbo3"}, at("01:01"));
  sc.run(StartServing{3, "canbo3"}, at("01:02"));
  sc.run(CloseTicket{3, "canbo3"}, at("01:03"));
  sc.run(CastVote{1, 3, 2, ""}, at("01:04"));
  auto s = store.value()->database().prepare("SELECT ticket_id, counter, officer, rating FROM votes");
  ASSERT_TRUE(s.value()->step());
  EXPECT_EQ(s.value()->int64(0), 1);
  EXPECT_EQ(s.value()->int32(1), 3);
  EXPECT_EQ(s.value()->text(2), "canbo3");
  EXPECT_EQ(s.value()->int32(3), 2);
}

TEST(Store, TheDatabaseRefusesARepeatedNumberWithinADay) {
  auto store = Store::open(":memory:", {});
  Scenario sc(*store.value(), at("01:00"));
  sc.run(issue("ho-tich", "code-0001"), at("01:00"));
  // A forged second ticket with the same number must not commit, and nothing of its
  // batch may remain.
  OfficeState forged = sc.state;
  Event e;
  e.seq = forged.last_seq + 1;
  e.type = EventType::ticket_issued;
  e.at = at("01:01");
  e.ticket_id = 2;
  e.service = "ho-tich";
  e.number = 1001;
  e.display = "1001";
  e.service_day = forged.service_day;
  e.public_code = "code-0002";
  apply(sc.config, forged, e);
  Status s = store.value()->write_batch({e}, forged, {});
  EXPECT_FALSE(s.is_ok());
  auto count = store.value()->database().prepare("SELECT COUNT(*) FROM events");
  ASSERT_TRUE(count.value()->step());
  EXPECT_EQ(count.value()->int64(0), 1);
}

// Issued tickets and events go in as INSERTs of 16, 4 and 1 rows: 21 of each takes all
// three sizes, and every row must come back as it was bound.
// Decides and applies `c` into one batch that is written later, as a busy strand stages.
void stage(const OfficeConfig& config, OfficeState& state, const Command& c, Instant now, std::vector<Event>& batch) {
  auto d = decide(config, state, c, now);
  ASSERT_TRUE(d.is_ok()) << d.status().message();
  for (auto& e : d.value().events) {
    e.seq = state.last_seq + 1;
    apply(config, state, e);
    batch.push_back(e);
  }
}

TEST(Store, ABatchOfManyNewTicketsIsWrittenRowForRow) {
  auto store = Store::open(":memory:", {});
  OfficeConfig config = demo_office_config();
  OfficeState state = initial_state(config, service_day(at("01:00"), config.utc_offset_minutes), 1, 0);
  std::vector<Event> batch;
  for (int i = 0; i < 21; ++i) {
    IssueTicket cmd = issue(i % 2 ? "ho-tich" : "chung-thuc", ("code-" + std::to_string(i)).c_str(),
                            i % 3 ? "" : ("key-" + std::to_string(i)).c_str());
    cmd.priority = i % 5 == 0;
    stage(config, state, cmd, at("01:00") + std::chrono::seconds(i), batch);
  }
  ASSERT_EQ(batch.size(), 21u);
  ASSERT_TRUE(store.value()->write_batch(batch, state, {}).is_ok());

  auto loaded = store.value()->load(at("01:30"));
  ASSERT_TRUE(loaded.is_ok());
  ASSERT_EQ(loaded.value().tickets.size(), 21u);
  EXPECT_EQ(loaded.value().last_seq, 21);
  for (const Ticket& row : loaded.value().tickets) {
    const Ticket* live = state.find_ticket(row.id);
    ASSERT_NE(live, nullptr);
    EXPECT_EQ(row.number, live->number);
    EXPECT_EQ(row.service, live->service);
    EXPECT_EQ(row.display, live->display);
    EXPECT_EQ(row.priority, live->priority);
    EXPECT_EQ(row.public_code, live->public_code);
    EXPECT_EQ(row.idempotency_key, live->idempotency_key);
    EXPECT_EQ(row.issued_at, live->issued_at);
  }
  auto events = store.value()->database().prepare("SELECT seq, ticket_id, type FROM events ORDER BY seq");
  ASSERT_TRUE(events.is_ok());
  for (const Event& e : batch) {
    ASSERT_TRUE(events.value()->step());
    EXPECT_EQ(events.value()->int64(0), e.seq);
    EXPECT_EQ(events.value()->int64(1), e.ticket_id);
    EXPECT_EQ(events.value()->text(2), "ticket.issued");
  }
  EXPECT_FALSE(events.value()->step());
}

// A clash inside a multi-row INSERT refuses the whole batch: no row of it remains.
TEST(Store, AClashInsideAManyRowInsertLeavesNothingOfTheBatch) {
  auto store = Store::open(":memory:", {});
  OfficeConfig config = demo_office_config();
  OfficeState state = initial_state(config, service_day(at("01:00"), config.utc_offset_minutes), 1, 0);
  std::vector<Event> batch;
  for (int i = 0; i < 16; ++i)
    stage(config, state, issue("ho-tich", ("code-" + std::to_string(i)).c_str()), at("01:00"), batch);
  // Ticket 1 is already in the database: the 16-row INSERT that carries it again fails.
  OfficeState only_first = initial_state(config, state.service_day, 1, 0);
  apply(config, only_first, batch.front());
  ASSERT_TRUE(store.value()->write_batch({batch.front()}, only_first, {}).is_ok());
  std::vector<Event> again(batch.begin() + 1, batch.end());
  again.insert(again.begin(), batch.front());
  for (std::size_t i = 0; i < again.size(); ++i) again[i].seq = 100 + static_cast<std::int64_t>(i);
  EXPECT_FALSE(store.value()->write_batch(again, state, {}).is_ok());
  auto count = store.value()->database().prepare("SELECT (SELECT COUNT(*) FROM tickets), (SELECT COUNT(*) FROM events)");
  ASSERT_TRUE(count.value()->step());
  EXPECT_EQ(count.value()->int64(0), 1);
  EXPECT_EQ(count.value()->int64(1), 1);
}

TEST(Store, DayRolloverExpiresOpenTicketsInTheLog) {
  auto store = Store::open(":memory:", {});
  Scenario sc(*store.value(), at("01:00"));
  sc.run(issue("ho-tich", "code-0001"), at("01:00"));
  // 17:00Z is local midnight: the next command starts a new day.
  sc.run(issue("ho-tich", "code-0002"), at("17:30"));
  auto t1 = store.value()->find_ticket(1);
  ASSERT_TRUE(t1.has_value());
  EXPECT_EQ(t1->state, TicketState::cancelled);
  auto t2 = store.value()->find_ticket(2);
  ASSERT_TRUE(t2.has_value());
  EXPECT_EQ(t2->display, "1001");  // numbering restarted
  std::vector<std::string> types;
  store.value()->for_each_event(from_unix_ms(0), at("23:59"), [&](const Event& e) {
    types.emplace_back(to_string(e.type));
    if (e.type == EventType::ticket_cancelled) {
      EXPECT_EQ(e.reason, "day_end");
    }
    return true;
  });
  EXPECT_EQ(types, (std::vector<std::string>{"ticket.issued", "ticket.cancelled", "day.started", "ticket.issued"}));
}

// The whole office's report over service days from..to, read from the store's event log
// as ticketd's report runner reads it.
stats::ReportRow office_total_from_store(Store& store, const OfficeConfig& config, int from_day, int to_day) {
  stats::ReportAggregator agg(config, stats::ReportQuery{from_day, to_day});
  EXPECT_TRUE(store
                  .for_each_event_view(start_of_service_day(from_day, config.utc_offset_minutes),
                                       start_of_service_day(to_day + 1, config.utc_offset_minutes),
                                       [&](const stats::EventView& e) {
                                         agg.add(e);
                                         return true;
                                       })
                  .is_ok());
  return agg.finish().total;
}

// An office that shuts its PC at night logs the expiry of the evening's leftovers the next
// morning. A report over both days reads them from the store as unfinished, as a report of
// the first day alone does, and the ticket list says the day ended on them.
TEST(Store, ADayEndExpiryIsUnfinishedNotCancelledInReportsAndTheTicketList) {
  auto store = Store::open(":memory:", {});
  Scenario sc(*store.value(), at("01:00"));
  sc.run(issue("ho-tich", "code-0001"), at("01:00"));
  sc.run(issue("ho-tich", "code-0002"), at("01:05"));
  sc.run(CancelTicket{2, "citizen_left", ""}, at("02:00"));
  sc.run(issue("ho-tich", "code-0003"), at("23:30"));  // 06:30 the next morning in Hà Nội
  const int day1 = service_day(at("01:00"), sc.config.utc_offset_minutes);

  auto report = [&](int to_day) { return office_total_from_store(*store.value(), sc.config, day1, to_day); };
  const stats::ReportRow first_day = report(day1);
  EXPECT_EQ(first_day.issued, 2);
  EXPECT_EQ(first_day.cancelled, 1);
  EXPECT_EQ(first_day.unfinished, 1);
  const stats::ReportRow both_days = report(day1 + 1);
  EXPECT_EQ(both_days.issued, 3);
  EXPECT_EQ(both_days.cancelled, 1) << "the day-end expiry was counted as a cancellation";
  EXPECT_EQ(both_days.unfinished, 2);

  std::string csv;
  ASSERT_TRUE(store.value()
                  ->for_each_ticket(day1, day1, false,
                                    [&](const Ticket& t) {
                                      stats::append_csv_record(
                                          csv, ticket_cells(sc.config, t, sc.config.utc_offset_minutes, false));
                                      return true;
                                    })
                  .is_ok());
  EXPECT_NE(csv.find(",Chưa hoàn tất (hết ngày),"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",Đã hủy,"), std::string::npos) << csv;
}

// Read back from the store, only an officer's hand-on counts as a transfer; a ticket a
// supervisor's force-close put back in line does not.
TEST(Store, ReportsCountOfficersTransfersOnly) {
  auto store = Store::open(":memory:", {});
  Scenario sc(*store.value(), at("01:00"));
  sc.run(SignIn{1, "canbo1"}, at("01:00"));
  sc.run(issue("ho-tich", "code-0001"), at("01:01"));
  sc.run(issue("ho-tich", "code-0002"), at("01:02"));
  sc.run(CallNext{1, "canbo1"}, at("01:03"));
  sc.run(Transfer{1, "canbo1", "chung-thuc", 0}, at("01:04"));  // handed on: counts
  sc.run(CallNext{1, "canbo1"}, at("01:05"));
  sc.run(CloseCounter{1, "lanhdao"}, at("01:06"));  // put back in line: does not
  const int day = service_day(at("01:00"), sc.config.utc_offset_minutes);
  EXPECT_EQ(office_total_from_store(*store.value(), sc.config, day, day).transferred, 1);
}

// A busy midnight: a ticket issued and the day ended within one group commit. The
// ticket is gone from memory when the batch is written, yet its row must exist, finished.
TEST(Store, ATicketIssuedAndExpiredInOneBatchIsWrittenCancelled) {
  auto store = Store::open(":memory:", {});
  OfficeConfig config = demo_office_config();
  OfficeState state = initial_state(config, service_day(at("16:59"), config.utc_offset_minutes), 1, 0);
  Batch batch;
  auto run = [&](const Command& c, Instant now) {
    auto d = decide(config, state, c, now);
    ASSERT_TRUE(d.is_ok()) << d.status().message();
    for (auto& e : d.value().events) {
      e.seq = state.last_seq + 1;
      apply(config, state, e);
    }
    batch.add(std::move(d.value().events), state);
  };
  run(issue("ho-tich", "late"), at("16:59"));
  run(issue("ho-tich", "early"), at("17:01"));  // 00:01 in Hà Nội: a new day
  ASSERT_TRUE(store.value()->write_batch(batch).is_ok());
  auto late = store.value()->find_ticket(1);
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->state, TicketState::cancelled);
  auto early = store.value()->find_ticket(2);
  ASSERT_TRUE(early.has_value());
  EXPECT_EQ(early->state, TicketState::waiting);
  EXPECT_EQ(early->display, "1001");
}

// With one I/O thread the office writes on it and must not wait for another connection's
// write lock: such a write gives up at once, writes nothing, and says why.
TEST(Store, AWriteThatMustNotWaitGivesUpAtOnceOnAnotherConnectionsLock) {
  TempDir dir;
  const std::string path = dir.file("locked.db");
  StoreOptions options;
  options.busy_timeout_ms = 30000;
  auto store = Store::open(path, options);
  ASSERT_TRUE(store.is_ok());
  OfficeConfig config = demo_office_config();
  OfficeState state = initial_state(config, service_day(at("01:00"), config.utc_offset_minutes), 1, 0);
  auto d = decide(config, state, issue("ho-tich", "s"), at("01:00"));
  ASSERT_TRUE(d.is_ok());
  for (auto& e : d.value().events) {
    e.seq = state.last_seq + 1;
    apply(config, state, e);
  }
  Batch batch;
  batch.add(std::move(d.value().events), state);

  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  const auto started = std::chrono::steady_clock::now();
  const Status refused = store.value()->write_batch(batch, Store::LockWait::not_at_all);
  EXPECT_TRUE(Store::lock_busy(refused)) << refused.message();
  // It did not wait out the 30 s busy timeout.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_FALSE(Store::lock_busy(Status::unavailable("store_error", "another failure")));
  ASSERT_EQ(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);

  // Nothing of it was written, and the same batch goes in once the lock is free; the
  // connection still waits for a lock when asked to (its busy timeout is back).
  EXPECT_EQ(store.value()->find_ticket(1), std::nullopt);
  ASSERT_TRUE(store.value()->write_batch(batch, Store::LockWait::not_at_all).is_ok());
  ASSERT_TRUE(store.value()->find_ticket(1).has_value());
  auto timeout = store.value()->database().prepare("PRAGMA busy_timeout");
  ASSERT_TRUE(timeout.is_ok());
  ASSERT_TRUE(timeout.value()->step());
  EXPECT_EQ(timeout.value()->int32(0), 30000);
  timeout.value()->reset();
}

// A writer that never pauses: a background checkpoint never catches up on its own, so
// the writer copies the rest between commits and the WAL starts over from its beginning
// instead of growing to the backlog guard (a growing file costs more to sync).
TEST(Store, TheWriterFinishingBackgroundCheckpointsKeepsTheWalSmall) {
  TempDir dir;
  const std::string path = dir.file("busy.db");
  StoreOptions options;
  options.synchronous = "NORMAL";  // the same WAL dynamics, without a sync per commit
  auto store = Store::open(path, options);
  ASSERT_TRUE(store.is_ok());
  OfficeConfig config = demo_office_config();
  for (auto& service : config.services) service.last_number = service.first_number + 10'000'000;
  OfficeState state = initial_state(config, service_day(at("01:00"), config.utc_offset_minutes), 1, 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  int commits = 0;
  // ~20,000 frames: without restarts the WAL would grow to the backlog guard (8,000).
  while (commits < 500 && std::chrono::steady_clock::now() < deadline) {
    // Batches the size a busy office's group commits reach.
    Batch batch;
    for (int i = 0; i < 40; ++i) {
      auto d = decide(config, state, issue(config.services[i % config.services.size()].code.c_str(), "s"), at("01:00"));
      ASSERT_TRUE(d.is_ok());
      for (auto& e : d.value().events) {
        e.seq = state.last_seq + 1;
        apply(config, state, e);
      }
      batch.add(std::move(d.value().events), state);
    }
    ASSERT_TRUE(store.value()->write_batch(batch).is_ok());
    ++commits;
    store.value()->finish_background_checkpoint();
    // About one sync's time, as between an office's commits: without it this loop can
    // starve the checkpointer's thread on busy cores (ctest -j2), and the WAL then grows
    // to the backlog guard whatever the restarts do (seen once: 31.9 MB).
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  ASSERT_EQ(commits, 500);
  EXPECT_GE(store.value()->background_checkpoints_done(), 3u);
  // Restarting keeps the WAL a little over Checkpointer::kFinishFactor thresholds (of
  // pages of ~4.1 KB each); without, it reaches the guard (kBacklogFactor thresholds).
  expect_wal_below_and_intact(*store.value(), path,
                              (Checkpointer::kFinishFactor + 2) * Checkpointer::kDefaultThresholdPages * 4200);
}

int pragma_synchronous(Store& store) {
  auto s = store.database().prepare("PRAGMA synchronous");
  int value = -1;
  if (s.is_ok() && s.value()->step()) value = s.value()->int32(0);
  if (s.is_ok()) s.value()->reset();
  return value;
}

// Who syncs the WAL: SQLite inside each COMMIT, or the caller's WalSyncer through
// sync_wal(). Only FULL on a file hands it over; SQLite then commits at NORMAL (1).
TEST(Store, SyncingTheWalSeparatelyTakesItOutOfTheCommit) {
  TempDir dir;
  struct Case {
    const char* name;
    std::string path;
    std::string synchronous;
    bool separately;
    bool needs_sync;
    int pragma;  // 1 NORMAL, 2 FULL, 3 EXTRA
  };
  const Case cases[] = {
      {"FULL, in the commit", dir.file("a.db"), "FULL", false, false, 2},
      {"FULL, separately", dir.file("b.db"), "FULL", true, true, 1},
      {"NORMAL never syncs at commit", dir.file("c.db"), "NORMAL", true, false, 1},
      {"EXTRA keeps its own syncs", dir.file("d.db"), "EXTRA", true, false, 3},
      {"memory has no file", ":memory:", "FULL", true, false, 1},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    StoreOptions options;
    options.synchronous = c.synchronous;
    options.sync_wal_separately = c.separately;
    auto store = Store::open(c.path, options);
    ASSERT_TRUE(store.is_ok());
    EXPECT_EQ(store.value()->commits_need_wal_sync(), c.needs_sync);
    if (c.path != ":memory:") {
      EXPECT_EQ(pragma_synchronous(*store.value()), c.pragma);
    }
    OfficeConfig config = demo_office_config();
    OfficeState state = initial_state(config, service_day(at("08:00"), config.utc_offset_minutes), 1, 0);
    auto d = decide(config, state, issue("ho-tich", "s"), at("08:00"));
    ASSERT_TRUE(d.is_ok());
    d.value().events[0].seq = 1;
    apply(config, state, d.value().events[0]);
    ASSERT_TRUE(store.value()->write_batch(d.value().events, state, {}).is_ok());
    EXPECT_TRUE(store.value()->sync_wal().is_ok());
  }
}

TEST(Store, SessionsSurviveAndExpire) {
  TempDir dir;
  {
    auto store = Store::open(dir.file("s.db"), {});
    OfficeState st = initial_state(demo_office_config(), 20000, 1, 0);
    SessionRecord live{"hash-live", "canbo1", 1, at("01:00"), at("13:00")};
    SessionRecord old{"hash-old", "canbo2", 2, at("00:00"), at("01:00")};
    ASSERT_TRUE(store.value()
                    ->write_batch({}, st, {{SessionWrite::Kind::insert, live}, {SessionWrite::Kind::insert, old}})
                    .is_ok());
  }
  auto store = Store::open(dir.file("s.db"), {});
  auto loaded = store.value()->load(at("02:00"));
  ASSERT_EQ(loaded.value().sessions.size(), 1u);
  EXPECT_EQ(loaded.value().sessions[0].username, "canbo1");
}

TEST(Store, PurgeIdentityRemovesOnlyOldPersonalData) {
  auto store = Store::open(":memory:", {});
  Scenario sc(*store.value(), at("01:00"));
  IssueTicket a = issue("ho-tich", "code-0001");
  a.identity = R"({"phone":"0912345678"})";
  sc.run(a, at("01:00"));
  IssueTicket b = issue("ho-tich", "code-0002");
  b.identity = R"({"phone":"0987654321"})";
  sc.run(b, at("03:00"));
  auto purged = store.value()->purge_identity(at("02:00"));
  ASSERT_TRUE(purged.is_ok());
  EXPECT_EQ(purged.value(), 1);
  EXPECT_EQ(store.value()->find_ticket(1)->identity, "");
  EXPECT_EQ(store.value()->find_ticket(2)->identity, R"({"phone":"0987654321"})");
}

TEST(Store, EventPayloadsRoundTripWithoutPersonalData) {
  Event e;
  e.type = EventType::ticket_issued;
  e.service = "ho-tich";
  e.number = 1023;
  e.display = "1023";
  e.priority = true;
  e.priority_group = "cao_tuoi";
  e.service_day = 20415;
  e.identity = R"({"id_number":"001099012345"})";
  const std::string payload = event_payload_json(e);
  EXPECT_EQ(payload.find("001099012345"), std::string::npos);
  Event back;
  back.type = e.type;
  read_event_payload(payload, back);
  EXPECT_EQ(back.service, "ho-tich");
  EXPECT_EQ(back.number, 1023);
  EXPECT_TRUE(back.priority);
  EXPECT_EQ(back.priority_group, "cao_tuoi");
  EXPECT_EQ(back.service_day, 20415);
}

TEST(Store, EveryEventTypeKeepsItsPayloadFields) {
  auto check = [](const Event& e) {
    Event back;
    back.type = e.type;
    read_event_payload(event_payload_json(e), back);
    EXPECT_EQ(back.service, e.service) << to_string(e.type);
    EXPECT_EQ(back.to_counter, e.to_counter) << to_string(e.type);
    EXPECT_EQ(back.rating, e.rating) << to_string(e.type);
    EXPECT_EQ(back.reason, e.reason) << to_string(e.type);
    EXPECT_EQ(back.service_day, e.service_day) << to_string(e.type);
  };
  Event transfer;
  transfer.type = EventType::ticket_transferred;
  transfer.service = "dat-dai";
  transfer.to_counter = 4;
  check(transfer);
  Event vote;
  vote.type = EventType::vote_recorded;
  vote.rating = 4;
  vote.reason = "Chờ \"quá\" lâu\n";
  check(vote);
  for (EventType t : {EventType::counter_paused, EventType::ticket_cancelled, EventType::ticket_called}) {
    Event e;
    e.type = t;
    e.reason = "nghi_trua";
    check(e);
  }
  Event day;
  day.type = EventType::day_started;
  day.service_day = 20781;
  check(day);
}

}  // namespace
}  // namespace motcua::store
