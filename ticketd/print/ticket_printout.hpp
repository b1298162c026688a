// What goes on a paper ticket, and the Vietnamese wording of each line (pure, no SDL).
// Plain value types and pure functions; safe to use from any thread.
#pragma once

#include <string>
#include <vector>

#include "domain/time.hpp"

namespace motcua::print {

inline constexpr const char* kDefaultFooter = "Vui lòng chờ đến lượt";

struct TicketPrintout {
  std::string office_name;          // e.g. "Bộ phận Một cửa UBND phường Hàng Bạc"
  std::string service_name;         // e.g. "Tư pháp – Hộ tịch"
  std::string number;               // the display number, e.g. "1023" or "A001"
  std::string issued_at;            // local date/time text, see format_issued_at()
  int people_ahead = 0;             // the ticket's position (0 = next)
  int estimated_wait_s = 0;         // 0 when nobody is ahead
  int open_counters = -1;           // counters that can call it now; -1 when not known
  std::string status_url;           // the citizen's page, e.g. "https://…/t/k3J9xQ2mTa7w"
  std::string priority_group_name;  // empty for a normal ticket
  std::string footer = kDefaultFooter;
};

// "Lấy số lúc 14:05 ngày 23/11/2026": local time at the given UTC offset (Vietnam: +420 minutes).
std::string format_issued_at(Instant issued_at, int utc_offset_minutes);

// "Có 3 người đang chờ trước ông/bà"; the same words the kiosk screen uses.
std::string people_ahead_line(int people_ahead);

// The label printed above estimated_wait_text().
inline constexpr const char* kEstimatedWaitLabel = "Thời gian chờ dự kiến:";
// "khoảng 14 phút", "khoảng 1 giờ 5 phút", "dưới 1 phút", "không phải chờ"; minutes round up.
std::string estimated_wait_text(int estimated_wait_s);
// What is printed under kEstimatedWaitLabel: the estimate, or "chưa có quầy tiếp nhận"
// when no counter can call the ticket yet (no wait can be promised then).
std::string waiting_time_text(const TicketPrintout& ticket);

}  // namespace motcua::print
