#include "chime.hpp"

#include <cmath>
#include <vector>

namespace motcua::counter {

Chime::Chime() {
  if (SDL_WasInit(SDL_INIT_AUDIO) == 0 && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) return;
  SDL_AudioSpec want{}, have{};
  want.freq = 44100;
  want.format = AUDIO_F32SYS;
  want.channels = 1;
  want.samples = 1024;
  device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
  if (device_ != 0) {
    rate_ = want.freq;
    SDL_PauseAudioDevice(device_, 0);
  }
}

Chime::~Chime() {
  if (device_ != 0) SDL_CloseAudioDevice(device_);
}

void Chime::play() {
  ++plays_;
  if (device_ == 0) return;
  // Two soft notes (E5 then A5), each fading out, at a fifth of full scale.
  std::vector<float> samples;
  const double notes[] = {659.25, 880.0};
  const int per_note = rate_ * 35 / 100;
  for (double freq : notes) {
    for (int i = 0; i < per_note; ++i) {
      double t = static_cast<double>(i) / rate_;
      double attack = std::min(1.0, i / (rate_ * 0.01));
      double envelope = attack * std::exp(-5.0 * t);
      samples.push_back(static_cast<float>(0.2 * envelope * std::sin(2.0 * M_PI * freq * t)));
    }
  }
  SDL_QueueAudio(device_, samples.data(), static_cast<Uint32>(samples.size() * sizeof(float)));
}

}  // namespace motcua::counter
