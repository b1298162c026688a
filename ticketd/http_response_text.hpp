// The bytes of one HTTP/1.x response, written to the socket as a single buffer.
//
// Every answer ticketd gives is a status, a handful of headers and a body already in
// memory, so it is laid out in one string here instead of going through Beast's
// general-purpose serializer, which walks a chain of buffer views for each write and
// cost about as much as the whole request's domain work (see BENCHMARKS.md, ticketd).
#pragma once

#include <string>

#include "api.hpp"

namespace motcua {

struct ResponseFraming {
  unsigned version = 11;      // the request's HTTP version: 10 or 11
  bool keep_alive = true;     // the connection stays open after this response
  bool head_request = false;  // HEAD: the headers of the GET answer, without its body
};

// Status line, Server, Content-Type (not for 204/304), the response's own headers,
// Content-Length (not for 1xx/204/304), Connection when it differs from the version's
// default, then the body. A header whose name or value holds CR, LF or NUL is dropped:
// it could split the response.
std::string http_response_text(const ApiResponse& response, const ResponseFraming& framing);
// The same, laid out in `out` (replacing what it held): a connection reuses one buffer,
// and its capacity, for every answer.
void write_http_response_text(std::string& out, const ApiResponse& response, const ResponseFraming& framing);

}  // namespace motcua
