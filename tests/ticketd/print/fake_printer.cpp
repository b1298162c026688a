#include "fake_printer.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace motcua::print::testing {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using boost::system::error_code;

struct FakePrinter::Impl {
  Mode mode;
  unsigned char status_byte;
  net::io_context io;
  tcp::acceptor acceptor{io};
  std::thread thread;

  mutable std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::string> finished;  // bytes of connections that reached EOF
  int status_queries = 0;

  // One connection. Like a real printer, it treats DLE EOT 4 as a real-time command
  // only where a command may start; here: before the job's first ESC @.
  struct Session : std::enable_shared_from_this<Session> {
    Impl& owner;
    tcp::socket socket;
    std::string received;
    std::size_t scanned = 0;
    bool in_job = false;
    std::vector<char> chunk = std::vector<char>(64 * 1024);
    unsigned char answer = 0;

    Session(Impl& o, tcp::socket s) : owner(o), socket(std::move(s)) {}

    void read() {
      socket.async_read_some(net::buffer(chunk), [self = shared_from_this()](error_code ec, std::size_t n) {
        self->on_read(ec, n);
      });
    }

    void on_read(error_code ec, std::size_t n) {
      received.append(chunk.data(), n);
      if (ec) {
        std::lock_guard lock(owner.mutex);
        owner.finished.push_back(std::move(received));
        owner.changed.notify_all();
        return;
      }
      int queries = 0;
      while (!in_job && received.size() - scanned >= 3) {
        if (received.compare(scanned, 3, "\x10\x04\x04") == 0) {
          ++queries;
          scanned += 3;
        } else {
          in_job = true;
        }
      }
      if (queries > 0 && owner.mode == Mode::answer_status) {
        {
          std::lock_guard lock(owner.mutex);
          owner.status_queries += queries;
        }
        answer = owner.status_byte;
        error_code ignored;
        for (int q = 0; q < queries; ++q) net::write(socket, net::buffer(&answer, 1), ignored);
      }
      read();
    }
  };

  std::vector<std::shared_ptr<Session>> held;  // never_read sessions stay open until shutdown

  void accept() {
    acceptor.async_accept([this](error_code ec, tcp::socket socket) {
      if (ec) return;
      auto session = std::make_shared<Session>(*this, std::move(socket));
      if (mode == Mode::never_read)
        held.push_back(session);
      else
        session->read();
      accept();
    });
  }
};

FakePrinter::FakePrinter(Mode mode, unsigned char status_byte) : impl_(std::make_unique<Impl>()) {
  impl_->mode = mode;
  impl_->status_byte = status_byte;
  const tcp::endpoint loopback(net::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(loopback.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(loopback);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->accept();
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

FakePrinter::~FakePrinter() {
  impl_->io.stop();
  impl_->thread.join();
}

std::optional<std::string> FakePrinter::wait_for_connection(std::chrono::milliseconds limit) {
  std::unique_lock lock(impl_->mutex);
  if (!impl_->changed.wait_for(lock, limit, [&] { return !impl_->finished.empty(); })) return std::nullopt;
  std::string bytes = std::move(impl_->finished.front());
  impl_->finished.pop_front();
  return bytes;
}

int FakePrinter::status_queries() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->status_queries;
}

}  // namespace motcua::print::testing
