#include "print_test_support.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace motcua::print::testing {


CommandResult run_bounded(const std::string& command, int timeout_s) {
  CommandResult result;
  const std::string line = "timeout -k 2 " + std::to_string(timeout_s) + " " + command;
  FILE* pipe = ::popen(line.c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) result.output.append(buf.data(), n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

int count_exact_matches(const print::MonoImage& hay, const print::MonoImage& needle) {
  // Anchor on the needle's first black dot: every match must put a black dot of the
  // haystack there, which rules out almost all positions before the full compare.
  int ax = -1, ay = -1;
  for (int y = 0; y < needle.height() && ax < 0; ++y)
    for (int x = 0; x < needle.width(); ++x)
      if (needle.black(x, y)) {
        ax = x;
        ay = y;
        break;
      }
  if (ax < 0) return 0;
  int matches = 0;
  for (int y = ay; y < hay.height(); ++y)
    for (int x = ax; x < hay.width(); ++x) {
      if (!hay.black(x, y)) continue;
      const int ox = x - ax, oy = y - ay;
      if (ox + needle.width() > hay.width() || oy + needle.height() > hay.height()) continue;
      bool same = true;
      for (int ny = 0; ny < needle.height() && same; ++ny)
        for (int nx = 0; nx < needle.width(); ++nx)
          if (hay.black(ox + nx, oy + ny) != needle.black(nx, ny)) {
            same = false;
            break;
          }
      if (same) ++matches;
    }
  return matches;
}

print::TicketPrintout sample_ticket(const std::string& number, const std::string& url) {
  print::TicketPrintout t;
  t.office_name = "Bộ phận Một cửa UBND phường Hàng Bạc";
  t.service_name = "Tư pháp – Hộ tịch";
  t.number = number;
  t.issued_at = print::format_issued_at(from_unix_ms(1795401660000), 7 * 60);
  t.people_ahead = 3;
  t.estimated_wait_s = 840;
  t.status_url = url;
  return t;
}

std::string zbar(const TempDir& dir, const print::MonoImage& image, const std::string& name) {
  const auto file = dir.path() / name;
  EXPECT_TRUE(print::write_file(file.string(), print::to_pgm(image)).is_ok());
  auto r = run_bounded("zbarimg --quiet --raw '" + file.string() + "' 2>/dev/null", 30);
  EXPECT_EQ(r.exit_code, 0) << "zbarimg found no QR code in " << name;
  while (!r.output.empty() && (r.output.back() == '\n' || r.output.back() == '\r')) r.output.pop_back();
  return r.output;
}

}  // namespace motcua::print::testing
