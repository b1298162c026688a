// Vietnamese words for states, actions and durations, shared by the CLI, panel and pad.
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace motcua::counter {

// "5 phút 10 giây", "1 giờ 3 phút", "0 giây"; negative counts as 0.
std::string format_duration(std::int64_t seconds);
// The counter state ids of docs/API.md → "Sẵn sàng", "Đang gọi", "Đang phục vụ", "Tạm dừng", "Đóng".
std::string counter_state_label(std::string_view state);
// Ticket state ids → "Đang chờ", "Đã gọi", ...
std::string ticket_state_label(std::string_view state);
// 1..4 → "Rất hài lòng" ... "Không hài lòng"; "" otherwise.
std::string rating_label(int rating);

}  // namespace motcua::counter
