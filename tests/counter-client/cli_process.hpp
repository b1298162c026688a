// Runs the real counter-client binary as a child process and captures its output and exit code.
// One thread (the test's).
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>
#include <vector>

namespace motcua::counter::testing {

struct CliRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline CliRun run_counter_client(const std::vector<std::string>& args) {
  // timeout(1) bounds the child even if something hangs.
  std::string cmd = "timeout 30 " + shell_quote(COUNTER_CLIENT_PATH);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += " 2>&1";
  CliRun run;
  FILE* f = popen(cmd.c_str(), "r");
  if (!f) return run;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) run.output.append(buf, n);
  int status = pclose(f);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

}  // namespace motcua::counter::testing
