#include "domain/office_config.hpp"

#include "domain/time.hpp"

#include <map>
#include <set>

namespace motcua {

const Service* OfficeConfig::find_service(const std::string& code) const {
  for (const auto& s : services)
    if (s.code == code) return &s;
  return nullptr;
}

const Counter* OfficeConfig::find_counter(int number) const {
  for (const auto& c : counters)
    if (c.number == number) return &c;
  return nullptr;
}

const Officer* OfficeConfig::find_officer(const std::string& username) const {
  for (const auto& o : officers)
    if (o.username == username) return &o;
  return nullptr;
}

const Device* OfficeConfig::find_device_by_key(const std::string& key) const {
  if (key.empty()) return nullptr;
  for (const auto& d : devices)
    if (d.key == key) return &d;
  return nullptr;
}

bool OfficeConfig::counter_serves(int counter, const std::string& service) const {
  const Counter* c = find_counter(counter);
  if (!c) return false;
  for (const auto& cs : c->services)
    if (cs.service == service) return true;
  return false;
}

std::string validate_config(const OfficeConfig& config) {
  if (config.office_name.empty()) return "office_name is empty";
  if (config.services.empty()) return "no services configured";
  if (config.counters.empty()) return "no counters configured";
  std::set<std::string> codes;
  // Blocks of services sharing a prefix (or having none) must not overlap, or two
  // tickets of the day could show the same number.
  std::map<std::string, std::vector<std::pair<int, int>>> blocks_by_prefix;
  for (const auto& s : config.services) {
    if (s.code.empty() || s.name.empty()) return "a service needs a code and a name";
    if (!codes.insert(s.code).second) return "duplicate service code: " + s.code;
    // Numbers start at 1: ServiceToday::highest_number uses 0 for "none issued yet", so a
    // block starting at 0 would hand out 0 again and again.
    if (s.first_number < 1) return "service " + s.code + ": first_number must be >= 1";
    if (s.last_number < s.first_number) return "service " + s.code + ": first_number must be <= last_number";
    auto& blocks = blocks_by_prefix[s.prefix];
    for (const auto& [a, b] : blocks)
      if (s.first_number <= b && a <= s.last_number)
        return "service " + s.code + ": its number block overlaps another service's";
    blocks.emplace_back(s.first_number, s.last_number);
    if (s.daily_cap < 0) return "service " + s.code + ": daily_cap must be >= 0";
    if (s.target_wait_min <= 0) return "service " + s.code + ": target_wait_min must be > 0";
    if (s.default_service_s <= 0) return "service " + s.code + ": default_service_s must be > 0";
    if (s.opens_at_min < 0 || s.closes_at_min > 1440)
      return "service " + s.code + ": opening hours must lie within 00:00–24:00";
    if (s.opens_at_min >= s.closes_at_min)
      return "service " + s.code + ": opening hours: opens_at " + clock_text(s.opens_at_min) +
             " must come before closes_at " + clock_text(s.closes_at_min);
  }
  std::set<int> numbers;
  for (const auto& c : config.counters) {
    if (c.number <= 0) return "counter numbers start at 1";
    if (!numbers.insert(c.number).second) return "duplicate counter number: " + std::to_string(c.number);
    if (c.services.empty()) return "counter " + std::to_string(c.number) + " serves no service";
    for (const auto& cs : c.services) {
      if (!codes.count(cs.service))
        return "counter " + std::to_string(c.number) + " serves unknown service " + cs.service;
      if (cs.weight < 0) return "counter " + std::to_string(c.number) + ": weight must be >= 0";
    }
  }
  std::set<std::string> users;
  for (const auto& o : config.officers) {
    if (o.username.empty()) return "an officer needs a username";
    if (!users.insert(o.username).second) return "duplicate officer: " + o.username;
  }
  std::set<std::string> keys, ids;
  for (const auto& d : config.devices) {
    if (!ids.insert(d.id).second) return "duplicate device id: " + d.id;
    if (d.key.size() < 8) return "device " + d.id + ": key must be at least 8 characters";
    // The example's keys are public: a kiosk or rating pad key anyone can read lets anyone
    // issue tickets or vote.
    if (d.key.rfind("thay-bang-", 0) == 0)
      return "device " + d.id + ": key is still the example's placeholder \"" + d.key +
             "\"; put a random one, made with: tr -dc a-z0-9 < /dev/urandom | head -c 24";
    if (!keys.insert(d.key).second) return "device " + d.id + ": duplicate key";
    if (d.kind == DeviceKind::rating_pad && !numbers.count(d.counter))
      return "device " + d.id + ": rating pad for unknown counter";
  }
  const auto& p = config.policy;
  if (p.priority_every < 1 || p.normal_between < 0) return "priority ratio is invalid";
  if (p.vote_window_s <= 0) return "vote_window_s must be > 0";
  if (p.apology_wait_min < 1 || p.apology_wait_min > 600)
    return "[policy] apology_wait_min must be 1–600 minutes, got " + std::to_string(p.apology_wait_min);
  if (p.idle_alert_s < 1 || p.idle_alert_s > 3600)
    return "[policy] idle_alert_s must be 1–3600 seconds, got " + std::to_string(p.idle_alert_s);
  return "";
}

OfficeConfig demo_office_config() {
  OfficeConfig c;
  c.office_name = "Trung tâm Phục vụ hành chính công phường Bến Nghé";
  auto service = [](std::string code, std::string name, int first, int target_min, int service_s) {
    Service s;
    s.code = std::move(code);
    s.name = std::move(name);
    s.first_number = first;
    s.last_number = first + 998;
    s.target_wait_min = target_min;
    s.default_service_s = service_s;
    return s;
  };
  c.services = {
      service("ho-tich", "Tư pháp – Hộ tịch", 1001, 30, 420),
      service("chung-thuc", "Chứng thực", 2001, 15, 180),
      service("dat-dai", "Đất đai – Xây dựng", 3001, 45, 600),
      service("ldtbxh", "Lao động – Thương binh và Xã hội", 4001, 30, 420),
      service("kinh-doanh", "Đăng ký kinh doanh", 5001, 30, 480),
      service("tra-ket-qua", "Trả kết quả", 6001, 10, 120),
  };
  auto counter = [](int n, std::vector<std::string> services) {
    Counter k;
    k.number = n;
    k.name = "Quầy " + std::to_string(n);
    for (auto& s : services) k.services.push_back({std::move(s), 0});
    return k;
  };
  c.counters = {
      counter(1, {"ho-tich", "chung-thuc"}),
      counter(2, {"chung-thuc", "ho-tich"}),
      counter(3, {"dat-dai"}),
      counter(4, {"ldtbxh"}),
      counter(5, {"kinh-doanh", "dat-dai"}),
      counter(6, {"tra-ket-qua", "chung-thuc"}),
  };
  auto officer = [](std::string user, std::string name, Role role) {
    return Officer{std::move(user), std::move(name), role, ""};
  };
  c.officers = {
      officer("canbo1", "Nguyễn Thị Lan", Role::officer),
      officer("canbo2", "Trần Văn Minh", Role::officer),
      officer("canbo3", "Lê Thị Hồng", Role::officer),
      officer("canbo4", "Phạm Quốc Bảo", Role::officer),
      officer("canbo5", "Võ Thị Thu", Role::officer),
      officer("canbo6", "Đặng Văn Hùng", Role::officer),
      officer("lanhdao", "Hoàng Minh Tuấn", Role::supervisor),
      officer("admin", "Quản trị hệ thống", Role::admin),
  };
  c.devices.push_back({"kiosk-1", DeviceKind::kiosk, "demo-kiosk-key-1", 0, ""});
  c.devices.push_back({"display-1", DeviceKind::display, "demo-display-key-1", 0, ""});
  for (int n = 1; n <= 6; ++n)
    c.devices.push_back({"pad-" + std::to_string(n), DeviceKind::rating_pad,
                         "demo-pad-key-" + std::to_string(n), n, ""});
  return c;
}

}  // namespace motcua
