// Fan-out of committed events to WebSocket clients, plus the replay buffer for `since`.
// Lives on the office strand; every method must be called there.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace motcua {

// What the hub needs from a client connection. send() is thread-safe and never blocks.
class Subscriber {
 public:
  virtual ~Subscriber() = default;
  virtual void send(std::shared_ptr<const std::string> message) = 0;
  virtual bool is_open() const = 0;
};

class Hub {
 public:
  // A replay is queued to the client at once, so it must fit well inside a client's send
  // queue (WsSession::kMaxQueued, 1024) with room for the live events that arrive while
  // it drains; otherwise the client is dropped as too slow, reconnects just as far behind,
  // and never catches up. A client further behind gets a snapshot: one message.
  static constexpr std::size_t kDefaultReplayCapacity = 512;

  explicit Hub(std::size_t replay_capacity = kDefaultReplayCapacity) : capacity_(replay_capacity) {}

  // Each message is serialised once and shared by every client. Best written into
  // message_buffer(): the replay ring gives its buffers back there once no client holds
  // them any more.
  void publish(std::int64_t seq, std::shared_ptr<std::string> message);

  // An empty string for the next message, with the capacity of one the replay ring let
  // go of when there is one. Why: every event's message sat in the ring for 4,096 more
  // events, so glibc could not serve its ~1 KiB from its per-thread cache; its malloc and
  // the copy out of a scratch buffer were ~5 % of the I/O thread's time under load.
  std::shared_ptr<std::string> message_buffer();

  // Registers a client. If `since` is in the replay buffer, queues the missed events
  // and returns true; otherwise returns false and the caller sends a snapshot first.
  // Sends to every client without a seq or a place in the replay buffer (alerts):
  // a client that reconnects asks for the current alerts instead.
  void broadcast_transient(const std::shared_ptr<const std::string>& message);

  bool subscribe(const std::shared_ptr<Subscriber>& s, std::int64_t since, std::int64_t current_seq);
  // Whether subscribe() would succeed: every event in (since, current_seq] is buffered.
  bool can_replay(std::int64_t since, std::int64_t current_seq) const;
  void add(const std::shared_ptr<Subscriber>& s);

  std::size_t client_count();
  // After a failed commit the buffered history may be ahead of the store: forget it.
  void clear_replay() { replay_.clear(); }

 private:
  void recycle(std::shared_ptr<std::string> message);

  static constexpr std::size_t kSpareBuffers = 64;
  static constexpr std::size_t kLargestReusedCapacity = 8 * 1024;  // a rare huge text is freed

  std::size_t capacity_;
  std::deque<std::pair<std::int64_t, std::shared_ptr<std::string>>> replay_;
  std::vector<std::shared_ptr<std::string>> spare_buffers_;
  std::vector<std::weak_ptr<Subscriber>> subscribers_;
};

}  // namespace motcua
