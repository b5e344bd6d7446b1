// Money and Decimal: exact parse, format, arithmetic and rounding. Expected values are worked
// out by hand in the comments.
#include <gtest/gtest.h>

#include "domain/money.h"

namespace estate {
namespace {

Currency cur(const char* code) {
  return *Currency::of(code);
}

TEST(Decimal, ParsesToFixedScaleAndFormatsWithAllPlaces) {
  auto d = Decimal::parse("12.5", 2);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->units(), 1250);
  EXPECT_EQ(d->to_string(), "12.50");
  EXPECT_EQ(Decimal::parse("-0.25", 2)->to_string(), "-0.25");
  EXPECT_EQ(Decimal::parse("7", 0)->to_string(), "7");
  EXPECT_EQ(Decimal::parse("20.512300", 6)->units(), 20512300);
}

TEST(Decimal, RefusesMoreDigitsThanTheScaleAllows) {
  auto d = Decimal::parse("1.234", 2);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().kind, ErrorKind::invalid);
  EXPECT_EQ(d.error().message, "has more than 2 decimal places");
}

TEST(Decimal, RefusesAnythingButPlainDecimalText) {
  for (const char* bad :
       {"", "-", ".5", "1.", "+1", "1e3", " 1", "1 ", "1,000", "0x10", "--1", "NaN"}) {
    EXPECT_FALSE(Decimal::parse(bad, 2).ok()) << bad;
  }
}

TEST(Decimal, DetectsOverflowAtTheInt64Boundary) {
  // 9223372036854775807 is INT64_MAX; at scale 0 it fits, one more does not.
  EXPECT_TRUE(Decimal::parse("9223372036854775807", 0).ok());
  EXPECT_FALSE(Decimal::parse("9223372036854775808", 0).ok());
  EXPECT_EQ(Decimal::parse("-9223372036854775808", 0)->to_string(), "-9223372036854775808");
  // At scale 2 the largest is 92233720368547758.07.
  EXPECT_FALSE(Decimal::parse("92233720368547758.08", 2).ok());
  EXPECT_FALSE(Decimal::parse("99999999999999999999999999", 2).ok());
}

TEST(Decimal, ComparesAcrossScales) {
  EXPECT_EQ(*Decimal::parse("1.5", 1), *Decimal::parse("1.50", 2));
  EXPECT_LT(*Decimal::parse("1.49", 2), *Decimal::parse("1.5", 1));
  EXPECT_EQ(Decimal::parse("1.50", 2)->rescale(1)->units(), 15);
  EXPECT_FALSE(Decimal::parse("1.55", 2)->rescale(1).ok());
}

TEST(RoundHalfAwayFromZero, RoundsHalvesAwayFromZeroInBothDirections) {
  EXPECT_EQ(*divide_round_half_away(5, 2), 3);      // 2.5 → 3
  EXPECT_EQ(*divide_round_half_away(-5, 2), -3);    // -2.5 → -3
  EXPECT_EQ(*divide_round_half_away(7, 3), 2);      // 2.33 → 2
  EXPECT_EQ(*divide_round_half_away(-7, 3), -2);    // -2.33 → -2
  EXPECT_EQ(*divide_round_half_away(149, 100), 1);  // 1.49 → 1
  EXPECT_EQ(*divide_round_half_away(5, -2), -3);    // negative divisor: -2.5 → -3
}

TEST(Money, ParsesFewerDigitsThanTheCurrencyHas) {
  auto m = Money::parse("1234.5", cur("AUD"));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->minor_units(), 123450);
  EXPECT_EQ(m->amount_string(), "1234.50");
}

TEST(Money, ZeroDecimalCurrencyRefusesAFraction) {
  EXPECT_EQ(Money::parse("1500", cur("JPY"))->minor_units(), 1500);
  auto bad = Money::parse("1500.5", cur("JPY"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "JPY amounts have no decimal places");
  EXPECT_EQ(Money::parse("1500", cur("JPY"))->amount_string(), "1500");
}

TEST(Money, ThreeDecimalCurrencyKeepsThreeDigits) {
  auto m = Money::parse("12.345", cur("KWD"));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->minor_units(), 12345);
  EXPECT_EQ(m->amount_string(), "12.345");
  EXPECT_FALSE(Money::parse("12.3456", cur("KWD")).ok());
  EXPECT_EQ(Money::parse("1.2345", cur("KWD")).error().message,
            "KWD amounts have at most 3 decimal places");
}

