// Pure tests of the panel and pad models, the option parser and small helpers (no SDL, no I/O).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "client/server_address.hpp"
#include "layout.hpp"
#include "options.hpp"
#include "pad_model.hpp"
#include "panel_model.hpp"
#include "texts.hpp"

namespace json = boost::json;
using namespace motcua::counter;
using motcua::client::ApiResult;

namespace {

json::object counter_status(const char* state, json::value ticket = nullptr, int number = 1) {
  return json::object{{"number", number},        {"name", "Quầy 1"},
                      {"services", json::array{"ho-tich", "chung-thuc"}},
                      {"state", state},          {"officer", "canbo1"},
                      {"officer_name", "Nguyễn Thị Lan"},
                      {"pause_reason", ""},      {"since", 0},
                      {"served_today", 3},       {"ticket", ticket}};
}

json::object ticket(const char* state, int id = 42, const char* number = "1023") {
  return json::object{{"id", id},
                      {"number", number},
                      {"service", "ho-tich"},
                      {"service_name", "Tư pháp – Hộ tịch"},
                      {"state", state},
                      {"priority", false},
                      {"issued_at", 1000000},
                      {"called_at", 1060000},
                      {"started_at", nullptr},
                      {"counter", 1},
                      {"recalls", 0}};
}

json::array services(int waiting_ho_tich) {
  return json::array{json::object{{"code", "ho-tich"}, {"name", "Tư pháp – Hộ tịch"}, {"waiting", waiting_ho_tich},
                                  {"longest_wait_s", 610}},
                     json::object{{"code", "dat-dai"}, {"name", "Đất đai – Xây dựng"}, {"waiting", 9},
                                  {"longest_wait_s", 900}}};
}

json::object snapshot(json::object counter, std::int64_t now = 2000000) {
  return json::object{{"type", "snapshot"},
                      {"seq", 10},
                      {"queue", json::object{{"seq", 10},
                                             {"now", now},
                                             {"services", services(2)},
                                             {"counters", json::array{counter}},
                                             {"recent_calls", json::array{}}}}};
}

json::object event(const char* name, std::int64_t seq, json::value counter, json::value t = nullptr,
                   std::int64_t at = 2000000) {
  return json::object{{"type", "event"},       {"seq", seq},     {"event", name}, {"at", at},
                      {"ticket_id", 42},       {"counter", 1},   {"ticket", t},   {"counter_status", counter},
                      {"services", services(3)}};
}

PanelModel connected_panel(const char* state, json::value t = nullptr) {
  PanelModel m(1, "canbo1", "Nguyễn Thị Lan");
  m.set_connected(true, "", 0);
  m.apply_message(snapshot(counter_status(state, t)), 2000000);
  return m;
}

}  // namespace

TEST(PanelModel, IdleCounterCanOnlyCallNextOrPause) {
  PanelModel m = connected_panel("idle");
  EXPECT_EQ(m.state(), PanelState::idle);
  EXPECT_TRUE(m.can(PanelAction::call_next));
  EXPECT_TRUE(m.can(PanelAction::pause));
  for (auto a : {PanelAction::recall, PanelAction::start, PanelAction::no_show, PanelAction::transfer,
                 PanelAction::close, PanelAction::resume}) {
    EXPECT_FALSE(m.can(a)) << action_path(a);
  }
  ASSERT_EQ(m.my_services().size(), 2u);
  EXPECT_EQ(m.my_services()[0].waiting, 2);
  EXPECT_EQ(m.my_services()[0].longest_wait_s, 610);
}

TEST(PanelModel, StateDecidesActionsTableDriven) {
  struct Row { const char* state; PanelState shown; std::vector<PanelAction> allowed; };
  const std::vector<Row> rows = {
      {"calling", PanelState::calling,
       {PanelAction::recall, PanelAction::start, PanelAction::no_show, PanelAction::transfer}},
      {"serving", PanelState::serving, {PanelAction::transfer, PanelAction::close}},
      {"paused", PanelState::paused, {PanelAction::resume}},
      {"closed", PanelState::closed, {}},
  };
  const PanelAction all[] = {PanelAction::call_next, PanelAction::recall, PanelAction::start, PanelAction::no_show,
                             PanelAction::transfer,  PanelAction::close,  PanelAction::pause, PanelAction::resume};
  for (const auto& row : rows) {
    PanelModel m = connected_panel(row.state, row.shown == PanelState::paused || row.shown == PanelState::closed
                                                  ? json::value(nullptr)
                                                  : json::value(ticket("called")));
    EXPECT_EQ(m.state(), row.shown) << row.state;
    for (auto a : all) {
      bool expected = std::find(row.allowed.begin(), row.allowed.end(), a) != row.allowed.end();
      EXPECT_EQ(m.can(a), expected) << row.state << " " << action_path(a);
    }
  }
}

