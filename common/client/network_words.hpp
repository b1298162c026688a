// Network failures in the words an officer or a hall can act on. The system's own text
// ("Connection refused") is English and says nothing about what to check.
#pragma once

#include <chrono>
#include <string>

#include <boost/system/error_code.hpp>

namespace motcua::client {

// "máy chủ không nhận kết nối (ticketd chưa chạy?)", …; the system's text for the rest.
std::string network_problem(const boost::system::error_code& ec);
// A retry delay as people say it: "1 giây", "8 giây" (rounded up to whole seconds).
std::string retry_delay_text(std::chrono::milliseconds delay);

}  // namespace motcua::client
