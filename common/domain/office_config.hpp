// The configured shape of one office: what it serves, where, and its policies.
// Immutable after start-up; shared read-only between threads.
#pragma once

#include <string>
#include <vector>

#include "domain/model.hpp"

namespace motcua {

struct QueuePolicy {
  int priority_every = 1;         // serve this many priority tickets …
  int normal_between = 2;         // … then this many normal ones (1:2 by default)
  int vote_window_s = 120;        // a pad may vote this long after close
  int apology_wait_min = 45;      // "Khách chờ, được xin lỗi" past this wait
  int idle_alert_s = 120;         // a counter idle this long while people wait is an alert
};

struct OfficeConfig {
  std::string office_name;
  std::string timezone = "Asia/Ho_Chi_Minh";
  int utc_offset_minutes = 420;
  std::vector<Service> services;
  std::vector<Counter> counters;
  std::vector<Officer> officers;
  std::vector<Device> devices;
  QueuePolicy policy;

  const Service* find_service(const std::string& code) const;
  const Counter* find_counter(int number) const;
  const Officer* find_officer(const std::string& username) const;
  const Device* find_device_by_key(const std::string& key) const;
  bool counter_serves(int counter, const std::string& service) const;
};

// Checks the cross-references and ranges of a config; returns "" when valid.
std::string validate_config(const OfficeConfig& config);

// The demo ward office from shared/DOMAIN.md: 6 services, 6 counters. Officers come
// without password hashes; the shell hashes the demo passwords.
OfficeConfig demo_office_config();

}  // namespace motcua
