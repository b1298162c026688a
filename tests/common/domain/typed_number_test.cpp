// A number typed from a paper ticket, and which tickets it names.
#include <gtest/gtest.h>

#include "domain/typed_number.hpp"

namespace motcua {
namespace {

TEST(TypedNumber, WhatAPersonTypesFromThePaper) {
  struct Row {
    const char* typed;
    bool ok;
    std::string prefix;
    int value;
    std::string text;
  };
  const std::vector<Row> table = {
      {"1023", true, "", 1023, "1023"},
      {" 1023 ", true, "", 1023, "1023"},
      {"a015", true, "A", 15, "A015"},
      {"A-015", true, "A", 15, "A015"},
      {"#12.3", true, "", 123, "123"},
      {"AB7", true, "AB", 7, "AB7"},
      {"", false, "", 0, ""},
      {"A", false, "", 0, ""},
      {"1023A", false, "", 0, ""},
      {"10;23", false, "", 0, ""},
      {"1234567890", false, "", 0, ""},
      {"ABCDEFGHI1", false, "", 0, ""},
      {"số 12", false, "", 0, ""},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.typed);
    const auto n = parse_typed_number(row.typed);
    ASSERT_EQ(n.has_value(), row.ok);
    if (!n) continue;
    EXPECT_EQ(n->prefix, row.prefix);
    EXPECT_EQ(n->value, row.value);
    EXPECT_EQ(n->text, row.text);
  }
}

TEST(TypedNumber, LettersMustMatchWhenTyped) {
  struct Row {
    const char* typed;
    const char* display;
    int value;
    bool names;
  };
  const std::vector<Row> table = {
      {"1023", "1023", 1023, true},  {"1023", "1024", 1024, false}, {"15", "A015", 15, true},
      {"15", "B015", 15, true},      {"a15", "A015", 15, true},     {"A15", "B015", 15, false},
      {"A15", "AB015", 15, false},   {"A1023", "1023", 1023, false},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(std::string(row.typed) + " vs " + row.display);
    EXPECT_EQ(names_ticket(*parse_typed_number(row.typed), row.display, row.value), row.names);
  }
}

}  // namespace
}  // namespace motcua
