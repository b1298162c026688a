#include "client/network_words.hpp"

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>

namespace motcua::client {

std::string network_problem(const boost::system::error_code& ec) {
  namespace error = boost::asio::error;
  if (ec == error::connection_refused) return "máy chủ không nhận kết nối (ticketd chưa chạy?)";
  if (ec == error::timed_out || ec == boost::beast::error::timeout) return "quá thời gian chờ máy chủ";
  if (ec == error::host_unreachable || ec == error::network_unreachable || ec == error::network_down)
    return "không tới được máy chủ qua mạng (kiểm tra dây mạng, wifi)";
  if (ec == error::host_not_found || ec == error::host_not_found_try_again) return "không tìm thấy tên máy chủ";
  if (ec == error::eof || ec == error::connection_reset || ec == error::connection_aborted || ec == error::broken_pipe)
    return "máy chủ đã đóng kết nối";
  return ec.message();
}

std::string retry_delay_text(std::chrono::milliseconds delay) {
  const auto seconds = (delay.count() + 999) / 1000;
  return std::to_string(seconds < 1 ? 1 : seconds) + " giây";
}

}  // namespace motcua::client
