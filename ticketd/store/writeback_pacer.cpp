#include "store/writeback_pacer.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace motcua::store {

WritebackPacer::WritebackPacer(const std::string& path, std::chrono::microseconds pace)
    : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)), pace_(pace) {
  if (fd_ >= 0) thread_ = std::thread([this] { run(); });
}

WritebackPacer::~WritebackPacer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) ::close(fd_);
}

void WritebackPacer::begin() {
  {
    std::lock_guard lock(mutex_);
    active_ = true;
  }
  wake_.notify_one();
}

void WritebackPacer::end() {
  std::lock_guard lock(mutex_);
  active_ = false;
}

bool WritebackPacer::sync_file() { return fd_ >= 0 && ::fdatasync(fd_) == 0; }

void WritebackPacer::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return active_ || stopping_; });
    if (stopping_) return;
    lock.unlock();
    // The whole file: only pages that are dirty and not yet under writeback cost anything.
    ::sync_file_range(fd_, 0, 0, SYNC_FILE_RANGE_WRITE);
    started_.fetch_add(1, std::memory_order_relaxed);
    lock.lock();
    wake_.wait_for(lock, pace_, [this] { return stopping_; });
  }
}

}  // namespace motcua::store
