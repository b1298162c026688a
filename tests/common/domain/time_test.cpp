// time.hpp: service days and local minutes at UTC+7, ISO dates, zone offsets.
#include <gtest/gtest.h>

#include "domain_fixture.hpp"

namespace motcua::domain_test {
namespace {

struct InstantCase {
  const char* name;
  Instant when;
  const char* local_date;
  int minute_of_day;
};

TEST(Time, ServiceDayAndMinuteAtUtcPlus7) {
  const std::vector<InstantCase> table = {
      {"epoch is 07:00 local", from_unix_ms(0), "1970-01-01", 7 * 60},
      {"just before local midnight", utc("1969-12-31T16:59:59Z"), "1969-12-31", 1439},
      {"local midnight before the epoch", utc("1969-12-31T17:00:00Z"), "1970-01-01", 0},
      {"office opens", utc("2026-11-23T00:30:00Z"), "2026-11-23", 7 * 60 + 30},
      {"16:59:59Z is 23:59:59 local", utc("2026-11-23T16:59:59Z"), "2026-11-23", 1439},
      {"last millisecond of the local day", utc("2026-11-23T17:00:00Z") - Millis(1), "2026-11-23", 1439},
      {"17:00:00Z is the next local day", utc("2026-11-23T17:00:00Z"), "2026-11-24", 0},
      {"evening UTC is next morning local", utc("2026-11-23T23:59:59Z"), "2026-11-24", 6 * 60 + 59},
      {"leap day", utc("2028-02-29T05:00:00Z"), "2028-02-29", 12 * 60},
      {"new year in Vietnam before UTC", utc("2026-12-31T17:30:00Z"), "2027-01-01", 30},
      {"long before the epoch", utc("1900-03-01T01:00:00Z"), "1900-03-01", 8 * 60},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    int expected_day = 0;
    ASSERT_TRUE(iso_to_service_day(row.local_date, expected_day));
    EXPECT_EQ(service_day(row.when, kVietnam), expected_day);
    EXPECT_EQ(service_day_to_iso(service_day(row.when, kVietnam)), row.local_date);
    EXPECT_EQ(local_minute_of_day(row.when, kVietnam), row.minute_of_day);
    // The day starts at local midnight and the instant lies inside it.
    const Instant start = start_of_service_day(expected_day, kVietnam);
    EXPECT_LE(start, row.when);
    EXPECT_LT(row.when, start + std::chrono::hours(24));
    EXPECT_EQ(service_day(start, kVietnam), expected_day);
    EXPECT_EQ(service_day(start - Millis(1), kVietnam), expected_day - 1);
  }
}

TEST(Time, StartOfServiceDayIsSeventeenHundredUtcTheDayBefore) {
  EXPECT_EQ(start_of_service_day(base_day(), kVietnam), utc("2026-11-22T17:00:00Z"));
  EXPECT_EQ(start_of_service_day(base_day(), 0), utc("2026-11-23T00:00:00Z"));
  EXPECT_EQ(at("08:00"), utc("2026-11-23T01:00:00Z"));
}

TEST(Time, IsoDatesKnownValues) {
  struct Row {
    const char* iso;
    int day;
  };
  const std::vector<Row> table = {
      {"1970-01-01", 0},      {"1970-01-02", 1},      {"1969-12-31", -1},     {"2000-02-29", 11016},
      {"2024-12-31", 20088},  {"2026-11-23", 20780},  {"1900-03-01", -25508},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.iso);
    int day = 12345;
    ASSERT_TRUE(iso_to_service_day(row.iso, day));
    EXPECT_EQ(day, row.day);
    EXPECT_EQ(service_day_to_iso(row.day), row.iso);
  }
}

TEST(Time, IsoRoundTripsOverManyDays) {
  for (int day = -30000; day <= 60000; day += 7) {
    const std::string iso = service_day_to_iso(day);
    int back = 0;
    ASSERT_TRUE(iso_to_service_day(iso, back)) << iso;
    ASSERT_EQ(back, day) << iso;
  }
}

TEST(Time, MalformedIsoDatesAreRejected) {
  const std::vector<const char*> table = {
      "",           "2026-11-2",   "2026-11-233", "2026/11/23",  "20261123",   "2026-13-01", "2026-00-10",
      "2026-11-00", "2026-02-29",  "2026-04-31",  "2026-11-2x",  "abcd-ef-gh", "2026-1-023", "2026-11- 3",
      "+026-11-23", " 026-11-23",  "2026-+1-23",  "2026--1-23",  "-026-11-23",
  };
  for (const char* iso : table) {
    SCOPED_TRACE(iso);
    int day = 777;
    EXPECT_FALSE(iso_to_service_day(iso, day));
    EXPECT_EQ(day, 777) << "the output is untouched on failure";
  }
}

TEST(Time, ZoneOffsets) {
  struct Row {
    const char* zone;
    bool known;
    int offset;
  };
  const std::vector<Row> table = {
      {"Asia/Ho_Chi_Minh", true, 420}, {"Asia/Saigon", true, 420}, {"Asia/Bangkok", true, 420},
      {"UTC", true, 0},                {"Europe/Paris", false, 0}, {"", false, 0},
      {"Asia/Ho_Chi_Minh ", false, 0},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.zone);
    int offset = -1;
    EXPECT_EQ(utc_offset_for_zone(row.zone, offset), row.known);
    EXPECT_EQ(offset, row.known ? row.offset : -1);
  }
}

TEST(Time, UnixMillisRoundTrip) {
  for (std::int64_t ms : {std::int64_t{0}, std::int64_t{1795410062123}, std::int64_t{-1}}) {
    EXPECT_EQ(to_unix_ms(from_unix_ms(ms)), ms);
  }
}

}  // namespace
}  // namespace motcua::domain_test
