// Chime: a soft two-note sound for "a citizen is waiting" (quiet, short, not an alarm).
// Thread rule: the SDL main thread; silently does nothing when no audio device opens.
#pragma once

#include <SDL.h>

namespace motcua::counter {

class Chime {
 public:
  Chime();
  ~Chime();
  Chime(const Chime&) = delete;
  Chime& operator=(const Chime&) = delete;
  bool available() const { return device_ != 0; }
  void play();
  int plays() const { return plays_; }

 private:
  SDL_AudioDeviceID device_ = 0;
  int rate_ = 44100;
  int plays_ = 0;
};

}  // namespace motcua::counter
