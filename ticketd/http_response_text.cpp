#include "http_response_text.hpp"

#include <boost/beast/http/status.hpp>

#include <charconv>

namespace motcua {
namespace {

bool safe_header_text(std::string_view s) {
  for (const char c : s)
    if (c == '\r' || c == '\n' || c == '\0') return false;
  return true;
}

bool has_no_body(unsigned status) { return status / 100 == 1 || status == 204 || status == 304; }

void put_header(std::string& out, std::string_view name, std::string_view value) {
  if (name.empty() || !safe_header_text(name) || !safe_header_text(value)) return;
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string http_response_text(const ApiResponse& response, const ResponseFraming& framing) {
  std::string out;
  write_http_response_text(out, response, framing);
  return out;
}

void write_http_response_text(std::string& out, const ApiResponse& response, const ResponseFraming& framing) {
  const bool no_body = has_no_body(response.status);
  out.clear();
  out.reserve(160 + response.content_type.size() + (no_body || framing.head_request ? 0 : response.body.size()));
  out.append(framing.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  char number[24];
  auto end = std::to_chars(number, number + sizeof number, response.status).ptr;
  out.append(number, end).push_back(' ');
  const auto reason = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(response.status));
  out.append(reason.data(), reason.size()).append("\r\n");
  put_header(out, "Server", "motcua-ticketd");
  if (response.status != 204 && response.status != 304) put_header(out, "Content-Type", response.content_type);
  for (const auto& [name, value] : response.headers) put_header(out, name, value);
  if (!no_body) {
    end = std::to_chars(number, number + sizeof number, response.body.size()).ptr;
    out.append("Content-Length: ").append(number, end).append("\r\n");
  }
  // HTTP/1.1 keeps a connection open unless told otherwise, HTTP/1.0 closes it.
  if (framing.version == 10 && framing.keep_alive) out.append("Connection: keep-alive\r\n");
  if (framing.version != 10 && !framing.keep_alive) out.append("Connection: close\r\n");
  out.append("\r\n");
  if (!no_body && !framing.head_request) out.append(response.body);
}

}  // namespace motcua