TEST(PanelModel, OfflineDisablesEverything) {
  PanelModel m = connected_panel("idle");
  m.set_connected(false, "mất kết nối", 0);
  EXPECT_EQ(m.state(), PanelState::offline);
  EXPECT_FALSE(m.can(PanelAction::call_next));
  m.set_connected(true, "", 0);
  EXPECT_TRUE(m.can(PanelAction::call_next));
}

TEST(PanelModel, EventsUpdateTicketAndWaits) {
  PanelModel m = connected_panel("idle");
  m.apply_message(event("ticket.called", 11, counter_status("calling", ticket("called")), ticket("called")), 2000000);
  EXPECT_EQ(m.state(), PanelState::calling);
  ASSERT_TRUE(m.ticket());
  EXPECT_EQ(m.ticket()->number, "1023");
  EXPECT_EQ(m.ticket()->called_at - m.ticket()->issued_at, 60000);
  EXPECT_EQ(m.my_services()[0].waiting, 3);
  // Another counter's event leaves ours alone.
  m.apply_message(event("ticket.called", 12, counter_status("idle", nullptr, 2)), 2000000);
  EXPECT_EQ(m.state(), PanelState::calling);
}

TEST(PanelModel, ActionInFlightBlocksAnother) {
  PanelModel m = connected_panel("idle");
  m.action_sent(PanelAction::call_next);
  EXPECT_TRUE(m.busy());
  EXPECT_FALSE(m.can(PanelAction::call_next));
  EXPECT_FALSE(m.can(PanelAction::pause));
}

TEST(PanelModel, UnconfirmedActionIsShownAsFailedAndStateUnchanged) {
  PanelModel m = connected_panel("idle");
  m.action_sent(PanelAction::call_next);
  m.action_done(PanelAction::call_next, ApiResult::no_reply("hết thời gian chờ"), 5);
  EXPECT_FALSE(m.busy());
  ASSERT_TRUE(m.notice());
  EXPECT_EQ(m.notice()->kind, Notice::Kind::error);
  EXPECT_NE(m.notice()->text.find("chưa được xác nhận"), std::string::npos);
  EXPECT_NE(m.notice()->text.find("không được gửi lại"), std::string::npos);
  EXPECT_EQ(m.state(), PanelState::idle);
}

TEST(PanelModel, SuccessfulReplyAppliesCounter) {
  PanelModel m = connected_panel("idle");
  m.action_sent(PanelAction::call_next);
  json::object body{{"ticket", ticket("called")}, {"counter", counter_status("calling", ticket("called"))}};
  m.action_done(PanelAction::call_next, ApiResult::from_reply(200, json::serialize(body)), 5);
  EXPECT_EQ(m.state(), PanelState::calling);
  EXPECT_NE(m.notice()->text.find("1023"), std::string::npos);
}

TEST(PanelModel, NobodyWaitingIsNotAnError) {
  PanelModel m = connected_panel("idle");
  m.action_sent(PanelAction::call_next);
  m.action_done(PanelAction::call_next, ApiResult::from_reply(204, ""), 5);
  EXPECT_EQ(m.notice()->kind, Notice::Kind::info);
  EXPECT_EQ(m.notice()->text, "Không có ai đang chờ.");
}

