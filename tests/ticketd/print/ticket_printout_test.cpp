#include <gtest/gtest.h>

#include "ticket_printout.hpp"

namespace motcua::print {
namespace {

TEST(TicketPrintout, IssuedAtIsLocalVietnameseTime) {
  // 2026-11-23T02:41:00Z is 09:41 in Hà Nội (UTC+7).
  EXPECT_EQ(format_issued_at(from_unix_ms(1795401660000), 7 * 60), "Lấy số lúc 09:41 ngày 23/11/2026");
  // 17:30Z is past local midnight: the local date is the next day.
  EXPECT_EQ(format_issued_at(from_unix_ms(1795455000000), 7 * 60), "Lấy số lúc 00:30 ngày 24/11/2026");
  EXPECT_EQ(format_issued_at(from_unix_ms(0), 0), "Lấy số lúc 00:00 ngày 01/01/1970");
}

TEST(TicketPrintout, PeopleAheadLine) {
  EXPECT_EQ(people_ahead_line(0), "Ông/bà là người tiếp theo");
  EXPECT_EQ(people_ahead_line(1), "Có 1 người đang chờ trước ông/bà");
  EXPECT_EQ(people_ahead_line(27), "Có 27 người đang chờ trước ông/bà");
}

TEST(TicketPrintout, EstimatedWaitRoundsUpAndSpellsHours) {
  struct Case {
    int seconds;
    const char* text;
  };
  const Case cases[] = {
      {0, "không phải chờ"},       {-5, "không phải chờ"},       {1, "dưới 1 phút"},
      {59, "dưới 1 phút"},         {60, "khoảng 1 phút"},        {61, "khoảng 2 phút"},
      {840, "khoảng 14 phút"},     {3540, "khoảng 59 phút"},     {3541, "khoảng 1 giờ"},
      {3600, "khoảng 1 giờ"},      {3900, "khoảng 1 giờ 5 phút"}, {7200, "khoảng 2 giờ"},
  };
  for (const auto& c : cases) EXPECT_EQ(estimated_wait_text(c.seconds), c.text) << c.seconds;
}

TEST(TicketPrintout, NoWaitIsPromisedWhileNoCounterCanCall) {
  struct Case {
    int open_counters;
    int seconds;
    const char* text;
  };
  const Case cases[] = {
      {-1, 840, "khoảng 14 phút"},  // an older daemon that does not say
      {2, 840, "khoảng 14 phút"},
      {1, 0, "không phải chờ"},
      {0, 0, "chưa có quầy tiếp nhận"},
      {0, 840, "chưa có quầy tiếp nhận"},
  };
  for (const auto& c : cases) {
    TicketPrintout t;
    t.open_counters = c.open_counters;
    t.estimated_wait_s = c.seconds;
    EXPECT_EQ(waiting_time_text(t), c.text) << c.open_counters << " open, " << c.seconds << " s";
  }
}

TEST(TicketPrintout, DefaultFooter) { EXPECT_EQ(TicketPrintout{}.footer, "Vui lòng chờ đến lượt"); }

}  // namespace
}  // namespace motcua::print
