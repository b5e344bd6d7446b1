// The estate reports (DESIGN.md, report definitions 1, 3, 4, 7, 8) on small portfolios whose
// figures are derived by hand in the comments.
#include <gtest/gtest.h>

#include "reports/co_location.h"
#include "reports/lease_events.h"
#include "reports/lease_vs_buy.h"
#include "reports/ownership.h"
#include "reports/pipeline.h"
#include "reports/rent_savings.h"

namespace estate::reports {
namespace {

Date day(const char* text) {
  return *parse_date(text);
}
Currency aud() {
  return *Currency::of("AUD");
}
Money money(const char* amount, Currency c) {
  return *Money::parse(amount, c);
}

Property property(std::int64_t id, std::int64_t mission, PropertyKind kind, const char* area,
                  std::vector<Tenure> tenure) {
  Property p;
  p.id = PropertyId(id);
  if (mission) p.mission_id = MissionId(mission);
  p.code = "P-" + std::to_string(id);
  p.name = p.code;
  p.kind = kind;
  p.address = "x";
  p.floor_area_m2 = *Decimal::parse(area, 2);
  p.tenure = std::move(tenure);
  return p;
}

Mission mission(std::int64_t id, const char* code, Region region, const char* zone) {
  Mission m;
  m.id = MissionId(id);
  m.code = code;
  m.region = region;
  m.time_zone = *TimeZone::of(zone);
  return m;
}

// ---- ownership ----------------------------------------------------------------------------

class Ownership : public ::testing::Test {
 protected:
  // A owned 100 m² and B leased 300 m² (Europe); C provided 50 m² (East Asia); D leased
  // 200.50 m² until 2026-12-31 and owned from 2027-01-01 (Europe); E leased only from 2030.
  std::vector<Mission> missions = {mission(1, "ROM", Region::europe, "Europe/Rome"),
                                   mission(2, "TYO", Region::east_asia_pacific, "Asia/Tokyo")};
  std::vector<Property> properties = {
      property(1, 1, PropertyKind::office, "100.00", {{TenureType::owned, day("2020-01-01"), {}}}),
      property(2, 1, PropertyKind::staff_residence, "300.00",
               {{TenureType::leased, day("2019-01-01"), {}}}),
      property(3, 2, PropertyKind::office, "50.00",
               {{TenureType::provided, day("2010-01-01"), {}}}),
      property(4, 1, PropertyKind::office, "200.50",
               {{TenureType::leased, day("2015-01-01"), day("2026-12-31")},
                {TenureType::owned, day("2027-01-01"), {}}}),
      property(5, 2, PropertyKind::office, "999.00", {{TenureType::leased, day("2030-01-01"), {}}}),
  };
};

TEST_F(Ownership, CountsByTenureOnTheDayAndLeavesProvidedOutOfTheRatio) {
  auto r = ownership(properties, missions, day("2026-06-30"), OwnershipGrouping::none, {});
  EXPECT_EQ(r.overall.owned, 1);
  EXPECT_EQ(r.overall.leased, 2);
  EXPECT_EQ(r.overall.provided, 1);
  // 1 / (1 + 2) = 0.33333 → 0.3333; 100 / (100 + 300 + 200.50) = 0.166528 → 0.1665.
  EXPECT_EQ(r.overall.ratio_count->to_string(), "0.3333");
  EXPECT_EQ(r.overall.ratio_area->to_string(), "0.1665");
  EXPECT_EQ(r.overall.leased_m2.to_string(), "500.50");
  EXPECT_EQ(r.overall.provided_m2.to_string(), "50.00");
}

TEST_F(Ownership, GroupsByRegionKindAndMission) {
  auto r = ownership(properties, missions, day("2026-06-30"), OwnershipGrouping::region, {});
  ASSERT_EQ(r.groups.size(), 2u);
  EXPECT_EQ(r.groups[0].key, "east_asia_pacific");
  EXPECT_FALSE(r.groups[0].figures.ratio_count.has_value());  // only provided: no ratio
  EXPECT_EQ(r.groups[1].key, "europe");
  EXPECT_EQ(r.groups[1].figures.ratio_count->to_string(), "0.3333");
  auto by_kind = ownership(properties, missions, day("2026-06-30"), OwnershipGrouping::kind, {});
  ASSERT_EQ(by_kind.groups.size(), 2u);
  EXPECT_EQ(by_kind.groups[0].key, "office");  // A owned, D leased: 1/2
  EXPECT_EQ(by_kind.groups[0].figures.ratio_count->to_string(), "0.5000");
  auto by_mission =
      ownership(properties, missions, day("2026-06-30"), OwnershipGrouping::mission, {});
  EXPECT_EQ(by_mission.groups[0].key, "ROM");
}

TEST_F(Ownership, TrendSamplesEachFiscalYearEnd) {
  // FY 115 ends 2026-12-31: as above, 0.3333 and 0.1665. FY 116 is sampled on the as-of date
  // 2027-06-30: D is owned, 2 / 3 = 0.6667 and 300.50 / 600.50 = 0.50042 → 0.5004.
  auto r = ownership(properties, missions, day("2027-06-30"), OwnershipGrouping::none,
                     std::make_pair(*FiscalYear::from_roc(115), *FiscalYear::from_roc(116)));
  ASSERT_EQ(r.trend.size(), 2u);
  EXPECT_EQ(r.trend[0].fiscal_year.roc(), 115);
  EXPECT_EQ(r.trend[0].on, day("2026-12-31"));
  EXPECT_EQ(r.trend[0].ratio_count->to_string(), "0.3333");
  EXPECT_EQ(r.trend[1].on, day("2027-06-30"));
  EXPECT_EQ(r.trend[1].ratio_count->to_string(), "0.6667");
  EXPECT_EQ(r.trend[1].ratio_area->to_string(), "0.5004");
}

// ---- rent savings ---------------------------------------------------------------------------

class RentSavings : public ::testing::Test {
 protected:
  // Bought for AUD 1,000,000.00 + 50,000.00 costs, AUD 36,500.00 a year to own, occupied
  // 2025-03-01, replacing a lease of AUD 365,000.00 a year (annual period, no escalation)
  // that ran 2020-01-01 – 2025-06-30.
  SavingsInput input() {
    Lease l;
    l.id = LeaseId(3);
    l.property_id = PropertyId(7);
    l.lessor = "x";
    l.start = day("2020-01-01");
    l.end = day("2025-06-30");
    l.rent = money("365000.00", aud());
    l.period = RentPeriod::annual;
    Acquisition a;
    a.id = AcquisitionId(2);
    a.code = "ACQ-SYD";
    a.property_id = PropertyId(7);
    a.replaces_lease_ids = {l.id};
    a.stages = {{AcquisitionStage::proposed, day("2024-03-01")},
                {AcquisitionStage::occupied, day("2025-03-01")}};
    a.price = money("1000000.00", aud());
    a.costs = money("50000.00", aud());
    a.operating_cost_annual = money("36500.00", aud());
    return SavingsInput{a, {l}};
  }
  FxRate rate(const char* effective, const char* twd) {
    FxRate r;
    r.currency = aud();
    r.effective = day(effective);
    r.twd_per_unit = *Decimal::parse(twd, 6);
    return r;
  }
};

TEST_F(RentSavings, CountsFromTheOccupiedDateThroughTheAsOfDateInclusive) {
  // 1–10 March 2025: 10 days of a 365-day year. Rent avoided 365,000 × 10/365 = 10,000.00;
  // operating 36,500 × 10/365 = 1,000.00; net 9,000.00.
  auto r = *rent_savings({input()}, FxTable({rate("2025-01-01", "20.000000")}), day("2025-03-10"),
                        std::nullopt);
  ASSERT_EQ(r.acquisitions.size(), 1u);
  const auto& s = r.acquisitions[0];
  EXPECT_EQ(s.rent_avoided.amount_string(), "10000.00");
  EXPECT_EQ(s.operating_cost.amount_string(), "1000.00");
  EXPECT_EQ(s.net_savings.amount_string(), "9000.00");
  EXPECT_EQ(s.invested.amount_string(), "1050000.00");
  // 9,000.00 × 20 = 180,000.00 TWD.
  EXPECT_EQ(s.net_savings_twd->amount_string(), "180000.00");
}

TEST_F(RentSavings, PaybackIsProjectedPastTheAsOfDateAcrossALeapYear) {
  // Net per day is (365,000 − 36,500) / 365 = 900.00 in a common year. Cumulative:
  // 2025-03-01…12-31, 306 days: 275,400; 2026: 328,500 → 603,900; 2027: 328,500 → 932,400.
  // 117,600 more are needed in 2028, a leap year at 328,500/366 a day:
  // 117,600 × 366 / 328,500 = 131.02 → the 132nd day of 2028 = 11 May 2028.
  auto r = *rent_savings({input()}, FxTable({}), day("2025-03-10"), std::nullopt);
  EXPECT_EQ(r.acquisitions[0].payback_date, day("2028-05-11"));
}

TEST_F(RentSavings, NoPaybackWhenOwningCostsMoreThanTheRent) {
  SavingsInput in = input();
  in.acquisition.operating_cost_annual = money("400000.00", aud());
  auto r = *rent_savings({in}, FxTable({}), day("2025-03-10"), std::nullopt);
  EXPECT_FALSE(r.acquisitions[0].payback_date.has_value());
  // 10 days × (365,000 − 400,000) / 365 = −958.904 → −958.90.
  EXPECT_EQ(r.acquisitions[0].net_savings.amount_string(), "-958.90");
}

TEST_F(RentSavings, EachFiscalYearConvertsAtTheRateInEffectAtItsEnd) {
  // As of 2026-06-30, rates AUD 20 from 2025-01-01, 22 from 2025-07-01, 21 from 2026-03-01.
  // FY 114 (2025), 1 Mar – 31 Dec, 306 days: rent 306,000.00, operating 30,600.00, net
  //   275,400.00, converted at the rate on 2025-12-31 = 22 → 6,058,800.00 TWD.
  // FY 115 (2026), 1 Jan – 30 Jun, 181 days: rent 181,000.00, operating 18,100.00, net
  //   162,900.00, at the rate on min(2026-12-31, as-of) = 21 → 3,420,900.00 TWD.
  // Total 9,479,700.00 TWD; net 438,300.00 AUD.
  FxTable fx({rate("2025-01-01", "20"), rate("2025-07-01", "22"), rate("2026-03-01", "21")});
  auto r = *rent_savings({input()}, fx, day("2026-06-30"), std::nullopt);
  const auto& s = r.acquisitions[0];
  ASSERT_EQ(s.by_fiscal_year.size(), 2u);
  EXPECT_EQ(s.by_fiscal_year[0].fiscal_year.roc(), 114);
  EXPECT_EQ(s.by_fiscal_year[0].net_savings.amount_string(), "275400.00");
  EXPECT_EQ(s.by_fiscal_year[0].twd_rate->to_string(), "22.000000");
  EXPECT_EQ(s.by_fiscal_year[0].net_savings_twd->amount_string(), "6058800.00");
  EXPECT_EQ(s.by_fiscal_year[1].rent_avoided.amount_string(), "181000.00");
  EXPECT_EQ(s.by_fiscal_year[1].net_savings_twd->amount_string(), "3420900.00");
  EXPECT_EQ(s.net_savings.amount_string(), "438300.00");
  EXPECT_EQ(s.net_savings_twd->amount_string(), "9479700.00");
  EXPECT_EQ(r.totals.net_savings_twd->amount_string(), "9479700.00");
  // Only FY 115: the 181 days of 2026.
  auto only = *rent_savings({input()}, fx, day("2026-06-30"), *FiscalYear::from_roc(115));
  EXPECT_EQ(only.acquisitions[0].net_savings.amount_string(), "162900.00");
}

TEST_F(RentSavings, TwdIsRoundedOnceFromTheExactProduct) {
  // 275,400.00 AUD (FY 114, as of its end) × 20.512345 = 5,649,099.813 → 5,649,099.81 TWD.
  auto r = *rent_savings({input()}, FxTable({rate("2025-01-01", "20.512345")}), day("2025-12-31"),
                        std::nullopt);
  EXPECT_EQ(r.acquisitions[0].net_savings_twd->amount_string(), "5649099.81");
}

TEST_F(RentSavings, AMissingRateLeavesTheTwdFigureUnknownAndSaysWhich) {
  auto r =
      *rent_savings({input()}, FxTable({rate("2026-01-01", "21")}), day("2026-06-30"), std::nullopt);
  EXPECT_FALSE(r.acquisitions[0].net_savings_twd.has_value());
  EXPECT_FALSE(r.totals.net_savings_twd.has_value());
  ASSERT_EQ(r.missing_rates.size(), 1u);
  EXPECT_EQ(r.missing_rates[0], "AUD on 2025-12-31");
}

TEST_F(RentSavings, NotYetOccupiedSavesNothingAndCancelledIsLeftOut) {
  SavingsInput pending = input();
  pending.acquisition.stages.pop_back();
  SavingsInput cancelled = input();
  cancelled.acquisition.stages.back().stage = AcquisitionStage::cancelled;
  auto r = *rent_savings({pending, cancelled}, FxTable({}), day("2026-06-30"), std::nullopt);
  ASSERT_EQ(r.acquisitions.size(), 1u);
  EXPECT_EQ(r.acquisitions[0].net_savings.amount_string(), "0.00");
  EXPECT_FALSE(r.acquisitions[0].payback_date.has_value());
}

TEST_F(RentSavings, YenLeaseEscalatesPastItsEnd) {
  // ¥1,200,000 a month (¥14,400,000 a year) from 2020-04-01, +2 % each April, ending
  // 2025-03-31; bought and occupied 2025-04-01, no operating cost. On 2025-04-01 (5th
  // anniversary) the month is 1,200,000 × 1.02^5 step by step: 1,224,000; 1,248,480;
  // 1,273,450 (1,273,449.6); 1,298,919; 1,324,897 (1,324,897.38). Annual 15,898,764.
  // As of 2025-04-30: 30 days × 15,898,764 / 365 = 1,306,747.73 → ¥1,306,748.
  Currency jpy = *Currency::of("JPY");
  SavingsInput in = input();
  Lease& l = in.replaced[0];
  l.start = day("2020-04-01");
  l.end = day("2025-03-31");
  l.rent = money("1200000", jpy);
  l.period = RentPeriod::monthly;
  l.escalation.kind = EscalationKind::fixed_pct;
  l.escalation.pct = *Decimal::parse("2.00", 2);
  in.acquisition.stages.back().on = day("2025-04-01");
  in.acquisition.price = money("500000000", jpy);
  in.acquisition.costs = money("0", jpy);
  in.acquisition.operating_cost_annual = money("0", jpy);
  auto r = *rent_savings({in}, FxTable({}), day("2025-04-30"), std::nullopt);
  EXPECT_EQ(r.acquisitions[0].rent_avoided.amount_string(), "1306748");
}

TEST_F(RentSavings, CumulativeSeriesEndsAtTheReportedNet) {
  // Points: the day before occupation (0), 31 March (31 days × 900.00 = 27,900.00) and the
  // last day, 15 April (46 days × 900.00 = 41,400.00) — the report's net savings that day.
  auto points = *cumulative_net_savings(input(), day("2025-04-15"));
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points.front().first, day("2025-02-28"));
  EXPECT_EQ(points.front().second.amount_string(), "0.00");
  EXPECT_EQ(points[1].first, day("2025-03-31"));
  EXPECT_EQ(points[1].second.amount_string(), "27900.00");
  EXPECT_EQ(points[2].second.amount_string(), "41400.00");
  auto report = *rent_savings({input()}, FxTable({}), day("2025-04-15"), std::nullopt);
  EXPECT_EQ(report.acquisitions[0].net_savings, points[2].second);
}

// ---- lease vs buy -----------------------------------------------------------------------

TEST(LeaseVsBuyNpv, MatchesTheFormulaOnATwoYearHorizon) {
  // R₀ = 1,000.00, e = 0, r = 10 %, N = 2, O = 0, P + C = 1,500.00, V = 0:
  //   leasing = 1,000/1.1 + 1,000/1.21 = 909.0909 + 826.4463 = 1,735.54
  //   buying = 1,500.00; saving = 235.54; payback: 1,000 < 1,500 ≤ 2,000 → year 2.
  // With V = 121.00: buying = 1,500 − 121/1.21 = 1,400.00, saving 335.54.
  Lease l;
  l.start = day("2020-01-01");
  l.end = day("2030-12-31");
  l.rent = money("1000.00", aud());
  l.period = RentPeriod::annual;
  Acquisition a;
  a.price = money("1400.00", aud());
  a.costs = money("100.00", aud());
  a.operating_cost_annual = money("0.00", aud());
  a.stages = {{AcquisitionStage::occupied, day("2025-01-01")}};
  LeaseVsBuyParameters p;
  p.discount_rate = *Decimal::parse("0.10", kFractionScale);
  p.horizon_years = 2;
  auto r = *lease_vs_buy(a, {l}, day("2026-01-01"), p);
  EXPECT_EQ(r.annual_rent.amount_string(), "1000.00");
  EXPECT_EQ(r.lease_cost_pv.amount_string(), "1735.54");
  EXPECT_EQ(r.buy_cost_pv.amount_string(), "1500.00");
  EXPECT_EQ(r.saving_pv.amount_string(), "235.54");
  EXPECT_EQ(r.payback_year, 2);
  // Year by year: nothing and 1,500.00 at 0; 909.09 and 1,500.00 after one year; the PVs
  // after two.
  ASSERT_EQ(r.by_year.size(), 3u);
  EXPECT_EQ(r.by_year[0].lease_cumulative_pv.amount_string(), "0.00");
  EXPECT_EQ(r.by_year[0].buy_cumulative_pv.amount_string(), "1500.00");
  EXPECT_EQ(r.by_year[1].year, 1);
  EXPECT_EQ(r.by_year[1].lease_cumulative_pv.amount_string(), "909.09");
  EXPECT_EQ(r.by_year[1].buy_cumulative_pv.amount_string(), "1500.00");
  EXPECT_EQ(r.by_year[2].lease_cumulative_pv, r.lease_cost_pv);
  EXPECT_EQ(r.by_year[2].buy_cumulative_pv, r.buy_cost_pv);
  p.residual_minor = 12100;
  r = *lease_vs_buy(a, {l}, day("2026-01-01"), p);
  EXPECT_EQ(r.buy_cost_pv.amount_string(), "1400.00");
  EXPECT_EQ(r.saving_pv.amount_string(), "335.54");
  // The residual value comes off in the last year only.
  EXPECT_EQ(r.by_year[1].buy_cumulative_pv.amount_string(), "1500.00");
  EXPECT_EQ(r.by_year[2].buy_cumulative_pv.amount_string(), "1400.00");
}

TEST(LeaseVsBuyNpv, ReadsTheRentOnTheAsOfDateBeforeAnOccupationDatedLater) {
  // A lease from 2020-03-01 at 100,000.00 a month, +3 % on each anniversary (each rounded):
  // 103,000.00, 106,090.00, 109,272.70, 112,550.88 (2024), 115,927.41 (2025-03-01),
  // 119,405.23 (2026-03-01). Occupied 2026-03-01: as of 2025-06-30 the purchase is not yet
  // occupied, so R₀ is read that day, 115,927.41 × 12 = 1,391,128.92; as of 2026-06-30 on
  // the occupied date, 119,405.23 × 12 = 1,432,862.76.
  Lease l;
  l.start = day("2020-03-01");
  l.end = day("2030-02-28");
  l.rent = money("100000.00", aud());
  l.period = RentPeriod::monthly;
  l.escalation.kind = EscalationKind::fixed_pct;
  l.escalation.pct = *Decimal::parse("3.00", 2);
  Acquisition a;
  a.price = money("1000000.00", aud());
  a.costs = money("0.00", aud());
  a.operating_cost_annual = money("0.00", aud());
  a.stages = {{AcquisitionStage::proposed, day("2025-01-01")},
              {AcquisitionStage::occupied, day("2026-03-01")}};
  auto before = *lease_vs_buy(a, {l}, day("2025-06-30"), LeaseVsBuyParameters{});
  EXPECT_EQ(before.rent_on, day("2025-06-30"));
  EXPECT_EQ(before.annual_rent.amount_string(), "1391128.92");
  auto after = *lease_vs_buy(a, {l}, day("2026-06-30"), LeaseVsBuyParameters{});
  EXPECT_EQ(after.rent_on, day("2026-03-01"));
  EXPECT_EQ(after.annual_rent.amount_string(), "1432862.76");
}

TEST(LeaseVsBuyNpv, EscalationDefaultsToTheReplacedLeasesPercentage) {
  Lease l;
  l.rent = money("1000.00", aud());
  l.escalation.kind = EscalationKind::fixed_pct;
  l.escalation.pct = *Decimal::parse("3.50", 2);
  EXPECT_EQ(default_escalation({l}).to_string(), "0.035000");
  EXPECT_EQ(default_escalation({}).to_string(), "0.000000");
}

// ---- lease events -----------------------------------------------------------------------

TEST(LeaseVsBuyNpv, IsExactOverACenturyAtTheLargestRecordAmounts) {
  // R₀ = 999,999,999,999.99 (the largest rent a record may hold), e = 3.5 %, r = 3 %,
  // N = 100, O = 1,234,567.89, P + C = 20,000,000,000.00 + 123.45. The figures, from exact
  // rationals (Python's fractions.Fraction, rounded half away from zero once):
  //   leasing 124,595,507,257,534.39; buying 20,039,011,117.34; saving 124,575,468,246,417.05.
  Lease l;
  l.start = day("2020-01-01");
  l.end = day("2030-12-31");
  l.rent = money("999999999999.99", aud());
  l.period = RentPeriod::annual;
  Acquisition a;
  a.price = money("20000000000.00", aud());
  a.costs = money("123.45", aud());
  a.operating_cost_annual = money("1234567.89", aud());
  a.stages = {{AcquisitionStage::occupied, day("2025-01-01")}};
  LeaseVsBuyParameters p;
  p.discount_rate = *Decimal::parse("0.03", kFractionScale);
  p.escalation = *Decimal::parse("0.035", kFractionScale);
  p.horizon_years = 100;
  auto r = lease_vs_buy(a, {l}, day("2026-01-01"), p);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->lease_cost_pv.amount_string(), "124595507257534.39");
  EXPECT_EQ(r->buy_cost_pv.amount_string(), "20039011117.34");
  EXPECT_EQ(r->saving_pv.amount_string(), "124575468246417.05");
  // The documented extremes (r = −0.10, e = 100 %, N = 100) leave int64: an error naming the
  // figure, where the probe saw −92,233,720,368,547,758.08 for every present value.
  p.discount_rate = *Decimal::parse("-0.10", kFractionScale);
  p.escalation = *Decimal::parse("1", kFractionScale);
  auto extreme = lease_vs_buy(a, {l}, day("2026-01-01"), p);
  ASSERT_FALSE(extreme.ok());
  EXPECT_EQ(extreme.error().fields.at(0).field, "lease_cost_pv");
}

