// Passwords (argon2id via libsodium), bearer tokens and device keys.
// Hashing functions are thread-safe; Sessions lives on the office strand.
#pragma once

#include <map>
#include <vector>
#include <optional>
#include <string>
#include <string_view>

#include "domain/model.hpp"
#include "domain/office_config.hpp"
#include "store/store.hpp"

namespace motcua {

// Must run once before any other function here.
bool init_crypto();

// argon2id string (libsodium's interactive limits) of the password in NFC, so that
// "mật khẩu" typed decomposed (macOS, Unikey's "Unicode tổ hợp") and precomposed match.
std::string hash_password(const std::string& password);
// Constant work whether or not the user exists, so timing does not reveal usernames.
bool verify_password(const Officer* officer, const std::string& password);
// Why a new password is refused ("" = fine): shorter than 8 characters, or not UTF-8.
std::string new_password_problem(std::string_view password);

// 32 random bytes, URL-safe base64 without padding.
std::string random_token(std::size_t bytes = 32);
// The form tokens are stored in: a BLAKE2b hex digest, so a stolen database holds no token.
std::string token_digest(const std::string& token);
// Compares two secrets (codes, keys) in constant time for equal lengths.
bool same_secret(std::string_view a, std::string_view b);
// The configured device with this key, or null. Reads only the (immutable) config, so it
// is safe on any thread.
const Device* find_device(const OfficeConfig& config, std::string_view key);

// Who is calling: an officer session, a device, or nobody.
struct Caller {
  const Officer* officer = nullptr;
  int session_counter = 0;           // the counter the officer signed in at (0 = none)
  std::string token_hash;
  const Device* device = nullptr;
  bool expired = false;              // a token that was known but has expired
  bool presented_credentials = false;
  bool unknown_device_key = false;   // a device key was sent (no token) and names no device
  bool is_staff() const { return officer != nullptr; }
  bool is_supervisor() const { return officer && officer->role != Role::officer; }
};

class Sessions {
 public:
  void load(const std::vector<store::SessionRecord>& records) {
    for (const auto& r : records) by_hash_[r.token_hash] = r;
  }
  void put(const store::SessionRecord& r) { by_hash_[r.token_hash] = r; }
  void erase(const std::string& token_hash) { by_hash_.erase(token_hash); }
  const store::SessionRecord* find(const std::string& token_hash) const {
    auto it = by_hash_.find(token_hash);
    return it == by_hash_.end() ? nullptr : &it->second;
  }
  // The sessions `username` opened by signing in at `counter`.
  std::vector<store::SessionRecord> at_counter(const std::string& username, int counter) const {
    std::vector<store::SessionRecord> out;
    for (const auto& [hash, r] : by_hash_)
      if (r.username == username && r.counter == counter) out.push_back(r);
    return out;
  }

 private:
  std::map<std::string, store::SessionRecord> by_hash_;
};

// Resolves a bearer token or a device key to a caller. On the office strand.
Caller identify(const OfficeConfig& config, const Sessions& sessions, const std::string& bearer_token,
                const std::string& device_key, Instant now);

}  // namespace motcua
