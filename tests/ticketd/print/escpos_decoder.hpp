// Test support: reads an ESC/POS job back (ESC @, GS v 0 bands, ESC d, GS V) as a printer would.
// Pure functions; any thread. Strict: an unknown command is an error, so stray bytes fail tests.
#pragma once

#include <string>

#include "domain/status.hpp"
#include "mono_image.hpp"

namespace motcua::print::testing {

struct DecodedJob {
  int resets = 0;          // ESC @ count
  bool starts_with_reset = false;
  print::MonoImage image;  // all GS v 0 bands stacked top to bottom
  int bands = 0;
  int feed_lines = 0;      // sum of ESC d n
  std::string cut;         // "partial_after_feed" (GS V 66 n), "full" (GS V 0/48), "partial" (GS V 1/49), or ""
  bool ends_with_cut = false;
};

Result<DecodedJob> decode_escpos(const std::string& job);

}  // namespace motcua::print::testing
