// Where the panel's action buttons and the pad's buttons sit for a window size, so drawing
// and hit-testing (and anything that clicks them) agree. Pure; safe from any thread.
#pragma once

#include <array>

namespace motcua::counter {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool contains(float px, float py) const { return px >= x && px < x + w && py >= y && py < y + h; }
  float cx() const { return x + w / 2; }
  float cy() const { return y + h / 2; }
};

// The panel's seven action buttons, left to right: Gọi tiếp, Gọi lại, Bắt đầu, Vắng mặt,
// Chuyển, Kết thúc, Tạm dừng/Tiếp tục — a row along the bottom edge.
std::array<Rect, 7> panel_action_buttons(float width, float height);

struct PadLayout {
  float big_text = 0, mid_text = 0;  // font sizes, px
  Rect banner;                  // "Mất kết nối …" across the top while disconnected
  // The ask screen's lines, top to bottom, clear of the banner so it never covers them.
  Rect number_line;             // "Số 1023"
  Rect prompt_line;             // "Xin ông/bà vui lòng đánh giá"
  Rect notice_line;             // a problem notice ("Chưa gửi được …"), above the faces
  std::array<Rect, 4> ratings;  // Rất hài lòng .. Không hài lòng, left to right
  Rect countdown_line;          // "Còn N giây", below the faces and the reasons
  Rect reason_title;            // "Xin cho biết lý do chưa hài lòng"
  std::array<Rect, 5> reasons;  // the five reasons, top to bottom
  Rect back;                    // "Quay lại" on the reason screen
  Rect no_reason;               // "Gửi, không nêu lý do", below "Quay lại"
};
PadLayout pad_layout(float width, float height);

}  // namespace motcua::counter
