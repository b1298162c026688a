// Folds the events table, one event at a time in seq order, into report figures, so a
// caller can stream millions of rows without holding them. Not thread-safe: one owner.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/events.hpp"
#include "domain/office_config.hpp"
#include "stats/report.hpp"

namespace motcua::stats {

// The fields of an event the report reads, without owning them: a store can point the
// views straight at its row buffers (e.g. sqlite3_column_text) and skip building Events.
struct EventView {
  EventType type = EventType::ticket_issued;
  Instant at{};
  std::int64_t ticket_id = 0;
  int counter = 0;
  std::string_view officer;
  std::string_view service;  // issued: the service; transferred: the target ("" = same service)
  int rating = 0;            // vote_recorded
  std::string_view reason;   // vote_recorded: the level-4 reason; ticket_cancelled, ticket_transferred: why
};

// Event types no report figure depends on: a store may skip them before building a view.
inline bool report_ignores(EventType type) {
  switch (type) {
    case EventType::ticket_recalled:
    case EventType::counter_opened:
    case EventType::counter_closed:
    case EventType::counter_paused:
    case EventType::counter_resumed:
    case EventType::vote_requested:
      return true;
    default:
      return false;
  }
}

// Usage: construct, add() every event in seq order, then finish() once.
//
// Events are the only source of figures. Tickets whose ticket.issued falls outside
// [from_day, to_day] are skipped, with all their later events. Because the domain expires
// every open ticket at day_started (and rejects commands on them afterwards), all events
// of a day's tickets lie before the next local midnight: the caller may read only
// `at >= start_of_service_day(from_day) AND at < start_of_service_day(to_day + 1)`.
//
// Cost: add() does no heap allocation in the steady state. Per-ticket scratch is 40
// bytes and lives until the next day_started (the day's tickets are then folded into
// their groups); each group keeps its wait and service samples (4 bytes each) for the
// exact median and p90. Strings (services, officers) are interned to small ids, and
// unknown ones (removed from the config since) get new ids on first sight.
class ReportAggregator {
 public:
  ReportAggregator(const OfficeConfig& config, ReportQuery query);

  void add(const EventView& e);
  void add(const Event& e) {
    add(EventView{e.type, e.at, e.ticket_id, e.counter, e.officer, e.service, e.rating, e.reason});
  }
  // Folds what is left and produces the rows. Call once; the aggregator is spent after.
  Report finish();

  // Adds the figures of `later`, built with the same config and query from the events
  // that follow this one's in the same stream, where the stream was cut just before a
  // day_started event (no ticket has events on both sides of such a cut). The result
  // equals one aggregator fed both parts in order, so a long range can be scanned in
  // parallel parts. Samples are kept, not summarised, so medians and p90 stay exact.
  // Unknown keys keep their first-seen order: this one's first, then `later`'s.
  void merge(ReportAggregator&& later);

 private:
  static constexpr std::uint16_t kNone = 0xFFFF;
  enum Outcome : std::uint8_t { open, served, no_show, cancelled };

  struct Scratch {                  // one ticket, times in ms relative to its issue
    std::int64_t issued_ms = 0;
    std::int32_t first_call = -1;   // -1 = not yet
    std::int32_t started = -1;
    std::int32_t closed = -1;
    std::uint16_t issue_service = kNone;
    std::uint16_t service = kNone;  // final service
    std::uint16_t counter = kNone;  // counter/officer of the close or no-show
    std::uint16_t officer = kNone;
    std::uint16_t vote_counter = kNone;
    std::uint16_t vote_officer = kNone;
    Outcome outcome = open;
    std::uint8_t rating = 0;        // 0 = no vote
    std::uint8_t reason = 0xFF;     // index into unhappy_reasons(), 0xFF = none
    bool transferred = false;       // an officer handed it on at least once
    bool valid = false;
  };
  static_assert(sizeof(Scratch) <= 40, "a million tickets' scratch should stay small");

  struct Group {
    bool active = false;
    std::int64_t issued = 0, served = 0, no_show = 0, cancelled = 0, transferred = 0, called = 0, on_time = 0;
    std::int64_t wait_sum_ms = 0, service_sum_ms = 0;
    std::vector<std::int32_t> waits_ms, service_ms;
    std::array<std::int64_t, 4> votes{};
    std::array<std::int64_t, kReasonCount> reasons{};
    std::array<std::int64_t, kLinkedBuckets.size()> linked_votes{}, linked_satisfied{};
  };

  // Interning: config entries first (config order), unknown ones appended.
  std::uint16_t service_id(std::string_view code);
  std::uint16_t counter_id(int number);
  std::uint16_t officer_id(std::string_view username);

  Scratch* find(std::int64_t ticket_id);
  void on_issued(const EventView& e);
  void flush();  // folds every scratch ticket into its groups and clears the window
  void fold_ticket(const Scratch& t);
  std::uint16_t ticket_group(const Scratch& t) const;
  std::uint16_t vote_group(const Scratch& t) const;
  Group& group(std::uint16_t id);
  static void merge_group(Group& into, Group& from);
  ReportRow make_row(Group& g, std::string key, std::string label) const;

  ReportQuery query_;
  int utc_offset_minutes_;
  std::vector<std::string> services_;  // code
  std::vector<std::string> service_names_;
  std::vector<std::int32_t> service_target_ms_;
  std::vector<int> counters_;          // number
  std::vector<std::string> counter_names_;
  std::vector<std::string> officers_;  // username
  std::vector<std::string> officer_names_;
  // Whether a configured account works at a counter (role officer): only those get an
  // empty row with include_empty; a leader's or admin's account serves nobody.
  std::vector<bool> officer_at_counters_;
  std::uint16_t last_officer_ = kNone;  // cache: officers repeat in runs

  std::int64_t base_id_ = 0;           // ticket id of window_[0]
  std::vector<Scratch> window_;        // today's tickets in range, indexed by id − base_id_
  std::vector<Group> groups_;          // indexed by the grouping's interned id
  Group unassigned_;                   // group id kNone: no counter/officer
  Group total_;
  Report report_;
};

// Convenience for tests and small ranges: folds `events` in order.
Report compute_report(const OfficeConfig& config, const ReportQuery& query, const std::vector<Event>& events);

}  // namespace motcua::stats
