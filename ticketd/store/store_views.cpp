// Store methods for reports: streaming the events table into EventViews without building
// Events, and reading tickets over a range of days. Part of Store; same thread rule.
#include <cstring>
#include <string_view>
#include <utility>

#include "store/store.hpp"

namespace motcua::store {
namespace {

// The payloads are written by event_payload_json (compact JSON, known keys). Finds
// "key": and reads a string value without unescaping; false when absent or escaped, so
// the caller falls back to a real JSON parser.
bool scan_string(std::string_view json, std::string_view key, std::string_view& out, bool& escaped) {
  char pattern[32];
  if (key.size() + 4 > sizeof pattern) return false;
  std::size_t n = 0;
  pattern[n++] = '"';
  for (char c : key) pattern[n++] = c;
  pattern[n++] = '"';
  pattern[n++] = ':';
  const std::size_t at = json.find(std::string_view(pattern, n));
  if (at == std::string_view::npos) return false;
  std::size_t i = at + n;
  if (i >= json.size() || json[i] != '"') return false;
  const std::size_t begin = ++i;
  for (; i < json.size() && json[i] != '"'; ++i)
    if (json[i] == '\\') {
      escaped = true;
      return false;
    }
  if (i >= json.size()) return false;
  out = json.substr(begin, i - begin);
  return true;
}

int scan_int(std::string_view json, std::string_view key) {
  const std::size_t at = json.find(key);
  if (at == std::string_view::npos) return 0;
  std::size_t i = at + key.size();
  int v = 0;
  while (i < json.size() && json[i] >= '0' && json[i] <= '9') v = v * 10 + (json[i++] - '0');
  return v;
}

// The report's hot loop: the frequent names first, then the full table.
bool fast_event_type(std::string_view s, EventType& out) {
  static constexpr std::pair<std::string_view, EventType> kHot[] = {
      {"ticket.issued", EventType::ticket_issued},   {"ticket.called", EventType::ticket_called},
      {"ticket.started", EventType::ticket_started}, {"ticket.closed", EventType::ticket_closed},
      {"vote.recorded", EventType::vote_recorded},   {"vote.requested", EventType::vote_requested}};
  for (const auto& [name, type] : kHot)
    if (s.size() == name.size() && std::memcmp(s.data(), name.data(), s.size()) == 0) {
      out = type;
      return true;
    }
  return parse_event_type(s, out);
}

}  // namespace

Status Store::for_each_event_view(Instant from, Instant to, const std::function<bool(const stats::EventView&)>& fn) {
  // The seq range first, by two seeks in the `at` index; then one pass in rowid order,
  // which needs no sort (`+at` keeps the planner off the index for that pass). Events are
  // appended in time order, so the seq range holds exactly the events of the time range.
  // (A min/max over the index range would be exact even for a clock that stepped back,
  // but costs a scan of the whole range: half a second for a month of a million tickets.)
  // Reading pages through a memory map skips a copy per page: a month is ~400 MB of
  // events. Read-only effect; SQLite keeps writes going through the WAL as before.
  if (!mmap_set_) mmap_set_ = db_->exec("PRAGMA mmap_size=1073741824").is_ok();
  auto first = db_->prepare("SELECT seq FROM events WHERE at >= ? AND at < ? ORDER BY at, seq LIMIT 1");
  auto last = db_->prepare("SELECT seq FROM events WHERE at >= ? AND at < ? ORDER BY at DESC, seq DESC LIMIT 1");
  if (!first.is_ok()) return first.status();
  if (!last.is_ok()) return last.status();
  std::int64_t lo = 0, hi = -1;
  for (auto [stmt, out] : {std::pair{first.value(), &lo}, std::pair{last.value(), &hi}}) {
    stmt->bind(1, to_unix_ms(from)).bind(2, to_unix_ms(to));
    if (stmt->step()) *out = stmt->int64(0);
    Status bs = stmt->status();
    stmt->reset();
    if (!bs.is_ok()) return bs;
  }
  if (hi < lo) return Status::ok();
  if (lo > hi) std::swap(lo, hi);

  auto s = db_->prepare(
      "SELECT at, type, ticket_id, counter, officer, payload FROM events "
      "WHERE seq >= ? AND seq <= ? AND +at >= ? AND +at < ? ORDER BY seq");
  if (!s.is_ok()) return s.status();
  Statement& st = *s.value();
  st.bind(1, lo).bind(2, hi).bind(3, to_unix_ms(from)).bind(4, to_unix_ms(to));
  stats::EventView v;
  Event slow;  // only for payloads with escapes, which report keys never need in practice
  while (st.step()) {
    if (!fast_event_type(st.text_view(1), v.type)) continue;
    switch (v.type) {
      case EventType::ticket_recalled:
      case EventType::counter_opened:
      case EventType::counter_closed:
      case EventType::counter_paused:
      case EventType::counter_resumed:
      case EventType::vote_requested:
        continue;
      default:
        break;
    }
    v.at = from_unix_ms(st.int64(0));
    v.ticket_id = st.int64(2);
    // Each column read costs an API call (and SQLite's mutex): the report needs the
    // counter and officer only where a ticket ended or was rated.
    const bool at_counter = v.type == EventType::ticket_closed || v.type == EventType::ticket_no_show ||
                            v.type == EventType::vote_recorded;
    v.counter = at_counter ? st.int32(3) : 0;
    v.officer = at_counter ? st.text_view(4) : std::string_view();
    v.service = {};
    v.reason = {};
    v.rating = 0;
    if (v.type == EventType::ticket_issued || v.type == EventType::ticket_transferred ||
        v.type == EventType::vote_recorded) {
      const std::string_view payload = st.text_view(5);
      bool escaped = false;
      if (v.type == EventType::vote_recorded) {
        v.rating = scan_int(payload, "\"rating\":");
        scan_string(payload, "reason", v.reason, escaped);
      } else {
        scan_string(payload, "service", v.service, escaped);
      }
      if (escaped) {
        slow = Event{};
        read_event_payload(payload, slow);
        v.service = slow.service;
        v.reason = slow.reason;
        v.rating = slow.rating;
      }
    }
    if (!fn(v)) break;
  }
  Status result = st.status();
  st.reset();
  return result;
}

Status Store::for_each_ticket(int from_day, int to_day, bool with_identity, const std::function<bool(const Ticket&)>& fn) {
  auto s = db_->prepare(std::string("SELECT ") + kTicketColumns +
                        " FROM tickets WHERE service_day >= ? AND service_day <= ? ORDER BY id");
  if (!s.is_ok()) return s.status();
  Statement& st = *s.value();
  st.bind(1, from_day).bind(2, to_day);
  while (st.step()) {
    Ticket t = read_ticket(st);
    if (!with_identity) t.identity.clear();
    if (!fn(t)) break;
  }
  Status result = st.status();
  st.reset();
  return result;
}

}  // namespace motcua::store
