// Announcer: turns queued calls into sound — chime, then the sentence N times — one at a time.
// Thread rule: the frame loop owns it; update() is called once per frame.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "audio_sink.hpp"
#include "clip_pack.hpp"
#include "speech/announcement_queue.hpp"
#include "speech/call_text.hpp"

namespace motcua::display {

struct AnnouncerSettings {
  speech::SpeechStyle style;
  speech::QueueSettings queue;
  bool chime = true;
  Millis after_chime{250};
  Millis between_phrases{60};   // between clips of a recorded pack
  Millis after_sentence{700};   // the pause before a repetition or the next call
};

// Speaks text with the TTS engine (EspeakSynth::synthesize in the program).
using SpeakFn = std::function<Pcm(const std::string& text)>;

// What update() handed to the sink.
struct Started {
  speech::Playing playing;  // the call and which repetition
  std::string text;         // the sentence, for the log
};

class Announcer {
 public:
  Announcer(AnnouncerSettings settings, AudioSink& sink, ClipPack& clips, SpeakFn speak, int rate);

  // Offers a call; `server_now` is ticketd's clock (staleness is judged against call.at).
  speech::Admission offer(const speech::Call& call, Instant server_now);
  void withdraw(std::int64_t ticket_id);
  // Starts the next repetition or call when the sink has gone quiet; returns what started.
  // The chime is queued before the sentence is synthesised, so the first sample reaches
  // the sink within a few milliseconds and synthesis overlaps the chime.
  std::optional<Started> update(Instant now);
  // When update() next has something to do: the sink going idle while busy, else never.
  std::optional<Instant> next_wake(Instant now) const;
  bool idle(Instant now) const;

  // The audio of one announcement repetition; exposed so tests can find it in a WAV file.
  Pcm render(const speech::Call& call, bool chime);

 private:
  Pcm speech_for(const speech::Utterance& u);
  const Pcm& chime_part();  // the chime and the pause after it, made once

  Pcm chime_;

  AnnouncerSettings settings_;
  AudioSink& sink_;
  ClipPack& clips_;
  SpeakFn speak_;
  int rate_;
  speech::AnnouncementQueue queue_;
  bool started_ = false;  // the queue's current repetition has been handed to the sink
  // Recently spoken sentences, newest last: repetitions and recalls reuse them, which
  // saves the synthesis time and makes a repeat sound exactly like the first time
  // (espeak-ng varies slightly from call to call).
  std::vector<std::pair<std::string, Pcm>> spoken_;
};

}  // namespace motcua::display
