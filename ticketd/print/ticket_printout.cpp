#include "ticket_printout.hpp"

#include <chrono>
#include <cstdio>

namespace motcua::print {

std::string format_issued_at(Instant issued_at, int utc_offset_minutes) {
  using namespace std::chrono;
  const auto local = issued_at + minutes{utc_offset_minutes};
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const auto in_day = duration_cast<minutes>(local - day);
  char buf[64];
  std::snprintf(buf, sizeof buf, "Lấy số lúc %02d:%02d ngày %02u/%02u/%04d", static_cast<int>(in_day.count() / 60),
                static_cast<int>(in_day.count() % 60), static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
  return buf;
}

std::string people_ahead_line(int people_ahead) {
  if (people_ahead <= 0) return "Ông/bà là người tiếp theo";
  return "Có " + std::to_string(people_ahead) + " người đang chờ trước ông/bà";
}

std::string estimated_wait_text(int estimated_wait_s) {
  if (estimated_wait_s <= 0) return "không phải chờ";
  if (estimated_wait_s < 60) return "dưới 1 phút";
  // Round up: promising less than the estimate disappoints more than promising more.
  const int minutes = (estimated_wait_s + 59) / 60;
  if (minutes < 60) return "khoảng " + std::to_string(minutes) + " phút";
  const int hours = minutes / 60;
  const int rest = minutes % 60;
  std::string text = "khoảng " + std::to_string(hours) + " giờ";
  if (rest > 0) text += " " + std::to_string(rest) + " phút";
  return text;
}

std::string waiting_time_text(const TicketPrintout& ticket) {
  if (ticket.open_counters == 0) return "chưa có quầy tiếp nhận";
  return estimated_wait_text(ticket.estimated_wait_s);
}

}  // namespace motcua::print
