// The plan for the daily copies of the office's database: at which local times, under
// which file names, and which old copies are removed. The office's ratings and waits are
// its official record (the monthly SIPAS figures come from them), so a disk that dies
// must not take them along. Pure: instants and file names are passed in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/status.hpp"
#include "domain/time.hpp"

namespace motcua::backup {

// "HH:MM" local times, as an office writes them, into minutes since local midnight,
// sorted, without repeats. An empty list turns the scheduled copies off.
Result<std::vector<int>> parse_times(const std::vector<std::string>& times);
// The same minutes back as "HH:MM".
std::string format_time(int minute_of_day);

// The first of `minutes` (local) strictly after `now`: later today, else tomorrow's first.
// `minutes` must not be empty.
Instant next_at(Instant now, const std::vector<int>& minutes, int utc_offset_minutes);

// "motcua-YYYY-MM-DD-HHMMSS.db" in local time: sorts by time, and says when it was made.
std::string file_name(Instant at, int utc_offset_minutes);
// When a copy named by file_name() was made; nullopt for any other name.
std::optional<Instant> made_at(const std::string& name, int utc_offset_minutes);

// Of the files in the backup folder, the copies older than `keep_days` days, oldest first.
// The newest copy is always kept, however old: when copies stopped being made, the last
// one is all there is. Other files are never named.
std::vector<std::string> to_remove(const std::vector<std::string>& names, Instant now, int keep_days,
                                   int utc_offset_minutes);

}  // namespace motcua::backup
