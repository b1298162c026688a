// /api/reports over twelve days of history in the daemon's database file, which the daemon
// reads through its own read-only connections, cut at day starts into parts scanned at
// once: the figures equal what was written (medians and p90 included), a range equals the
// sum of its days, and tickets are issued while reports run.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>
#include <vector>

#include "daemon_process.hpp"
#include "dashboard_test_support.hpp"
#include "store/store.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;

constexpr int kDays = 12;
constexpr int kPerDay = 1500;
constexpr int kOffset = 420;  // the demo office: Asia/Ho_Chi_Minh

// What the seeder wrote on one day.
struct DayFigures {
  std::int64_t issued = 0, served = 0, no_show = 0, cancelled = 0, votes = 0;
};

struct Row {
  std::int64_t at;
  const char* type;
  std::int64_t ticket;
  int counter;
  std::string officer, payload;
};

// Finished days as the daemon writes them: day.started just after midnight, then per
// ticket issued / called / started / closed / vote in time order, and the ticket rows (so
// the daemon goes on from the last day and id). 1 in 20 tickets is cancelled, 2 in 20 are
// no-shows, half the served vote. Waits are 1..7 minutes.
Status seed(const std::string& path, int first_day, std::vector<DayFigures>& days, std::vector<std::int64_t>& waits) {
  auto opened = store::Store::open(path, {"NORMAL"});
  if (!opened.is_ok()) return opened.status();
  store::Database& db = opened.value()->database();
  const OfficeConfig config = demo_office_config();
  auto ins =
      db.prepare("INSERT INTO events(seq, at, type, ticket_id, counter, officer, payload) VALUES(?,?,?,?,?,?,?)");
  auto ticket = db.prepare(
      "INSERT INTO tickets(id, service_day, issued_service, number, service, display, priority, priority_group, "
      "state, issued_at, queue_at, called_at, started_at, ended_at, counter, officer, recalls, transfers, "
      "target_counter, public_code, idempotency_key, identity, rating, rating_reason) "
      "VALUES(?1, ?2, ?3, ?4, ?3, ?5, 0, '', ?6, ?7, ?7, ?8, ?9, ?10, ?11, ?12, 0, 0, 0, ?13, NULL, NULL, ?14, ?15)");
  if (!ins.is_ok()) return ins.status();
  if (!ticket.is_ok()) return ticket.status();
  if (Status s = db.exec("BEGIN"); !s.is_ok()) return s;
  std::int64_t seq = 0, id = 0;
  for (int d = 0; d < kDays; ++d) {
    const int day = first_day + d;
    const std::int64_t midnight = to_unix_ms(start_of_service_day(day, kOffset));
    const std::string day_text = std::to_string(day);
    std::vector<Row> rows{{midnight + 15'000, "day.started", 0, 0, "", "{\"service_day\":" + day_text + "}"}};
    DayFigures f;
    for (int i = 0; i < kPerDay; ++i) {
      ++id;
      const auto& svc = config.services[static_cast<std::size_t>(i) % config.services.size()];
      const int counter = 1 + i % 6;
      const std::string officer = "canbo" + std::to_string(counter);
      const std::int64_t t0 = midnight + 7 * 3'600'000LL + i * 20'000LL;
      const std::int64_t wait = 60'000LL * (1 + i % 7);
      rows.push_back({t0, "ticket.issued", id, 0, "",
                      "{\"service\":\"" + svc.code + "\",\"number\":" + std::to_string(i + 1) + ",\"display\":\"" +
                          std::to_string(i + 1) + "\",\"priority\":false,\"service_day\":" + day_text + "}"});
      f.issued += 1;
      const char* state = "done";
      std::optional<std::int64_t> called, started, ended;
      int rating = 0;
      if (i % 20 == 0) {
        state = "cancelled";
        ended = t0 + 30'000;
        rows.push_back({*ended, "ticket.cancelled", id, 0, "", "{}"});
        f.cancelled += 1;
      } else if (i % 20 <= 2) {
        state = "no_show";
        called = t0 + wait;
        ended = *called + 60'000;
        rows.push_back({*called, "ticket.called", id, counter, officer, "{}"});
        rows.push_back({*ended, "ticket.no_show", id, counter, officer, "{}"});
        waits.push_back(wait);
        f.no_show += 1;
      } else {
        called = t0 + wait;
        started = *called + 20'000;
        ended = *started + 300'000;
        rows.push_back({*called, "ticket.called", id, counter, officer, "{}"});
        rows.push_back({*started, "ticket.started", id, counter, officer, "{}"});
        rows.push_back({*ended, "ticket.closed", id, counter, officer, "{}"});
        rows.push_back({*ended, "vote.requested", id, counter, officer, "{}"});
        waits.push_back(wait);
        f.served += 1;
        if (i % 2 == 0) {
          rating = 1 + i % 4;
          rows.push_back({*ended + 10'000, "vote.recorded", id, counter, officer,
                          rating == 4 ? "{\"rating\":4,\"reason\":\"cho_lau\"}"
                                      : "{\"rating\":" + std::to_string(rating) + "}"});
          f.votes += 1;
        }
      }
      const bool at_counter = called.has_value();
      Status s = ticket.value()->bind(1, id).bind(2, day).bind(3, svc.code).bind(4, i + 1)
                     .bind(5, std::to_string(i + 1)).bind(6, state).bind(7, t0).bind(8, called).bind(9, started)
                     .bind(10, ended).bind(11, at_counter ? counter : 0).bind(12, at_counter ? officer : "")
                     .bind(13, std::to_string(id) + ".h").bind(14, rating).bind(15, rating == 4 ? "cho_lau" : "")
                     .run();
      if (!s.is_ok()) return s;
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.at < b.at; });
    for (const Row& r : rows) {
      Status s = ins.value()->bind(1, ++seq).bind(2, r.at).bind(3, r.type).bind(4, r.ticket).bind(5, r.counter)
                     .bind(6, r.officer).bind(7, r.payload).run();
      if (!s.is_ok()) return s;
    }
    days.push_back(f);
  }
  return db.exec("COMMIT");
}

// Nearest rank, as docs/API.md defines percentiles.
double nearest_rank_s(std::vector<std::int64_t> ms, int p) {
  const std::size_t rank = (static_cast<std::size_t>(p) * ms.size() + 99) / 100;
  std::nth_element(ms.begin(), ms.begin() + static_cast<std::ptrdiff_t>(rank - 1), ms.end());
  return static_cast<double>(ms[rank - 1]) / 1000.0;
}

class ReportsHistory : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    daemon_ = new DaemonProcess();
    const auto now = std::chrono::system_clock::now();
    today_ = service_day(std::chrono::time_point_cast<std::chrono::milliseconds>(now), kOffset);
    first_day_ = today_ - kDays - 2;  // finished days, well before today
    Status s = seed(daemon_->db_path(), first_day_, days_, waits_);
    ASSERT_TRUE(s.is_ok()) << s.message();
    ASSERT_TRUE(daemon_->start()) << daemon_->log();
    client::ApiClient boss(client_at(daemon_->port()));
    ASSERT_EQ(boss.login("lanhdao", "demo1234", std::nullopt).status, 200);
    token_ = boss.token();
  }
  static void TearDownTestSuite() {
    delete daemon_;
    daemon_ = nullptr;
  }
  static std::string range(int from, int to, const std::string& extra = "") {
    return "/api/reports?from=" + service_day_to_iso(from) + "&to=" + service_day_to_iso(to) + extra;
  }
  static json::value get(const std::string& target) {
    auto r = raw_get(daemon_->port(), target, token_);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return r.status == 200 ? json::parse(r.body) : json::value();
  }
  static std::int64_t total(const json::value& rep, const char* key) {
    return rep.is_object() ? rep.at("total").at(key).as_int64() : -1;
  }

  static DaemonProcess* daemon_;
  static int today_, first_day_;
  static std::vector<DayFigures> days_;
  static std::vector<std::int64_t> waits_;
  static std::string token_;
};
DaemonProcess* ReportsHistory::daemon_ = nullptr;
int ReportsHistory::today_ = 0;
int ReportsHistory::first_day_ = 0;
std::vector<DayFigures> ReportsHistory::days_;
std::vector<std::int64_t> ReportsHistory::waits_;
std::string ReportsHistory::token_;

