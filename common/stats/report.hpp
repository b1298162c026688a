// Report figures over a date range, as plain values: what ReportAggregator produces and
// report_csv writes. Value types with no I/O; safe to copy between threads.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motcua::stats {

// How rows are keyed. Definitions used throughout (the "attribution rules"):
// - A ticket belongs to the service day of its ticket.issued instant (local time).
// - by_service: the ticket's FINAL service, i.e. the service after its last transfer; a
//   ticket transferred from ho-tich to chung-thuc counts once, under chung-thuc.
// - by_counter / by_officer: a served ticket counts for the counter and officer of its
//   ticket.closed event; a no-show for those of its (last) ticket.no_show event. Cancelled
//   and unfinished tickets have no counter/officer and go to the "unassigned" row (key "").
// - Votes count for the counter and officer on the vote.recorded event, and for the
//   ticket's final service.
enum class Grouping { by_service, by_counter, by_officer, whole_office };

struct ReportQuery {
  int from_day = 0;  // first service day, inclusive (days since 1970-01-01, local)
  int to_day = 0;    // last service day, inclusive; from_day > to_day is an empty range
  Grouping grouping = Grouping::whole_office;
  // false: a configured service/counter/officer with no ticket and no vote has no row.
  bool include_empty = false;

  bool operator==(const ReportQuery&) const = default;
};

// A distribution of durations. Percentiles use the NEAREST-RANK method: with the N
// samples sorted ascending, the p-th percentile is the sample at 1-based rank
// ceil(p/100 * N). So the median is the ceil(N/2)-th sample (the lower middle one when
// N is even, never an interpolation) and p90 is the ceil(0.9 N)-th. Empty: all nullopt.
struct Distribution {
  std::int64_t count = 0;
  std::optional<double> avg_s;
  std::optional<double> median_s;
  std::optional<double> p90_s;

  bool operator==(const Distribution&) const = default;
};

// Buckets are half-open [lo_min, hi_min) in minutes; hi_min < 0 means "no upper bound".
// A wait of exactly 10:00 is in [10, 20).
struct WaitBucket {
  int lo_min = 0;
  int hi_min = -1;
};
// The linked view "satisfaction against wait": <10, 10–20, 20–30, 30–45, ≥45 minutes.
inline constexpr std::array<WaitBucket, 5> kLinkedBuckets{{{0, 10}, {10, 20}, {20, 30}, {30, 45}, {45, -1}}};
// The wait-distribution chart: 0–5, 5–10, 10–15, 15–20, 20–30, 30–45, 45–60, ≥60 minutes.
inline constexpr std::array<WaitBucket, 8> kHistogramBuckets{
    {{0, 5}, {5, 10}, {10, 15}, {15, 20}, {20, 30}, {30, 45}, {45, 60}, {60, -1}}};

// Votes of the voted tickets whose wait falls in one linked bucket.
struct LinkedCell {
  std::int64_t votes = 0;
  std::int64_t satisfied = 0;            // level 1 or 2
  std::optional<double> satisfaction_rate;  // satisfied / votes, 0..1; nullopt if no votes

  bool operator==(const LinkedCell&) const = default;
};

// Unhappy reasons in the order of motcua::unhappy_reasons():
// thai_do, cho_lau, huong_dan_khong_ro, ho_so_tra_lai, khac.
inline constexpr int kReasonCount = 5;

struct ReportRow {
  // Service code, counter number ("3") or officer username. "" = the whole office, or the
  // unassigned row (label "Chưa hoàn tất hoặc đã hủy") of by_counter / by_officer.
  std::string key;
  std::string label;  // Vietnamese name for people: service name, counter name, officer display name

  std::int64_t issued = 0;
  std::int64_t served = 0;      // ticket.closed
  std::int64_t no_show = 0;     // last outcome ticket.no_show (a reactivated then served ticket is served)
  std::int64_t cancelled = 0;   // cancelled by staff or the citizen (not the day-end expiry)
  std::int64_t unfinished = 0;  // issued − served − no_show − cancelled (expired at day end, or still open)
  std::int64_t transferred = 0; // handed on by an officer at least once (to a service or a counter)

  // Wait = first ticket.called − ticket.issued, over every ticket called at least once
  // (served, no-show, or transferred and later cancelled alike).
  Distribution wait;
  // Service time = ticket.closed − the last ticket.started before it (after a transfer only
  // the final counter's service counts), over served tickets.
  Distribution service;

  // On time: numerator = served tickets whose wait ≤ target_wait_min of the service they
  // were issued for (the service they waited for before their first call; an unknown
  // service uses the default 30 min); denominator = tickets called at least once.
  std::int64_t called = 0;
  std::int64_t on_time = 0;
  std::optional<double> on_time_rate;  // 0..1; nullopt when called == 0

  std::array<std::int64_t, 4> votes_by_level{};  // [0] = level 1 rất hài lòng … [3] = level 4
  std::int64_t votes = 0;
  std::optional<double> satisfaction_rate;  // (level1 + level2) / votes, 0..1
  std::optional<double> participation;      // votes / served, 0..1 (nullopt when served == 0)
  std::array<std::int64_t, kReasonCount> reasons{};  // level-4 reasons, see kReasonCount
  std::array<LinkedCell, kLinkedBuckets.size()> linked{};

  bool operator==(const ReportRow&) const = default;
};

struct Report {
  ReportQuery query;
  std::vector<ReportRow> rows;  // whole_office: exactly one row, equal to total
  ReportRow total;              // the whole office, always present
  // Summed over every day of the range, by local hour of the event (0..23).
  std::array<std::int64_t, 24> issued_per_hour{};
  std::array<std::int64_t, 24> calls_per_hour{};  // every ticket.called (recalls are not calls)
  // Waits of every ticket called at least once, by kHistogramBuckets.
  std::array<std::int64_t, kHistogramBuckets.size()> wait_histogram{};

  // Field by field, doubles exactly: equal inputs give bit-equal figures.
  bool operator==(const Report&) const = default;
};

// Vietnamese label of a bucket, e.g. "Dưới 10 phút", "10–20 phút", "Từ 45 phút trở lên".
std::string bucket_label(const WaitBucket& b);

// Nearest-rank summary of durations in milliseconds (reorders `ms`).
Distribution summarize_ms(std::vector<std::int32_t>& ms, std::int64_t sum_ms);

}  // namespace motcua::stats
