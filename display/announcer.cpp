#include "announcer.hpp"

#include <algorithm>

namespace motcua::display {

Announcer::Announcer(AnnouncerSettings settings, AudioSink& sink, ClipPack& clips, SpeakFn speak, int rate)
    : settings_(settings), sink_(sink), clips_(clips), speak_(std::move(speak)), rate_(rate),
      queue_(settings.queue) {}

speech::Admission Announcer::offer(const speech::Call& call, Instant server_now) {
  return queue_.offer(call, server_now);
}

void Announcer::withdraw(std::int64_t ticket_id) { queue_.withdraw_ticket(ticket_id); }

bool Announcer::idle(Instant now) const { return !queue_.playing() && queue_.pending().empty() && sink_.idle_at(now) <= now; }

std::optional<Instant> Announcer::next_wake(Instant now) const {
  if (!queue_.playing() && queue_.pending().empty()) return std::nullopt;
  return sink_.idle_at(now);
}

Pcm Announcer::speech_for(const speech::Utterance& u) {
  for (auto it = spoken_.begin(); it != spoken_.end(); ++it) {
    if (it->first != u.text) continue;
    std::rotate(it, it + 1, spoken_.end());  // most recently used last
    return spoken_.back().second;
  }
  Pcm out;
  out.rate = rate_;
  if (clips_.empty()) {
    append(out, speak_(u.text));
  } else {
    // A recorded pack: each phrase from its clip, and TTS only for the ones missing.
    for (std::size_t i = 0; i < u.phrases.size(); ++i) {
      if (i) append_silence(out, settings_.between_phrases);
      if (const Pcm* clip = clips_.find(u.phrases[i])) append(out, *clip);
      else append(out, speak_(u.phrases[i]));
    }
  }
  constexpr std::size_t kKeep = 16;  // a few minutes of calls; each is ~200 KB
  if (spoken_.size() >= kKeep) spoken_.erase(spoken_.begin());
  spoken_.emplace_back(u.text, out);
  return out;
}

const Pcm& Announcer::chime_part() {
  if (chime_.samples.empty()) {
    chime_.rate = rate_;
    append(chime_, make_chime(rate_));
    append_silence(chime_, settings_.after_chime);
  }
  return chime_;
}

namespace {
Pcm sentence_part(Pcm speech, Millis pause) {
  append_silence(speech, pause);
  return speech;
}
}  // namespace

Pcm Announcer::render(const speech::Call& call, bool chime) {
  Pcm out;
  out.rate = rate_;
  if (chime && settings_.chime) append(out, chime_part());
  append(out, sentence_part(speech_for(speech::call_utterance(call.number, call.counter, call.recall, settings_.style)),
                            settings_.after_sentence));
  return out;
}

std::optional<Started> Announcer::update(Instant now) {
  if (sink_.idle_at(now) > now) return std::nullopt;  // never overlap: wait for silence
  if (started_) {
    queue_.finish(now);
    started_ = false;
  }
  const auto playing = queue_.start(now);
  if (!playing) return std::nullopt;
  const speech::Utterance u =
      speech::call_utterance(playing->call.number, playing->call.counter, playing->call.recall, settings_.style);
  // Same samples as render(), in two plays: the sink queues them back to back.
  if (playing->chime && settings_.chime) sink_.play(chime_part(), now);
  sink_.play(sentence_part(speech_for(u), settings_.after_sentence), now);
  started_ = true;
  return Started{*playing, u.text};
}

}  // namespace motcua::display
