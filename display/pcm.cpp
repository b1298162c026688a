#include "pcm.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <numbers>

namespace motcua::display {
namespace {

std::uint32_t le32(const std::uint8_t* p) { return p[0] | (p[1] << 8) | (p[2] << 16) | (std::uint32_t(p[3]) << 24); }
std::uint16_t le16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
void put32(std::vector<std::uint8_t>& b, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
void put16(std::vector<std::uint8_t>& b, std::uint16_t v) {
  b.push_back(static_cast<std::uint8_t>(v));
  b.push_back(static_cast<std::uint8_t>(v >> 8));
}

}  // namespace

Pcm make_chime(int rate) {
  Pcm p;
  p.rate = rate;
  const struct { double freq, start_s, length_s; } notes[] = {{1318.5, 0.0, 0.65}, {1046.5, 0.45, 0.85}};
  const double total_s = 1.3;
  std::vector<double> mix(static_cast<std::size_t>(total_s * rate), 0.0);
  for (const auto& n : notes) {
    const auto start = static_cast<std::size_t>(n.start_s * rate);
    const auto len = static_cast<std::size_t>(n.length_s * rate);
    for (std::size_t i = 0; i < len && start + i < mix.size(); ++i) {
      const double t = static_cast<double>(i) / rate;
      const double attack = std::min(1.0, t / 0.008);  // no click at the onset
      const double env = attack * std::exp(-t * 4.0);
      const double w = 2 * std::numbers::pi * n.freq * t;
      mix[start + i] += env * (0.8 * std::sin(w) + 0.2 * std::sin(2 * w));
    }
  }
  p.samples.reserve(mix.size());
  for (double v : mix) p.samples.push_back(static_cast<std::int16_t>(std::clamp(v * 0.45, -1.0, 1.0) * 32767));
  return p;
}

Pcm resample(const Pcm& in, int rate) {
  if (in.rate == rate || in.samples.empty() || in.rate <= 0) return Pcm{rate, in.samples};
  Pcm out;
  out.rate = rate;
  const std::size_t n = static_cast<std::size_t>(static_cast<double>(in.samples.size()) * rate / in.rate);
  out.samples.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double src = static_cast<double>(i) * in.rate / rate;
    const auto a = static_cast<std::size_t>(src);
    const std::size_t b = std::min(a + 1, in.samples.size() - 1);
    const double f = src - static_cast<double>(a);
    out.samples[i] = static_cast<std::int16_t>(in.samples[std::min(a, in.samples.size() - 1)] * (1 - f) + in.samples[b] * f);
  }
  return out;
}

void append(Pcm& to, const Pcm& from) {
  if (from.rate == to.rate) {
    to.samples.insert(to.samples.end(), from.samples.begin(), from.samples.end());
    return;
  }
  const Pcm r = resample(from, to.rate);
  to.samples.insert(to.samples.end(), r.samples.begin(), r.samples.end());
}

void append_silence(Pcm& to, Millis length) {
  to.samples.insert(to.samples.end(), static_cast<std::size_t>(length.count() * to.rate / 1000), 0);
}

std::optional<Pcm> read_wav(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open " + path;
    return std::nullopt;
  }
  const std::vector<std::uint8_t> b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (b.size() < 12 || std::memcmp(b.data(), "RIFF", 4) != 0 || std::memcmp(b.data() + 8, "WAVE", 4) != 0) {
    error = path + ": not a RIFF/WAVE file";
    return std::nullopt;
  }
  int channels = 0, bits = 0, rate = 0, format = 0;
  std::size_t pos = 12;
  while (pos + 8 <= b.size()) {
    const std::uint32_t size = le32(b.data() + pos + 4);
    const std::size_t body = pos + 8;
    const std::size_t end = std::min(b.size(), body + size);
    if (std::memcmp(b.data() + pos, "fmt ", 4) == 0 && end - body >= 16) {
      format = le16(b.data() + body);
      channels = le16(b.data() + body + 2);
      rate = static_cast<int>(le32(b.data() + body + 4));
      bits = le16(b.data() + body + 14);
    } else if (std::memcmp(b.data() + pos, "data", 4) == 0) {
      if (format != 1 || (bits != 16 && bits != 8) || channels < 1 || channels > 2 || rate <= 0) {
        error = path + ": only PCM 8/16-bit mono or stereo is supported";
        return std::nullopt;
      }
      Pcm p;
      p.rate = rate;
      const std::size_t frame = static_cast<std::size_t>(channels * bits / 8);
      for (std::size_t i = body; i + frame <= end; i += frame) {
        int sum = 0;
        for (int c = 0; c < channels; ++c)
          sum += bits == 16 ? static_cast<std::int16_t>(le16(b.data() + i + c * 2)) : (b[i + c] - 128) * 256;
        p.samples.push_back(static_cast<std::int16_t>(sum / channels));
      }
      return p;
    }
    pos = body + size + (size & 1);
  }
  error = path + ": no data chunk";
  return std::nullopt;
}

std::vector<std::uint8_t> wav_bytes(const Pcm& pcm) {
  std::vector<std::uint8_t> b;
  const auto data_size = static_cast<std::uint32_t>(pcm.samples.size() * 2);
  b.reserve(44 + data_size);
  b.insert(b.end(), {'R', 'I', 'F', 'F'});
  put32(b, 36 + data_size);
  b.insert(b.end(), {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '});
  put32(b, 16);
  put16(b, 1);  // PCM
  put16(b, 1);  // mono
  put32(b, static_cast<std::uint32_t>(pcm.rate));
  put32(b, static_cast<std::uint32_t>(pcm.rate * 2));
  put16(b, 2);
  put16(b, 16);
  b.insert(b.end(), {'d', 'a', 't', 'a'});
  put32(b, data_size);
  for (std::int16_t s : pcm.samples) put16(b, static_cast<std::uint16_t>(s));
  return b;
}

}  // namespace motcua::display
