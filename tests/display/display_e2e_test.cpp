// The real display program against the real ticketd on loopback: officers act through the
// documented API, the display runs headless (SDL dummy drivers) writing its frames as PNG and
// its sound to a WAV file, and the test reads both back — the number in the counter's row
// by OCR (tesseract -l vie); the announcements are found by the chime (exact samples) and
// recognised by comparing each sentence with one rendered here (loudness envelopes).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>

#include "announcer.hpp"
#include "audio_match.hpp"
#include "client/api_client.hpp"
#include "daemon_process.hpp"
#include "display_process.hpp"
#include "espeak_synth.hpp"
#include "frame_reader.hpp"
#include "layout.hpp"
#include "speech/call_text.hpp"

namespace motcua::display {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using motcua::testing::DaemonProcess;
using testing::DisplayProcess;
using testing::Frame;
using testing::wait_until;

constexpr int kWidth = 1280, kHeight = 720, kCounters = 6;  // the demo office has six counters

using testing::envelope_similarity;
using testing::rms;

// A sentence is "the same" as the reference when its envelope correlates this well; the
// same text measures 0.95–1.0 here, another number or counter 0.7 at most, a recall ≈ 0.
constexpr double kSame = 0.85;

class DisplayE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    synth_ = new EspeakSynth(VoiceSettings{"vi", 150, 100});  // the display's defaults
  }
  static void TearDownTestSuite() {
    delete synth_;
    synth_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(synth_->ok()) << synth_->error();
    dir_ = fs::temp_directory_path() /
           ("motcua-display-e2e-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    wav_ = (dir_ / "out.wav").string();
    shot_ = (dir_ / "board.png").string();
  }
  void TearDown() override {
    if (display_ && HasFailure()) std::cerr << "display log:\n" << display_->log() << "\n";
    if (HasFailure()) std::cerr << "ticketd log (tail):\n" << daemon_.log().substr(daemon_.log().size() > 4000 ? daemon_.log().size() - 4000 : 0) << "\n";
    display_.reset();
    fs::remove_all(dir_);
  }

  void start_display(unsigned short port, int repeat = 1, const std::string& key = "demo-display-key-1") {
    display_ = std::make_unique<DisplayProcess>(
        std::vector<std::string>{"--server", "127.0.0.1:" + std::to_string(port), "--key", key,
                                 "--size", std::to_string(kWidth) + "x" + std::to_string(kHeight), "--repeat",
                                 std::to_string(repeat),
                                 "--wav-out", wav_, "--screenshot", shot_, "--exit-after", "170"},
        (dir_ / "display.log").string());
    ASSERT_TRUE(display_->start());
  }
  std::size_t connections() const { return display_->log_lines("đã kết nối").size(); }
  std::vector<std::string> spoken() const { return display_->log_lines("phát: "); }

  std::unique_ptr<client::ApiClient> client_for(unsigned short port) {
    return std::make_unique<client::ApiClient>(client::ApiClientOptions{client::ServerAddress{"127.0.0.1", port}});
  }
  // Signs `officer` in at `counter` (a fresh client each time: tokens do not outlive ticketd).
  std::unique_ptr<client::ApiClient> officer(const std::string& user, int counter) {
    auto c = client_for(daemon_.port());
    const auto r = c->login(user, "demo1234", counter);
    EXPECT_TRUE(r.ok()) << r.status << " " << r.message;
    return c;
  }
  std::string issue(const std::string& service) {
    auto kiosk = client_for(daemon_.port());
    kiosk->set_device_key("demo-kiosk-key-1");
    const auto r = kiosk->issue_ticket(service);
    EXPECT_EQ(r.status, 201) << r.message;
    return r.string_field("number");
  }
  // call-next; returns the called ticket's number.
  std::string call_next(client::ApiClient& c, int counter) {
    const auto r = c.counter_action(counter, "call-next");
    EXPECT_EQ(r.status, 200) << r.message;
    const auto* t = r.object() ? r.object()->if_contains("ticket") : nullptr;
    return t ? client::json_string(*t, "number") : "";
  }

  Pcm wav() const {
    std::string error;
    auto p = read_wav(wav_, error);
    return p ? *p : Pcm{};
  }
  // The chime and its pause: the exact samples every announcement starts with.
  Pcm chime() const {
    Pcm c;
    c.rate = synth_->sample_rate();
    append(c, make_chime(c.rate));
    append_silence(c, AnnouncerSettings{}.after_chime);
    return c;
  }
  // The sentences of the announcements in the WAV so far (each with the pause after it).
  std::vector<Pcm> sentences() const {
    const Pcm c = chime();
    std::vector<Pcm> out;
    for (Pcm& part : testing::split_at_chimes(wav(), c)) {
      part.samples.erase(part.samples.begin(), part.samples.begin() + static_cast<std::ptrdiff_t>(c.samples.size()));
      out.push_back(std::move(part));
    }
    return out;
  }
  // The sentence the display should speak for a call, rendered here with the same voice.
  Pcm expected(const std::string& number, int counter, bool recall) {
    auto sink = make_wav_file_sink((dir_ / "reference.wav").string(), synth_->sample_rate());
    ClipPack none("", synth_->sample_rate());
    Announcer a({}, *sink, none, [](const std::string& t) { return synth_->synthesize(t); }, synth_->sample_rate());
    return a.render(speech::Call{1, 1, number, counter, recall, {}}, false);
  }
  // Waits until `n` announcements are complete in the WAV (the file is rewritten per play).
  bool wait_announcements(std::size_t n, std::chrono::milliseconds timeout = 60s) {
    return wait_until([&] {
      const auto s = sentences();
      return s.size() >= n && s[n - 1].duration() > 1500ms;
    }, timeout);
  }

  std::optional<Frame> frame() const { return testing::read_png_file(shot_); }
  // OCR of the number cell of counter `counter` (1-based) in the latest saved frame.
  std::string number_in_row(int counter) {
    const auto f = frame();
    if (!f) return {};
    const Layout l = compute_layout(kWidth, kHeight, kCounters, false);
    return testing::digits_of(testing::ocr_line(*f, l.rows.at(counter - 1).number, dir_.string()));
  }
  bool offline_mark_shown() {
    const auto f = frame();
    const Layout l = compute_layout(kWidth, kHeight, kCounters, false);
    return f && f->count(l.offline, 200, 30, 30) > 200;  // the red "Mất kết nối" badge
  }
  bool wait_spoken(std::size_t n, std::chrono::milliseconds timeout = 60s) {
    return wait_until([&] { return spoken().size() >= n; }, timeout);
  }
  static EspeakSynth* synth_;
  DaemonProcess daemon_;
  std::unique_ptr<DisplayProcess> display_;
  fs::path dir_;
  std::string wav_, shot_;
};
EspeakSynth* DisplayE2E::synth_ = nullptr;

