#include "static_files.hpp"

#include <cstring>
#include <fstream>
#include <sstream>

namespace motcua {
namespace {

std::string content_type_for(const std::string& path) {
  auto ends = [&](const char* ext) { return path.size() >= std::strlen(ext) && path.ends_with(ext); };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".wav")) return "audio/wav";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".ttf")) return "font/ttf";
  return "application/octet-stream";
}

bool safe_relative(const std::string& p) {
  if (p.empty() || p.find("..") != std::string::npos || p.find('\\') != std::string::npos || p.find('\0') != std::string::npos)
    return false;
  for (char c : p) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                    c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::optional<StaticFile> serve_static(const std::string& root, const std::string& url_path) {
  if (root.empty()) return std::nullopt;
  std::string rel;
  if (url_path == "/" || url_path.empty()) {
    rel = "index.html";
  } else if (url_path.starts_with("/t/")) {
    rel = "ticket.html";
  } else {
    rel = url_path.substr(1);
    if (rel.find('.') == std::string::npos) rel += ".html";
  }
  if (!safe_relative(rel)) return std::nullopt;
  std::ifstream in(root + "/" + rel, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buf;
  buf << in.rdbuf();
  return StaticFile{buf.str(), content_type_for(rel)};
}

}  // namespace motcua
