// Turns a 1-bit raster into an ESC/POS job: ESC @, GS v 0 bands, feed, cut. Pure bytes out.
// Pure functions; safe from any thread.
#pragma once

#include <string>

#include "mono_image.hpp"

namespace motcua::print {

enum class CutMode {
  feed_and_partial_cut,  // GS V 66 0: feed to the cutter, then partial cut (most kiosk printers)
  full_cut,              // GS V 0: full cut at the current position
  none,
};

struct EscPosOptions {
  // The raster is sent as several GS v 0 commands of at most this many rows each.
  // GS v 0 advances the paper by exactly the rows it printed, so bands join without a seam;
  // small bands keep within the receive buffer of cheap printers (some stall past ~2 KB rows).
  int band_rows = 240;
  int feed_lines = 3;  // ESC d n before the cut, so the last line clears the tear bar
  CutMode cut = CutMode::feed_and_partial_cut;
};

// Image width is rounded up to whole bytes; the extra dots are white.
// Bytes of GS v 0 data are rows top to bottom, each row left to right, MSB = leftmost dot.
std::string encode_escpos(const MonoImage& image, const EscPosOptions& options = {});

// DLE EOT 4: ask for the roll paper sensor status (one byte answer, see paper_status_from_byte).
inline constexpr char kPaperStatusQuery[] = {0x10, 0x04, 0x04};

enum class PaperStatus { ok, near_end, out };
// Bits 5–6 set: paper end; bits 2–3 set: near end (ESC/POS DLE EOT n=4 answer).
PaperStatus paper_status_from_byte(unsigned char status);

}  // namespace motcua::print
