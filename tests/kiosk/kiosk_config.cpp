#include "kiosk_config.hpp"

#include "escpos.hpp"

#include <boost/asio.hpp>
#include <chrono>
#include <fstream>

namespace motcua::kiosk_testing {

std::string office_toml(std::uint16_t printer_port, std::uint16_t dead_port) {
  // Local time in Vietnam (UTC+7); a window on the other half of the day is surely closed now.
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const long long local_hour = (std::chrono::duration_cast<std::chrono::hours>(now).count() + 7) % 24;
  const std::string opens = local_hour < 12 ? "22:00" : "01:00";
  const std::string closes = local_hour < 12 ? "23:00" : "02:00";
  return R"(office_name = "Bộ phận Một cửa UBND phường Thử Nghiệm"
timezone = "Asia/Ho_Chi_Minh"

[[services]]
code = "ho-tich"
name = "Tư pháp – Hộ tịch"
first_number = 1001
last_number = 1999

[[services]]
code = "chung-thuc"
name = "Chứng thực"
first_number = 2001
last_number = 2999

[[services]]
code = "dat-dai"
name = "Đất đai – Xây dựng"
first_number = 3001
last_number = 3999
opens_at = ")" + opens + R"("
closes_at = ")" + closes + R"("

[[services]]
code = "tra-ket-qua"
name = "Trả kết quả"
first_number = 6001
last_number = 6999
daily_cap = 1

[[counters]]
number = 1
services = ["ho-tich", "chung-thuc"]

[[counters]]
number = 2
services = ["dat-dai", "tra-ket-qua"]

[[officers]]
username = "canbo1"
display_name = "Nguyễn Thị Lan"
password = "demo1234"

[[devices]]
id = "kiosk-1"
kind = "kiosk"
key = ")" + std::string(kKioskKey) + R"("
printer = "127.0.0.1:)" + std::to_string(printer_port) + R"("

[[devices]]
id = "kiosk-2"
kind = "kiosk"
key = ")" + std::string(kDeadPrinterKioskKey) + R"("
printer = "127.0.0.1:)" + std::to_string(dead_port) + R"("

[[devices]]
id = "kiosk-3"
kind = "kiosk"
key = ")" + std::string(kPlainKioskKey) + R"("

[[devices]]
id = "display-1"
kind = "display"
key = ")" + std::string(kDisplayKey) + R"("
)";
}

bool write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

std::uint16_t unused_port() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor acceptor(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();  // closed when acceptor dies; nothing listens there
}

Result<print::testing::DecodedJob> decode_printed(const std::string& bytes) {
  const std::string query(print::kPaperStatusQuery, sizeof print::kPaperStatusQuery);
  if (bytes.compare(0, query.size(), query) != 0)
    return Status::invalid_argument("no_status_query", "the job does not start with DLE EOT 4");
  return print::testing::decode_escpos(bytes.substr(query.size()));
}

}  // namespace motcua::kiosk_testing
