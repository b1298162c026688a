// The report scans of event_scan.hpp (streaming the events table into EventViews without
// building Events, cutting it at day starts, reading tickets over a range of days), and
// the Store methods that run them on the store's own connection.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <string_view>
#include <utility>

#include "store/event_scan.hpp"
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

Result<SeqRange> event_seq_range(Database& db, Instant from, Instant to) {
  // Two seeks in the `at` index. (A min/max over the index range would be exact even for
  // a clock that stepped back, but costs a scan of the whole range: half a second for a
  // month of a million tickets.)
  auto first = db.prepare("SELECT seq FROM events WHERE at >= ? AND at < ? ORDER BY at, seq LIMIT 1");
  auto last = db.prepare("SELECT seq FROM events WHERE at >= ? AND at < ? ORDER BY at DESC, seq DESC LIMIT 1");
  if (!first.is_ok()) return first.status();
  if (!last.is_ok()) return last.status();
  SeqRange range;
  for (auto [stmt, out] : {std::pair{first.value(), &range.first}, std::pair{last.value(), &range.last}}) {
    stmt->bind(1, to_unix_ms(from)).bind(2, to_unix_ms(to));
    if (stmt->step()) *out = stmt->int64(0);
    Status bs = stmt->status();
    stmt->reset();
    if (!bs.is_ok()) return bs;
  }
  if (range.last == -1) return SeqRange{};  // no event in the time range
  if (range.first > range.last) std::swap(range.first, range.last);
  return range;
}

Result<std::vector<SeqRange>> split_at_day_starts(Database& db, SeqRange range, Instant from, Instant to, int parts,
                                                  int utc_offset_minutes) {
  std::vector<SeqRange> out;
  if (range.empty()) return out;
  auto at_of = db.prepare("SELECT at FROM events WHERE seq >= ? ORDER BY seq LIMIT 1");
  auto day_start = db.prepare(
      "SELECT seq FROM events WHERE at >= ? AND at < ? AND seq > ? AND seq <= ? AND type = 'day.started' "
      "ORDER BY at, seq LIMIT 1");
  if (!at_of.is_ok()) return at_of.status();
  if (!day_start.is_ok()) return day_start.status();
  std::int64_t begin = range.first;
  for (int k = 1; k < parts; ++k) {
    const std::int64_t even = range.first + range.size() * k / parts;
    if (even <= begin) continue;
    Statement& a = *at_of.value();
    a.bind(1, even);
    const bool found_at = a.step();
    const Instant at = found_at ? from_unix_ms(a.int64(0)) : to;
    Status as = a.status();
    a.reset();
    if (!as.is_ok()) return as;
    // The local midnight nearest that event, and the day.started the first command or
    // tick after it wrote (after that midnight's expired tickets).
    const Instant midnight =
        start_of_service_day(service_day(at + std::chrono::hours(12), utc_offset_minutes), utc_offset_minutes);
    Statement& d = *day_start.value();
    d.bind(1, to_unix_ms(std::max(midnight, from))).bind(2, to_unix_ms(to)).bind(3, begin).bind(4, range.last);
    const std::int64_t cut = d.step() ? d.int64(0) : -1;
    Status ds = d.status();
    d.reset();
    if (!ds.is_ok()) return ds;
    if (cut <= begin) continue;  // none left, or the same cut as before
    out.push_back({begin, cut - 1});
    begin = cut;
  }
  out.push_back({begin, range.last});
  return out;
}

