#include "json_views.hpp"

#include <algorithm>
#include <cstdio>

#include "domain/estimate.hpp"
#include "json_writer.hpp"

namespace motcua {
namespace {

std::optional<std::int64_t> opt_ms(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
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

// The views, each written once over a target (json_writer.hpp): TextFields for what is
// sent at once, TreeFields for what is composed further.

template <typename Fields>
void ticket_fields(Fields& o, const OfficeConfig& config, const OfficeState& state, const Ticket& t,
                   TicketViewOptions options) {
  o.put("id", t.id);
  o.put("number", t.display);
  o.put("number_value", t.number);
  o.put("service", t.service);
  const Service* svc = config.find_service(t.service);
  o.put("service_name", svc ? std::string_view(svc->name) : std::string_view(t.service));
  o.put("state", to_string(t.state));
  o.put("priority", t.priority);
  o.put("priority_group", t.priority_group);
  const bool today = t.service_day == state.service_day && state.find_ticket(t.id) != nullptr;
  const std::int64_t ahead = today ? people_ahead(state, t) : -1;
  o.put("position", ahead);
  o.put("estimated_wait_s", ahead > 0 ? estimated_wait_s(config, state, t.service, ahead) : std::int64_t{0});
  o.put("open_counters", open_counters_for(config, state, t));
  o.put("issued_at", to_unix_ms(t.issued_at));
  o.put("called_at", opt_ms(t.called_at));
  o.put("started_at", opt_ms(t.started_at));
  o.put("ended_at", opt_ms(t.ended_at));
  o.put("counter", t.counter);
  o.put("target_counter", t.target_counter);
  o.put("recalls", t.recalls);
  o.put("transfers", t.transfers);
  o.put("rating", t.rating);
  o.put("service_day", service_day_to_iso(t.service_day));
  if (options.include_code) o.put("code", t.public_code);
  if (options.replayed) o.put("replayed", true);
}

template <typename Fields>
void service_status_fields(Fields& o, const OfficeConfig& config, const OfficeState& state, const Service& s,
                           Instant now) {
  o.put("code", s.code);
  o.put("name", s.name);
  o.put("first_number", s.first_number);
  o.put("last_number", s.last_number);
  o.put("prefix", s.prefix);
  o.put("target_wait_min", s.target_wait_min);
  o.put("status", availability_name(service_availability(config, state, s, now)));
  const std::int64_t waiting = waiting_count(state, s.code);
  o.put("waiting", waiting);
  o.put("longest_wait_s", longest_wait_s(state, s.code, now));
  o.put("estimated_wait_s", estimated_wait_s(config, state, s.code, waiting));
  o.put("open_counters", open_counters_for(config, state, s.code));
  auto it = state.services.find(s.code);
  o.put("issued_today", it == state.services.end() ? 0 : it->second.issued);
  o.put("served_today", it == state.services.end() ? 0 : it->second.served);
}

template <typename Items>
void services_items(Items& a, const OfficeConfig& config, const OfficeState& state, Instant now) {
  for (const auto& s : config.services)
    a.push_object([&](auto& o) { service_status_fields(o, config, state, s, now); });
}

template <typename Fields>
void counter_fields(Fields& o, const OfficeConfig& config, const OfficeState& state, int number) {
  const Counter* cfg = config.find_counter(number);
  const CounterStatus* c = state.find_counter(number);
  o.put("number", number);
  if (cfg) {
    o.put("name", cfg->name);
  } else {
    o.put("name", "Quầy " + std::to_string(number));
  }
  o.put_array("services", [&](auto& a) {
    if (cfg)
      for (const auto& cs : cfg->services) a.push(cs.service);
  });
  o.put("state", c ? to_string(c->state) : std::string_view("closed"));
  o.put("officer", c ? std::string_view(c->officer) : std::string_view());
  const Officer* officer = c ? config.find_officer(c->officer) : nullptr;
  o.put("officer_name", officer ? std::string_view(officer->display_name) : std::string_view());
  o.put("pause_reason", c ? std::string_view(c->pause_reason) : std::string_view());
  o.put("since", c ? to_unix_ms(c->since) : std::int64_t{0});
  o.put("served_today", c ? c->served_today : 0);
  // The ticket its rating pad may still take a vote for, so that a pad which starts or
  // reconnects after the close still asks the citizen.
  const Ticket* closed = c && c->last_closed_ticket ? state.find_ticket(c->last_closed_ticket) : nullptr;
  if (closed && closed->state == TicketState::done && closed->rating == 0 && closed->ended_at) {
    o.put_object("awaiting_vote", [&](auto& v) {
      v.put("ticket_id", closed->id);
      v.put("number", std::string_view(closed->display));
      v.put("closed_at", to_unix_ms(*closed->ended_at));
      v.put("until", to_unix_ms(*closed->ended_at + std::chrono::seconds(config.policy.vote_window_s)));
    });
  } else {
    o.put("awaiting_vote", nullptr);
  }
  const Ticket* t = c && c->ticket_id ? state.find_ticket(c->ticket_id) : nullptr;
  if (t) {
    o.put_object("ticket", [&](auto& to) { ticket_fields(to, config, state, *t, {}); });
  } else {
    o.put("ticket", nullptr);
  }
}

}  // namespace

json::object ticket_json(const OfficeConfig& config, const OfficeState& state, const Ticket& t,
                         TicketViewOptions options) {
  return json_tree([&](TreeFields& o) { ticket_fields(o, config, state, t, options); });
}

std::string ticket_json_text(const OfficeConfig& config, const OfficeState& state, const Ticket& t,
                             TicketViewOptions options) {
  return json_text([&](TextFields& o) { ticket_fields(o, config, state, t, options); });
}

json::object service_status_json(const OfficeConfig& config, const OfficeState& state, const Service& s,
                                 Instant now) {
  return json_tree([&](TreeFields& o) { service_status_fields(o, config, state, s, now); });
}

json::array services_json(const OfficeConfig& config, const OfficeState& state, Instant now) {
  json::array a;
  a.reserve(config.services.size());
  TreeItems items(a);
  services_items(items, config, state, now);
  return a;
}

json::object counter_json(const OfficeConfig& config, const OfficeState& state, int number) {
  return json_tree([&](TreeFields& o) { counter_fields(o, config, state, number); });
}

json::array recent_calls_json(const OfficeConfig& config, const OfficeState& state,
                              const std::deque<store::RecentCall>& calls) {
  json::array a;
  std::vector<std::int64_t> shown;
  for (const auto& call : calls) {
    const Ticket* t = state.find_ticket(call.ticket_id);
    if (!t) continue;  // a call from an earlier day
    // Only calls still in effect: the newest per ticket (a recall replaces the call), and
    // none for a ticket back in line, cancelled, or called since at another counter.
    if (std::find(shown.begin(), shown.end(), t->id) != shown.end()) continue;
    shown.push_back(t->id);
    if (is_in_line(t->state) || t->state == TicketState::cancelled || t->counter != call.counter) continue;
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
  o["apology_wait_min"] = config.policy.apology_wait_min;
  return o;
}

std::string ticket_text_with_code(std::string_view ticket_text, std::string_view code) {
  // The view ends with '}' and "code" is its last field when there is no "replayed".
  return exact_text([&](std::string& out) {
    out.append(ticket_text.substr(0, ticket_text.size() - 1));
    out.push_back(',');  // a fresh writer does not know a field came before
    {
      JsonWriter w(out);
      w.key("code");
      w.value(code);
    }
    out.push_back('}');
  });
}

std::string event_message(const OfficeConfig& config, const OfficeState& state, const Event& e, Instant now,
                          std::string* ticket_text) {
  return exact_text([&](std::string& out) { append_event_message(out, config, state, e, now, ticket_text); });
}

void append_event_message(std::string& out, const OfficeConfig& config, const OfficeState& state, const Event& e,
                          Instant now, std::string* ticket_text) {
  append_json_text(out,
      [&](TextFields& o) {
        o.put("type", "event");
        o.put("seq", e.seq);
        o.put("event", to_string(e.type));
        o.put("at", to_unix_ms(e.at));
        o.put("ticket_id", e.ticket_id);
        o.put("counter", e.counter);
        o.put("officer", e.officer);
        const Ticket* t = e.ticket_id ? state.find_ticket(e.ticket_id) : nullptr;
        if (t && ticket_text) {
          *ticket_text = ticket_json_text(config, state, *t);
          o.put_raw("ticket", *ticket_text);
        } else if (t) {
          o.put_object("ticket", [&](auto& to) { ticket_fields(to, config, state, *t, {}); });
        } else {
          if (ticket_text) ticket_text->clear();
          o.put("ticket", nullptr);
        }
        if (e.counter) {
          o.put_object("counter_status", [&](auto& co) { counter_fields(co, config, state, e.counter); });
        } else {
          o.put("counter_status", nullptr);
        }
        switch (e.type) {
          case EventType::vote_recorded:
            o.put("rating", e.rating);
            o.put("reason", e.reason);
            break;
          case EventType::counter_paused:
          case EventType::counter_closed:
          case EventType::ticket_cancelled:
            o.put("reason", e.reason);
            break;
          case EventType::ticket_transferred:
            o.put("to_counter", e.to_counter);
            o.put("service", e.service);
            o.put("reason", e.reason);
            break;
          case EventType::day_started:
            o.put("service_day", service_day_to_iso(e.service_day));
            break;
          default:
            break;
        }
        o.put_array("services", [&](auto& a) { services_items(a, config, state, now); });
      });
}

std::string error_body(const std::string& error, const std::string& message) {
  return json::serialize(json::object{{"error", error}, {"message", message}});
}

}  // namespace motcua
