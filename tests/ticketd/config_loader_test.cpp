// The TOML config: the shipped example loads, and each kind of mistake is named.
#include <gtest/gtest.h>
#include <sodium.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "auth.hpp"
#include "config_loader.hpp"
#include "daemon_process.hpp"

namespace motcua {
namespace {

TEST(ConfigLoader, TheShippedExampleLoadsOnceItsPlaceholdersAreFilled) {
  std::ifstream in(std::string(MOTCUA_SOURCE_DIR) + "/deploy/office.example.toml");
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  // As shipped, its officers' hashes are placeholders, and that is refused by name.
  auto as_shipped = parse_config_text(text, "office.example.toml");
  ASSERT_FALSE(as_shipped.is_ok());
  EXPECT_NE(as_shipped.status().message().find("password_hash is not an argon2id hash"), std::string::npos)
      << as_shipped.status().message();
  // What `ticketd hash-password` prints goes in their place.
  ASSERT_GE(sodium_init(), 0);
  char hash[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str(hash, "mat-khau", 8, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE), 0);
  const std::string placeholder = "$argon2id$v=19$m=65536,t=2,p=1$REPLACE_ME";
  for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder))
    text.replace(at, placeholder.size(), hash);
  // Its device keys are placeholders too, refused by name, until each gets a random key.
  auto keys_not_filled = parse_config_text(text, "office.example.toml");
  ASSERT_FALSE(keys_not_filled.is_ok());
  EXPECT_NE(keys_not_filled.status().message().find("key is still the example's placeholder"), std::string::npos)
      << keys_not_filled.status().message();
  const std::string key_placeholder = "thay-bang-khoa-ngau-nhien-";
  for (auto at = text.find(key_placeholder); at != std::string::npos; at = text.find(key_placeholder))
    text.replace(at, key_placeholder.size(), "k7f3q9x2m4p8-");
  auto c = parse_config_text(text, "office.example.toml");
  ASSERT_TRUE(c.is_ok()) << c.status().message();
  const auto& o = c.value().office;
  EXPECT_EQ(o.office_name, "Bộ phận Một cửa UBND phường Bến Nghé");
  EXPECT_EQ(o.utc_offset_minutes, 420);
  ASSERT_EQ(o.services.size(), 3u);
  EXPECT_EQ(o.services[0].opens_at_min, 7 * 60 + 30);
  EXPECT_EQ(o.services[0].closes_at_min, 17 * 60);
  ASSERT_EQ(o.counters.size(), 2u);
  EXPECT_EQ(o.counters[0].services[0].service, "ho-tich");
  EXPECT_EQ(o.officers[1].role, Role::supervisor);
  EXPECT_EQ(o.devices[0].printer, "192.168.1.50:9100");
  EXPECT_EQ(o.devices[3].counter, 2);
  EXPECT_EQ(o.policy.normal_between, 2);
  EXPECT_EQ(c.value().settings.port, 8080);
  EXPECT_EQ(c.value().settings.synchronous, "FULL");
  EXPECT_EQ(c.value().settings.backup_dir, "/var/lib/motcua/backups");
  EXPECT_EQ(c.value().settings.backup_times, (std::vector<std::string>{"12:15", "17:45"}));
  EXPECT_EQ(c.value().settings.backup_keep_days, 30);
}

const char* kMinimal = R"(
office_name = "Phường Thử"
[[services]]
code = "a"
name = "Dịch vụ A"
first_number = 1001
last_number = 1999
[[counters]]
number = 1
services = ["a"]
[[officers]]
username = "u"
password = "p"
)";

TEST(ConfigLoader, DefaultsFillWhatIsLeftOut) {
  auto c = parse_config_text(kMinimal, "mini.toml");
  ASSERT_TRUE(c.is_ok()) << c.status().message();
  EXPECT_EQ(c.value().office.timezone, "Asia/Ho_Chi_Minh");
  EXPECT_EQ(c.value().office.counters[0].name, "Quầy 1");
  EXPECT_EQ(c.value().office.services[0].target_wait_min, 30);
  ASSERT_EQ(c.value().plain_passwords.size(), 1u);
  EXPECT_EQ(c.value().settings.listen, "127.0.0.1");
  EXPECT_EQ(c.value().settings.backup_dir, "");  // beside the database
  EXPECT_EQ(c.value().settings.backup_times, (std::vector<std::string>{"12:15", "17:45"}));
  auto on_request = parse_config_text(std::string(kMinimal) + "[backup]\ntimes = []\nkeep_days = 7\n", "b.toml");
  ASSERT_TRUE(on_request.is_ok()) << on_request.status().message();
  EXPECT_TRUE(on_request.value().settings.backup_times.empty());
  EXPECT_EQ(on_request.value().settings.backup_keep_days, 7);
}

struct BadConfig {
  const char* name;
  std::string text;
  const char* expected_words;
};

