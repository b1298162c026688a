// Time as the domain sees it: instants are passed in, never read from a clock here.
// Pure functions; thread-agnostic.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace motcua {

using Instant = std::chrono::sys_time<std::chrono::milliseconds>;
using Millis = std::chrono::milliseconds;

inline std::int64_t to_unix_ms(Instant t) { return t.time_since_epoch().count(); }
inline Instant from_unix_ms(std::int64_t ms) { return Instant{Millis{ms}}; }

// A service day is the local calendar date, counted in days since 1970-01-01 local.
// Vietnam has no daylight saving, so a fixed offset is exact.
inline int service_day(Instant t, int utc_offset_minutes) {
  const std::int64_t local_ms = to_unix_ms(t) + std::int64_t{utc_offset_minutes} * 60'000;
  const std::int64_t day_ms = 86'400'000;
  return static_cast<int>((local_ms >= 0 ? local_ms : local_ms - day_ms + 1) / day_ms);
}

// Minutes since local midnight, 0..1439.
inline int local_minute_of_day(Instant t, int utc_offset_minutes) {
  const std::int64_t local_ms = to_unix_ms(t) + std::int64_t{utc_offset_minutes} * 60'000;
  const std::int64_t day_ms = 86'400'000;
  std::int64_t in_day = local_ms % day_ms;
  if (in_day < 0) in_day += day_ms;
  return static_cast<int>(in_day / 60'000);
}

// The instant of local midnight that starts `day`.
inline Instant start_of_service_day(int day, int utc_offset_minutes) {
  return from_unix_ms(std::int64_t{day} * 86'400'000 - std::int64_t{utc_offset_minutes} * 60'000);
}

// "YYYY-MM-DD" for a service day (proleptic Gregorian, civil-from-days).
std::string service_day_to_iso(int day);
// Parses "YYYY-MM-DD"; returns false on malformed input.
bool iso_to_service_day(const std::string& iso, int& day_out);

// Known zone names mapped to fixed offsets. Returns false when unknown.
bool utc_offset_for_zone(const std::string& zone, int& offset_minutes_out);

// A minute of the day as "HH:MM" (1440 → "24:00"), as opening hours are written.
std::string clock_text(int minute_of_day);

}  // namespace motcua
