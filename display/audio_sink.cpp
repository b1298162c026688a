#include "audio_sink.hpp"

#include <fstream>

#include <SDL.h>

namespace motcua::display {
namespace {

class SdlAudioSink final : public AudioSink {
 public:
  explicit SdlAudioSink(int rate) : rate_(rate) {
    if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
      error_ = SDL_GetError();
      return;
    }
    SDL_AudioSpec want{};
    want.freq = rate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, nullptr, 0);  // 0: SDL converts for us
    if (device_ == 0) error_ = SDL_GetError();
    else SDL_PauseAudioDevice(device_, 0);
  }
  ~SdlAudioSink() override {
    if (device_) SDL_CloseAudioDevice(device_);
  }
  void play(const Pcm& pcm, Instant) override {
    if (!device_ || pcm.samples.empty()) return;
    SDL_QueueAudio(device_, pcm.samples.data(), static_cast<Uint32>(pcm.samples.size() * sizeof(std::int16_t)));
  }
  Instant idle_at(Instant now) const override {
    if (!device_) return now;
    const Uint32 bytes = SDL_GetQueuedAudioSize(device_);
    return now + Millis{static_cast<std::int64_t>(bytes) * 1000 / (rate_ * 2)};
  }
  bool ok() const override { return device_ != 0; }
  std::string error() const override { return error_; }

 private:
  int rate_;
  SDL_AudioDeviceID device_ = 0;
  std::string error_;
};

class WavFileSink final : public AudioSink {
 public:
  WavFileSink(std::string path, int rate) : path_(std::move(path)) {
    all_.rate = rate;
    flush();
  }
  void play(const Pcm& pcm, Instant now) override {
    append(all_, pcm);
    const Instant start = busy_until_ > now ? busy_until_ : now;
    busy_until_ = start + Millis{static_cast<std::int64_t>(pcm.samples.size()) * 1000 / pcm.rate};
    flush();
  }
  Instant idle_at(Instant now) const override { return busy_until_ > now ? busy_until_ : now; }
  bool ok() const override { return error_.empty(); }
  std::string error() const override { return error_; }

 private:
  void flush() {
    const auto bytes = wav_bytes(all_);
    const std::string tmp = path_ + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
      if (!out) error_ = "cannot write " + path_;
    }
    std::rename(tmp.c_str(), path_.c_str());  // readers never see a half-written file
  }
  std::string path_;
  Pcm all_;
  Instant busy_until_{};
  std::string error_;
};

}  // namespace

std::unique_ptr<AudioSink> make_sdl_audio_sink(int rate) { return std::make_unique<SdlAudioSink>(rate); }
std::unique_ptr<AudioSink> make_wav_file_sink(std::string path, int rate) {
  return std::make_unique<WavFileSink>(std::move(path), rate);
}

}  // namespace motcua::display