TEST_F(DisplayE2E, CalledNumberShowsInItsCountersRowAndIsSpoken) {
  ASSERT_TRUE(daemon_.start()) << daemon_.log();
  start_display(daemon_.port());
  ASSERT_TRUE(wait_until([&] { return connections() >= 1; }, 30s));

  const std::string number = issue("dat-dai");
  auto canbo3 = officer("canbo3", 3);
  ASSERT_EQ(call_next(*canbo3, 3), number);

  // The board: that number, read off counter 3's row of the rendered frame.
  std::string seen;
  EXPECT_TRUE(wait_until([&] { return (seen = number_in_row(3)) == number; }, 30s)) << "OCR read '" << seen << "'";
  // Only its row: counter 1 serves nothing.
  EXPECT_NE(number_in_row(1), number);

  // The speaker: one announcement (--repeat 1) — chime, then real speech of plausible length
  // that sounds like the sentence for this number and counter.
  ASSERT_TRUE(wait_announcements(1)) << "no announcement in the WAV";
  const Pcm out = wav();
  EXPECT_GT(out.duration(), 3000ms);  // chime (~1.5 s) + about 17 syllables of speech
  EXPECT_LT(out.duration(), 20000ms);
  const auto said = sentences();
  ASSERT_EQ(said.size(), 1u);
  EXPECT_GT(said[0].duration(), 2000ms);
  EXPECT_GT(rms(said[0].samples), 500.0);  // not silence
  EXPECT_GT(envelope_similarity(said[0], expected(number, 3, false)), kSame);
  ASSERT_FALSE(spoken().empty());
  EXPECT_NE(spoken()[0].find("ba nghìn không trăm linh một đến quầy số ba"), std::string::npos) << spoken()[0];
}

