#include "stats/report.hpp"

#include <algorithm>

namespace motcua::stats {

Distribution summarize_ms(std::vector<std::int32_t>& ms, std::int64_t sum_ms) {
  Distribution d;
  d.count = static_cast<std::int64_t>(ms.size());
  if (ms.empty()) return d;
  const std::int64_t n = d.count;
  auto nearest_rank = [&](std::int64_t p) {
    const std::int64_t rank = (p * n + 99) / 100;  // ceil(p/100 · n), 1-based
    auto nth = ms.begin() + (rank - 1);
    std::nth_element(ms.begin(), nth, ms.end());
    return *nth / 1000.0;
  };
  d.avg_s = static_cast<double>(sum_ms) / 1000.0 / static_cast<double>(n);
  d.median_s = nearest_rank(50);
  d.p90_s = nearest_rank(90);
  return d;
}

std::string bucket_label(const WaitBucket& b) {
  if (b.hi_min < 0) return "Từ " + std::to_string(b.lo_min) + " phút trở lên";
  if (b.lo_min == 0) return "Dưới " + std::to_string(b.hi_min) + " phút";
  return std::to_string(b.lo_min) + "–" + std::to_string(b.hi_min) + " phút";
}

}  // namespace motcua::stats
