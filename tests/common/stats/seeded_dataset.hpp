// The seeded dataset the stats tests share: 27 tickets over five local days, written as
// events the way decide() would emit them. Built fresh per call; no shared state.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/events.hpp"
#include "domain/office_config.hpp"

namespace motcua::stats::testing {

// Service days of the dataset: kDay0 = 2026-11-23 local. The range under test is
// [kDay0, kDay2]; kDayBefore and kDayAfter hold one ticket each that must stay out.
int day0();
inline int day_before() { return day0() - 1; }
inline int day1() { return day0() + 1; }
inline int day2() { return day0() + 2; }
inline int day_after() { return day0() + 3; }

// The demo office, with canbo2's display name changed to one that needs CSV quoting.
OfficeConfig seeded_config();
inline constexpr const char* kQuotedName = "Trần Văn Minh, \"Út\"";

// Ticket n of the tables in seeded_dataset.cpp has id 100 + n.
std::vector<Event> seeded_events();

// Builds event streams in seq order; times are local (Asia/Ho_Chi_Minh) wall clock.
class EventScript {
 public:
  // "HH:MM:SS" local on service day `day`.
  static Instant local(int day, const char* hms);

  void day_started(int day, const char* hms);
  void issue(int n, const std::string& service, int day, const char* hms);
  void call(int n, int counter, const std::string& officer, int day, const char* hms);
  void recall(int n, int counter, const std::string& officer, int day, const char* hms);
  void start(int n, int counter, const std::string& officer, int day, const char* hms);
  void close(int n, int counter, const std::string& officer, int day, const char* hms);
  void no_show(int n, int counter, const std::string& officer, int day, const char* hms);
  void reactivate(int n, int counter, const std::string& officer, int day, const char* hms);
  void transfer(int n, const std::string& to_service, int counter, const std::string& officer, int day,
                const char* hms);
  void cancel(int n, const std::string& reason, int day, const char* hms);
  void vote(int n, int rating, const std::string& reason, int counter, const std::string& officer, int day,
            const char* hms);
  // call, start and close at one counter: the common served ticket.
  void serve(int n, int counter, const std::string& officer, int day, const char* called, const char* started,
             const char* closed);

  std::vector<Event> take() { return std::move(events_); }

 private:
  Event& push(EventType type, int n, int day, const char* hms);
  std::vector<Event> events_;
};

}  // namespace motcua::stats::testing
