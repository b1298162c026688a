// GET /api/tickets/lookup: a leader finds a number of a day and reads its whole life, each
// event in words ("Gọi lại lần 2 tại quầy 3", "Hủy số, lý do: …"), with who did it. The
// answer to a citizen who says "tôi chờ cả buổi mà không được gọi".
//
// It runs on the office strand with the store's own connection, as /api/today does. The
// rows read are bounded: the day's tickets of one number (the number index), then the
// events between the ticket's issue and its end (the `at` index), not the day's.
#include <algorithm>

#include "api.hpp"
#include "api_call.hpp"
#include "domain/typed_number.hpp"
#include "json_views.hpp"
#include "stats/ticket_history.hpp"

namespace motcua {
namespace {

ApiResponse invalid_number() {
  return error_response(Status::invalid_argument(
      "invalid_field", "Số thứ tự (number) gồm chữ số, có thể có chữ cái đầu, ví dụ 1023 hoặc A015"));
}

json::object history_line_json(const stats::HistoryLine& line) {
  return json::object{{"seq", line.seq},
                      {"at", to_unix_ms(line.at)},
                      {"event", to_string(line.type)},
                      {"counter", line.counter},
                      {"officer", line.officer},
                      {"officer_name", line.officer_name},
                      {"text", line.text}};
}

}  // namespace

ApiResponse Api::lookup_ticket(Call& c) {
  if (auto refused = refuse_unless_supervisor(c.caller, "tra cứu số thứ tự")) return *refused;
  for (const auto& [key, value] : c.query)
    if (key != "number" && key != "day")
      return error_response(Status::invalid_argument("invalid_field", "Tham số không được hỗ trợ: " + key));
  auto number_it = c.query.find("number");
  if (number_it == c.query.end() || number_it->second.empty())
    return error_response(Status::invalid_argument("missing_field", "Cần số thứ tự cần tra cứu (number)"));
  const auto number = parse_typed_number(number_it->second);
  if (!number) return invalid_number();

  const OfficeConfig& config = office_.config();
  const OfficeState& state = office_.state();
  const Instant now = office_.now();
  int day = state.service_day;
  if (auto day_it = c.query.find("day"); day_it != c.query.end()) {
    if (!iso_to_service_day(day_it->second, day))
      return error_response(Status::invalid_argument("invalid_field", "Ngày (day) phải có dạng YYYY-MM-DD"));
    if (day > state.service_day)
      return error_response(Status::invalid_argument("invalid_field", "Không tra cứu được ngày chưa đến"));
  }

  auto store = office_.store();
  std::vector<Ticket> found;
  Status s = store->for_each_ticket_numbered(day, number->value, [&](const Ticket& t) {
    if (names_ticket(*number, t.display, t.number)) found.push_back(t);
    return true;
  });
  json::array tickets;
  for (const Ticket& stored : found) {
    if (!s.is_ok()) break;
    // Today's ticket as it is now (its place in line), an older one as it was stored.
    const Ticket* live = state.find_ticket(stored.id);
    const Ticket& t = live ? *live : stored;
    const Instant until =
        t.ended_at ? *t.ended_at + std::chrono::seconds(config.policy.vote_window_s) + std::chrono::seconds(1)
                   : now + std::chrono::milliseconds(1);
    std::vector<Event> events;
    s = store->for_each_event_of_ticket(t.id, t.issued_at, std::max(until, t.issued_at + std::chrono::seconds(1)),
                                        [&](const Event& e) {
                                          events.push_back(e);
                                          return true;
                                        });
    json::array history;
    for (const auto& line : stats::ticket_history(config, events)) history.push_back(history_line_json(line));
    const Officer* officer = t.officer.empty() ? nullptr : config.find_officer(t.officer);
    tickets.push_back(json::object{
        {"ticket", ticket_json(config, state, t)},
        {"officer", t.officer},
        {"officer_name", officer ? officer->display_name : t.officer},
        {"rating_reason", t.rating_reason},
        {"history", std::move(history)}});
  }
  if (!s.is_ok()) return error_response(Status::unavailable("unavailable", "Không đọc được dữ liệu: " + s.message()));
  return json_response(200, json::object{{"day", service_day_to_iso(day)},
                                         {"number", number->text},
                                         {"tickets", std::move(tickets)}});
}

}  // namespace motcua
