// The date and clock as the board writes them in Vietnamese ("Thứ Hai, 23/11/2026", "14:05").
// Pure functions; thread-agnostic.
#pragma once

#include <string>

#include "domain/time.hpp"

namespace motcua::display {

// "Thứ Hai, ngày 23/11/2026" in the office's fixed UTC offset.
std::string vietnamese_date(Instant t, int utc_offset_minutes);
// "14:05".
std::string clock_text(Instant t, int utc_offset_minutes);

}  // namespace motcua::display
