#include "printer_client.hpp"

#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <memory>

#include "escpos.hpp"

namespace motcua::print {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;
using boost::system::error_code;

// One job's connection. shared_from_this keeps it alive while an operation is pending;
// all its handlers run on one strand, so the timer and the socket never race.
class PrintJob : public std::enable_shared_from_this<PrintJob> {
 public:
  PrintJob(net::any_io_executor caller, PrinterAddress address, std::string job, PrintOptions options,
           PrintHandler handler)
      : caller_(std::move(caller)),
        strand_(net::make_strand(caller_)),
        resolver_(strand_),
        resolve_timer_(strand_),
        stream_(strand_),
        address_(std::move(address)),
        job_(std::move(job)),
        options_(options),
        handler_(std::move(handler)) {}

  void start() {
    net::dispatch(strand_, [self = shared_from_this()] { self->do_resolve(); });
  }

 private:
  void do_resolve() {
    error_code ec;
    const auto ip = net::ip::make_address(address_.host, ec);
    if (!ec) {
      // A literal address needs no lookup: connect straight away.
      endpoints_ = tcp::resolver::results_type::create(tcp::endpoint(ip, address_.port), address_.host,
                                                       std::to_string(address_.port));
      do_connect();
      return;
    }
    resolve_timer_.expires_after(options_.connect_timeout);
    resolve_timer_.async_wait([self = shared_from_this()](error_code ec) {
      if (!ec && !self->done_) {
        self->resolve_timed_out_ = true;
        self->resolver_.cancel();
      }
    });
    resolver_.async_resolve(address_.host, std::to_string(address_.port),
                            [self = shared_from_this()](error_code ec, tcp::resolver::results_type results) {
                              self->on_resolve(ec, std::move(results));
                            });
  }

  void on_resolve(error_code ec, tcp::resolver::results_type results) {
    resolve_timer_.cancel();
    if (resolve_timed_out_) return finish(timeout("tra địa chỉ"));
    if (ec) return finish(unreachable(ec));
    endpoints_ = std::move(results);
    do_connect();
  }

  void do_connect() {
    stream_.expires_after(options_.connect_timeout);
    stream_.async_connect(endpoints_, [self = shared_from_this()](error_code ec, const tcp::endpoint&) {
      self->on_connect(ec);
    });
  }

  void on_connect(error_code ec) {
    if (ec == beast::error::timeout) return finish(timeout("kết nối"));
    if (ec) return finish(unreachable(ec));
    if (options_.check_paper) return do_query_paper();
    do_write_job();
  }

  void do_query_paper() {
    stream_.expires_after(options_.write_timeout);
    net::async_write(stream_, net::buffer(kPaperStatusQuery, sizeof kPaperStatusQuery),
                     [self = shared_from_this()](error_code ec, std::size_t) {
                       if (ec == beast::error::timeout) return self->finish(self->timeout("gửi lệnh"));
                       if (ec) return self->finish(self->unreachable(ec));
                       self->do_read_paper();
                     });
  }

  void do_read_paper() {
    stream_.expires_after(options_.status_timeout);
    net::async_read(stream_, net::buffer(answer_), [self = shared_from_this()](error_code ec, std::size_t) {
      self->on_paper(ec);
    });
  }

  void on_paper(error_code ec) {
    if (ec == beast::error::timeout) return finish(timeout("trả lời trạng thái giấy"));
    if (ec) return finish(unreachable(ec));
    if (paper_status_from_byte(answer_[0]) == PaperStatus::out) {
      close();
      return finish(Status::unavailable("printer_paper_out", "Máy in " + address_.to_string() + " hết giấy"));
    }
    do_write_job();
  }

  void do_write_job() {
    stream_.expires_after(options_.write_timeout);
    net::async_write(stream_, net::buffer(job_), [self = shared_from_this()](error_code ec, std::size_t) {
      if (ec == beast::error::timeout) return self->finish(self->timeout("nhận dữ liệu in"));
      if (ec) return self->finish(self->unreachable(ec));
      self->close();
      self->finish(Status::ok());
    });
  }

  // Half-close first: the printer sees EOF after the last byte instead of a reset that
  // could discard the tail of the job still in its buffers.
  void close() {
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  Status unreachable(error_code ec) const {
    return Status::unavailable("printer_unreachable",
                               "Không kết nối được máy in " + address_.to_string() + ": " + ec.message());
  }
  Status timeout(const char* step) const {
    return Status::unavailable("printer_timeout",
                               "Máy in " + address_.to_string() + " không phản hồi (" + step + ")");
  }

  void finish(Status status) {
    if (done_) return;
    done_ = true;
    stream_.expires_never();
    error_code ignored;
    stream_.socket().close(ignored);
    net::post(caller_, [h = std::move(handler_), s = std::move(status)]() mutable { h(std::move(s)); });
  }

  net::any_io_executor caller_;
  net::strand<net::any_io_executor> strand_;
  tcp::resolver resolver_;
  net::steady_timer resolve_timer_;
  beast::tcp_stream stream_;
  tcp::resolver::results_type endpoints_;
  PrinterAddress address_;
  std::string job_;
  PrintOptions options_;
  PrintHandler handler_;
  std::array<unsigned char, 1> answer_{};
  bool resolve_timed_out_ = false;
  bool done_ = false;
};

}  // namespace

void async_print(boost::asio::any_io_executor executor, PrinterAddress address, std::string job,
                 PrintOptions options, PrintHandler handler) {
  std::make_shared<PrintJob>(std::move(executor), std::move(address), std::move(job), options, std::move(handler))
      ->start();
}

Status print_blocking(const PrinterAddress& address, std::string job, const PrintOptions& options) {
  boost::asio::io_context io;
  Status result = Status::unavailable("printer_unreachable", "Không gửi được lệnh in");
  async_print(io.get_executor(), address, std::move(job), options, [&](Status s) { result = std::move(s); });
  io.run();
  return result;
}

}  // namespace motcua::print
