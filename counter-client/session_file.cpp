#include "session_file.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

#include <sys/stat.h>

#include <boost/json.hpp>

#include "client/api_result.hpp"

namespace motcua::counter {

namespace fs = std::filesystem;
namespace json = boost::json;

fs::path state_dir() {
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg) return fs::path(xdg) / "motcua";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".local/state/motcua";
  return fs::path(".motcua-state");
}

fs::path default_session_path() { return state_dir() / "session.json"; }
fs::path default_panel_prefs_path() { return state_dir() / "panel.json"; }

std::optional<Session> load_session(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  json::value v = json::parse(text.str(), ec);
  if (ec || !v.is_object()) return std::nullopt;
  Session s;
  s.server = client::json_string(v, "server");
  s.token = client::json_string(v, "token");
  s.counter = static_cast<int>(client::json_int(v, "counter"));
  s.username = client::json_string(v, "username");
  s.display_name = client::json_string(v, "display_name");
  s.expires_at = client::json_int(v, "expires_at");
  return s;
}

bool save_session(const fs::path& path, const Session& s) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  json::object o;
  o["server"] = s.server;
  o["token"] = s.token;
  o["counter"] = s.counter;
  o["username"] = s.username;
  o["display_name"] = s.display_name;
  o["expires_at"] = s.expires_at;
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return false;
    ::chmod(tmp.c_str(), 0600);
    out << json::serialize(o) << "\n";
    if (!out) return false;
  }
  fs::rename(tmp, path, ec);
  return !ec;
}

void remove_session(const fs::path& path) {
  std::error_code ec;
  fs::remove(path, ec);
}

}  // namespace motcua::counter
