// Numbering: per-service blocks, display strings, caps, opening hours, the local-midnight
// restart, and idempotent issuing.
#include <gtest/gtest.h>

#include "domain_fixture.hpp"

namespace motcua::domain_test {
namespace {

TEST(Numbering, DisplayNumberTable) {
  struct Row {
    const char* name;
    std::string prefix;
    int number;
    std::string expected;
  };
  const std::vector<Row> table = {
      {"block number as is", "", 1001, "1001"},
      {"block number, later", "", 6023, "6023"},
      {"small number without prefix", "", 7, "7"},
      {"prefix pads to three digits", "A", 1, "A001"},
      {"prefix, two digits", "A", 23, "A023"},
      {"prefix, three digits", "B", 999, "B999"},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    Service s;
    s.prefix = row.prefix;
    EXPECT_EQ(display_number(s, row.number), row.expected);
  }
}

TEST(Numbering, EachServiceCountsInItsOwnBlock) {
  Office o;
  struct Row {
    const char* service;
    int number;
    const char* display;
  };
  const std::vector<Row> script = {
      {"ho-tich", 1001, "1001"},     {"chung-thuc", 2001, "2001"}, {"ho-tich", 1002, "1002"},
      {"tra-ket-qua", 6001, "6001"}, {"ho-tich", 1003, "1003"},    {"chung-thuc", 2002, "2002"},
  };
  Instant t = at("08:00");
  std::int64_t last_id = 0;
  for (const auto& row : script) {
    SCOPED_TRACE(row.display);
    const auto d = o.ok(issue_of(row.service), t);
    ASSERT_EQ(d.events.size(), 1u);
    const Event& e = d.events[0];
    EXPECT_EQ(e.type, EventType::ticket_issued);
    EXPECT_EQ(e.number, row.number);
    EXPECT_EQ(e.display, row.display);
    EXPECT_EQ(e.service, row.service);
    EXPECT_EQ(e.service_day, base_day());
    EXPECT_EQ(e.at, t);
    EXPECT_GT(d.ticket_id, last_id) << "ids only grow";
    last_id = d.ticket_id;
    const Ticket& tk = o.ticket(d.ticket_id);
    EXPECT_EQ(tk.display, row.display);
    EXPECT_EQ(tk.state, TicketState::waiting);
    EXPECT_EQ(tk.issued_at, t);
    EXPECT_EQ(tk.queue_at, t);
    t += std::chrono::seconds(30);
  }
  EXPECT_EQ(o.state().services.at("ho-tich").issued, 3);
  EXPECT_EQ(o.state().services.at("ho-tich").highest_number, 1003);
}

TEST(Numbering, IssueCarriesPriorityCodeAndIdentity) {
  Office o;
  IssueTicket cmd{"ho-tich", true, "khuyet_tat", "kiosk-1-abc", "079123456789", "X7K2-PQ"};
  const auto d = o.ok(cmd, at("08:00"));
  const Event& e = d.events[0];
  EXPECT_TRUE(e.priority);
  EXPECT_EQ(e.priority_group, "khuyet_tat");
  EXPECT_EQ(e.public_code, std::to_string(d.ticket_id) + ".X7K2-PQ");
  EXPECT_EQ(e.idempotency_key, "kiosk-1-abc");
  const Ticket& t = o.ticket(d.ticket_id);
  EXPECT_TRUE(t.priority);
  EXPECT_EQ(t.priority_group, "khuyet_tat");
  EXPECT_EQ(t.public_code, std::to_string(d.ticket_id) + ".X7K2-PQ");
  EXPECT_EQ(ticket_id_of_public_code(t.public_code), d.ticket_id);
  EXPECT_EQ(t.identity, "079123456789");
  // A priority group without priority means nothing.
  IssueTicket plain = issue_of("ho-tich");
  plain.priority_group = "khuyet_tat";
  const auto n = o.ok(plain, at("08:01"));
  EXPECT_EQ(o.ticket(n.ticket_id).priority_group, "");
}

TEST(Numbering, PrefixStyleNumbersFromOne) {
  Office o(demo_with([](OfficeConfig& c) {
    Service* s = service_of(c, "tra-ket-qua");
    s->prefix = "A";
    s->first_number = 1;
    s->last_number = 999;
  }));
  EXPECT_EQ(o.display(o.issue("tra-ket-qua", at("08:00"))), "A001");
  EXPECT_EQ(o.display(o.issue("tra-ket-qua", at("08:01"))), "A002");
  EXPECT_EQ(o.display(o.issue("ho-tich", at("08:02"))), "1001");
}

struct CapCase {
  const char* name;
  int first, last, daily_cap;
  int issued_ok;  // then the next one is refused with service_full
};

TEST(Numbering, DailyCapAndBlockExhaustionGiveServiceFull) {
  const std::vector<CapCase> table = {
      {"daily cap below the block", 1001, 1999, 3, 3},
      {"block smaller than the cap", 1001, 1002, 10, 2},
      {"no cap: the block limits", 1001, 1004, 0, 4},
      {"one-number block", 1001, 1001, 0, 1},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    Office o(demo_with([&](OfficeConfig& c) {
      Service* s = service_of(c, "ho-tich");
      s->first_number = row.first;
      s->last_number = row.last;
      s->daily_cap = row.daily_cap;
    }));
    Instant t = at("08:00");
    std::int64_t first_id = 0;
    for (int i = 0; i < row.issued_ok; ++i, t += std::chrono::minutes(1)) {
      const auto id = o.issue("ho-tich", t);
      if (i == 0) first_id = id;
      EXPECT_EQ(o.ticket(id).number, row.first + i);
    }
    EXPECT_EQ(service_availability(o.config(), o.state(), *o.config().find_service("ho-tich"), t),
              ServiceAvailability::full);
    const Status s = o.refused(issue_of("ho-tich"), t);
    EXPECT_EQ(s.code(), StatusCode::conflict);
    EXPECT_EQ(s.error(), "service_full");
    // A cancelled ticket does not give its number back; other services are unaffected.
    o.ok(CancelTicket{first_id, "", ""}, t);
    EXPECT_EQ(o.refused(issue_of("ho-tich"), t).error(), "service_full");
    EXPECT_EQ(o.ticket(o.issue("chung-thuc", t)).number, 2001);
  }
}

struct HoursCase {
  const char* name;
  const char* local_time;
  bool open;
};

TEST(Numbering, OpeningHoursInLocalTime) {
  // Open 07:30 to 17:00 (exclusive), Vietnamese time.
  const std::vector<HoursCase> table = {
      {"just before opening", "07:29:59", false}, {"at opening", "07:30", true},
      {"midday", "12:00", true},                   {"last minute", "16:59:59", true},
      {"at closing", "17:00", false},              {"evening", "20:00", false},
      {"just after midnight", "00:01", false},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    Office o(demo_with([](OfficeConfig& c) {
      Service* s = service_of(c, "dat-dai");
      s->opens_at_min = 7 * 60 + 30;
      s->closes_at_min = 17 * 60;
    }));
    const auto r = o.run(issue_of("dat-dai"), at(row.local_time));
    EXPECT_EQ(r.is_ok(), row.open);
    if (!row.open) {
      EXPECT_EQ(r.status().code(), StatusCode::conflict);
      EXPECT_EQ(r.status().error(), "service_closed");
    }
    // A service with default hours is open at the same instant.
    EXPECT_TRUE(o.run(issue_of("ho-tich"), at(row.local_time)).is_ok());
  }
}

TEST(Numbering, IdempotentRetryReturnsTheSameTicket) {
  Office o;
  IssueTicket cmd = issue_of("ho-tich");
  cmd.idempotency_key = "kiosk-1-7f3a";
  const auto first = o.ok(cmd, at("08:00"));
  ASSERT_EQ(first.events.size(), 1u);
  EXPECT_FALSE(first.replayed);
  const auto events_before = o.log().size();

  const auto again = o.ok(cmd, at("08:00:05"));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.ticket_id, first.ticket_id);
  EXPECT_TRUE(again.events.empty());
  EXPECT_EQ(o.log().size(), events_before);
  EXPECT_EQ(o.state().services.at("ho-tich").issued, 1);

