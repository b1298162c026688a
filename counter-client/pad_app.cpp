#include "pad_app.hpp"

#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "layout.hpp"
#include "texts.hpp"

namespace motcua::counter {

using client::ApiClient;
using client::ApiResult;

namespace {

constexpr ImU32 kRatingColours[4] = {
    IM_COL32(0, 140, 70, 255),    // Rất hài lòng: deep green
    IM_COL32(110, 185, 50, 255),  // Hài lòng: light green
    IM_COL32(240, 175, 0, 255),   // Bình thường: amber
    IM_COL32(205, 45, 40, 255),   // Không hài lòng: red
};

void centered(ImDrawList* dl, ImFont* font, float size, ImVec2 c, ImU32 col, const std::string& t, float wrap = 0) {
  ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, wrap, t.c_str());
  dl->AddText(font, size, ImVec2(c.x - ts.x / 2, c.y - ts.y / 2), col, t.c_str(), nullptr, wrap);
}

// "Gửi, không nêu lý do": still an unhappy vote, so a dark red, apart from the reasons.
constexpr ImU32 kNoReasonColour = IM_COL32(140, 35, 35, 255);

// A face: smile for 1–2, straight mouth for 3, frown for 4.
void face(ImDrawList* dl, ImVec2 c, float r, int rating) {
  const ImU32 ink = IM_COL32(30, 30, 30, 255);
  dl->AddCircleFilled(c, r, IM_COL32(255, 236, 150, 255), 48);
  dl->AddCircle(c, r, ink, 48, r * 0.06f);
  dl->AddCircleFilled(ImVec2(c.x - r * 0.35f, c.y - r * 0.25f), r * 0.1f, ink);
  dl->AddCircleFilled(ImVec2(c.x + r * 0.35f, c.y - r * 0.25f), r * 0.1f, ink);
  const float t = r * 0.08f;
  const float pi = 3.14159265f;
  switch (rating) {
    case 1:
      dl->PathArcTo(ImVec2(c.x, c.y + r * 0.05f), r * 0.5f, 0.15f * pi, 0.85f * pi, 24);
      break;
    case 2:
      dl->PathArcTo(ImVec2(c.x, c.y - r * 0.1f), r * 0.55f, 0.3f * pi, 0.7f * pi, 24);
      break;
    case 3:
      dl->PathLineTo(ImVec2(c.x - r * 0.35f, c.y + r * 0.4f));
      dl->PathLineTo(ImVec2(c.x + r * 0.35f, c.y + r * 0.4f));
      break;
    default:
      dl->PathArcTo(ImVec2(c.x, c.y + r * 0.85f), r * 0.5f, 1.25f * pi, 1.75f * pi, 24);
      break;
  }
  dl->PathStroke(ink, 0, t);
}

}  // namespace

PadApp::PadApp(GuiWindow& window, PadOptions options, Clock clock)
    : window_(window),
      options_(std::move(options)),
      clock_(std::move(clock)),
      wake_event_(SDL_RegisterEvents(1)),
      inbox_(sdl_waker(wake_event_)),
      worker_(gui_client_options(options_.server)),
      model_(options_.counter, static_cast<std::int64_t>(options_.vote_window_s) * 1000) {
  worker_.submit([key = options_.device_key](ApiClient& c) { c.set_device_key(key); });
  request_office();
  client::EventStreamOptions so;
  so.server = options_.server;
  so.device_key = options_.device_key;
  stream_ = std::make_unique<client::EventStream>(
      so, client::EventStreamCallbacks{[this](const boost::json::object& m) { inbox_.push(StreamMessage{m}); },
                                       [this](client::StreamState s, const std::string&) {
                                         inbox_.push(StreamChange{s});
                                       }});
}

PadApp::~PadApp() { stream_.reset(); }

int PadApp::run() {
  while (frame(250)) {
  }
  return 0;
}

void PadApp::request_office() {
  if (office_pending_) return;
  office_pending_ = true;
  worker_.submit([this](ApiClient& c) { inbox_.push(OfficeDone{c.office()}); });
}

