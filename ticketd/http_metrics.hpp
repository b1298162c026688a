// Request counts and latency histograms for /metrics. Thread-safe (atomics only).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace motcua {

class HttpMetrics {
 public:
  static constexpr std::array<double, 10> kBucketsLe{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2};

  void record(unsigned status, double seconds) {
    requests_[status_class(status)].fetch_add(1, std::memory_order_relaxed);
    for (std::size_t i = 0; i < kBucketsLe.size(); ++i)
      if (seconds <= kBucketsLe[i]) buckets_[i].fetch_add(1, std::memory_order_relaxed);
    count_.fetch_add(1, std::memory_order_relaxed);
    sum_us_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  }
  void ws_connected() { ws_clients_.fetch_add(1, std::memory_order_relaxed); }
  void ws_disconnected() { ws_clients_.fetch_sub(1, std::memory_order_relaxed); }
  void ws_dropped_slow() { ws_dropped_.fetch_add(1, std::memory_order_relaxed); }

  // Prometheus text exposition of these figures.
  std::string render() const;

 private:
  static std::size_t status_class(unsigned status) { return status >= 100 && status < 600 ? status / 100 : 0; }
  std::array<std::atomic<std::uint64_t>, 6> requests_{};
  std::array<std::atomic<std::uint64_t>, kBucketsLe.size()> buckets_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_us_{0};
  std::atomic<std::int64_t> ws_clients_{0};
  std::atomic<std::uint64_t> ws_dropped_{0};
};

}  // namespace motcua
