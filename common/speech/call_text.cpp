#include "speech/call_text.hpp"

#include <cstdint>

namespace motcua::speech {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::vector<std::string> ticket_number_words(std::string_view display_number, const SpeechStyle& style) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < display_number.size()) {
    const char c = display_number[i];
    if (is_digit(c)) {
      std::size_t j = i;
      while (j < display_number.size() && is_digit(display_number[j])) ++j;
      const std::string_view run = display_number.substr(i, j - i);
      std::vector<std::string> words;
      if (style.reading == NumberReading::digits || run.size() > 18) {
        words = digit_word_list(run);  // also keeps absurdly long runs from overflowing
      } else {
        std::uint64_t v = 0;
        for (char d : run) v = v * 10 + static_cast<std::uint64_t>(d - '0');
        words = number_word_list(v, style.numbers);
      }
      out.insert(out.end(), words.begin(), words.end());
      i = j;
    } else {
      const std::string_view letter = letter_word(c);
      if (!letter.empty()) out.emplace_back(letter);
      ++i;
    }
  }
  return out;
}

Utterance call_utterance(std::string_view display_number, int counter, bool recall, const SpeechStyle& style) {
  Utterance u;
  const std::vector<std::string> number = ticket_number_words(display_number, style);
  const std::vector<std::string> counter_words =
      number_word_list(static_cast<std::uint64_t>(counter < 0 ? 0 : counter), style.numbers);

  if (recall) u.phrases.emplace_back(kPhraseRecall);
  u.phrases.emplace_back(kPhraseInvite);
  u.phrases.insert(u.phrases.end(), number.begin(), number.end());
  u.phrases.emplace_back(kPhraseToCounter);
  u.phrases.insert(u.phrases.end(), counter_words.begin(), counter_words.end());

  // Commas between digits make TTS engines pause, so each digit is heard on its own.
  const std::string number_text =
      join_words(number, style.reading == NumberReading::digits ? ", " : " ");
  u.text = recall ? "Xin nhắc lại: mời" : "Mời";
  u.text += std::string(kPhraseInvite.substr(std::string_view("mời").size()));
  u.text += " " + number_text + " " + std::string(kPhraseToCounter) + " " + join_words(counter_words) + ".";
  return u;
}

}  // namespace motcua::speech