TEST_F(RentSavings, FiguresBeyondInt64AreRefusedNotWrapped) {
  // Two replaced leases each at the largest int64 annual rent: a year of rent avoided is
  // twice what int64 holds.
  SavingsInput in = input();
  in.replaced[0].rent = Money::from_minor(INT64_MAX, aud());
  in.replaced.push_back(in.replaced[0]);
  auto r = rent_savings({in}, FxTable({}), day("2026-06-30"), std::nullopt);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.at(0).field, "rent_avoided");
  // A rent escalated by 100 % a year for decades leaves int64 too.
  in = input();
  in.replaced[0].rent = money("999999999999.99", aud());
  in.replaced[0].escalation.kind = EscalationKind::fixed_pct;
  in.replaced[0].escalation.pct = *Decimal::parse("100", 2);
  EXPECT_FALSE(rent_savings({in}, FxTable({}), day("2056-06-30"), std::nullopt).ok());
  EXPECT_FALSE(cumulative_net_savings(in, day("2056-06-30")).ok());
}

TEST(LeaseEvents, DeadlinesAreTheEndOfTheDayInTheMissionsZoneAcrossDaylightSaving) {
  // Sydney leaves daylight saving at 03:00 on Sunday 5 April 2026 (UTC+11 → UTC+10).
  // Notice deadline Saturday 4 April (AEDT, +11): 23:59:59.999999 local = 12:59:59.999999Z.
  // Expiry Sunday 5 April (AEST, +10): 23:59:59.999999 local = 13:59:59.999999Z.
  std::vector<Mission> missions = {
      mission(1, "SYD", Region::east_asia_pacific, "Australia/Sydney")};
  std::vector<Property> properties = {property(7, 1, PropertyKind::office, "1.00", {})};
  Lease l;
  l.id = LeaseId(3);
  l.property_id = PropertyId(7);
  l.start = day("2021-04-06");
  l.end = day("2026-04-05");
  l.rent = money("1.00", aud());
  l.notice_days = 1;
  l.options = {{LeaseOptionKind::renewal, day("2026-03-31"), 5}};
  auto events = lease_events({l}, {}, properties, missions, day("2026-03-20"), 30);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].event, "renewal_option");
  EXPECT_EQ(events[1].event, "notice_deadline");
  EXPECT_EQ(format_instant(events[1].deadline_utc), "2026-04-04T12:59:59.999999Z");
  EXPECT_EQ(events[2].event, "expiry");
  EXPECT_EQ(format_instant(events[2].deadline_utc), "2026-04-05T13:59:59.999999Z");
  EXPECT_EQ(events[2].days_left, 16);
  // The window is inclusive at both ends: 16 days reaches the expiry, 15 does not.
  EXPECT_EQ(lease_events({l}, {}, properties, missions, day("2026-03-20"), 15).size(), 2u);
}

