#include "stats/ticket_history.hpp"

#include "domain/model.hpp"

namespace motcua::stats {
namespace {

std::string counter_text(int counter) { return "quầy " + std::to_string(counter); }

std::string service_name(const OfficeConfig& config, const std::string& code) {
  const Service* s = config.find_service(code);
  return s ? s->name : code;
}

std::string named(const std::vector<std::pair<std::string, std::string>>& names, const std::string& code) {
  for (const auto& [c, name] : names)
    if (c == code) return name;
  return code;
}

std::string issued_text(const OfficeConfig& config, const Event& e) {
  std::string text = "Lấy số " + e.display + ", lĩnh vực " + service_name(config, e.service);
  if (e.priority)
    text += e.priority_group.empty() ? " (ưu tiên)" : " (ưu tiên: " + named(priority_groups(), e.priority_group) + ")";
  return text;
}

std::string transferred_text(const OfficeConfig& config, const Event& e) {
  if (e.reason == kClosedBySupervisor)
    return "Lãnh đạo đóng " + counter_text(e.counter) + "; số trở lại hàng chờ ở vị trí cũ";
  if (e.reason == kCounterClosedRelease)
    return "Quầy được chuyển đến đã đóng; số trở lại hàng chờ của lĩnh vực " + service_name(config, e.service);
  std::string text = "Chuyển từ " + counter_text(e.counter) + " sang ";
  text += e.to_counter != 0 ? counter_text(e.to_counter) : "lĩnh vực " + service_name(config, e.service);
  return text;
}

std::string cancelled_text(const Event& e) {
  if (e.reason == kDayEndReason) return "Hết ngày làm việc khi chưa phục vụ xong; số hết hiệu lực";
  return e.reason.empty() ? "Hủy số" : "Hủy số, lý do: " + e.reason;
}

std::string vote_text(const Event& e) {
  std::string text = "Công dân đánh giá: " + std::string(rating_name(e.rating));
  if (!e.reason.empty()) text += ", lý do: " + named(unhappy_reasons(), e.reason);
  return text;
}

}  // namespace

std::vector<HistoryLine> ticket_history(const OfficeConfig& config, std::span<const Event> events) {
  std::vector<HistoryLine> lines;
  int recalls = 0;
  for (const Event& e : events) {
    if (e.ticket_id == 0) continue;
    HistoryLine line{e.seq, e.at, e.type, e.counter, e.officer, {}, {}};
    if (!e.officer.empty()) {
      const Officer* o = config.find_officer(e.officer);
      line.officer_name = o ? o->display_name : e.officer;
    }
    const std::string at_counter = " tại " + counter_text(e.counter);
    switch (e.type) {
      case EventType::ticket_issued: line.text = issued_text(config, e); break;
      case EventType::ticket_called: line.text = "Gọi đến " + counter_text(e.counter); break;
      case EventType::ticket_recalled: line.text = "Gọi lại lần " + std::to_string(++recalls) + at_counter; break;
      case EventType::ticket_started: line.text = "Bắt đầu tiếp nhận hồ sơ" + at_counter; break;
      case EventType::ticket_closed: line.text = "Hoàn tất" + at_counter; break;
      case EventType::ticket_no_show: line.text = "Vắng mặt khi được gọi" + at_counter; break;
      case EventType::ticket_transferred: line.text = transferred_text(config, e); break;
      case EventType::ticket_cancelled: line.text = cancelled_text(e); break;
      case EventType::ticket_reactivated: line.text = "Cho vào lại hàng chờ" + at_counter; break;
      case EventType::vote_requested: line.text = "Mời đánh giá mức độ hài lòng" + at_counter; break;
      case EventType::vote_recorded: line.text = vote_text(e); break;
      default: continue;
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace motcua::stats