Status scan_event_views(Database& db, SeqRange range, Instant from, Instant to,
                        const std::function<bool(const stats::EventView&)>& fn) {
  if (range.empty()) return Status::ok();
  // One pass in rowid order, which needs no sort (`+at` keeps the planner off the index).
  auto s = db.prepare(
      "SELECT at, type, ticket_id, counter, officer, payload FROM events "
      "WHERE seq >= ? AND seq <= ? AND +at >= ? AND +at < ? ORDER BY seq");
  if (!s.is_ok()) return s.status();
  Statement& st = *s.value();
  st.bind(1, range.first).bind(2, range.last).bind(3, to_unix_ms(from)).bind(4, to_unix_ms(to));
  stats::EventView v;
  Event slow;  // only for payloads with escapes, which report keys never need in practice
  while (st.step()) {
    if (!fast_event_type(st.text_view(1), v.type) || stats::report_ignores(v.type)) continue;
    v.at = from_unix_ms(st.int64(0));
    v.ticket_id = st.int64(2);
    // Each column read costs an API call: the report needs the counter and officer only
    // where a ticket ended or was rated.
    const bool at_counter = v.type == EventType::ticket_closed || v.type == EventType::ticket_no_show ||
                            v.type == EventType::vote_recorded;
    v.counter = at_counter ? st.int32(3) : 0;
    v.officer = at_counter ? st.text_view(4) : std::string_view();
    v.service = {};
    v.reason = {};
    v.rating = 0;
    if (v.type == EventType::ticket_issued || v.type == EventType::ticket_transferred ||
        v.type == EventType::vote_recorded || v.type == EventType::ticket_cancelled) {
      const std::string_view payload = st.text_view(5);
      bool escaped = false;
      if (v.type == EventType::vote_recorded) {
        v.rating = scan_int(payload, "\"rating\":");
        scan_string(payload, "reason", v.reason, escaped);
      } else if (v.type == EventType::ticket_cancelled) {
        scan_string(payload, "reason", v.reason, escaped);  // "day_end": expired, not cancelled
      } else {
        scan_string(payload, "service", v.service, escaped);
        if (v.type == EventType::ticket_transferred) scan_string(payload, "reason", v.reason, escaped);
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

Status scan_tickets(Database& db, int from_day, int to_day, bool with_identity,
                    const std::function<bool(const Ticket&)>& fn) {
  auto s = db.prepare(std::string("SELECT ") + kTicketColumns +
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

Status Store::for_each_event_view(Instant from, Instant to, const std::function<bool(const stats::EventView&)>& fn) {
  // Reading pages through a memory map skips a copy per page: a month is ~400 MB of
  // events. Read-only effect; SQLite keeps writes going through the WAL as before.
  if (!mmap_set_) mmap_set_ = db_->exec("PRAGMA mmap_size=1073741824").is_ok();
  auto range = event_seq_range(*db_, from, to);
  if (!range.is_ok()) return range.status();
  return scan_event_views(*db_, range.value(), from, to, fn);
}

Status Store::for_each_ticket(int from_day, int to_day, bool with_identity, const std::function<bool(const Ticket&)>& fn) {
  return scan_tickets(*db_, from_day, to_day, with_identity, fn);
}

Status Store::for_each_ticket_numbered(int service_day, int number, const std::function<bool(const Ticket&)>& fn) {
  // The number index's first column narrows the search to the day.
  auto s = db_->prepare(std::string("SELECT ") + kTicketColumns +
                        " FROM tickets WHERE service_day = ? AND number = ? ORDER BY id");
  if (!s.is_ok()) return s.status();
  Statement& st = *s.value();
  st.bind(1, service_day).bind(2, number);
  while (st.step()) {
    Ticket t = read_ticket(st);
    t.identity.clear();
    if (!fn(t)) break;
  }
  Status result = st.status();
  st.reset();
  return result;
}

Status Store::for_each_event_of_ticket(std::int64_t ticket_id, Instant from, Instant to,
                                       const std::function<bool(const Event&)>& fn) {
  // No index on ticket_id (it would cost every commit a page): the ticket's lifetime,
  // found through the `at` index, bounds the rows read instead.
  auto range = event_seq_range(*db_, from, to);
  if (!range.is_ok()) return range.status();
  if (range.value().empty()) return Status::ok();
  auto s = db_->prepare(
      "SELECT seq, at, type, ticket_id, counter, officer, payload FROM events "
      "WHERE seq >= ? AND seq <= ? AND ticket_id = ? ORDER BY seq");
  if (!s.is_ok()) return s.status();
  Statement& st = *s.value();
  st.bind(1, range.value().first).bind(2, range.value().last).bind(3, ticket_id);
  while (st.step())
    if (!fn(read_event(st))) break;
  Status result = st.status();
  st.reset();
  return result;
}

}  // namespace motcua::store
