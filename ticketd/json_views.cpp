#include "json_views.hpp"

#include <cstdio>

#include "domain/estimate.hpp"

namespace motcua {
namespace {

json::value opt_ms(const std::optional<Instant>& t) {
  if (!t) return nullptr;
  return to_unix_ms(*t);
}

std::string minutes_to_hhmm(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

std::string_view availability_name(ServiceAvailability a) {
  switch (a) {
    case ServiceAvailability::open: return "open";
    case ServiceAvailability::outside_hours: return "outside_hours";
    case ServiceAvailability::full: return "full";
  }
  return "open";
}

}  // namespace

json::object ticket_json(const OfficeConfig& config, const OfficeState& state, const Ticket& t,
                         TicketViewOptions options, json::storage_ptr sp) {
  json::object o(20, sp);
  o["id"] = t.id;
  o["number"] = t.display;
  o["number_value"] = t.number;
  o["service"] = t.service;
  const Service* svc = config.find_service(t.service);
  o["service_name"] = svc ? svc->name : t.service;
  o["state"] = to_string(t.state);
  o["priority"] = t.priority;
  o["priority_group"] = t.priority_group;
  const bool today = t.service_day == state.service_day && state.find_ticket(t.id) != nullptr;
  const std::int64_t ahead = today ? people_ahead(state, t) : -1;
  o["position"] = ahead;
  o["estimated_wait_s"] = ahead > 0 ? estimated_wait_s(config, state, t.service, ahead) : 0;
  o["issued_at"] = to_unix_ms(t.issued_at);
  o["called_at"] = opt_ms(t.called_at);
  o["started_at"] = opt_ms(t.started_at);
  o["ended_at"] = opt_ms(t.ended_at);
  o["counter"] = t.counter;
  o["target_counter"] = t.target_counter;
  o["recalls"] = t.recalls;
  o["transfers"] = t.transfers;
  o["rating"] = t.rating;
  o["service_day"] = service_day_to_iso(t.service_day);
  if (options.include_code) o["code"] = t.public_code;
  return o;
}

json::object service_status_json(const OfficeConfig& config, const OfficeState& state, const Service& s,
                                 Instant now, json::storage_ptr sp) {
  json::object o(16, sp);
  o["code"] = s.code;
  o["name"] = s.name;
  o["first_number"] = s.first_number;
  o["last_number"] = s.last_number;
  o["prefix"] = s.prefix;
  o["target_wait_min"] = s.target_wait_min;
  o["status"] = availability_name(service_availability(config, state, s, now));
  const std::int64_t waiting = waiting_count(state, s.code);
  o["waiting"] = waiting;
  o["longest_wait_s"] = longest_wait_s(state, s.code, now);
  o["estimated_wait_s"] = estimated_wait_s(config, state, s.code, waiting);
  o["open_counters"] = open_counters_for(config, state, s.code);
  auto it = state.services.find(s.code);
  o["issued_today"] = it == state.services.end() ? 0 : it->second.issued;
  o["served_today"] = it == state.services.end() ? 0 : it->second.served;
  return o;
}

json::array services_json(const OfficeConfig& config, const OfficeState& state, Instant now,
                          json::storage_ptr sp) {
  json::array a(sp);
  a.reserve(config.services.size());
  for (const auto& s : config.services) a.push_back(service_status_json(config, state, s, now, sp));
  return a;
}

json::object counter_json(const OfficeConfig& config, const OfficeState& state, int number,
                          json::storage_ptr sp) {
  json::object o(12, sp);
  const Counter* cfg = config.find_counter(number);
  const CounterStatus* c = state.find_counter(number);
  o["number"] = number;
  o["name"] = cfg ? cfg->name : "Quầy " + std::to_string(number);
  json::array services(sp);
  if (cfg)
    for (const auto& cs : cfg->services) services.emplace_back(cs.service);
  o["services"] = std::move(services);
  o["state"] = c ? to_string(c->state) : "closed";
  o["officer"] = c ? c->officer : "";
  const Officer* officer = c ? config.find_officer(c->officer) : nullptr;
  o["officer_name"] = officer ? officer->display_name : "";
  o["pause_reason"] = c ? c->pause_reason : "";
  o["since"] = c ? to_unix_ms(c->since) : 0;
  o["served_today"] = c ? c->served_today : 0;
  const Ticket* t = c && c->ticket_id ? state.find_ticket(c->ticket_id) : nullptr;
  if (t) {
    o["ticket"] = ticket_json(config, state, *t, {}, sp);
  } else {
    o["ticket"] = nullptr;
  }
  return o;
}

json::array recent_calls_json(const OfficeConfig& config, const OfficeState& state,
                              const std::deque<store::RecentCall>& calls) {
  json::array a;
  for (const auto& call : calls) {
    const Ticket* t = state.find_ticket(call.ticket_id);
    if (!t) continue;  // a call from an earlier day
    json::object o;
    o["seq"] = call.seq;
    o["ticket_id"] = call.ticket_id;
    o["number"] = t->display;
    o["service"] = t->service;
    const Service* svc = config.find_service(t->service);
    o["service_name"] = svc ? svc->name : t->service;
    o["counter"] = call.counter;
    o["at"] = to_unix_ms(call.at);
    o["recall"] = call.recall;
    a.push_back(std::move(o));
  }
  return a;
}

json::object queue_json(const OfficeConfig& config, const OfficeState& state,
                        const std::deque<store::RecentCall>& calls, Instant now) {
  json::object o;
  o["seq"] = state.last_seq;
  o["service_day"] = service_day_to_iso(state.service_day);
  o["now"] = to_unix_ms(now);
  o["services"] = services_json(config, state, now);
  json::array counters;
  for (const auto& c : config.counters) counters.push_back(counter_json(config, state, c.number));
  o["counters"] = std::move(counters);
  o["recent_calls"] = recent_calls_json(config, state, calls);
  return o;
}

json::object office_json(const OfficeConfig& config) {
  json::object o;
  o["name"] = config.office_name;
  o["timezone"] = config.timezone;
  o["utc_offset_minutes"] = config.utc_offset_minutes;
  json::array services;
  for (const auto& s : config.services) {
    json::object so;
    so["code"] = s.code;
    so["name"] = s.name;
    so["first_number"] = s.first_number;
    so["last_number"] = s.last_number;
    so["prefix"] = s.prefix;
    so["target_wait_min"] = s.target_wait_min;
    so["opens_at"] = minutes_to_hhmm(s.opens_at_min);
    so["closes_at"] = minutes_to_hhmm(s.closes_at_min);
    services.push_back(std::move(so));
  }
  o["services"] = std::move(services);
  json::array counters;
  for (const auto& c : config.counters) {
    json::object co;
    co["number"] = c.number;
    co["name"] = c.name;
    json::array cs;
    for (const auto& s : c.services) cs.push_back(json::string(s.service));
    co["services"] = std::move(cs);
    counters.push_back(std::move(co));
  }
  o["counters"] = std::move(counters);
  json::array groups;
  for (const auto& [code, name] : priority_groups()) groups.push_back(json::object{{"code", code}, {"name", name}});
  o["priority_groups"] = std::move(groups);
  json::array reasons;
  for (const auto& [code, name] : unhappy_reasons()) reasons.push_back(json::object{{"code", code}, {"name", name}});
  o["unhappy_reasons"] = std::move(reasons);
  o["vote_window_s"] = config.policy.vote_window_s;
  return o;
}

json::object event_message(const OfficeConfig& config, const OfficeState& state, const Event& e, Instant now,
                           json::storage_ptr sp) {
  json::object o(16, sp);
  o["type"] = "event";
  o["seq"] = e.seq;
  o["event"] = to_string(e.type);
  o["at"] = to_unix_ms(e.at);
  o["ticket_id"] = e.ticket_id;
  o["counter"] = e.counter;
  o["officer"] = e.officer;
  const Ticket* t = e.ticket_id ? state.find_ticket(e.ticket_id) : nullptr;
  if (t) {
    o["ticket"] = ticket_json(config, state, *t, {}, sp);
  } else {
    o["ticket"] = nullptr;
  }
  if (e.counter) {
    o["counter_status"] = counter_json(config, state, e.counter, sp);
  } else {
    o["counter_status"] = nullptr;
  }
  switch (e.type) {
    case EventType::vote_recorded:
      o["rating"] = e.rating;
      o["reason"] = e.reason;
      break;
    case EventType::counter_paused:
    case EventType::ticket_cancelled:
      o["reason"] = e.reason;
      break;
    case EventType::ticket_transferred:
      o["to_counter"] = e.to_counter;
      o["service"] = e.service;
      break;
    case EventType::day_started:
      o["service_day"] = service_day_to_iso(e.service_day);
      break;
    default:
      break;
  }
  o["services"] = services_json(config, state, now, sp);
  return o;
}

std::string error_body(const std::string& error, const std::string& message) {
  return json::serialize(json::object{{"error", error}, {"message", message}});
}

}  // namespace motcua
