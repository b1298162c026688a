// Commands: what callers ask the office to do. decide() turns one into events.
// Plain values.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace motcua {

struct IssueTicket {
  std::string service;
  bool priority = false;
  std::string priority_group;
  std::string idempotency_key;
  std::string identity;      // validated by the shell; opaque here
  // The random half of the ticket's public code, made by the shell (the core has no
  // entropy). The code is "<ticket id>.<secret>", so a lookup by code needs no index.
  std::string public_secret;
};
struct SignIn { int counter = 0; std::string officer; };
struct SignOut { int counter = 0; std::string officer; };
struct CallNext { int counter = 0; std::string officer; };
struct Recall { int counter = 0; std::string officer; };
struct StartServing { int counter = 0; std::string officer; };
struct MarkNoShow { int counter = 0; std::string officer; };
struct CloseTicket { int counter = 0; std::string officer; };
struct Transfer {
  int counter = 0;
  std::string officer;
  std::string to_service;  // empty = keep the service
  int to_counter = 0;      // 0 = any counter serving the service
};
struct Pause { int counter = 0; std::string officer; std::string reason; };
struct Resume { int counter = 0; std::string officer; };
// A supervisor closes a counter its officer left signed in (a crashed PC, a shift that
// ended without signing out): the ticket it holds goes back in line at its place.
struct CloseCounter { int counter = 0; std::string supervisor; };
// `by`: the supervisor who cancelled it, recorded on the event; empty from a kiosk.
struct CancelTicket { std::int64_t ticket_id = 0; std::string reason; std::string by; };
struct Reactivate { std::int64_t ticket_id = 0; int counter = 0; std::string officer; };
struct CastVote { std::int64_t ticket_id = 0; int pad_counter = 0; int rating = 0; std::string reason; };
// Periodic: lets the day roll over at midnight even when nobody acts.
struct Tick {};

using Command = std::variant<IssueTicket, SignIn, SignOut, CallNext, Recall, StartServing, MarkNoShow,
                             CloseTicket, Transfer, Pause, Resume, CloseCounter, CancelTicket, Reactivate, CastVote, Tick>;

}  // namespace motcua