TEST(PanelModel, RefusalsShowServerMessageAndLostSession) {
  PanelModel m = connected_panel("idle");
  m.action_done(PanelAction::call_next,
                ApiResult::from_reply(409, R"({"error":"invalid_transition","message":"Không thể gọi"})"), 5);
  EXPECT_EQ(m.notice()->kind, Notice::Kind::error);
  EXPECT_NE(m.notice()->text.find("Không thể gọi"), std::string::npos);
  EXPECT_FALSE(m.session_lost());
  m.action_done(PanelAction::call_next,
                ApiResult::from_reply(401, R"({"error":"session_expired","message":"Phiên đã hết hạn"})"), 5);
  EXPECT_TRUE(m.session_lost());
}

TEST(PanelModel, CounterClosedOrTakenEndsTheSession) {
  PanelModel m = connected_panel("idle");
  m.apply_message(event("counter.opened", 11, counter_status("idle", nullptr, 2)), 1);
  EXPECT_FALSE(m.session_lost());
  m.apply_message(event("counter.closed", 12, counter_status("closed")), 1);
  EXPECT_TRUE(m.session_lost());
  PanelModel taken = connected_panel("idle");
  json::object other = counter_status("idle");
  other["officer"] = "canbo2";
  taken.apply_message(event("counter.opened", 11, other), 1);
  EXPECT_TRUE(taken.session_lost());
  EXPECT_EQ(taken.session_end_reason(), "");
}

TEST(PanelModel, ASupervisorClosingTheCounterSaysSo) {
  PanelModel m = connected_panel("serving");
  json::object closed = event("counter.closed", 12, counter_status("closed"));
  closed["reason"] = "closed_by_supervisor";
  closed["officer"] = "lanhdao";
  m.apply_message(closed, 1);
  EXPECT_TRUE(m.session_lost());
  EXPECT_EQ(m.session_end_reason().rfind("Lãnh đạo đã đóng quầy này", 0), 0u) << m.session_end_reason();
  EXPECT_NE(m.session_end_reason().find("trở lại hàng chờ"), std::string::npos);
}

TEST(PanelModel, TheDayEndingClosesTheCounterAndSaysSo) {
  PanelModel m = connected_panel("idle");
  json::object closed = event("counter.closed", 12, counter_status("closed"));
  closed["reason"] = "day_end";
  m.apply_message(closed, 1);
  EXPECT_TRUE(m.session_lost());
  EXPECT_EQ(m.session_end_reason().rfind("Đã sang ngày làm việc mới", 0), 0u) << m.session_end_reason();
}

TEST(PanelModel, NewTicketAlertOnlyWhenIdleAndForOurService) {
  PanelModel m = connected_panel("idle");
  json::object t = ticket("waiting");
  m.apply_message(event("ticket.issued", 11, nullptr, t), 1);
  EXPECT_TRUE(m.take_new_ticket_alert());
  EXPECT_FALSE(m.take_new_ticket_alert());
  json::object other = t;
  other["service"] = "dat-dai";
  m.apply_message(event("ticket.issued", 12, nullptr, other), 1);
  EXPECT_FALSE(m.take_new_ticket_alert());
  PanelModel busy = connected_panel("serving", ticket("serving"));
  busy.apply_message(event("ticket.issued", 11, nullptr, t), 1);
  EXPECT_FALSE(busy.take_new_ticket_alert());
}

