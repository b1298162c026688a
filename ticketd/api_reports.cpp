// Supervision endpoints: /api/reports and /api/today (issue 6, in progress).
#include "api.hpp"
#include "api_call.hpp"

namespace motcua {

ApiResponse Api::reports(Call& c) {
  if (!c.caller.is_staff()) return unauthenticated_response(c.caller);
  return error_response(Status::unavailable("not_implemented", "Báo cáo chưa sẵn sàng"));
}

ApiResponse Api::today(Call& c) {
  if (!c.caller.is_staff()) return unauthenticated_response(c.caller);
  return error_response(Status::unavailable("not_implemented", "Số liệu hôm nay chưa sẵn sàng"));
}

}  // namespace motcua
