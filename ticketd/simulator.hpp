// --simulate: a living demo office. Citizens arrive, officers sign in, call, serve,
// close and get rated, all through the same commands the API uses, on the office strand.
#pragma once

#include <memory>
#include <random>

#include "net.hpp"
#include "office.hpp"

namespace motcua {

class Simulator : public std::enable_shared_from_this<Simulator> {
 public:
  // `speed` > 1 makes the office busier (shorter pauses between actions).
  Simulator(net::io_context& ioc, Office& office, double speed);
  void start();

 private:
  void schedule();
  void step();
  std::string pick_service();

  net::steady_timer timer_;
  Office& office_;
  double speed_;
  std::mt19937 rng_{std::random_device{}()};
  int signed_in_day_ = -1;  // the service day its officers signed in on (every counter closes at day end)
};

}  // namespace motcua
