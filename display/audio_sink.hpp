// AudioSink: where announcements go — the speakers (SDL audio) or a WAV file (test mode).
// Thread rule: called from the frame loop only.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "pcm.hpp"

namespace motcua::display {

class AudioSink {
 public:
  virtual ~AudioSink() = default;
  // Starts playing `pcm` after whatever is still playing.
  virtual void play(const Pcm& pcm, Instant now) = 0;
  // When the sink will have played everything (now or earlier when idle).
  virtual Instant idle_at(Instant now) const = 0;
  virtual bool ok() const = 0;
  virtual std::string error() const = 0;
};

// SDL audio at `rate` Hz mono (SDL converts for the device). Honours SDL_AUDIODRIVER (disk, dummy).
std::unique_ptr<AudioSink> make_sdl_audio_sink(int rate);
// Appends everything played to a WAV file at `path`, rewritten after each play so it is
// always complete. Playback time is simulated from the clip lengths, so announcements
// queue up exactly as they would on speakers.
std::unique_ptr<AudioSink> make_wav_file_sink(std::string path, int rate);

}  // namespace motcua::display
