// Serves the web pages (kiosk, citizen status page, dashboard) from a folder.
// Pure file reads; any thread.
#pragma once

#include <optional>
#include <string>

namespace motcua {

struct StaticFile {
  std::string body;
  std::string content_type;
};

// Maps a URL path to a file under `root`: "/" → index.html, "/kiosk" → kiosk.html,
// "/t/<code>" → ticket.html. Refuses anything that could leave `root`.
std::optional<StaticFile> serve_static(const std::string& root, const std::string& url_path);

}  // namespace motcua
