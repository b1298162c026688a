// The fixture of the end-to-end panel, pad and CLI tests: the real ticketd on loopback,
// SDL's dummy drivers, a reader client, and the few reads and writes every test needs.
// Test-only.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "cli_process.hpp"
#include "client/api_client.hpp"
#include "daemon_process.hpp"
#include "harness.hpp"

namespace motcua::counter::testing {

class WithDaemon : public ::testing::Test {
 protected:
  void SetUp() override {
    use_dummy_drivers();
    ASSERT_EQ(SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS), 0) << SDL_GetError();
    ASSERT_TRUE(daemon.start()) << daemon.log();
    reader = std::make_unique<client::ApiClient>(client::ApiClientOptions{address()});
  }
  void TearDown() override {
    reader.reset();
    SDL_Quit();
  }

  client::ServerAddress address() const { return {"127.0.0.1", daemon.port()}; }
  std::string server() const { return "127.0.0.1:" + std::to_string(daemon.port()); }

  // Counter n as GET /api/queue shows it (null when there is no such counter).
  boost::json::value counter_status(int n) {
    client::ApiResult q = reader->queue();
    if (const auto* counters = client::json_field(q.body, "counters"); counters && counters->is_array())
      for (const auto& c : counters->get_array())
        if (client::json_int(c, "number") == n) return c;
    return nullptr;
  }
  std::string counter_state(int n) { return client::json_string(counter_status(n), "state"); }

  // A ticket from the demo kiosk; its id.
  std::int64_t issue(const char* service) {
    client::ApiClient kiosk(client::ApiClientOptions{address()});
    kiosk.set_device_key("demo-kiosk-key-1");
    return kiosk.issue_ticket(service).int_field("id");
  }

  // The counter-client CLI against this daemon, with a session file of its own.
  CliRun cc(std::vector<std::string> args) {
    std::vector<std::string> all = {"--server", server(), "--session", daemon.dir() + "/s.json"};
    all.insert(all.end(), args.begin(), args.end());
    return run_counter_client(all);
  }

  // Signs `officer` in at `counter` through the CLI, issues one `service` ticket and serves
  // it to its close, so the counter's pad is asked for a vote; the ticket's id (0 on failure,
  // with the failure recorded).
  std::int64_t serve_one_through_the_cli(const std::string& officer, int counter, const char* service) {
    const CliRun login = cc({"login", officer, "--counter", std::to_string(counter), "--password", "demo1234"});
    EXPECT_EQ(login.exit_code, 0) << login.output;
    const std::int64_t id = issue(service);
    for (const char* step : {"call-next", "start", "close"}) {
      const CliRun r = cc({step});
      EXPECT_EQ(r.exit_code, 0) << step << ": " << r.output;
      if (r.exit_code != 0) return 0;
    }
    return login.exit_code == 0 ? id : 0;
  }

  motcua::testing::DaemonProcess daemon;
  std::unique_ptr<client::ApiClient> reader;
};

}  // namespace motcua::counter::testing
