// Vietnamese number words, written by us because TTS engines get them wrong ("mười năm").
// Pure functions; thread-agnostic.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::speech {

enum class Dialect { northern, southern };

struct NumberStyle {
  Dialect dialect = Dialect::northern;  // northern: linh, nghìn; southern: lẻ, ngàn
  bool four_as_tu = true;               // 24 "hai mươi tư" (true) or "hai mươi bốn" (false)
};

// The word for one digit 0..9 ("không" … "chín").
std::string_view digit_word(int digit);

// The words of n, one string per syllable: 1023 -> {"một","nghìn","không","trăm","hai","mươi","ba"}.
// Works for the whole range of uint64 (scales nghìn, triệu, tỷ, nghìn tỷ, …).
std::vector<std::string> number_word_list(std::uint64_t n, const NumberStyle& style = {});

// The same, joined with single spaces.
std::string number_words(std::uint64_t n, const NumberStyle& style = {});

// Digit by digit: "1023" -> {"một","không","hai","ba"}. Non-digits are skipped.
std::vector<std::string> digit_word_list(std::string_view digits);

// How a letter is read aloud ("A" -> "a", "B" -> "bê"); empty when not an ASCII letter.
std::string_view letter_word(char letter);

// Joins words with a separator.
std::string join_words(const std::vector<std::string>& words, std::string_view separator = " ");

}  // namespace motcua::speech
