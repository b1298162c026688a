#include "vn_clock.hpp"

#include <array>
#include <cstdio>

namespace motcua::display {

std::string vietnamese_date(Instant t, int utc_offset_minutes) {
  static constexpr std::array<const char*, 7> kWeekdays = {"Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật",
                                                           "Thứ Hai", "Thứ Ba",  "Thứ Tư"};
  const int day = service_day(t, utc_offset_minutes);  // 1970-01-01 was a Thursday
  const std::string iso = service_day_to_iso(day);      // YYYY-MM-DD
  const int weekday = ((day % 7) + 7) % 7;
  return std::string(kWeekdays[weekday]) + ", ngày " + iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" +
         iso.substr(0, 4);
}

std::string clock_text(Instant t, int utc_offset_minutes) {
  const int m = local_minute_of_day(t, utc_offset_minutes);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
  return buf;
}

}  // namespace motcua::display
