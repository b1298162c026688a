// The sentence spoken for a call or a recall, as text for TTS and as phrases for clip packs.
// Pure functions; thread-agnostic.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "speech/number_words.hpp"

namespace motcua::speech {

enum class NumberReading { words, digits };  // "một nghìn không trăm hai mươi ba" or "một, không, hai, ba"

struct SpeechStyle {
  NumberStyle numbers;
  NumberReading reading = NumberReading::words;
};

// The fixed phrases, also the file names (plus ".wav") of a recorded clip pack.
inline constexpr std::string_view kPhraseInvite = "mời công dân có số thứ tự";
inline constexpr std::string_view kPhraseToCounter = "đến quầy số";
inline constexpr std::string_view kPhraseRecall = "xin nhắc lại";

struct Utterance {
  // Units a recorded clip pack can hold: the fixed phrases, then one entry per spoken word
  // of the numbers (a letter name like "e lờ" is one entry).
  std::vector<std::string> phrases;
  // The whole sentence with capital and punctuation, for a TTS engine.
  std::string text;
};

// Words for a displayed ticket number: "1023", or "A023" read as the letter then the number
// ("a hai mươi ba"; in digit mode "a, không, hai, ba"). Other characters are skipped.
std::vector<std::string> ticket_number_words(std::string_view display_number, const SpeechStyle& style);

// "Mời công dân có số thứ tự một nghìn không trăm hai mươi ba đến quầy số ba."
// A recall starts with "Xin nhắc lại: mời công dân …".
Utterance call_utterance(std::string_view display_number, int counter, bool recall, const SpeechStyle& style);

}  // namespace motcua::speech
