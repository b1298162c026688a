#include "layout.hpp"

#include <algorithm>

namespace motcua::counter {

std::array<Rect, 7> panel_action_buttons(float width, float height) {
  const float margin = 16, gap = 10;
  const float h = std::clamp(height * 0.13f, 70.0f, 120.0f);
  const float w = (width - 2 * margin - 6 * gap) / 7;
  std::array<Rect, 7> out;
  for (int i = 0; i < 7; ++i) out[i] = Rect{margin + i * (w + gap), height - margin - h, w, h};
  return out;
}

PadLayout pad_layout(float width, float height) {
  PadLayout l;
  l.big_text = std::clamp(height * 0.075f, 24.0f, 64.0f);
  l.mid_text = std::clamp(height * 0.05f, 18.0f, 44.0f);
  l.banner = Rect{0, 0, width, height * 0.06f + 10};
  const float line_gap = height * 0.01f;
  const float banner_end = l.banner.y + l.banner.h;
  l.number_line = Rect{0, banner_end + line_gap, width, l.big_text * 1.2f};
  l.prompt_line = Rect{0, l.number_line.y + l.number_line.h + line_gap, width, l.big_text * 1.2f};
  l.reason_title = Rect{0, banner_end + line_gap, width, l.big_text};
  const float margin = width * 0.03f, gap = width * 0.02f;
  const float top = height * 0.34f, bottom = height - height * 0.08f;
  const float w = (width - 2 * margin - 3 * gap) / 4;
  for (int i = 0; i < 4; ++i) l.ratings[i] = Rect{margin + i * (w + gap), top, w, bottom - top};
  const float prompt_end = l.prompt_line.y + l.prompt_line.h;
  l.notice_line = Rect{margin, prompt_end, width - 2 * margin, top - prompt_end};
  l.countdown_line = Rect{0, bottom, width, height - bottom};
  const float rtop = height * 0.22f, rgap = height * 0.02f;
  const float rh = (height * 0.86f - rtop - 4 * rgap) / 5;
  const float rw = width * 0.62f;
  for (int i = 0; i < 5; ++i) l.reasons[i] = Rect{margin, rtop + i * (rh + rgap), rw, rh};
  l.back = Rect{margin + rw + gap, rtop, width - 2 * margin - rw - gap, rh * 1.5f};
  l.no_reason = Rect{l.back.x, l.back.y + l.back.h + rgap, l.back.w, rh * 2.0f};
  return l;
}

}  // namespace motcua::counter
