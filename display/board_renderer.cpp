#include "board_renderer.hpp"

#include <algorithm>

#include "vn_clock.hpp"

namespace motcua::display {
namespace {

constexpr SDL_Color kBackground{11, 37, 69, 255};
constexpr SDL_Color kPanel{19, 49, 92, 255};
constexpr SDL_Color kRow{29, 78, 137, 255};
constexpr SDL_Color kRowCalling{178, 58, 72, 255};
constexpr SDL_Color kAmber{255, 200, 87, 255};
constexpr SDL_Color kWhite{255, 255, 255, 255};
constexpr SDL_Color kMuted{170, 190, 215, 255};
constexpr SDL_Color kDark{11, 37, 69, 255};
constexpr SDL_Color kOffline{200, 30, 30, 255};
constexpr SDL_Color kTicker{8, 26, 50, 255};
constexpr std::int64_t kBlinkHalfPeriodMs = 500;

std::string state_text(const std::string& state) {
  if (state == "calling") return "Mời công dân";
  if (state == "serving") return "Đang phục vụ";
  if (state == "paused") return "Tạm dừng";
  if (state == "idle") return "Sẵn sàng";
  return "Đóng";
}

// Section titles share one size, tied to the screen rather than to each panel's height.
int title_px(Box panel) { return std::max(14, std::min(panel.h / 7, 44)); }

Box top(Box b, int h) { return Box{b.x, b.y, b.w, std::min(h, b.h)}; }
Box shrink(Box b, int m) { return Box{b.x + m, b.y + m, std::max(0, b.w - 2 * m), std::max(0, b.h - 2 * m)}; }

}  // namespace

BoardRenderer::BoardRenderer(SDL_Renderer* renderer, RendererSettings settings)
    : renderer_(renderer), settings_(std::move(settings)),
      painter_(renderer, settings_.regular_font, settings_.bold_font) {
  SDL_RendererInfo info{};
  if (SDL_GetRendererInfo(renderer_, &info) == 0 && (info.flags & SDL_RENDERER_TARGETTEXTURE))
    static_layer_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                      settings_.width, settings_.height);
}

BoardRenderer::~BoardRenderer() {
  if (static_layer_) SDL_DestroyTexture(static_layer_);
}

void BoardRenderer::on_targets_reset() {
  painter_.clear_cache();
  drawn_.reset();
}

BoardRenderer::StaticKey BoardRenderer::key_for(const Board& board, Instant now) const {
  StaticKey k;
  k.version = board.version();
  k.minute = local_minute_of_day(board.server_time(now), settings_.utc_offset_minutes);
  if (board.blink_ends(now)) k.blink_tick = to_unix_ms(now) / kBlinkHalfPeriodMs;
  return k;
}

bool BoardRenderer::static_stale(const Board& board, Instant now) const {
  return !drawn_ || !(*drawn_ == key_for(board, now));
}

