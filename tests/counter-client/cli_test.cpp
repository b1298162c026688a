// The CLI against the real ticketd: chained commands, JSON and Vietnamese output, exit codes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <boost/json.hpp>

#include "cli_process.hpp"
#include "client/api_client.hpp"
#include "daemon_process.hpp"
#include "options.hpp"

namespace json = boost::json;
using namespace motcua::counter;
using motcua::counter::testing::run_counter_client;
using motcua::counter::testing::CliRun;
using motcua::testing::DaemonProcess;

namespace {

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(daemon.start()) << daemon.log();
    session = daemon.dir() + "/cli-session.json";
    server = "127.0.0.1:" + std::to_string(daemon.port());
  }
  CliRun cc(std::vector<std::string> args) {
    std::vector<std::string> all = {"--server", server, "--session", session};
    all.insert(all.end(), args.begin(), args.end());
    return run_counter_client(all);
  }
  std::int64_t issue(const char* service) {
    motcua::client::ApiClient kiosk(motcua::client::ApiClientOptions{{"127.0.0.1", daemon.port()}});
    kiosk.set_device_key("demo-kiosk-key-1");
    return kiosk.issue_ticket(service).int_field("id");
  }
  DaemonProcess daemon;
  std::string session, server;
};

}  // namespace

TEST_F(Cli, ChainedVisitWithJsonAndReadableOutput) {
  CliRun login = cc({"--json", "login", "canbo3", "--counter", "3", "--password", "demo1234"});
  ASSERT_EQ(login.exit_code, exit_ok) << login.output;
  EXPECT_EQ(login.output.find("token"), std::string::npos);  // kept in the session file only
  EXPECT_TRUE(std::filesystem::exists(session));
  EXPECT_EQ((std::filesystem::status(session).permissions() & std::filesystem::perms::others_read),
            std::filesystem::perms::none);

  CliRun nobody = cc({"call-next"});
  EXPECT_EQ(nobody.exit_code, exit_ok);
  EXPECT_NE(nobody.output.find("Không có ai đang chờ"), std::string::npos) << nobody.output;

  std::int64_t id = issue("dat-dai");
  ASSERT_GT(id, 0);
  CliRun called = cc({"--json", "call-next"});
  ASSERT_EQ(called.exit_code, exit_ok) << called.output;
  json::value body = json::parse(called.output);
  EXPECT_EQ(body.at("ticket").at("number").as_string(), "3001");
  EXPECT_EQ(body.at("counter").at("state").as_string(), "calling");

  CliRun recall = cc({"recall"});
  EXPECT_EQ(recall.exit_code, exit_ok);
  EXPECT_NE(recall.output.find("3001"), std::string::npos) << recall.output;
  EXPECT_EQ(cc({"start"}).exit_code, exit_ok);
  CliRun status = cc({"status"});
  EXPECT_EQ(status.exit_code, exit_ok);
  EXPECT_NE(status.output.find("Đang phục vụ"), std::string::npos) << status.output;
  CliRun closed = cc({"close"});
  EXPECT_EQ(closed.exit_code, exit_ok);
  EXPECT_NE(closed.output.find("Đã kết thúc"), std::string::npos) << closed.output;

  // Refused by the server: 409, exit 2, with the server's message.
  CliRun again = cc({"close"});
  EXPECT_EQ(again.exit_code, exit_refused);
  EXPECT_NE(again.output.find("invalid_transition"), std::string::npos) << again.output;
  CliRun json_refusal = cc({"--json", "close"});
  EXPECT_EQ(json::parse(json_refusal.output).at("status").as_int64(), 409);

  EXPECT_EQ(cc({"pause", "--reason", "Họp giao ban"}).exit_code, exit_ok);
  CliRun paused = cc({"--json", "status"});
  EXPECT_EQ(json::parse(paused.output).at("counter").at("pause_reason").as_string(), "Họp giao ban");
  EXPECT_EQ(cc({"resume"}).exit_code, exit_ok);
  EXPECT_EQ(cc({"transfer", "--service", "ho-tich"}).exit_code, exit_refused);  // nothing in hand

  CliRun out = cc({"logout"});
  EXPECT_EQ(out.exit_code, exit_ok) << out.output;
  EXPECT_FALSE(std::filesystem::exists(session));
  CliRun after = cc({"call-next"});
  EXPECT_EQ(after.exit_code, exit_unauthenticated);
  EXPECT_NE(after.output.find("Chưa đăng nhập"), std::string::npos);
}

