// Layout: where each part of the board goes for a screen size and orientation.
// Pure arithmetic (no SDL), so tests can find a counter's number cell and read its pixels.
#pragma once

#include <vector>

namespace motcua::display {

struct Box {
  int x = 0, y = 0, w = 0, h = 0;
  bool contains(int px, int py) const { return px >= x && py >= y && px < x + w && py < y + h; }
};

struct CounterCells {
  Box row;      // the whole row (its background is highlighted while calling)
  Box name;     // "Quầy 3"
  Box number;   // the ticket number, large
  Box detail;   // service name and state
};

struct Layout {
  Box header;       // office name (left), date and clock (right)
  Box office;
  Box date;
  Box clock;
  Box offline;      // the small "Mất kết nối" mark
  Box counters;     // the area holding the counter rows
  Box counters_title;
  std::vector<CounterCells> rows;
  Box newest;       // the newest call, large
  Box recent;       // the last calls
  Box waiting;      // waiting per service
  Box ticker;       // the scrolling line
};

Layout compute_layout(int width, int height, int counter_count, bool portrait);

}  // namespace motcua::display
