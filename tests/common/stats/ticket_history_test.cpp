// Table test of ticket_history: each event of a ticket's life becomes one line a leader
// reads, with the officer's display name.
#include <gtest/gtest.h>

#include "stats/ticket_history.hpp"

namespace motcua::stats {
namespace {

Event event(EventType type, int counter, const std::string& officer) {
  Event e;
  e.type = type;
  e.ticket_id = 7;
  e.counter = counter;
  e.officer = officer;
  return e;
}

TEST(TicketHistory, EachEventIsALineInPlainVietnamese) {
  const OfficeConfig config = demo_office_config();
  auto issued = event(EventType::ticket_issued, 0, "");
  issued.service = "ho-tich";
  issued.display = "1023";
  auto priority = issued;
  priority.priority = true;
  priority.priority_group = "cao_tuoi";
  auto to_service = event(EventType::ticket_transferred, 1, "canbo1");
  to_service.service = "dat-dai";
  auto to_counter = to_service;
  to_counter.to_counter = 3;
  auto by_supervisor = event(EventType::ticket_transferred, 2, "lanhdao");
  by_supervisor.reason = kClosedBySupervisor;
  auto released = event(EventType::ticket_transferred, 0, "");
  released.service = "ho-tich";
  released.reason = kCounterClosedRelease;
  auto cancelled = event(EventType::ticket_cancelled, 0, "lanhdao");
  cancelled.reason = "Công dân về trước";
  auto expired = event(EventType::ticket_cancelled, 0, "");
  expired.reason = std::string(kDayEndReason);
  auto vote = event(EventType::vote_recorded, 2, "canbo2");
  vote.rating = 4;
  vote.reason = "cho_lau";
  auto happy = event(EventType::vote_recorded, 2, "canbo2");
  happy.rating = 1;
  auto stranger = event(EventType::ticket_called, 4, "nghiviec");

  struct Row {
    const char* name;
    Event event;
    std::string text;
    std::string officer_name;
  };
  const std::vector<Row> table = {
      {"issued", issued, "Lấy số 1023, lĩnh vực Tư pháp – Hộ tịch", ""},
      {"issued with priority", priority, "Lấy số 1023, lĩnh vực Tư pháp – Hộ tịch (ưu tiên: Người từ 80 tuổi trở lên)", ""},
      {"called", event(EventType::ticket_called, 2, "canbo2"), "Gọi đến quầy 2", "Trần Văn Minh"},
      {"started", event(EventType::ticket_started, 2, "canbo2"), "Bắt đầu tiếp nhận hồ sơ tại quầy 2", "Trần Văn Minh"},
      {"closed", event(EventType::ticket_closed, 2, "canbo2"), "Hoàn tất tại quầy 2", "Trần Văn Minh"},
      {"no-show", event(EventType::ticket_no_show, 1, "canbo1"), "Vắng mặt khi được gọi tại quầy 1", "Nguyễn Thị Lan"},
      {"reactivated", event(EventType::ticket_reactivated, 1, "canbo1"), "Cho vào lại hàng chờ tại quầy 1", "Nguyễn Thị Lan"},
      {"to a service", to_service, "Chuyển từ quầy 1 sang lĩnh vực Đất đai – Xây dựng", "Nguyễn Thị Lan"},
      {"to a counter", to_counter, "Chuyển từ quầy 1 sang quầy 3", "Nguyễn Thị Lan"},
      {"a leader closed its counter", by_supervisor, "Lãnh đạo đóng quầy 2; số trở lại hàng chờ ở vị trí cũ", "Hoàng Minh Tuấn"},
      {"its named counter closed", released,
       "Quầy được chuyển đến đã đóng; số trở lại hàng chờ của lĩnh vực Tư pháp – Hộ tịch", ""},
      {"cancelled with a reason", cancelled, "Hủy số, lý do: Công dân về trước", "Hoàng Minh Tuấn"},
      {"cancelled without one", event(EventType::ticket_cancelled, 0, ""), "Hủy số", ""},
      {"the day ended", expired, "Hết ngày làm việc khi chưa phục vụ xong; số hết hiệu lực", ""},
      {"vote asked", event(EventType::vote_requested, 2, "canbo2"), "Mời đánh giá mức độ hài lòng tại quầy 2", "Trần Văn Minh"},
      {"unhappy vote", vote, "Công dân đánh giá: Không hài lòng, lý do: Thời gian chờ lâu", "Trần Văn Minh"},
      {"happy vote", happy, "Công dân đánh giá: Rất hài lòng", "Trần Văn Minh"},
      {"an officer no longer configured", stranger, "Gọi đến quầy 4", "nghiviec"},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    const std::vector<Event> one{row.event};
    const auto lines = ticket_history(config, one);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].text, row.text);
    EXPECT_EQ(lines[0].officer_name, row.officer_name);
    EXPECT_EQ(lines[0].counter, row.event.counter);
    EXPECT_EQ(lines[0].type, row.event.type);
  }
}

TEST(TicketHistory, RecallsAreCountedAndOtherEventsSkipped) {
  const OfficeConfig config = demo_office_config();
  std::vector<Event> events = {event(EventType::ticket_called, 3, "canbo3"),
                               event(EventType::ticket_recalled, 3, "canbo3"),
                               event(EventType::counter_paused, 3, "canbo3"),
                               event(EventType::ticket_recalled, 3, "canbo3")};
  events[2].ticket_id = 0;  // a counter's own event, not the ticket's
  for (std::size_t i = 0; i < events.size(); ++i) events[i].seq = 100 + static_cast<std::int64_t>(i);
  const auto lines = ticket_history(config, events);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1].text, "Gọi lại lần 1 tại quầy 3");
  EXPECT_EQ(lines[2].text, "Gọi lại lần 2 tại quầy 3");
  EXPECT_EQ(lines[2].seq, 103);
}

}  // namespace
}  // namespace motcua::stats