TEST(LeaseEvents, RentReviewsAreAnniversariesAndSteps) {
  Lease l;
  l.id = LeaseId(1);
  l.property_id = PropertyId(99);  // domestic: Asia/Taipei
  l.start = day("2020-07-01");
  l.end = day("2030-06-30");
  l.rent = money("1.00", aud());
  l.escalation.kind = EscalationKind::fixed_pct;
  l.escalation.pct = *Decimal::parse("2.00", 2);
  auto events = lease_events({l}, {}, {}, {}, day("2026-06-01"), 60);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "rent_review");
  EXPECT_EQ(events[0].date, day("2026-07-01"));
  // Taipei is UTC+8 all year: 23:59:59.999999 local = 15:59:59.999999Z.
  EXPECT_EQ(format_instant(events[0].deadline_utc), "2026-07-01T15:59:59.999999Z");
}

TEST(LeaseEvents, AReplacedLeaseRaisesNoEventsAfterItsAcquisitionIsOccupied) {
  // The demo's old Sydney office lease (SYD-OFF-1): 2015-07-01 – 2027-06-30, 3 % a year, 180
  // days' notice, a renewal option to exercise by 2026-12-31. Its events from 2026-06-01:
  //   rent review 2026-07-01 (the 11th anniversary), renewal option 2026-12-31,
  //   notice deadline 2027-06-30 − 180 days = 2027-01-01, expiry 2027-06-30.
  // ACQ-SYD-2026 bought the building and was occupied on 2026-07-01: only the rent review,
  // on the occupied date itself, still shows.
  std::vector<Mission> missions = {
      mission(1, "SYD", Region::east_asia_pacific, "Australia/Sydney")};
  std::vector<Property> properties = {property(7, 1, PropertyKind::office, "1.00", {})};
  Lease l;
  l.id = LeaseId(3);
  l.property_id = PropertyId(7);
  l.start = day("2015-07-01");
  l.end = day("2027-06-30");
  l.rent = money("95000.00", aud());
  l.escalation.kind = EscalationKind::fixed_pct;
  l.escalation.pct = *Decimal::parse("3.00", 2);
  l.notice_days = 180;
  l.options = {{LeaseOptionKind::renewal, day("2026-12-31"), 5}};
  auto names = [](const std::vector<LeaseEvent>& events) {
    std::vector<std::string> out;
    for (const LeaseEvent& e : events) out.push_back(format_date(e.date) + " " + e.event);
    return out;
  };
  const Date as_of = day("2026-06-01");
  EXPECT_EQ(names(lease_events({l}, {}, properties, missions, as_of, 400)),
            (std::vector<std::string>{"2026-07-01 rent_review", "2026-12-31 renewal_option",
                                      "2027-01-01 notice_deadline", "2027-06-30 expiry"}));

  Acquisition a;
  a.id = AcquisitionId(1);
  a.property_id = PropertyId(7);
  a.replaces_lease_ids = {LeaseId(3)};
  a.stages = {{AcquisitionStage::proposed, day("2024-03-01")},
              {AcquisitionStage::settled, day("2026-06-19")}};
  // Settled, not yet occupied: the lease still runs, every event shows.
  EXPECT_EQ(lease_events({l}, {a}, properties, missions, as_of, 400).size(), 4u);
  a.stages.push_back({AcquisitionStage::occupied, day("2026-07-01")});
  EXPECT_EQ(names(lease_events({l}, {a}, properties, missions, as_of, 400)),
            (std::vector<std::string>{"2026-07-01 rent_review"}));
  // An acquisition replacing another lease changes nothing here.
  a.replaces_lease_ids = {LeaseId(4)};
  EXPECT_EQ(lease_events({l}, {a}, properties, missions, as_of, 400).size(), 4u);
}

