// The display's configuration: a TOML file (--config) with flags applied over it, and the
// errors a wrong flag or file gives.
#include "display_settings.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace motcua::display {
namespace {
namespace fs = std::filesystem;

class SettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("motcua-display-settings-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& text) {
    const std::string path = (dir_ / "display.toml").string();
    std::ofstream(path) << text;
    return path;
  }
  fs::path dir_;
};

TEST_F(SettingsTest, DefaultsWithoutFlags) {
  const auto r = parse_display_settings({});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const DisplaySettings& s = r.value();
  EXPECT_EQ(s.server, "127.0.0.1:8080");
  EXPECT_EQ(s.screen.width, 1920);
  EXPECT_EQ(s.screen.height, 1080);
  EXPECT_FALSE(s.screen.portrait);
  EXPECT_TRUE(s.sound.enabled);
  EXPECT_EQ(s.sound.voice, "vi");
  EXPECT_EQ(s.sound.queue.repetitions, 2);
  EXPECT_TRUE(s.board.filter.counters.empty());
  EXPECT_TRUE(s.board.filter.services.empty());
  // The scrolling line defaults to the ten service rules.
  ASSERT_EQ(s.notices.size(), 10u);
  EXPECT_EQ(s.notices.front(), "Khách đến, được chào hỏi");
  EXPECT_EQ(s.notices.back(), "Khách về, được hài lòng");
  EXPECT_EQ(s.sound.style.reading, speech::NumberReading::words);
  EXPECT_EQ(s.sound.style.numbers.dialect, speech::Dialect::northern);
  EXPECT_EQ(s.screen.renderer, "software");  // strip redraws keep an idle board cheap
}

TEST_F(SettingsTest, EveryFlagLandsInItsField) {
  const auto r = parse_display_settings(
      {"--server", "10.0.0.5:9000", "--key", "demo-display-key-1", "--office-name", "UBND phường Bến Nghé",
       "--size", "1280x720", "--portrait", "--fullscreen", "--monitor", "2", "--ticker-fps", "12", "--renderer", "accelerated", "--counters", "1,2,3",
       "--services", "ho-tich,chung-thuc", "--recent", "5", "--voice", "vi-vn-x-south", "--rate", "130",
       "--volume", "150", "--repeat", "3", "--dialect", "south", "--four", "bốn", "--reading", "digits",
       "--clips", "/srv/clips", "--no-chime", "--stale-after", "30", "--wav-out", "/tmp/x.wav",
       "--frames-dir", "/tmp/frames", "--screenshot", "/tmp/s.png", "--exit-after", "2.5"});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const DisplaySettings& s = r.value();
  EXPECT_EQ(s.server, "10.0.0.5:9000");
  EXPECT_EQ(s.device_key, "demo-display-key-1");
  EXPECT_EQ(s.office_name, "UBND phường Bến Nghé");
  EXPECT_EQ(s.screen.width, 1280);
  EXPECT_EQ(s.screen.height, 720);
  EXPECT_TRUE(s.screen.portrait);
  EXPECT_TRUE(s.screen.fullscreen);
  EXPECT_EQ(s.screen.monitor, 2);
  EXPECT_EQ(s.screen.ticker_fps, 12);
  EXPECT_EQ(s.screen.renderer, "accelerated");
  EXPECT_EQ(s.board.filter.counters, (std::set<int>{1, 2, 3}));
  EXPECT_EQ(s.board.filter.services, (std::set<std::string>{"ho-tich", "chung-thuc"}));
  EXPECT_EQ(s.board.max_recent, 5u);
  EXPECT_EQ(s.sound.voice, "vi-vn-x-south");
  EXPECT_EQ(s.sound.rate, 130);
  EXPECT_EQ(s.sound.volume, 150);
  EXPECT_EQ(s.sound.queue.repetitions, 3);
  EXPECT_EQ(s.sound.style.numbers.dialect, speech::Dialect::southern);
  EXPECT_FALSE(s.sound.style.numbers.four_as_tu);
  EXPECT_EQ(s.sound.style.reading, speech::NumberReading::digits);
  EXPECT_EQ(s.sound.clips_dir, "/srv/clips");
  EXPECT_FALSE(s.sound.chime);
  EXPECT_EQ(s.sound.queue.stale_after, Millis{30000});
  EXPECT_EQ(s.board.fresh_window, Millis{30000});  // the board and the speaker agree on "too old"
  EXPECT_EQ(s.sound.wav_out, "/tmp/x.wav");
  EXPECT_EQ(s.frames_dir, "/tmp/frames");
  EXPECT_EQ(s.screenshot, "/tmp/s.png");
  EXPECT_DOUBLE_EQ(s.exit_after_s, 2.5);
  EXPECT_TRUE(parse_display_settings({"--no-sound"}).value().sound.enabled == false);
}

