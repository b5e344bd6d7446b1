// Rent accrual (DESIGN.md, report definition 2), with every expected figure derived by hand in
// the comment above it.
#include "reports/rent.h"

#include <gtest/gtest.h>

namespace estate::reports {
namespace {

Date day(const char* text) {
  return *parse_date(text);
}

Lease lease(const char* amount, const char* currency, const char* start, const char* end,
            RentPeriod period = RentPeriod::monthly) {
  Lease l;
  l.property_id = PropertyId(1);
  l.lessor = "Lessor";
  l.start = day(start);
  l.end = day(end);
  l.rent = *Money::parse(amount, *Currency::of(currency));
  l.period = period;
  return l;
}

Lease escalating(const char* amount, const char* pct, const char* start) {
  Lease l = lease(amount, "AUD", start, "2040-12-31");
  l.escalation.kind = EscalationKind::fixed_pct;
  l.escalation.pct = *Decimal::parse(pct, 2);
  return l;
}

TEST(RentAccrual, LeapYearDayIsOneThreeHundredSixtySixth) {
  // AUD 95,000.00 a month = 1,140,000.00 a year = 114,000,000 cents.
  // 31 Dec 2023: 114,000,000 / 365 = 312,328.7671...; 1 Jan 2024: 114,000,000 / 366 =
  // 311,475.4098...; together 623,804.1769... cents → 6,238.04.
  RentSchedule s(lease("95000.00", "AUD", "2023-07-01", "2028-06-30"));
  EXPECT_EQ(s.accrue(day("2023-12-31"), day("2024-01-01")).rounded(s.currency())->amount_string(),
            "6238.04");
}

TEST(RentAccrual, AWholeYearAccruesExactlyTheAnnualRentLeapOrNot) {
  // 366 days × annual/366 and 365 days × annual/365 are both the annual rent, to the cent.
  RentSchedule s(lease("95000.00", "AUD", "2020-01-01", "2030-12-31"));
  EXPECT_EQ(s.accrue(day("2024-01-01"), day("2024-12-31")).rounded(s.currency())->amount_string(),
            "1140000.00");
  EXPECT_EQ(s.accrue(day("2025-01-01"), day("2025-12-31")).rounded(s.currency())->amount_string(),
            "1140000.00");
}

TEST(RentAccrual, RangesIncludeBothEnds) {
  // One day, 1 March 2025 (a 365-day year), of AUD 36,500.00 a year: exactly 100.00.
  RentSchedule s(lease("36500.00", "AUD", "2020-01-01", "2030-12-31", RentPeriod::annual));
  EXPECT_EQ(s.accrue(day("2025-03-01"), day("2025-03-01")).rounded(s.currency())->amount_string(),
            "100.00");
  // 1–10 March inclusive: ten days, 1,000.00.
  EXPECT_EQ(s.accrue(day("2025-03-01"), day("2025-03-10")).rounded(s.currency())->amount_string(),
            "1000.00");
  EXPECT_EQ(s.accrue(day("2025-03-10"), day("2025-03-01")).scaled, 0);
}

TEST(RentAccrual, YenHasNoMinorUnit) {
  // ¥1,234,567 a month = ¥14,814,804 a year. January 2025, 31 days:
  // 14,814,804 × 31 / 365 = 459,258,924 / 365 = 1,258,243.627... → ¥1,258,244.
  RentSchedule s(lease("1234567", "JPY", "2024-04-01", "2029-03-31"));
  EXPECT_EQ(s.accrue(day("2025-01-01"), day("2025-01-31")).rounded(s.currency())->amount_string(),
            "1258244");
}

TEST(RentAccrual, QuarterlyRentIsFourPeriodsAYear) {
  RentSchedule s(lease("30000.00", "EUR", "2024-01-01", "2026-12-31", RentPeriod::quarterly));
  EXPECT_EQ(s.annual_on(day("2024-06-01")), 12000000);
}

TEST(RentEscalation, RoundsToTheCentOnEachAnniversary) {
  // AUD 10,000.01 a month, 3.33 % a lease year from 1 July 2020, cents:
  //   year 2: 1,000,001 × 1.0333 = 1,033,301.0333 → 1,033,301
  //   year 3: 1,033,301 × 1.0333 = 1,067,709.9233 → 1,067,710
  //   year 4: 1,067,710 × 1.0333 = 1,103,264.743  → 1,103,265
  RentSchedule s(escalating("10000.01", "3.33", "2020-07-01"));
  EXPECT_EQ(s.period_amount_on(day("2021-06-30")), 1000001);
  EXPECT_EQ(s.period_amount_on(day("2021-07-01")), 1033301);
  EXPECT_EQ(s.period_amount_on(day("2022-07-01")), 1067710);
  EXPECT_EQ(s.period_amount_on(day("2023-12-31")), 1103265);
  // Past the lease's end the escalation continues (what the rent would have been).
  EXPECT_GT(s.period_amount_on(day("2041-07-01")), s.period_amount_on(day("2041-06-30")));
}

TEST(RentEscalation, HalfCentsRoundAwayFromZero) {
  // 1,000,050 × 1.01 = 1,010,050.5 → 1,010,051; 1,000,050 × 0.99 = 990,049.5 → 990,050.
  RentSchedule up(escalating("10000.50", "1.00", "2020-01-01"));
  EXPECT_EQ(up.period_amount_on(day("2021-01-01")), 1010051);
  RentSchedule down(escalating("10000.50", "-1.00", "2020-01-01"));
  EXPECT_EQ(down.period_amount_on(day("2021-01-01")), 990050);
}

TEST(RentEscalation, AccrualAcrossAnAnniversarySplitsTheDay) {
  // AUD 36,500.00 a year (annual period) from 1 March 2024, +10 % a year. In 2025 (365 days):
  // 1 Jan – 28 Feb 2025, 59 days at 36,500.00 → 5,900.00; 1 Mar – 31 Dec, 306 days at
  // 40,150.00 → 40,150 × 306 / 365 = 33,660.00. Together 39,560.00.
  Lease l = escalating("36500.00", "10.00", "2024-03-01");
  l.period = RentPeriod::annual;
  RentSchedule s(l);
  EXPECT_EQ(s.accrue(day("2025-01-01"), day("2025-12-31")).rounded(s.currency())->amount_string(),
            "39560.00");
}

TEST(RentEscalation, LeapDayStartHasItsAnniversaryOnTheTwentyEighth) {
  EXPECT_EQ(anniversary(day("2024-02-29"), 1), day("2025-02-28"));
  EXPECT_EQ(anniversary(day("2024-02-29"), 4), day("2028-02-29"));
  RentSchedule s(escalating("1000.00", "5.00", "2024-02-29"));
  EXPECT_EQ(s.period_amount_on(day("2025-02-27")), 100000);
  EXPECT_EQ(s.period_amount_on(day("2025-02-28")), 105000);
}

TEST(RentSteps, ReplaceTheRentFromTheirDate) {
  Lease l = lease("5000.00", "USD", "2020-01-01", "2029-12-31");
  l.escalation.kind = EscalationKind::steps;
  l.escalation.steps = {{day("2023-01-01"), *Money::parse("5500.00", *Currency::of("USD"))},
                        {day("2026-01-01"), *Money::parse("6000.00", *Currency::of("USD"))}};
  RentSchedule s(l);
  EXPECT_EQ(s.period_amount_on(day("2022-12-31")), 500000);
  EXPECT_EQ(s.period_amount_on(day("2023-01-01")), 550000);
  EXPECT_EQ(s.period_amount_on(day("2027-06-01")), 600000);
  EXPECT_EQ(s.next_change_after(day("2023-01-01")), day("2026-01-01"));
  EXPECT_EQ(s.next_change_after(day("2026-01-01")), std::nullopt);
}

TEST(RentAccrual, NothingIsDueBeforeTheLeaseStarts) {
  RentSchedule s(lease("36500.00", "AUD", "2025-03-01", "2030-12-31", RentPeriod::annual));
  // 1–10 March only: 1,000.00.
  EXPECT_EQ(s.accrue(day("2025-01-01"), day("2025-03-10")).rounded(s.currency())->amount_string(),
            "1000.00");
}

}  // namespace
}  // namespace estate::reports

