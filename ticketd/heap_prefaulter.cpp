#include "heap_prefaulter.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>

namespace motcua {
namespace {

// Small steps: growing the heap (brk) waits for a populate under way, so none may be long.
constexpr std::uintptr_t kStep = 256 << 10;
// At most this much a period, spread out: a burst of thousands of faults would take the
// other core from the load it serves. 50 MB/s is well ahead of the state's growth.
constexpr std::uintptr_t kPerPeriod = 512 << 10;
constexpr auto kPeriod = std::chrono::milliseconds(10);

std::uintptr_t heap_end() { return static_cast<std::uintptr_t>(::syscall(SYS_brk, 0)); }

std::uintptr_t page_down(std::uintptr_t a) {
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  return a & ~(page - 1);
}

}  // namespace

std::unique_ptr<HeapPrefaulter> HeapPrefaulter::start() {
  // Probe once on a page of our own: an older kernel answers EINVAL.
  void* probe = ::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (probe == MAP_FAILED) return nullptr;
  const bool supported = ::madvise(probe, 4096, MADV_POPULATE_WRITE) == 0;
  ::munmap(probe, 4096);
  if (!supported) return nullptr;
  // The heap grows kTopPad past each request, so fresh pages wait at its end for this
  // thread. Setting the pad also freezes malloc's sliding mmap threshold, so both limits are
  // set here: blocks up to 4 MiB (a big report) stay in the heap rather than costing an
  // mmap and fresh faults each time, and free memory is given back past 16 MiB.
  ::mallopt(M_TOP_PAD, static_cast<int>(kTopPad));
  ::mallopt(M_MMAP_THRESHOLD, 4 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 16 << 20);
  std::unique_ptr<HeapPrefaulter> p(new HeapPrefaulter());
  p->populated_to_ = heap_end();
  p->thread_ = std::thread([raw = p.get()] { raw->run(); });
  return p;
}

HeapPrefaulter::~HeapPrefaulter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

std::size_t HeapPrefaulter::populated_bytes() const {
  std::lock_guard lock(mutex_);
  return populated_bytes_;
}

void HeapPrefaulter::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    const bool go_on = catch_up();
    lock.lock();
    if (!go_on) return;
    wake_.wait_for(lock, kPeriod, [this] { return stopping_; });
  }
}

bool HeapPrefaulter::catch_up() {
  const std::uintptr_t end = heap_end();
  std::uintptr_t from;
  {
    std::lock_guard lock(mutex_);
    if (end < populated_to_) populated_to_ = end;  // malloc gave memory back
    if (end == populated_to_) return true;
    // Only the top pad past what malloc has handed out is still untouched.
    from = page_down(std::max(populated_to_, end - std::min<std::uintptr_t>(end, kTopPad)));
  }
  std::uintptr_t at = from;
  for (; at < end && at < from + kPerPeriod; at += kStep) {
    const std::size_t len = std::min(kStep, end - at);
    if (::madvise(reinterpret_cast<void*>(at), len, MADV_POPULATE_WRITE) != 0) {
      // ENOMEM: the heap shrank meanwhile; anything else: give up quietly.
      if (errno != ENOMEM) return false;
      break;
    }
    std::lock_guard lock(mutex_);
    populated_bytes_ += len;
  }
  std::lock_guard lock(mutex_);
  populated_to_ = std::min(at, end);
  return true;
}

}  // namespace motcua
