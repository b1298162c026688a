#include "seeded_dataset.hpp"

#include <cstdio>

#include "domain/time.hpp"

namespace motcua::stats::testing {

int day0() {
  int d = 0;
  iso_to_service_day("2026-11-23", d);
  return d;
}

OfficeConfig seeded_config() {
  OfficeConfig c = demo_office_config();  // UTC+7; targets: ho-tich 30, chung-thuc 15, dat-dai 45, tra-ket-qua 10 min
  for (auto& o : c.officers)
    if (o.username == "canbo2") o.display_name = kQuotedName;
  return c;
}

Instant EventScript::local(int day, const char* hms) {
  int h = 0, m = 0, s = 0;
  std::sscanf(hms, "%d:%d:%d", &h, &m, &s);
  return start_of_service_day(day, 420) + std::chrono::seconds(h * 3600 + m * 60 + s);
}

Event& EventScript::push(EventType type, int n, int day, const char* hms) {
  Event e;
  e.seq = static_cast<std::int64_t>(events_.size()) + 1;
  e.type = type;
  e.at = local(day, hms);
  e.ticket_id = 100 + n;  // day_started resets it to 0
  events_.push_back(std::move(e));
  return events_.back();
}

void EventScript::day_started(int day, const char* hms) {
  Event& e = push(EventType::day_started, 0, day, hms);
  e.ticket_id = 0;
  e.service_day = day;
}

void EventScript::issue(int n, const std::string& service, int day, const char* hms) {
  Event& e = push(EventType::ticket_issued, n, day, hms);
  e.service = service;
  e.service_day = day;
  e.number = n;
}

namespace {
void at_counter(Event& e, int counter, const std::string& officer) {
  e.counter = counter;
  e.officer = officer;
}
}  // namespace

void EventScript::call(int n, int counter, const std::string& officer, int day, const char* hms) {
  at_counter(push(EventType::ticket_called, n, day, hms), counter, officer);
}
void EventScript::recall(int n, int counter, const std::string& officer, int day, const char* hms) {
  at_counter(push(EventType::ticket_recalled, n, day, hms), counter, officer);
}
void EventScript::start(int n, int counter, const std::string& officer, int day, const char* hms) {
  at_counter(push(EventType::ticket_started, n, day, hms), counter, officer);
}
void EventScript::close(int n, int counter, const std::string& officer, int day, const char* hms) {
  at_counter(push(EventType::ticket_closed, n, day, hms), counter, officer);
  at_counter(push(EventType::vote_requested, n, day, hms), counter, officer);
}
void EventScript::no_show(int n, int counter, const std::string& officer, int day, const char* hms) {
  at_counter(push(EventType::ticket_no_show, n, day, hms), counter, officer);
}
void EventScript::reactivate(int n, int counter, const std::string& officer, int day, const char* hms) {
  at_counter(push(EventType::ticket_reactivated, n, day, hms), counter, officer);
}
void EventScript::transfer(int n, const std::string& to_service, int counter, const std::string& officer, int day,
                           const char* hms) {
  Event& e = push(EventType::ticket_transferred, n, day, hms);
  at_counter(e, counter, officer);
  e.service = to_service;
}
void EventScript::cancel(int n, const std::string& reason, int day, const char* hms) {
  push(EventType::ticket_cancelled, n, day, hms).reason = reason;
}
void EventScript::vote(int n, int rating, const std::string& reason, int counter, const std::string& officer,
                       int day, const char* hms) {
  Event& e = push(EventType::vote_recorded, n, day, hms);
  at_counter(e, counter, officer);
  e.rating = rating;
  e.reason = reason;
}
void EventScript::serve(int n, int counter, const std::string& officer, int day, const char* called,
                        const char* started, const char* closed) {
  call(n, counter, officer, day, called);
  start(n, counter, officer, day, started);
  this->close(n, counter, officer, day, closed);
}

// The dataset. Per ticket (Tn = id 100+n): final service, outcome, where it ended,
// wait = first call − issue, service time = close − last start, vote. On time: first called
// within the target of the service it was issued for, whatever followed.
//
// n  day final svc   outcome    ctr/officer  wait     service  on time?          vote
// 0  -1  ho-tich     served     1 canbo1     10 s     30 s     –                 4 thai_do (out of range)
// 1  0   ho-tich     served     1 canbo1     300      600      yes (≤1800)       1
// 2  0   ho-tich     served     1 canbo1     1140     480      yes               2
// 3  0   chung-thuc  served     2 canbo2     480      240      yes (≤900)        4 cho_lau
// 4  0   chung-thuc  served     2 canbo2     1020     180      no  (>900)        3   (recalled once)
// 5  0   dat-dai     no-show    3 canbo3     1800     –        yes (called ≤2700) –
// 6  0   chung-thuc  served     2 canbo2     1800     360      yes: ≤ ho-tich's  2   (issued ho-tich, transferred)
// 7  0   tra-ket-qua cancelled  –            –        –        –                 –
// 8  0   dat-dai     served     3 canbo3     2700     1200     yes (=2700)       4 thai_do
// 9  0   tra-ket-qua served     6 canbo6     30       15       yes               –   (issued 23:59 local)
// 10 0   ho-tich     unfinished –            –        –        –                 –   (expires at day end)
// 11 1   tra-ket-qua served     6 canbo6     120      120      yes               1   (issued 00:01 local)
// 12 1   ho-tich     served     1 canbo1     720      720      yes               2   (no-show, reactivated, recalled)
// 13 1   chung-thuc  served     2 canbo2     1200     300      no                4 huong_dan_khong_ro
// 14 1   chung-thuc  cancelled  –            –        –        –                 –
// 15 1   dat-dai     served     3 canbo3     3000     2400     no  (>2700)       4 ho_so_tra_lai
// 16 1   dat-dai     cancelled  –            1500     –        yes: ≤ ho-tich's  –   (issued ho-tich, transferred)
// 17 1   tra-ket-qua no-show    6 canbo6     300      –        yes (≤600)        –
// 18 1   ho-tich     served     1 canbo1     480      600      yes               3
// 19 2   ho-tich     served     2 canbo1     420      540      yes               1   (canbo1 at counter 2 on day 2)
// 20 2   chung-thuc  served     2 canbo1     1200     180      no                4 khac
// 21 2   dat-dai     served     3 canbo3     600      1500     yes               1
// 22 2   tra-ket-qua served     6 canbo6     600      120      yes (=600)        2
// 23 2   tra-ket-qua cancelled  –            –        –        –                 –
// 24 2   ho-tich     served     2 canbo1     2700     600      no  (>1800)       –
// 25 2   chung-thuc  cancelled  –            –        –        –                 –   (reason "day_end": unfinished)
// 26 +3  tra-ket-qua served     6 canbo6     60       60       –                 1   (issued 00:00:30 local, out of range)
std::vector<Event> seeded_events() {
  EventScript s;
  const int dm = day_before(), d0 = day0(), d1 = day1(), d2 = day2(), d3 = day_after();

  s.day_started(dm, "07:00:00");
  s.issue(0, "ho-tich", dm, "23:59:00");  // 16:59Z: the last minute before the range
  s.serve(0, 1, "canbo1", dm, "23:59:10", "23:59:15", "23:59:45");
  s.vote(0, 4, "thai_do", 1, "canbo1", dm, "23:59:50");

  s.day_started(d0, "07:30:00");
  s.issue(1, "ho-tich", d0, "08:00:00");
  s.issue(2, "ho-tich", d0, "08:01:00");
  s.issue(3, "chung-thuc", d0, "08:02:00");
  s.issue(4, "chung-thuc", d0, "08:03:00");
  s.issue(5, "dat-dai", d0, "08:04:00");
  s.call(1, 1, "canbo1", d0, "08:05:00");
  s.start(1, 1, "canbo1", d0, "08:06:00");
  s.issue(6, "ho-tich", d0, "08:10:00");
  s.call(3, 2, "canbo2", d0, "08:10:00");
  s.start(3, 2, "canbo2", d0, "08:10:00");
  s.close(3, 2, "canbo2", d0, "08:14:00");
  s.vote(3, 4, "cho_lau", 2, "canbo2", d0, "08:14:30");
  s.close(1, 1, "canbo1", d0, "08:16:00");
  s.vote(1, 1, "", 1, "canbo1", d0, "08:16:30");
  s.call(2, 1, "canbo1", d0, "08:20:00");
  s.call(4, 2, "canbo2", d0, "08:20:00");
  s.recall(4, 2, "canbo2", d0, "08:20:30");
  s.start(2, 1, "canbo1", d0, "08:21:00");
  s.start(4, 2, "canbo2", d0, "08:21:00");
  s.close(4, 2, "canbo2", d0, "08:24:00");
  s.vote(4, 3, "", 2, "canbo2", d0, "08:25:00");
  s.close(2, 1, "canbo1", d0, "08:29:00");
  s.vote(2, 2, "", 1, "canbo1", d0, "08:29:20");
  s.call(5, 3, "canbo3", d0, "08:34:00");
  s.no_show(5, 3, "canbo3", d0, "08:36:00");
  s.call(6, 1, "canbo1", d0, "08:40:00");
  s.start(6, 1, "canbo1", d0, "08:41:00");
  s.transfer(6, "chung-thuc", 1, "canbo1", d0, "08:45:00");
  s.call(6, 2, "canbo2", d0, "08:50:00");
  s.start(6, 2, "canbo2", d0, "08:51:00");
  s.close(6, 2, "canbo2", d0, "08:57:00");
  s.vote(6, 2, "", 2, "canbo2", d0, "08:58:00");
  s.issue(7, "tra-ket-qua", d0, "09:00:00");
  s.cancel(7, "", d0, "09:05:00");
  s.issue(8, "dat-dai", d0, "09:10:00");
  s.call(8, 3, "canbo3", d0, "09:55:00");
  s.start(8, 3, "canbo3", d0, "09:56:00");
  // Ids out of issue order (10 before 9): the fold must not depend on it.
  s.issue(10, "ho-tich", d0, "10:00:00");
  s.close(8, 3, "canbo3", d0, "10:16:00");
  s.vote(8, 4, "thai_do", 3, "canbo3", d0, "10:16:40");
  s.issue(9, "tra-ket-qua", d0, "23:59:00");  // 16:59Z on the UTC date of day 0
  s.serve(9, 6, "canbo6", d0, "23:59:30", "23:59:35", "23:59:50");

  s.day_started(d1, "00:01:00");  // ticket 10 expires here, never called
  s.issue(11, "tra-ket-qua", d1, "00:01:00");  // 17:01Z, still the UTC date of day 0
  s.serve(11, 6, "canbo6", d1, "00:03:00", "00:03:00", "00:05:00");
  s.vote(11, 1, "", 6, "canbo6", d1, "00:05:30");
  s.issue(12, "ho-tich", d1, "08:00:00");
  s.issue(13, "chung-thuc", d1, "08:05:00");
  s.issue(14, "chung-thuc", d1, "08:06:00");
  s.call(12, 1, "canbo1", d1, "08:12:00");
  s.no_show(12, 1, "canbo1", d1, "08:14:00");
  s.reactivate(12, 1, "canbo1", d1, "08:20:00");
  s.serve(13, 2, "canbo2", d1, "08:25:00", "08:25:00", "08:30:00");
  s.call(12, 1, "canbo1", d1, "08:30:00");
  s.recall(12, 1, "canbo1", d1, "08:30:40");
  s.start(12, 1, "canbo1", d1, "08:31:00");
  s.vote(13, 4, "huong_dan_khong_ro", 2, "canbo2", d1, "08:31:00");
  s.cancel(14, "", d1, "08:40:00");
  s.close(12, 1, "canbo1", d1, "08:43:00");
  s.vote(12, 2, "", 1, "canbo1", d1, "08:44:00");
  s.issue(15, "dat-dai", d1, "09:00:00");
  s.issue(16, "ho-tich", d1, "09:00:00");
  s.call(16, 1, "canbo1", d1, "09:25:00");
  s.start(16, 1, "canbo1", d1, "09:26:00");
  s.transfer(16, "dat-dai", 1, "canbo1", d1, "09:30:00");
  s.cancel(16, "", d1, "09:40:00");
  s.call(15, 3, "canbo3", d1, "09:50:00");
  s.start(15, 3, "canbo3", d1, "09:50:00");
  s.issue(17, "tra-ket-qua", d1, "10:00:00");
  s.call(17, 6, "canbo6", d1, "10:05:00");
  s.no_show(17, 6, "canbo6", d1, "10:07:00");
  s.close(15, 3, "canbo3", d1, "10:30:00");
  s.vote(15, 4, "ho_so_tra_lai", 3, "canbo3", d1, "10:31:00");
  s.issue(18, "ho-tich", d1, "11:00:00");
  s.serve(18, 1, "canbo1", d1, "11:08:00", "11:08:00", "11:18:00");
  s.vote(18, 3, "", 1, "canbo1", d1, "11:19:00");

  s.day_started(d2, "07:30:00");
  s.issue(19, "ho-tich", d2, "08:00:00");
  s.issue(20, "chung-thuc", d2, "08:00:00");
  s.serve(19, 2, "canbo1", d2, "08:07:00", "08:07:00", "08:16:00");
  s.vote(19, 1, "", 2, "canbo1", d2, "08:16:30");
  s.serve(20, 2, "canbo1", d2, "08:20:00", "08:20:00", "08:23:00");
  s.vote(20, 4, "khac", 2, "canbo1", d2, "08:23:30");
  s.issue(21, "dat-dai", d2, "08:30:00");
  s.call(21, 3, "canbo3", d2, "08:40:00");
  s.start(21, 3, "canbo3", d2, "08:40:00");
  s.issue(22, "tra-ket-qua", d2, "09:00:00");
  s.issue(23, "tra-ket-qua", d2, "09:01:00");
  s.cancel(23, "nham_dich_vu", d2, "09:02:00");
  s.close(21, 3, "canbo3", d2, "09:05:00");
  s.vote(21, 1, "", 3, "canbo3", d2, "09:06:00");
  s.serve(22, 6, "canbo6", d2, "09:10:00", "09:10:00", "09:12:00");
  s.vote(22, 2, "", 6, "canbo6", d2, "09:12:30");
  s.issue(24, "ho-tich", d2, "09:30:00");
  s.issue(25, "chung-thuc", d2, "10:00:00");
  s.serve(24, 2, "canbo1", d2, "10:15:00", "10:15:00", "10:25:00");
  s.cancel(25, "day_end", d2, "17:00:00");

  s.day_started(d3, "00:00:30");
  s.issue(26, "tra-ket-qua", d3, "00:00:30");  // 17:00:30Z on the UTC date of day 2
  s.serve(26, 6, "canbo6", d3, "00:01:30", "00:01:30", "00:02:30");
  s.vote(26, 1, "", 6, "canbo6", d3, "00:03:00");
  return s.take();
}

}  // namespace motcua::stats::testing