TEST_F(Cli, WrongPasswordExpiredSessionAndServerDown) {
  CliRun bad = cc({"login", "canbo1", "--counter", "1", "--password", "sai"});
  EXPECT_EQ(bad.exit_code, exit_unauthenticated);
  EXPECT_NE(bad.output.find("bad_credentials"), std::string::npos) << bad.output;

  // A session the server no longer knows (expired or ended): 401, exit 3, file dropped.
  std::ofstream(session) << R"({"server":")" << server << R"(","token":"hết-hạn-từ-lâu","counter":1})";
  CliRun expired = cc({"call-next"});
  EXPECT_EQ(expired.exit_code, exit_unauthenticated) << expired.output;
  EXPECT_NE(expired.output.find("đăng nhập lại"), std::string::npos) << expired.output;
  EXPECT_FALSE(std::filesystem::exists(session));

  ASSERT_EQ(cc({"login", "canbo1", "--counter", "1", "--password", "demo1234"}).exit_code, exit_ok);
  CliRun other_counter = run_counter_client({"--server", server, "--session", session + ".2", "login", "canbo2",
                                             "--counter", "1", "--password", "demo1234"});
  EXPECT_EQ(other_counter.exit_code, exit_refused);  // counter_taken
  daemon.stop();
  CliRun down = cc({"call-next"});
  EXPECT_EQ(down.exit_code, exit_unreachable);
  EXPECT_NE(down.output.find("Không kết nối được"), std::string::npos) << down.output;
  EXPECT_EQ(cc({"--bogus"}).exit_code, exit_usage);
}

// The officer has the number printed on the paper, never the ticket id: `reactivate 1001`.
TEST_F(Cli, ReactivateTakesThePrintedNumber) {
  ASSERT_EQ(cc({"login", "canbo1", "--counter", "1", "--password", "demo1234"}).exit_code, exit_ok);
  const std::int64_t first = issue("ho-tich");
  ASSERT_GT(issue("ho-tich"), 0);
  ASSERT_EQ(cc({"call-next"}).exit_code, exit_ok);
  ASSERT_EQ(cc({"no-show"}).exit_code, exit_ok);

  CliRun back = cc({"reactivate", "1001"});
  ASSERT_EQ(back.exit_code, exit_ok) << back.output;
  EXPECT_NE(back.output.find("Đã đưa số 1001 (Tư pháp – Hộ tịch) trở lại hàng chờ"), std::string::npos)
      << back.output;
  motcua::client::ApiClient reader(motcua::client::ApiClientOptions{{"127.0.0.1", daemon.port()}});
  EXPECT_EQ(reader.ticket(first).string_field("state"), "waiting");
  CliRun next = cc({"--json", "call-next"});
  ASSERT_EQ(next.exit_code, exit_ok) << next.output;
  EXPECT_EQ(json::parse(next.output).at("ticket").at("number").as_string(), "1001");  // its old place

  CliRun unknown = cc({"reactivate", "1999"});
  EXPECT_EQ(unknown.exit_code, exit_refused);
  EXPECT_NE(unknown.output.find("Hôm nay không có số 1999"), std::string::npos) << unknown.output;
  CliRun missing = cc({"reactivate"});
  EXPECT_EQ(missing.exit_code, exit_usage);
  EXPECT_NE(missing.output.find("reactivate 1023"), std::string::npos) << missing.output;
}
