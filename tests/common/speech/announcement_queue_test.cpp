// The announcement queue: order, repetitions, no overlap, bursts per counter, stale calls.
#include "speech/announcement_queue.hpp"

#include <gtest/gtest.h>

namespace motcua::speech {
namespace {

const Instant t0 = from_unix_ms(1'795'410'062'123);

Call call(std::int64_t seq, std::int64_t ticket, const char* number, int counter, bool recall = false,
          Instant at = t0) {
  return Call{seq, ticket, number, counter, recall, at};
}

// Plays everything to the end and returns "number@counter#rep" per repetition, in order.
std::vector<std::string> drain(AnnouncementQueue& q, Instant now = t0) {
  std::vector<std::string> out;
  while (auto p = q.start(now)) {
    out.push_back(p->call.number + "@" + std::to_string(p->call.counter) + "#" + std::to_string(p->repetition) +
                  (p->chime ? "c" : ""));
    q.finish(now);
  }
  return out;
}

TEST(AnnouncementQueue, ACallAloneIsRepeatedAtOnceWithOneChime) {
  AnnouncementQueue q;
  EXPECT_EQ(q.offer(call(1, 10, "1001", 1), t0), Admission::queued);
  EXPECT_EQ(drain(q), (std::vector<std::string>{"1001@1#1c", "1001@1#2"}));
  EXPECT_FALSE(q.playing());
}

TEST(AnnouncementQueue, InABurstEveryCallIsHeardOnceBeforeAnyIsRepeated) {
  // Six counters calling within seconds: said back to back, the last citizen waited about a
  // minute for a first hearing. Each is heard once first, then the repetitions in the same order.
  AnnouncementQueue q;
  EXPECT_EQ(q.offer(call(1, 10, "1001", 1), t0), Admission::queued);
  EXPECT_EQ(q.offer(call(2, 11, "2001", 2), t0), Admission::queued);
  EXPECT_EQ(q.offer(call(3, 12, "3001", 3), t0), Admission::queued);
  EXPECT_EQ(drain(q), (std::vector<std::string>{"1001@1#1c", "2001@2#1c", "3001@3#1c", "1001@1#2", "2001@2#2",
                                                "3001@3#2"}));
}

TEST(AnnouncementQueue, ACallArrivingDuringAnotherIsHeardBeforeThatOnesRepetition) {
  AnnouncementQueue q;
  q.offer(call(1, 10, "1001", 1), t0);
  ASSERT_EQ(q.start(t0)->call.number, "1001");
  q.offer(call(2, 11, "2001", 2), t0);  // arrives while 1001 is said the first time
  q.finish(t0);
  EXPECT_EQ(drain(q), (std::vector<std::string>{"2001@2#1c", "1001@1#2", "2001@2#2"}));
}

TEST(AnnouncementQueue, ADeferredRepetitionIsDroppedOnceTheCitizenReachesTheCounter) {
  AnnouncementQueue q;
  q.offer(call(1, 10, "1001", 1), t0);
  q.offer(call(2, 11, "2001", 2), t0);
  q.start(t0);
  q.finish(t0);              // 1001 heard once; its repetition waits behind 2001
  q.withdraw_ticket(10);     // ticket.started at counter 1
  EXPECT_EQ(drain(q), (std::vector<std::string>{"2001@2#1c", "2001@2#2"}));
}

TEST(AnnouncementQueue, ACallWithdrawnWhileBeingSaidIsNotRepeatedLater) {
  // Seen in the simulated office: the citizen came up while the first hearing played, and
  // the deferred repetition called them again a minute later.
  AnnouncementQueue q;
  q.offer(call(1, 10, "1001", 1), t0);
  q.offer(call(2, 11, "2001", 2), t0);
  ASSERT_EQ(q.start(t0)->call.number, "1001");
  q.withdraw_ticket(10);  // ticket.started at counter 1 while it is being said
  q.finish(t0);
  EXPECT_EQ(drain(q), (std::vector<std::string>{"2001@2#1c", "2001@2#2"}));
}

TEST(AnnouncementQueue, ARecallReplacesADeferredRepetitionAndIsAnnouncedAsARecall) {
  AnnouncementQueue q;
  q.offer(call(1, 10, "1001", 1), t0);
  q.offer(call(2, 11, "2001", 2), t0);
  q.start(t0);
  q.finish(t0);  // 1001's repetition deferred
  EXPECT_EQ(q.offer(call(3, 10, "1001", 1, true), t0), Admission::replaced);
  std::vector<std::string> said;
  while (auto p = q.start(t0)) {
    said.push_back(p->call.number + (p->call.recall ? "r" : "") + "#" + std::to_string(p->repetition));
    q.finish(t0);
  }
  EXPECT_EQ(said, (std::vector<std::string>{"2001#1", "1001r#1", "2001#2", "1001r#2"}));
}

TEST(AnnouncementQueue, RepetitionsAreASetting) {
  AnnouncementQueue q(QueueSettings{3, Millis{60'000}});
  q.offer(call(1, 10, "1001", 1), t0);
  EXPECT_EQ(drain(q), (std::vector<std::string>{"1001@1#1c", "1001@1#2", "1001@1#3"}));
}

TEST(AnnouncementQueue, NothingCutsOffThePlayingAnnouncement) {
  AnnouncementQueue q;
  q.offer(call(1, 10, "1001", 1), t0);
  ASSERT_EQ(q.start(t0)->call.number, "1001");
  // A newer call of the same counter arrives mid-announcement.
  EXPECT_EQ(q.offer(call(2, 12, "1002", 1), t0), Admission::queued);
  // Still the same announcement: start() does not switch while one plays.
  EXPECT_EQ(q.start(t0)->call.number, "1001");
  q.finish(t0);
  // The counter has moved on to 1002, so 1001 is not repeated: only the newer call follows.
  EXPECT_EQ(drain(q), (std::vector<std::string>{"1002@1#1c", "1002@1#2"}));
}

TEST(AnnouncementQueue, ABurstKeepsOnlyTheNewestPendingCallPerCounter) {
  AnnouncementQueue q;
  q.offer(call(1, 10, "1001", 1), t0);
  q.start(t0);  // 1001 plays
  EXPECT_EQ(q.offer(call(2, 11, "3001", 3), t0), Admission::queued);
  EXPECT_EQ(q.offer(call(3, 12, "1002", 1), t0), Admission::queued);
  EXPECT_EQ(q.offer(call(4, 13, "1003", 1), t0), Admission::replaced);
  EXPECT_EQ(q.offer(call(5, 14, "1004", 1), t0), Admission::replaced);
  ASSERT_EQ(q.pending().size(), 2u);
  q.finish(t0);
  // Each announcement keeps its own number and counter: never 1004 spoken for 3001's slot.
  EXPECT_EQ(drain(q), (std::vector<std::string>{"3001@3#1c", "1004@1#1c", "3001@3#2", "1004@1#2"}));
}

TEST(AnnouncementQueue, RecallOfAPendingCallIsMergedOtherwiseQueued) {
  AnnouncementQueue q;
  q.offer(call(1, 10, "1001", 1), t0);
  q.offer(call(2, 11, "2001", 2), t0);
  EXPECT_EQ(q.offer(call(3, 11, "2001", 2, true), t0), Admission::merged);
  EXPECT_EQ(q.pending().size(), 2u);
  drain(q);
  // Heard once already: a recall now is announced again, flagged as a recall.
  EXPECT_EQ(q.offer(call(4, 11, "2001", 2, true), t0), Admission::queued);
  auto p = q.start(t0);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->call.recall);
  EXPECT_EQ(p->call.number, "2001");
}

TEST(AnnouncementQueue, StaleCallsAndReplaysAreNotAnnounced) {
  AnnouncementQueue q(QueueSettings{2, Millis{60'000}});
  const Instant now = t0 + Millis{120'000};
  EXPECT_EQ(q.offer(call(1, 10, "1001", 1, false, t0), now), Admission::stale);
  EXPECT_EQ(q.offer(call(2, 11, "1002", 1, false, now - Millis{60'000}), now), Admission::queued);
  EXPECT_EQ(q.offer(call(3, 12, "2001", 2, false, now - Millis{60'001}), now), Admission::stale);
  // The same events replayed after a reconnect with `since`.
  EXPECT_EQ(q.offer(call(2, 11, "1002", 1, false, now), now), Admission::duplicate);
  EXPECT_EQ(q.offer(call(1, 10, "1001", 1, false, now), now), Admission::duplicate);
  EXPECT_EQ(q.last_seq(), 3);
  EXPECT_EQ(drain(q, now), (std::vector<std::string>{"1002@1#1c", "1002@1#2"}));
}

TEST(AnnouncementQueue, WithdrawnTicketsAreDroppedButNotThePlayingOne) {
  AnnouncementQueue q;
  q.offer(call(1, 10, "1001", 1), t0);
  q.offer(call(2, 11, "2001", 2), t0);
  q.start(t0);
  q.withdraw_ticket(10);  // playing: untouched
  q.withdraw_ticket(11);  // pending: dropped (the citizen is already at counter 2)
  EXPECT_TRUE(q.pending().empty());
  EXPECT_EQ(q.current()->call.number, "1001");
  q.finish(t0);
  q.finish(t0);
  EXPECT_FALSE(q.start(t0));
}

}  // namespace
}  // namespace motcua::speech
