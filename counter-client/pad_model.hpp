// PadModel: the rating pad's screens and its one-vote-per-ticket rule, driven by ticketd's
// events, taps and time. Pure (no SDL, no I/O; time passed in as ms); one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "client/api_result.hpp"

namespace motcua::counter {

enum class PadScreen {
  idle,     // office, counter, officer on duty
  ask,      // ticket number + four faces
  reason,   // "Không hài lòng": why?
  sending,  // vote on its way; taps are ignored
  thanks,   // "Xin cảm ơn!"
  message,  // a short problem notice, then idle
};

struct VoteRequest {
  std::int64_t ticket_id = 0;
  int rating = 0;
  std::string reason;  // only with rating 4
};

struct ReasonChoice {
  std::string code;
  std::string label;
};

// The five reasons of docs/API.md, in the order shown (keys 1–5).
const std::vector<ReasonChoice>& unhappy_reason_choices();

class PadModel {
 public:
  PadModel(int counter, std::int64_t vote_window_ms, std::int64_t thanks_ms = 4000);

  // /api/office: office name and this counter's name.
  void apply_office(const boost::json::value& office);
  // EventStream messages; `vote.requested` for this counter opens the ask screen until
  // the window ends (counted from the event's time, so a replayed old request is ignored).
  // A snapshot whose counter status has an `awaiting_vote` opens it too.
  void apply_message(const boost::json::object& message, std::int64_t now_ms);
  void set_connected(bool connected) { connected_ = connected; }

  // Taps/keys. They return the vote to send, if this tap makes one; at most one per ticket.
  std::optional<VoteRequest> choose_rating(int rating, std::int64_t now_ms);
  std::optional<VoteRequest> choose_reason(std::size_t index, std::int64_t now_ms);
  // "Không hài lòng" without a reason (the API allows it): a citizen who won't say why
  // must not lose the vote by walking away from the reason screen.
  std::optional<VoteRequest> choose_no_reason(std::int64_t now_ms);
  void back(std::int64_t now_ms);  // from the reason screen to the faces
  void vote_done(const client::ApiResult& result, std::int64_t now_ms);
  // Timeouts: ask/reason → idle after the window, thanks/message → idle.
  void tick(std::int64_t now_ms);

  PadScreen screen() const { return screen_; }
  bool connected() const { return connected_; }
  int counter() const { return counter_; }
  const std::string& office_name() const { return office_name_; }
  const std::string& counter_name() const { return counter_name_; }
  const std::string& officer_name() const { return officer_name_; }
  const std::string& ticket_number() const { return ticket_number_; }
  std::int64_t ticket_id() const { return ticket_id_; }
  const std::string& message() const { return message_; }
  // Seconds left to vote (ask/reason screens), for a countdown.
  std::int64_t seconds_left(std::int64_t now_ms) const;

 private:
  void to_idle();
  void to_message(std::string text, std::int64_t now_ms);
  void apply_counter(const boost::json::value& c);
  void ask_for_awaiting_vote(const boost::json::value& counter, std::int64_t now_ms);
  void ask(std::int64_t ticket_id, std::string number, std::int64_t deadline_ms, std::int64_t now_ms);

  int counter_;
  std::int64_t window_ms_;
  std::int64_t thanks_ms_;
  bool connected_ = false;
  std::int64_t clock_offset_ms_ = 0;
  PadScreen screen_ = PadScreen::idle;
  std::string office_name_;
  std::string counter_name_;
  std::string officer_name_;
  std::int64_t ticket_id_ = 0;
  std::string ticket_number_;
  std::int64_t deadline_ms_ = 0;  // local time when the ask screen gives up
  std::int64_t until_ms_ = 0;     // local time when thanks/message ends
  std::string message_;
  std::set<std::int64_t> voted_;  // tickets this pad already sent a vote for
};

}  // namespace motcua::counter
