#include "test_messages.hpp"

namespace motcua::display::testing {
namespace json = boost::json;

std::string service_name(const std::string& code) {
  if (code == "ho-tich") return "Tư pháp – Hộ tịch";
  if (code == "chung-thuc") return "Chứng thực";
  if (code == "dat-dai") return "Đất đai – Xây dựng";
  return code;
}

json::object ticket_json(std::int64_t id, const std::string& number, const std::string& service,
                         const std::string& state, int counter) {
  return json::object{{"id", id},           {"number", number}, {"number_value", std::stoi(number.substr(number.find_first_of("0123456789")))},
                      {"service", service}, {"service_name", service_name(service)}, {"state", state},
                      {"counter", counter}, {"recalls", 0}};
}

json::object counter_json(const CounterSpec& c) {
  json::object o{{"number", c.number},
                 {"name", c.name.empty() ? "Quầy " + std::to_string(c.number) : c.name},
                 {"services", json::array{json::string(c.service)}},
                 {"state", c.state},
                 {"ticket", nullptr}};
  if (c.ticket_id)
    o["ticket"] = ticket_json(c.ticket_id, c.ticket_number, c.service, c.state == "calling" ? "called" : "serving",
                              c.number);
  return o;
}

json::array services_json(int waiting_ho_tich) {
  json::array a;
  a.push_back(json::object{{"code", "ho-tich"}, {"name", service_name("ho-tich")}, {"waiting", waiting_ho_tich}, {"status", "open"}});
  a.push_back(json::object{{"code", "chung-thuc"}, {"name", service_name("chung-thuc")}, {"waiting", 1}, {"status", "open"}});
  a.push_back(json::object{{"code", "dat-dai"}, {"name", service_name("dat-dai")}, {"waiting", 0}, {"status", "open"}});
  return a;
}

json::object snapshot(std::int64_t seq, std::int64_t now_ms, const std::vector<CounterSpec>& counters,
                      const std::vector<json::object>& recent_calls) {
  json::array cs;
  for (int n = 1; n <= 6; ++n) {
    CounterSpec spec{n, "idle", 0, "", "ho-tich"};
    for (const auto& c : counters)
      if (c.number == n) spec = c;
    cs.push_back(counter_json(spec));
  }
  json::array rc;
  for (const auto& r : recent_calls) rc.push_back(r);
  return json::object{{"type", "snapshot"},
                      {"seq", seq},
                      {"queue", json::object{{"seq", seq}, {"service_day", "2026-11-23"}, {"now", now_ms},
                                             {"services", services_json()}, {"counters", cs}, {"recent_calls", rc}}}};
}

json::object recent_call(std::int64_t seq, std::int64_t ticket_id, const std::string& number, int counter,
                         std::int64_t at, bool recall, const std::string& service) {
  return json::object{{"seq", seq},         {"ticket_id", ticket_id},
                      {"number", number},   {"service", service},
                      {"service_name", service_name(service)}, {"counter", counter},
                      {"at", at},           {"recall", recall}};
}

json::object event(std::int64_t seq, const std::string& type, std::int64_t at, std::int64_t ticket_id,
                   const std::string& number, int counter, const std::string& service) {
  std::string ticket_state = "called", counter_state = "calling";
  bool holds = true;
  if (type == "ticket.started") { ticket_state = "serving"; counter_state = "serving"; }
  if (type == "ticket.closed") { ticket_state = "done"; counter_state = "idle"; holds = false; }
  if (type == "ticket.no_show") { ticket_state = "no_show"; counter_state = "idle"; holds = false; }
  CounterSpec spec{counter, counter_state, holds ? ticket_id : 0, number, service};
  return json::object{{"type", "event"},
                      {"seq", seq},
                      {"event", type},
                      {"at", at},
                      {"ticket_id", ticket_id},
                      {"counter", counter},
                      {"officer", "canbo" + std::to_string(counter)},
                      {"ticket", ticket_json(ticket_id, number, service, ticket_state, counter)},
                      {"counter_status", counter_json(spec)},
                      {"services", services_json()}};
}

}  // namespace motcua::display::testing
