// The views written straight to text are the same JSON, byte for byte, as the json::object
// views serialised: the WebSocket events and the issue reply use the text, the rest of the
// API the objects, and a client must not see a difference.
#include <gtest/gtest.h>

#include <deque>
#include <functional>

#include "domain/decide.hpp"
#include "json_views.hpp"
#include "json_writer.hpp"

namespace motcua {
namespace {

Instant at_utc(int h, int m) { return from_unix_ms(1795392000000LL + (h * 60 + m) * 60000LL); }

std::string text_of(std::string_view s) {
  std::string out;
  {
    JsonWriter w(out);
    w.value(s);
  }
  return out;
}

TEST(JsonWriter, EscapesStringsAsJsonSerializeDoes) {
  std::string every_control;
  for (int c = 0; c < 0x20; ++c) every_control += static_cast<char>(c);
  for (const std::string& s : {std::string(), std::string("Hộ tịch"), std::string("a\"b\\c/d"), every_control,
                               std::string("x\x7f y"), std::string("\"\""), std::string("Quầy 3\n")})
    EXPECT_EQ(text_of(s), json::serialize(json::string(s))) << s;
  // Longer than any room reserved up front: the string grows as it is written.
  const std::string long_text(10000, 'a');
  EXPECT_EQ(text_of(long_text + "\"" + long_text), json::serialize(json::string(long_text + "\"" + long_text)));
}

TEST(JsonWriter, WritesNestedObjectsAndArraysWithCommasInPlace) {
  const std::string text = json_text([](TextFields& o) {
    o.put("a", 1);
    o.put_array("empty", [](auto&) {});
    o.put_array("list", [](auto& a) {
      a.push("x");
      a.push_object([](auto& inner) { inner.put("n", std::int64_t{-5}); });
      a.push("y");
    });
    o.put_object("obj", [](auto& inner) {
      inner.put("t", true);
      inner.put("nothing", nullptr);
      inner.put("later", std::optional<std::int64_t>{});
      inner.put("now", std::optional<std::int64_t>{42});
    });
    o.put("z", "end");
  });
  EXPECT_EQ(text, R"({"a":1,"empty":[],"list":["x",{"n":-5},"y"],"obj":{"t":true,"nothing":null,)"
                  R"("later":null,"now":42},"z":"end"})");
  EXPECT_TRUE(json::parse(text).is_object());
}

// Texts are written in a per-thread buffer and copied out: each comes back at its exact
// length (an event message once kept twice its size in the replay ring), and texts
// written while others are being written, deeper than the buffers kept, stay whole.
TEST(JsonText, ComesBackAtItsExactLengthAndNestsDeeperThanItsBuffers) {
  const std::string long_value(3000, 'v');
  const std::string alone = json_text([&](TextFields& o) { o.put("v", long_value); });
  EXPECT_EQ(alone, R"({"v":")" + long_value + R"("})");
  EXPECT_EQ(alone.capacity(), alone.size());

  std::function<std::string(int)> nested = [&](int depth) -> std::string {
    return json_text([&](TextFields& o) {
      o.put("depth", depth);
      if (depth < 7) o.put_raw("inner", nested(depth + 1));
      o.put("tail", long_value.substr(0, 10 * static_cast<std::size_t>(depth)));
    });
  };
  const json::value parsed = json::parse(nested(1));
  const json::value* level = &parsed;
  for (int depth = 1; depth <= 7; ++depth) {
    ASSERT_TRUE(level->is_object()) << depth;
    EXPECT_EQ(level->at("depth").as_int64(), depth);
    EXPECT_EQ(level->at("tail").as_string().size(), 10u * static_cast<std::size_t>(depth));
    if (depth < 7) level = &level->at("inner");
  }
  EXPECT_EQ(ticket_text_with_code(R"({"id":1})", "1.abc"), R"({"id":1,"code":"1.abc"})");
}

// An office in the middle of a morning: tickets waiting, called, served, transferred,
// a paused counter with a reason that needs escaping.
struct Morning {
  OfficeConfig config = demo_office_config();
  OfficeState state;
  std::vector<Event> events;

