// Watches the hall for supervision alerts: every few seconds, on the office strand, it
// computes them and broadcasts {"type":"alerts"} when the list changed. Strand-bound.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "net.hpp"
#include "office.hpp"
#include "stats/alerts.hpp"

namespace motcua {

// Owned by main() next to the io_context's other timers; it must outlive ioc.run().
class AlertMonitor {
 public:
  // `period`: how often to look. Alerts depend on time passing (a wait crossing its
  // target), not only on events, so a timer is needed; the computation is cheap
  // (the oldest place of each line, the counters, today's tickets in line).
  AlertMonitor(Office& office, std::chrono::milliseconds period);

  void start();
  void stop();

 private:
  void schedule();
  void check();  // on the strand

  net::steady_timer timer_;
  Office& office_;
  std::chrono::milliseconds period_;
  std::vector<stats::Alert> last_;
  bool stopped_ = false;
};

}  // namespace motcua