bool PadApp::frame(int wait_ms) {
  SDL_Event e;
  if (SDL_WaitEventTimeout(&e, wait_ms)) {
    handle_event(e);
    while (SDL_PollEvent(&e)) handle_event(e);
  }
  std::int64_t now = clock_();
  for (Incoming& item : inbox_.take_all()) {
    if (auto* m = std::get_if<StreamMessage>(&item)) {
      model_.apply_message(m->message, now);
    } else if (auto* s = std::get_if<StreamChange>(&item)) {
      model_.set_connected(s->state == client::StreamState::connected);
      if (model_.connected() && !have_office_) request_office();
    } else if (auto* o = std::get_if<OfficeDone>(&item)) {
      office_pending_ = false;
      if (o->result.ok()) {
        model_.apply_office(o->result.body);
        have_office_ = true;
      }
    } else if (auto* v = std::get_if<VoteDone>(&item)) {
      if (!v->result.ok()) std::fprintf(stderr, "counter-client: vote refused: %s\n", v->result.message.c_str());
      model_.vote_done(v->result, now);
    }
  }
  model_.tick(now);
  window_.begin_frame();
  draw();
  window_.end_frame();
  return running_;
}

void PadApp::handle_event(const SDL_Event& e) {
  if (e.type == wake_event_) return;
  window_.process_event(e);
  if (e.type == SDL_QUIT) running_ = false;
  if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE) running_ = false;
  if (e.type == SDL_MOUSEBUTTONDOWN && e.button.button == SDL_BUTTON_LEFT) {
    tap(static_cast<float>(e.button.x), static_cast<float>(e.button.y));
  }
  if (e.type == SDL_KEYDOWN) {
    SDL_Keycode k = e.key.keysym.sym;
    int digit = 0;
    if (k >= SDLK_1 && k <= SDLK_9) digit = static_cast<int>(k - SDLK_0);
    if (k >= SDLK_KP_1 && k <= SDLK_KP_9) digit = static_cast<int>(k - SDLK_KP_1) + 1;
    if (model_.screen() == PadScreen::ask && digit >= 1 && digit <= 4) pick_rating(digit);
    else if (model_.screen() == PadScreen::reason && digit >= 1 && digit <= 5) pick_reason(digit - 1);
    else if (model_.screen() == PadScreen::reason && (digit == 6 || k == SDLK_RETURN || k == SDLK_KP_ENTER))
      pick_no_reason();
    else if (model_.screen() == PadScreen::reason && (k == SDLK_ESCAPE || k == SDLK_BACKSPACE)) model_.back(clock_());
  }
}

void PadApp::tap(float x, float y) {
  PadLayout l = pad_layout(static_cast<float>(window_.width()), static_cast<float>(window_.height()));
  if (model_.screen() == PadScreen::ask) {
    for (int i = 0; i < 4; ++i) {
      if (l.ratings[i].contains(x, y)) return pick_rating(i + 1);
    }
  } else if (model_.screen() == PadScreen::reason) {
    for (std::size_t i = 0; i < l.reasons.size(); ++i) {
      if (l.reasons[i].contains(x, y)) return pick_reason(i);
    }
    if (l.back.contains(x, y)) model_.back(clock_());
    if (l.no_reason.contains(x, y)) pick_no_reason();
  }
}

void PadApp::pick_rating(int rating) {
  if (auto vote = model_.choose_rating(rating, clock_())) send(*vote);
}

void PadApp::pick_reason(std::size_t index) {
  if (auto vote = model_.choose_reason(index, clock_())) send(*vote);
}

void PadApp::pick_no_reason() {
  if (auto vote = model_.choose_no_reason(clock_())) send(*vote);
}

void PadApp::send(const VoteRequest& vote) {
  worker_.submit([this, vote](ApiClient& c) {
    inbox_.push(VoteDone{c.vote(vote.ticket_id, vote.rating, vote.reason)});
  });
}