TEST_F(DisplayE2E, TwoCallsGiveTwoAnnouncementsInOrderAndARecallIsAnnouncedAgain) {
  ASSERT_TRUE(daemon_.start()) << daemon_.log();
  start_display(daemon_.port());
  ASSERT_TRUE(wait_until([&] { return connections() >= 1; }, 30s));

  const std::string land = issue("dat-dai"), civil = issue("ho-tich");
  auto canbo3 = officer("canbo3", 3);
  auto canbo1 = officer("canbo1", 1);
  ASSERT_EQ(call_next(*canbo3, 3), land);
  ASSERT_EQ(call_next(*canbo1, 1), civil);

  // Two announcements, one after the other (the chime of the second after the whole first
  // sentence), in the order of the calls.
  ASSERT_TRUE(wait_announcements(2)) << "expected two announcements";
  const Pcm first = expected(land, 3, false), second = expected(civil, 1, false);
  auto said = sentences();
  ASSERT_EQ(said.size(), 2u);
  EXPECT_GT(envelope_similarity(said[0], first), kSame);
  EXPECT_GT(envelope_similarity(said[1], second), kSame);
  EXPECT_LT(envelope_similarity(said[0], second), envelope_similarity(said[0], first));
  EXPECT_LT(envelope_similarity(said[1], first), envelope_similarity(said[1], second));
  EXPECT_GE(said[0].samples.size() + 100, first.samples.size()) << "the first was cut off";

  // Recall at counter 3: the board keeps the number there and the speaker says it again.
  const auto r = canbo3->counter_action(3, "recall");
  ASSERT_TRUE(r.ok()) << r.message;
  ASSERT_TRUE(wait_announcements(3)) << "the recall was not announced";
  said = sentences();
  ASSERT_EQ(said.size(), 3u);
  EXPECT_GT(envelope_similarity(said[2], expected(land, 3, true)), kSame);
  ASSERT_EQ(spoken().size(), 3u);
  EXPECT_NE(spoken()[2].find("nhắc lại"), std::string::npos) << spoken()[2];
  EXPECT_EQ(number_in_row(3), land);
  EXPECT_EQ(number_in_row(1), civil);
}

