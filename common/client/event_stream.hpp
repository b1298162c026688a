// EventStream: ticketd's live feed (GET /ws) with reconnect, backoff, resume and resync.
// Thread rule: callbacks run on the stream's own thread (or the given io_context's); the
// destructor stops it, and in own-thread mode no callback runs once the destructor returns.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/json/object.hpp>

#include "client/server_address.hpp"

namespace motcua::client {

enum class StreamState {
  connecting,    // a connection attempt is under way
  connected,     // the WebSocket is open; messages flow
  disconnected,  // the connection failed or dropped; a retry is scheduled
};

struct EventStreamOptions {
  ServerAddress server;
  std::string device_key;  // sent as ?key= (display, rating pad) ...
  std::string token;       // ... or as ?token= (staff); at most one is used, the key first
  // Backoff between attempts: starts here, doubles per failure up to the cap, with
  // ±20 % jitter so many clients don't reconnect in step after a restart of ticketd.
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{10000};
  // Silence longer than this means a dead link (ticketd pings every 20 s).
  std::chrono::seconds idle_timeout{45};
};

struct EventStreamCallbacks {
  // Every message, in order, exactly once:
  //  - {"type":"snapshot","seq":N,"queue":{…}}: replace all state you hold with this.
  //  - {"type":"event","seq":N,…}: apply it; seq is always last_seq()+1 here, because
  //    duplicates are dropped and a gap makes the stream reconnect with ?since= first.
  std::function<void(const boost::json::object& message)> on_message;
  // Connection changes with a Vietnamese detail (why it failed, when it retries).
  std::function<void(StreamState state, const std::string& detail)> on_state;
};

class EventStream {
 public:
  // Runs on a thread of its own; connects at once.
  EventStream(EventStreamOptions options, EventStreamCallbacks callbacks);
  // Runs on `ioc`, which the caller runs; destroy it from that io_context's thread or after
  // it stopped, so no callback is running meanwhile.
  EventStream(boost::asio::io_context& ioc, EventStreamOptions options, EventStreamCallbacks callbacks);
  ~EventStream();
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // The seq of the last snapshot or event delivered (0 before the first); the next
  // connection asks for ?since=last_seq() so nothing is missed across a reconnect.
  std::int64_t last_seq() const;
  // Connections made so far (1 after the first success); for status displays.
  int connections() const;

 private:
  class Impl;
  std::unique_ptr<boost::asio::io_context> own_ioc_;
  std::shared_ptr<Impl> impl_;
  std::thread thread_;
};

}  // namespace motcua::client
