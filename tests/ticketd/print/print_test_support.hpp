// Test support: temporary directories, bounded subprocesses (zbarimg, tesseract), raster search.
// Plain functions; call from the test thread.
#pragma once

#include <filesystem>
#include <string>

#include "mono_image.hpp"
#include "temp_dir.hpp"
#include "ticket_printout.hpp"

namespace motcua::print::testing {

using motcua::testing::TempDir;

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout only
};
// Runs `command` through /bin/sh under coreutils `timeout`, so a hung tool is killed.
CommandResult run_bounded(const std::string& command, int timeout_s);

// What zbarimg reads in `image` (written as `name` inside `dir`), trailing newline dropped;
// fails the test when it finds nothing.
std::string zbar(const TempDir& dir, const print::MonoImage& image, const std::string& name);

// Top-left positions where `needle` appears dot for dot (black and white) inside `haystack`.
int count_exact_matches(const print::MonoImage& haystack, const print::MonoImage& needle);

// A realistic ticket of the demo ward office with the given number and status URL.
print::TicketPrintout sample_ticket(const std::string& number = "1023",
                                    const std::string& url = "http://127.0.0.1:8080/t/k3J9xQ2mTa7w");

}  // namespace motcua::print::testing
