#include "domain/time.hpp"

#include <array>
#include <cstdio>
#include <utility>

namespace motcua {

std::string service_day_to_iso(int day) {
  const std::chrono::sys_days d{std::chrono::days{day}};
  const std::chrono::year_month_day ymd{d};
  const int y = static_cast<int>(ymd.year());
  const auto m = static_cast<unsigned>(ymd.month());
  const auto dd = static_cast<unsigned>(ymd.day());
  if (y < 0 || y > 9999) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, dd);
    return buf;
  }
  // Every ticket view carries its day: digits by hand, not through printf.
  std::string s = "0000-00-00";
  s[0] = static_cast<char>('0' + y / 1000);
  s[1] = static_cast<char>('0' + y / 100 % 10);
  s[2] = static_cast<char>('0' + y / 10 % 10);
  s[3] = static_cast<char>('0' + y % 10);
  s[5] = static_cast<char>('0' + m / 10);
  s[6] = static_cast<char>('0' + m % 10);
  s[8] = static_cast<char>('0' + dd / 10);
  s[9] = static_cast<char>('0' + dd % 10);
  return s;
}

bool iso_to_service_day(const std::string& iso, int& day_out) {
  // Exactly DDDD-DD-DD: sscanf alone would accept signs and spaces ("+026-11-23", "2026-11- 3").
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (iso[i] < '0' || iso[i] > '9') return false;
  const int y = std::stoi(iso.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(iso.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(iso.substr(8, 2)));
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return false;
  day_out = static_cast<int>(std::chrono::sys_days{ymd}.time_since_epoch().count());
  return true;
}

bool utc_offset_for_zone(const std::string& zone, int& offset_minutes_out) {
  // Fixed-offset zones without DST only: a wrong offset would misplace every service day.
  static const std::array<std::pair<const char*, int>, 6> zones{{
      {"Asia/Ho_Chi_Minh", 420},
      {"Asia/Saigon", 420},
      {"Asia/Bangkok", 420},
      {"Asia/Vientiane", 420},
      {"Asia/Phnom_Penh", 420},
      {"UTC", 0},
  }};
  for (const auto& [name, offset] : zones) {
    if (zone == name) {
      offset_minutes_out = offset;
      return true;
    }
  }
  return false;
}

std::string clock_text(int minute_of_day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
  return buf;
}

}  // namespace motcua
