#include "display_settings.hpp"

#include <charconv>
#include <map>
#include <set>
#include <sstream>

#include <toml.hpp>

#include "screen/monitor_choice.hpp"

namespace motcua::display {
namespace {

Status bad(const std::string& what) { return Status::invalid_argument("invalid_flag", what); }

bool to_int(const std::string& s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

Status set_dialect(SoundSettings& s, const std::string& v) {
  if (v == "north" || v == "bac") s.style.numbers.dialect = speech::Dialect::northern;
  else if (v == "south" || v == "nam") s.style.numbers.dialect = speech::Dialect::southern;
  else return bad("--dialect: north hoặc south");
  return Status::ok();
}
Status set_four(SoundSettings& s, const std::string& v) {
  if (v == "tư" || v == "tu") s.style.numbers.four_as_tu = true;
  else if (v == "bốn" || v == "bon") s.style.numbers.four_as_tu = false;
  else return bad("--four: tư hoặc bốn");
  return Status::ok();
}
Status set_reading(SoundSettings& s, const std::string& v) {
  if (v == "words") s.style.reading = speech::NumberReading::words;
  else if (v == "digits") s.style.reading = speech::NumberReading::digits;
  else return bad("--reading: words hoặc digits");
  return Status::ok();
}

// toml11 3.7's multi-key find_or is picky about its default's type; this is the plain form.
template <typename T>
T get_or(const toml::value& data, const char* table, const char* key, T fallback) {
  if (!data.is_table() || !data.contains(table)) return fallback;
  const toml::value& t = data.at(table);
  if (!t.is_table() || !t.contains(key)) return fallback;
  return toml::get<T>(t.at(key));
}

// Every section and key load_toml reads. ticketd refuses a key it does not know, and so does
// the board: a misspelt `fulscreen = true` or `[speach]` used to be ignored without a word,
// leaving the IT person to wonder why the TV did not change.
const std::map<std::string, std::set<std::string>>& known_keys() {
  static const std::map<std::string, std::set<std::string>> keys{
      {"server", {"address", "device_key"}},
      {"board", {"office_name", "utc_offset_minutes", "notices", "recent_calls", "blink_s"}},
      {"filter", {"counters", "services"}},
      {"screen", {"width", "height", "portrait", "fullscreen", "monitor", "ticker_fps", "renderer"}},
      {"speech", {"enabled", "voice", "rate", "volume", "chime", "clips", "repetitions", "stale_after_s", "dialect",
                  "four", "reading"}},
  };
  return keys;
}

Status check_known_keys(const toml::value& data, const std::string& path) {
  if (!data.is_table()) return Status::ok();
  auto unknown = [&](const std::string& key) {
    return Status::invalid_argument("invalid_config", "Tệp cấu hình " + path + ": không có khóa \"" + key +
                                                          "\" (viết sai? xem deploy/display.example.toml)");
  };
  for (const auto& [section, value] : data.as_table()) {
    const auto it = known_keys().find(section);
    if (it == known_keys().end() || !value.is_table()) return unknown(section);
    for (const auto& [key, ignored] : value.as_table())
      if (!it->second.count(key)) return unknown(section + "." + key);
  }
  return Status::ok();
}

Status load_toml(const std::string& path, DisplaySettings& s) {
  try {
    const auto data = toml::parse(path);
    if (Status st = check_known_keys(data, path); !st.is_ok()) return st;
    s.server = get_or<std::string>(data, "server", "address", s.server);
    s.device_key = get_or<std::string>(data, "server", "device_key", s.device_key);
    s.office_name = get_or<std::string>(data, "board", "office_name", s.office_name);
    s.utc_offset_minutes = get_or<int>(data, "board", "utc_offset_minutes", s.utc_offset_minutes);
    s.notices = get_or<std::vector<std::string>>(data, "board", "notices", s.notices);
    s.board.max_recent = get_or<std::size_t>(data, "board", "recent_calls", s.board.max_recent);
    s.board.blink_for = Millis{get_or<int>(data, "board", "blink_s", 6) * 1000};
    for (int c : get_or<std::vector<int>>(data, "filter", "counters", {})) s.board.filter.counters.insert(c);
    for (const auto& c : get_or<std::vector<std::string>>(data, "filter", "services", {}))
      s.board.filter.services.insert(c);
    s.screen.width = get_or<int>(data, "screen", "width", s.screen.width);
    s.screen.height = get_or<int>(data, "screen", "height", s.screen.height);
    s.screen.portrait = get_or<bool>(data, "screen", "portrait", s.screen.portrait);
    s.screen.fullscreen = get_or<bool>(data, "screen", "fullscreen", s.screen.fullscreen);
    s.screen.monitor = get_or<int>(data, "screen", "monitor", s.screen.monitor);
    if (Status st = screen::check_monitor_number(s.screen.monitor, "screen.monitor"); !st.is_ok()) return st;
    s.screen.ticker_fps = get_or<int>(data, "screen", "ticker_fps", s.screen.ticker_fps);
    s.screen.renderer = get_or<std::string>(data, "screen", "renderer", s.screen.renderer);
    if (s.screen.renderer != "software" && s.screen.renderer != "accelerated")
      return bad("screen.renderer: software hoặc accelerated");
    s.sound.enabled = get_or<bool>(data, "speech", "enabled", s.sound.enabled);
    s.sound.voice = get_or<std::string>(data, "speech", "voice", s.sound.voice);
    s.sound.rate = get_or<int>(data, "speech", "rate", s.sound.rate);
    s.sound.volume = get_or<int>(data, "speech", "volume", s.sound.volume);
    s.sound.chime = get_or<bool>(data, "speech", "chime", s.sound.chime);
    s.sound.clips_dir = get_or<std::string>(data, "speech", "clips", s.sound.clips_dir);
    s.sound.queue.repetitions = get_or<int>(data, "speech", "repetitions", s.sound.queue.repetitions);
    s.sound.queue.stale_after = Millis{get_or<int>(data, "speech", "stale_after_s", 60) * 1000};
    if (Status st = set_dialect(s.sound, get_or<std::string>(data, "speech", "dialect", std::string("north"))); !st.is_ok())
      return st;
    if (Status st = set_four(s.sound, get_or<std::string>(data, "speech", "four", std::string("tư"))); !st.is_ok()) return st;
    if (Status st = set_reading(s.sound, get_or<std::string>(data, "speech", "reading", std::string("words"))); !st.is_ok())
      return st;
  } catch (const std::exception& e) {
    return Status::invalid_argument("invalid_config", std::string("Tệp cấu hình lỗi: ") + e.what());
  }
  return Status::ok();
}

}  // namespace

std::vector<std::string> default_notices() {
  return {"Khách đến, được chào hỏi",     "Khách ở, luôn tươi cười",        "Khách hỏi, được tư vấn",
          "Khách yêu cầu, phải tận tâm",  "Khách cần, được thông báo",      "Khách vội, giải quyết nhanh",
          "Khách chờ, được xin lỗi",      "Khách phàn nàn, phải lắng nghe", "Khách nhờ, luôn chu đáo",
          "Khách về, được hài lòng"};
}

std::string display_usage() {
  return "display [--config FILE] [--server HOST:PORT] [--key DEVICE_KEY] [--office-name TEXT]\n"
         "        [--size 1920x1080|1280x720] [--portrait] [--fullscreen] [--monitor N] [--ticker-fps N]\n"
         "        [--renderer software|accelerated]\n"
         "        [--counters 1,2,3] [--services ho-tich,chung-thuc] [--recent N]\n"
         "        [--voice vi|vi-vn-x-central|vi-vn-x-south] [--rate WPM] [--volume 0..200]\n"
         "        [--repeat N] [--dialect north|south] [--four tư|bốn] [--reading words|digits]\n"
         "        [--clips DIR] [--no-chime] [--no-sound] [--stale-after S]\n"
         "        [--wav-out FILE] [--frames-dir DIR] [--screenshot FILE.png] [--exit-after S]\n";
}

Result<DisplaySettings> parse_display_settings(const std::vector<std::string>& args) {
  DisplaySettings s;
  s.notices = default_notices();
  for (std::size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == "--config")
      if (Status st = load_toml(args[i + 1], s); !st.is_ok()) return st;

  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) -> bool {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    std::string v;
    int n = 0;
    if (a == "--portrait") { s.screen.portrait = true; continue; }
    if (a == "--fullscreen") { s.screen.fullscreen = true; continue; }
    if (a == "--no-chime") { s.sound.chime = false; continue; }
    if (a == "--no-sound") { s.sound.enabled = false; continue; }
    if (!value(v)) return bad("Thiếu giá trị hoặc tham số không rõ: " + a);
    if (a == "--config") continue;
    else if (a == "--server") s.server = v;
    else if (a == "--key") s.device_key = v;
    else if (a == "--office-name") s.office_name = v;
    else if (a == "--size") {
      const auto x = v.find('x');
      if (x == std::string::npos || !to_int(v.substr(0, x), s.screen.width) || !to_int(v.substr(x + 1), s.screen.height))
        return bad("--size: RỘNGxCAO, ví dụ 1920x1080");
    } else if (a == "--monitor") {
      if (!to_int(v, n)) return bad("--monitor: số thứ tự màn hình, ví dụ 2");
      if (Status st = screen::check_monitor_number(n, "--monitor"); !st.is_ok()) return st;
      s.screen.monitor = n;
    } else if (a == "--ticker-fps" && to_int(v, n) && n > 0 && n <= 60) s.screen.ticker_fps = n;
    else if (a == "--renderer") {
      if (v != "software" && v != "accelerated") return bad("--renderer: software hoặc accelerated");
      s.screen.renderer = v;
    }
    else if (a == "--counters") {
      for (const auto& c : split_list(v)) {
        if (!to_int(c, n)) return bad("--counters: danh sách số quầy, ví dụ 1,2,3");
        s.board.filter.counters.insert(n);
      }
    } else if (a == "--services") {
      for (const auto& c : split_list(v)) s.board.filter.services.insert(c);
    } else if (a == "--recent" && to_int(v, n) && n > 0) s.board.max_recent = static_cast<std::size_t>(n);
    else if (a == "--voice") s.sound.voice = v;
    else if (a == "--rate" && to_int(v, n)) s.sound.rate = n;
    else if (a == "--volume" && to_int(v, n)) s.sound.volume = n;
    else if (a == "--repeat" && to_int(v, n) && n >= 1) s.sound.queue.repetitions = n;
    else if (a == "--stale-after" && to_int(v, n) && n >= 0) s.sound.queue.stale_after = Millis{n * 1000};
    else if (a == "--dialect") { if (Status st = set_dialect(s.sound, v); !st.is_ok()) return st; }
    else if (a == "--four") { if (Status st = set_four(s.sound, v); !st.is_ok()) return st; }
    else if (a == "--reading") { if (Status st = set_reading(s.sound, v); !st.is_ok()) return st; }
    else if (a == "--clips") s.sound.clips_dir = v;
    else if (a == "--wav-out") s.sound.wav_out = v;
    else if (a == "--frames-dir") s.frames_dir = v;
    else if (a == "--screenshot") s.screenshot = v;
    else if (a == "--exit-after") {
      try { s.exit_after_s = std::stod(v); } catch (...) { return bad("--exit-after: số giây"); }
    } else return bad("Tham số không hợp lệ: " + a + " " + v);
  }
  // The board stops blinking/announcing calls by the same window the speaker uses.
  s.board.fresh_window = s.sound.queue.stale_after;
  if (s.notices.empty()) s.notices = default_notices();
  return s;
}

}  // namespace motcua::display
