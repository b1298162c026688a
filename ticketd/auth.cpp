#include "auth.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "unicode_text.hpp"

namespace motcua {

bool init_crypto() { return sodium_init() >= 0; }

std::string hash_password(const std::string& password) {
  const std::string nfc = to_nfc(password);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, nfc.data(), nfc.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return {};
  return out;
}

bool verify_password(const Officer* officer, const std::string& password) {
  // A fixed hash to verify against when the user is unknown, so both paths cost the same.
  static const std::string decoy = hash_password("motcua-decoy-password");
  const std::string& hash = officer && !officer->password_hash.empty() ? officer->password_hash : decoy;
  const std::string nfc = to_nfc(password);
  const bool ok = crypto_pwhash_str_verify(hash.c_str(), nfc.data(), nfc.size()) == 0;
  return ok && officer != nullptr && !officer->password_hash.empty();
}

std::string new_password_problem(std::string_view password) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < password.size();) {
    const auto lead = static_cast<unsigned char>(password[i]);
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > password.size()) return "Mật khẩu không phải văn bản UTF-8";
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(password[i + k]) & 0xC0) != 0x80) return "Mật khẩu không phải văn bản UTF-8";
    i += length;
    characters += 1;
  }
  if (characters < 8) return "Mật khẩu cần ít nhất 8 ký tự";
  return {};
}

namespace {
// One getrandom() per 4 KiB instead of one per token: a ticket needs a code each time.
void fill_random(unsigned char* out, std::size_t n) {
  thread_local std::array<unsigned char, 4096> pool;
  thread_local std::size_t used = pool.size();
  while (n > 0) {
    if (used == pool.size()) {
      randombytes_buf(pool.data(), pool.size());
      used = 0;
    }
    const std::size_t take = std::min(n, pool.size() - used);
    std::memcpy(out, pool.data() + used, take);
    sodium_memzero(pool.data() + used, take);  // each byte is handed out once
    used += take;
    out += take;
    n -= take;
  }
}
}  // namespace

std::string random_token(std::size_t bytes) {
  std::string raw(bytes, '\0');
  fill_random(reinterpret_cast<unsigned char*>(raw.data()), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string token_digest(const std::string& token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Caller identify(const OfficeConfig& config, const Sessions& sessions, const std::string& bearer_token,
                const std::string& device_key, Instant now) {
  Caller c;
  if (!bearer_token.empty()) {
    c.presented_credentials = true;
    const std::string hash = token_digest(bearer_token);
    if (const auto* s = sessions.find(hash)) {
      if (s->expires_at <= now) {
        c.expired = true;
      } else if (const Officer* o = config.find_officer(s->username)) {
        c.officer = o;
        c.session_counter = s->counter;
        c.token_hash = hash;
      }
    }
    return c;
  }
  if (!device_key.empty()) {
    c.presented_credentials = true;
    c.device = find_device(config, device_key);
    c.unknown_device_key = c.device == nullptr;
  }
  return c;
}

const Device* find_device(const OfficeConfig& config, std::string_view key) {
  // Compared in constant time against every key, so response timing reveals nothing
  // about how much of a guessed key was right.
  const Device* found = nullptr;
  for (const auto& d : config.devices)
    if (same_secret(d.key, key)) found = &d;
  return found;
}

}  // namespace motcua