void PadApp::draw() {
  const Fonts& f = window_.fonts();
  ImGuiIO& io = ImGui::GetIO();
  const float W = io.DisplaySize.x, H = io.DisplaySize.y;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("##pad", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoInputs);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 ink = IM_COL32(25, 30, 40, 255);
  const std::int64_t now = clock_();
  PadLayout l = pad_layout(W, H);
  const float big = l.big_text, mid = l.mid_text;
  const std::string countdown = "Còn " + std::to_string(model_.seconds_left(now)) + " giây";

  switch (model_.screen()) {
    case PadScreen::idle: {
      std::string office = model_.office_name().empty() ? "Bộ phận Một cửa" : model_.office_name();
      centered(dl, f.large, mid, ImVec2(W / 2, H * 0.22f), ink, office, W * 0.9f);
      centered(dl, f.large, big * 1.6f, ImVec2(W / 2, H * 0.45f), IM_COL32(20, 70, 150, 255), model_.counter_name());
      std::string officer = model_.officer_name().empty() ? "Quầy chưa có cán bộ làm việc"
                                                          : "Cán bộ: " + model_.officer_name();
      centered(dl, f.normal, mid, ImVec2(W / 2, H * 0.65f), ink, officer);
      centered(dl, f.normal, mid * 0.8f, ImVec2(W / 2, H * 0.8f), IM_COL32(90, 90, 100, 255),
               "Xin ông/bà đánh giá mức độ hài lòng sau khi được phục vụ");
      break;
    }
    case PadScreen::ask:
    case PadScreen::sending: {
      centered(dl, f.large, big, ImVec2(W / 2, l.number_line.cy()), ink, "Số " + model_.ticket_number());
      centered(dl, f.large, big, ImVec2(W / 2, l.prompt_line.cy()), ink, "Xin ông/bà vui lòng đánh giá");
      bool sending = model_.screen() == PadScreen::sending;
      for (int i = 0; i < 4; ++i) {
        const Rect& r = l.ratings[i];
        ImU32 col = sending ? IM_COL32(200, 200, 200, 255) : kRatingColours[i];
        dl->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), col, 18);
        float fr = std::min(r.w, r.h) * 0.28f;
        face(dl, ImVec2(r.cx(), r.y + r.h * 0.36f), fr, i + 1);
        centered(dl, f.large, mid, ImVec2(r.cx(), r.y + r.h * 0.74f), IM_COL32_WHITE, rating_label(i + 1), r.w * 0.95f);
        centered(dl, f.normal, mid * 0.7f, ImVec2(r.cx(), r.y + r.h * 0.92f), IM_COL32_WHITE,
                 "phím " + std::to_string(i + 1));
      }
      // A problem notice goes above the faces, so the countdown below them stays in view.
      if (!sending && !model_.message().empty()) {
        centered(dl, f.large, mid * 0.7f, ImVec2(W / 2, l.notice_line.cy()), IM_COL32(170, 30, 30, 255),
                 model_.message(), l.notice_line.w);
      }
      centered(dl, f.normal, mid * 0.7f, ImVec2(W / 2, l.countdown_line.cy()), ink,
               sending ? std::string("Đang gửi đánh giá…") : countdown);
      break;
    }
    case PadScreen::reason: {
      centered(dl, f.large, big * 0.8f, ImVec2(W / 2, l.reason_title.cy()), ink, "Xin cho biết lý do chưa hài lòng");
      const auto& reasons = unhappy_reason_choices();
      for (std::size_t i = 0; i < reasons.size(); ++i) {
        const Rect& r = l.reasons[i];
        dl->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.x + r.w, r.y + r.h), IM_COL32(205, 45, 40, 255), 14);
        centered(dl, f.large, mid, ImVec2(r.cx(), r.cy()), IM_COL32_WHITE,
                 std::to_string(i + 1) + ". " + reasons[i].label, r.w * 0.95f);
      }
      const Rect& b = l.back;
      dl->AddRectFilled(ImVec2(b.x, b.y), ImVec2(b.x + b.w, b.y + b.h), IM_COL32(120, 120, 130, 255), 14);
      centered(dl, f.large, mid, ImVec2(b.cx(), b.cy()), IM_COL32_WHITE, "← Quay lại");
      const Rect& n = l.no_reason;
      dl->AddRectFilled(ImVec2(n.x, n.y), ImVec2(n.x + n.w, n.y + n.h), kNoReasonColour, 14);
      centered(dl, f.large, mid, ImVec2(n.cx(), n.cy()), IM_COL32_WHITE, "6. Gửi, không nêu lý do", n.w * 0.9f);
      centered(dl, f.normal, mid * 0.7f, ImVec2(W / 2, l.countdown_line.cy()), ink, countdown);
      break;
    }
    case PadScreen::thanks:
      dl->AddRectFilled(ImVec2(0, 0), ImVec2(W, H), IM_COL32(0, 140, 70, 255));
      centered(dl, f.large, big * 1.8f, ImVec2(W / 2, H * 0.45f), IM_COL32_WHITE, "Xin cảm ơn!");
      centered(dl, f.normal, mid, ImVec2(W / 2, H * 0.62f), IM_COL32_WHITE, "Ý kiến của ông/bà đã được ghi nhận.");
      break;
    case PadScreen::message:
      centered(dl, f.large, mid, ImVec2(W / 2, H * 0.45f), ink, model_.message(), W * 0.9f);
      break;
  }
  if (!model_.connected()) {
    const Rect& b = l.banner;
    dl->AddRectFilled(ImVec2(b.x, b.y), ImVec2(b.x + b.w, b.y + b.h), IM_COL32(200, 30, 30, 255));
    centered(dl, f.normal, std::max(18.0f, H * 0.035f), ImVec2(b.cx(), b.cy()), IM_COL32_WHITE,
             "Mất kết nối — đang thử kết nối lại");
  }
  ImGui::End();
}

}  // namespace motcua::counter
