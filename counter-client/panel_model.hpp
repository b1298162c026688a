// PanelModel: what the officer panel shows and which actions are valid, built from ticketd's
// snapshot/events and action replies. Pure (no SDL, no I/O, time passed in); one thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "client/api_result.hpp"

namespace motcua::counter {

// reactivate: a citizen marked absent came back; the officer types the number on the paper.
enum class PanelAction { call_next, recall, start, no_show, transfer, close, pause, resume, reactivate };
// What the panel says about the counter; `offline` whenever the live feed is down.
enum class PanelState { offline, closed, idle, calling, serving, paused };

const char* action_path(PanelAction a);   // "call-next", ...
std::string action_label(PanelAction a);  // "Gọi tiếp", ...
std::string panel_state_label(PanelState s);

struct TicketView {
  std::int64_t id = 0;
  std::string number;
  std::string service;
  std::string service_name;
  std::string state;
  bool priority = false;
  int recalls = 0;
  std::int64_t issued_at = 0, called_at = 0, started_at = 0;
  // When this counter called it: called_at is the first call anywhere, which for a
  // transferred, re-called or reactivated ticket was earlier and elsewhere.
  std::int64_t called_here_at = 0;
};

struct ServiceLine {
  std::string code;
  std::string name;
  std::int64_t waiting = 0;
  std::int64_t longest_wait_s = 0;  // as the server counted it at as_of_ms
  std::int64_t as_of_ms = 0;        // server time of the snapshot or event that said so
  // The longest wait at server time `server_now_ms`: the oldest citizen keeps waiting
  // between events, and a quiet hall sends none, so the figure must age on its own.
  std::int64_t longest_wait_at(std::int64_t server_now_ms) const;
};

struct Notice {
  enum class Kind { info, success, error } kind = Kind::info;
  std::string text;
  std::int64_t at_ms = 0;
  // An error that stops being true on its own must not stay on screen: "… đang mất kết
  // nối" once the feed is back, "“Gọi tiếp” chưa được xác nhận" once the feed shows the
  // call happened.
  enum class ClearsWhen { replaced, reconnected, action_lands } clears_when = ClearsWhen::replaced;
  PanelAction action = PanelAction::call_next;  // for action_lands
};

// A ticket this counter marked absent during this sign-in: offered as a one-click choice
// when the citizen comes back.
struct AbsentTicket {
  std::int64_t id = 0;
  std::string number;
  std::string service_name;
};

struct Target {  // a transfer destination
  bool is_counter = false;
  std::string service;
  int counter = 0;
  std::string label;
};

class PanelModel {
 public:
  PanelModel(int counter, std::string username, std::string display_name);

  // ---- inputs ----
  // /api/office body: names of services and counters (for the transfer picker).
  void apply_office(const boost::json::value& office);
  // An EventStream message (snapshot or event). now_ms: local clock.
  void apply_message(const boost::json::object& message, std::int64_t now_ms);
  void set_connected(bool connected, const std::string& detail, std::int64_t now_ms);
  // The panel sent an action / got its result. A transport failure is reported as
  // unconfirmed (failed), and is never retried.
  void action_sent(PanelAction a);
  void action_done(PanelAction a, const client::ApiResult& result, std::int64_t now_ms);
  void set_notice(Notice::Kind kind, std::string text, std::int64_t now_ms);
  void set_notice(Notice notice) { notice_ = std::move(notice); }

  // ---- outputs ----
  bool can(PanelAction a) const;
  PanelState state() const;
  bool connected() const { return connected_; }
  bool has_snapshot() const { return has_snapshot_; }
  bool busy() const { return pending_.has_value(); }
  // True once a 401/403 not_signed_in says the session is gone: the panel must sign in again.
  bool session_lost() const { return session_lost_; }
  // Why, when the server said so (a supervisor closed the counter); empty otherwise.
  const std::string& session_end_reason() const { return session_end_reason_; }
  int counter() const { return counter_; }
  const std::string& display_name() const { return display_name_; }
  const std::string& counter_name() const { return counter_name_; }
  const std::string& pause_reason() const { return pause_reason_; }
  const std::optional<TicketView>& ticket() const { return ticket_; }
  std::vector<ServiceLine> my_services() const;
  std::int64_t served_today() const { return served_today_; }
  const std::optional<Notice>& notice() const { return notice_; }
  const std::string& connection_detail() const { return connection_detail_; }
  // Server time ≈ local + offset (from the snapshot's `now`).
  std::int64_t server_now(std::int64_t local_now_ms) const { return local_now_ms + clock_offset_ms_; }
  // Returns true once per "new ticket while this counter is idle" (sound + notice).
  bool take_new_ticket_alert();
  // Where the ticket in hand can go: the other services, in the office's order, then the
  // open or paused counters that serve its service (a closed one would refuse it).
  std::vector<Target> transfer_targets() const;
  // Tickets this counter marked absent since signing in that are still absent, newest first.
  const std::vector<AbsentTicket>& recent_absent() const { return recent_absent_; }

 private:
  void apply_counter(const boost::json::value& counter_status);
  void apply_services(const boost::json::value& services, std::int64_t as_of_ms);
  void track_absent(const std::string& event, const boost::json::value& message);
  // The feed showed our counter doing `event`: clears an "unconfirmed" notice about it.
  void note_landed(const std::string& event, const boost::json::value& message, std::int64_t now_ms);
  std::string success_text(PanelAction a, const boost::json::value& reply_ticket) const;
  std::string counter_label(int number) const;

  int counter_;
  std::string username_;
  std::string display_name_;
  std::string counter_name_;
  std::string counter_state_ = "closed";
  std::string counter_officer_;  // username signed in at this counter, per the server
  std::string pause_reason_;
  std::int64_t served_today_ = 0;
  std::vector<std::string> my_service_codes_;
  std::map<std::string, ServiceLine> services_;
  struct OfficeCounter {
    int number = 0;
    std::string name;
    std::vector<std::string> services;
  };
  std::map<std::string, std::string> service_names_;             // from /api/office
  std::vector<std::pair<std::string, std::string>> office_services_;  // the same, in the office's order
  std::vector<OfficeCounter> counters_;                          // from /api/office
  std::map<int, std::string> counter_states_;                    // every counter's, live
  std::optional<TicketView> ticket_;
  bool connected_ = false;
  bool has_snapshot_ = false;
  bool session_lost_ = false;
  std::string session_end_reason_;
  bool new_ticket_alert_ = false;
  std::string connection_detail_;
  std::optional<PanelAction> pending_;
  // Set when the feed showed the pending action happen before its reply came: its ticket.
  std::optional<boost::json::value> pending_landed_ticket_;
  std::vector<AbsentTicket> recent_absent_;
  std::optional<Notice> notice_;
  std::int64_t clock_offset_ms_ = 0;
};

}  // namespace motcua::counter
