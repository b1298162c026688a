// The hub's replay ring and the message buffers it hands back for reuse: a buffer is
// written again only once neither the ring nor any client holds it, and what a client or
// a replay receives is always the text that was published.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "hub.hpp"

namespace motcua {
namespace {

// A client that keeps every message it is sent, as a slow WebSocket's queue would.
class KeepingSubscriber : public Subscriber {
 public:
  void send(std::shared_ptr<const std::string> message) override { kept.push_back(std::move(message)); }
  bool is_open() const override { return true; }
  std::vector<std::shared_ptr<const std::string>> kept;
};

std::shared_ptr<std::string> message(Hub& hub, const std::string& text) {
  auto buffer = hub.message_buffer();
  buffer->append(text);
  return buffer;
}

std::string text_of_seq(std::int64_t seq) { return "{\"seq\":" + std::to_string(seq) + std::string(500, ' ') + "}"; }

TEST(Hub, ABufferTheRingLetsGoOfAndNobodyHoldsIsReusedEmpty) {
  Hub hub(2);
  for (std::int64_t seq = 1; seq <= 2; ++seq) hub.publish(seq, message(hub, text_of_seq(seq)));
  auto third = message(hub, text_of_seq(3));
  const std::string* first_buffer = nullptr;
  {
    // Seq 1's buffer is what the ring drops when seq 3 comes in.
    auto probe = std::make_shared<KeepingSubscriber>();
    ASSERT_TRUE(hub.subscribe(probe, 0, 2));
    first_buffer = probe->kept.at(0).get();
  }
  hub.publish(3, std::move(third));
  auto reused = hub.message_buffer();
  EXPECT_EQ(reused.get(), first_buffer);
  EXPECT_TRUE(reused->empty());
  EXPECT_GE(reused->capacity(), text_of_seq(1).size());
}

TEST(Hub, ABufferAClientStillHoldsIsNeverWrittenAgain) {
  Hub hub(2);
  auto slow = std::make_shared<KeepingSubscriber>();
  hub.add(slow);
  for (std::int64_t seq = 1; seq <= 50; ++seq) hub.publish(seq, message(hub, text_of_seq(seq)));
  ASSERT_EQ(slow->kept.size(), 50u);
  for (std::int64_t seq = 1; seq <= 50; ++seq) EXPECT_EQ(*slow->kept[seq - 1], text_of_seq(seq));
  // Every buffer was held by the client when the ring let go of it: none was reused.
  auto fresh = hub.message_buffer();
  for (const auto& kept : slow->kept) EXPECT_NE(fresh.get(), kept.get());
}

TEST(Hub, AReplayAfterManyReusedBuffersSendsEachSeqItsOwnText) {
  Hub hub(8);
  for (std::int64_t seq = 1; seq <= 1000; ++seq) hub.publish(seq, message(hub, text_of_seq(seq)));
  auto late = std::make_shared<KeepingSubscriber>();
  ASSERT_TRUE(hub.subscribe(late, 995, 1000));
  ASSERT_EQ(late->kept.size(), 5u);
  for (std::int64_t seq = 996; seq <= 1000; ++seq) EXPECT_EQ(*late->kept[seq - 996], text_of_seq(seq));
  EXPECT_FALSE(hub.can_replay(990, 1000));  // older than the ring: a snapshot instead
}

TEST(Hub, AHugeMessagesBufferIsFreedRatherThanKept) {
  Hub hub(1);
  hub.publish(1, message(hub, std::string(100 * 1024, 'x')));
  hub.publish(2, message(hub, text_of_seq(2)));
  // The huge one went out of the ring; a buffer reused from it would keep 100 KiB resident.
  EXPECT_LT(hub.message_buffer()->capacity(), 100u * 1024);
}

}  // namespace
}  // namespace motcua
