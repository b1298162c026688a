// The demo office issuing numbers straight through the domain, each call one batch
// written to a store, as the office's writer does (for store tests on real files).
#pragma once

#include <utility>

#include "domain/decide.hpp"
#include "store/store.hpp"

namespace motcua::testing {

struct IssuingOffice {
  OfficeConfig config = wide_first_service(demo_office_config());
  Instant now = from_unix_ms(1795395600000LL);  // 2026-11-23 08:00 in Hà Nội
  OfficeState state = initial_state(config, service_day(now, config.utc_offset_minutes), 1, 0);

  // The demo's first service with numbers enough for any test, and no daily cap.
  static OfficeConfig wide_first_service(OfficeConfig c) {
    c.services[0].last_number = c.services[0].first_number + 9999999;
    c.services[0].daily_cap = 0;
    return c;
  }

  // Issues `tickets` numbers of the first service in one batch.
  Status issue(store::Store& store, int tickets) {
    store::Batch batch;
    for (int i = 0; i < tickets; ++i) {
      IssueTicket command;
      command.service = config.services[0].code;
      command.public_secret = "s";
      auto d = decide(config, state, command, now);
      if (!d.is_ok()) return d.status();
      for (auto& e : d.value().events) {
        e.seq = state.last_seq + 1;
        apply(config, state, e);
      }
      batch.add(std::move(d.value().events), state);
    }
    return store.write_batch(batch);
  }
};

}  // namespace motcua::testing
