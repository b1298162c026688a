#include "audio_match.hpp"

#include <algorithm>
#include <cmath>

namespace motcua::display::testing {

std::vector<std::size_t> find_all(const std::vector<std::int16_t>& hay, const std::vector<std::int16_t>& needle) {
  std::vector<std::size_t> out;
  if (needle.empty()) return out;
  auto from = hay.begin();
  while (true) {
    auto it = std::search(from, hay.end(), needle.begin(), needle.end());
    if (it == hay.end()) break;
    out.push_back(static_cast<std::size_t>(it - hay.begin()));
    from = it + static_cast<std::ptrdiff_t>(needle.size());
  }
  return out;
}

std::vector<Pcm> split_at_chimes(const Pcm& out, const Pcm& chime) {
  std::vector<Pcm> parts;
  const auto starts = find_all(out.samples, chime.samples);
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : out.samples.size();
    Pcm p;
    p.rate = out.rate;
    p.samples.assign(out.samples.begin() + static_cast<std::ptrdiff_t>(starts[i]),
                     out.samples.begin() + static_cast<std::ptrdiff_t>(end));
    parts.push_back(std::move(p));
  }
  return parts;
}

namespace {
std::vector<double> envelope(const Pcm& p, std::size_t frames, std::size_t frame) {
  std::vector<double> e(frames, 0.0);
  for (std::size_t f = 0; f < frames; ++f) {
    double sum = 0;
    for (std::size_t i = f * frame; i < (f + 1) * frame && i < p.samples.size(); ++i) sum += double(p.samples[i]) * p.samples[i];
    e[f] = std::sqrt(sum / double(frame));
  }
  return e;
}
}  // namespace

double envelope_similarity(const Pcm& a, const Pcm& b) {
  if (a.rate != b.rate || a.rate <= 0) return -1;
  const std::size_t frame = static_cast<std::size_t>(a.rate / 50);
  const std::size_t frames = (std::max(a.samples.size(), b.samples.size()) + frame - 1) / frame;
  if (frames == 0) return -1;
  const auto ea = envelope(a, frames, frame), eb = envelope(b, frames, frame);
  double ma = 0, mb = 0;
  for (std::size_t i = 0; i < frames; ++i) {
    ma += ea[i];
    mb += eb[i];
  }
  ma /= double(frames);
  mb /= double(frames);
  double num = 0, da = 0, db = 0;
  for (std::size_t i = 0; i < frames; ++i) {
    num += (ea[i] - ma) * (eb[i] - mb);
    da += (ea[i] - ma) * (ea[i] - ma);
    db += (eb[i] - mb) * (eb[i] - mb);
  }
  return da > 0 && db > 0 ? num / std::sqrt(da * db) : -1;
}

double rms(const std::vector<std::int16_t>& s) {
  double sum = 0;
  for (auto v : s) sum += double(v) * v;
  return s.empty() ? 0 : std::sqrt(sum / double(s.size()));
}

}  // namespace motcua::display::testing
