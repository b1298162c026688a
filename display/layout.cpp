#include "layout.hpp"

#include <algorithm>

namespace motcua::display {
namespace {

Box inset(Box b, int m) { return Box{b.x + m, b.y + m, std::max(0, b.w - 2 * m), std::max(0, b.h - 2 * m)}; }

void place_rows(Layout& l, int counter_count, int unit) {
  const Box area = l.counters;
  const int title_h = std::max(unit * 4, area.h / 14);
  l.counters_title = Box{area.x, area.y, area.w, title_h};
  const int n = std::max(1, counter_count);
  const int gap = std::max(2, unit / 2);
  // Rows never get taller than a fifth of the area, so six counters still look like rows.
  const int row_h = std::min((area.h - title_h) / n, area.h / 5);
  for (int i = 0; i < counter_count; ++i) {
    CounterCells c;
    c.row = Box{area.x, area.y + title_h + i * row_h, area.w, row_h - gap};
    const int name_w = area.w * 22 / 100;
    const int number_w = area.w * 30 / 100;
    c.name = inset(Box{c.row.x, c.row.y, name_w, c.row.h}, unit);
    c.number = inset(Box{c.row.x + name_w, c.row.y, number_w, c.row.h}, unit);
    c.detail = inset(Box{c.row.x + name_w + number_w, c.row.y, c.row.w - name_w - number_w, c.row.h}, unit);
    l.rows.push_back(c);
  }
}

}  // namespace

Layout compute_layout(int width, int height, int counter_count, bool portrait) {
  Layout l;
  const int unit = std::max(2, std::min(width, height) / 180);  // ~6 px at 1080, ~4 at 720
  const int header_h = height * (portrait ? 7 : 10) / 100;
  const int ticker_h = height * (portrait ? 5 : 7) / 100;
  l.header = Box{0, 0, width, header_h};
  if (!portrait) {
    l.office = inset(Box{0, 0, width * 60 / 100, header_h}, unit * 2);
    l.date = inset(Box{width * 60 / 100, 0, width * 28 / 100, header_h / 2 + unit}, unit);
    l.clock = inset(Box{width * 88 / 100, 0, width * 12 / 100, header_h}, unit);
    l.offline = Box{width * 60 / 100 + unit, header_h / 2 + unit, width * 18 / 100, header_h / 2 - 2 * unit};
  } else {
    // A tall screen is narrow: the date and clock stack on the right, the mark under the name.
    l.office = inset(Box{0, 0, width * 60 / 100, header_h * 62 / 100}, unit * 2);
    l.offline = Box{unit * 2, header_h * 62 / 100, width * 30 / 100, header_h * 38 / 100 - unit * 2};
    l.date = inset(Box{width * 60 / 100, 0, width * 40 / 100, header_h * 40 / 100}, unit);
    l.clock = inset(Box{width * 60 / 100, header_h * 40 / 100, width * 40 / 100, header_h * 60 / 100}, unit);
  }
  l.ticker = Box{0, height - ticker_h, width, ticker_h};
  const int body_y = header_h + unit;
  const int body_h = height - header_h - ticker_h - 2 * unit;

  if (!portrait) {
    const int left_w = width * 60 / 100;
    l.counters = Box{unit * 2, body_y, left_w - unit * 3, body_h};
    const int right_x = left_w + unit;
    const int right_w = width - right_x - unit * 2;
    const int newest_h = body_h * 36 / 100;
    const int recent_h = body_h * 34 / 100;
    l.newest = Box{right_x, body_y, right_w, newest_h - unit};
    l.recent = Box{right_x, body_y + newest_h, right_w, recent_h - unit};
    l.waiting = Box{right_x, body_y + newest_h + recent_h, right_w, body_h - newest_h - recent_h};
  } else {
    const int newest_h = body_h * 18 / 100;
    const int counters_h = body_h * 50 / 100;
    l.newest = Box{unit * 2, body_y, width - unit * 4, newest_h - unit};
    l.counters = Box{unit * 2, body_y + newest_h, width - unit * 4, counters_h - unit};
    const int lower_y = body_y + newest_h + counters_h;
    const int lower_h = body_h - newest_h - counters_h;
    l.recent = Box{unit * 2, lower_y, width / 2 - unit * 3, lower_h};
    l.waiting = Box{width / 2 + unit, lower_y, width / 2 - unit * 3, lower_h};
  }
  place_rows(l, counter_count, unit);
  return l;
}

}  // namespace motcua::display