TEST_F(SettingsTest, TomlFileSetsEverySection) {
  const std::string path = write(R"(
[server]
address = "192.168.1.10:8080"
device_key = "demo-display-key-1"

[board]
office_name = "Bộ phận Một cửa xã Tân Phú"
utc_offset_minutes = 420
notices = ["Giữ trật tự nơi công cộng", "Chuẩn bị sẵn căn cước"]
recent_calls = 6
blink_s = 4

[filter]
counters = [4, 5, 6]
services = ["dat-dai"]

[screen]
width = 1280
height = 720
portrait = true
fullscreen = true
monitor = 3
ticker_fps = 15
renderer = "accelerated"

[speech]
enabled = true
voice = "vi-vn-x-central"
rate = 140
volume = 120
chime = false
clips = "/srv/clips"
repetitions = 1
stale_after_s = 45
dialect = "south"
four = "bốn"
reading = "digits"
)");
  const auto r = parse_display_settings({"--config", path});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const DisplaySettings& s = r.value();
  EXPECT_EQ(s.server, "192.168.1.10:8080");
  EXPECT_EQ(s.device_key, "demo-display-key-1");
  EXPECT_EQ(s.office_name, "Bộ phận Một cửa xã Tân Phú");
  EXPECT_EQ(s.notices, (std::vector<std::string>{"Giữ trật tự nơi công cộng", "Chuẩn bị sẵn căn cước"}));
  EXPECT_EQ(s.board.max_recent, 6u);
  EXPECT_EQ(s.board.blink_for, Millis{4000});
  EXPECT_EQ(s.board.filter.counters, (std::set<int>{4, 5, 6}));
  EXPECT_EQ(s.board.filter.services, (std::set<std::string>{"dat-dai"}));
  EXPECT_EQ(s.screen.width, 1280);
  EXPECT_EQ(s.screen.height, 720);
  EXPECT_TRUE(s.screen.portrait);
  EXPECT_TRUE(s.screen.fullscreen);
  EXPECT_EQ(s.screen.monitor, 3);
  EXPECT_EQ(s.screen.ticker_fps, 15);
  EXPECT_EQ(s.screen.renderer, "accelerated");
  EXPECT_EQ(s.sound.voice, "vi-vn-x-central");
  EXPECT_EQ(s.sound.rate, 140);
  EXPECT_EQ(s.sound.volume, 120);
  EXPECT_FALSE(s.sound.chime);
  EXPECT_EQ(s.sound.clips_dir, "/srv/clips");
  EXPECT_EQ(s.sound.queue.repetitions, 1);
  EXPECT_EQ(s.sound.queue.stale_after, Millis{45000});
  EXPECT_EQ(s.board.fresh_window, Millis{45000});
  EXPECT_EQ(s.sound.style.numbers.dialect, speech::Dialect::southern);
  EXPECT_FALSE(s.sound.style.numbers.four_as_tu);
  EXPECT_EQ(s.sound.style.reading, speech::NumberReading::digits);
}

// deploy/display.example.toml documents the file: it must load, and say what it says.
TEST_F(SettingsTest, TheShippedExampleLoadsAsItReads) {
  auto r = parse_display_settings({"--config", std::string(MOTCUA_SOURCE_DIR) + "/deploy/display.example.toml"});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const DisplaySettings& s = r.value();
  EXPECT_EQ(s.server, "192.168.1.10:8080");
  EXPECT_EQ(s.device_key, "thay-khoa-may-bang");
  EXPECT_EQ(s.utc_offset_minutes, 420);
  EXPECT_EQ(s.board.max_recent, 8u);
  ASSERT_EQ(s.notices.size(), 3u);
  EXPECT_EQ(s.notices[1], "Khách chờ, được xin lỗi");
  EXPECT_TRUE(s.board.filter.counters.empty());
  EXPECT_TRUE(s.screen.fullscreen);
  EXPECT_EQ(s.screen.monitor, 0);
  EXPECT_EQ(s.screen.renderer, "software");
  EXPECT_TRUE(s.sound.enabled);
  EXPECT_EQ(s.sound.voice, "vi");
  EXPECT_EQ(s.sound.style.numbers.dialect, speech::Dialect::northern);
  EXPECT_TRUE(s.sound.style.numbers.four_as_tu);
  EXPECT_EQ(s.sound.style.reading, speech::NumberReading::words);
  EXPECT_EQ(s.sound.queue.repetitions, 2);
  EXPECT_EQ(s.sound.queue.stale_after, Millis{60000});
}

