#include "board.hpp"

#include <algorithm>

#include <boost/json.hpp>

namespace motcua::display {
namespace json = boost::json;
namespace {

// Loose readers for docs/API.md objects: a missing or mistyped field reads as a default,
// because a board must keep showing what it can rather than stop on one odd field.
const json::value* field(const json::value& v, std::string_view key) {
  const json::object* o = v.if_object();
  if (!o) return nullptr;
  auto it = o->find(key);
  return it == o->end() ? nullptr : &it->value();
}
std::string str(const json::value& v, std::string_view key) {
  const json::value* f = field(v, key);
  if (!f || !f->is_string()) return {};
  return std::string(f->as_string());
}
std::int64_t num(const json::value& v, std::string_view key, std::int64_t fallback = 0) {
  const json::value* f = field(v, key);
  if (!f) return fallback;
  if (f->is_int64()) return f->as_int64();
  if (f->is_uint64()) return static_cast<std::int64_t>(f->as_uint64());
  if (f->is_double()) return static_cast<std::int64_t>(f->as_double());
  return fallback;
}
bool flag(const json::value& v, std::string_view key) {
  const json::value* f = field(v, key);
  return f && f->is_bool() && f->as_bool();
}

std::optional<TicketView> ticket_from(const json::value* t) {
  if (!t || !t->is_object()) return std::nullopt;
  return TicketView{num(*t, "id"), str(*t, "number"), str(*t, "service"), str(*t, "service_name"), str(*t, "state")};
}

RecentCall recent_from(const json::value& c) {
  return RecentCall{num(c, "seq"),     num(c, "ticket_id"), str(c, "number"),
                    str(c, "service"), str(c, "service_name"), static_cast<int>(num(c, "counter")),
                    from_unix_ms(num(c, "at")), flag(c, "recall")};
}

// The blink start of the row in `rows` that shows the same counter and ticket as `status`.
std::optional<Instant> blink_of(const std::vector<CounterRow>& rows, const json::value& status) {
  const json::value* t = field(status, "ticket");
  if (!t || !t->is_object()) return std::nullopt;
  for (const CounterRow& o : rows)
    if (o.number == num(status, "number") && o.ticket && o.ticket->id == num(*t, "id")) return o.called_seen_at;
  return std::nullopt;
}

speech::Call call_from(const RecentCall& r) {
  return speech::Call{r.seq, r.ticket_id, r.number, r.counter, r.recall, r.at};
}

}  // namespace

bool BoardFilter::allows_counter(const CounterRow& row) const {
  if (!counters.empty() && !counters.count(row.number)) return false;
  if (services.empty()) return true;
  return std::any_of(row.services.begin(), row.services.end(), [&](const std::string& s) { return services.count(s); });
}
bool BoardFilter::allows_call(int counter, const std::string& service) const {
  return (counters.empty() || counters.count(counter)) && allows_service(service);
}
bool BoardFilter::allows_service(const std::string& code) const { return services.empty() || services.count(code); }

Board::Board(BoardSettings settings) : settings_(std::move(settings)) {}

void Board::set_connected(bool connected) {
  if (connected_ == connected) return;
  connected_ = connected;
  ++version_;
}

void Board::set_office_name(std::string name) {
  if (office_name_ == name) return;
  office_name_ = std::move(name);
  ++version_;
}

BoardEffects Board::apply_message(const json::object& message, Instant now) {
  BoardEffects fx;
  const json::value msg(message);
  const std::string type = str(msg, "type");
  if (type == "snapshot") apply_snapshot(message, now, fx);
  else if (type == "event") apply_event(message, now, fx);
  if (fx.changed) ++version_;
  return fx;
}

void Board::apply_snapshot(const json::object& message, Instant now, BoardEffects& fx) {
  const json::value msg(message);
  const json::value* queue = field(msg, "queue");
  if (!queue) return;
  const std::int64_t previous_seq = seq_;
  seq_ = num(msg, "seq", num(*queue, "seq"));
  if (const std::int64_t server_now = num(*queue, "now"); server_now > 0)
    clock_offset_ = from_unix_ms(server_now) - now;

  // Keep the blink of calls we already knew, so a resync does not restart it.
  std::vector<CounterRow> old = std::move(counters_);
  counters_.clear();
  if (const json::value* cs = field(*queue, "counters"); cs && cs->is_array()) {
    for (const json::value& c : cs->as_array()) {
      upsert_counter(c, blink_of(old, c));
    }
  }
  if (const json::value* ss = field(*queue, "services")) replace_services(*ss);

  // recent_calls are newest first; walk oldest first so the announcements keep their order.
  std::vector<RecentCall> calls;
  if (const json::value* rc = field(*queue, "recent_calls"); rc && rc->is_array())
    for (const json::value& c : rc->as_array()) calls.push_back(recent_from(c));
  std::reverse(calls.begin(), calls.end());
  const std::optional<Instant> kept_blink = newest_seen_at_;
  const std::int64_t known_newest = recent_.empty() ? 0 : recent_.front().seq;
  recent_.clear();
  for (const RecentCall& c : calls) {
    // Calls made while we were away (seq beyond what we had) may still be announced; the
    // very first snapshot after start-up announces nothing, the hall has heard those.
    const bool missed = previous_seq > 0 && c.seq > previous_seq;
    const bool fresh = missed && server_time(now) - c.at <= settings_.fresh_window;
    add_recent(c, now, fresh);
    if (missed && settings_.filter.allows_call(c.counter, c.service)) fx.announce.push_back(call_from(c));
  }
  // The same newest call as before the resync keeps blinking as it did.
  if (!recent_.empty() && recent_.front().seq == known_newest) newest_seen_at_ = kept_blink;
  if (recent_.empty()) newest_seen_at_.reset();
  fx.changed = true;
}

void Board::apply_event(const json::object& message, Instant now, BoardEffects& fx) {
  const json::value msg(message);
  const std::int64_t seq = num(msg, "seq");
  if (seq_ > 0 && seq <= seq_) return;  // already folded
  if (seq_ > 0 && seq != seq_ + 1) fx.gap = true;
  seq_ = seq;
  const std::string event = str(msg, "event");
  const json::value* ticket = field(msg, "ticket");
  const std::int64_t ticket_id = num(msg, "ticket_id");
  const Instant at = from_unix_ms(num(msg, "at"));
  const bool fresh = server_time(now) - at <= settings_.fresh_window;

  std::optional<Instant> seen_for_counter;
  if (event == "ticket.called" || event == "ticket.recalled") {
    const auto t = ticket_from(ticket);
    RecentCall call{seq, ticket_id, t ? t->number : "", t ? t->service : "", t ? t->service_name : "",
                    static_cast<int>(num(msg, "counter")), at, event == "ticket.recalled"};
    if (fresh) seen_for_counter = now;
    add_recent(call, now, fresh);
    if (settings_.filter.allows_call(call.counter, call.service)) fx.announce.push_back(call_from(call));
  } else if (event == "ticket.started" || event == "ticket.closed" || event == "ticket.no_show") {
    fx.withdraw.push_back(ticket_id);
  } else if (event == "ticket.transferred" || event == "ticket.cancelled" || event == "ticket.reactivated") {
    // Back in line (transferred, its counter closed, a no-show reactivated) or gone: the
    // invitation to that counter no longer holds, so the board stops showing it.
    fx.withdraw.push_back(ticket_id);
    forget_calls_of(ticket_id);
  } else if (event == "day.started") {
    recent_.clear();
    newest_seen_at_.reset();
  }
  if (const json::value* cs = field(msg, "counter_status"); cs && cs->is_object()) {
    // Keep a blink that is running for the same ticket (e.g. a pause event elsewhere).
    if (!seen_for_counter) seen_for_counter = blink_of(counters_, *cs);
    upsert_counter(*cs, seen_for_counter);
  }
  if (const json::value* ss = field(msg, "services"); ss && ss->is_array()) replace_services(*ss);
  fx.changed = true;
}

void Board::upsert_counter(const json::value& c, std::optional<Instant> called_seen_at) {
  CounterRow row;
  row.number = static_cast<int>(num(c, "number"));
  row.name = str(c, "name");
  if (row.name.empty()) row.name = "Quầy " + std::to_string(row.number);
  row.state = str(c, "state");
  if (row.state == "paused") row.pause_reason = str(c, "pause_reason");
  if (const json::value* ss = field(c, "services"); ss && ss->is_array())
    for (const json::value& s : ss->as_array())
      if (s.is_string()) row.services.emplace_back(s.as_string());
  row.ticket = ticket_from(field(c, "ticket"));
  if (row.ticket && row.state == "calling") row.called_seen_at = called_seen_at;
  auto it = std::lower_bound(counters_.begin(), counters_.end(), row.number,
                             [](const CounterRow& r, int n) { return r.number < n; });
  if (it != counters_.end() && it->number == row.number) *it = std::move(row);
  else counters_.insert(it, std::move(row));
}

void Board::replace_services(const json::value& services) {
  if (!services.is_array()) return;
  services_.clear();
  for (const json::value& s : services.as_array())
    services_.push_back(ServiceRow{str(s, "code"), str(s, "name"), static_cast<int>(num(s, "waiting")), str(s, "status")});
}

void Board::add_recent(const RecentCall& call, Instant now, bool fresh) {
  if (!settings_.filter.allows_call(call.counter, call.service)) return;
  // A recall, or a call at another counter, replaces the ticket's earlier call: the list
  // shows each number once, where it is called now.
  forget_calls_of(call.ticket_id);
  recent_.push_front(call);
  while (recent_.size() > settings_.max_recent) recent_.pop_back();
  if (fresh) newest_seen_at_ = now;
  else newest_seen_at_.reset();
}

void Board::forget_calls_of(std::int64_t ticket_id) {
  if (!recent_.empty() && recent_.front().ticket_id == ticket_id) newest_seen_at_.reset();
  std::erase_if(recent_, [&](const RecentCall& c) { return c.ticket_id == ticket_id; });
}

std::vector<CounterRow> Board::visible_counters() const {
  std::vector<CounterRow> out;
  for (const CounterRow& c : counters_)
    if (settings_.filter.allows_counter(c)) out.push_back(c);
  return out;
}

std::vector<ServiceRow> Board::visible_services() const {
  std::vector<ServiceRow> out;
  for (const ServiceRow& s : services_)
    if (settings_.filter.allows_service(s.code)) out.push_back(s);
  return out;
}

std::optional<RecentCall> Board::newest_call() const {
  if (recent_.empty()) return std::nullopt;
  return recent_.front();
}

bool Board::newest_blinking(Instant now) const {
  return newest_seen_at_ && now - *newest_seen_at_ < settings_.blink_for;
}

void Board::set_announcing(std::optional<std::int64_t> ticket_id, Instant now) {
  if (announcing_ticket_ == ticket_id) return;
  announcing_ticket_ = ticket_id;
  announcing_seen_at_ = ticket_id ? std::optional<Instant>(now) : std::nullopt;
  ++version_;
}

const RecentCall* Board::announcing_call() const {
  if (!announcing_ticket_) return nullptr;
  for (const RecentCall& c : recent_)
    if (c.ticket_id == *announcing_ticket_) return &c;
  return nullptr;  // gone back in line, cancelled, or filtered out: the newest call instead
}

std::optional<RecentCall> Board::featured_call() const {
  if (const RecentCall* c = announcing_call()) return *c;
  return newest_call();
}

bool Board::featured_blinking(Instant now) const {
  if (announcing_call()) return announcing_seen_at_ && now - *announcing_seen_at_ < settings_.blink_for;
  return newest_blinking(now);
}

bool Board::counter_blinking(const CounterRow& row, Instant now) const {
  return row.called_seen_at && now - *row.called_seen_at < settings_.blink_for;
}

std::optional<Instant> Board::blink_ends(Instant now) const {
  std::optional<Instant> end;
  auto consider = [&](std::optional<Instant> seen) {
    if (!seen || now - *seen >= settings_.blink_for) return;
    const Instant e = *seen + settings_.blink_for;
    if (!end || e > *end) end = e;
  };
  consider(newest_seen_at_);
  consider(announcing_seen_at_);
  for (const CounterRow& c : counters_) consider(c.called_seen_at);
  return end;
}

}  // namespace motcua::display
