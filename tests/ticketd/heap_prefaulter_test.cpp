// The heap prefaulter: memory the main heap hands out after it grew is already mapped, so
// the thread that writes it first takes (almost) no page faults.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

#include "heap_prefaulter.hpp"

namespace motcua {
namespace {

long minor_faults_of_this_thread() {
  rusage u{};
  getrusage(RUSAGE_THREAD, &u);
  return u.ru_minflt;
}

TEST(HeapPrefaulter, FreshHeapMemoryIsMappedBeforeTheThreadWritesIt) {
  auto prefaulter = HeapPrefaulter::start();
  ASSERT_NE(prefaulter, nullptr) << "MADV_POPULATE_WRITE needs Linux 5.14";
  // A block larger than the heap's free end makes it grow, by the block and the top pad;
  // then the prefaulter gets its time.
  char* grow = static_cast<char*>(std::malloc(3 << 20));
  ASSERT_NE(grow, nullptr);
  // Then 6 MiB of 4 KB blocks, as the office state grows ticket by ticket.
  constexpr std::size_t kBlock = 4000, kBlocks = 6 * 1024 * 1024 / kBlock;
  std::vector<char*> blocks;
  blocks.reserve(kBlocks);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (prefaulter->populated_bytes() < 6u << 20 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_GE(prefaulter->populated_bytes(), 6u << 20);

  const long before = minor_faults_of_this_thread();
  for (std::size_t i = 0; i < kBlocks; ++i) {
    blocks.push_back(static_cast<char*>(std::malloc(kBlock)));
    std::memset(blocks.back(), 0x5a, kBlock);
  }
  const long faults = minor_faults_of_this_thread() - before;
  // Without the prefaulter this thread takes one fault per page: ~1,500 here.
  EXPECT_LT(faults, 100) << "pages written: " << kBlocks * kBlock / 4096;
  for (char* b : blocks) {
    EXPECT_EQ(b[kBlock - 1], 0x5a);
    std::free(b);
  }
  std::free(grow);
}

}  // namespace
}  // namespace motcua
