// The renderer under SDL_VIDEODRIVER=dummy: draw a board, read the pixels back, and check
// the regions the layout promises (number in the counter's row, blink, offline mark).
#include "board_renderer.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

#include "png_writer.hpp"
#include "test_messages.hpp"

namespace motcua::display {
namespace {
using namespace testing;

struct Rgb {
  int r, g, b;
};

class RendererTest : public ::testing::TestWithParam<std::tuple<int, int, bool>> {
 protected:
  void SetUp() override {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    ASSERT_EQ(SDL_Init(SDL_INIT_VIDEO), 0) << SDL_GetError();
    std::tie(w_, h_, portrait_) = GetParam();
    window_ = SDL_CreateWindow("test", 0, 0, w_, h_, 0);
    ASSERT_NE(window_, nullptr) << SDL_GetError();
    sdl_ = SDL_CreateRenderer(window_, -1, 0);
    ASSERT_NE(sdl_, nullptr) << SDL_GetError();
    renderer_ = std::make_unique<BoardRenderer>(sdl_, RendererSettings{w_, h_, portrait_, 420, 90, {"Khách đến, được chào hỏi"}});
    ASSERT_TRUE(renderer_->ok()) << renderer_->error();
  }
  void TearDown() override {
    renderer_.reset();
    if (sdl_) SDL_DestroyRenderer(sdl_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
  }
  void draw(const Board& b, Instant t) {
    renderer_->draw(b, t);
    ASSERT_TRUE(renderer_->read_rgb(rgb_, fw_, fh_));
    ASSERT_EQ(fw_, w_);
    ASSERT_EQ(fh_, h_);
  }
  Rgb at(int x, int y) const {
    const std::size_t i = (static_cast<std::size_t>(y) * fw_ + x) * 3;
    return {rgb_[i], rgb_[i + 1], rgb_[i + 2]};
  }
  int count(Box b, Rgb c, int tolerance = 30) const {
    int n = 0;
    for (int y = b.y; y < b.y + b.h; ++y)
      for (int x = b.x; x < b.x + b.w; ++x) {
        const Rgb p = at(x, y);
        if (std::abs(p.r - c.r) <= tolerance && std::abs(p.g - c.g) <= tolerance && std::abs(p.b - c.b) <= tolerance) ++n;
      }
    return n;
  }
  // The tallest run of pixel rows in `b` holding near-white ink: one line's letter height.
  int tallest_white_run(Box b) const {
    int best = 0, run = 0;
    for (int y = b.y; y < b.y + b.h; ++y) {
      run = count(Box{b.x, y, b.w, 1}, {255, 255, 255}, 60) > 0 ? run + 1 : 0;
      best = std::max(best, run);
    }
    return best;
  }
  // An instant in the "on" (even) or "off" half of the 1 s blink cycle.
  static Instant phase(Instant t, bool on) {
    std::int64_t ms = to_unix_ms(t) / 1000 * 1000 + 100;
    return from_unix_ms(on ? ms : ms + 500);
  }

  int w_ = 0, h_ = 0, fw_ = 0, fh_ = 0;
  bool portrait_ = false;
  SDL_Window* window_ = nullptr;
  SDL_Renderer* sdl_ = nullptr;
  std::unique_ptr<BoardRenderer> renderer_;
  std::vector<std::uint8_t> rgb_;
};

const Rgb kAmber{255, 200, 87};
const Rgb kCallingRow{178, 58, 72};
const Rgb kOfflineRed{200, 30, 30};

TEST_P(RendererTest, CalledNumberAppearsInThatCountersRow) {
  Board b;
  const Instant t0 = from_unix_ms(kT0);
  b.apply_message(snapshot(10, kT0), t0);
  b.set_connected(true);
  draw(b, phase(t0, true));
  const Layout& l = renderer_->layout();
  ASSERT_EQ(l.rows.size(), 6u);
  EXPECT_EQ(count(l.rows[2].number, kAmber), 0);  // counter 3 idle: no number

  b.apply_message(event(11, "ticket.called", kT0, 42, "1023", 3), t0);
  draw(b, phase(t0, true));
  EXPECT_GT(count(l.rows[2].number, kAmber, 10), l.rows[2].number.h * 2);  // solid glyph strokes
  EXPECT_EQ(count(l.rows[0].number, kAmber), 0);                          // not in counter 1's row
  const Rgb corner = at(l.rows[2].row.x + 1, l.rows[2].row.y + 1);
  EXPECT_EQ(corner.r, kCallingRow.r);  // the row is highlighted
  EXPECT_EQ(corner.g, kCallingRow.g);
  // The newest-call box shows the number large too.
  EXPECT_GT(count(l.newest, kAmber, 10), 0);

  if (const char* dir = std::getenv("MOTCUA_TEST_ARTIFACTS")) {
    std::string error;
    write_png(std::string(dir) + "/board-" + std::to_string(w_) + "x" + std::to_string(h_) + ".png", rgb_, fw_, fh_, error);
  }
}

TEST_P(RendererTest, NewestCallBlinksThenStaysSteady) {
  Board b;
  const Instant t0 = phase(from_unix_ms(kT0), true);
  b.apply_message(snapshot(10, to_unix_ms(t0)), t0);
  b.set_connected(true);  // calls arrive over the connection (a lost one replaces the box)
  b.apply_message(event(11, "ticket.called", to_unix_ms(t0), 42, "1023", 3), t0);
  const Layout* l = nullptr;
  draw(b, phase(t0 + Millis{1000}, true));
  l = &renderer_->layout();
  const Box probe{l->newest.x + 2, l->newest.y + 2, 4, 4};
  EXPECT_EQ(count(probe, kAmber, 2), 16);  // lit
  draw(b, phase(t0 + Millis{1000}, false));
  EXPECT_EQ(count(probe, kAmber, 2), 0);   // dark half of the blink
  draw(b, phase(t0 + Millis{10000}, true));
  EXPECT_EQ(count(probe, kAmber, 2), 0);   // blinking is over: steady panel
  draw(b, phase(t0 + Millis{10000}, false));
  EXPECT_EQ(count(probe, kAmber, 2), 0);
}

// Offices name counters at length. Shrunk onto one line, "Quầy 12 – Ưu tiên người cao tuổi,
// khuyết tật" came out a few pixels tall, unreadable across the hall; broken into lines it
// keeps letters of a readable size.
TEST_P(RendererTest, ALongCounterNameIsWrappedNotShrunkToATinyLine) {
  Board b;
  const Instant t0 = from_unix_ms(kT0);
  CounterSpec long_name{1, "idle"};
  long_name.name = "Quầy 12 – Ưu tiên người cao tuổi, khuyết tật";
  b.apply_message(snapshot(10, kT0, {long_name}), t0);
  b.set_connected(true);
  draw(b, t0);
  const Layout& l = renderer_->layout();
  const int short_name = tallest_white_run(l.rows[1].name);  // "Quầy 2"
  const int long_name_line = tallest_white_run(l.rows[0].name);
  ASSERT_GT(short_name, 0);
  EXPECT_GE(long_name_line * 10, short_name * 4)
      << "long name letters " << long_name_line << " px tall against " << short_name << " px for \"Quầy 2\"";
}

TEST_P(RendererTest, OfflineMarkShowsOnlyWhenDisconnected) {
  Board b;
  const Instant t0 = from_unix_ms(kT0);
  b.apply_message(snapshot(10, kT0), t0);
  b.set_connected(false);
  draw(b, t0);
  const Box mark = renderer_->layout().offline;
  EXPECT_GT(count(mark, kOfflineRed, 4), mark.w * mark.h / 3);
  b.set_connected(true);
  draw(b, t0);
  EXPECT_EQ(count(mark, kOfflineRed, 4), 0);
}

// With the TV's cable out, officers go on calling: a board that still shows its last call in
// the large box looks live, and the hall waits for a number that never changes.
TEST_P(RendererTest, WhenTheConnectionIsLostTheLargeBoxSaysSoInsteadOfTheLastCall) {
  Board b;
  const Instant t0 = from_unix_ms(kT0);
  b.apply_message(snapshot(10, kT0), t0);
  b.set_connected(true);
  b.apply_message(event(11, "ticket.called", kT0 - 30'000, 42, "1023", 3), t0);  // old: steady, not blinking
  draw(b, t0);
  const Box box = renderer_->layout().newest;
  EXPECT_GT(count(box, kAmber, 10), 0);  // the number, in amber
  EXPECT_EQ(count(box, kOfflineRed, 4), 0);

  b.set_connected(false);
  draw(b, t0 + Millis{1000});
  EXPECT_GT(count(box, kOfflineRed, 4), box.w * box.h / 2) << "the box is not marked as disconnected";
  EXPECT_EQ(count(box, kAmber, 10), 0) << "the stale number is still shown as the call";

  b.set_connected(true);  // back: the call again
  draw(b, t0 + Millis{2000});
  EXPECT_GT(count(box, kAmber, 10), 0);
  EXPECT_EQ(count(box, kOfflineRed, 4), 0);
}

// Before the first call of the day the large box held only "Mời công dân có số" over nothing.
TEST_P(RendererTest, BeforeTheFirstCallTheLargeBoxSaysNoNumberWasCalledYet) {
  Board b;
  const Instant t0 = from_unix_ms(kT0);
  b.apply_message(snapshot(10, kT0), t0);
  b.set_connected(true);
  draw(b, t0);
  const Box box = renderer_->layout().newest;
  const Box body{box.x, box.y + box.h / 5, box.w, box.h * 3 / 5};
  EXPECT_GT(count(body, {170, 190, 215}, 40), body.w / 4) << "the box is blank";
  EXPECT_EQ(count(body, kAmber, 10), 0);  // no number
}

TEST_P(RendererTest, NothingToRedrawWhenIdle) {
  Board b;
  const Instant t0 = from_unix_ms(kT0);
  b.apply_message(snapshot(10, kT0), t0);
  draw(b, t0);
  EXPECT_FALSE(renderer_->static_stale(b, t0 + Millis{10}));
  b.apply_message(event(11, "ticket.called", kT0, 50, "1030", 1), t0);
  EXPECT_TRUE(renderer_->static_stale(b, t0 + Millis{10}));
}

INSTANTIATE_TEST_SUITE_P(Sizes, RendererTest,
                         ::testing::Values(std::make_tuple(1920, 1080, false), std::make_tuple(1280, 720, false),
                                           std::make_tuple(1080, 1920, true)));

}  // namespace
}  // namespace motcua::display
