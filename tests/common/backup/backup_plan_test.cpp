// The daily copies of the database: their times, names and which old ones go. Table-driven,
// in Vietnam's time (UTC+7), with instants passed in.
#include <gtest/gtest.h>

#include "backup/backup_plan.hpp"

namespace motcua::backup {
namespace {

constexpr int kVn = 420;

// A local wall-clock time in Vietnam: ("2026-11-24", 12, 15, 0).
Instant local(const char* iso_day, int h, int m, int s = 0) {
  int day = 0;
  EXPECT_TRUE(iso_to_service_day(iso_day, day)) << iso_day;
  return start_of_service_day(day, kVn) + std::chrono::seconds(h * 3600 + m * 60 + s);
}

TEST(BackupPlan, TimesAreReadAsAnOfficeWritesThem) {
  const auto ok = parse_times({"17:45", "12:15", "12:15", "00:00", "23:59"});
  ASSERT_TRUE(ok.is_ok()) << ok.status().message();
  EXPECT_EQ(ok.value(), (std::vector<int>{0, 735, 1065, 1439}));
  EXPECT_TRUE(parse_times({}).value().empty());
  for (const char* bad : {"24:00", "12:60", "7:30", "07h30", "12:15:00", "", "ab:cd"}) {
    const auto r = parse_times({bad});
    EXPECT_FALSE(r.is_ok()) << bad;
    if (!r.is_ok()) {
      EXPECT_NE(r.status().message().find("HH:MM"), std::string::npos);
    }
  }
  EXPECT_EQ(format_time(735), "12:15");
  EXPECT_EQ(format_time(0), "00:00");
}

TEST(BackupPlan, TheNextCopyIsTheFirstTimeStillAhead) {
  const std::vector<int> lunch_and_evening = {12 * 60 + 15, 17 * 60 + 45};
  struct Row {
    const char* what;
    Instant now;
    Instant want;
  };
  const Row rows[] = {
      {"morning: lunch today", local("2026-11-24", 7, 30), local("2026-11-24", 12, 15)},
      {"exactly at lunch: the evening one", local("2026-11-24", 12, 15), local("2026-11-24", 17, 45)},
      {"a second before lunch", local("2026-11-24", 12, 14, 59), local("2026-11-24", 12, 15)},
      {"afternoon: evening", local("2026-11-24", 14, 0), local("2026-11-24", 17, 45)},
      {"after the evening one: tomorrow's lunch", local("2026-11-24", 18, 0), local("2026-11-25", 12, 15)},
      {"just before local midnight", local("2026-11-24", 23, 59, 59), local("2026-11-25", 12, 15)},
      {"the last day of the year", local("2026-12-31", 20, 0), local("2027-01-01", 12, 15)},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.what);
    EXPECT_EQ(next_at(r.now, lunch_and_evening, kVn), r.want);
  }
  // 00:30 local is still the previous UTC day: the local calendar decides.
  EXPECT_EQ(next_at(local("2026-11-24", 0, 10), {30}, kVn), local("2026-11-24", 0, 30));
}

TEST(BackupPlan, NamesSayWhenInLocalTimeAndReadBack) {
  const Instant at = local("2026-11-24", 12, 15, 7);
  EXPECT_EQ(file_name(at, kVn), "motcua-2026-11-24-121507.db");
  EXPECT_EQ(made_at("motcua-2026-11-24-121507.db", kVn), at);
  EXPECT_EQ(file_name(local("2026-01-02", 0, 0, 0), kVn), "motcua-2026-01-02-000000.db");
  for (const char* other : {"motcua-demo.db", "motcua-2026-11-24-121507.db.partial", "motcua-2026-11-24-1215.db",
                            "motcua-2026-13-24-121507.db", "motcua-2026-11-24-126007.db", "notes.txt",
                            "motcua-2026-11-24x121507.db"})
    EXPECT_FALSE(made_at(other, kVn)) << other;
}

TEST(BackupPlan, CopiesOlderThanTheKeptDaysGoButNeverTheNewest) {
  const Instant now = local("2026-11-24", 12, 15);
  const std::vector<std::string> folder = {
      "motcua-2026-11-24-121500.db",  // today
      "motcua-2026-10-26-174500.db",  // 29 days ago: kept
      "motcua-2026-10-25-121500.db",  // 30 days ago to the minute: kept
      "motcua-2026-10-25-121459.db",  // a second older: goes
      "motcua-2026-09-01-121500.db",  // goes
      "motcua-demo.db",               // not a copy: never touched
      "readme.txt",
  };
  EXPECT_EQ(to_remove(folder, now, 30, kVn),
            (std::vector<std::string>{"motcua-2026-09-01-121500.db", "motcua-2026-10-25-121459.db"}));
  // Copies stopped months ago: the last one stays.
  EXPECT_EQ(to_remove({"motcua-2026-01-01-121500.db", "motcua-2026-02-01-121500.db"}, now, 30, kVn),
            (std::vector<std::string>{"motcua-2026-01-01-121500.db"}));
  EXPECT_TRUE(to_remove({"motcua-2026-01-01-121500.db"}, now, 30, kVn).empty());
  EXPECT_TRUE(to_remove({}, now, 30, kVn).empty());
}

}  // namespace
}  // namespace motcua::backup
