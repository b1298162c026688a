// The speaker end to end in-process: real espeak-ng, the Announcer and the WAV sink; the
// WAV is read back and searched for each announcement's exact samples.
#include "announcer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "espeak_synth.hpp"

namespace motcua::display {
namespace {

const Instant t0 = from_unix_ms(1'795'410'062'123);

double rms(const std::vector<std::int16_t>& s, std::size_t from, std::size_t to) {
  double sum = 0;
  for (std::size_t i = from; i < to && i < s.size(); ++i) sum += double(s[i]) * s[i];
  return to > from ? std::sqrt(sum / double(to - from)) : 0;
}

// Index of `needle` in `hay` at or after `from`, or npos.
std::size_t find(const std::vector<std::int16_t>& hay, const std::vector<std::int16_t>& needle, std::size_t from = 0) {
  if (needle.empty() || from >= hay.size()) return std::string::npos;
  auto it = std::search(hay.begin() + static_cast<std::ptrdiff_t>(from), hay.end(), needle.begin(), needle.end());
  return it == hay.end() ? std::string::npos : static_cast<std::size_t>(it - hay.begin());
}

class AudioTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { synth_ = new EspeakSynth(VoiceSettings{"vi", 150, 100}); }
  static void TearDownTestSuite() {
    delete synth_;
    synth_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(synth_->ok()) << synth_->error();
    dir_ = std::filesystem::temp_directory_path() /
           ("motcua-audio-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    wav_ = (dir_ / "out.wav").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  SpeakFn speak() {
    return [](const std::string& t) { return synth_->synthesize(t); };
  }
  // Runs the announcer on a simulated clock until it has nothing left (bounded).
  static Instant run_until_idle(Announcer& a, Instant t) {
    for (int i = 0; i < 2000 && !a.idle(t); ++i) {
      a.update(t);
      t += Millis{50};
    }
    return t;
  }
  Pcm output() {
    std::string error;
    auto p = read_wav(wav_, error);
    EXPECT_TRUE(p) << error;
    return p ? *p : Pcm{};
  }

  static EspeakSynth* synth_;
  std::filesystem::path dir_;
  std::string wav_;
};
EspeakSynth* AudioTest::synth_ = nullptr;

TEST_F(AudioTest, SpeechIsNonSilentAndOfPlausibleLength) {
  const Pcm p = synth_->synthesize("Mời công dân có số thứ tự một nghìn không trăm hai mươi ba đến quầy số ba.");
  EXPECT_GT(p.rate, 8000);
  // About 17 syllables at 150 words per minute: a few seconds, not a blip and not a minute.
  EXPECT_GT(p.duration(), Millis{2000});
  EXPECT_LT(p.duration(), Millis{12000});
  EXPECT_GT(rms(p.samples, 0, p.samples.size()), 500.0);
  // Diacritics matter: the toneless text must not sound the same.
  const Pcm flat = synth_->synthesize("Moi cong dan co so thu tu mot nghin khong tram hai muoi ba den quay so ba.");
  EXPECT_NE(flat.samples, p.samples);
}

TEST_F(AudioTest, TwoCallsAreEachHeardOnceWithAChimeThenEachRepeated) {
  auto sink = make_wav_file_sink(wav_, synth_->sample_rate());
  ClipPack none("", synth_->sample_rate());
  Announcer a({}, *sink, none, speak(), synth_->sample_rate());
  const speech::Call first{11, 42, "1023", 3, false, t0};
  const speech::Call second{12, 43, "2001", 1, false, t0};
  EXPECT_EQ(a.offer(first, t0), speech::Admission::queued);
  EXPECT_EQ(a.offer(second, t0), speech::Admission::queued);
  run_until_idle(a, t0);

  const Pcm out = output();
  Pcm expected;
  expected.rate = synth_->sample_rate();
  // Both first hearings, then the repetitions: the second citizen does not wait out both of
  // the first one's.
  for (const auto& c : {first, second}) append(expected, a.render(c, true));
  for (const auto& c : {first, second}) append(expected, a.render(c, false));
  ASSERT_EQ(out.samples.size(), expected.samples.size());
  EXPECT_TRUE(out.samples == expected.samples);
  // And the two announcements really differ (different numbers and counters).
  const Pcm s1 = a.render(first, false), s2 = a.render(second, false);
  EXPECT_NE(s1.samples, s2.samples);
  const std::size_t at1 = find(out.samples, s1.samples), at2 = find(out.samples, s2.samples);
  ASSERT_NE(at1, std::string::npos);
  ASSERT_NE(at2, std::string::npos);
  EXPECT_LT(at1, at2);
  // The chime leads: loud within its first half second.
  EXPECT_GT(rms(out.samples, 0, static_cast<std::size_t>(out.rate / 2)), 2000.0);
}

TEST_F(AudioTest, RecallIsAnnouncedAgainAsARecall) {
  auto sink = make_wav_file_sink(wav_, synth_->sample_rate());
  ClipPack none("", synth_->sample_rate());
  AnnouncerSettings settings;
  settings.queue.repetitions = 1;
  Announcer a(settings, *sink, none, speak(), synth_->sample_rate());
  a.offer({11, 42, "1023", 3, false, t0}, t0);
  Instant t = run_until_idle(a, t0);
  const std::size_t after_first = output().samples.size();
  ASSERT_GT(after_first, 0u);
  a.offer({12, 42, "1023", 3, true, t}, t);
  run_until_idle(a, t);
  const Pcm out = output();
  const Pcm recall = a.render({12, 42, "1023", 3, true, t}, true);
  EXPECT_EQ(out.samples.size(), after_first + recall.samples.size());
  EXPECT_EQ(find(out.samples, recall.samples, after_first), after_first);
}

TEST_F(AudioTest, ABurstFromOneCounterDoesNotBuildABacklog) {
  auto sink = make_wav_file_sink(wav_, synth_->sample_rate());
  ClipPack none("", synth_->sample_rate());
  AnnouncerSettings settings;
  settings.queue.repetitions = 1;
  Announcer a(settings, *sink, none, speak(), synth_->sample_rate());
  a.offer({1, 1, "1001", 1, false, t0}, t0);
  a.update(t0);  // 1001 starts playing
  a.offer({2, 2, "1002", 1, false, t0}, t0);
  a.offer({3, 3, "1003", 1, false, t0}, t0);
  run_until_idle(a, t0);
  const Pcm out = output();
  const Pcm expected_first = a.render({1, 1, "1001", 1, false, t0}, true);
  const Pcm expected_last = a.render({3, 3, "1003", 1, false, t0}, true);
  EXPECT_EQ(out.samples.size(), expected_first.samples.size() + expected_last.samples.size());
  EXPECT_EQ(find(out.samples, expected_last.samples), expected_first.samples.size());
}

TEST_F(AudioTest, StaleCallsAreNotSpoken) {
  auto sink = make_wav_file_sink(wav_, synth_->sample_rate());
  ClipPack none("", synth_->sample_rate());
  Announcer a({}, *sink, none, speak(), synth_->sample_rate());
  EXPECT_EQ(a.offer({1, 1, "1001", 1, false, t0}, t0 + Millis{120'000}), speech::Admission::stale);
  run_until_idle(a, t0 + Millis{120'000});
  EXPECT_TRUE(output().samples.empty());
}

TEST_F(AudioTest, RecordedClipsReplaceTtsAndTtsFillsTheRest) {
  // A "recorded" clip: a 300 Hz tone at 16 kHz for the phrase "đến quầy số".
  Pcm tone;
  tone.rate = 16000;
  for (int i = 0; i < 8000; ++i) tone.samples.push_back(static_cast<std::int16_t>(8000 * std::sin(i * 2 * M_PI * 300 / 16000)));
  const std::filesystem::path clips_dir = dir_ / "clips";
  std::filesystem::create_directories(clips_dir);
  {
    const auto bytes = wav_bytes(tone);
    std::ofstream f(clips_dir / "đến quầy số.wav", std::ios::binary);
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
  auto sink = make_wav_file_sink(wav_, synth_->sample_rate());
  ClipPack clips(clips_dir.string(), synth_->sample_rate());
  AnnouncerSettings settings;
  settings.queue.repetitions = 1;
  settings.chime = false;
  Announcer a(settings, *sink, clips, speak(), synth_->sample_rate());
  a.offer({1, 42, "1023", 3, false, t0}, t0);
  run_until_idle(a, t0);
  const Pcm out = output();
  const Pcm clip = resample(tone, synth_->sample_rate());
  const std::size_t at = find(out.samples, clip.samples);
  ASSERT_NE(at, std::string::npos);  // the recorded phrase is in the announcement
  EXPECT_GT(at, static_cast<std::size_t>(out.rate));  // after the TTS-filled "mời công dân … hai mươi ba"
  EXPECT_GT(rms(out.samples, 0, at), 300.0);
  EXPECT_GT(rms(out.samples, at + clip.samples.size(), out.samples.size()), 100.0);  // "ba" by TTS
}

}  // namespace
}  // namespace motcua::display
