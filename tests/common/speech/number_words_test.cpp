// Number words: hand-written literals for the tricky cases, and structural rules checked on
// every number 0..9999 in both dialects (plus a spot check of larger numbers).
#include "speech/number_words.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

namespace motcua::speech {
namespace {

const NumberStyle kNorth{Dialect::northern, true};
const NumberStyle kSouth{Dialect::southern, true};

struct Literal {
  std::uint64_t n;
  const char* north;
  const char* south;
};

// Written by hand from DOMAIN.md and common usage; not generated.
const Literal kLiterals[] = {
    {0, "không", "không"},
    {1, "một", "một"},
    {4, "bốn", "bốn"},
    {5, "năm", "năm"},
    {10, "mười", "mười"},
    {11, "mười một", "mười một"},
    {14, "mười bốn", "mười bốn"},
    {15, "mười lăm", "mười lăm"},
    {20, "hai mươi", "hai mươi"},
    {21, "hai mươi mốt", "hai mươi mốt"},
    {24, "hai mươi tư", "hai mươi tư"},
    {25, "hai mươi lăm", "hai mươi lăm"},
    {55, "năm mươi lăm", "năm mươi lăm"},
    {91, "chín mươi mốt", "chín mươi mốt"},
    {100, "một trăm", "một trăm"},
    {101, "một trăm linh một", "một trăm lẻ một"},
    {104, "một trăm linh bốn", "một trăm lẻ bốn"},
    {105, "một trăm linh năm", "một trăm lẻ năm"},
    {110, "một trăm mười", "một trăm mười"},
    {111, "một trăm mười một", "một trăm mười một"},
    {115, "một trăm mười lăm", "một trăm mười lăm"},
    {121, "một trăm hai mươi mốt", "một trăm hai mươi mốt"},
    {999, "chín trăm chín mươi chín", "chín trăm chín mươi chín"},
    {1000, "một nghìn", "một ngàn"},
    {1001, "một nghìn không trăm linh một", "một ngàn không trăm lẻ một"},
    {1005, "một nghìn không trăm linh năm", "một ngàn không trăm lẻ năm"},
    {1010, "một nghìn không trăm mười", "một ngàn không trăm mười"},
    {1015, "một nghìn không trăm mười lăm", "một ngàn không trăm mười lăm"},
    {1023, "một nghìn không trăm hai mươi ba", "một ngàn không trăm hai mươi ba"},
    {1100, "một nghìn một trăm", "một ngàn một trăm"},
    {1105, "một nghìn một trăm linh năm", "một ngàn một trăm lẻ năm"},
    {1111, "một nghìn một trăm mười một", "một ngàn một trăm mười một"},
    {2000, "hai nghìn", "hai ngàn"},
    {2024, "hai nghìn không trăm hai mươi tư", "hai ngàn không trăm hai mươi tư"},
    {4444, "bốn nghìn bốn trăm bốn mươi tư", "bốn ngàn bốn trăm bốn mươi tư"},
    {5555, "năm nghìn năm trăm năm mươi lăm", "năm ngàn năm trăm năm mươi lăm"},
    {6001, "sáu nghìn không trăm linh một", "sáu ngàn không trăm lẻ một"},
    {9999, "chín nghìn chín trăm chín mươi chín", "chín ngàn chín trăm chín mươi chín"},
    {10000, "mười nghìn", "mười ngàn"},
    {15000, "mười lăm nghìn", "mười lăm ngàn"},
    {21005, "hai mươi mốt nghìn không trăm linh năm", "hai mươi mốt ngàn không trăm lẻ năm"},
    {100000, "một trăm nghìn", "một trăm ngàn"},
    {105000, "một trăm linh năm nghìn", "một trăm lẻ năm ngàn"},
    {999999, "chín trăm chín mươi chín nghìn chín trăm chín mươi chín",
     "chín trăm chín mươi chín ngàn chín trăm chín mươi chín"},
    {1000000, "một triệu", "một triệu"},
    {1000005, "một triệu không trăm linh năm", "một triệu không trăm lẻ năm"},
    {2500000000ULL, "hai tỷ năm trăm triệu", "hai tỷ năm trăm triệu"},
};

TEST(NumberWords, HandWrittenLiterals) {
  for (const auto& l : kLiterals) {
    EXPECT_EQ(number_words(l.n, kNorth), l.north) << l.n;
    EXPECT_EQ(number_words(l.n, kSouth), l.south) << l.n;
  }
}

TEST(NumberWords, FourAfterMuoiIsASetting) {
  const NumberStyle bon{Dialect::northern, false};
  EXPECT_EQ(number_words(24, bon), "hai mươi bốn");
  EXPECT_EQ(number_words(1044, bon), "một nghìn không trăm bốn mươi bốn");
  for (std::uint64_t n = 0; n < 10000; ++n) {
    const auto w = number_word_list(n, bon);
    ASSERT_EQ(std::count(w.begin(), w.end(), "tư"), 0) << n;
  }
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// An independent reader: the inverse function, written as an accumulator rather than by
// digit groups, so a mistake in the generator cannot hide behind the same mistake here.
std::uint64_t parse_words(const std::vector<std::string>& words) {
  static const std::map<std::string, int> kUnit = {
      {"không", 0}, {"một", 1}, {"mốt", 1}, {"hai", 2}, {"ba", 3}, {"bốn", 4}, {"tư", 4},
      {"năm", 5}, {"lăm", 5}, {"sáu", 6}, {"bảy", 7}, {"tám", 8}, {"chín", 9}};
  std::uint64_t total = 0, group = 0, current = 0;
  for (const auto& w : words) {
    if (kUnit.count(w)) current += kUnit.at(w);
    else if (w == "mười") current += 10;
    else if (w == "mươi") current *= 10;
    else if (w == "trăm") { group += current * 100; current = 0; }
    else if (w == "linh" || w == "lẻ") {}
    else if (w == "nghìn" || w == "ngàn") { total += (group + current) * 1000; group = current = 0; }
    else ADD_FAILURE() << "unknown word " << w;
  }
  return total + group + current;
}

TEST(NumberWords, EveryNumberTo9999FollowsTheRules) {
  const std::set<std::string> vocabulary = {"không", "một", "mốt", "hai", "ba", "bốn", "tư", "năm",
                                            "lăm", "sáu", "bảy", "tám", "chín", "mười", "mươi",
                                            "trăm", "linh", "lẻ", "nghìn", "ngàn"};
  const std::vector<std::string> digits = {"không", "một", "hai", "ba", "bốn",
                                           "năm", "sáu", "bảy", "tám", "chín"};
  for (std::uint64_t n = 0; n <= 9999; ++n) {
    const std::string north = number_words(n, kNorth);
    const std::string south = number_words(n, kSouth);
    const auto nw = split(north);
    const auto sw = split(south);
    SCOPED_TRACE(north);
    // Single spaces, no stray whitespace, the same words as the list form.
    ASSERT_EQ(join_words(nw), north);
    ASSERT_EQ(number_word_list(n, kNorth), nw);
    // Reads back to the same number.
    ASSERT_EQ(parse_words(nw), n);
    ASSERT_EQ(parse_words(sw), n);
    // The dialects differ exactly in linh/lẻ and nghìn/ngàn.
    ASSERT_EQ(nw.size(), sw.size());
    for (std::size_t i = 0; i < nw.size(); ++i) {
      ASSERT_TRUE(vocabulary.count(nw[i])) << nw[i];
      if (nw[i] == "linh") { ASSERT_EQ(sw[i], "lẻ"); }
      else if (nw[i] == "nghìn") ASSERT_EQ(sw[i], "ngàn");
      else ASSERT_EQ(nw[i], sw[i]);
      ASSERT_NE(nw[i], "lẻ");
      ASSERT_NE(nw[i], "ngàn");
    }

    const int th = static_cast<int>(n / 1000), h = (n / 100) % 10, t = (n / 10) % 10, u = n % 10;
    auto count = [&](const char* w) { return std::count(nw.begin(), nw.end(), std::string(w)); };
    auto ends_with = [&](std::initializer_list<std::string> tail) {
      return nw.size() >= tail.size() && std::equal(tail.begin(), tail.end(), nw.end() - tail.size());
    };

    // Thousands: the digit, then "nghìn"; the rest in full, with "không trăm" when needed.
    if (th > 0) {
      ASSERT_EQ(nw[0], digits[th]);
      ASSERT_EQ(nw[1], "nghìn");
      if (n % 1000 == 0) {
        ASSERT_EQ(nw.size(), 2u);
      } else {
        ASSERT_TRUE(nw[2] == digits[h] && nw[3] == "trăm");
      }
    } else {
      ASSERT_EQ(count("nghìn"), 0);
    }
    if (th == 0 && h == 0) { ASSERT_EQ(count("trăm"), 0); }
    // "linh" exactly for a zero ten between a spoken hundred and a unit.
    ASSERT_EQ(count("linh"), (n >= 100 && t == 0 && u != 0) ? 1 : 0);
    // Tens: "mười" for 1x, "<digit> mươi" from 20.
    ASSERT_EQ(count("mười"), t == 1 ? 1 : 0);
    ASSERT_EQ(count("mươi"), t >= 2 ? 1 : 0);
    // Units after a ten: mốt (21, never 11), lăm (15, 25), tư (24, not 14).
    ASSERT_EQ(count("mốt"), (t >= 2 && u == 1) ? 1 : 0);
    ASSERT_EQ(count("lăm"), (t >= 1 && u == 5) ? 1 : 0);
    ASSERT_EQ(count("tư"), (t >= 2 && u == 4) ? 1 : 0);
    if (t == 1 && u == 1) { ASSERT_TRUE(ends_with({"mười", "một"})); }
    if (t == 1 && u == 4) { ASSERT_TRUE(ends_with({"mười", "bốn"})); }
    if (t >= 1 && u == 0) { ASSERT_TRUE(ends_with({t == 1 ? "mười" : "mươi"})); }
    if (t == 0 && u != 0) { ASSERT_EQ(nw.back(), digits[u]); }
    // A zero unit is silent and "không" only appears for 0 itself or as "không trăm".
    for (std::size_t i = 0; i < nw.size(); ++i)
      if (nw[i] == "không") { ASSERT_TRUE(n == 0 || (i + 1 < nw.size() && nw[i + 1] == "trăm")); }
  }
}

TEST(NumberWords, DigitsAndLetters) {
  EXPECT_EQ(join_words(digit_word_list("1023"), ", "), "một, không, hai, ba");
  EXPECT_EQ(join_words(digit_word_list("0045")), "không không bốn năm");
  EXPECT_EQ(letter_word('A'), "a");
  EXPECT_EQ(letter_word('b'), "bê");
  EXPECT_EQ(letter_word('L'), "e lờ");
  EXPECT_EQ(letter_word('7'), "");
}

}  // namespace
}  // namespace motcua::speech
