// DisplaySettings: everything a board can be configured with, from a TOML file and flags.
// Plain values; parsing reads the config file once at start-up on the main thread.
#pragma once

#include <string>
#include <vector>

#include "board.hpp"
#include "domain/status.hpp"
#include "speech/call_text.hpp"

namespace motcua::display {

struct ScreenSettings {
  int width = 1920;
  int height = 1080;
  bool portrait = false;   // the TV is turned: the layout is drawn for a tall screen
  bool fullscreen = false;
  int monitor = 0;         // which monitor (1-based; 0 = the system's main one): --monitor, screen.monitor
  int ticker_fps = 20;     // frame rate while only the scrolling line moves (each frame redraws the strip)
  int ticker_speed_px_s = 90;
  // "software": SDL's software renderer; while only the scrolling line moves, just that strip
  // is redrawn and sent to the screen, which keeps an idle board cheap with or without a GPU.
  // "accelerated": the GPU renderer, redrawing whole frames.
  std::string renderer = "software";
};

struct SoundSettings {
  bool enabled = true;
  std::string voice = "vi";  // vi, vi-vn-x-central, vi-vn-x-south
  int rate = 150;            // words per minute (espeak-ng: 80..450)
  int volume = 100;          // espeak-ng amplitude, 0..200
  bool chime = true;
  std::string clips_dir;     // a recorded clip pack; empty: TTS only
  std::string wav_out;       // write what would be played to this WAV instead of the speakers
  speech::SpeechStyle style;
  speech::QueueSettings queue;
};

struct DisplaySettings {
  std::string server = "127.0.0.1:8080";
  std::string device_key;
  std::string office_name;   // overrides /api/office's name when set
  int utc_offset_minutes = 420;
  std::vector<std::string> notices;  // the scrolling line; default: the ten service rules
  BoardSettings board;
  ScreenSettings screen;
  SoundSettings sound;
  std::string frames_dir;    // save every redrawn frame as PNG here
  std::string screenshot;    // keep the latest frame as this PNG
  double exit_after_s = 0;   // quit after this long (tests, demos); 0 = run until closed
};

// The ten service rules posted in Hanoi offices (DOMAIN.md).
std::vector<std::string> default_notices();

// Reads the TOML file named by --config (if any), then applies the flags over it.
// `usage_out` gets the help text for --help; a non-ok Status explains a bad flag or file.
Result<DisplaySettings> parse_display_settings(const std::vector<std::string>& args);
std::string display_usage();

}  // namespace motcua::display