// ---- co-location --------------------------------------------------------------------------

TEST(CoLocation, MissionsWithAgenciesInMoreThanOneActiveOffice) {
  std::vector<Mission> missions = {mission(1, "WAS", Region::north_america, "America/New_York"),
                                   mission(2, "ROM", Region::europe, "Europe/Rome")};
  Property a =
      property(1, 1, PropertyKind::office, "1.00", {{TenureType::leased, day("2020-01-01"), {}}});
  a.agencies = {"MOFA", "MOEA"};
  Property b =
      property(2, 1, PropertyKind::office, "1.00", {{TenureType::leased, day("2020-01-01"), {}}});
  b.agencies = {"MND", "MOEA"};
  Property residence = property(3, 1, PropertyKind::chief_residence, "1.00",
                                {{TenureType::owned, day("2020-01-01"), {}}});
  Property disposed =
      property(4, 2, PropertyKind::office, "1.00", {{TenureType::owned, day("2020-01-01"), {}}});
  disposed.status = PropertyStatus::disposed;
  Property rome =
      property(5, 2, PropertyKind::office, "1.00", {{TenureType::owned, day("2020-01-01"), {}}});
  auto r = co_location({a, b, residence, disposed, rome}, missions, day("2026-01-01"));
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].code, "WAS");
  EXPECT_EQ(r[0].office_properties, 2);
  EXPECT_EQ(r[0].agencies, (std::vector<std::string>{"MND", "MOEA", "MOFA"}));
}

}  // namespace
}  // namespace estate::reports

