// Faults in the main heap's fresh pages on a thread of its own, before the I/O thread
// first writes them. Under load the office state grows (about 0.7 KB a ticket), and each
// first write of a 4 KiB page is a page fault taken on the thread that answers every
// request (~7 % of its time at 28 k tickets/s). Here the heap grows in steps of
// kTopPad (malloc's top pad), and each new step is populated ahead with
// madvise(MADV_POPULATE_WRITE), which maps the pages without writing them: the heap's
// contents, glibc's included, are never touched. It populates at most 50 MB/s, evenly:
// a burst of faults would take the other core from the load it serves (BENCHMARKS.md,
// session 13). In a quiet office it does nothing; it costs the pad's 8 MiB of memory.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

namespace motcua {

class HeapPrefaulter {
 public:
  static constexpr std::size_t kTopPad = 8 << 20;

  // Sets malloc's top pad and starts the thread; null where the kernel cannot populate
  // (before Linux 5.14). Call early in main, on the thread whose heap is the main one.
  static std::unique_ptr<HeapPrefaulter> start();
  ~HeapPrefaulter();
  HeapPrefaulter(const HeapPrefaulter&) = delete;
  HeapPrefaulter& operator=(const HeapPrefaulter&) = delete;

  // Bytes populated so far (tests).
  std::size_t populated_bytes() const;

 private:
  HeapPrefaulter() = default;
  void run();
  // Populates up to the heap's current end; false once the kernel refuses.
  bool catch_up();

  std::thread thread_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::uintptr_t populated_to_ = 0;  // end of the heap as last populated
  std::size_t populated_bytes_ = 0;
};

}  // namespace motcua
