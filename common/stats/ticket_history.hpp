// One ticket's life in a leader's words: its events, each as a line of Vietnamese text
// with the counter and the officer's name. What the dashboard's "Tra cứu số thứ tự"
// shows when a citizen complains ("tôi chờ hai tiếng mà không được gọi"). Pure.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "domain/events.hpp"
#include "domain/office_config.hpp"

namespace motcua::stats {

struct HistoryLine {
  std::int64_t seq = 0;
  Instant at{};
  EventType type = EventType::ticket_issued;
  int counter = 0;           // 0 when no counter took part (issued at the kiosk, day end)
  std::string officer;       // username; empty for the kiosk and the day's end
  std::string officer_name;  // the configured display name, or the username if unknown
  std::string text;          // e.g. "Gọi lại lần 2 tại quầy 3"
};

// `events` are one ticket's, in seq order. Events that belong to no ticket (day and
// counter events) are skipped.
std::vector<HistoryLine> ticket_history(const OfficeConfig& config, std::span<const Event> events);

}  // namespace motcua::stats