TEST_F(ReportsHistory, FiguresOverEveryDayEqualWhatWasWritten) {
  DayFigures all;
  for (const auto& d : days_) {
    all.issued += d.issued, all.served += d.served, all.no_show += d.no_show;
    all.cancelled += d.cancelled, all.votes += d.votes;
  }
  for (const char* group : {"service", "counter", "officer", "office"}) {
    SCOPED_TRACE(group);
    const json::value rep = get(range(first_day_, first_day_ + kDays - 1, std::string("&group=") + group));
    ASSERT_TRUE(rep.is_object());
    EXPECT_EQ(total(rep, "issued"), all.issued);
    EXPECT_EQ(total(rep, "served"), all.served);
    EXPECT_EQ(total(rep, "no_show"), all.no_show);
    EXPECT_EQ(total(rep, "cancelled"), all.cancelled);
    EXPECT_EQ(total(rep, "unfinished"), 0);
    EXPECT_EQ(total(rep, "votes"), all.votes);
    const auto& wait = rep.at("total").at("wait");
    EXPECT_EQ(wait.at("count").as_int64(), static_cast<std::int64_t>(waits_.size()));
    // Exact only if every part's samples reached the merged report.
    EXPECT_DOUBLE_EQ(wait.at("median_s").as_double(), nearest_rank_s(waits_, 50));
    EXPECT_DOUBLE_EQ(wait.at("p90_s").as_double(), nearest_rank_s(waits_, 90));
    std::int64_t rows_issued = 0;
    for (const auto& row : rep.at("rows").as_array()) rows_issued += row.at("issued").as_int64();
    EXPECT_EQ(rows_issued, all.issued);
  }
  // The per-ticket export reads the same file: a line per ticket after the header.
  auto csv = raw_get(daemon_->port(), range(first_day_, first_day_ + kDays - 1, "&detail=tickets&format=csv"), token_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(parse_csv(csv.body.substr(3)).size(), static_cast<std::size_t>(all.issued) + 1);
}

TEST_F(ReportsHistory, ARangeEqualsTheSumOfItsDays) {
  // Ranges of several lengths and offsets, so the daemon's cut falls on different days.
  for (auto [from, to] : {std::pair{0, kDays - 1}, std::pair{0, 1}, std::pair{3, 8}, std::pair{5, 11}}) {
    SCOPED_TRACE(std::to_string(from) + ".." + std::to_string(to));
    const json::value rep = get(range(first_day_ + from, first_day_ + to, "&group=counter"));
    std::int64_t issued = 0, served = 0, votes = 0, called = 0;
    for (int d = from; d <= to; ++d) {
      const json::value day = get(range(first_day_ + d, first_day_ + d, "&group=counter"));
      issued += total(day, "issued"), served += total(day, "served"), votes += total(day, "votes");
      called += total(day, "called");
      EXPECT_EQ(total(day, "issued"), days_[static_cast<std::size_t>(d)].issued);
    }
    EXPECT_EQ(total(rep, "issued"), issued);
    EXPECT_EQ(total(rep, "served"), served);
    EXPECT_EQ(total(rep, "votes"), votes);
    EXPECT_EQ(total(rep, "called"), called);
  }
}

TEST_F(ReportsHistory, TicketsAreIssuedWhileReportsRun) {
  // Three readers ask for the whole history over and over while a kiosk issues tickets.
  // Each request is bounded (10 s); the point is that all of them succeed side by side.
  std::int64_t expected = 0;
  for (const auto& d : days_) expected += d.issued;
  const std::string target = range(first_day_, first_day_ + kDays - 1, "&group=officer");
  std::atomic<int> good{0}, bad{0};
  std::atomic<bool> issuing{true};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t)
    readers.emplace_back([&] {
      for (int k = 0; k < 50 && (k < 3 || issuing); ++k) {
        auto r = raw_get(daemon_->port(), target, token_);
        const bool ok = r.status == 200 && json::parse(r.body).at("total").at("issued").as_int64() == expected;
        (ok ? good : bad) += 1;
      }
    });
  client::ApiClient kiosk(client_at(daemon_->port()));
  kiosk.set_device_key("demo-kiosk-key-1");
  constexpr int kIssued = 20;
  int issued = 0;
  for (int i = 0; i < kIssued; ++i)
    issued += kiosk.post("/api/tickets", json::object{{"service", "ho-tich"}}).status == 201;
  issuing = false;
  for (auto& t : readers) t.join();
  EXPECT_EQ(issued, kIssued);
  EXPECT_GE(good.load(), 9);
  EXPECT_EQ(bad.load(), 0);
  // A range reaching today sees the committed tickets too, after the history. (To
  // tomorrow: the daemon's day may have rolled since the suite began.)
  const json::value with_today = get(range(first_day_, today_ + 1));
  EXPECT_EQ(total(with_today, "issued"), expected + kIssued);
  EXPECT_EQ(total(with_today, "unfinished"), kIssued);
}

}  // namespace
}  // namespace motcua::testing
