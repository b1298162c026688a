#include "alert_monitor.hpp"

#include "report_views.hpp"

namespace motcua {

AlertMonitor::AlertMonitor(Office& office, std::chrono::milliseconds period)
    : timer_(office.strand()), office_(office), period_(period) {}

void AlertMonitor::start() {
  office_.post([this] { check(); });
}

void AlertMonitor::stop() {
  office_.post([this] {
    stopped_ = true;
    timer_.cancel();
  });
}

void AlertMonitor::schedule() {
  if (stopped_) return;
  timer_.expires_after(period_);
  // The timer runs on the office strand, so check() needs no further post.
  timer_.async_wait([this](beast::error_code ec) {
    if (ec || stopped_) return;
    check();
  });
}

void AlertMonitor::check() {
  const auto& config = office_.config();
  std::vector<stats::Alert> now_alerts = stats::compute_alerts(config, office_.state(), office_.now());
  if (now_alerts != last_) {
    last_ = std::move(now_alerts);
    office_.hub().broadcast_transient(std::make_shared<const std::string>(alerts_message(config, last_, office_.now())));
  }
  schedule();
}

}  // namespace motcua
