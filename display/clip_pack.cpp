#include "clip_pack.hpp"

#include <filesystem>

namespace motcua::display {

ClipPack::ClipPack(std::string dir, int rate) : dir_(std::move(dir)), rate_(rate) {}

const Pcm* ClipPack::find(const std::string& phrase) {
  if (dir_.empty()) return nullptr;
  auto it = cache_.find(phrase);
  if (it == cache_.end()) {
    std::optional<Pcm> clip;
    const std::filesystem::path path = std::filesystem::path(dir_) / (phrase + ".wav");
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      std::string error;
      if (auto pcm = read_wav(path.string(), error)) clip = resample(*pcm, rate_);
      else errors_.push_back(error);
    }
    it = cache_.emplace(phrase, std::move(clip)).first;
  }
  return it->second ? &*it->second : nullptr;
}

}  // namespace motcua::display
