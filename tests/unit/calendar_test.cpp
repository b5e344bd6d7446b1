#include "domain/calendar.h"

#include <gtest/gtest.h>

namespace estate {
namespace {

using namespace date::literals;

TEST(ParseDate, AcceptsRealDaysInStrictForm) {
  auto d = parse_date("2026-03-01");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, 2026_y / date::March / 1);
  EXPECT_EQ(format_date(*d), "2026-03-01");
}

TEST(ParseDate, LeapDayExistsOnlyInLeapYears) {
  EXPECT_TRUE(parse_date("2024-02-29").ok());  // 2024 divisible by 4
  EXPECT_TRUE(parse_date("2000-02-29").ok());  // divisible by 400
  EXPECT_FALSE(parse_date("2025-02-29").ok());
  EXPECT_FALSE(parse_date("1900-02-29").ok());  // divisible by 100, not 400
}

TEST(ParseDate, ThirtiethOfFebruaryIsRefused) {
  auto d = parse_date("2026-02-30");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().message, "is not a day of the calendar");
  EXPECT_FALSE(parse_date("2026-04-31").ok());
  EXPECT_FALSE(parse_date("2026-13-01").ok());
  EXPECT_FALSE(parse_date("2026-00-10").ok());
}

TEST(ParseDate, RefusesLooseFormats) {
  for (const char* bad : {"2026-3-1", "2026/03/01", "20260301", "2026-03-01T00:00:00Z",
                          " 2026-03-01", "0000-01-01", "26-03-01", ""}) {
    EXPECT_FALSE(parse_date(bad).ok()) << bad;
  }
}

TEST(ParseInstant, ReadsUtcAndOffsetsToTheMicrosecond) {
  EXPECT_EQ(format_instant(*parse_instant("2026-03-01T08:00:00Z")), "2026-03-01T08:00:00Z");
  // 16:00 at +08:00 is 08:00 UTC.
  EXPECT_EQ(format_instant(*parse_instant("2026-03-01T16:00:00+08:00")), "2026-03-01T08:00:00Z");
  EXPECT_EQ(format_instant(*parse_instant("2026-03-01T08:00:00.25Z")),
            "2026-03-01T08:00:00.250000Z");
  // Before 1970 and at the end of the range, digit by digit.
  EXPECT_EQ(format_instant(end_of_day_utc(*parse_date("1969-12-31"))),
            "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(format_instant(*parse_instant("9999-12-31T23:59:59Z")), "9999-12-31T23:59:59Z");
  EXPECT_EQ(format_instant(*parse_instant("0001-01-01T00:00:00.000001Z")),
            "0001-01-01T00:00:00.000001Z");
  EXPECT_EQ(format_instant_fixed(*parse_instant("2026-03-01T08:00:00Z")),
            "2026-03-01T08:00:00.000000Z");
  EXPECT_FALSE(parse_instant("2026-03-01T08:00:00").ok());  // no offset
  EXPECT_FALSE(parse_instant("2026-03-01T24:00:00Z").ok());
  EXPECT_FALSE(parse_instant("2026-02-30T08:00:00Z").ok());
  EXPECT_FALSE(parse_instant("2026-03-01T08:00:00.1234567Z").ok());
}

TEST(EndOfDayUtc, IsTheLastMicrosecondOfThatDay) {
  EXPECT_EQ(format_instant(end_of_day_utc(*parse_date("2026-12-31"))),
            "2026-12-31T23:59:59.999999Z");
}

TEST(DaysInYear, LeapYearsHave366) {
  EXPECT_EQ(days_in_year(date::year{2024}), 366);
  EXPECT_EQ(days_in_year(date::year{2026}), 365);
  EXPECT_EQ(days_in_year(date::year{2100}), 365);
}

TEST(FiscalYear, RocYear115IsCalendarYear2026) {
  FiscalYear fy = *FiscalYear::from_roc(115);
  EXPECT_EQ(fy.ad(), 2026);
  EXPECT_EQ(fy.roc(), 115);
  EXPECT_EQ(format_date(fy.first_day()), "2026-01-01");
  EXPECT_EQ(format_date(fy.last_day()), "2026-12-31");
  EXPECT_EQ(fy.label(), "115 (2026)");
  EXPECT_EQ(*FiscalYear::from_ad(2026), fy);
}

TEST(FiscalYear, AcceptsEitherSpellingInQueries) {
  EXPECT_EQ(FiscalYear::from_either(113)->ad(), 2024);
  EXPECT_EQ(FiscalYear::from_either(2024)->roc(), 113);
  EXPECT_FALSE(FiscalYear::from_either(0).ok());
  EXPECT_FALSE(FiscalYear::from_either(1500).ok());
  EXPECT_FALSE(FiscalYear::from_roc(0).ok());
  EXPECT_FALSE(FiscalYear::from_ad(1911).ok());  // ROC year 0 does not exist
}

TEST(FiscalYear, ContainsTheDaysOfItsCalendarYear) {
  FiscalYear fy = FiscalYear::containing(*parse_date("2024-02-29"));
  EXPECT_EQ(fy.roc(), 113);
  EXPECT_TRUE(fy.contains(*parse_date("2024-12-31")));
  EXPECT_FALSE(fy.contains(*parse_date("2025-01-01")));
}

}  // namespace
}  // namespace estate
