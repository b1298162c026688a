#include "hub.hpp"

#include <algorithm>
#include <atomic>

namespace motcua {

void Hub::publish(std::int64_t seq, std::shared_ptr<std::string> message) {
  replay_.emplace_back(seq, message);
  while (replay_.size() > capacity_) {
    recycle(std::move(replay_.front().second));
    replay_.pop_front();
  }
  bool any_gone = false;
  for (auto& weak : subscribers_) {
    if (auto s = weak.lock(); s && s->is_open()) {
      s->send(message);
    } else {
      any_gone = true;
    }
  }
  if (any_gone)
    std::erase_if(subscribers_, [](const std::weak_ptr<Subscriber>& w) {
      auto s = w.lock();
      return !s || !s->is_open();
    });
}

std::shared_ptr<std::string> Hub::message_buffer() {
  if (spare_buffers_.empty()) return std::make_shared<std::string>();
  auto buffer = std::move(spare_buffers_.back());
  spare_buffers_.pop_back();
  buffer->clear();
  return buffer;
}

void Hub::recycle(std::shared_ptr<std::string> message) {
  // A client's send queue may still hold it (on another thread): only a buffer nobody
  // else holds is reused. The count is read relaxed; the fence orders this thread's
  // later writes after every other holder's last read of the text.
  if (!message || message.use_count() != 1) return;
  std::atomic_thread_fence(std::memory_order_acquire);
  if (spare_buffers_.size() >= kSpareBuffers || message->capacity() > kLargestReusedCapacity) return;
  spare_buffers_.push_back(std::move(message));
}

void Hub::broadcast_transient(const std::shared_ptr<const std::string>& message) {
  for (auto& weak : subscribers_)
    if (auto s = weak.lock(); s && s->is_open()) s->send(message);
}

bool Hub::can_replay(std::int64_t since, std::int64_t current_seq) const {
  if (since < 0 || since > current_seq) return false;
  if (since == current_seq) return true;
  return !replay_.empty() && replay_.front().first <= since + 1;
}

bool Hub::subscribe(const std::shared_ptr<Subscriber>& s, std::int64_t since, std::int64_t current_seq) {
  if (!can_replay(since, current_seq)) return false;
  if (since < current_seq) {
    for (const auto& [seq, message] : replay_)
      if (seq > since) s->send(message);
  }
  add(s);
  return true;
}

void Hub::add(const std::shared_ptr<Subscriber>& s) { subscribers_.push_back(s); }

std::size_t Hub::client_count() {
  std::erase_if(subscribers_, [](const std::weak_ptr<Subscriber>& w) {
    auto s = w.lock();
    return !s || !s->is_open();
  });
  return subscribers_.size();
}

}  // namespace motcua