Instant BoardRenderer::next_frame_due(const Board& board, Instant now, int ticker_fps) const {
  const std::int64_t ms = to_unix_ms(now);
  std::int64_t due = (ms / 60'000 + 1) * 60'000;  // the clock's next minute
  if (board.blink_ends(now)) due = std::min(due, (ms / kBlinkHalfPeriodMs + 1) * kBlinkHalfPeriodMs);
  if (!settings_.notices.empty() && ticker_fps > 0) due = std::min<std::int64_t>(due, ms + 1000 / ticker_fps);
  return from_unix_ms(std::max(due, ms));
}

void BoardRenderer::fill(Box b, SDL_Color c) {
  SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
  SDL_Rect r{b.x, b.y, b.w, b.h};
  SDL_RenderFillRect(renderer_, &r);
}

void BoardRenderer::draw(const Board& board, Instant now) {
  const int rows = static_cast<int>(board.visible_counters().size());
  if (rows != layout_rows_) {
    layout_ = compute_layout(settings_.width, settings_.height, rows, settings_.portrait);
    layout_rows_ = rows;
    drawn_.reset();
  }
  if (static_layer_) {
    if (static_stale(board, now)) {
      SDL_SetRenderTarget(renderer_, static_layer_);
      draw_static(board, now);
      SDL_SetRenderTarget(renderer_, nullptr);
      drawn_ = key_for(board, now);
    }
    SDL_RenderCopy(renderer_, static_layer_, nullptr, nullptr);
  } else {
    draw_static(board, now);
    drawn_ = key_for(board, now);
  }
  draw_ticker(now);
}

void BoardRenderer::draw_static(const Board& board, Instant now) {
  fill(Box{0, 0, settings_.width, settings_.height}, kBackground);
  const bool blink_on = (to_unix_ms(now) / kBlinkHalfPeriodMs) % 2 == 0;
  draw_header(board, now);
  draw_counters(board, now, blink_on);
  draw_newest(board, now, blink_on);
  draw_recent(board);
  draw_waiting(board);
}

void BoardRenderer::draw_header(const Board& board, Instant now) {
  const Layout& l = layout_;
  fill(l.header, kPanel);
  const std::string name = board.office_name().empty() ? "Bộ phận Một cửa" : board.office_name();
  painter_.draw_wrapped(name, l.office, {kWhite, true, Align::left, l.header.h * 45 / 100}, 2);
  const Instant server_now = board.server_time(now);
  painter_.draw(vietnamese_date(server_now, settings_.utc_offset_minutes), l.date, {kMuted, false, Align::right});
  painter_.draw(clock_text(server_now, settings_.utc_offset_minutes), l.clock, {kAmber, true, Align::right});
  if (!board.connected()) {
    fill(l.offline, kOffline);
    painter_.draw("Mất kết nối", shrink(l.offline, 4), {kWhite, true, Align::center});
  }
}

void BoardRenderer::draw_counters(const Board& board, Instant now, bool blink_on) {
  const Layout& l = layout_;
  const Box t = l.counters_title;
  const int unit = std::max(2, t.h / 8);
  const auto counters = board.visible_counters();
  if (!l.rows.empty()) {
    const CounterCells& r0 = l.rows[0];
    // The centred number heading keeps a gap on each side, or on a narrow screen it runs
    // into "Lĩnh vực", which starts where its column does.
    const int px = std::min({painter_.fit_px({"Quầy"}, r0.name.w, t.h, true),
                             painter_.fit_px({"Số đang phục vụ"}, r0.number.w - 4 * unit, t.h, true),
                             painter_.fit_px({"Lĩnh vực"}, r0.detail.w, t.h, true), t.h * 55 / 100});
    painter_.draw("Quầy", Box{r0.name.x, t.y, r0.name.w, t.h}, {kMuted, true, Align::left, px});
    painter_.draw("Số đang phục vụ", Box{r0.number.x, t.y, r0.number.w, t.h}, {kMuted, true, Align::center, px});
    painter_.draw("Lĩnh vực", Box{r0.detail.x, t.y, r0.detail.w, t.h}, {kMuted, true, Align::left, px});
  }
  for (std::size_t i = 0; i < counters.size() && i < l.rows.size(); ++i) {
    const CounterRow& c = counters[i];
    const CounterCells& cells = l.rows[i];
    const bool calling = c.state == "calling";
    // A fresh call blinks; after that a calling row stays highlighted until the citizen comes.
    const bool lit = calling && (!board.counter_blinking(c, now) || blink_on);
    fill(cells.row, lit ? kRowCalling : kRow);
    // Offices name counters at length ("Quầy 12 – Ưu tiên người cao tuổi"): wrapped, not shrunk.
    painter_.draw_wrapped(c.name, cells.name, {kWhite, true, Align::left}, 3);
    if (c.ticket && (calling || c.state == "serving"))
      painter_.draw(c.ticket->number, cells.number, {kAmber, true, Align::center});
    const Box detail = cells.detail;
    if (c.ticket) {
      painter_.draw_wrapped(c.ticket->service_name, Box{detail.x, detail.y, detail.w, detail.h / 2},
                            {kWhite, false, Align::left}, 2);
      painter_.draw(state_text(c.state), Box{detail.x, detail.y + detail.h / 2, detail.w, detail.h / 2 - unit / 2},
                    {calling ? kAmber : kMuted, false, Align::left});
    } else {
      // Nobody at the counter: the state alone, across the number and detail columns and
      // centred in the row, rather than low in the "Lĩnh vực" column. A pause says why, so
      // those waiting for this counter know whether it is lunch or a moment.
      const Box across{cells.number.x, detail.y + detail.h / 4, detail.x + detail.w - cells.number.x, detail.h / 2};
      const std::string state = c.pause_reason.empty() ? state_text(c.state) : state_text(c.state) + ": " + c.pause_reason;
      painter_.draw(state, across, {kMuted, false, Align::center});
    }
  }
}

void BoardRenderer::draw_newest(const Board& board, Instant now, bool blink_on) {
  const Box b = layout_.newest;
  if (!board.connected()) {  // also before the first connection: nothing shown is known
    // A frozen board still showing the last call in large amber digits looks live: with the
    // TV's cable out, officers go on calling and the hall would wait for a number that never
    // changes. The box the hall watches says so instead, large enough to read from the back.
    fill(b, kOffline);
    const int line = b.h / 5;
    painter_.draw("Mất kết nối", shrink(Box{b.x, b.y + line / 2, b.w, line * 2}, line / 8), {kWhite, true, Align::center});
    painter_.draw_wrapped("Bảng chưa cập nhật. Xin chú ý cán bộ tại quầy gọi số.",
                          shrink(Box{b.x, b.y + line * 5 / 2, b.w, line * 2}, line / 6), {kWhite, false, Align::center}, 2);
    return;
  }
  const auto call = board.featured_call();
  const bool lit = call && board.featured_blinking(now) && blink_on;
  fill(b, lit ? kAmber : kPanel);
  const SDL_Color text = lit ? kDark : kWhite;
  const int line = b.h / 5;
  if (!call) {
    // An early morning, or just after midnight: an invitation with no number under it looks
    // like a broken board to someone who has just taken a ticket.
    painter_.draw_wrapped("Chưa gọi số nào. Xin mời ngồi chờ.", shrink(Box{b.x, b.y + line, b.w, line * 3}, line / 3),
                          {kMuted, false, Align::center}, 2);
    return;
  }
  painter_.draw("Mời công dân có số", shrink(top(b, line), line / 8), {text, false, Align::center, title_px(b)});
  painter_.draw(call->number, Box{b.x, b.y + line, b.w, line * 3}, {lit ? kDark : kAmber, true, Align::center});
  std::string where = "đến Quầy " + std::to_string(call->counter);
  if (call->recall) where += " (nhắc lại)";
  painter_.draw(where, shrink(Box{b.x, b.y + line * 4, b.w, line}, line / 10), {text, true, Align::center});
}

void BoardRenderer::draw_recent(const Board& board) {
  const Box b = layout_.recent;
  fill(b, kPanel);
  const auto& calls = board.recent_calls();
  const int slots = 6;  // the title plus five calls; more than five is noise on a TV
  const int line = b.h / slots;
  painter_.draw("Số vừa gọi", shrink(top(b, line), line / 8), {kMuted, true, Align::left, title_px(b)});
  // The large box already shows one call (the newest, or the one being said); the list
  // shows the others, newest first.
  const auto featured = board.featured_call();
  int slot = 1;
  for (std::size_t i = 0; i < calls.size() && slot < slots; ++i) {
    if (featured && calls[i].ticket_id == featured->ticket_id) continue;
    const Box row{b.x, b.y + slot * line, b.w, line};
    painter_.draw(calls[i].number, shrink(Box{row.x, row.y, row.w / 2, row.h}, line / 8), {kAmber, true, Align::center});
    painter_.draw("Quầy " + std::to_string(calls[i].counter),
                  shrink(Box{row.x + row.w / 2, row.y, row.w / 2, row.h}, line / 8), {kWhite, false, Align::left});
    ++slot;
  }
}

void BoardRenderer::draw_waiting(const Board& board) {
  const Box b = layout_.waiting;
  fill(b, kPanel);
  const auto services = board.visible_services();
  const int slots = std::max<int>(4, static_cast<int>(services.size()) + 1);
  const int line = b.h / slots;
  painter_.draw("Đang chờ", shrink(top(b, line), line / 8), {kMuted, true, Align::left, title_px(b)});
  const int pad = std::max(2, line / 8);
  std::vector<std::string> names;
  for (const auto& sv : services) names.push_back(sv.name);
  // One size for the list while every name fits on a line; a name too long for that is
  // wrapped at the list's size rather than shrinking the whole list to a size nobody reads.
  const int one_line_px = painter_.fit_px(names, b.w * 75 / 100 - 2 * pad, line - 2 * pad, false);
  const int name_px = std::min(std::max(one_line_px, (line - 2 * pad) * 40 / 100), title_px(b));
  for (std::size_t i = 0; i < services.size(); ++i) {
    const Box row{b.x, b.y + static_cast<int>(i + 1) * line, b.w, line};
    painter_.draw_wrapped(services[i].name, shrink(Box{row.x, row.y, row.w * 75 / 100, row.h}, pad),
                          {kWhite, false, Align::left, name_px}, 2);
    painter_.draw(std::to_string(services[i].waiting),
                  shrink(Box{row.x + row.w * 75 / 100, row.y, row.w * 25 / 100, row.h}, pad),
                  {kAmber, true, Align::right, name_px});
  }
}

void BoardRenderer::draw_ticker(Instant now) {
  const Box b = layout_.ticker;
  fill(b, kTicker);
  if (settings_.notices.empty()) return;
  const int px = std::max(10, b.h * 55 / 100);
  const int gap = px * 3;
  std::vector<int> widths;
  int total = 0;
  for (const std::string& n : settings_.notices) {
    widths.push_back(painter_.text_width(n, px, false));
    total += widths.back() + gap;
  }
  if (total <= 0) return;
  // The offset is a function of time alone, so a late frame catches up instead of lagging.
  const std::int64_t offset = (to_unix_ms(now) * settings_.ticker_speed_px_s / 1000) % total;
  SDL_Rect clip{b.x, b.y, b.w, b.h};
  SDL_RenderSetClipRect(renderer_, &clip);
  int x = b.x - static_cast<int>(offset);
  for (std::size_t i = 0; x < b.x + b.w; i = (i + 1) % widths.size()) {
    if (x + widths[i] > b.x) {
      int w = 0, h = 0;
      SDL_Texture* t = painter_.texture(settings_.notices[i], px, false, kWhite, w, h);
      SDL_Rect dst{x, b.y + (b.h - h) / 2, w, h};
      if (t) SDL_RenderCopy(renderer_, t, nullptr, &dst);
      SDL_Rect dot{x + widths[i] + gap / 2 - px / 8, b.y + b.h / 2 - px / 8, px / 4, px / 4};
      SDL_SetRenderDrawColor(renderer_, kAmber.r, kAmber.g, kAmber.b, 255);
      SDL_RenderFillRect(renderer_, &dot);
    }
    x += widths[i] + gap;
  }
  SDL_RenderSetClipRect(renderer_, nullptr);
}

bool BoardRenderer::read_rgb(std::vector<std::uint8_t>& rgb, int& w, int& h) const {
  if (SDL_GetRendererOutputSize(renderer_, &w, &h) != 0) return false;
  rgb.assign(static_cast<std::size_t>(w) * h * 3, 0);
  return SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGB24, rgb.data(), w * 3) == 0;
}

}  // namespace motcua::display
