#include <gtest/gtest.h>

#include "domain/country.h"
#include "domain/currency.h"
#include "domain/time_zone.h"

namespace estate {
namespace {

TEST(Currency, KnowsMinorDigitsOfTheIso4217List) {
  EXPECT_EQ(Currency::of("TWD")->minor_digits(), 2);
  EXPECT_EQ(Currency::of("JPY")->minor_digits(), 0);
  EXPECT_EQ(Currency::of("KRW")->minor_digits(), 0);
  EXPECT_EQ(Currency::of("KWD")->minor_digits(), 3);
  EXPECT_EQ(Currency::of("BHD")->minor_digits(), 3);
  EXPECT_EQ(Currency::of("CLF")->minor_digits(), 4);
  EXPECT_EQ(Currency::of("PYG")->minor_digits(), 0);
  EXPECT_EQ(Currency::of("SZL")->minor_digits(), 2);
  EXPECT_EQ(Currency::of("XOF")->minor_digits(), 0);
}

TEST(Currency, RefusesUnknownLowerCaseAndNonMoneyCodes) {
  for (const char* bad : {"XYZ", "twd", "TW", "TWDD", "", "XAU", "XXX", "XTS"}) {
    auto c = Currency::of(bad);
    ASSERT_FALSE(c.ok()) << bad;
    EXPECT_EQ(c.error().kind, ErrorKind::invalid);
  }
}

TEST(Country, KnowsIso3166Alpha2) {
  for (const char* ok : {"TW", "AU", "US", "VA", "SZ", "PY", "GT", "JP", "GB", "AE"}) {
    EXPECT_TRUE(Country::of(ok).ok()) << ok;
  }
  for (const char* bad : {"XX", "UK", "tw", "TWN", "", "EU"}) {
    EXPECT_FALSE(Country::of(bad).ok()) << bad;
  }
}

TEST(TimeZone, ValidatesAgainstTheSystemTzDatabase) {
  EXPECT_TRUE(TimeZone::of("Australia/Sydney").ok());
  EXPECT_TRUE(TimeZone::of("Asia/Taipei").ok());
  EXPECT_FALSE(TimeZone::of("Mars/Olympus_Mons").ok());
  EXPECT_FALSE(TimeZone::of("").ok());
}

TEST(TimeZone, EndOfLocalDayFollowsTheOffsetOfThatDay) {
  TimeZone sydney = *TimeZone::of("Australia/Sydney");
  // 2026-01-15: AEDT, UTC+11. Local midnight starting 16 Jan = 2026-01-15T13:00:00Z.
  EXPECT_EQ(format_instant(sydney.end_of_local_day(*parse_date("2026-01-15"))),
            "2026-01-15T12:59:59.999999Z");
  // 2026-07-15: AEST, UTC+10 → 2026-07-15T14:00:00Z minus 1 µs.
  EXPECT_EQ(format_instant(sydney.end_of_local_day(*parse_date("2026-07-15"))),
            "2026-07-15T13:59:59.999999Z");
  // Taipei has no DST: UTC+8 all year.
  TimeZone taipei = *TimeZone::of("Asia/Taipei");
  EXPECT_EQ(format_instant(taipei.end_of_local_day(*parse_date("2026-03-01"))),
            "2026-03-01T15:59:59.999999Z");
}

}  // namespace
}  // namespace estate
