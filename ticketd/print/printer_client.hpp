// Sends an ESC/POS job to a network printer over raw TCP, with timeouts; never throws.
// async_print runs on its own strand of the given executor and posts the handler back to it.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <functional>
#include <string>

#include "domain/status.hpp"
#include "printer_address.hpp"

namespace motcua::print {

struct PrintOptions {
  std::chrono::milliseconds connect_timeout{3000};  // name lookup + TCP connect
  std::chrono::milliseconds write_timeout{3000};    // the whole job
  // Ask the paper sensor (DLE EOT 4) before sending, so "paper out" is reported instead of
  // a job the printer silently swallows. Turn off for printers that never answer it.
  bool check_paper = true;
  std::chrono::milliseconds status_timeout{1500};
};

// The handler receives exactly one Status:
//   ok                                   the job was written and the connection closed cleanly
//   unavailable("printer_unreachable")   lookup failed, refused, reset, or no route
//   unavailable("printer_timeout")       connect, write or status answer took too long
//   unavailable("printer_paper_out")     the paper sensor says the roll is empty (nothing sent)
// It is posted to `executor`, never called inline, so a single-writer strand stays unblocked.
using PrintHandler = std::function<void(Status)>;
void async_print(boost::asio::any_io_executor executor, PrinterAddress address, std::string job,
                 PrintOptions options, PrintHandler handler);

// Runs async_print on a private io_context; for tools and tests. Blocks up to the timeouts.
Status print_blocking(const PrinterAddress& address, std::string job, const PrintOptions& options = {});

}  // namespace motcua::print
