// The call sentence in its variants, and the phrases a clip pack is looked up by.
#include "speech/call_text.hpp"

#include <gtest/gtest.h>

namespace motcua::speech {
namespace {

TEST(CallText, TheCallSentence) {
  const Utterance u = call_utterance("1023", 3, false, {});
  EXPECT_EQ(u.text, "Mời công dân có số thứ tự một nghìn không trăm hai mươi ba đến quầy số ba.");
  const std::vector<std::string> phrases = {"mời công dân có số thứ tự", "một", "nghìn", "không", "trăm",
                                            "hai", "mươi", "ba", "đến quầy số", "ba"};
  EXPECT_EQ(u.phrases, phrases);
}

TEST(CallText, Recall) {
  const Utterance u = call_utterance("2015", 12, true, {});
  EXPECT_EQ(u.text,
            "Xin nhắc lại: mời công dân có số thứ tự hai nghìn không trăm mười lăm đến quầy số mười hai.");
  EXPECT_EQ(u.phrases.front(), "xin nhắc lại");
  EXPECT_EQ(u.phrases[1], "mời công dân có số thứ tự");
}

TEST(CallText, SouthernAndDigitByDigit) {
  SpeechStyle south;
  south.numbers.dialect = Dialect::southern;
  EXPECT_EQ(call_utterance("1005", 1, false, south).text,
            "Mời công dân có số thứ tự một ngàn không trăm lẻ năm đến quầy số một.");
  SpeechStyle digits;
  digits.reading = NumberReading::digits;
  const Utterance u = call_utterance("1023", 3, false, digits);
  EXPECT_EQ(u.text, "Mời công dân có số thứ tự một, không, hai, ba đến quầy số ba.");
  EXPECT_EQ(u.phrases.size(), 7u);  // invite, 4 digits, "đến quầy số", "ba"
}

TEST(CallText, LetterPrefix) {
  EXPECT_EQ(join_words(ticket_number_words("A023", {})), "a hai mươi ba");
  EXPECT_EQ(join_words(ticket_number_words("B105", {})), "bê một trăm linh năm");
  SpeechStyle digits;
  digits.reading = NumberReading::digits;
  EXPECT_EQ(join_words(ticket_number_words("A023", digits), ", "), "a, không, hai, ba");
  EXPECT_EQ(call_utterance("A023", 2, false, {}).text,
            "Mời công dân có số thứ tự a hai mươi ba đến quầy số hai.");
}

}  // namespace
}  // namespace motcua::speech
