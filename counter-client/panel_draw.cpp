// PanelApp's drawing (ImGui), split from panel_app.cpp to keep files short.
#include <boost/json.hpp>
#include <imgui.h>

#include "layout.hpp"
#include "panel_app.hpp"
#include "texts.hpp"

namespace motcua::counter {

namespace json = boost::json;
using client::ApiClient;

namespace {

constexpr ImU32 kBannerRed = IM_COL32(200, 30, 30, 255);

ImU32 state_colour(PanelState s) {
  switch (s) {
    case PanelState::offline: return kBannerRed;
    case PanelState::closed: return IM_COL32(90, 90, 90, 255);
    case PanelState::idle: return IM_COL32(40, 150, 60, 255);
    case PanelState::calling: return IM_COL32(220, 130, 0, 255);
    case PanelState::serving: return IM_COL32(30, 100, 190, 255);
    case PanelState::paused: return IM_COL32(120, 120, 130, 255);
  }
  return IM_COL32(0, 0, 0, 255);
}

void centered_text(ImDrawList* dl, ImFont* font, float size, const ImVec2& centre, ImU32 col, const std::string& t) {
  ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, 0, t.c_str());
  dl->AddText(font, size, ImVec2(centre.x - ts.x / 2, centre.y - ts.y / 2), col, t.c_str());
}

constexpr ImGuiWindowFlags kFullWindow = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

}  // namespace

void PanelApp::draw() {
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("##panel", nullptr, kFullWindow);
  if (model_) draw_main();
  else draw_login();
  ImGui::End();
  if (model_ && show_transfer_) draw_transfer_picker();
  if (model_ && show_pause_) draw_pause_picker();
  if (model_ && show_reactivate_) draw_reactivate_entry();
}

