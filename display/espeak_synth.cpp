#include "espeak_synth.hpp"

#include <atomic>

#include <espeak-ng/speak_lib.h>

namespace motcua::display {
namespace {

std::atomic<bool> g_instance_alive{false};

// espeak-ng hands samples to this callback in chunks; user_data is the Pcm being filled.
int collect(short* wav, int count, espeak_EVENT* events) {
  if (!wav || count <= 0 || !events) return 0;
  // Every event of the list, the terminator included, carries the user_data of the call;
  // a chunk may come with nothing but the terminator.
  for (espeak_EVENT* e = events;; ++e) {
    if (e->user_data) {
      auto* pcm = static_cast<Pcm*>(e->user_data);
      pcm->samples.insert(pcm->samples.end(), wav, wav + count);
      break;
    }
    if (e->type == espeakEVENT_LIST_TERMINATED) break;
  }
  return 0;  // 0 = continue
}

// espeak-ng knows the voices by their file names, which are spelled vi-VN-x-…
std::string voice_file_name(std::string v) {
  if (v.rfind("vi-vn-", 0) == 0) v.replace(0, 6, "vi-VN-");
  return v;
}

}  // namespace

EspeakSynth::EspeakSynth(VoiceSettings settings) {
  if (g_instance_alive.exchange(true)) {
    error_ = "espeak-ng already in use in this process";
    return;
  }
  owns_ = true;
  const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
  if (rate <= 0) {
    error_ = "espeak-ng failed to initialise";
    return;
  }
  rate_ = rate;
  initialised_ = true;
  espeak_SetSynthCallback(collect);
  const std::string name = voice_file_name(settings.voice);
  if (espeak_SetVoiceByName(name.c_str()) != EE_OK) {
    // Fall back to the identifier as a language name (espeak matches "vi-vn-x-south" there).
    espeak_VOICE spec{};
    spec.languages = settings.voice.c_str();
    if (espeak_SetVoiceByProperties(&spec) != EE_OK) {
      error_ = "unknown espeak-ng voice: " + settings.voice;
      return;
    }
  }
  espeak_SetParameter(espeakRATE, settings.rate, 0);
  espeak_SetParameter(espeakVOLUME, settings.volume, 0);
  ok_ = true;
}

EspeakSynth::~EspeakSynth() {
  if (!owns_) return;
  if (initialised_) espeak_Terminate();
  g_instance_alive = false;
}

Pcm EspeakSynth::synthesize(const std::string& text) {
  Pcm pcm;
  pcm.rate = rate_;
  if (!ok_ || text.empty()) return pcm;
  const espeak_ERROR err = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                        espeakCHARS_UTF8, nullptr, &pcm);
  if (err != EE_OK) pcm.samples.clear();
  return pcm;
}

}  // namespace motcua::display
