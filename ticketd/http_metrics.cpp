#include "http_metrics.hpp"

#include <cstdio>

namespace motcua {

std::string HttpMetrics::render() const {
  std::string out;
  char line[256];
  out += "# HELP motcua_http_requests_total HTTP requests answered, by status class.\n";
  out += "# TYPE motcua_http_requests_total counter\n";
  for (std::size_t c = 1; c < requests_.size(); ++c) {
    std::snprintf(line, sizeof line, "motcua_http_requests_total{code=\"%zuxx\"} %llu\n", c,
                  static_cast<unsigned long long>(requests_[c].load()));
    out += line;
  }
  out += "# HELP motcua_http_request_duration_seconds Time from a complete request to its response.\n";
  out += "# TYPE motcua_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < kBucketsLe.size(); ++i) {
    std::snprintf(line, sizeof line, "motcua_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n", kBucketsLe[i],
                  static_cast<unsigned long long>(buckets_[i].load()));
    out += line;
  }
  std::snprintf(line, sizeof line,
                "motcua_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n"
                "motcua_http_request_duration_seconds_sum %.6f\n"
                "motcua_http_request_duration_seconds_count %llu\n",
                static_cast<unsigned long long>(count_.load()), sum_us_.load() / 1e6,
                static_cast<unsigned long long>(count_.load()));
  out += line;
  out += "# HELP motcua_websocket_clients Connected WebSocket clients.\n# TYPE motcua_websocket_clients gauge\n";
  std::snprintf(line, sizeof line, "motcua_websocket_clients %lld\n", static_cast<long long>(ws_clients_.load()));
  out += line;
  out += "# HELP motcua_websocket_dropped_total Clients dropped for falling behind.\n";
  out += "# TYPE motcua_websocket_dropped_total counter\n";
  std::snprintf(line, sizeof line, "motcua_websocket_dropped_total %llu\n",
                static_cast<unsigned long long>(ws_dropped_.load()));
  out += line;
  return out;
}

}  // namespace motcua