TEST_F(SettingsTest, FlagsOverrideTheFileWhateverTheirOrder) {
  const std::string path = write("[server]\naddress = \"192.168.1.10:8080\"\n[screen]\nwidth = 1280\nheight = 720\n"
                                 "[speech]\nrepetitions = 1\n");
  // --config after the flags it is overridden by: the file is read first regardless.
  const auto r = parse_display_settings({"--repeat", "4", "--server", "127.0.0.1:9", "--config", path});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r.value().server, "127.0.0.1:9");
  EXPECT_EQ(r.value().sound.queue.repetitions, 4);
  EXPECT_EQ(r.value().screen.width, 1280);  // untouched by flags: from the file
}

TEST_F(SettingsTest, AFileWithoutOptionalSectionsKeepsTheDefaults) {
  const auto r = parse_display_settings({"--config", write("[server]\ndevice_key = \"k\"\n")});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r.value().device_key, "k");
  EXPECT_EQ(r.value().screen.width, 1920);
  EXPECT_EQ(r.value().notices.size(), 10u);
  EXPECT_EQ(r.value().sound.queue.repetitions, 2);
}

TEST_F(SettingsTest, BadFlagsAreRejectedWithAVietnameseReason) {
  const std::vector<std::vector<std::string>> bad = {
      {"--size", "1920"},          {"--size", "axb"},         {"--counters", "1,x"},
      {"--dialect", "west"},       {"--four", "4"},           {"--reading", "letters"},
      {"--repeat", "0"},           {"--ticker-fps", "0"},     {"--ticker-fps", "500"},
      {"--exit-after", "soon"},    {"--bogus", "1"},          {"--server"},
      {"--recent", "-2"},          {"--stale-after", "-1"},   {"--rate", "fast"},
      {"--renderer", "vulkan"},    {"--monitor", "hai"},      {"--monitor", "-1"},
      {"--monitor", "17"},
  };
  for (const auto& args : bad) {
    const auto r = parse_display_settings(args);
    EXPECT_FALSE(r.is_ok()) << args.front() << (args.size() > 1 ? " " + args[1] : "");
    if (!r.is_ok()) {
      EXPECT_FALSE(r.status().message().empty());
    }
  }
}

TEST_F(SettingsTest, BadConfigFilesAreRejected) {
  EXPECT_FALSE(parse_display_settings({"--config", (dir_ / "missing.toml").string()}).is_ok());
  EXPECT_FALSE(parse_display_settings({"--config", write("[screen\nwidth = 1")}).is_ok());      // TOML syntax
  EXPECT_FALSE(parse_display_settings({"--config", write("[screen]\nwidth = \"wide\"\n")}).is_ok());  // wrong type
  EXPECT_FALSE(parse_display_settings({"--config", write("[speech]\ndialect = \"west\"\n")}).is_ok());
  EXPECT_FALSE(parse_display_settings({"--config", write("[screen]\nrenderer = \"vulkan\"\n")}).is_ok());
  const auto monitor = parse_display_settings({"--config", write("[screen]\nmonitor = 40\n")});
  ASSERT_FALSE(monitor.is_ok());
  EXPECT_EQ(monitor.status().message().rfind("screen.monitor phải là số thứ tự màn hình", 0), 0u)
      << monitor.status().message();
  const auto r = parse_display_settings({"--config", write("[screen\n")});
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("Tệp cấu hình lỗi"), std::string::npos);
}

TEST_F(SettingsTest, AMisspeltKeyOrSectionIsRejectedNamingIt) {
  // Ignored without a word before: the TV simply did not go full screen.
  const std::vector<std::pair<std::string, std::string>> typos = {
      {"[screen]\nfulscreen = true\n", "screen.fulscreen"},
      {"[speach]\nrate = 120\n", "speach"},
      {"[board]\nblink = 10\n", "board.blink"},
      {"fullscreen = true\n", "fullscreen"},  // a key outside any section
  };
  for (const auto& [text, key] : typos) {
    const auto r = parse_display_settings({"--config", write(text)});
    ASSERT_FALSE(r.is_ok()) << text;
    EXPECT_NE(r.status().message().find("\"" + key + "\""), std::string::npos) << r.status().message();
  }
}

TEST_F(SettingsTest, AnEmptyNoticeListFallsBackToTheServiceRules) {
  const auto r = parse_display_settings({"--config", write("[board]\nnotices = []\n")});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r.value().notices, default_notices());
}

TEST_F(SettingsTest, UsageNamesTheTestModeFlags) {
  const std::string u = display_usage();
  for (const char* flag : {"--wav-out", "--frames-dir", "--screenshot", "--config", "--counters", "--services",
                           "--voice", "--reading", "--repeat"})
    EXPECT_NE(u.find(flag), std::string::npos) << flag;
}

}  // namespace
}  // namespace motcua::display
