#include "display_app.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <memory>
#include <variant>
#include <vector>

#include <SDL.h>

#include "announcer.hpp"
#include "board.hpp"
#include "board_renderer.hpp"
#include "client/api_worker.hpp"
#include "client/event_stream.hpp"
#include "client/thread_safe_inbox.hpp"
#include "espeak_synth.hpp"
#include "png_writer.hpp"
#include "screen/sdl_monitors.hpp"

namespace motcua::display {
namespace {

Instant clock_now() { return std::chrono::floor<Millis>(std::chrono::system_clock::now()); }

void log_line(const std::string& s) {
  std::printf("display: %s\n", s.c_str());
  std::fflush(stdout);
}

const char* admission_text(speech::Admission a) {
  switch (a) {
    case speech::Admission::queued: return "xếp hàng đọc";
    case speech::Admission::replaced: return "thay lượt cũ của cùng quầy";
    case speech::Admission::merged: return "gộp với lượt chưa đọc";
    case speech::Admission::stale: return "quá cũ, không đọc";
    case speech::Admission::duplicate: return "đã nhận, bỏ qua";
  }
  return "";
}

using Steady = std::chrono::steady_clock;

// Passes plays through and notes when the first one after mark() was queued, so the log can
// say how long a call took from its event reaching us to its first audio sample.
class TimedSink final : public AudioSink {
 public:
  explicit TimedSink(AudioSink& inner) : inner_(inner) {}
  void play(const Pcm& pcm, Instant now) override {
    inner_.play(pcm, now);
    if (!first_) first_ = Steady::now();
  }
  Instant idle_at(Instant now) const override { return inner_.idle_at(now); }
  bool ok() const override { return inner_.ok(); }
  std::string error() const override { return inner_.error(); }
  void mark() { first_.reset(); }
  std::optional<Steady::time_point> first_play() const { return first_; }

