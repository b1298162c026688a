#include "stats/report_aggregator.hpp"

#include <algorithm>
#include <cassert>
#include <limits>

#include "domain/model.hpp"

namespace motcua::stats {
namespace {

// A gap in ticket ids this large never happens with a real store (ids are dense); it
// would mean a corrupt stream, and we rebase rather than allocate for it.
constexpr std::int64_t kMaxIdGap = std::int64_t{1} << 20;

std::int32_t since_issue(std::int64_t at_ms, std::int64_t issued_ms) {
  const std::int64_t d = at_ms - issued_ms;
  // Clock steps backwards clamp to 0; a ticket never lives 24 days.
  if (d < 0) return 0;
  if (d > std::numeric_limits<std::int32_t>::max()) return std::numeric_limits<std::int32_t>::max();
  return static_cast<std::int32_t>(d);
}

template <std::size_t N>
std::size_t bucket_of(const std::array<WaitBucket, N>& buckets, std::int32_t wait_ms) {
  for (std::size_t i = 0; i < N; ++i)
    if (buckets[i].hi_min < 0 || wait_ms < std::int64_t{buckets[i].hi_min} * 60'000) return i;
  return N - 1;
}

std::uint8_t reason_index(std::string_view code) {
  const auto& reasons = unhappy_reasons();
  for (std::size_t i = 0; i < reasons.size() && i < kReasonCount; ++i)
    if (reasons[i].first == code) return static_cast<std::uint8_t>(i);
  return 0xFF;
}

std::optional<double> ratio(std::int64_t num, std::int64_t den) {
  if (den <= 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

}  // namespace

ReportAggregator::ReportAggregator(const OfficeConfig& config, ReportQuery query)
    : query_(query), utc_offset_minutes_(config.utc_offset_minutes) {
  for (const auto& s : config.services) {
    services_.push_back(s.code);
    service_names_.push_back(s.name);
    service_target_ms_.push_back(s.target_wait_min * 60'000);
  }
  for (const auto& c : config.counters) {
    counters_.push_back(c.number);
    counter_names_.push_back(c.name.empty() ? "Quầy " + std::to_string(c.number) : c.name);
  }
  for (const auto& o : config.officers) {
    officers_.push_back(o.username);
    officer_names_.push_back(o.display_name.empty() ? o.username : o.display_name);
    officer_at_counters_.push_back(o.role == Role::officer);
  }
  report_.query = query_;
  report_.total.label = config.office_name.empty() ? "Toàn đơn vị" : config.office_name;
}

std::uint16_t ReportAggregator::service_id(std::string_view code) {
  for (std::size_t i = 0; i < services_.size(); ++i)
    if (services_[i] == code) return static_cast<std::uint16_t>(i);
  if (services_.size() >= kNone) return kNone;
  services_.emplace_back(code);
  service_names_.emplace_back(code);  // removed from the config: its code is all we know
  service_target_ms_.push_back(Service{}.target_wait_min * 60'000);
  return static_cast<std::uint16_t>(services_.size() - 1);
}

std::uint16_t ReportAggregator::counter_id(int number) {
  if (number == 0) return kNone;
  for (std::size_t i = 0; i < counters_.size(); ++i)
    if (counters_[i] == number) return static_cast<std::uint16_t>(i);
  if (counters_.size() >= kNone) return kNone;
  counters_.push_back(number);
  counter_names_.push_back("Quầy " + std::to_string(number));
  return static_cast<std::uint16_t>(counters_.size() - 1);
}

std::uint16_t ReportAggregator::officer_id(std::string_view username) {
  if (username.empty()) return kNone;
  if (last_officer_ != kNone && officers_[last_officer_] == username) return last_officer_;
  std::uint16_t id = kNone;
  for (std::size_t i = 0; i < officers_.size() && id == kNone; ++i)
    if (officers_[i] == username) id = static_cast<std::uint16_t>(i);
  if (id == kNone && officers_.size() < kNone) {
    officers_.emplace_back(username);
    officer_names_.emplace_back(username);
    id = static_cast<std::uint16_t>(officers_.size() - 1);
  }
  last_officer_ = id;
  return id;
}

ReportAggregator::Scratch* ReportAggregator::find(std::int64_t ticket_id) {
  const std::int64_t i = ticket_id - base_id_;
  if (i < 0 || i >= static_cast<std::int64_t>(window_.size())) return nullptr;
  Scratch& t = window_[static_cast<std::size_t>(i)];
  return t.valid ? &t : nullptr;
}

void ReportAggregator::on_issued(const EventView& e) {
  const std::int64_t at = to_unix_ms(e.at);
  const int day = service_day(e.at, utc_offset_minutes_);
  if (day < query_.from_day || day > query_.to_day) return;
  if (window_.empty()) base_id_ = e.ticket_id;
  std::int64_t i = e.ticket_id - base_id_;
  if (i < 0) return;  // ids only grow in a real store
  if (i - static_cast<std::int64_t>(window_.size()) > kMaxIdGap) {
    flush();
    base_id_ = e.ticket_id;
    i = 0;
  }
  if (i >= static_cast<std::int64_t>(window_.size())) window_.resize(static_cast<std::size_t>(i) + 1);
  Scratch& t = window_[static_cast<std::size_t>(i)];
  if (t.valid) return;  // a duplicate issue is ignored
  t = Scratch{};
  t.valid = true;
  t.issued_ms = at;
  t.issue_service = t.service = service_id(e.service);
  report_.issued_per_hour[static_cast<std::size_t>(local_minute_of_day(e.at, utc_offset_minutes_) / 60)] += 1;
}

void ReportAggregator::add(const EventView& e) {
  switch (e.type) {
    case EventType::ticket_issued:
      on_issued(e);
      return;
    case EventType::day_started:
      flush();  // yesterday's tickets can change no more
      return;
    default:
      if (report_ignores(e.type)) return;
      break;
  }
  Scratch* t = find(e.ticket_id);
  if (!t) return;
  const std::int64_t at = to_unix_ms(e.at);
  switch (e.type) {
    case EventType::ticket_called:
      if (t->first_call < 0) t->first_call = since_issue(at, t->issued_ms);
      report_.calls_per_hour[static_cast<std::size_t>(local_minute_of_day(e.at, utc_offset_minutes_) / 60)] += 1;
      break;
    case EventType::ticket_started:
      t->started = since_issue(at, t->issued_ms);
      break;
    case EventType::ticket_closed:
      t->outcome = served;
      t->closed = since_issue(at, t->issued_ms);
      t->counter = counter_id(e.counter);
      t->officer = officer_id(e.officer);
      break;
    case EventType::ticket_no_show:
      t->outcome = no_show;
      t->counter = counter_id(e.counter);
      t->officer = officer_id(e.officer);
      break;
    case EventType::ticket_transferred:
      if (!e.service.empty()) t->service = service_id(e.service);
      // Put back in line because its counter closed is not a transfer (as the ticket's own
      // `transfers` counts them).
      if (e.reason != kCounterClosedRelease && e.reason != kClosedBySupervisor) t->transferred = true;
      t->started = -1;  // the next counter starts afresh
      break;
    case EventType::ticket_cancelled:
      // A ticket the day ended on was not cancelled by anyone: it stays unfinished. That
      // expiry is logged when the next day starts, so only a report reaching into the next
      // day sees it; counting it as unfinished keeps a month equal to the sum of its days.
      t->outcome = e.reason == kDayEndReason ? open : cancelled;
      t->counter = t->officer = kNone;
      break;
    case EventType::ticket_reactivated:
      t->outcome = open;
      t->counter = t->officer = kNone;
      break;
    case EventType::vote_recorded:
      if (e.rating < 1 || e.rating > 4) break;
      t->rating = static_cast<std::uint8_t>(e.rating);
      t->reason = e.rating == 4 ? reason_index(e.reason) : std::uint8_t{0xFF};
      t->vote_counter = counter_id(e.counter);
      t->vote_officer = officer_id(e.officer);
      break;
    default:
      break;
  }
}

ReportAggregator::Group& ReportAggregator::group(std::uint16_t id) {
  if (id == kNone) return unassigned_;
  if (id >= groups_.size()) groups_.resize(std::size_t{id} + 1);
  return groups_[id];
}

std::uint16_t ReportAggregator::ticket_group(const Scratch& t) const {
  switch (query_.grouping) {
    case Grouping::by_service: return t.service;
    case Grouping::by_counter: return t.counter;
    case Grouping::by_officer: return t.officer;
    case Grouping::whole_office: break;
  }
  return kNone;
}

std::uint16_t ReportAggregator::vote_group(const Scratch& t) const {
  switch (query_.grouping) {
    case Grouping::by_service: return t.service;
    case Grouping::by_counter: return t.vote_counter;
    case Grouping::by_officer: return t.vote_officer;
    case Grouping::whole_office: break;
  }
  return kNone;
}

void ReportAggregator::fold_ticket(const Scratch& t) {
  const bool grouped = query_.grouping != Grouping::whole_office;
  const bool was_called = t.first_call >= 0;
  const bool has_service_time = t.outcome == served && t.started >= 0 && t.closed >= t.started;
  const std::int32_t service_ms = has_service_time ? t.closed - t.started : 0;
  // On time: first called within the target wait of the service it was issued for,
  // whatever came after (served, a no-show, still at the counter), so that on_time and
  // called count the same tickets and the rate does not dip while a citizen is served.
  const bool on_time = was_called && t.issue_service != kNone && t.first_call <= service_target_ms_[t.issue_service];
  auto fold = [&](Group& g) {
    g.active = true;
    g.issued += 1;
    g.served += t.outcome == served;
    g.no_show += t.outcome == no_show;
    g.cancelled += t.outcome == cancelled;
    g.transferred += t.transferred;
    if (was_called) {
      g.called += 1;
      g.on_time += on_time;
      g.wait_sum_ms += t.first_call;
      g.waits_ms.push_back(t.first_call);
    }
    if (has_service_time) {
      g.service_sum_ms += service_ms;
      g.service_ms.push_back(service_ms);
    }
  };
  fold(total_);
  if (grouped) fold(group(ticket_group(t)));
  if (was_called) report_.wait_histogram[bucket_of(kHistogramBuckets, t.first_call)] += 1;

  if (t.rating == 0) return;
  auto vote = [&](Group& g) {
    g.active = true;
    g.votes[t.rating - 1] += 1;
    if (t.reason < kReasonCount) g.reasons[t.reason] += 1;
    if (was_called) {
      const std::size_t b = bucket_of(kLinkedBuckets, t.first_call);
      g.linked_votes[b] += 1;
      g.linked_satisfied[b] += t.rating <= 2;
    }
  };
  vote(total_);
  if (grouped) vote(group(vote_group(t)));
}

void ReportAggregator::flush() {
  for (const Scratch& t : window_)
    if (t.valid) fold_ticket(t);
  window_.clear();  // keeps its capacity for the next day
}

void ReportAggregator::merge_group(Group& into, Group& from) {
  if (!from.active) return;  // fold() marks every group it touches
  into.active = true;
  into.issued += from.issued;
  into.served += from.served;
  into.no_show += from.no_show;
  into.cancelled += from.cancelled;
  into.transferred += from.transferred;
  into.called += from.called;
  into.on_time += from.on_time;
  into.wait_sum_ms += from.wait_sum_ms;
  into.service_sum_ms += from.service_sum_ms;
  into.waits_ms.insert(into.waits_ms.end(), from.waits_ms.begin(), from.waits_ms.end());
  into.service_ms.insert(into.service_ms.end(), from.service_ms.begin(), from.service_ms.end());
  for (std::size_t i = 0; i < into.votes.size(); ++i) into.votes[i] += from.votes[i];
  for (std::size_t i = 0; i < into.reasons.size(); ++i) into.reasons[i] += from.reasons[i];
  for (std::size_t i = 0; i < into.linked_votes.size(); ++i) {
    into.linked_votes[i] += from.linked_votes[i];
    into.linked_satisfied[i] += from.linked_satisfied[i];
  }
}

void ReportAggregator::merge(ReportAggregator&& later) {
  assert(later.query_.grouping == query_.grouping && later.query_.from_day == query_.from_day &&
         later.query_.to_day == query_.to_day);
  // Both windows hold only tickets whose every event was seen (the cut is at a
  // day_started), so folding them now gives what one pass would fold later.
  flush();
  later.flush();
  // Interned ids differ where unknown keys appeared: re-intern `later`'s keys here, in its
  // id order, which appends its unknown keys after ours exactly as one pass would have.
  std::vector<std::uint16_t> to_here;
  switch (query_.grouping) {
    case Grouping::by_service:
      for (const auto& code : later.services_) to_here.push_back(service_id(code));
      break;
    case Grouping::by_counter:
      for (int number : later.counters_) to_here.push_back(counter_id(number));
      break;
    case Grouping::by_officer:
      for (const auto& username : later.officers_) to_here.push_back(officer_id(username));
      break;
    case Grouping::whole_office:
      break;
  }
  for (std::size_t i = 0; i < later.groups_.size() && i < to_here.size(); ++i)
    merge_group(group(to_here[i]), later.groups_[i]);
  merge_group(unassigned_, later.unassigned_);
  merge_group(total_, later.total_);
  for (std::size_t h = 0; h < report_.issued_per_hour.size(); ++h) {
    report_.issued_per_hour[h] += later.report_.issued_per_hour[h];
    report_.calls_per_hour[h] += later.report_.calls_per_hour[h];
  }
  for (std::size_t b = 0; b < report_.wait_histogram.size(); ++b)
    report_.wait_histogram[b] += later.report_.wait_histogram[b];
}

ReportRow ReportAggregator::make_row(Group& g, std::string key, std::string label) const {
  ReportRow r;
  r.key = std::move(key);
  r.label = std::move(label);
  r.issued = g.issued;
  r.served = g.served;
  r.no_show = g.no_show;
  r.cancelled = g.cancelled;
  r.unfinished = g.issued - g.served - g.no_show - g.cancelled;
  r.transferred = g.transferred;
  r.wait = summarize_ms(g.waits_ms, g.wait_sum_ms);
  r.service = summarize_ms(g.service_ms, g.service_sum_ms);
  r.called = g.called;
  r.on_time = g.on_time;
  r.on_time_rate = ratio(g.on_time, g.called);
  r.votes_by_level = g.votes;
  for (auto v : g.votes) r.votes += v;
  r.satisfaction_rate = ratio(g.votes[0] + g.votes[1], r.votes);
  r.participation = ratio(r.votes, g.served);
  r.reasons = g.reasons;
  for (std::size_t b = 0; b < kLinkedBuckets.size(); ++b) {
    r.linked[b].votes = g.linked_votes[b];
    r.linked[b].satisfied = g.linked_satisfied[b];
    r.linked[b].satisfaction_rate = ratio(g.linked_satisfied[b], g.linked_votes[b]);
  }
  return r;
}

Report ReportAggregator::finish() {
  flush();
  Report out = std::move(report_);
  out.total = make_row(total_, "", std::move(out.total.label));
  const std::size_t configured = query_.grouping == Grouping::by_service   ? services_.size()
                                 : query_.grouping == Grouping::by_counter ? counters_.size()
                                 : query_.grouping == Grouping::by_officer ? officers_.size()
                                                                           : 0;
  if (query_.grouping == Grouping::whole_office) {
    out.rows.push_back(out.total);
    return out;
  }
  // Interned ids list the config first, so rows come in config order, then unknown keys
  // in first-seen order, then the unassigned row.
  const std::size_t n = std::max(configured, groups_.size());
  groups_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    Group& g = groups_[i];
    const bool listed_when_empty = query_.include_empty && i < configured &&
                                   (query_.grouping != Grouping::by_officer || officer_at_counters_[i]);
    if (!g.active && !listed_when_empty) continue;
    std::string key, label;
    switch (query_.grouping) {
      case Grouping::by_service: key = services_[i], label = service_names_[i]; break;
      case Grouping::by_counter: key = std::to_string(counters_[i]), label = counter_names_[i]; break;
      case Grouping::by_officer: key = officers_[i], label = officer_names_[i]; break;
      case Grouping::whole_office: break;
    }
    out.rows.push_back(make_row(g, std::move(key), std::move(label)));
  }
  if (unassigned_.active) out.rows.push_back(make_row(unassigned_, "", "Chưa hoàn tất hoặc đã hủy"));
  return out;
}

Report compute_report(const OfficeConfig& config, const ReportQuery& query, const std::vector<Event>& events) {
  ReportAggregator agg(config, query);
  for (const auto& e : events) agg.add(e);
  return agg.finish();
}

}  // namespace motcua::stats
