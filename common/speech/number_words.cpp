#include "speech/number_words.hpp"

#include <array>
#include <cctype>

namespace motcua::speech {
namespace {

constexpr std::array<std::string_view, 10> kDigits = {"không", "một", "hai", "ba", "bốn",
                                                      "năm", "sáu", "bảy", "tám", "chín"};

std::string_view zero_ten(const NumberStyle& s) { return s.dialect == Dialect::northern ? "linh" : "lẻ"; }
std::string_view thousand(const NumberStyle& s) { return s.dialect == Dialect::northern ? "nghìn" : "ngàn"; }

void push(std::vector<std::string>& out, std::string_view w) { out.emplace_back(w); }

// Reads tens and units (0..99). `after_hundred` means a hundreds word was spoken before,
// so a lone unit needs "linh"/"lẻ" (105 "một trăm linh năm").
void read_tens(int t, int u, bool after_hundred, const NumberStyle& s, std::vector<std::string>& out) {
  if (t == 0) {
    if (u == 0) return;
    if (after_hundred) push(out, zero_ten(s));
    push(out, kDigits[u]);
    return;
  }
  if (t == 1) {
    push(out, "mười");
    // 15 "mười lăm", but 11 stays "mười một": "mốt" only follows "mươi".
    if (u == 5) push(out, "lăm");
    else if (u != 0) push(out, kDigits[u]);
    return;
  }
  push(out, kDigits[t]);
  push(out, "mươi");
  if (u == 0) return;
  if (u == 1) push(out, "mốt");
  else if (u == 4) push(out, s.four_as_tu ? "tư" : "bốn");
  else if (u == 5) push(out, "lăm");
  else push(out, kDigits[u]);
}

// Reads a group of three digits. A group after a higher one is read in full:
// 1023 -> "một nghìn không trăm hai mươi ba", so the listener never mistakes it for 123.
void read_group(int g, bool full, const NumberStyle& s, std::vector<std::string>& out) {
  const int h = g / 100, t = (g / 10) % 10, u = g % 10;
  if (full || h > 0) {
    push(out, kDigits[h]);
    push(out, "trăm");
    read_tens(t, u, true, s, out);
  } else {
    read_tens(t, u, false, s, out);
  }
}

// Scale words of group i (0 = units): "", nghìn, triệu, tỷ, nghìn tỷ, triệu tỷ, tỷ tỷ.
void push_scale(std::size_t i, const NumberStyle& s, std::vector<std::string>& out) {
  if (i % 3 == 1) push(out, thousand(s));
  if (i % 3 == 2) push(out, "triệu");
  for (std::size_t k = 0; k < i / 3; ++k) push(out, "tỷ");
}

}  // namespace

std::string_view digit_word(int digit) { return (digit >= 0 && digit <= 9) ? kDigits[digit] : ""; }

std::vector<std::string> number_word_list(std::uint64_t n, const NumberStyle& style) {
  std::vector<std::string> out;
  if (n == 0) {
    push(out, kDigits[0]);
    return out;
  }
  std::vector<int> groups;  // least significant first
  for (std::uint64_t v = n; v > 0; v /= 1000) groups.push_back(static_cast<int>(v % 1000));
  for (std::size_t i = groups.size(); i-- > 0;) {
    const bool leading = i + 1 == groups.size();
    if (groups[i] == 0) continue;  // 2000 "hai nghìn", 1000005 "một triệu không trăm linh năm"
    read_group(groups[i], !leading, style, out);
    push_scale(i, style, out);
  }
  return out;
}

std::string number_words(std::uint64_t n, const NumberStyle& style) {
  return join_words(number_word_list(n, style));
}

std::vector<std::string> digit_word_list(std::string_view digits) {
  std::vector<std::string> out;
  for (char c : digits)
    if (c >= '0' && c <= '9') push(out, kDigits[c - '0']);
  return out;
}

std::string_view letter_word(char letter) {
  // Vietnamese names of the Latin letters, as read in schools; F, J, W, Z are loan letters.
  static constexpr std::array<std::string_view, 26> kLetters = {
      "a",  "bê", "xê", "dê",   "e",    "ép", "giê", "hát", "i",  "gi",     "ca",  "e lờ", "em mờ",
      "en nờ", "o", "pê", "quy", "e rờ", "ét xì", "tê", "u", "vê", "vê kép", "ích xì", "i dài", "dét"};
  const unsigned char c = static_cast<unsigned char>(letter);
  if (!std::isalpha(c) || c > 127) return "";
  return kLetters[std::toupper(c) - 'A'];
}

std::string join_words(const std::vector<std::string>& words, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += separator;
    out += words[i];
  }
  return out;
}

}  // namespace motcua::speech