  // A different key is a different ticket; no key is never deduplicated.
  cmd.idempotency_key = "kiosk-1-8000";
  EXPECT_NE(o.ok(cmd, at("08:01")).ticket_id, first.ticket_id);
  const auto a = o.issue("ho-tich", at("08:02"));
  const auto b = o.issue("ho-tich", at("08:02"));
  EXPECT_NE(a, b);

  // The same key for another service is a client bug.
  IssueTicket other = issue_of("chung-thuc");
  other.idempotency_key = "kiosk-1-7f3a";
  const Status s = o.refused(other, at("08:03"));
  EXPECT_EQ(s.code(), StatusCode::conflict);
  EXPECT_EQ(s.error(), "idempotency_key_reused");
}

TEST(Numbering, IdempotentRetryReplaysEvenWhenTheServiceIsNowFull) {
  Office o(demo_with([](OfficeConfig& c) { service_of(c, "ho-tich")->daily_cap = 1; }));
  IssueTicket cmd = issue_of("ho-tich");
  cmd.idempotency_key = "kiosk-1-only";
  const auto first = o.ok(cmd, at("08:00"));
  const auto again = o.ok(cmd, at("08:00:03"));
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.ticket_id, first.ticket_id);
}

}  // namespace
}  // namespace motcua::domain_test