TEST(ConfigLoader, MistakesAreRefusedWithTheirCause) {
  const std::string base = kMinimal;
  const std::vector<BadConfig> cases{
      {"syntax", "office_name = ", "office_name"},
      {"missing office name", "[[services]]\ncode='a'\n", "office_name"},
      {"unknown zone", "timezone = \"Mars/Base\"\n" + base, "unknown timezone"},
      {"zone and offset disagree", "timezone = \"Asia/Ho_Chi_Minh\"\nutc_offset_minutes = 0\n" + base,
       "timezone \"Asia/Ho_Chi_Minh\" is UTC+7 (420 minutes) but utc_offset_minutes = 0"},
      {"bad hours", base + "[[services]]\ncode='b'\nname='B'\nfirst_number=2001\nlast_number=2999\nopens_at='25:00'\n",
       "opens_at"},
      {"overlapping blocks", base + "[[services]]\ncode='b'\nname='B'\nfirst_number=1500\nlast_number=2999\n",
       "overlaps"},
      {"counter of unknown service", base + "[[counters]]\nnumber=2\nservices=['zzz']\n", "unknown service"},
      {"unknown role", base + "[[officers]]\nusername='x'\nrole='boss'\npassword='p'\n", "unknown role"},
      {"short device key", base + "[[devices]]\nid='k'\nkind='kiosk'\nkey='short'\n", "at least 8"},
      {"officer without password", base + "[[officers]]\nusername='y'\n", "password_hash"},
      {"backup time", base + "[backup]\ntimes = ['12:15', '25:00']\n", "backup.times"},
      {"backup keep days", base + "[backup]\nkeep_days = 0\n", "backup.keep_days"},
      // Misspelt keys would silently leave their defaults in force.
      {"misspelt service key", base + "[[services]]\ncode='b'\nname='B'\nfirst_number=2001\nlast_number=2999\n"
                                      "close_at='17:00'\n",
       "service \"b\": unknown key \"close_at\""},
      {"misspelt cap", base + "[[services]]\ncode='b'\nname='B'\nfirst_number=2001\nlast_number=2999\ndaly_cap=3\n",
       "unknown key \"daly_cap\""},
      {"misspelt table", base + "[polcy]\nvote_window_s = 60\n", "the config: unknown key \"polcy\""},
      {"singular array of tables", base + "[[counter]]\nnumber=2\nservices=['a']\n", "unknown key \"counter\""},
      {"misspelt policy key", base + "[policy]\nvote_window = 60\n", "[policy]: unknown key \"vote_window\""},
      {"misspelt officer key", base + "[[officers]]\nusername='z'\npasword='p'\n", "officer \"z\": unknown key"},
      {"misspelt device key", base + "[[devices]]\nid='k'\nkind='kiosk'\nkey='long-enough'\nprinterr='x'\n",
       "device \"k\": unknown key \"printerr\""},
      {"misspelt server key", base + "[server]\nlisten_on = '0.0.0.0'\n", "[server]: unknown key \"listen_on\""},
      {"misspelt backup key", base + "[backup]\nkeep = 7\n", "[backup]: unknown key \"keep\""},
      // Values out of range would wrap or lock people out.
      {"port out of range", base + "[server]\nport = 99999\n", "[server] port must be 0–65535"},
      {"negative session", base + "[server]\nsession_hours = -5\n", "[server] session_hours must be 1–168"},
      {"offset out of range", "utc_offset_minutes = 100000\n" + base, "utc_offset_minutes must be"},
      {"synchronous", base + "[server]\nsynchronous = 'FAST'\n", "synchronous must be FULL, NORMAL or EXTRA"},
      {"time without quotes", base + "[[services]]\ncode='b'\nname='B'\nfirst_number=2001\nlast_number=2999\n"
                                     "opens_at = 07:30\n",
       "Times of day are text, in quotes: opens_at = \"07:30\""},
      {"listen by name", base + "[server]\nlisten = 'localhost'\n", "[server] listen must be an IP address"},
      {"base url without scheme", base + "[server]\npublic_base_url = '192.168.1.10:8080'\n",
       "public_base_url must start with http:// or https://"},
      {"negative apology wait", base + "[policy]\napology_wait_min = -5\n", "apology_wait_min must be 1–600 minutes, got -5"},
      {"idle alert at once", base + "[policy]\nidle_alert_s = 0\n", "idle_alert_s must be 1–3600 seconds, got 0"},
      {"example device key", base + "[[devices]]\nid='kiosk-1'\nkind='kiosk'\nkey='thay-bang-khoa-ngau-nhien-1'\n",
       "device kiosk-1: key is still the example's placeholder"},
      {"hours backwards", base + "[[services]]\ncode='b'\nname='B'\nfirst_number=2001\nlast_number=2999\n"
                                 "opens_at='17:00'\ncloses_at='07:30'\n",
       "service b: opening hours: opens_at 17:00 must come before closes_at 07:30"},
      {"placeholder hash", base + "[[officers]]\nusername='h'\npassword_hash='$argon2id$v=19$m=65536,t=2,p=1$REPLACE_ME'\n",
       "officer h: password_hash is not an argon2id hash"},
      {"weights of another service", base + "[[services]]\ncode='b'\nname='B'\nfirst_number=2001\nlast_number=2999\n"
                                            "[[counters]]\nnumber=2\nservices=['a']\nweights={b=2}\n",
       "counter 2: weights name b, which is not in its services"},
      {"duplicate device id", base + "[[devices]]\nid='k'\nkind='kiosk'\nkey='long-key-1'\n"
                                     "[[devices]]\nid='k'\nkind='kiosk'\nkey='long-key-2'\n",
       "duplicate device id: k"},
  };
  for (const auto& c : cases) {
    auto r = parse_config_text(c.text, "bad.toml");
    ASSERT_FALSE(r.is_ok()) << c.name;
    EXPECT_EQ(r.status().error(), "invalid_config") << c.name;
    EXPECT_NE(r.status().message().find(c.expected_words), std::string::npos)
        << c.name << ": " << r.status().message();
  }
}

