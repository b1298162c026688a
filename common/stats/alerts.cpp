#include "stats/alerts.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <optional>

#include "domain/estimate.hpp"

namespace motcua::stats {
namespace {

constexpr std::int64_t kMinute = 60;

std::int64_t elapsed_ms(Instant from, Instant to) { return to_unix_ms(to) - to_unix_ms(from); }

std::optional<LinePlace> oldest_in(const ServiceLine& line) {
  std::optional<LinePlace> best;
  if (!line.priority.empty()) best = *line.priority.begin();
  if (!line.normal.empty() && (!best || *line.normal.begin() < *best)) best = *line.normal.begin();
  return best;
}

std::optional<LinePlace> oldest_of_service(const OfficeState& state, const std::string& service) {
  auto it = state.lines.find(service);
  return it == state.lines.end() ? std::nullopt : oldest_in(it->second);
}

std::string display_of(const OfficeState& state, std::int64_t id) {
  const Ticket* t = state.find_ticket(id);
  return t ? t->display : std::string();
}

std::string service_name(const OfficeConfig& config, const std::string& code) {
  const Service* s = config.find_service(code);
  return s ? s->name : code;
}

std::string counter_name(const OfficeConfig& config, int number) {
  const Counter* c = config.find_counter(number);
  return c ? c->name : "Quầy " + std::to_string(number);
}

void wait_alerts(const OfficeConfig& config, const OfficeState& state, Instant now, std::vector<Alert>& out) {
  for (const Service& s : config.services) {
    const auto oldest = oldest_of_service(state, s.code);
    const std::int64_t target_s = std::int64_t{s.target_wait_min} * kMinute;
    if (!oldest || elapsed_ms(oldest->queue_at, now) <= target_s * 1000) continue;
    Alert a;
    a.kind = AlertKind::wait_over_target;
    a.service = s.code;
    a.ticket_id = oldest->ticket_id;
    a.number = display_of(state, oldest->ticket_id);
    a.since = oldest->queue_at;
    a.threshold_s = target_s;
    a.count = 1;
    a.message = s.name + ": số " + a.number + " chờ quá thời gian mục tiêu " + std::to_string(s.target_wait_min) +
                " phút";
    out.push_back(std::move(a));
  }
}

// The service's own line, without tickets sent to one of its counters by name (those
// are counted with that counter).
std::size_t in_service_line(const OfficeState& state, const std::string& service) {
  auto it = state.lines.find(service);
  return it == state.lines.end() ? 0 : it->second.size();
}

void idle_alerts(const OfficeConfig& config, const OfficeState& state, Instant now, std::vector<Alert>& out) {
  const std::int64_t threshold_s = config.policy.idle_alert_s;
  for (const auto& [number, c] : state.counters) {
    if (c.state != CounterState::idle && c.state != CounterState::paused) continue;
    std::optional<LinePlace> oldest;
    std::size_t waiting = 0;
    auto consider = [&](const std::optional<LinePlace>& p) {
      if (p && (!oldest || *p < *oldest)) oldest = p;
    };
    if (const Counter* cfg = config.find_counter(number))
      for (const auto& cs : cfg->services) {
        consider(oldest_of_service(state, cs.service));
        waiting += in_service_line(state, cs.service);
      }
    if (auto it = state.counter_lines.find(number); it != state.counter_lines.end() && !it->second.empty()) {
      consider(*it->second.begin());
      waiting += it->second.size();
    }
    if (!oldest) continue;
    const Instant since = std::max(c.since, oldest->queue_at);
    if (elapsed_ms(since, now) <= threshold_s * 1000) continue;
    Alert a;
    a.kind = AlertKind::counter_idle;
    a.counter = number;
    a.since = since;
    a.threshold_s = threshold_s;
    a.count = static_cast<int>(waiting);
    a.message = counter_name(config, number) +
                (c.state == CounterState::paused
                     ? " đang tạm dừng" + (c.pause_reason.empty() ? std::string() : " (" + c.pause_reason + ")")
                     : std::string(" chưa gọi số tiếp theo")) +
                " trong khi " + std::to_string(waiting) + " công dân đang chờ";
    out.push_back(std::move(a));
  }
}

void unstaffed_alerts(const OfficeConfig& config, const OfficeState& state, Instant now, std::vector<Alert>& out) {
  const std::int64_t threshold_s = config.policy.idle_alert_s;
  for (const Service& s : config.services) {
    const auto oldest = oldest_of_service(state, s.code);
    if (!oldest) continue;
    Instant since = oldest->queue_at;
    bool any_signed_in = false;
    for (const auto& [number, c] : state.counters) {
      if (!config.counter_serves(number, s.code)) continue;
      if (c.state != CounterState::closed) any_signed_in = true;
      else since = std::max(since, c.since);
    }
    if (any_signed_in || elapsed_ms(since, now) <= threshold_s * 1000) continue;
    // As the services table counts them ("Đang chờ").
    const std::int64_t waiting = waiting_count(state, s.code);
    Alert a;
    a.kind = AlertKind::service_unstaffed;
    a.service = s.code;
    a.ticket_id = oldest->ticket_id;
    a.number = display_of(state, oldest->ticket_id);
    a.since = since;
    a.threshold_s = threshold_s;
    a.count = static_cast<int>(waiting);
    a.message = "Lĩnh vực " + s.name + ": không có quầy nào mở, " + std::to_string(waiting) + " công dân đang chờ";
    out.push_back(std::move(a));
  }
}

void apology_alerts(const OfficeConfig& config, const OfficeState& state, Instant now, std::vector<Alert>& out) {
  const std::int64_t threshold_s = std::int64_t{config.policy.apology_wait_min} * kMinute;
  // Still in line: one alert per service, naming the oldest. Past the threshold means
  // queue_at < now - threshold; lines are ordered by queue_at, so those are the first
  // places of each line, counted in O(log n). Why not a walk through today's tickets:
  // this runs every 2 s on the office strand, and at 100,000 tickets that walk held
  // every request behind it for ~15 ms.
  const LinePlace first_not_past{now - std::chrono::seconds(threshold_s), std::numeric_limits<std::int64_t>::min()};
  std::map<std::string, Alert> by_service;
  auto count_in = [&](const std::string& service, const LinePlace& oldest, std::size_t past) {
    if (past == 0) return;
    Alert& a = by_service[service];
    if (a.count == 0 || oldest < LinePlace{a.since, a.ticket_id}) {
      a.ticket_id = oldest.ticket_id;
      a.number = display_of(state, oldest.ticket_id);
      a.since = oldest.queue_at;
    }
    a.count += static_cast<int>(past);
  };
  for (const auto& [service, line] : state.lines)
    for (const Line* l : {&line.priority, &line.normal})
      if (!l->empty()) count_in(service, *l->begin(), l->order_of_key(first_not_past));
  // Transferred to a named counter: under the ticket's own service.
  for (const auto& [number, line] : state.counter_lines)
    for (auto it = line.begin(); it != line.end() && *it < first_not_past; ++it)
      if (const Ticket* t = state.find_ticket(it->ticket_id)) count_in(t->service, *it, 1);
  auto emit_service = [&](const std::string& code) {
    auto it = by_service.find(code);
    if (it == by_service.end()) return;
    Alert a = std::move(it->second);
    by_service.erase(it);
    a.kind = AlertKind::apology_waiting;
    a.service = code;
    a.threshold_s = threshold_s;
    a.message = "Khách chờ, được xin lỗi: " + std::to_string(a.count) + " công dân chờ lĩnh vực " + service_name(config, code) +
                " quá " + std::to_string(config.policy.apology_wait_min) + " phút (lâu nhất: số " + a.number +
                ")";
    out.push_back(std::move(a));
  };
  for (const Service& s : config.services) emit_service(s.code);
  while (!by_service.empty()) emit_service(by_service.begin()->first);  // services since removed from the config

  // At a counter now: the officer owes this citizen an apology. Only the first call
  // counts, so a ticket that was transferred on was owed it at its first counter.
  for (const auto& [number, c] : state.counters) {
    if (c.ticket_id == 0) continue;
    const Ticket* t = state.find_ticket(c.ticket_id);
    if (!t || t->transfers > 0 || !t->called_at) continue;
    if (t->state != TicketState::called && t->state != TicketState::serving) continue;
    if (elapsed_ms(t->issued_at, *t->called_at) <= threshold_s * 1000) continue;
    Alert a;
    a.kind = AlertKind::apology_at_counter;
    a.service = t->service;
    a.counter = number;
    a.ticket_id = t->id;
    a.number = t->display;
    a.since = t->issued_at;
    a.threshold_s = threshold_s;
    a.count = 1;
    const std::int64_t waited_min = elapsed_ms(t->issued_at, *t->called_at) / 60'000;
    a.message = "Khách chờ, được xin lỗi: số " + t->display + " tại " + counter_name(config, number) + " đã chờ " +
                std::to_string(waited_min) + " phút";
    out.push_back(std::move(a));
  }
}

}  // namespace

std::vector<Alert> compute_alerts(const OfficeConfig& config, const OfficeState& state, Instant now) {
  std::vector<Alert> out;
  wait_alerts(config, state, now, out);
  idle_alerts(config, state, now, out);
  unstaffed_alerts(config, state, now, out);
  apology_alerts(config, state, now, out);
  return out;
}

std::string_view to_string(AlertKind kind) {
  switch (kind) {
    case AlertKind::wait_over_target: return "wait_over_target";
    case AlertKind::counter_idle: return "counter_idle";
    case AlertKind::service_unstaffed: return "service_unstaffed";
    case AlertKind::apology_waiting: return "apology_waiting";
    case AlertKind::apology_at_counter: return "apology_at_counter";
  }
  return "unknown";
}

}  // namespace motcua::stats