TEST(Money, NegativeAndZeroAmountsFormatExactly) {
  EXPECT_EQ(Money::parse("-0.05", cur("TWD"))->amount_string(), "-0.05");
  EXPECT_EQ(Money::parse("0", cur("TWD"))->amount_string(), "0.00");
  EXPECT_EQ(Money::parse("-12", cur("JPY"))->minor_units(), -12);
}

TEST(Money, ArithmeticOnlyWithinOneCurrency) {
  Money a = *Money::parse("10.00", cur("AUD"));
  Money b = *Money::parse("2.55", cur("AUD"));
  EXPECT_EQ(a.plus(b)->amount_string(), "12.55");
  EXPECT_EQ(a.minus(b)->amount_string(), "7.45");
  auto mixed = a.plus(*Money::parse("1", cur("TWD")));
  ASSERT_FALSE(mixed.ok());
  EXPECT_EQ(mixed.error().message, "cannot combine AUD with TWD");
}

TEST(Money, AdditionOverflowIsAnError) {
  Money big = Money::from_minor(INT64_MAX, cur("TWD"));
  EXPECT_FALSE(big.plus(Money::from_minor(1, cur("TWD"))).ok());
  EXPECT_FALSE(
      Money::from_minor(INT64_MIN, cur("TWD")).minus(Money::from_minor(1, cur("TWD"))).ok());
}

TEST(Money, TimesRoundsHalfAwayFromZeroOnce) {
  // 95,000.00 AUD × 1.03 = 97,850.00 exactly.
  Money rent = *Money::parse("95000.00", cur("AUD"));
  EXPECT_EQ(rent.times(*Decimal::parse("1.03", 2))->amount_string(), "97850.00");
  // 0.05 × 0.5 = 0.025 → 0.03 (half away); -0.05 × 0.5 = -0.025 → -0.03.
  EXPECT_EQ(Money::parse("0.05", cur("TWD"))->times(*Decimal::parse("0.5", 1))->amount_string(),
            "0.03");
  EXPECT_EQ(Money::parse("-0.05", cur("TWD"))->times(*Decimal::parse("0.5", 1))->amount_string(),
            "-0.03");
  // 0.01 × 0.49 = 0.0049 → 0.00.
  EXPECT_EQ(Money::parse("0.01", cur("TWD"))->times(*Decimal::parse("0.49", 2))->amount_string(),
            "0.00");
}

TEST(Money, ConvertsBetweenCurrenciesOfDifferentMinorDigits) {
  // 1,000.00 AUD × 20.512300 TWD/AUD = 20,512.30 TWD.
  Money aud = *Money::parse("1000.00", cur("AUD"));
  EXPECT_EQ(aud.convert(*Decimal::parse("20.512300", 6), cur("TWD"))->amount_string(), "20512.30");
  // 1,001 JPY × 0.212345 TWD/JPY = 212.557345 → 212.56 TWD.
  Money jpy = *Money::parse("1001", cur("JPY"));
  EXPECT_EQ(jpy.convert(*Decimal::parse("0.212345", 6), cur("TWD"))->amount_string(), "212.56");
  // 10.00 TWD × 3.45 JPY/TWD = 34.5 → 35 JPY (half away from zero).
  Money twd = *Money::parse("10.00", cur("TWD"));
  EXPECT_EQ(twd.convert(*Decimal::parse("3.45", 2), cur("JPY"))->amount_string(), "35");
}

TEST(Money, MultiplicationOverflowIsAnError) {
  Money big = Money::from_minor(INT64_MAX / 2, cur("TWD"));
  EXPECT_FALSE(big.times(*Decimal::parse("3", 0)).ok());
}

}  // namespace
}  // namespace estate