TEST(ConfigLoader, TheOffsetComesFromTheZoneOrFromAnOffsetThatAgreesWithIt) {
  const std::string base = kMinimal;
  struct Case {
    const char* name;
    std::string head;
    int offset;
  };
  const Case cases[] = {
      {"zone alone", "timezone = \"UTC\"\n", 0},
      {"zone and the same offset", "timezone = \"Asia/Ho_Chi_Minh\"\nutc_offset_minutes = 420\n", 420},
      {"a zone ticketd does not know, with its offset", "timezone = \"Asia/Kolkata\"\nutc_offset_minutes = 330\n", 330},
      {"neither: the default zone", "", 420},
  };
  for (const auto& c : cases) {
    auto r = parse_config_text(c.head + base, "office.toml");
    ASSERT_TRUE(r.is_ok()) << c.name << ": " << r.status().message();
    EXPECT_EQ(r.value().office.utc_offset_minutes, c.offset) << c.name;
  }
}

struct Piped {
  int exit_code = -1;
  std::string out;
};

// Runs `ticketd hash-password` with `input` on its stdin (no terminal: no prompt).
Piped hash_password_command(const std::string& input) {
  const std::string in_path = testing::DaemonProcess::binary_path() + ".hash-input-" + std::to_string(getpid());
  std::ofstream(in_path, std::ios::binary) << input;
  const std::string command = "timeout 20 " + testing::DaemonProcess::binary_path() + " hash-password < " + in_path + " 2>&1";
  Piped r;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) r.out += buf;
    const int status = pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::remove(in_path.c_str());
  return r;
}

TEST(HashPassword, DecomposedVietnameseHashesAsItsPrecomposedForm) {
  ASSERT_TRUE(init_crypto());
  // "mật khẩu" typed with combining marks (macOS, Unikey's "Unicode tổ hợp").
  const Piped r = hash_password_command("ma\xcc\xa3\xcc\x82t kha\xcc\x82\xcc\x89u\r\n");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  Officer officer;
  officer.username = "lan.nt";
  officer.password_hash = r.out.substr(0, r.out.find('\n'));
  EXPECT_EQ(officer.password_hash.rfind("$argon2id$", 0), 0u) << r.out;
  EXPECT_TRUE(verify_password(&officer, "mật khẩu"));
  EXPECT_TRUE(verify_password(&officer, "ma\xcc\xa3\xcc\x82t kha\xcc\x82\xcc\x89u"));
  EXPECT_FALSE(verify_password(&officer, "mat khau"));
}

TEST(HashPassword, RefusesAShortOrMissingPassword) {
  const struct {
    const char* input;
    const char* words;
  } cases[] = {
      {"", "không đọc được mật khẩu"},
      {"\n", "ít nhất 8 ký tự"},
      {"1234567\n", "ít nhất 8 ký tự"},
      {"ma\xcc\xa3\xcc\x82t\n", "ít nhất 8 ký tự"},  // 3 letters however many bytes
      {"\xff\xfe" "12345678\n", "không phải văn bản UTF-8"},
  };
  for (const auto& c : cases) {
    const Piped r = hash_password_command(c.input);
    EXPECT_EQ(r.exit_code, 2) << c.input << ": " << r.out;
    EXPECT_NE(r.out.find(c.words), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("$argon2id$"), std::string::npos) << r.out;
  }
  EXPECT_EQ(new_password_problem("mật khẩu"), "");
  EXPECT_EQ(new_password_problem("12345678"), "");
}

}  // namespace
}  // namespace motcua
