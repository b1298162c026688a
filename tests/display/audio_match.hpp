// Finding announcements in the display's WAV output from another process. espeak-ng's output
// varies by a few samples from run to run (its oscillator state carries over), so speech is
// compared by loudness envelope, while the chime — our own code — is found sample-exact.
// Plain functions; any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "pcm.hpp"

namespace motcua::display::testing {

// Every start of `needle` in `hay`, in order (non-overlapping).
std::vector<std::size_t> find_all(const std::vector<std::int16_t>& hay, const std::vector<std::int16_t>& needle);

// Splits `out` into announcements: each starts where `chime` starts and runs to the next one.
std::vector<Pcm> split_at_chimes(const Pcm& out, const Pcm& chime);

// How alike two sounds are: the correlation (−1..1) of their 20 ms RMS envelopes, over the
// longer one's length (the shorter padded with silence), so a different length costs too.
double envelope_similarity(const Pcm& a, const Pcm& b);

double rms(const std::vector<std::int16_t>& s);

}  // namespace motcua::display::testing
