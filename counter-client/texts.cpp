#include "texts.hpp"

namespace motcua::counter {

std::string format_duration(std::int64_t seconds) {
  if (seconds < 0) seconds = 0;
  std::int64_t h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60;
  if (h > 0) return std::to_string(h) + " giờ " + std::to_string(m) + " phút";
  if (m > 0) return std::to_string(m) + " phút " + std::to_string(s) + " giây";
  return std::to_string(s) + " giây";
}

std::string counter_state_label(std::string_view state) {
  if (state == "idle") return "Sẵn sàng";
  if (state == "calling") return "Đang gọi";
  if (state == "serving") return "Đang phục vụ";
  if (state == "paused") return "Tạm dừng";
  if (state == "closed") return "Đóng";
  return std::string(state);
}

std::string ticket_state_label(std::string_view state) {
  if (state == "waiting") return "Đang chờ";
  if (state == "called") return "Đã gọi";
  if (state == "serving") return "Đang phục vụ";
  if (state == "done") return "Đã xong";
  if (state == "no_show") return "Vắng mặt";
  if (state == "transferred") return "Đã chuyển";
  if (state == "cancelled") return "Đã hủy";
  return std::string(state);
}

std::string rating_label(int rating) {
  switch (rating) {
    case 1: return "Rất hài lòng";
    case 2: return "Hài lòng";
    case 3: return "Bình thường";
    case 4: return "Không hài lòng";
    default: return {};
  }
}

}  // namespace motcua::counter
