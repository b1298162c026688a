// Shared by the dashboard API tests: a raw HTTP GET (for CSV bodies and headers, which
// ApiClient does not expose), a CSV parser, and the scripted day. One thread per test.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "client/api_client.hpp"
#include "daemon_process.hpp"

namespace motcua::testing {

struct RawReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};
// GET with an optional bearer token; status 0 on transport failure. Bounded to 10 s.
RawReply raw_get(unsigned short port, const std::string& target, const std::string& token = "");

// RFC 4180 records (CRLF or LF), quotes honoured. The BOM, if any, stays in the first field.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

client::ApiClientOptions client_at(unsigned short port);

// The scripted day on the demo office (docs in the .cpp); returns the ids by name.
struct ScriptedDay {
  std::int64_t a1 = 0, a2 = 0, a3 = 0, b1 = 0, b2 = 0, c1 = 0, c2 = 0;
  std::string supervisor_token, admin_token, officer_token;
};
// Runs it against the daemon at `port`; ADD_FAILUREs on any unexpected reply.
ScriptedDay run_scripted_day(unsigned short port);

// A test suite on one demo daemon that has run the scripted day, shared by its tests.
class ScriptedDayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  static DaemonProcess* daemon_;
  static ScriptedDay day_;
  static std::string today_;  // the service day, YYYY-MM-DD
};

}  // namespace motcua::testing
