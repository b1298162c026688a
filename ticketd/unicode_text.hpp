// Text from the outside (request bodies, the config file) in the one form the office
// stores and compares: Unicode NFC, as docs/API.md and DOMAIN.md require. Vietnamese
// typed on some systems (macOS, Unikey's "Unicode tổ hợp") arrives decomposed: "ệ" as
// e + U+0302 + U+0323. Left so, it would print, sort and match differently from the
// same word typed elsewhere.
#pragma once

#include <string>
#include <string_view>

namespace motcua {

// `utf8` in NFC. The input must be valid UTF-8 (Boost.JSON and toml11 check that).
std::string to_nfc(std::string_view utf8);

}  // namespace motcua
