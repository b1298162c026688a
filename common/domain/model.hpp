// The office's vocabulary: services, counters, officers, tickets and their states.
// Plain value types with no I/O; safe to copy between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time.hpp"

namespace motcua {

// A field of work (lĩnh vực) with its own block of numbers.
struct Service {
  std::string code;                 // stable id used on the wire, e.g. "ho-tich"
  std::string name;                 // Vietnamese name shown to citizens
  int first_number = 1;             // e.g. 1001
  int last_number = 999;            // e.g. 1999
  std::string prefix;               // optional letter prefix ("A" gives A001)
  int daily_cap = 0;                // 0 = only the block size limits the day
  int target_wait_min = 30;         // served "on time" when called within this
  int default_service_s = 300;      // service time assumed until there is data
  int opens_at_min = 0;             // local minutes since midnight
  int closes_at_min = 24 * 60;      // exclusive; 1440 = open until midnight
};

// How a counter picks among its services.
struct CounterService {
  std::string service;
  int weight = 0;  // 0 = strict order of the list; >0 = weighted by oldest wait
};

struct Counter {
  int number = 0;
  std::string name;  // e.g. "Quầy 1"
  std::vector<CounterService> services;
};

enum class Role { officer, supervisor, admin };

struct Officer {
  std::string username;
  std::string display_name;
  Role role = Role::officer;
  std::string password_hash;  // argon2id string from libsodium
};

// A device authenticates with a key: kiosk, display, rating pad, or print agent.
enum class DeviceKind { kiosk, display, rating_pad };

struct Device {
  std::string id;
  DeviceKind kind = DeviceKind::kiosk;
  std::string key;
  int counter = 0;      // rating pads belong to one counter
  std::string printer;  // kiosks: "host:port" of an ESC/POS printer, may be empty
};

enum class TicketState { waiting, called, serving, done, no_show, transferred, cancelled };
enum class CounterState { closed, idle, calling, serving, paused };

struct Ticket {
  std::int64_t id = 0;
  std::string service;      // current service (changes on transfer to a service)
  std::string issued_service;  // the service whose number block the number came from
  int number = 0;
  std::string display;      // what is shown and read aloud, e.g. "1023"
  int service_day = 0;
  bool priority = false;
  std::string priority_group;
  TicketState state = TicketState::waiting;
  Instant issued_at{};
  Instant queue_at{};       // place in line; kept on transfer so nobody goes to the back
  std::optional<Instant> called_at;    // first call
  std::optional<Instant> started_at;
  std::optional<Instant> ended_at;     // done, no-show or cancelled
  int counter = 0;          // counter that holds or last held it
  std::string officer;
  int recalls = 0;
  int transfers = 0;
  int target_counter = 0;   // set while transferred to a named counter
  std::string public_code;  // unguessable code for the citizen's status page
  std::string idempotency_key;
  std::string identity;     // personal data from the kiosk; never on public screens
  int rating = 0;           // 0 = not rated
  std::string rating_reason;
};

struct CounterStatus {
  int number = 0;
  CounterState state = CounterState::closed;
  std::string officer;
  std::int64_t ticket_id = 0;     // called or serving ticket, 0 = none
  std::string pause_reason;
  Instant since{};                // when the state last changed
  int normals_since_priority = 0; // drives the priority interleave
  int served_today = 0;
  std::int64_t last_closed_ticket = 0;  // the ticket its rating pad may vote on
};

std::string_view to_string(TicketState s);
std::string_view to_string(CounterState s);
std::string_view to_string(Role r);
std::string_view to_string(DeviceKind k);
bool parse_ticket_state(std::string_view s, TicketState& out);
bool parse_counter_state(std::string_view s, CounterState& out);
bool parse_role(std::string_view s, Role& out);
bool parse_device_kind(std::string_view s, DeviceKind& out);

// Waiting means "in some line": plain waiting or transferred.
inline bool is_in_line(TicketState s) { return s == TicketState::waiting || s == TicketState::transferred; }
inline bool is_final(TicketState s) {
  return s == TicketState::done || s == TicketState::no_show || s == TicketState::cancelled;
}

// The four SIPAS-style levels: 1 = rất hài lòng … 4 = không hài lòng.
// A ticket's public code is "<ticket id>.<secret>": the id finds the row, the secret
// (compared in constant time by the shell) proves the holder has the paper ticket.
std::string public_code_of(std::int64_t ticket_id, std::string_view secret);
// The ticket id a code names, or 0 for a malformed or pre-v2 code (no id part).
std::int64_t ticket_id_of_public_code(std::string_view code);

std::string_view rating_name(int rating);
// Reasons accepted with a "không hài lòng" vote: (code, Vietnamese label).
const std::vector<std::pair<std::string, std::string>>& unhappy_reasons();
bool is_unhappy_reason(std::string_view code);
// Priority groups (đối tượng ưu tiên) offered at the kiosk.
const std::vector<std::pair<std::string, std::string>>& priority_groups();

}  // namespace motcua
