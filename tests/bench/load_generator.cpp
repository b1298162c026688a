// A closed-loop HTTP load generator: N keep-alive connections, each sending the same
// request again as soon as the answer arrives, for a fixed time. Prints one JSON line:
// {"requests":…, "rps":…, "p50_ms":…, "p99_ms":…, "errors":…}.
//   load_generator PORT CONNECTIONS SECONDS METHOD PATH [BODY] [HEADER: VALUE]
// With LOAD_SERIES=FILE it also writes one line per request, "ms_since_start latency_ms"
// (tests/bench/stall_bins.py reads it): whether the slow requests come spread out or all
// at once shows whether a tail is the server stalling or noise.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Shared {
  http::request<http::string_body> request;
  Clock::time_point deadline;
  std::vector<double> latencies_ms;
  std::vector<std::pair<double, double>> series;  // (sent, latency) in ms, with LOAD_SERIES
  bool keep_series = false;
  Clock::time_point started;
  long errors = 0;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(net::io_context& ioc, Shared& shared) : stream_(ioc), shared_(shared) {}
  void start(tcp::endpoint ep) {
    stream_.async_connect(ep, [self = shared_from_this()](beast::error_code ec) {
      if (ec) {
        self->shared_.errors++;
        return;
      }
      self->stream_.socket().set_option(tcp::no_delay(true));
      self->send();
    });
  }

 private:
  void send() {
    if (Clock::now() >= shared_.deadline) return;
    sent_ = Clock::now();
    http::async_write(stream_, shared_.request, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) {
        self->shared_.errors++;
        return;
      }
      self->response_ = {};
      http::async_read(self->stream_, self->buffer_, self->response_,
                       [self](beast::error_code ec, std::size_t) { self->on_response(ec); });
    });
  }
  void on_response(beast::error_code ec) {
    if (ec) {
      shared_.errors++;
      return;
    }
    const unsigned status = response_.result_int();
    if (status >= 400) shared_.errors++;
    const double latency_ms = std::chrono::duration<double, std::milli>(Clock::now() - sent_).count();
    shared_.latencies_ms.push_back(latency_ms);
    if (shared_.keep_series)
      shared_.series.emplace_back(std::chrono::duration<double, std::milli>(sent_ - shared_.started).count(), latency_ms);
    send();
  }
  beast::tcp_stream stream_;
  Shared& shared_;
  beast::flat_buffer buffer_;
  http::response<http::string_body> response_;
  Clock::time_point sent_;
};

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: load_generator PORT CONNECTIONS SECONDS METHOD PATH [BODY] [HEADER: VALUE]\n");
    return 2;
  }
  const auto port = static_cast<unsigned short>(std::atoi(argv[1]));
  const int connections = std::atoi(argv[2]);
  const double seconds = std::atof(argv[3]);
  Shared shared;
  shared.request.method(http::string_to_verb(argv[4]));
  shared.request.target(argv[5]);
  shared.request.version(11);
  shared.request.set(http::field::host, "127.0.0.1");
  shared.request.keep_alive(true);
  if (argc > 6) {
    shared.request.body() = argv[6];
    shared.request.set(http::field::content_type, "application/json");
  }
  if (argc > 7) {
    const std::string h = argv[7];
    const auto colon = h.find(':');
    shared.request.set(h.substr(0, colon), h.substr(colon + 2));
  }
  shared.request.prepare_payload();
  net::io_context ioc;
  const tcp::endpoint ep(net::ip::make_address("127.0.0.1"), port);
  const char* series_path = std::getenv("LOAD_SERIES");
  shared.keep_series = series_path != nullptr;
  const auto started = Clock::now();
  shared.started = started;
  shared.deadline = started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  for (int i = 0; i < connections; ++i) std::make_shared<Connection>(ioc, shared)->start(ep);
  ioc.run();
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  auto& l = shared.latencies_ms;
  std::sort(l.begin(), l.end());
  auto pct = [&](double p) { return l.empty() ? 0.0 : l[std::min(l.size() - 1, static_cast<std::size_t>(p * l.size()))]; };
  std::printf("{\"requests\":%zu,\"rps\":%.1f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"errors\":%ld}\n", l.size(),
              l.size() / elapsed, pct(0.50), pct(0.99), shared.errors);
  if (series_path) {
    FILE* f = std::fopen(series_path, "w");
    if (!f) return 1;
    for (const auto& [sent_ms, latency_ms] : shared.series) std::fprintf(f, "%.3f %.3f\n", sent_ms, latency_ms);
    std::fclose(f);
  }
  return 0;
}