void PanelApp::draw_login() {
  const Fonts& f = window_.fonts();
  ImGuiIO& io = ImGui::GetIO();
  float w = std::min(560.0f, io.DisplaySize.x - 40);
  ImGui::SetCursorPos(ImVec2((io.DisplaySize.x - w) / 2, io.DisplaySize.y * 0.15f));
  ImGui::BeginGroup();
  ImGui::PushFont(f.large);
  ImGui::TextUnformatted("Đăng nhập quầy");
  ImGui::PopFont();
  ImGui::TextDisabled("Máy chủ: %s", options_.server.to_string().c_str());
  ImGui::Spacing();
  ImGui::PushItemWidth(w);
  ImGui::TextUnformatted("Tên đăng nhập");
  if (focus_user_) {
    ImGui::SetKeyboardFocusHere();
    focus_user_ = false;
  }
  ImGui::InputText("##user", user_buf_, sizeof(user_buf_));
  ImGui::TextUnformatted("Mật khẩu");
  // Asked again until it took: a focus request made while another field is active can be lost.
  if (focus_password_) ImGui::SetKeyboardFocusHere();
  ImGui::InputText(("##password" + std::to_string(password_field_)).c_str(), password_buf_, sizeof(password_buf_),
                   ImGuiInputTextFlags_Password);
  if (ImGui::IsItemActive()) focus_password_ = false;
  ImGui::TextUnformatted("Quầy số");
  ImGui::InputInt("##counter", &counter_input_, 1, 1);
  if (counter_input_ < 1) counter_input_ = 1;
  ImGui::PopItemWidth();
  ImGui::Spacing();
  ImGui::BeginDisabled(login_pending_);
  ImGui::PushFont(f.large);
  if (ImGui::Button(login_pending_ ? "Đang đăng nhập…" : "Đăng nhập  [Enter]", ImVec2(w, 64))) submit_login();
  ImGui::PopFont();
  ImGui::EndDisabled();
  if (!login_error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(190, 20, 20, 255));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    ImGui::TextUnformatted(login_error_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  if (!login_info_.empty()) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    ImGui::TextUnformatted(login_info_.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::EndGroup();
}

void PanelApp::draw_main() {
  const Fonts& f = window_.fonts();
  ImGuiIO& io = ImGui::GetIO();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float W = io.DisplaySize.x, H = io.DisplaySize.y;
  const PanelModel& m = *model_;
  const std::int64_t now = m.server_now(clock_());
  PanelState state = m.state();

  // Header: who, where, and the state in a coloured badge.
  ImGui::SetCursorPos(ImVec2(16, 12));
  ImGui::PushFont(f.large);
  ImGui::Text("%s — %s", m.display_name().c_str(), m.counter_name().c_str());
  ImGui::PopFont();
  std::string badge = panel_state_label(state);
  if (state == PanelState::paused && !m.pause_reason().empty()) badge += ": " + m.pause_reason();
  ImVec2 bs = f.large->CalcTextSizeA(34, FLT_MAX, 0, badge.c_str());
  ImVec2 b0(W - bs.x - 60, 8), b1(W - 16, 8 + bs.y + 16);
  dl->AddRectFilled(b0, b1, state_colour(state), 10);
  centered_text(dl, f.large, 34, ImVec2((b0.x + b1.x) / 2, (b0.y + b1.y) / 2), IM_COL32_WHITE, badge);

  float y = 12 + bs.y + 24;
  if (!m.connected()) {
    // Impossible to miss: a full-width red band while the live feed is down.
    dl->AddRectFilled(ImVec2(0, y), ImVec2(W, y + 64), kBannerRed);
    centered_text(dl, f.large, 34, ImVec2(W / 2, y + 22), IM_COL32_WHITE, "Mất kết nối — đang thử kết nối lại");
    centered_text(dl, f.normal, 18, ImVec2(W / 2, y + 50), IM_COL32_WHITE, m.connection_detail());
    y += 72;
  }

  auto buttons = panel_action_buttons(W, H);
  float content_bottom = buttons[0].y - 56;

  // Left: the ticket in hand.
  ImGui::SetCursorPos(ImVec2(16, y));
  ImGui::BeginChild("##ticket", ImVec2(W * 0.58f - 24, content_bottom - y), true);
  if (const auto& t = m.ticket()) {
    ImGui::TextUnformatted(state == PanelState::serving ? "Đang phục vụ số" : "Đang mời số");
    ImGui::PushFont(f.huge);
    ImGui::TextUnformatted(t->number.c_str());
    ImGui::PopFont();
    ImGui::PushFont(f.large);
    ImGui::TextUnformatted(t->service_name.c_str());
    ImGui::PopFont();
    if (t->priority) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "Đối tượng ưu tiên");
    std::int64_t waited_until = t->called_here_at > 0 ? t->called_here_at : now;
    ImGui::Text("Đã chờ: %s", format_duration((waited_until - t->issued_at) / 1000).c_str());
    if (t->started_at > 0) ImGui::Text("Thời gian phục vụ: %s", format_duration((now - t->started_at) / 1000).c_str());
    else if (t->called_here_at > 0)
      ImGui::Text("Đã mời cách đây %s", format_duration((now - t->called_here_at) / 1000).c_str());
    if (t->recalls > 0) ImGui::Text("Đã gọi lại: %d lần", t->recalls);
  } else {
    ImGui::PushFont(f.large);
    if (state == PanelState::paused) ImGui::TextUnformatted("Quầy đang tạm dừng");
    else if (state == PanelState::offline) ImGui::TextUnformatted("Đang chờ kết nối…");
    else ImGui::TextUnformatted("Chưa có công dân tại quầy");
    ImGui::PopFont();
    if (state == PanelState::idle) ImGui::TextUnformatted("Nhấn F1 hoặc phím cách để gọi số tiếp theo.");
  }
  ImGui::EndChild();

  // Right: who waits for this counter's services.
  ImGui::SetCursorPos(ImVec2(W * 0.58f, y));
  ImGui::BeginChild("##waiting", ImVec2(W * 0.42f - 16, content_bottom - y), true);
  ImGui::PushFont(f.large);
  ImGui::TextUnformatted("Đang chờ");
  ImGui::PopFont();
  std::int64_t longest = 0, total = 0;
  if (ImGui::BeginTable("##services", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn("Lĩnh vực", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Số người", ImGuiTableColumnFlags_WidthFixed, 100);
    ImGui::TableSetupColumn("Chờ lâu nhất", ImGuiTableColumnFlags_WidthFixed, 170);
    ImGui::TableHeadersRow();
    for (const auto& s : m.my_services()) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", s.name.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(s.waiting));
      ImGui::TableNextColumn();
      const std::int64_t waited = s.longest_wait_at(now);
      ImGui::TextUnformatted(s.waiting > 0 ? format_duration(waited).c_str() : "—");
      longest = std::max(longest, waited);
      total += s.waiting;
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  if (total > 0)
    ImGui::Text("Tổng: %lld người, chờ lâu nhất %s", static_cast<long long>(total), format_duration(longest).c_str());
  else
    ImGui::TextUnformatted("Tổng: không có ai đang chờ");
  ImGui::Text("Đã phục vụ hôm nay: %lld", static_cast<long long>(m.served_today()));
  // Here, by the lines it puts a citizen back into; usable whatever the counter is doing.
  bool picker_open = show_transfer_ || show_pause_ || show_reactivate_;
  ImGui::Spacing();
  ImGui::BeginDisabled(!m.can(PanelAction::reactivate) || picker_open);
  if (ImGui::Button("Khôi phục số vắng mặt  [F8]", ImVec2(-1, 48))) open_reactivate_entry();
  ImGui::EndDisabled();
  ImGui::EndChild();

  // The last notice (what just happened, or why something failed).
  if (const auto& n = m.notice()) {
    ImU32 col = n->kind == Notice::Kind::error     ? IM_COL32(190, 20, 20, 255)
                : n->kind == Notice::Kind::success ? IM_COL32(20, 120, 40, 255)
                                                   : IM_COL32(30, 60, 140, 255);
    ImGui::SetCursorPos(ImVec2(16, content_bottom + 8));
    ImGui::PushStyleColor(ImGuiCol_Text, col);
    ImGui::PushTextWrapPos(W - 200);
    ImGui::TextUnformatted(n->text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  ImGui::SetCursorPos(ImVec2(W - 176, content_bottom + 4));
  ImGui::BeginDisabled(logout_pending_ || m.ticket().has_value());
  if (ImGui::Button("Đăng xuất", ImVec2(160, 40))) {
    logout_pending_ = true;
    worker_.submit([this](ApiClient& c) { inbox_.push(LogoutDone{c.logout()}); });
  }
  ImGui::EndDisabled();

  // The action row; disabled, never hidden, when the state doesn't allow an action.
  bool paused = state == PanelState::paused;
  struct B { PanelAction a; const char* key; bool enabled; };
  const B row[7] = {
      {PanelAction::call_next, "F1 / Space", m.can(PanelAction::call_next)},
      {PanelAction::recall, "F2", m.can(PanelAction::recall)},
      {PanelAction::start, "F3", m.can(PanelAction::start)},
      {PanelAction::no_show, "F4", m.can(PanelAction::no_show)},
      {PanelAction::transfer, "F5", m.can(PanelAction::transfer)},
      {PanelAction::close, "F6 / Enter", m.can(PanelAction::close)},
      {paused ? PanelAction::resume : PanelAction::pause, "F7", m.can(paused ? PanelAction::resume : PanelAction::pause)},
  };
  for (int i = 0; i < 7; ++i) {
    const Rect& r = buttons[i];
    ImGui::SetCursorPos(ImVec2(r.x, r.y));
    ImGui::PushID(i);
    ImGui::BeginDisabled(!row[i].enabled || picker_open);
    ImGui::PushFont(f.large);
    std::string label = action_label(row[i].a);
    bool pressed = ImGui::Button(("##a" + std::to_string(i)).c_str(), ImVec2(r.w, r.h));
    ImGui::PopFont();
    ImU32 text_col = row[i].enabled && !picker_open ? IM_COL32(20, 20, 30, 255) : IM_COL32(150, 150, 155, 255);
    centered_text(dl, f.large, 30, ImVec2(r.cx(), r.y + r.h * 0.38f), text_col, label);
    centered_text(dl, f.normal, 20, ImVec2(r.cx(), r.y + r.h * 0.75f), text_col, row[i].key);
    ImGui::EndDisabled();
    ImGui::PopID();
    if (pressed) {
      if (row[i].a == PanelAction::transfer) show_transfer_ = true;
      else if (row[i].a == PanelAction::pause) show_pause_ = true;
      else trigger(row[i].a);
    }
  }
}

void PanelApp::draw_transfer_picker() {
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(560, 0));
  std::string title = "Chuyển";
  if (model_->ticket()) title += " số " + model_->ticket()->number;
  ImGui::Begin((title + "###transfer").c_str(), nullptr,
               ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
  ImGui::SetWindowFocus();
  auto targets = model_->transfer_targets();
  for (std::size_t i = 0; i < targets.size(); ++i) {
    std::string label = (i < 10 ? std::to_string((i + 1) % 10) + ". " : std::string("   ")) + targets[i].label;
    if (ImGui::Button(label.c_str(), ImVec2(-1, 40))) {
      json::object body;
      if (targets[i].is_counter) body["counter"] = targets[i].counter;
      else body["service"] = targets[i].service;
      show_transfer_ = false;
      trigger(PanelAction::transfer, body);
    }
  }
  if (ImGui::Button("Hủy  [Esc]", ImVec2(-1, 40))) show_transfer_ = false;
  ImGui::End();
}

void PanelApp::draw_pause_picker() {
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(560, 0));
  ImGui::Begin("Tạm dừng quầy — lý do###pause", nullptr,
               ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
  static const char* reasons[] = {"Nghỉ trưa", "Họp", "Việc riêng", "Hỗ trợ công dân ngoài quầy"};
  for (int i = 0; i < 4; ++i) {
    if (ImGui::Button((std::to_string(i + 1) + ". " + reasons[i]).c_str(), ImVec2(-1, 40))) {
      show_pause_ = false;
      trigger(PanelAction::pause, json::object{{"reason", reasons[i]}});
    }
  }
  ImGui::TextUnformatted("Lý do khác:");
  ImGui::SetNextItemWidth(-120);
  ImGui::InputText("##other", pause_other_buf_, sizeof(pause_other_buf_));
  ImGui::SameLine();
  ImGui::BeginDisabled(pause_other_buf_[0] == 0);
  if (ImGui::Button("Tạm dừng", ImVec2(-1, 0))) {
    show_pause_ = false;
    trigger(PanelAction::pause, json::object{{"reason", std::string(pause_other_buf_)}});
  }
  ImGui::EndDisabled();
  if (ImGui::Button("Hủy  [Esc]", ImVec2(-1, 40))) show_pause_ = false;
  ImGui::End();
}

void PanelApp::draw_reactivate_entry() {
  const Fonts& f = window_.fonts();
  ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x / 2, io.DisplaySize.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(600.0f, io.DisplaySize.x - 20), 0));
  ImGui::Begin("Khôi phục số vắng mặt###reactivate", nullptr,
               ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
  if (focus_reactivate_) ImGui::SetWindowFocus();
  ImGui::TextWrapped("Công dân đã bị ghi vắng mặt quay lại: nhập số in trên phiếu (ví dụ 1023) rồi nhấn Enter. "
                     "Số sẽ trở lại hàng chờ, ở vị trí cũ.");
  ImGui::PushFont(f.large);
  ImGui::SetNextItemWidth(-1);
  // Asked again until it took, as on the sign-in form.
  if (focus_reactivate_) ImGui::SetKeyboardFocusHere();
  // Upper case: a number with the service's letters ("A015") reads as printed.
  ImGui::InputText(("##number" + std::to_string(reactivate_field_)).c_str(), reactivate_buf_, sizeof(reactivate_buf_),
                   ImGuiInputTextFlags_CharsUppercase | ImGuiInputTextFlags_CharsNoBlank);
  if (ImGui::IsItemActive()) focus_reactivate_ = false;
  ImGui::PopFont();
  const bool busy = model_->busy();
  if (busy) {
    ImGui::TextUnformatted("Đang gửi…");
  } else if (!reactivate_error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(190, 20, 20, 255));
    ImGui::TextWrapped("%s", reactivate_error_.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::BeginDisabled(busy || !model_->can(PanelAction::reactivate));
  if (const auto& absent = model_->recent_absent(); !absent.empty()) {
    ImGui::Spacing();
    ImGui::TextUnformatted("Hoặc chọn số vắng mặt gần đây tại quầy:");
    for (const auto& t : absent) {
      std::string label = "Số " + t.number + (t.service_name.empty() ? "" : " — " + t.service_name);
      if (ImGui::Button((label + "##absent" + std::to_string(t.id)).c_str(), ImVec2(-1, 40))) submit_reactivate(t.number);
    }
  }
  ImGui::Spacing();
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  if (ImGui::Button("Khôi phục  [Enter]", ImVec2(half, 40))) submit_reactivate(reactivate_buf_);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Hủy  [Esc]", ImVec2(half, 40))) show_reactivate_ = false;
  ImGui::End();
}

}  // namespace motcua::counter