TEST(PanelModel, TransferTargetsAreOtherServicesInOfficeOrderThenOpenCountersOfTheService) {
  PanelModel m(1, "canbo1", "Nguyễn Thị Lan");
  m.set_connected(true, "", 0);
  m.apply_office(json::parse(R"({"services":[{"code":"ho-tich","name":"Hộ tịch"},{"code":"dat-dai","name":"Đất đai"},
                                            {"code":"chung-thuc","name":"Chứng thực"}],
                                 "counters":[{"number":1,"name":"Quầy 1","services":["ho-tich","chung-thuc"]},
                                             {"number":2,"name":"Quầy 2","services":["chung-thuc","ho-tich"]},
                                             {"number":3,"name":"Quầy 3","services":["dat-dai"]},
                                             {"number":4,"name":"Quầy 4","services":["ho-tich"]},
                                             {"number":5,"name":"Quầy 5","services":["ho-tich"]}]})"));
  auto other = [](int number, const char* state) {
    json::object c = counter_status(state, nullptr, number);
    c["officer"] = std::string(state) == "closed" ? "" : "canbo" + std::to_string(number);
    return c;
  };
  json::object snap = snapshot(counter_status("serving", ticket("serving")));
  snap["queue"].as_object()["counters"] = json::array{counter_status("serving", ticket("serving")), other(2, "idle"),
                                                     other(3, "idle"), other(4, "closed"), other(5, "paused")};
  m.apply_message(snap, 2000000);

  auto labels = [&] {
    std::vector<std::string> out;
    for (const auto& t : m.transfer_targets()) out.push_back(t.label);
    return out;
  };
  // Not its own service (ho-tich) nor its own counter; not counter 3 (dat-dai only) nor
  // the closed counter 4, which would refuse the ticket.
  EXPECT_EQ(labels(), (std::vector<std::string>{"Lĩnh vực: Đất đai", "Lĩnh vực: Chứng thực", "Quầy 2",
                                                "Quầy 5 (đang tạm dừng)"}));
  const auto targets = m.transfer_targets();
  EXPECT_FALSE(targets[0].is_counter);
  EXPECT_EQ(targets[0].service, "dat-dai");
  EXPECT_TRUE(targets[2].is_counter);
  EXPECT_EQ(targets[2].counter, 2);

  // Counter 4 opens: it is offered from then on.
  m.apply_message(event("counter.opened", 11, other(4, "idle")), 2000000);
  EXPECT_EQ(labels(), (std::vector<std::string>{"Lĩnh vực: Đất đai", "Lĩnh vực: Chứng thực", "Quầy 2", "Quầy 4",
                                                "Quầy 5 (đang tạm dừng)"}));
}

TEST(PanelModel, CalledHereIsThisCountersCallNotTheFirstCallElsewhere) {
  PanelModel m = connected_panel("idle");
  // First called at 1,060,000 elsewhere (then transferred); this counter calls it at 1,900,000.
  json::object calling = counter_status("calling", ticket("called"));
  calling["since"] = 1900000;
  m.apply_message(event("ticket.called", 11, calling, ticket("called")), 1900000);
  ASSERT_TRUE(m.ticket());
  EXPECT_EQ(m.ticket()->called_at, 1060000);
  EXPECT_EQ(m.ticket()->called_here_at, 1900000);
  // Serving: the counter's `since` is now the start; the call time seen is kept.
  json::object serving = counter_status("serving", ticket("serving"));
  serving["since"] = 1950000;
  m.apply_message(event("ticket.started", 12, serving, ticket("serving")), 1950000);
  EXPECT_EQ(m.ticket()->called_here_at, 1900000);
}

namespace {

json::object vote_requested(std::int64_t ticket_id, int counter, std::int64_t at, std::int64_t seq = 20) {
  json::object t = ticket("done", static_cast<int>(ticket_id), "1001");
  t["counter"] = counter;
  return json::object{{"type", "event"}, {"seq", seq},          {"event", "vote.requested"}, {"at", at},
                      {"ticket_id", ticket_id}, {"counter", counter}, {"ticket", t}};
}

}  // namespace

TEST(PadModel, AsksOnlyForItsCounterAndVotesOnce) {
  PadModel pad(3, 30000);
  pad.apply_message(vote_requested(7, 2, 1000), 1000);
  EXPECT_EQ(pad.screen(), PadScreen::idle);
  pad.apply_message(vote_requested(7, 3, 1000), 1000);
  EXPECT_EQ(pad.screen(), PadScreen::ask);
  EXPECT_EQ(pad.ticket_number(), "1001");
  auto vote = pad.choose_rating(1, 2000);
  ASSERT_TRUE(vote);
  EXPECT_EQ(vote->ticket_id, 7);
  EXPECT_EQ(vote->rating, 1);
  EXPECT_FALSE(pad.choose_rating(2, 2100));  // a second tap while sending
  pad.vote_done(ApiResult::from_reply(201, R"({"ticket_id":7,"rating":1})"), 2200);
  EXPECT_EQ(pad.screen(), PadScreen::thanks);
  EXPECT_FALSE(pad.choose_rating(2, 2300));  // a late tap on the thanks screen
  pad.tick(2200 + 4000);
  EXPECT_EQ(pad.screen(), PadScreen::idle);
  pad.apply_message(vote_requested(7, 3, 6000, 21), 6300);  // the same ticket again: no second chance
  EXPECT_EQ(pad.screen(), PadScreen::idle);
}

