// display: the waiting-hall board and Vietnamese speaker (issue 4). See display_settings.hpp.
#include <cstdio>
#include <string>
#include <vector>

#include "display_app.hpp"
#include "display_settings.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      std::fputs(motcua::display::display_usage().c_str(), stdout);
      return 0;
    }
  auto settings = motcua::display::parse_display_settings(args);
  if (!settings.is_ok()) {
    std::fprintf(stderr, "display: %s\n%s", settings.status().message().c_str(),
                 motcua::display::display_usage().c_str());
    return 2;
  }
  return motcua::display::DisplayApp(settings.value()).run();
}
