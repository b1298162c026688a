// Satisfaction votes: once per ticket, only the closing counter's pad, only within the
// vote window, a reason only with "không hài lòng".
#include <gtest/gtest.h>

#include "domain_fixture.hpp"

namespace motcua::domain_test {
namespace {

// Counter 1 (canbo1) closes ho-tich 1001 at 08:16:00; the window is 120 s.
std::int64_t closed_at_counter_1(Office& o) {
  o.sign_in(1, "canbo1", at("07:30"));
  const auto id = o.issue("ho-tich", at("08:00"));
  o.call(1, "canbo1", at("08:05"));
  o.ok(StartServing{1, "canbo1"}, at("08:06"));
  o.ok(CloseTicket{1, "canbo1"}, at("08:16"));
  return id;
}
std::int64_t still_serving(Office& o) {
  o.sign_in(1, "canbo1", at("07:30"));
  const auto id = o.issue("ho-tich", at("08:00"));
  o.call(1, "canbo1", at("08:05"));
  o.ok(StartServing{1, "canbo1"}, at("08:06"));
  return id;
}
std::int64_t absent(Office& o) {
  o.sign_in(1, "canbo1", at("07:30"));
  const auto id = o.issue("ho-tich", at("08:00"));
  o.call(1, "canbo1", at("08:05"));
  o.ok(MarkNoShow{1, "canbo1"}, at("08:06"));
  return id;
}
std::int64_t waiting(Office& o) { return o.issue("ho-tich", at("08:00")); }

struct VoteCase {
  const char* name;
  std::int64_t (*setup)(Office&);
  int pad;
  int rating;
  std::string reason;
  const char* time;
  bool voted_before;
  StatusCode code;    // ok = accepted
  const char* error;  // "" when accepted
  std::int64_t ticket_offset = 0;
};

TEST(Votes, Table) {
  using SC = StatusCode;
  const std::vector<VoteCase> table = {
      {"rất hài lòng right after close", closed_at_counter_1, 1, 1, "", "08:16:05", false, SC::ok, ""},
      {"hài lòng", closed_at_counter_1, 1, 2, "", "08:16:05", false, SC::ok, ""},
      {"bình thường", closed_at_counter_1, 1, 3, "", "08:16:05", false, SC::ok, ""},
      {"không hài lòng without a reason", closed_at_counter_1, 1, 4, "", "08:16:05", false, SC::ok, ""},
      {"không hài lòng with a known reason", closed_at_counter_1, 1, 4, "cho_lau", "08:16:05", false, SC::ok, ""},
      {"every known reason: thai_do", closed_at_counter_1, 1, 4, "thai_do", "08:16:05", false, SC::ok, ""},
      {"every known reason: khac", closed_at_counter_1, 1, 4, "khac", "08:16:05", false, SC::ok, ""},
      {"at the end of the window", closed_at_counter_1, 1, 2, "", "08:18:00", false, SC::ok, ""},
      {"one second past the window", closed_at_counter_1, 1, 2, "", "08:18:01", false, SC::conflict,
       "vote_window_closed"},
      {"an hour later", closed_at_counter_1, 1, 1, "", "09:16", false, SC::conflict, "vote_window_closed"},
      {"a second vote", closed_at_counter_1, 1, 1, "", "08:16:30", true, SC::conflict, "already_voted"},
      {"another counter's pad", closed_at_counter_1, 2, 1, "", "08:16:05", false, SC::forbidden,
       "wrong_counter"},
      {"rating 0", closed_at_counter_1, 1, 0, "", "08:16:05", false, SC::invalid_argument, "invalid_rating"},
      {"rating 5", closed_at_counter_1, 1, 5, "", "08:16:05", false, SC::invalid_argument, "invalid_rating"},
      {"rating -1", closed_at_counter_1, 1, -1, "", "08:16:05", false, SC::invalid_argument, "invalid_rating"},
      {"a reason with bình thường", closed_at_counter_1, 1, 3, "cho_lau", "08:16:05", false, SC::invalid_argument,
       "invalid_reason"},
      {"a reason with rất hài lòng", closed_at_counter_1, 1, 1, "thai_do", "08:16:05", false,
       SC::invalid_argument, "invalid_reason"},
      {"an unknown reason", closed_at_counter_1, 1, 4, "qua_dong", "08:16:05", false, SC::invalid_argument,
       "invalid_reason"},
      {"a ticket still being served", still_serving, 1, 1, "", "08:10", false, SC::conflict, "not_closed"},
      {"a no-show ticket", absent, 1, 1, "", "08:06:10", false, SC::conflict, "not_closed"},
      {"a waiting ticket", waiting, 1, 1, "", "08:01", false, SC::conflict, "not_closed"},
      {"an unknown ticket", closed_at_counter_1, 1, 1, "", "08:16:05", false, SC::not_found, "unknown_ticket",
       1000},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    Office o;
    const auto id = row.setup(o);
    if (row.voted_before) o.ok(CastVote{id, 1, 2, ""}, at("08:16:10"));
    const CastVote vote{id + row.ticket_offset, row.pad, row.rating, row.reason};
    const auto r = o.run(vote, at(row.time));
    if (row.code == SC::ok) {
      ASSERT_TRUE(r.is_ok()) << r.status().error();
      ASSERT_EQ(types_of(r.value().events), std::vector<EventType>{EventType::vote_recorded});
      const Event& e = r.value().events[0];
      EXPECT_EQ(e.ticket_id, id);
      EXPECT_EQ(e.rating, row.rating);
      EXPECT_EQ(e.reason, row.reason);
      EXPECT_EQ(e.counter, 1);
      EXPECT_EQ(e.officer, "canbo1") << "the vote belongs to the officer who closed the ticket";
      EXPECT_EQ(e.at, at(row.time));
      EXPECT_EQ(o.ticket(id).rating, row.rating);
      EXPECT_EQ(o.ticket(id).rating_reason, row.reason);
    } else {
      ASSERT_FALSE(r.is_ok());
      EXPECT_EQ(r.status().code(), row.code);
      EXPECT_EQ(r.status().error(), row.error);
      if (row.voted_before) {
        EXPECT_EQ(o.ticket(id).rating, 2) << "the first vote stands";
      } else {
        EXPECT_EQ(o.ticket(id).rating, 0);
      }
    }
  }
}

TEST(Votes, CloseOpensTheVoteForThatCounter) {
  Office o;
  const auto id = closed_at_counter_1(o);
  const Event& requested = o.log().back();
  EXPECT_EQ(requested.type, EventType::vote_requested);
  EXPECT_EQ(requested.ticket_id, id);
  EXPECT_EQ(requested.counter, 1);
  EXPECT_EQ(o.counter(1).last_closed_ticket, id);
}

TEST(Votes, ATransferredTicketIsRatedWhereItWasClosed) {
  Office o;
  o.sign_in(1, "canbo1", at("07:30"));
  o.sign_in(6, "canbo6", at("07:30"));
  const auto id = o.issue("ho-tich", at("08:00"));
  o.call(1, "canbo1", at("08:01"));
  o.ok(Transfer{1, "canbo1", "chung-thuc", 6}, at("08:02"));
  EXPECT_EQ(o.refused(CastVote{id, 1, 1, ""}, at("08:02:30")).error(), "not_closed");
  ASSERT_EQ(o.serve_next(6, "canbo6", at("08:03")), id);  // closed at 08:04
  EXPECT_EQ(o.refused(CastVote{id, 1, 1, ""}, at("08:04:10")).error(), "wrong_counter");
  const auto d = o.ok(CastVote{id, 6, 1, ""}, at("08:04:10"));
  EXPECT_EQ(d.events[0].counter, 6);
  EXPECT_EQ(d.events[0].officer, "canbo6");
}

TEST(Votes, WindowFollowsThePolicy) {
  Office o(demo_with([](OfficeConfig& c) { c.policy.vote_window_s = 30; }));
  const auto id = closed_at_counter_1(o);
  EXPECT_EQ(o.refused(CastVote{id, 1, 1, ""}, at("08:16:31")).error(), "vote_window_closed");
  o.ok(CastVote{id, 1, 1, ""}, at("08:16:30"));
}

}  // namespace
}  // namespace motcua::domain_test