TEST(PadModel, UnhappyAsksForReason) {
  PadModel pad(1, 30000);
  pad.apply_message(vote_requested(9, 1, 1000), 1000);
  EXPECT_FALSE(pad.choose_rating(4, 1100));
  EXPECT_EQ(pad.screen(), PadScreen::reason);
  pad.back(1150);
  EXPECT_EQ(pad.screen(), PadScreen::ask);
  EXPECT_FALSE(pad.choose_rating(4, 1200));
  auto vote = pad.choose_reason(1, 1300);
  ASSERT_TRUE(vote);
  EXPECT_EQ(vote->rating, 4);
  EXPECT_EQ(vote->reason, "cho_lau");
  EXPECT_EQ(unhappy_reason_choices().size(), 5u);
  EXPECT_EQ(unhappy_reason_choices()[3].code, "ho_so_tra_lai");
}

TEST(PadModel, WindowTimesOutToIdleWithoutVote) {
  PadModel pad(1, 30000);
  pad.apply_message(vote_requested(9, 1, 1000), 1000);
  EXPECT_EQ(pad.seconds_left(1000), 30);
  pad.tick(31000);
  EXPECT_EQ(pad.screen(), PadScreen::idle);
  EXPECT_FALSE(pad.choose_rating(1, 31001));
}

TEST(PadModel, ReplayedOldRequestIsIgnored) {
  PadModel pad(1, 30000);
  pad.apply_message(vote_requested(9, 1, 1000), 100000);
  EXPECT_EQ(pad.screen(), PadScreen::idle);
}

TEST(PadModel, LostReplyLetsThemTapAgainAndAlreadyVotedThanks) {
  PadModel pad(1, 30000);
  pad.apply_message(vote_requested(9, 1, 1000), 1000);
  ASSERT_TRUE(pad.choose_rating(2, 1100));
  pad.vote_done(ApiResult::no_reply("x"), 1200);
  EXPECT_EQ(pad.screen(), PadScreen::ask);
  EXPECT_FALSE(pad.message().empty());
  ASSERT_TRUE(pad.choose_rating(2, 1300));
  pad.vote_done(ApiResult::from_reply(409, R"({"error":"already_voted","message":"Đã đánh giá"})"), 1400);
  EXPECT_EQ(pad.screen(), PadScreen::thanks);
}

TEST(PadModel, ARefusalShowsTheCitizenAPlainSentenceNotTheServersWords) {
  PadModel pad(1, 30000);
  pad.apply_message(vote_requested(9, 1, 1000), 1000);
  ASSERT_TRUE(pad.choose_rating(1, 1100));
  pad.vote_done(ApiResult::from_reply(403, R"({"error":"wrong_counter","message":"Số này được phục vụ ở quầy khác"})"),
                1200);
  EXPECT_EQ(pad.screen(), PadScreen::message);
  EXPECT_EQ(pad.message(), "Rất tiếc, chưa ghi nhận được đánh giá của ông/bà. Xin cảm ơn ông/bà.");
}

TEST(PadModel, OfficerOnDutyFromSnapshot) {
  PadModel pad(1, 30000);
  pad.apply_message(snapshot(counter_status("idle")), 0);
  EXPECT_EQ(pad.officer_name(), "Nguyễn Thị Lan");
  pad.apply_message(event("counter.closed", 11, counter_status("closed")), 0);
  EXPECT_EQ(pad.officer_name(), "");
}

json::object counter_awaiting_vote(std::int64_t ticket_id, std::int64_t closed_at, std::int64_t until) {
  json::object c = counter_status("idle");
  c["awaiting_vote"] = json::object{{"ticket_id", ticket_id}, {"number", "1023"}, {"closed_at", closed_at},
                                    {"until", until}};
  return c;
}

