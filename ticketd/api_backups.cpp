// /api/admin/backups: the copies of the database (backups.hpp), for supervisors and admins.
// The caller is identified on the office strand; copies are made and the folder is read on
// the backup thread, so neither the strand nor the writer waits on the disk.
#include "api_call.hpp"
#include "request_json.hpp"
#include "backup/backup_plan.hpp"
#include "backups.hpp"

namespace motcua {
namespace {

json::object copy_json(const Backups::Copy& c) {
  json::object o{{"file", c.file}, {"bytes", c.bytes}, {"made_at", to_unix_ms(c.made_at)}};
  if (c.seconds > 0) o["took_ms"] = static_cast<std::int64_t>(c.seconds * 1000);
  return o;
}

json::object backups_json(const Backups& backups, const std::vector<Backups::Copy>& listed) {
  const Backups::Settings& s = backups.settings();
  const Backups::State state = backups.state();
  json::array times, copies;
  for (int m : s.minutes) times.emplace_back(backup::format_time(m));
  for (const auto& c : listed) copies.emplace_back(copy_json(c));
  json::object o{{"dir", s.dir}, {"times", std::move(times)}, {"keep_days", s.keep_days}};
  o["next_at"] = state.next_at ? json::value(to_unix_ms(*state.next_at)) : json::value(nullptr);
  // A copy that reached the folder since (another machine's, a backup disk mounted after
  // start) is newer than what this ticketd remembers.
  std::optional<Backups::Copy> last = state.last;
  if (!listed.empty() && (!last || listed.front().made_at > last->made_at)) last = listed.front();
  o["last"] = last ? json::value(copy_json(*last)) : json::value(nullptr);
  o["last_failure"] = state.last_failure ? json::value(json::object{{"at", to_unix_ms(state.last_failure->at)},
                                                                    {"message", state.last_failure->message}})
                                         : json::value(nullptr);
  o["copies"] = std::move(copies);
  return o;
}

}  // namespace

void Api::backups(Call call) {
  office_.post([this, call = std::move(call)]() mutable {
    call.caller = identify(office_.config(), office_.sessions(), call.bearer_token, call.device_key, office_.now());
    if (auto refused = refuse_unless_supervisor(call.caller, "sao lưu dữ liệu")) return call.respond(std::move(*refused));
    const std::shared_ptr<Backups> backups = options_.backups;
    if (!backups)
      return call.respond(error_response(Status::conflict(
          "backup_unavailable", "Cơ sở dữ liệu này chỉ nằm trong bộ nhớ (:memory:), không có gì để sao lưu")));
    if (call.method != http::verb::post) {
      // The folder is read on the backup thread, not here on the strand.
      // A plain pointer: the job runs on the Backups' own thread, which it outlives.
      Backups* b = backups.get();
      return b->list_async([b, respond = std::move(call.respond)](std::vector<Backups::Copy> listed) {
        respond(json_response(200, backups_json(*b, listed)));
      });
    }
    // No options yet: a body with fields is a mistake the caller should hear about.
    if (auto body = RequestBody::parse(call.body, {}); !body.is_ok()) return call.respond(error_response(body.status()));
    backups->make_now([respond = std::move(call.respond)](Result<Backups::Copy> made) {
      if (!made.is_ok()) return respond(error_response(made.status()));
      respond(json_response(201, copy_json(made.value())));
    });
  });
}

}  // namespace motcua
