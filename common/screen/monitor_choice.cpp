#include "screen/monitor_choice.hpp"

namespace motcua::screen {

Status check_monitor_number(int monitor, const std::string& what) {
  if (monitor < 0 || monitor > kMaxMonitor)
    return Status::invalid_argument(
        "invalid_monitor", what + " phải là số thứ tự màn hình từ 1 đến " + std::to_string(kMaxMonitor) +
                               " (1 là màn hình chính), hoặc 0 để hệ thống tự chọn");
  return Status::ok();
}

Result<int> monitor_index(int monitor, int monitors_connected) {
  if (Status s = check_monitor_number(monitor, "Số màn hình"); !s.is_ok()) return s;
  if (monitors_connected < 1)
    return Status::unavailable("no_monitor", "Không tìm thấy màn hình nào được nối với máy");
  if (monitor == 0) return 0;
  if (monitor > monitors_connected)
    return Status::invalid_argument("no_such_monitor", "Không có màn hình số " + std::to_string(monitor) +
                                                           ": máy này đang nối " +
                                                           std::to_string(monitors_connected) + " màn hình");
  return monitor - 1;
}

Result<Rect> window_rect(int monitor, const std::vector<Rect>& monitors, bool fullscreen, int width, int height) {
  const Result<int> index = monitor_index(monitor, static_cast<int>(monitors.size()));
  if (!index.is_ok()) return index.status();
  const Rect& on = monitors[static_cast<std::size_t>(index.value())];
  if (fullscreen) return on;
  return Rect{on.x + (on.width - width) / 2, on.y + (on.height - height) / 2, width, height};
}

}  // namespace motcua::screen