namespace estate::reports {
namespace {

TEST(RentScheduleRows, OneRowPerStretchOfConstantRentThroughTheEnd) {
  // AUD 10,000.00 a month from 2024-02-29, 3 % on each anniversary (28 February in common
  // years), to 2026-03-31: 10,000.00 until 2025-02-27; 10,300.00 from 2025-02-28;
  // 10,609.00 from 2026-02-28 (10,300 × 1.03) until the end.
  Lease l;
  l.start = *parse_date("2024-02-29");
  l.end = *parse_date("2026-03-31");
  l.rent = *Money::parse("10000.00", *Currency::of("AUD"));
  l.period = RentPeriod::monthly;
  l.escalation.kind = EscalationKind::fixed_pct;
  l.escalation.pct = *Decimal::parse("3", 2);
  auto rows = *rent_schedule(l);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(format_date(rows[0].to), "2025-02-27");
  EXPECT_EQ(format_date(rows[1].from), "2025-02-28");
  EXPECT_EQ(rows[1].period_amount.amount_string(), "10300.00");
  EXPECT_EQ(rows[1].annual.amount_string(), "123600.00");
  EXPECT_EQ(format_date(rows[2].from), "2026-02-28");
  EXPECT_EQ(rows[2].period_amount.amount_string(), "10609.00");
  EXPECT_EQ(format_date(rows[2].to), "2026-03-31");
}

}  // namespace
}  // namespace estate::reports