TEST_F(DisplayE2E, AfterTicketdIsKilledAndRestartedTheBoardResyncsWithoutReannouncing) {
  ASSERT_TRUE(daemon_.start()) << daemon_.log();
  start_display(daemon_.port());
  ASSERT_TRUE(wait_until([&] { return connections() >= 1; }, 30s));
  const std::string land = issue("dat-dai");
  {
    auto canbo3 = officer("canbo3", 3);
    ASSERT_EQ(call_next(*canbo3, 3), land);
  }
  ASSERT_TRUE(wait_announcements(1));

  daemon_.kill9();
  EXPECT_TRUE(wait_until([&] { return offline_mark_shown(); }, 30s)) << "no \"Mất kết nối\" mark";
  ASSERT_TRUE(daemon_.restart_on_same_port()) << daemon_.log();
  ASSERT_TRUE(wait_until([&] { return connections() >= 2; }, 30s)) << "did not reconnect";
  EXPECT_TRUE(wait_until([&] { return !offline_mark_shown(); }, 10s));
  // Resynced from the snapshot: counter 3 still calls the same number.
  EXPECT_EQ(number_in_row(3), land);

  // A new call after the restart is shown and spoken; the old one is not spoken again.
  const std::string civil = issue("ho-tich");
  {
    auto canbo1 = officer("canbo1", 1);
    ASSERT_EQ(call_next(*canbo1, 1), civil);
  }
  ASSERT_TRUE(wait_announcements(2)) << "the call after the restart was not announced";
  std::string seen;
  EXPECT_TRUE(wait_until([&] { return (seen = number_in_row(1)) == civil; }, 30s)) << "OCR read '" << seen << "'";
  EXPECT_EQ(number_in_row(3), land);
  const auto said = sentences();
  ASSERT_EQ(said.size(), 2u) << "the old call was announced again";
  EXPECT_GT(envelope_similarity(said[1], expected(civil, 1, false)), kSame);
  EXPECT_EQ(spoken().size(), 2u);
}

TEST_F(DisplayE2E, StartsBeforeTicketdIsUpAndConnectsWhenItComes) {
  // Learn a free port from a first run, then stop ticketd so the display finds nobody there.
  ASSERT_TRUE(daemon_.start()) << daemon_.log();
  const unsigned short port = daemon_.port();
  daemon_.stop();
  start_display(port);
  ASSERT_TRUE(wait_until([&] { return display_->log_lines("mất kết nối").size() >= 1; }, 30s));
  EXPECT_TRUE(wait_until([&] { return offline_mark_shown(); }, 30s));
  EXPECT_TRUE(display_->running());

  ASSERT_TRUE(daemon_.restart_on_same_port()) << daemon_.log();
  ASSERT_TRUE(wait_until([&] { return connections() >= 1; }, 40s)) << "did not connect once ticketd came up";
  const std::string land = issue("dat-dai");
  auto canbo3 = officer("canbo3", 3);
  ASSERT_EQ(call_next(*canbo3, 3), land);
  std::string seen;
  EXPECT_TRUE(wait_until([&] { return (seen = number_in_row(3)) == land; }, 30s)) << "OCR read '" << seen << "'";
  ASSERT_TRUE(wait_announcements(1));
  EXPECT_GT(envelope_similarity(sentences()[0], expected(land, 3, false)), kSame);
  EXPECT_FALSE(offline_mark_shown());
}

// The IT person mistyped the board's key: the board stays offline and its log says why in
// the daemon's words, not as a network fault.
TEST_F(DisplayE2E, AWrongKeyIsNamedInTheLogAndTheBoardStaysOffline) {
  ASSERT_TRUE(daemon_.start()) << daemon_.log();
  start_display(daemon_.port(), 1, "sai-khoa-123");
  ASSERT_TRUE(wait_until([&] { return display_->log_lines("mất kết nối").size() >= 1; }, 30s));
  const std::string line = display_->log_lines("mất kết nối").front();
  EXPECT_NE(line.find("máy chủ từ chối (HTTP 401): Khóa thiết bị không đúng"), std::string::npos) << line;
  EXPECT_TRUE(wait_until([&] { return offline_mark_shown(); }, 30s));
  EXPECT_EQ(connections(), 0u);
}

