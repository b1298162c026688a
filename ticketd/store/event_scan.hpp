// The read side of reports as functions over any connection: the store's own, or a
// read-only one opened beside the writer (ReportRunner). Each call uses only `db`, so
// each connection must stay on one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "domain/model.hpp"
#include "domain/status.hpp"
#include "stats/report_aggregator.hpp"
#include "store/sqlite.hpp"

namespace motcua::store {

// The events with seq in [first, last]; none when last < first.
struct SeqRange {
  std::int64_t first = 0;
  std::int64_t last = -1;
  bool empty() const { return last < first; }
  std::int64_t size() const { return empty() ? 0 : last - first + 1; }
};

// The seqs of the events whose time is in [from, to): two seeks in the `at` index.
// Events are appended in time order, so that seq range holds exactly those events.
Result<SeqRange> event_seq_range(Database& db, Instant from, Instant to);

// Cuts `range` into at most `parts` consecutive ranges of about equal size. Every range
// after the first starts at a day.started event whose time is in [from, to): the day's
// end expires every open ticket before it, so no ticket has events in two ranges and
// stats::ReportAggregator::merge may join their figures. Each cut is the first
// day.started after the local midnight nearest the even split, found through the `at`
// index in a few rows. Fewer ranges when the range holds fewer days.
Result<std::vector<SeqRange>> split_at_day_starts(Database& db, SeqRange range, Instant from, Instant to, int parts,
                                                  int utc_offset_minutes);

// The events of `range` whose time is in [from, to), in seq order, as EventViews pointing
// into SQLite's row buffer (valid during the call only): no Event built and no
// allocation per row. Only the types a report reads are passed. Stop by returning false.
Status scan_event_views(Database& db, SeqRange range, Instant from, Instant to,
                        const std::function<bool(const stats::EventView&)>& fn);

// Tickets of service days [from_day, to_day] in id order, for per-ticket exports;
// `identity` is filled only when `with_identity` (an admin asked for personal data).
Status scan_tickets(Database& db, int from_day, int to_day, bool with_identity,
                    const std::function<bool(const Ticket&)>& fn);

}  // namespace motcua::store
