#include "simulator.hpp"

namespace motcua {

Simulator::Simulator(net::io_context& ioc, Office& office, double speed)
    : timer_(ioc), office_(office), speed_(speed > 0 ? speed : 1) {}

void Simulator::start() {
  office_.post([self = shared_from_this()] { self->schedule(); });
}

void Simulator::schedule() {
  std::uniform_int_distribution<int> ms(1500, 4000);
  timer_.expires_after(std::chrono::milliseconds(static_cast<int>(ms(rng_) / speed_)));
  timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (ec) return;
    self->office_.post([self] {
      self->step();
      self->schedule();
    });
  });
}

std::string Simulator::pick_service() {
  // Hộ tịch and Chứng thực are the busiest fields in a ward office.
  static const std::vector<std::pair<std::string, int>> weights{
      {"ho-tich", 5}, {"chung-thuc", 6}, {"dat-dai", 2}, {"ldtbxh", 2}, {"kinh-doanh", 1}, {"tra-ket-qua", 3}};
  int total = 0;
  for (const auto& [code, w] : weights)
    if (office_.config().find_service(code)) total += w;
  if (total == 0) return office_.config().services.front().code;
  int roll = std::uniform_int_distribution<int>(1, total)(rng_);
  for (const auto& [code, w] : weights) {
    if (!office_.config().find_service(code)) continue;
    roll -= w;
    if (roll <= 0) return code;
  }
  return office_.config().services.front().code;
}

void Simulator::step() {
  const auto& config = office_.config();
  if (signed_in_day_ != office_.state().service_day) {
    // One officer per counter, in config order; the supervisor stays off the floor. Again
    // each new day, as real officers do.
    std::size_t i = 0;
    for (const auto& counter : config.counters) {
      while (i < config.officers.size() && config.officers[i].role != Role::officer) ++i;
      if (i >= config.officers.size()) break;
      office_.execute(SignIn{counter.number, config.officers[i++].username});
    }
    signed_in_day_ = office_.state().service_day;
  }
  std::uniform_real_distribution<double> chance(0, 1);
  if (chance(rng_) < 0.7) {
    IssueTicket t;
    t.service = pick_service();
    t.priority = chance(rng_) < 0.12;
    if (t.priority) t.priority_group = priority_groups()[rng_() % priority_groups().size()].first;
    t.public_secret = random_token(9);
    office_.execute(t);
  }
  for (const auto& [number, c] : office_.state().counters) {
    if (c.state == CounterState::closed || chance(rng_) > 0.35) continue;
    const std::string officer = c.officer;
    switch (c.state) {
      case CounterState::idle:
        office_.execute(CallNext{number, officer});
        break;
      case CounterState::calling:
        if (chance(rng_) < 0.08) {
          office_.execute(MarkNoShow{number, officer});
        } else if (chance(rng_) < 0.1) {
          office_.execute(Recall{number, officer});
        } else {
          office_.execute(StartServing{number, officer});
        }
        break;
      case CounterState::serving: {
        if (chance(rng_) < 0.5) break;  // serving takes a while
        const std::int64_t ticket = c.ticket_id;
        auto closed = office_.execute(CloseTicket{number, officer});
        if (closed.is_ok() && chance(rng_) < 0.8) {
          const double r = chance(rng_);
          const int rating = r < 0.62 ? 1 : r < 0.9 ? 2 : r < 0.97 ? 3 : 4;
          office_.execute(CastVote{ticket, number, rating, rating == 4 ? "cho_lau" : ""});
        }
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace motcua
