// The CLI's session file (token, server, counter) and the panel's remembered sign-in,
// stored as small JSON files under $XDG_STATE_HOME/motcua (or ~/.local/state/motcua).
// Plain functions; callers serialise access (one process uses a file at a time).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace motcua::counter {

struct Session {
  std::string server;  // "host:port"
  std::string token;
  int counter = 0;
  std::string username;
  std::string display_name;
  std::int64_t expires_at = 0;
};

// $XDG_STATE_HOME/motcua, else $HOME/.local/state/motcua, else ./.motcua-state.
std::filesystem::path state_dir();
std::filesystem::path default_session_path();
std::filesystem::path default_panel_prefs_path();

std::optional<Session> load_session(const std::filesystem::path& path);
// Written with mode 0600 because it holds a bearer token. Returns false on I/O failure.
bool save_session(const std::filesystem::path& path, const Session& session);
void remove_session(const std::filesystem::path& path);

}  // namespace motcua::counter
