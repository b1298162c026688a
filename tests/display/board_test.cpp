// The board model folds snapshots and events as docs/API.md describes them (no SDL).
#include "board.hpp"

#include <gtest/gtest.h>

#include "test_messages.hpp"

namespace motcua::display {
namespace {
using namespace testing;

const Instant now0 = from_unix_ms(kT0);

const CounterRow* row(const std::vector<CounterRow>& rows, int n) {
  for (const auto& r : rows)
    if (r.number == n) return &r;
  return nullptr;
}

TEST(Board, SnapshotFillsCountersServicesAndRecentCallsWithoutAnnouncing) {
  Board b;
  const auto fx = b.apply_message(
      snapshot(10, kT0, {{3, "calling", 42, "1023"}}, {recent_call(9, 42, "1023", 3, kT0 - 5000), recent_call(8, 41, "1022", 1, kT0 - 9000)}),
      now0);
  EXPECT_TRUE(fx.changed);
  EXPECT_TRUE(fx.announce.empty());  // the first snapshot after start-up is history
  EXPECT_EQ(b.seq(), 10);
  const auto rows = b.visible_counters();
  ASSERT_EQ(rows.size(), 6u);
  ASSERT_TRUE(row(rows, 3)->ticket);
  EXPECT_EQ(row(rows, 3)->ticket->number, "1023");
  EXPECT_EQ(row(rows, 3)->state, "calling");
  ASSERT_EQ(b.recent_calls().size(), 2u);
  EXPECT_EQ(b.newest_call()->number, "1023");
  EXPECT_FALSE(b.newest_blinking(now0));
  ASSERT_EQ(b.visible_services().size(), 3u);
  EXPECT_EQ(b.visible_services()[0].waiting, 3);
}

TEST(Board, CallShowsInTheCounterRowBlinksAndIsAnnounced) {
  Board b;
  b.apply_message(snapshot(10, kT0), now0);
  const auto v = b.version();
  const auto fx = b.apply_message(event(11, "ticket.called", kT0 + 100, 42, "1023", 3), now0 + Millis{150});
  EXPECT_GT(b.version(), v);
  ASSERT_EQ(fx.announce.size(), 1u);
  EXPECT_EQ(fx.announce[0].number, "1023");
  EXPECT_EQ(fx.announce[0].counter, 3);
  EXPECT_EQ(fx.announce[0].seq, 11);
  EXPECT_FALSE(fx.announce[0].recall);
  const auto rows = b.visible_counters();
  EXPECT_EQ(row(rows, 3)->ticket->number, "1023");
  EXPECT_TRUE(b.newest_blinking(now0 + Millis{1000}));
  EXPECT_TRUE(b.counter_blinking(*row(rows, 3), now0 + Millis{1000}));
  EXPECT_FALSE(b.newest_blinking(now0 + Millis{7000}));  // a few seconds, then steady
  EXPECT_FALSE(b.blink_ends(now0 + Millis{7000}));
}

TEST(Board, RecallIsAnnouncedAgainAndCloseOrNoShowClearsTheRow) {
  Board b;
  b.apply_message(snapshot(10, kT0), now0);
  b.apply_message(event(11, "ticket.called", kT0, 42, "1023", 3), now0);
  auto fx = b.apply_message(event(12, "ticket.recalled", kT0 + 20000, 42, "1023", 3), now0 + Millis{20000});
  ASSERT_EQ(fx.announce.size(), 1u);
  EXPECT_TRUE(fx.announce[0].recall);
  EXPECT_TRUE(b.newest_blinking(now0 + Millis{21000}));  // re-highlighted
  EXPECT_TRUE(b.recent_calls().front().recall);

  fx = b.apply_message(event(13, "ticket.no_show", kT0 + 30000, 42, "1023", 3), now0 + Millis{30000});
  EXPECT_EQ(fx.withdraw, std::vector<std::int64_t>{42});
  EXPECT_FALSE(row(b.visible_counters(), 3)->ticket);
  EXPECT_EQ(row(b.visible_counters(), 3)->state, "idle");

  b.apply_message(event(14, "ticket.called", kT0 + 40000, 43, "1024", 3), now0 + Millis{40000});
  b.apply_message(event(15, "ticket.started", kT0 + 50000, 43, "1024", 3), now0 + Millis{50000});
  EXPECT_EQ(row(b.visible_counters(), 3)->state, "serving");
  EXPECT_EQ(row(b.visible_counters(), 3)->ticket->number, "1024");
  b.apply_message(event(16, "ticket.closed", kT0 + 60000, 43, "1024", 3), now0 + Millis{60000});
  EXPECT_FALSE(row(b.visible_counters(), 3)->ticket);
}

TEST(Board, ARecallMovesTheNumberUpInsteadOfListingItTwice) {
  Board b;
  b.apply_message(snapshot(10, kT0), now0);
  b.apply_message(event(11, "ticket.called", kT0, 42, "1023", 3), now0);
  b.apply_message(event(12, "ticket.called", kT0 + 5000, 51, "2001", 1), now0 + Millis{5000});
  b.apply_message(event(13, "ticket.recalled", kT0 + 20000, 42, "1023", 3), now0 + Millis{20000});
  ASSERT_EQ(b.recent_calls().size(), 2u);
  EXPECT_EQ(b.recent_calls()[0].number, "1023");
  EXPECT_TRUE(b.recent_calls()[0].recall);
  EXPECT_EQ(b.recent_calls()[1].number, "2001");
}

TEST(Board, ATicketBackInLineIsNoLongerShownAsCalledToItsCounter) {
  Board b;
  b.apply_message(snapshot(10, kT0), now0);
  b.apply_message(event(11, "ticket.called", kT0, 41, "1022", 1), now0);
  b.apply_message(event(12, "ticket.called", kT0 + 5000, 42, "3002", 3), now0 + Millis{5000});
  ASSERT_EQ(b.newest_call()->number, "3002");
  ASSERT_TRUE(b.newest_blinking(now0 + Millis{6000}));
  // A supervisor closes counter 3: its ticket goes back in line.
  auto fx = b.apply_message(event(13, "ticket.transferred", kT0 + 6000, 42, "3002", 3), now0 + Millis{6000});
  EXPECT_EQ(fx.withdraw, std::vector<std::int64_t>{42});
  ASSERT_TRUE(b.newest_call());
  EXPECT_EQ(b.newest_call()->number, "1022") << "the call before it is the newest still in effect";
  EXPECT_FALSE(b.newest_blinking(now0 + Millis{6500})) << "an older call does not light up again";
  ASSERT_EQ(b.recent_calls().size(), 1u);

  // Called again at counter 5: shown there, once.
  b.apply_message(event(14, "ticket.called", kT0 + 9000, 42, "3002", 5), now0 + Millis{9000});
  EXPECT_EQ(b.newest_call()->counter, 5);
  b.apply_message(event(15, "ticket.cancelled", kT0 + 9500, 41, "1022", 1), now0 + Millis{9500});
  ASSERT_EQ(b.recent_calls().size(), 1u);
  EXPECT_EQ(b.recent_calls()[0].number, "3002");
  // A no-show reactivated waits again: its call is over too.
  b.apply_message(event(16, "ticket.no_show", kT0 + 10000, 42, "3002", 5), now0 + Millis{10000});
  ASSERT_EQ(b.recent_calls().size(), 1u) << "a no-show's call stays: it was made";
  b.apply_message(event(17, "ticket.reactivated", kT0 + 11000, 42, "3002", 5), now0 + Millis{11000});
  EXPECT_TRUE(b.recent_calls().empty());
  EXPECT_FALSE(b.newest_call());
}

TEST(Board, WhileTheVoiceIsBehindTheLargeBoxShowsTheCallBeingSaid) {
  Board b;
  b.apply_message(snapshot(10, kT0), now0);
  // Three counters call within two seconds; the voice starts on the first.
  b.apply_message(event(11, "ticket.called", kT0, 41, "1001", 1), now0);
  b.set_announcing(41, now0);
  b.apply_message(event(12, "ticket.called", kT0 + 1000, 42, "3001", 3, "dat-dai"), now0 + Millis{1000});
  b.apply_message(event(13, "ticket.called", kT0 + 2000, 43, "4001", 4, "ldtbxh"), now0 + Millis{2000});
  EXPECT_EQ(b.newest_call()->number, "4001");
  ASSERT_TRUE(b.featured_call());
  EXPECT_EQ(b.featured_call()->number, "1001") << "the box shows what the hall hears";
  EXPECT_EQ(b.featured_call()->counter, 1);

  // The voice moves on to 3001: the box follows and lights up for it.
  const auto v = b.version();
  b.set_announcing(42, now0 + Millis{7000});
  EXPECT_GT(b.version(), v);
  EXPECT_EQ(b.featured_call()->number, "3001");
  EXPECT_TRUE(b.featured_blinking(now0 + Millis{8000}));
  EXPECT_FALSE(b.featured_blinking(now0 + Millis{14000}));

  // A ticket sent back in line while it is said is no longer shown as called: the newest is.
  b.apply_message(event(14, "ticket.transferred", kT0 + 9000, 42, "3001", 3, "dat-dai"), now0 + Millis{9000});
  EXPECT_EQ(b.featured_call()->number, "4001");

  // Silent again: the newest call.
  b.set_announcing(43, now0 + Millis{12000});
  b.set_announcing(std::nullopt, now0 + Millis{20000});
  EXPECT_EQ(b.featured_call()->number, "4001");
  EXPECT_FALSE(b.featured_blinking(now0 + Millis{20000}));
}

TEST(Board, WithoutAVoiceTheLargeBoxShowsTheNewestCall) {
  Board b;  // --no-sound: nobody calls set_announcing
  b.apply_message(snapshot(10, kT0), now0);
  b.apply_message(event(11, "ticket.called", kT0, 41, "1001", 1), now0);
  b.apply_message(event(12, "ticket.called", kT0 + 1000, 42, "3001", 3, "dat-dai"), now0 + Millis{1000});
  EXPECT_EQ(b.featured_call()->number, "3001");
  EXPECT_TRUE(b.featured_blinking(now0 + Millis{2000}));
}

TEST(Board, FilterLimitsCountersCallsAndServices) {
  BoardSettings s;
  s.filter.counters = {1, 2};
  s.filter.services = {"ho-tich"};
  Board b(s);
  b.apply_message(snapshot(10, kT0), now0);
  EXPECT_EQ(b.visible_counters().size(), 2u);
  ASSERT_EQ(b.visible_services().size(), 1u);
  EXPECT_EQ(b.visible_services()[0].code, "ho-tich");
  EXPECT_TRUE(b.apply_message(event(11, "ticket.called", kT0, 50, "3001", 3, "dat-dai"), now0).announce.empty());
  EXPECT_TRUE(b.apply_message(event(12, "ticket.called", kT0, 51, "2001", 2, "chung-thuc"), now0).announce.empty());
  EXPECT_EQ(b.apply_message(event(13, "ticket.called", kT0, 52, "1001", 1), now0).announce.size(), 1u);
  ASSERT_EQ(b.recent_calls().size(), 1u);
  EXPECT_EQ(b.recent_calls()[0].number, "1001");
}

TEST(Board, DuplicatesAreIgnoredAndGapsReported) {
  Board b;
  b.apply_message(snapshot(10, kT0), now0);
  b.apply_message(event(11, "ticket.called", kT0, 42, "1023", 3), now0);
  const auto dup = b.apply_message(event(11, "ticket.called", kT0, 42, "1023", 3), now0);
  EXPECT_TRUE(dup.announce.empty());
  EXPECT_FALSE(dup.gap);
  EXPECT_EQ(b.recent_calls().size(), 1u);
  const auto gap = b.apply_message(event(14, "ticket.called", kT0, 44, "1025", 4), now0);
  EXPECT_TRUE(gap.gap);
}

TEST(Board, ResyncSnapshotAnnouncesOnlyCallsMissedWhileAway) {
  Board b;
  b.apply_message(snapshot(10, kT0, {}, {recent_call(9, 40, "1020", 2, kT0 - 1000)}), now0);
  b.set_connected(false);
  // Back after 5 minutes: one call made 4 minutes ago, one 10 seconds ago.
  const Instant later = now0 + Millis{300'000};
  const auto fx = b.apply_message(
      snapshot(12, kT0 + 300'000, {{2, "calling", 42, "1022"}},
               {recent_call(12, 42, "1022", 2, kT0 + 290'000), recent_call(11, 41, "1021", 1, kT0 + 60'000),
                recent_call(9, 40, "1020", 2, kT0 - 1000)}),
      later);
  // Both missed calls appear on the board; the speaker's queue drops the old one as stale.
  ASSERT_EQ(fx.announce.size(), 2u);
  EXPECT_EQ(fx.announce[0].number, "1021");
  EXPECT_EQ(fx.announce[1].number, "1022");
  EXPECT_EQ(b.recent_calls().size(), 3u);
  EXPECT_EQ(b.newest_call()->number, "1022");
  EXPECT_TRUE(b.newest_blinking(later + Millis{500}));
}

TEST(Board, ServerClockOffsetComesFromTheSnapshot) {
  Board b;
  b.apply_message(snapshot(1, kT0 + 5000), now0);  // ticketd's clock is 5 s ahead of ours
  EXPECT_EQ(b.server_time(now0), now0 + Millis{5000});
  // A call made "now" by ticketd's clock is fresh even though it looks 5 s in our future.
  const auto fx = b.apply_message(event(2, "ticket.called", kT0 + 5000, 42, "1023", 3), now0);
  EXPECT_EQ(fx.announce.size(), 1u);
  EXPECT_TRUE(b.newest_blinking(now0));
}

}  // namespace
}  // namespace motcua::display
