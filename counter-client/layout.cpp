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
  const float margin = width * 0.03f, gap = width * 0.02f;
  const float top = height * 0.34f, bottom = height - height * 0.08f;
  const float w = (width - 2 * margin - 3 * gap) / 4;
  for (int i = 0; i < 4; ++i) l.ratings[i] = Rect{margin + i * (w + gap), top, w, bottom - top};
  const float rtop = height * 0.22f, rgap = height * 0.02f;
  const float rh = (height * 0.86f - rtop - 4 * rgap) / 5;
  const float rw = width * 0.62f;
  for (int i = 0; i < 5; ++i) l.reasons[i] = Rect{margin, rtop + i * (rh + rgap), rw, rh};
  l.back = Rect{margin + rw + gap, rtop, width - 2 * margin - rw - gap, rh * 1.5f};
  return l;
}

}  // namespace motcua::counter
