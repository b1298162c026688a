// Supervision alerts: which conditions of the hall a supervisor must see now, as a pure
// function of config, today's state and the time. Value types; thread-agnostic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/office_config.hpp"
#include "domain/office_state.hpp"

namespace motcua::stats {

enum class AlertKind {
  wait_over_target,  // a service's longest current wait passes its target_wait_min
  counter_idle,      // a counter idle or paused while its lines have people waiting
  service_unstaffed, // people in a service's line and every counter serving it closed
  apology_waiting,   // people still in a service's line past policy.apology_wait_min
  apology_at_counter,// a counter now holds a ticket that waited past apology_wait_min
};

// An alert holds only facts that change with the state, never the elapsed time: `since`
// is when the condition's clock started, so two computations a few seconds apart give
// equal lists unless a threshold was crossed or the hall changed. The caller can then
// broadcast only when the list changes and let pages count the time themselves.
struct Alert {
  AlertKind kind = AlertKind::wait_over_target;
  std::string service;        // wait_over_target, service_unstaffed, apology_waiting, apology_at_counter (ticket's)
  int counter = 0;            // counter_idle, apology_at_counter
  std::int64_t ticket_id = 0; // the oldest ticket concerned (0 for counter_idle)
  std::string number;         // its display number
  Instant since{};            // wait: the oldest place in line; idle: when idle AND people waiting
  std::int64_t threshold_s = 0;
  int count = 0;              // apology_waiting: how many are past the threshold; counter_idle,
                              // service_unstaffed: how many wait for it; else 1
  std::string message;        // Vietnamese, fit to show
  friend bool operator==(const Alert&, const Alert&) = default;
};

// Rules, each with a strict "passes": elapsed > threshold (exactly at the threshold is
// not yet an alert).
// - wait_over_target, one per service: now − oldest queue_at in the service's line >
//   target_wait_min × 60 (the same wait as the service status's longest_wait_s).
// - counter_idle, one per counter in state idle or paused whose services' lines or own
//   transfer line are not empty: since = max(counter.since, oldest queue_at among those
//   lines), alert when now − since > policy.idle_alert_s. A closed counter (nobody
//   signed in) never alerts on its own: staffing is the supervisor's decision, not a lapse.
// - service_unstaffed, one per service whose line is not empty while every counter that
//   serves it is closed (a supervisor closed the last one, or nobody has signed in):
//   nobody will call those people. since = max(oldest queue_at, the latest close of those
//   counters); alert when now − since > policy.idle_alert_s.
// - apology_waiting, one per service: the tickets in its line whose now − queue_at >
//   apology_wait_min × 60 (count, and the oldest one).
// - apology_at_counter, one per counter holding a called or serving ticket whose wait
//   (called_at − queue_at) passed apology_wait_min: the officer owes an apology.
// Order: by kind as declared, then config order of services / counter number.
std::vector<Alert> compute_alerts(const OfficeConfig& config, const OfficeState& state, Instant now);

std::string_view to_string(AlertKind kind);

}  // namespace motcua::stats
