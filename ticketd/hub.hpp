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
  explicit Hub(std::size_t replay_capacity = 4096) : capacity_(replay_capacity) {}

  // Each message is serialised once and shared by every client.
  void publish(std::int64_t seq, std::shared_ptr<const std::string> message);

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
  std::size_t capacity_;
  std::deque<std::pair<std::int64_t, std::shared_ptr<const std::string>>> replay_;
  std::vector<std::weak_ptr<Subscriber>> subscribers_;
};

}  // namespace motcua
