// Pcm: mono 16-bit audio in memory, the chime, and WAV reading/writing for clip packs and tests.
// Value type and free functions; no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/time.hpp"

namespace motcua::display {

struct Pcm {
  int rate = 22050;
  std::vector<std::int16_t> samples;
  Millis duration() const { return Millis{rate > 0 ? static_cast<std::int64_t>(samples.size()) * 1000 / rate : 0}; }
};

// A two-note "ding-dong" (E6 then C6, with a soft overtone and decay), about 1.3 s.
Pcm make_chime(int rate);
void append(Pcm& to, const Pcm& from);  // resamples `from` when rates differ
void append_silence(Pcm& to, Millis length);
Pcm resample(const Pcm& in, int rate);  // linear; good enough for speech clips

// Reads RIFF/WAVE PCM 8/16-bit (mono or stereo; stereo is mixed down). nullopt with `error`.
std::optional<Pcm> read_wav(const std::string& path, std::string& error);
// The bytes of a complete WAV file for `pcm`.
std::vector<std::uint8_t> wav_bytes(const Pcm& pcm);

}  // namespace motcua::display
