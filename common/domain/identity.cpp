#include "domain/identity.hpp"

#include <vector>

namespace motcua {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool valid_ddmmyyyy(std::string_view s) {
  if (s.size() != 8 || !all_digits(s)) return false;
  const int d = std::stoi(std::string(s.substr(0, 2)));
  const int m = std::stoi(std::string(s.substr(2, 2)));
  const int y = std::stoi(std::string(s.substr(4, 4)));
  if (m < 1 || m > 12 || y < 1900 || y > 2200) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return d >= 1 && d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

Status bad_cccd(std::string_view why) {
  return Status::invalid_argument("invalid_identity", "Mã QR CCCD không hợp lệ: " + std::string(why));
}

}  // namespace

Result<CitizenIdentity> parse_cccd_qr(std::string_view text) {
  if (text.size() > 512) return bad_cccd("quá dài");
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t bar = text.find('|', start);
    fields.push_back(text.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  if (fields.size() != 7) return bad_cccd("cần 7 trường phân cách bởi |, có " + std::to_string(fields.size()));
  CitizenIdentity id;
  if (fields[0].size() != 12 || !all_digits(fields[0])) return bad_cccd("số CCCD phải có 12 chữ số");
  if (!fields[1].empty() && (fields[1].size() != 9 || !all_digits(fields[1])))
    return bad_cccd("số CMND cũ phải có 9 chữ số");
  if (fields[2].empty()) return bad_cccd("thiếu họ tên");
  if (!valid_ddmmyyyy(fields[3])) return bad_cccd("ngày sinh không hợp lệ");
  if (!fields[6].empty() && !valid_ddmmyyyy(fields[6])) return bad_cccd("ngày cấp không hợp lệ");
  id.id_number = fields[0];
  id.old_id = fields[1];
  id.full_name = fields[2];
  id.birth_date = fields[3];
  id.sex = fields[4];
  id.address = fields[5];
  id.issue_date = fields[6];
  return id;
}

Result<std::string> normalize_phone(std::string_view text) {
  std::string digits;
  std::string_view rest = text;
  if (rest.size() > 32)
    return Status::invalid_argument("invalid_identity", "Số điện thoại quá dài");
  if (rest.starts_with("+84")) {
    digits = "0";
    rest.remove_prefix(3);
    // "+84 0912 …": the trunk 0 typed after the country code as well.
    const auto first = rest.find_first_not_of(" .-");
    if (first != std::string_view::npos && rest[first] == '0') rest.remove_prefix(first + 1);
  }
  for (char c : rest) {
    if (c == ' ' || c == '.' || c == '-') continue;
    if (c < '0' || c > '9')
      return Status::invalid_argument("invalid_identity", "Số điện thoại chỉ gồm chữ số");
    digits.push_back(c);
  }
  if (digits.size() < 9 || digits.size() > 11)
    return Status::invalid_argument("invalid_identity", "Số điện thoại phải có 9–11 chữ số");
  return digits;
}

}  // namespace motcua