// An ordinary morning: several counters call within seconds. Said back to back, two
// repetitions each, the last citizen waited about a minute for a first hearing (long enough
// to be marked absent), and the large box showed the newest number while the voice was still
// on the first. Now each number is heard once before any is repeated, and the large box shows
// the number being said.
TEST_F(DisplayE2E, InABurstEachNumberIsHeardOnceBeforeRepeatsAndTheLargeBoxShowsTheOneBeingSaid) {
  ASSERT_TRUE(daemon_.start()) << daemon_.log();
  start_display(daemon_.port(), 2);
  ASSERT_TRUE(wait_until([&] { return connections() >= 1; }, 30s));

  struct Desk {
    std::string user;
    int counter;
    std::string service;
  };
  const std::vector<Desk> desks{{"canbo3", 3, "dat-dai"}, {"canbo4", 4, "ldtbxh"}, {"canbo5", 5, "kinh-doanh"}};
  std::vector<std::unique_ptr<client::ApiClient>> officers;
  std::vector<std::string> numbers, sentences_said;
  for (const Desk& d : desks) {
    numbers.push_back(issue(d.service));
    officers.push_back(officer(d.user, d.counter));
  }
  for (std::size_t i = 0; i < desks.size(); ++i) {
    ASSERT_EQ(call_next(*officers[i], desks[i].counter), numbers[i]);
    sentences_said.push_back("phát: " + speech::call_utterance(numbers[i], desks[i].counter, false, {}).text);
  }

  // While the voice says the first or second number (the newest is the third), a frame with
  // every counter's number in its row shows the number being said in the large box.
  const Layout l = compute_layout(kWidth, kHeight, kCounters, false);
  const Box box{l.newest.x, l.newest.y + l.newest.h / 5, l.newest.w, l.newest.h * 3 / 5};
  std::string boxed, being_said;
  ASSERT_TRUE(wait_until([&] {
    const std::size_t before = spoken().size();
    const auto f = frame();
    const auto after = spoken();
    // Only a frame drawn while one known announcement was playing counts.
    if (!f || before != after.size() || after.empty() || after.size() > 2) return false;
    for (std::size_t i = 0; i < desks.size(); ++i)
      if (testing::digits_of(testing::ocr_line(*f, l.rows.at(desks[i].counter - 1).number, dir_.string())) != numbers[i])
        return false;
    for (std::size_t i = 0; i < desks.size(); ++i)
      if (after.back() == sentences_said[i]) being_said = numbers[i];
    boxed = testing::digits_of(testing::ocr_line(*f, box, dir_.string()));
    return true;
  }, 60s)) << "no frame with all three calls while the first two were said";
  EXPECT_FALSE(being_said.empty());
  EXPECT_EQ(boxed, being_said) << "the large box shows another number than the voice says";

  // The voice: the three numbers once each, in the order called, then each again.
  ASSERT_TRUE(wait_spoken(6, 120s));
  const auto said = spoken();
  ASSERT_EQ(said.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(said[i], sentences_said[i % 3]) << "announcement " << i + 1;
  // One chime per call, before its first hearing only.
  EXPECT_EQ(testing::find_all(wav().samples, chime().samples).size(), 3u);
}

// A paused counter said only "Tạm dừng": those waiting for it could not tell lunch from a
// moment's break. The officer's reason is shown in its row.
TEST_F(DisplayE2E, APausedCounterShowsTheOfficersReason) {
  ASSERT_TRUE(daemon_.start()) << daemon_.log();
  start_display(daemon_.port());
  ASSERT_TRUE(wait_until([&] { return connections() >= 1; }, 30s));
  auto canbo4 = officer("canbo4", 4);
  const auto r = canbo4->counter_action(4, "pause", boost::json::object{{"reason", "Nghỉ trưa"}});
  ASSERT_TRUE(r.ok()) << r.message;

  const CounterCells cells = compute_layout(kWidth, kHeight, kCounters, false).rows.at(3);
  const Box across{cells.number.x, cells.detail.y + cells.detail.h / 4,
                   cells.detail.x + cells.detail.w - cells.number.x, cells.detail.h / 2};
  std::string seen;
  EXPECT_TRUE(wait_until([&] {
    const auto f = frame();
    seen = f ? testing::ocr_line(*f, across, dir_.string()) : "";
    return seen.find("Nghỉ trưa") != std::string::npos;
  }, 30s)) << "OCR read '" << seen << "'";
  EXPECT_NE(seen.find("Tạm dừng"), std::string::npos) << seen;
}

}  // namespace
}  // namespace motcua::display
