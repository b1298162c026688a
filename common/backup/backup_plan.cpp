#include "backup/backup_plan.hpp"

#include <algorithm>
#include <cstdio>

namespace motcua::backup {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 86'400'000;

bool two_digits(const std::string& s, std::size_t at, int& out) {
  if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9') return false;
  out = (s[at] - '0') * 10 + (s[at + 1] - '0');
  return true;
}

}  // namespace

Result<std::vector<int>> parse_times(const std::vector<std::string>& times) {
  std::vector<int> minutes;
  for (const auto& t : times) {
    int h = 0, m = 0;
    if (t.size() != 5 || t[2] != ':' || !two_digits(t, 0, h) || !two_digits(t, 3, m) || h > 23 || m > 59)
      return Status::invalid_argument("invalid_config",
                                      "backup.times: \"" + t + "\" phải là giờ:phút dạng HH:MM, ví dụ \"12:15\"");
    minutes.push_back(h * 60 + m);
  }
  std::sort(minutes.begin(), minutes.end());
  minutes.erase(std::unique(minutes.begin(), minutes.end()), minutes.end());
  return minutes;
}

std::string format_time(int minute_of_day) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute_of_day / 60 % 24, minute_of_day % 60);
  return buf;
}

Instant next_at(Instant now, const std::vector<int>& minutes, int utc_offset_minutes) {
  const int today = service_day(now, utc_offset_minutes);
  for (int day = today; day <= today + 1; ++day) {
    const Instant midnight = start_of_service_day(day, utc_offset_minutes);
    for (int m : minutes) {
      const Instant at = midnight + Millis{m * kMinuteMs};
      if (at > now) return at;
    }
  }
  return start_of_service_day(today + 1, utc_offset_minutes) + Millis{minutes.front() * kMinuteMs};
}

std::string file_name(Instant at, int utc_offset_minutes) {
  const int day = service_day(at, utc_offset_minutes);
  const std::int64_t in_day_s = (to_unix_ms(at) - to_unix_ms(start_of_service_day(day, utc_offset_minutes))) / 1000;
  char buf[16];
  std::snprintf(buf, sizeof buf, "-%02d%02d%02d.db", static_cast<int>(in_day_s / 3600),
                static_cast<int>(in_day_s / 60 % 60), static_cast<int>(in_day_s % 60));
  return "motcua-" + service_day_to_iso(day) + buf;
}

std::optional<Instant> made_at(const std::string& name, int utc_offset_minutes) {
  // motcua-YYYY-MM-DD-HHMMSS.db
  static const std::string prefix = "motcua-", suffix = ".db";
  if (name.size() != prefix.size() + 10 + 1 + 6 + suffix.size() || name.rfind(prefix, 0) != 0 ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0 || name[prefix.size() + 10] != '-')
    return std::nullopt;
  int day = 0, h = 0, m = 0, s = 0;
  const std::size_t t = prefix.size() + 11;
  if (!iso_to_service_day(name.substr(prefix.size(), 10), day) || !two_digits(name, t, h) ||
      !two_digits(name, t + 2, m) || !two_digits(name, t + 4, s) || h > 23 || m > 59 || s > 59)
    return std::nullopt;
  return start_of_service_day(day, utc_offset_minutes) + Millis{(h * 3600 + m * 60 + s) * std::int64_t{1000}};
}

std::vector<std::string> to_remove(const std::vector<std::string>& names, Instant now, int keep_days,
                                   int utc_offset_minutes) {
  std::vector<std::pair<Instant, std::string>> copies;
  for (const auto& n : names)
    if (auto at = made_at(n, utc_offset_minutes)) copies.emplace_back(*at, n);
  std::sort(copies.begin(), copies.end());
  std::vector<std::string> out;
  if (copies.empty()) return out;
  const Instant cutoff = now - Millis{keep_days * kDayMs};
  for (std::size_t i = 0; i + 1 < copies.size(); ++i)  // never the newest
    if (copies[i].first < cutoff) out.push_back(copies[i].second);
  return out;
}

}  // namespace motcua::backup
