// The scriptable CLI: one command per run against ticketd, chained by a session file.
// Runs on the calling thread; blocking.
#pragma once

#include <iosfwd>

#include "options.hpp"

namespace motcua::counter {

// Runs options.command; prints readable Vietnamese (or JSON with --json) to `out`,
// errors to `err`; returns an ExitCode.
int run_cli(const Options& options, std::ostream& out, std::ostream& err);

}  // namespace motcua::counter
