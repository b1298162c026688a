#include "pad_model.hpp"

#include <algorithm>

#include <boost/json.hpp>

namespace motcua::counter {

namespace json = boost::json;
using client::json_field;
using client::json_int;
using client::json_string;

const std::vector<ReasonChoice>& unhappy_reason_choices() {
  static const std::vector<ReasonChoice> choices = {
      {"thai_do", "Thái độ"},
      {"cho_lau", "Thời gian chờ lâu"},
      {"huong_dan_khong_ro", "Hướng dẫn không rõ"},
      {"ho_so_tra_lai", "Hồ sơ bị trả lại nhiều lần"},
      {"khac", "Khác"},
  };
  return choices;
}

PadModel::PadModel(int counter, std::int64_t vote_window_ms, std::int64_t thanks_ms)
    : counter_(counter), window_ms_(vote_window_ms), thanks_ms_(thanks_ms) {
  counter_name_ = "Quầy " + std::to_string(counter_);
}

void PadModel::apply_office(const json::value& office) {
  office_name_ = json_string(office, "name");
  if (const auto* list = json_field(office, "counters"); list && list->is_array()) {
    for (const auto& c : list->get_array()) {
      if (json_int(c, "number") == counter_ && !json_string(c, "name").empty()) counter_name_ = json_string(c, "name");
    }
  }
}

void PadModel::apply_counter(const json::value& c) {
  if (!c.is_object() || json_int(c, "number") != counter_) return;
  officer_name_ = json_string(c, "state") == "closed" ? std::string() : json_string(c, "officer_name");
}

void PadModel::apply_message(const json::object& message, std::int64_t now_ms) {
  json::value m(message);
  std::string type = json_string(m, "type");
  if (type == "snapshot") {
    const json::value* q = json_field(m, "queue");
    if (!q) return;
    if (std::int64_t server_now = json_int(*q, "now"); server_now > 0) clock_offset_ms_ = server_now - now_ms;
    if (const auto* counters = json_field(*q, "counters"); counters && counters->is_array()) {
      for (const auto& c : counters->get_array()) {
        apply_counter(c);
        if (json_int(c, "number") == counter_) ask_for_awaiting_vote(c, now_ms);
      }
    }
    return;
  }
  if (type != "event") return;
  if (const auto* c = json_field(m, "counter_status")) apply_counter(*c);
  if (json_string(m, "event") != "vote.requested") return;
  const json::value* t = json_field(m, "ticket");
  std::int64_t counter = json_int(m, "counter", t ? json_int(*t, "counter") : 0);
  if (counter != counter_) return;
  std::int64_t id = json_int(m, "ticket_id", t ? json_int(*t, "id") : 0);
  // The window runs from the close on the server's clock; a request replayed after a
  // reconnect may already be over.
  std::int64_t at = json_int(m, "at");
  std::int64_t deadline = (at > 0 ? at - clock_offset_ms_ : now_ms) + window_ms_;
  ask(id, t ? json_string(*t, "number") : std::string(), deadline, now_ms);
}

void PadModel::ask_for_awaiting_vote(const json::value& counter, std::int64_t now_ms) {
  // A pad that starts, or reconnects, after the close missed its vote.requested; the
  // counter status still names the ticket while the server takes a vote for it.
  const json::value* awaiting = json_field(counter, "awaiting_vote");
  if (!awaiting || !awaiting->is_object()) return;
  std::int64_t id = json_int(*awaiting, "ticket_id");
  if (id == ticket_id_ && screen_ != PadScreen::idle) return;  // already asking (or thanking) for it
  std::int64_t closed_at = json_int(*awaiting, "closed_at") - clock_offset_ms_;
  std::int64_t until = json_int(*awaiting, "until") - clock_offset_ms_;
  ask(id, json_string(*awaiting, "number"), std::min(closed_at + window_ms_, until), now_ms);
}

void PadModel::ask(std::int64_t ticket_id, std::string number, std::int64_t deadline_ms, std::int64_t now_ms) {
  if (ticket_id <= 0 || voted_.count(ticket_id) || deadline_ms <= now_ms) return;
  // A new closed ticket replaces one still waiting for its vote.
  ticket_id_ = ticket_id;
  ticket_number_ = std::move(number);
  deadline_ms_ = deadline_ms;
  message_.clear();
  screen_ = PadScreen::ask;
}

std::optional<VoteRequest> PadModel::choose_rating(int rating, std::int64_t now_ms) {
  tick(now_ms);
  if (screen_ != PadScreen::ask || rating < 1 || rating > 4) return std::nullopt;
  if (rating == 4) {
    screen_ = PadScreen::reason;
    return std::nullopt;
  }
  voted_.insert(ticket_id_);
  screen_ = PadScreen::sending;
  return VoteRequest{ticket_id_, rating, {}};
}

std::optional<VoteRequest> PadModel::choose_reason(std::size_t index, std::int64_t now_ms) {
  tick(now_ms);
  if (screen_ != PadScreen::reason || index >= unhappy_reason_choices().size()) return std::nullopt;
  voted_.insert(ticket_id_);
  screen_ = PadScreen::sending;
  return VoteRequest{ticket_id_, 4, unhappy_reason_choices()[index].code};
}

std::optional<VoteRequest> PadModel::choose_no_reason(std::int64_t now_ms) {
  tick(now_ms);
  if (screen_ != PadScreen::reason) return std::nullopt;
  voted_.insert(ticket_id_);
  screen_ = PadScreen::sending;
  return VoteRequest{ticket_id_, 4, {}};
}

void PadModel::back(std::int64_t now_ms) {
  if (screen_ == PadScreen::reason) screen_ = PadScreen::ask;
}

void PadModel::vote_done(const client::ApiResult& r, std::int64_t now_ms) {
  if (screen_ != PadScreen::sending) return;
  // already_voted means an earlier attempt did land (its reply was lost): thank them too.
  if (r.ok() || r.error == "already_voted") {
    screen_ = PadScreen::thanks;
    until_ms_ = now_ms + thanks_ms_;
    return;
  }
  if (r.transport_failed() && now_ms < deadline_ms_) {
    // Safe to let them tap again: ticketd accepts one vote per ticket, whatever we send.
    voted_.erase(ticket_id_);
    screen_ = PadScreen::ask;
    message_ = "Chưa gửi được đánh giá, xin vui lòng chọn lại.";
    return;
  }
  if (r.error == "vote_window_closed") return to_message("Đã hết thời gian đánh giá cho lượt này.", now_ms);
  // The server's reason is for IT (the pad logs it); the citizen gets a plain sentence.
  to_message("Rất tiếc, chưa ghi nhận được đánh giá của ông/bà. Xin cảm ơn ông/bà.", now_ms);
}

void PadModel::tick(std::int64_t now_ms) {
  if ((screen_ == PadScreen::ask || screen_ == PadScreen::reason) && now_ms >= deadline_ms_) to_idle();
  if ((screen_ == PadScreen::thanks || screen_ == PadScreen::message) && now_ms >= until_ms_) to_idle();
}

std::int64_t PadModel::seconds_left(std::int64_t now_ms) const {
  if (screen_ != PadScreen::ask && screen_ != PadScreen::reason) return 0;
  std::int64_t left = deadline_ms_ - now_ms;
  return left > 0 ? (left + 999) / 1000 : 0;
}

void PadModel::to_idle() {
  screen_ = PadScreen::idle;
  ticket_id_ = 0;
  ticket_number_.clear();
  message_.clear();
}

void PadModel::to_message(std::string text, std::int64_t now_ms) {
  screen_ = PadScreen::message;
  message_ = std::move(text);
  until_ms_ = now_ms + thanks_ms_;
}

}  // namespace motcua::counter