// A pad that starts (or reconnects) after the close finds the ticket in the snapshot.
// Server time runs 1,000,000 ms ahead of the pad's clock here.
TEST(PadModel, SnapshotWithAnAwaitingVoteAsksForIt) {
  struct Row {
    const char* name;
    std::int64_t closed_at, until;  // server time
    PadScreen expected;
    std::int64_t seconds_left;
  };
  const Row rows[] = {
      {"closed 10 s ago: the pad's own 30 s window has 20 s left", 1990000, 2110000, PadScreen::ask, 20},
      {"the server's window ends first", 1990000, 2005000, PadScreen::ask, 5},
      {"the pad's window is over", 1960000, 2110000, PadScreen::idle, 0},
      {"the server's window is over", 1990000, 1999000, PadScreen::idle, 0},
  };
  for (const Row& row : rows) {
    PadModel pad(1, 30000);
    pad.apply_message(snapshot(counter_awaiting_vote(7, row.closed_at, row.until), 2000000), 1000000);
    EXPECT_EQ(pad.screen(), row.expected) << row.name;
    EXPECT_EQ(pad.seconds_left(1000000), row.seconds_left) << row.name;
    if (row.expected == PadScreen::ask) {
      EXPECT_EQ(pad.ticket_number(), "1023") << row.name;
    }
  }
}

TEST(PadModel, SnapshotDoesNotDisturbAVoteUnderWayOrRepeatOne) {
  PadModel pad(1, 30000);
  pad.apply_message(vote_requested(7, 1, 1000), 1000);
  EXPECT_FALSE(pad.choose_rating(4, 1100));
  ASSERT_EQ(pad.screen(), PadScreen::reason);
  // A reconnect in the middle of choosing a reason: the citizen stays where they are.
  pad.apply_message(snapshot(counter_awaiting_vote(7, 1000, 121000), 2000), 2000);
  EXPECT_EQ(pad.screen(), PadScreen::reason);
  ASSERT_TRUE(pad.choose_reason(0, 2100));
  pad.vote_done(ApiResult::no_reply("x"), 2200);
  ASSERT_TRUE(pad.choose_rating(1, 2300));
  pad.vote_done(ApiResult::from_reply(201, R"({"ticket_id":7,"rating":1})"), 2400);
  pad.tick(2400 + 4000);
  ASSERT_EQ(pad.screen(), PadScreen::idle);
  // A snapshot taken before the vote landed must not ask again.
  pad.apply_message(snapshot(counter_awaiting_vote(7, 1000, 121000), 6500), 6500);
  EXPECT_EQ(pad.screen(), PadScreen::idle);
  // Another counter's awaiting vote is not ours.
  json::object other = counter_awaiting_vote(8, 6000, 126000);
  other["number"] = 2;
  pad.apply_message(snapshot(other, 6500), 6500);
  EXPECT_EQ(pad.screen(), PadScreen::idle);
}

// Everything on the ask and reason screens has its own band: the lost-connection banner
// never covers the ticket number, and a notice never hides the countdown.
TEST(PadLayoutTest, BandsDoNotOverlapAtCommonPadSizes) {
  const std::pair<float, float> sizes[] = {{800, 480}, {1024, 600}, {1280, 800}, {1024, 768}, {1920, 1080}, {480, 320}};
  for (auto [w, h] : sizes) {
    SCOPED_TRACE(std::to_string(int(w)) + "x" + std::to_string(int(h)));
    PadLayout l = pad_layout(w, h);
    // Edges may meet: a hair of float rounding is not an overlap.
    auto bottom = [](const Rect& r) { return r.y + r.h - 0.01f; };
    EXPECT_LE(bottom(l.banner), l.number_line.y);
    EXPECT_GE(l.number_line.h, l.big_text);
    EXPECT_LE(bottom(l.number_line), l.prompt_line.y);
    EXPECT_GE(l.prompt_line.h, l.big_text);
    EXPECT_LE(bottom(l.prompt_line), l.notice_line.y);
    EXPECT_GE(l.notice_line.h, l.mid_text * 0.7f);
    EXPECT_LE(bottom(l.notice_line), l.ratings[0].y);
    EXPECT_LE(bottom(l.ratings[0]), l.countdown_line.y);
    EXPECT_GE(l.countdown_line.h, l.mid_text * 0.7f);
    EXPECT_LE(bottom(l.countdown_line), h);
    EXPECT_LE(bottom(l.banner), l.reason_title.y);
    EXPECT_LE(bottom(l.reason_title), l.reasons[0].y);
    EXPECT_LE(bottom(l.reasons[4]), l.countdown_line.y);
    // "Gửi, không nêu lý do" sits under "Quay lại", clear of it and of the countdown.
    EXPECT_LE(bottom(l.back), l.no_reason.y);
    EXPECT_GE(l.no_reason.h, l.mid_text * 2);
    EXPECT_LE(bottom(l.no_reason), l.countdown_line.y);
    EXPECT_LE(l.no_reason.x + l.no_reason.w, w);
  }
}

