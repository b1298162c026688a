#include "domain/model.hpp"

#include <array>
#include <utility>

namespace motcua {
namespace {

template <typename E, std::size_t N>
bool parse_enum(std::string_view s, const std::array<std::pair<E, std::string_view>, N>& table, E& out) {
  for (const auto& [value, name] : table) {
    if (name == s) {
      out = value;
      return true;
    }
  }
  return false;
}

template <typename E, std::size_t N>
std::string_view name_of(E v, const std::array<std::pair<E, std::string_view>, N>& table) {
  for (const auto& [value, name] : table)
    if (value == v) return name;
  return "unknown";
}

constexpr std::array<std::pair<TicketState, std::string_view>, 7> kTicketStates{{
    {TicketState::waiting, "waiting"},
    {TicketState::called, "called"},
    {TicketState::serving, "serving"},
    {TicketState::done, "done"},
    {TicketState::no_show, "no_show"},
    {TicketState::transferred, "transferred"},
    {TicketState::cancelled, "cancelled"},
}};
constexpr std::array<std::pair<CounterState, std::string_view>, 5> kCounterStates{{
    {CounterState::closed, "closed"},
    {CounterState::idle, "idle"},
    {CounterState::calling, "calling"},
    {CounterState::serving, "serving"},
    {CounterState::paused, "paused"},
}};
constexpr std::array<std::pair<Role, std::string_view>, 3> kRoles{{
    {Role::officer, "officer"},
    {Role::supervisor, "supervisor"},
    {Role::admin, "admin"},
}};
constexpr std::array<std::pair<DeviceKind, std::string_view>, 3> kDeviceKinds{{
    {DeviceKind::kiosk, "kiosk"},
    {DeviceKind::display, "display"},
    {DeviceKind::rating_pad, "rating_pad"},
}};

}  // namespace

std::string_view to_string(TicketState s) { return name_of(s, kTicketStates); }
std::string_view to_string(CounterState s) { return name_of(s, kCounterStates); }
std::string_view to_string(Role r) { return name_of(r, kRoles); }
std::string_view to_string(DeviceKind k) { return name_of(k, kDeviceKinds); }
bool parse_ticket_state(std::string_view s, TicketState& out) { return parse_enum(s, kTicketStates, out); }
bool parse_counter_state(std::string_view s, CounterState& out) { return parse_enum(s, kCounterStates, out); }
bool parse_role(std::string_view s, Role& out) { return parse_enum(s, kRoles, out); }
bool parse_device_kind(std::string_view s, DeviceKind& out) { return parse_enum(s, kDeviceKinds, out); }

std::string_view rating_name(int rating) {
  switch (rating) {
    case 1: return "Rất hài lòng";
    case 2: return "Hài lòng";
    case 3: return "Bình thường";
    case 4: return "Không hài lòng";
    default: return "";
  }
}

const std::vector<std::pair<std::string, std::string>>& unhappy_reasons() {
  static const std::vector<std::pair<std::string, std::string>> reasons{
      {"thai_do", "Thái độ"},
      {"cho_lau", "Thời gian chờ lâu"},
      {"huong_dan_khong_ro", "Hướng dẫn không rõ"},
      {"ho_so_tra_lai", "Hồ sơ bị trả lại nhiều lần"},
      {"khac", "Khác"},
  };
  return reasons;
}

bool is_unhappy_reason(std::string_view code) {
  for (const auto& [c, label] : unhappy_reasons())
    if (c == code) return true;
  return false;
}

const std::vector<std::pair<std::string, std::string>>& priority_groups() {
  static const std::vector<std::pair<std::string, std::string>> groups{
      {"cao_tuoi", "Người từ 80 tuổi trở lên"},
      {"khuyet_tat", "Người khuyết tật"},
      {"mang_thai", "Phụ nữ mang thai"},
      {"con_nho", "Người có con nhỏ dưới 6 tuổi"},
      {"nguoi_co_cong", "Thương binh, người có công với cách mạng"},
  };
  return groups;
}

std::string public_code_of(std::int64_t ticket_id, std::string_view secret) {
  return std::to_string(ticket_id) + "." + std::string(secret);
}

std::int64_t ticket_id_of_public_code(std::string_view code) {
  const std::size_t dot = code.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot > 18 || dot + 1 == code.size()) return 0;
  std::int64_t id = 0;
  for (std::size_t i = 0; i < dot; ++i) {
    if (code[i] < '0' || code[i] > '9') return 0;
    id = id * 10 + (code[i] - '0');
  }
  return id;
}

}  // namespace motcua
