// Command-line options of counter-client (CLI commands, officer panel, rating pad).
// Pure parsing; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace motcua::counter {

enum class Mode { panel, rating_pad, command, help };

struct Options {
  Mode mode = Mode::panel;
  std::string server;        // "host:port"; empty = session's, $MOTCUA_SERVER, 127.0.0.1:8080
  std::string session_path;  // empty = default_session_path()
  bool json = false;
  std::string command;       // Mode::command: login, call-next, ...
  std::vector<std::string> args;  // positional arguments after the command
  std::optional<int> counter;
  std::string user;
  std::string password;
  bool password_stdin = false;
  std::string service;       // transfer --service
  std::optional<int> to_counter;  // transfer --to-counter
  std::string reason;        // pause --reason
  std::string device_key;    // rating pad --key
  int vote_window_s = 30;    // rating pad: seconds to wait for a vote
  int width = 1366, height = 768;
  bool fullscreen = false;
  int monitor = 0;           // --monitor N: 1-based; 0 = the system's main monitor
};

struct ParseResult {
  Options options;
  std::string error;  // non-empty: a usage error in Vietnamese
};

ParseResult parse_options(const std::vector<std::string>& argv);
std::string usage_text();

// Exit codes of the CLI (also printed by --help).
enum ExitCode : int {
  exit_ok = 0,
  exit_usage = 1,
  exit_refused = 2,          // the server refused (400, 403, 404, 409, ...)
  exit_unauthenticated = 3,  // no session, or 401 (bad password, expired session)
  exit_unreachable = 4,      // no connection, or no reply (outcome unknown)
  exit_server_error = 5,     // 5xx
};

}  // namespace motcua::counter