TEST(Options, ParsesCommandsAndRejectsBadInput) {
  auto r = parse_options({"cc", "--server", "127.0.0.1:9000", "--json", "transfer", "--to-counter", "2"});
  ASSERT_EQ(r.error, "");
  EXPECT_EQ(r.options.mode, Mode::command);
  EXPECT_EQ(r.options.command, "transfer");
  EXPECT_EQ(*r.options.to_counter, 2);
  EXPECT_TRUE(r.options.json);
  EXPECT_NE(parse_options({"cc", "transfer"}).error, "");
  EXPECT_NE(parse_options({"cc", "fly"}).error, "");
  // A word too many is refused, not ignored.
  EXPECT_EQ(parse_options({"cc", "call-next", "extra"}).error, "Thừa tham số cho lệnh call-next: extra");
  EXPECT_EQ(parse_options({"cc", "reactivate", "42", "43"}).error, "Thừa tham số cho lệnh reactivate: 43");
  EXPECT_EQ(parse_options({"cc", "login", "canbo1", "canbo2", "--counter", "1"}).error,
            "Thừa tham số cho lệnh login: canbo2");
  EXPECT_EQ(parse_options({"cc", "login", "canbo1", "--counter", "1"}).error, "");
  // reactivate takes the number printed on the citizen's paper.
  EXPECT_EQ(parse_options({"cc", "reactivate", "1023"}).error, "");
  EXPECT_EQ(parse_options({"cc", "reactivate", "A015"}).error, "");
  EXPECT_NE(parse_options({"cc", "reactivate"}).error.find("reactivate 1023"), std::string::npos);
  EXPECT_NE(parse_options({"cc", "--counter", "x"}).error, "");
  EXPECT_NE(parse_options({"cc", "--rating-pad", "--counter", "3"}).error, "");
  auto pad = parse_options({"cc", "--rating-pad", "--counter", "3", "--key", "k", "--vote-window", "5"});
  ASSERT_EQ(pad.error, "");
  EXPECT_EQ(pad.options.mode, Mode::rating_pad);
  EXPECT_EQ(pad.options.vote_window_s, 5);
  EXPECT_EQ(pad.options.monitor, 0);  // the system's choice unless told
  auto second = parse_options({"cc", "--rating-pad", "--counter", "3", "--key", "k", "--monitor", "2", "--fullscreen"});
  ASSERT_EQ(second.error, "");
  EXPECT_EQ(second.options.monitor, 2);
  EXPECT_TRUE(second.options.fullscreen);
  EXPECT_NE(parse_options({"cc", "--monitor", "hai"}).error, "");
  EXPECT_EQ(parse_options({"cc", "--monitor", "17"}).error.rfind("--monitor phải là số thứ tự màn hình từ 1 đến 16", 0), 0u);
  EXPECT_NE(parse_options({"cc", "--monitor"}).error, "");
  auto login = parse_options({"cc", "login", "canbo1", "--counter", "1"});
  EXPECT_EQ(login.options.user, "canbo1");
  EXPECT_EQ(parse_options({"cc"}).options.mode, Mode::panel);
}

TEST(Helpers, DurationsAndAddresses) {
  EXPECT_EQ(format_duration(0), "0 giây");
  EXPECT_EQ(format_duration(610), "10 phút 10 giây");
  EXPECT_EQ(format_duration(3720), "1 giờ 2 phút");
  auto a = motcua::client::parse_server_address("localhost:9000");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "localhost");
  EXPECT_EQ(a->port, 9000);
  EXPECT_FALSE(motcua::client::parse_server_address("h:99999"));
  EXPECT_FALSE(motcua::client::parse_server_address("h:abc"));
  EXPECT_EQ(motcua::client::url_encode("a b/ç"), "a%20b%2F%C3%A7");
}
