// The real display program against the real ticketd on loopback: officers act through the
// documented API, the display runs headless (SDL dummy drivers) writing its frames as PNG and
// its sound to a WAV file, and the test reads both back — the number in the counter's row
// by OCR (tesseract -l vie), the announcements by their exact samples.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>

#include "announcer.hpp"
#include "client/api_client.hpp"
#include "daemon_process.hpp"
#include "display_process.hpp"
#include "espeak_synth.hpp"
#include "frame_reader.hpp"
#include "layout.hpp"

namespace motcua::display {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using motcua::testing::DaemonProcess;
using testing::DisplayProcess;
using testing::Frame;
using testing::wait_until;

constexpr int kWidth = 1280, kHeight = 720, kCounters = 6;  // the demo office has six counters

// Where `needle` starts in `hay` at or after `from`, or npos.
std::size_t find_samples(const std::vector<std::int16_t>& hay, const std::vector<std::int16_t>& needle,
                         std::size_t from = 0) {
  if (needle.empty() || from >= hay.size()) return std::string::npos;
  auto it = std::search(hay.begin() + static_cast<std::ptrdiff_t>(from), hay.end(), needle.begin(), needle.end());
  return it == hay.end() ? std::string::npos : static_cast<std::size_t>(it - hay.begin());
}

std::size_t count_samples(const std::vector<std::int16_t>& hay, const std::vector<std::int16_t>& needle) {
  std::size_t n = 0;
  for (std::size_t at = find_samples(hay, needle); at != std::string::npos; at = find_samples(hay, needle, at + 1)) ++n;
  return n;
}

double rms(const std::vector<std::int16_t>& s) {
  double sum = 0;
  for (auto v : s) sum += double(v) * v;
  return s.empty() ? 0 : std::sqrt(sum / double(s.size()));
}

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

  void start_display(unsigned short port) {
    display_ = std::make_unique<DisplayProcess>(
        std::vector<std::string>{"--server", "127.0.0.1:" + std::to_string(port), "--key", "demo-display-key-1",
                                 "--size", std::to_string(kWidth) + "x" + std::to_string(kHeight), "--repeat", "1",
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
  // The exact audio the display plays for one announcement (chime + sentence), rendered here
  // with the same voice and settings.
  Pcm expected_announcement(const std::string& number, int counter, bool recall) {
    auto sink = make_wav_file_sink((dir_ / "reference.wav").string(), synth_->sample_rate());
    ClipPack none("", synth_->sample_rate());
    Announcer a({}, *sink, none, [](const std::string& t) { return synth_->synthesize(t); }, synth_->sample_rate());
    return a.render(speech::Call{1, 1, number, counter, recall, {}}, true);
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
  // The WAV is rewritten after each played announcement; wait until `pcm` is in it `times` times.
  bool wait_in_wav(const Pcm& pcm, std::size_t times, std::chrono::milliseconds timeout = 60s) {
    return wait_until([&] { return count_samples(wav().samples, pcm.samples) >= times; }, timeout);
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

  // The speaker: exactly one announcement (--repeat 1), the expected sentence, and real speech.
  ASSERT_TRUE(wait_spoken(1));
  const Pcm expected = expected_announcement(number, 3, false);
  ASSERT_TRUE(wait_in_wav(expected, 1)) << "the WAV does not hold the announcement of " << number;
  const Pcm out = wav();
  EXPECT_GT(out.duration(), 3000ms);   // chime (~1.3 s) + about 17 syllables of speech
  EXPECT_LT(out.duration(), 20000ms);
  EXPECT_GT(rms(out.samples), 500.0);  // not silence
  EXPECT_NE(spoken().at(0).find("ba nghìn không trăm linh một"), std::string::npos) << spoken().at(0);
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

  const Pcm first = expected_announcement(land, 3, false), second = expected_announcement(civil, 1, false);
  ASSERT_NE(first.samples, second.samples);
  ASSERT_TRUE(wait_in_wav(second, 1)) << "second announcement missing";
  Pcm out = wav();
  const std::size_t at1 = find_samples(out.samples, first.samples), at2 = find_samples(out.samples, second.samples);
  ASSERT_NE(at1, std::string::npos);
  EXPECT_LT(at1 + first.samples.size(), at2 + 1) << "the announcements overlap or are out of order";
  EXPECT_EQ(count_samples(out.samples, first.samples), 1u);

  // Recall at counter 3: the board keeps the number there and the speaker says it again.
  const auto r = canbo3->counter_action(3, "recall");
  ASSERT_TRUE(r.ok()) << r.message;
  const Pcm recall = expected_announcement(land, 3, true);
  ASSERT_TRUE(wait_in_wav(recall, 1)) << "the recall was not announced";
  out = wav();
  EXPECT_GT(find_samples(out.samples, recall.samples), at2);
  ASSERT_EQ(spoken().size(), 3u);
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
  ASSERT_TRUE(wait_spoken(1));
  const Pcm land_call = expected_announcement(land, 3, false);
  ASSERT_TRUE(wait_in_wav(land_call, 1));

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
  const Pcm civil_call = expected_announcement(civil, 1, false);
  ASSERT_TRUE(wait_in_wav(civil_call, 1)) << "the call after the restart was not announced";
  std::string seen;
  EXPECT_TRUE(wait_until([&] { return (seen = number_in_row(1)) == civil; }, 30s)) << "OCR read '" << seen << "'";
  const Pcm out = wav();
  EXPECT_EQ(count_samples(out.samples, land_call.samples), 1u) << "the old call was announced again";
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
  EXPECT_TRUE(wait_in_wav(expected_announcement(land, 3, false), 1));
  EXPECT_FALSE(offline_mark_shown());
}

}  // namespace
}  // namespace motcua::display
