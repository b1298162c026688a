// Reads the office TOML config (deploy/office.example.toml documents every key).
// Pure parsing plus one file read; any thread.
#pragma once

#include <string>
#include <vector>

#include "domain/office_config.hpp"
#include "domain/status.hpp"

namespace motcua {

struct DaemonSettings {
  std::string listen = "127.0.0.1";
  int port = 8080;
  std::string db_path = "motcua.db";
  std::string synchronous = "FULL";
  bool public_reads = true;
  int session_hours = 12;
  int identity_retention_days = 30;
  std::string web_root;
  std::string public_base_url;  // what citizens' phones reach ticketd at (QR codes)
  int print_width = 576;        // thermal printer dots: 576 (80 mm) or 384 (58 mm)
  // Copies of the database ([backup]): the folder (empty = "backups" beside the database),
  // the local times of day, and how many days of copies are kept.
  std::string backup_dir;
  std::vector<std::string> backup_times = {"12:15", "17:45"};
  int backup_keep_days = 30;
};

struct LoadedConfig {
  OfficeConfig office;
  DaemonSettings settings;
  // Officers given a plain `password` (discouraged) are hashed by the caller.
  std::vector<std::pair<std::string, std::string>> plain_passwords;
};

Result<LoadedConfig> load_config_file(const std::string& path);
Result<LoadedConfig> parse_config_text(const std::string& text, const std::string& source_name);

}  // namespace motcua
