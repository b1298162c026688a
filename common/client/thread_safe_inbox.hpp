// ThreadSafeInbox<T>: network threads push results; an SDL frame takes them all at one point.
// Thread rule: push() from any thread; take_all() from the one consuming (frame) thread.
#pragma once

#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace motcua::client {

template <typename T>
class ThreadSafeInbox {
 public:
  // `on_push` runs after each push, outside the lock; SDL programs pass a function that
  // pushes an SDL user event so a loop sleeping in SDL_WaitEvent wakes up.
  explicit ThreadSafeInbox(std::function<void()> on_push = {}) : on_push_(std::move(on_push)) {}

  void push(T item) {
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(item));
    }
    if (on_push_) on_push_();
  }

  // Everything pushed so far, oldest first; the inbox is empty afterwards.
  std::vector<T> take_all() {
    std::vector<T> out;
    std::lock_guard lock(mutex_);
    out.swap(items_);
    return out;
  }

  bool empty() const {
    std::lock_guard lock(mutex_);
    return items_.empty();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<T> items_;
  std::function<void()> on_push_;
};

}  // namespace motcua::client