namespace estate::reports {
namespace {

TEST(AcquisitionPipeline, CountsEachPurchaseAtItsStageOnTheDayAndTotalsPricesPerCurrency) {
  auto purchase = [](const char* price, const char* currency,
                     std::vector<StageEntry> stages) {
    Acquisition a;
    a.price = *Money::parse(price, *Currency::of(currency));
    a.stages = std::move(stages);
    return a;
  };
  const Date d1 = *parse_date("2025-01-01"), d2 = *parse_date("2025-06-01");
  std::vector<Acquisition> all = {
      purchase("100.00", "AUD", {{AcquisitionStage::proposed, d1}, {AcquisitionStage::appraised, d2}}),
      purchase("50.50", "AUD", {{AcquisitionStage::proposed, d1}}),
      purchase("7000", "JPY", {{AcquisitionStage::proposed, d1}}),
      purchase("1.00", "AUD", {{AcquisitionStage::proposed, d2}, {AcquisitionStage::cancelled, d2}}),
  };
  // On 2025-03-01: three proposed (AUD 150.50 and JPY 7000), nothing else yet.
  auto march = *acquisition_pipeline(all, *parse_date("2025-03-01"));
  ASSERT_EQ(march.size(), 7u);
  EXPECT_EQ(march[0].stage, AcquisitionStage::proposed);
  EXPECT_EQ(march[0].count, 3);
  ASSERT_EQ(march[0].price_totals.size(), 2u);
  EXPECT_EQ(march[0].price_totals[0].amount_string(), "150.50");  // AUD before JPY
  EXPECT_EQ(march[0].price_totals[1].amount_string(), "7000");
  // On 2025-06-01: one appraised, two proposed, one cancelled.
  auto june = *acquisition_pipeline(all, d2);
  EXPECT_EQ(june[0].count, 2);
  EXPECT_EQ(june[1].count, 1);
  EXPECT_EQ(june[6].stage, AcquisitionStage::cancelled);
  EXPECT_EQ(june[6].count, 1);
}

}  // namespace
}  // namespace estate::reports
