#include "config_loader.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <sodium.h>
#include <boost/asio/ip/address.hpp>
#include <toml.hpp>

#include "backup/backup_plan.hpp"
#include "unicode_text.hpp"

namespace motcua {
namespace {

// toml::find_or wants an rvalue fallback; this reads the same and takes any.
template <typename T>
T get_or(const toml::value& v, const char* key, T fallback) {
  return v.contains(key) ? toml::find<T>(v, key) : std::move(fallback);
}

// A misspelt key (close_at, daly_cap, [polcy], [[counter]]) would otherwise be ignored
// and its default used without a word: the office would open with hours or a cap nobody
// chose. So every table's keys must be known ones.
void refuse_unknown_keys(const toml::value& table, std::initializer_list<std::string_view> known,
                         const std::string& where) {
  if (!table.is_table()) return;
  for (const auto& [key, value] : table.as_table()) {
    bool ok = false;
    for (auto k : known) ok = ok || key == k;
    if (ok) continue;
    std::string list;
    for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    throw std::runtime_error(where + ": unknown key \"" + key + "\" (known: " + list + ")");
  }
}

int checked_range(int value, int lo, int hi, const std::string& what) {
  if (value < lo || value > hi)
    throw std::runtime_error(what + " must be " + std::to_string(lo) + "–" + std::to_string(hi) + ", got " +
                             std::to_string(value));
  return value;
}

int parse_hhmm(const std::string& text, const std::string& field) {
  int h = 0, m = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%d:%d%c", &h, &m, &tail) != 2 || h < 0 || h > 24 || m < 0 || m > 59 ||
      (h == 24 && m != 0))
    throw std::runtime_error(field + " must be HH:MM, got \"" + text + "\"");
  return h * 60 + m;
}

LoadedConfig from_toml(const toml::value& root) {
  LoadedConfig out;
  OfficeConfig& c = out.office;
  // Names people read are kept in NFC, however the file's editor wrote them.
  refuse_unknown_keys(root, {"office_name", "timezone", "utc_offset_minutes", "policy", "services", "counters",
                            "officers", "devices", "server", "backup"},
                      "the config");
  c.office_name = to_nfc(toml::find<std::string>(root, "office_name"));
  c.timezone = get_or<std::string>(root, "timezone", "Asia/Ho_Chi_Minh");
  if (root.contains("utc_offset_minutes")) {
    c.utc_offset_minutes = checked_range(toml::find<int>(root, "utc_offset_minutes"), -12 * 60, 14 * 60,
                                         "utc_offset_minutes");
    // Both set and disagreeing: one of them is a typo, and either would misplace every
    // service day, so say which numbers clash instead of picking one.
    if (int zone_offset = 0; utc_offset_for_zone(c.timezone, zone_offset) && zone_offset != c.utc_offset_minutes) {
      throw std::runtime_error("timezone \"" + c.timezone + "\" is UTC" + (zone_offset < 0 ? "-" : "+") +
                               std::to_string(std::abs(zone_offset) / 60) + " (" + std::to_string(zone_offset) +
                               " minutes) but utc_offset_minutes = " + std::to_string(c.utc_offset_minutes) +
                               ": remove utc_offset_minutes, or fix it");
    }
  } else if (!utc_offset_for_zone(c.timezone, c.utc_offset_minutes)) {
    throw std::runtime_error("unknown timezone \"" + c.timezone + "\": set utc_offset_minutes");
  }
  if (root.contains("policy")) {
    const auto& p = toml::find(root, "policy");
    refuse_unknown_keys(p, {"priority_every", "normal_between", "vote_window_s", "apology_wait_min", "idle_alert_s"},
                        "[policy]");
    c.policy.priority_every = get_or<int>(p, "priority_every", c.policy.priority_every);
    c.policy.normal_between = get_or<int>(p, "normal_between", c.policy.normal_between);
    c.policy.vote_window_s = get_or<int>(p, "vote_window_s", c.policy.vote_window_s);
    c.policy.apology_wait_min = get_or<int>(p, "apology_wait_min", c.policy.apology_wait_min);
    c.policy.idle_alert_s = get_or<int>(p, "idle_alert_s", c.policy.idle_alert_s);
  }
  for (const auto& s : get_or<std::vector<toml::value>>(root, "services", {})) {
    Service svc;
    svc.code = toml::find<std::string>(s, "code");
    refuse_unknown_keys(s, {"code", "name", "first_number", "last_number", "prefix", "daily_cap", "target_wait_min",
                            "default_service_s", "opens_at", "closes_at"},
                        "service \"" + svc.code + "\"");
    svc.name = to_nfc(toml::find<std::string>(s, "name"));
    svc.first_number = toml::find<int>(s, "first_number");
    svc.last_number = toml::find<int>(s, "last_number");
    svc.prefix = get_or<std::string>(s, "prefix", "");
    svc.daily_cap = get_or<int>(s, "daily_cap", 0);
    svc.target_wait_min = get_or<int>(s, "target_wait_min", 30);
    svc.default_service_s = get_or<int>(s, "default_service_s", 300);
    svc.opens_at_min = parse_hhmm(get_or<std::string>(s, "opens_at", "00:00"), "opens_at");
    svc.closes_at_min = parse_hhmm(get_or<std::string>(s, "closes_at", "24:00"), "closes_at");
    c.services.push_back(std::move(svc));
  }
  for (const auto& k : get_or<std::vector<toml::value>>(root, "counters", {})) {
    Counter counter;
    counter.number = toml::find<int>(k, "number");
    refuse_unknown_keys(k, {"number", "name", "services", "weights"}, "counter " + std::to_string(counter.number));
    counter.name = to_nfc(get_or<std::string>(k, "name", "Quầy " + std::to_string(counter.number)));
    std::map<std::string, int> weights;
    if (k.contains("weights"))
      for (const auto& [name, w] : toml::find(k, "weights").as_table()) weights[name] = static_cast<int>(w.as_integer());
    for (const auto& code : toml::find<std::vector<std::string>>(k, "services"))
      counter.services.push_back({code, weights.count(code) ? weights[code] : 0});
    for (const auto& [code, w] : weights)
      if (std::none_of(counter.services.begin(), counter.services.end(), [&](const auto& cs) { return cs.service == code; }))
        throw std::runtime_error("counter " + std::to_string(counter.number) + ": weights name " + code +
                                 ", which is not in its services");
    c.counters.push_back(std::move(counter));
  }
  for (const auto& o : get_or<std::vector<toml::value>>(root, "officers", {})) {
    Officer officer;
    officer.username = toml::find<std::string>(o, "username");
    refuse_unknown_keys(o, {"username", "display_name", "role", "password_hash", "password"},
                        "officer \"" + officer.username + "\"");
    officer.display_name = to_nfc(get_or<std::string>(o, "display_name", officer.username));
    const auto role = get_or<std::string>(o, "role", "officer");
    if (!parse_role(role, officer.role)) throw std::runtime_error("unknown role \"" + role + "\"");
    officer.password_hash = get_or<std::string>(o, "password_hash", "");
    // The example's placeholder, or a hash cut short when pasted, would lock the officer
    // out with nothing but "wrong password" to go on.
    if (!officer.password_hash.empty() &&
        crypto_pwhash_str_needs_rehash(officer.password_hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                       crypto_pwhash_MEMLIMIT_INTERACTIVE) == -1)
      throw std::runtime_error("officer " + officer.username +
                               ": password_hash is not an argon2id hash (make one with ticketd hash-password)");
    if (officer.password_hash.empty()) {
      if (!o.contains("password"))
        throw std::runtime_error("officer " + officer.username + " needs password_hash (see ticketd hash-password)");
      out.plain_passwords.emplace_back(officer.username, toml::find<std::string>(o, "password"));
    }
    c.officers.push_back(std::move(officer));
  }
  for (const auto& d : get_or<std::vector<toml::value>>(root, "devices", {})) {
    Device device;
    device.id = toml::find<std::string>(d, "id");
    refuse_unknown_keys(d, {"id", "kind", "key", "counter", "printer"}, "device \"" + device.id + "\"");
    const auto kind = toml::find<std::string>(d, "kind");
    if (!parse_device_kind(kind, device.kind)) throw std::runtime_error("unknown device kind \"" + kind + "\"");
    device.key = toml::find<std::string>(d, "key");
    device.counter = get_or<int>(d, "counter", 0);
    device.printer = get_or<std::string>(d, "printer", "");
    c.devices.push_back(std::move(device));
  }
  if (root.contains("server")) {
    const auto& s = toml::find(root, "server");
    refuse_unknown_keys(s, {"listen", "port", "db", "synchronous", "public_reads", "session_hours",
                            "identity_retention_days", "web_root", "public_base_url", "print_width"},
                        "[server]");
    auto& d = out.settings;
    d.listen = get_or<std::string>(s, "listen", d.listen);
    if (boost::system::error_code ec; boost::asio::ip::make_address(d.listen, ec), ec)
      throw std::runtime_error("[server] listen must be an IP address (0.0.0.0 for every network card, 127.0.0.1 "
                               "for this machine only), got \"" + d.listen + "\"");
    d.port = checked_range(get_or<int>(s, "port", d.port), 0, 65535, "[server] port");
    d.db_path = get_or<std::string>(s, "db", d.db_path);
    d.synchronous = get_or<std::string>(s, "synchronous", d.synchronous);
    if (d.synchronous != "FULL" && d.synchronous != "NORMAL" && d.synchronous != "EXTRA")
      throw std::runtime_error("[server] synchronous must be FULL, NORMAL or EXTRA, got \"" + d.synchronous + "\"");
    d.public_reads = get_or<bool>(s, "public_reads", d.public_reads);
    d.session_hours = checked_range(get_or<int>(s, "session_hours", d.session_hours), 1, 24 * 7, "[server] session_hours");
    d.identity_retention_days = checked_range(get_or<int>(s, "identity_retention_days", d.identity_retention_days), 0,
                                              3650, "[server] identity_retention_days");
    d.web_root = get_or<std::string>(s, "web_root", d.web_root);
    d.public_base_url = get_or<std::string>(s, "public_base_url", d.public_base_url);
    if (!d.public_base_url.empty() && d.public_base_url.rfind("http://", 0) != 0 &&
        d.public_base_url.rfind("https://", 0) != 0)
      throw std::runtime_error("[server] public_base_url must start with http:// or https:// (phones open it from "
                               "the ticket's QR), got \"" + d.public_base_url + "\"");
    d.print_width = get_or<int>(s, "print_width", d.print_width);
    if (d.print_width != 384 && d.print_width != 576) throw std::runtime_error("print_width must be 384 or 576");
  }
  if (root.contains("backup")) {
    const auto& b = toml::find(root, "backup");
    refuse_unknown_keys(b, {"dir", "times", "keep_days"}, "[backup]");
    auto& d = out.settings;
    d.backup_dir = get_or<std::string>(b, "dir", d.backup_dir);
    d.backup_times = get_or<std::vector<std::string>>(b, "times", d.backup_times);
    d.backup_keep_days = get_or<int>(b, "keep_days", d.backup_keep_days);
    if (auto times = backup::parse_times(d.backup_times); !times.is_ok()) throw std::runtime_error(times.status().message());
    if (d.backup_keep_days < 1 || d.backup_keep_days > 3650)
      throw std::runtime_error("backup.keep_days phải từ 1 đến 3650 ngày");
  }
  return out;
}

}  // namespace

Result<LoadedConfig> parse_config_text(const std::string& text, const std::string& source_name) {
  try {
    std::istringstream in(text);
    const toml::value root = toml::parse(in, source_name);
    LoadedConfig loaded = from_toml(root);
    if (std::string why = validate_config(loaded.office); !why.empty())
      return Status::invalid_argument("invalid_config", source_name + ": " + why);
    return loaded;
  } catch (const std::exception& e) {
    std::string message = source_name + ": " + e.what();
    // toml11 reads an unquoted 07:30 as a number and hints at number syntax; the mistake
    // is almost always a time of day written without quotes.
    static const std::regex unquoted_time(R"(=\s*\d{1,2}:\d{2}\s*(#.*)?\n)");
    if (std::regex_search(message, unquoted_time))
      message += "\nTimes of day are text, in quotes: opens_at = \"07:30\"";
    return Status::invalid_argument("invalid_config", message);
  }
}

Result<LoadedConfig> load_config_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::not_found("config_not_found", "Không đọc được tệp cấu hình " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  return parse_config_text(buf.str(), path);
}

}  // namespace motcua
