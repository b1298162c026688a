// EspeakSynth: Vietnamese text to PCM in memory with libespeak-ng (synchronous mode).
// Thread rule: espeak-ng keeps global state, so at most one instance exists per process and
// it is used from one thread.
#pragma once

#include <string>

#include "pcm.hpp"

namespace motcua::display {

struct VoiceSettings {
  std::string voice = "vi";  // vi, vi-vn-x-central, vi-vn-x-south
  int rate = 150;            // words per minute
  int volume = 100;          // 0..200
};

class EspeakSynth {
 public:
  explicit EspeakSynth(VoiceSettings settings);
  ~EspeakSynth();
  EspeakSynth(const EspeakSynth&) = delete;
  EspeakSynth& operator=(const EspeakSynth&) = delete;

  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }
  int sample_rate() const { return rate_; }

  // Speaks UTF-8 text with its diacritics. Empty on failure.
  Pcm synthesize(const std::string& text);

 private:
  bool ok_ = false;
  bool owns_ = false;         // this instance holds the process's espeak-ng
  bool initialised_ = false;
  std::string error_;
  int rate_ = 22050;
};

}  // namespace motcua::display
