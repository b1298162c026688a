// ClipPack: an office's recorded voice, one WAV per word or phrase ("một.wav", "đến quầy số.wav").
// Loads lazily and caches; use from one thread (the frame loop).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pcm.hpp"

namespace motcua::display {

class ClipPack {
 public:
  // `dir` empty means no pack: every lookup misses. Clips are resampled to `rate`.
  ClipPack(std::string dir, int rate);

  // The clip for a phrase (exact UTF-8 text, lower case as in speech/call_text.hpp), or null.
  const Pcm* find(const std::string& phrase);
  bool empty() const { return dir_.empty(); }
  // Clips that exist but could not be read, for the log.
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  std::string dir_;
  int rate_;
  std::map<std::string, std::optional<Pcm>> cache_;
  std::vector<std::string> errors_;
};

}  // namespace motcua::display