 private:
  AudioSink& inner_;
  std::optional<Steady::time_point> first_;
};

// What network threads hand to the frame loop.
struct StreamMessage { boost::json::object message; Steady::time_point received; };
struct StreamStateChange { client::StreamState state; std::string detail; };
struct OfficeInfo { std::string name; int utc_offset_minutes; };
using Inbound = std::variant<StreamMessage, StreamStateChange, OfficeInfo>;

}  // namespace

DisplayApp::DisplayApp(DisplaySettings settings) : settings_(std::move(settings)) {}

int DisplayApp::run() {
  const DisplaySettings& s = settings_;
  const bool sdl_audio = s.sound.enabled && s.sound.wav_out.empty();
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | (sdl_audio ? SDL_INIT_AUDIO : 0)) != 0) {
    log_line(std::string("SDL_Init: ") + SDL_GetError());
    return 1;
  }
  const int width = s.screen.width, height = s.screen.height;
  const Result<screen::Rect> place =
      screen::window_rect(s.screen.monitor, screen::sdl_monitors(), s.screen.fullscreen, width, height);
  if (!place.is_ok()) {
    log_line(place.status().message());
    SDL_Quit();
    return 1;
  }
  // A window manager fills the monitor the window is on; without one (a TV box that starts
  // only X and the board), the window's rect already covers it.
  const screen::Rect& r = place.value();
  SDL_Window* window =
      SDL_CreateWindow("motcua — bảng hiển thị", r.x, r.y, r.width, r.height,
                       s.screen.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS : 0);
  const bool software = s.screen.renderer == "software";
  // Without this SDL backs an X11 window's surface with a GL texture (software GL on a box
  // without a GPU redraws the whole screen per present); native XShm sends just the strip.
  if (software) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  SDL_Renderer* sdl_renderer = nullptr;
  if (window)
    sdl_renderer = SDL_CreateRenderer(window, -1, software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_TARGETTEXTURE);
  if (!sdl_renderer && window) sdl_renderer = SDL_CreateRenderer(window, -1, 0);
  if (!sdl_renderer) {
    log_line(std::string("SDL window/renderer: ") + SDL_GetError());
    SDL_Quit();
    return 1;
  }
  SDL_RenderSetLogicalSize(sdl_renderer, width, height);  // a 4K TV shows the 1080p layout scaled
  SDL_RendererInfo info{};
  SDL_GetRendererInfo(sdl_renderer, &info);
  log_line("khung " + std::to_string(width) + "x" + std::to_string(height) + ", renderer " + info.name);
  SDL_ShowCursor(SDL_DISABLE);

  int exit_code = 0;
  {
    Board board(s.board);
    board.set_office_name(s.office_name);
    BoardRenderer renderer(sdl_renderer, RendererSettings{width, height, s.screen.portrait, s.utc_offset_minutes,
                                                          s.screen.ticker_speed_px_s, s.notices});
    if (!renderer.ok()) log_line("phông chữ: " + renderer.error());

    // The speaker: TTS into memory, then SDL audio or the WAV file.
    std::unique_ptr<EspeakSynth> synth;
    std::unique_ptr<AudioSink> sink;
    std::unique_ptr<TimedSink> timed;
    std::unique_ptr<ClipPack> clips;
    std::unique_ptr<Announcer> announcer;
    if (s.sound.enabled) {
      synth = std::make_unique<EspeakSynth>(VoiceSettings{s.sound.voice, s.sound.rate, s.sound.volume});
      if (!synth->ok()) log_line("espeak-ng: " + synth->error());
      const int rate = synth->sample_rate();
      sink = s.sound.wav_out.empty() ? make_sdl_audio_sink(rate) : make_wav_file_sink(s.sound.wav_out, rate);
      if (!sink->ok()) log_line("âm thanh: " + sink->error());
      timed = std::make_unique<TimedSink>(*sink);
      clips = std::make_unique<ClipPack>(s.sound.clips_dir, rate);
      AnnouncerSettings as;
      as.style = s.sound.style;
      as.queue = s.sound.queue;
      as.chime = s.sound.chime;
      EspeakSynth* tts = synth.get();
      announcer = std::make_unique<Announcer>(as, *timed, *clips, [tts](const std::string& t) { return tts->synthesize(t); },
                                              rate);
    }

    // Network threads wake the loop with an SDL user event; everything else waits here.
    const Uint32 wake_type = SDL_RegisterEvents(1);
    auto inbox = std::make_shared<client::ThreadSafeInbox<Inbound>>([wake_type] {
      SDL_Event e{};
      e.type = wake_type;
      SDL_PushEvent(&e);
    });
    const auto server = client::parse_server_address(s.server);
    if (!server) {
      log_line("địa chỉ máy chủ không hợp lệ: " + s.server);
      exit_code = 2;
    }
    std::unique_ptr<client::ApiWorker> api;
    std::unique_ptr<client::EventStream> stream;
    bool office_known = !s.office_name.empty();
    auto fetch_office = [&] {
      api->submit([inbox](client::ApiClient& c) {
        const client::ApiResult r = c.office();
        if (r.ok()) inbox->push(OfficeInfo{r.string_field("name"), static_cast<int>(r.int_field("utc_offset_minutes", 420))});
      });
    };
    if (server) {
      api = std::make_unique<client::ApiWorker>(client::ApiClientOptions{*server});
      client::EventStreamOptions so;
      so.server = *server;
      so.device_key = s.device_key;
      stream = std::make_unique<client::EventStream>(
          so, client::EventStreamCallbacks{
                  [inbox](const boost::json::object& m) { inbox->push(StreamMessage{m, Steady::now()}); },
                  [inbox](client::StreamState st, const std::string& d) { inbox->push(StreamStateChange{st, d}); }});
    }

    // When each call's event reached us (by seq), until its first repetition starts.
    std::map<std::int64_t, Steady::time_point> arrived;
    // Strip-only presents need the software renderer drawing 1:1 into the window surface.
    int out_w = 0, out_h = 0;
    SDL_GetRendererOutputSize(sdl_renderer, &out_w, &out_h);
    const bool strip_presents = std::string(info.name) == "software" && out_w == width && out_h == height &&
                                SDL_GetWindowSurface(window) != nullptr;
    bool full_frame_due = true;
    if (strip_presents) log_line("khi yên: chỉ vẽ lại dòng chữ chạy");
    const Instant started = clock_now();
    std::uint64_t frames_saved = 0;
    Instant next_draw = started;
    bool running = exit_code == 0;
    while (running) {
      Instant now = clock_now();
      Instant due = renderer.static_stale(board, now) ? now : next_draw;
      if (announcer)
        if (auto w = announcer->next_wake(now); w && *w < due) due = *w;
      if (s.exit_after_s > 0) {
        const Instant end = started + Millis{static_cast<std::int64_t>(s.exit_after_s * 1000)};
        if (end < due) due = end;
      }
      // Sleep in SDL until input, a network wake-up or the next due frame: an idle board
      // costs a handful of wake-ups per second.
      SDL_Event e;
      const auto wait_ms = std::clamp<std::int64_t>((due - now).count(), 0, 1000);
      if (SDL_WaitEventTimeout(&e, static_cast<int>(wait_ms))) {
        do {
          if (e.type == SDL_QUIT) running = false;
          if (e.type == SDL_KEYDOWN && (e.key.keysym.sym == SDLK_ESCAPE || e.key.keysym.sym == SDLK_q)) running = false;
          if (e.type == SDL_RENDER_TARGETS_RESET || e.type == SDL_RENDER_DEVICE_RESET) renderer.on_targets_reset();
          if (e.type == SDL_WINDOWEVENT) full_frame_due = true;  // exposed, resized, restored: all of it again
        } while (SDL_PollEvent(&e));
      }
      now = clock_now();

      // The one point per frame where network results change the board.
      for (Inbound& in : inbox->take_all()) {
        if (auto* m = std::get_if<StreamMessage>(&in)) {
          const BoardEffects fx = board.apply_message(m->message, now);
          if (announcer) {
            for (std::int64_t id : fx.withdraw) announcer->withdraw(id);
            for (const speech::Call& c : fx.announce) {
              const speech::Admission a = announcer->offer(c, board.server_time(now));
              if (a == speech::Admission::queued || a == speech::Admission::replaced) arrived[c.seq] = m->received;
              log_line("gọi số " + c.number + " quầy " + std::to_string(c.counter) + ": " + admission_text(a));
            }
          }
        } else if (auto* st = std::get_if<StreamStateChange>(&in)) {
          board.set_connected(st->state == client::StreamState::connected);
          if (st->state == client::StreamState::connected) {
            log_line("đã kết nối");
            if (!office_known) fetch_office();
          } else if (st->state == client::StreamState::disconnected) {
            log_line("mất kết nối: " + st->detail);
          }
        } else if (auto* o = std::get_if<OfficeInfo>(&in)) {
          office_known = true;
          board.set_office_name(o->name);
        }
      }
      if (announcer) {
        timed->mark();
        if (auto started_call = announcer->update(now)) {
          board.set_announcing(started_call->playing.call.ticket_id, now);
          log_line("phát: " + started_call->text);
          const auto it = arrived.find(started_call->playing.call.seq);
          if (it != arrived.end() && timed->first_play()) {
            const auto ms = std::chrono::duration_cast<std::chrono::microseconds>(*timed->first_play() - it->second);
            char buf[96];
            std::snprintf(buf, sizeof buf, "độ trễ đọc: %.1f ms (sự kiện đến -> mẫu âm thanh đầu tiên)",
                          static_cast<double>(ms.count()) / 1000.0);
            log_line(buf);
          }
          // Older entries belong to calls that were dropped or already started.
          if (it != arrived.end()) arrived.erase(arrived.begin(), std::next(it));
        } else if (announcer->idle(now)) {
          board.set_announcing(std::nullopt, now);  // silent again: the large box shows the newest
        }
      }

      const bool changed = renderer.static_stale(board, now);
      if (!changed && !full_frame_due && now >= next_draw && strip_presents) {
        // Only the scrolling line moves: redraw that strip on the window surface and send
        // just it to the screen (dirty rectangle) — the idle board's whole cost.
        renderer.draw_ticker_only(now);
        SDL_RenderFlush(sdl_renderer);
        const Box t = renderer.layout().ticker;
        const SDL_Rect strip{t.x, t.y, t.w, t.h};
        SDL_UpdateWindowSurfaceRects(window, &strip, 1);
        next_draw = renderer.next_frame_due(board, now, s.screen.ticker_fps);
      } else if (changed || full_frame_due || now >= next_draw) {
        full_frame_due = false;
        renderer.draw(board, now);
        next_draw = renderer.next_frame_due(board, now, s.screen.ticker_fps);
        if (changed && (!s.frames_dir.empty() || !s.screenshot.empty())) {
          std::vector<std::uint8_t> rgb;
          int w = 0, h = 0;
          std::string error;
          if (renderer.read_rgb(rgb, w, h)) {
            if (!s.frames_dir.empty()) {
              char name[32];
              std::snprintf(name, sizeof name, "frame-%06llu.png", static_cast<unsigned long long>(++frames_saved));
              if (!write_png((std::filesystem::path(s.frames_dir) / name).string(), rgb, w, h, error)) log_line(error);
            }
            if (!s.screenshot.empty() && !write_png(s.screenshot, rgb, w, h, error)) log_line(error);
          }
        }
        SDL_RenderPresent(sdl_renderer);
      }
      if (s.exit_after_s > 0 && now - started >= Millis{static_cast<std::int64_t>(s.exit_after_s * 1000)}) {
        // Let a started announcement finish into the WAV/speakers so tests see whole ones.
        if (!announcer || announcer->idle(now) || now - started >= Millis{static_cast<std::int64_t>(s.exit_after_s * 1000) + 30000})
          running = false;
      }
    }
    stream.reset();  // no callback runs after this, so the inbox may go
    api.reset();
  }
  SDL_DestroyRenderer(sdl_renderer);
  SDL_DestroyWindow(window);
  SDL_Quit();
  return exit_code;
}

}  // namespace motcua::display