  Morning() {
    state = initial_state(config, service_day(at_utc(1, 0), config.utc_offset_minutes), 1, 0);
    const Officer& a = config.officers[0];
    const Officer& b = config.officers[1];
    run(SignIn{1, a.username});
    run(SignIn{2, b.username});
    for (std::size_t i = 0; i < 2 * config.services.size(); ++i) {
      IssueTicket t;
      t.service = config.services[i % config.services.size()].code;
      t.public_secret = "secret" + std::to_string(i);
      t.priority = i % 5 == 3;
      run(t);
    }
    run(CallNext{1, a.username});
    run(StartServing{1, a.username});
    run(Pause{2, b.username, "Nghỉ \"giải lao\"\n"});
  }
  void run(const Command& c) {
    auto d = decide(config, state, c, at_utc(1, 5));
    ASSERT_TRUE(d.is_ok()) << d.status().message();
    for (auto& e : d.value().events) {
      e.seq = state.last_seq + 1;
      apply(config, state, e);
      events.push_back(e);
    }
  }
};

TEST(JsonViews, TicketTextIsTheTicketObjectSerialised) {
  Morning m;
  ASSERT_FALSE(m.state.tickets.empty());
  for (const auto& [id, t] : m.state.tickets) {
    for (TicketViewOptions options : {TicketViewOptions{}, TicketViewOptions{.include_code = true},
                                      TicketViewOptions{.include_code = true, .replayed = true}}) {
      EXPECT_EQ(ticket_json_text(m.config, m.state, t, options),
                json::serialize(ticket_json(m.config, m.state, t, options)));
    }
  }
}

// The issue reply is the ticket text its event message embedded, with the code added:
// byte for byte what writing the view with the code gives, codes that need escaping too.
TEST(JsonViews, TheEventsTicketTextWithTheCodeIsTheIssueReply) {
  Morning m;
  const Instant now = at_utc(1, 6);
  int with_ticket = 0;
  for (const Event& e : m.events) {
    std::string ticket_text = "stale";
    const std::string message = event_message(m.config, m.state, e, now, &ticket_text);
    if (!e.ticket_id) {
      EXPECT_TRUE(ticket_text.empty()) << to_string(e.type);
      continue;
    }
    ++with_ticket;
    const Ticket& t = m.state.tickets.at(e.ticket_id);
    EXPECT_EQ(ticket_text, ticket_json_text(m.config, m.state, t));
    EXPECT_EQ(json::parse(message).at("ticket"), json::parse(ticket_text));
    EXPECT_EQ(ticket_text_with_code(ticket_text, t.public_code),
              ticket_json_text(m.config, m.state, t, {.include_code = true}));
    Ticket odd = t;
    odd.public_code = "7.a\"b\\c";
    EXPECT_EQ(ticket_text_with_code(ticket_json_text(m.config, m.state, odd), odd.public_code),
              json::serialize(ticket_json(m.config, m.state, odd, {.include_code = true})));
  }
  EXPECT_GE(with_ticket, 4);
}

TEST(JsonViews, EventMessageCarriesTheSameViewsAsTheQueue) {
  Morning m;
  ASSERT_GE(m.events.size(), 8u);
  const Instant now = at_utc(1, 6);
  const Event& paused = m.events.back();
  ASSERT_EQ(paused.type, EventType::counter_paused);
  const json::value message = json::parse(event_message(m.config, m.state, paused, now));
  const json::object& o = message.as_object();
  EXPECT_EQ(o.at("type"), "event");
  EXPECT_EQ(o.at("seq"), paused.seq);
  EXPECT_EQ(o.at("event"), "counter.paused");
  EXPECT_EQ(o.at("reason"), "Nghỉ \"giải lao\"\n");
  EXPECT_EQ(o.at("counter_status"), counter_json(m.config, m.state, paused.counter));
  EXPECT_EQ(o.at("services"), services_json(m.config, m.state, now));
  EXPECT_TRUE(o.at("ticket").is_null());
  EXPECT_TRUE(o.at("counter_status").at("ticket").is_null());
  const json::object serving = counter_json(m.config, m.state, 1);
  ASSERT_TRUE(serving.at("ticket").is_object());
  EXPECT_EQ(serving.at("ticket").at("state"), "serving");
  // Every event of the morning serialises the way its parts do.
  for (const Event& e : m.events) {
    const json::value v = json::parse(event_message(m.config, m.state, e, now));
    if (e.ticket_id) {
      EXPECT_EQ(v.at("ticket"), ticket_json(m.config, m.state, m.state.tickets.at(e.ticket_id)));
    }
    if (e.counter) {
      EXPECT_EQ(v.at("counter_status"), counter_json(m.config, m.state, e.counter));
    }
  }
}

// The hall board shows recent_calls as "go to counter n": only calls still in effect.
TEST(JsonViews, RecentCallsAreTheCallsStillInEffectNewestPerTicket) {
  OfficeConfig config = demo_office_config();
  OfficeState state = initial_state(config, service_day(at_utc(1, 0), config.utc_offset_minutes), 1, 0);
  std::deque<store::RecentCall> calls;  // as the office keeps them: newest first
  auto run = [&](const Command& c) {
    auto d = decide(config, state, c, at_utc(1, 5));
    ASSERT_TRUE(d.is_ok()) << d.status().message();
    for (auto& e : d.value().events) {
      e.seq = state.last_seq + 1;
      apply(config, state, e);
      if (e.type == EventType::ticket_called || e.type == EventType::ticket_recalled)
        calls.push_front({e.seq, e.ticket_id, e.counter, e.at, e.type == EventType::ticket_recalled});
    }
  };
  run(SignIn{1, "canbo1"});
  run(SignIn{6, "canbo6"});
  for (const char* service : {"ho-tich", "ho-tich", "chung-thuc"}) {
    IssueTicket issue;
    issue.service = service;
    run(issue);
  }
  run(CallNext{1, "canbo1"});  // A, then recalled and served at counter 1
  run(Recall{1, "canbo1"});
  run(StartServing{1, "canbo1"});
  run(CloseTicket{1, "canbo1"});
  run(CallNext{1, "canbo1"});  // B, handed on to tra-ket-qua: back in line
  run(Transfer{1, "canbo1", "tra-ket-qua", 0});
  run(CallNext{1, "canbo1"});  // C, still being called at counter 1
  ASSERT_EQ(calls.size(), 4u);

  auto shown = [&] {
    std::vector<std::string> out;
    for (const auto& c : recent_calls_json(config, state, calls))
      out.push_back(std::to_string(c.at("ticket_id").as_int64()) + "@" + std::to_string(c.at("counter").as_int64()) +
                    (c.at("recall").as_bool() ? " recall" : ""));
    return out;
  };
  // B's call at counter 1 is gone (it waits again); A shows once, as its recall.
  EXPECT_EQ(shown(), (std::vector<std::string>{"3@1", "1@1 recall"}));
  // Counter 6 calls B: shown there, not at counter 1.
  run(CallNext{6, "canbo6"});
  EXPECT_EQ(shown(), (std::vector<std::string>{"2@6", "3@1", "1@1 recall"}));
}

}  // namespace
}  // namespace motcua
