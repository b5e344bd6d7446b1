// The decision-support reports (DESIGN.md report definitions 9–11): the purchase plan's exact
// selection, the rent forecast and the register's data quality, on small registers whose
// figures are derived by hand in the comments.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "reports/data_quality.h"
#include "reports/purchase_plan.h"
#include "reports/rent_forecast.h"

namespace estate::reports {
namespace {

Date day(const char* text) { return *parse_date(text); }
Currency cur(const char* code) { return *Currency::of(code); }
Money money(const char* amount, Currency c) { return *Money::parse(amount, c); }
FxRate rate(const char* currency, const char* effective, const char* twd) {
  FxRate r;
  r.currency = cur(currency);
  r.effective = day(effective);
  r.twd_per_unit = *Decimal::parse(twd, kFxRateScale);
  return r;
}

Property property(std::int64_t id, std::int64_t mission, const char* area,
                  std::vector<Tenure> tenure) {
  Property p;
  p.id = PropertyId(id);
  if (mission) p.mission_id = MissionId(mission);
  p.code = "P-" + std::to_string(id);
  p.floor_area_m2 = *Decimal::parse(area, 2);
  p.tenure = std::move(tenure);
  return p;
}

Mission mission(std::int64_t id, const char* code, Region region) {
  Mission m;
  m.id = MissionId(id);
  m.code = code;
  m.region = region;
  return m;
}

Lease lease(std::int64_t id, std::int64_t property, const char* start, const char* end,
            const char* rent, Currency c, RentPeriod period = RentPeriod::monthly) {
  Lease l;
  l.id = LeaseId(id);
  l.property_id = PropertyId(property);
  l.start = day(start);
  l.end = day(end);
  l.rent = money(rent, c);
  l.period = period;
  return l;
}

Acquisition acquisition(std::int64_t id, const char* code, std::int64_t property,
                        std::vector<StageEntry> stages, Currency c) {
  Acquisition a;
  a.id = AcquisitionId(id);
  a.code = code;
  a.property_id = PropertyId(property);
  a.stages = std::move(stages);
  a.price = money("900.00", c);
  a.costs = money("100.00", c);
  a.operating_cost_annual = Money::zero(c);
  return a;
}

std::vector<std::string> codes_of(const std::vector<KnapsackItem>& items,
                                  const std::vector<std::size_t>& chosen) {
  std::vector<std::string> out;
  for (std::size_t i : chosen) out.push_back(items[i].code);
  return out;
}

// ---- the exact selection ------------------------------------------------------------------

TEST(OptimalSelection, BeatsBothGreedyOrders) {
  // Budget 10. A costs 6 and saves 7 (ratio 1.17); B and C cost 5 and save 5 (ratio 1).
  // Greedy by ratio and greedy by saving both take A first, then nothing else fits: 7.
  // The optimum is B + C: cost 10, saving 10.
  const std::vector<KnapsackItem> items = {{"A", 6, 7}, {"B", 5, 5}, {"C", 5, 5}};
  auto chosen = optimal_selection(items, 10);
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(codes_of(items, *chosen), (std::vector<std::string>{"B", "C"}));
}

TEST(OptimalSelection, EqualSavingGoesToTheSmallerCost) {
  // X and Y both save 5 within a budget of 5; Y costs 4, X costs 5.
  const std::vector<KnapsackItem> items = {{"X", 5, 5}, {"Y", 4, 5}};
  auto chosen = optimal_selection(items, 5);
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(codes_of(items, *chosen), (std::vector<std::string>{"Y"}));
}

TEST(OptimalSelection, EqualSavingAndCostGoToTheCodesThatComeFirst) {
  // {Q} and {P} tie (cost 3, saving 4): P comes first. {M} and {B, Z} tie too (cost 4,
  // saving 6): sorted codes ["B", "Z"] come before ["M"], though the set is larger.
  const std::vector<KnapsackItem> ties = {{"Q", 3, 4}, {"P", 3, 4}};
  auto one = optimal_selection(ties, 3);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(codes_of(ties, *one), (std::vector<std::string>{"P"}));
  const std::vector<KnapsackItem> sets = {{"M", 4, 6}, {"Z", 2, 3}, {"B", 2, 3}};
  auto two = optimal_selection(sets, 4);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(codes_of(sets, *two), (std::vector<std::string>{"Z", "B"}));  // index order
}

TEST(OptimalSelection, NeverTakesALossNorWhatDoesNotFit) {
  const std::vector<KnapsackItem> items = {{"LOSS", 1, -5}, {"ZERO", 1, 0}, {"BIG", 11, 50}};
  auto chosen = optimal_selection(items, 10);
  ASSERT_TRUE(chosen.ok());
  EXPECT_TRUE(chosen->empty());
}

TEST(OptimalSelection, AgreesWithEveryOtherSubsetOnSmallRandomPortfolios) {
  // Exhaustive search with the same rules (saving, then cost, then sorted codes) over 2,000
  // portfolios of up to 12 candidates, with small figures so that ties happen often.
  std::mt19937 random(115);
  for (int round = 0; round < 2000; ++round) {
    const int n = 1 + static_cast<int>(random() % 12);
    std::vector<KnapsackItem> items;
    for (int i = 0; i < n; ++i)
      items.push_back({"C-" + std::to_string(random() % 100), static_cast<std::int64_t>(random() % 20),
                       static_cast<std::int64_t>(random() % 25) - 4});
    const std::int64_t budget = random() % 60;
    std::vector<std::size_t> best;
    std::int64_t best_saving = 0, best_cost = 0;
    std::vector<std::string> best_codes;
    for (std::uint32_t mask = 1; mask < (1u << n); ++mask) {
      std::int64_t saving = 0, cost = 0;
      std::vector<std::size_t> set;
      bool usable = true;
      for (int i = 0; i < n; ++i) {
        if (!(mask & (1u << i))) continue;
        usable = usable && items[i].saving > 0;
        saving += items[i].saving;
        cost += items[i].cost;
        set.push_back(static_cast<std::size_t>(i));
      }
      if (!usable || cost > budget) continue;
      std::vector<std::string> codes = codes_of(items, set);
      std::sort(codes.begin(), codes.end());
      const bool better = best.empty() ? saving > 0
                          : saving != best_saving ? saving > best_saving
                          : cost != best_cost     ? cost < best_cost
                                                  : codes < best_codes;
      if (better) best = set, best_saving = saving, best_cost = cost, best_codes = codes;
    }
    auto chosen = optimal_selection(items, budget);
    ASSERT_TRUE(chosen.ok());
    std::int64_t saving = 0, cost = 0;
    for (std::size_t i : *chosen) saving += items[i].saving, cost += items[i].cost;
    std::vector<std::string> codes = codes_of(items, *chosen);
    std::sort(codes.begin(), codes.end());
    ASSERT_EQ(saving, best_saving) << "round " << round;
    ASSERT_EQ(cost, best_cost) << "round " << round;
    ASSERT_EQ(codes, best_codes) << "round " << round;
  }
}

TEST(OptimalSelection, RefusesNamingTheBudgetWhenTheWorkBoundRunsOut) {
  // Thirty items of equal ratio: the bound prunes little, and five nodes prove nothing.
  std::vector<KnapsackItem> items;
  for (int i = 0; i < 30; ++i) items.push_back({"I-" + std::to_string(i), 7 + i, 7 + i});
  auto chosen = optimal_selection(items, 101, 5);
  ASSERT_FALSE(chosen.ok());
  ASSERT_EQ(chosen.error().fields.size(), 1u);
  EXPECT_EQ(chosen.error().fields[0].field, "budget");
  EXPECT_NE(chosen.error().fields[0].message.find("5 search steps"), std::string::npos);
  EXPECT_TRUE(optimal_selection(items, 101).ok());  // within the real bound
}

TEST(LeaseVsBuyFactors, AgreeWithLeaseVsBuyToTheMinorUnit) {
  // The plan's shared sums must give exactly what rule 4's own computation gives (V = 0).
  using S = AcquisitionStage;
  for (const char* pct : {"0.00", "3.00", "-4.50", "12.25"}) {
    for (int horizon : {1, 7, 30, 100}) {
     for (const char* r : {"0.035", "-0.05", "0"}) {
      Lease l = lease(1, 1, "2020-02-29", "2040-12-31", "123456.78", cur("USD"));
      if (std::string(pct) != "0.00") {
        l.escalation.kind = EscalationKind::fixed_pct;
        l.escalation.pct = *Decimal::parse(pct, 2);
      }
      Acquisition a = acquisition(1, "A", 1, {{S::proposed, day("2026-01-01")}}, cur("USD"));
      a.price = money("25000000.00", cur("USD"));
      a.costs = money("1234567.89", cur("USD"));
      a.operating_cost_annual = money("250000.01", cur("USD"));
      LeaseVsBuyParameters p;
      p.horizon_years = horizon;
      p.discount_rate = *Decimal::parse(r, kFractionScale);
      auto full = lease_vs_buy(a, {l}, day("2026-06-30"), p);
      ASSERT_TRUE(full.ok());
      const LeaseVsBuyFactors factors(p.discount_rate, horizon, default_escalation({l}));
      auto quick = factors.figures(full->annual_rent, a.operating_cost_annual, *a.price.plus(a.costs),
                                   std::nullopt);
      ASSERT_TRUE(quick.ok());
      EXPECT_EQ(quick->saving_pv, full->saving_pv) << pct << " " << horizon;
      EXPECT_EQ(quick->payback_year, full->payback_year) << pct << " " << horizon;
     }
    }
  }
}

// ---- the purchase plan --------------------------------------------------------------------

class PurchasePlanTest : public ::testing::Test {
 protected:
  // P-1 leased 100 m² (SYD), P-2 owned 300 m² (SYD), P-3 leased 50 m² (LON).
  // Ownership now: count 1/3 = 0.3333, area 300/450 = 0.6667.
  std::vector<Mission> missions = {mission(1, "SYD", Region::east_asia_pacific),
                                   mission(2, "LON", Region::europe)};
  std::vector<Property> properties = {
      property(1, 1, "100.00", {{TenureType::leased, day("2020-01-01"), {}}}),
      property(2, 1, "300.00", {{TenureType::owned, day("2020-01-01"), {}}}),
      property(3, 2, "50.00", {{TenureType::leased, day("2020-01-01"), {}}})};
  std::vector<SavingsInput> inputs() const {
    // ACQ-A buys P-1 (appraised on D; occupied later, which must not matter as of D), replacing
    // AUD 85.00 a month (R₀ = 1,020.00 a year, no escalation). ACQ-G buys P-3 in GBP, which
    // has no rate. ACQ-OLD is occupied before D, ACQ-LATER only proposed after D: neither is
    // a candidate.
    const Lease l1 = lease(1, 1, "2025-01-01", "2030-12-31", "85.00", cur("AUD"));
    const Lease l3 = lease(3, 3, "2025-01-01", "2030-12-31", "85.00", cur("GBP"));
    using S = AcquisitionStage;
    return {
        {acquisition(1, "ACQ-A", 1,
                     {{S::proposed, day("2026-01-01")}, {S::appraised, day("2026-03-01")},
                      {S::occupied, day("2027-01-01")}},
                     cur("AUD")),
         {l1}},
        {acquisition(2, "ACQ-G", 3, {{S::proposed, day("2026-01-01")}}, cur("GBP")), {l3}},
        {acquisition(3, "ACQ-OLD", 2, {{S::occupied, day("2021-01-01")}}, cur("AUD")), {}},
        {acquisition(4, "ACQ-LATER", 1, {{S::proposed, day("2026-07-01")}}, cur("AUD")), {l1}}};
  }
  FxTable fx{{rate("AUD", "2026-01-01", "20.500000"), rate("AUD", "2026-07-01", "99.000000")}};
  PurchasePlanParameters two_years() const {
    PurchasePlanParameters p;
    p.horizon_years = 2;
    return p;
  }
};

TEST_F(PurchasePlanTest, FiguresAreRuleFourConvertedOnceAtTheRateOnD) {
  // r = 0.02, N = 2, O = 0, P + C = 1,000.00:
  //   leasing = 1020/1.02 + 1020/1.02² = 1000 + 980.392156… ; buying = 1000
  //   saving = 980.392156… → 980.39 AUD; × 20.5 = 20,098.039… → 20,098.04 TWD
  //   (rounding the AUD first would give 980.39 × 20.5 = 20,097.995 → 20,098.00).
  //   cost_twd = 1,000.00 × 20.5 = 20,500.00. Payback: 1,020 ≥ 1,000 in year 1.
  //   Owned P-1 on D: count 2/3 = 0.6667, area 400/450 = 0.8889.
  auto plan = purchase_plan(inputs(), properties, missions, fx, day("2026-06-30"), two_years());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  ASSERT_EQ(plan->candidates.size(), 2u);
  const PlanCandidate& a = plan->candidates[0];
  EXPECT_EQ(a.code, "ACQ-A");
  EXPECT_EQ(a.rank, 1);
  EXPECT_EQ(a.stage, AcquisitionStage::appraised);
  EXPECT_EQ(a.mission_code, "SYD");
  EXPECT_EQ(a.annual_rent.amount_string(), "1020.00");
  EXPECT_EQ(a.saving_pv.amount_string(), "980.39");
  EXPECT_EQ(a.saving_pv_twd->amount_string(), "20098.04");
  EXPECT_EQ(a.cost_twd->amount_string(), "20500.00");
  EXPECT_EQ(a.payback_year, 1);
  EXPECT_EQ(a.ratio_count_after->to_string(), "0.6667");
  EXPECT_EQ(a.ratio_area_after->to_string(), "0.8889");
  EXPECT_FALSE(a.selected);
  // ACQ-G: no GBP rate on D → null TWD figures, ranked last, listed.
  const PlanCandidate& g = plan->candidates[1];
  EXPECT_EQ(g.code, "ACQ-G");
  EXPECT_EQ(g.rank, 2);
  EXPECT_FALSE(g.cost_twd.has_value());
  EXPECT_FALSE(g.saving_pv_twd.has_value());
  EXPECT_EQ(plan->missing_rates, std::vector<std::string>{"GBP on 2026-06-30"});
  EXPECT_EQ(plan->ownership_now.ratio_count->to_string(), "0.3333");
  EXPECT_EQ(plan->ownership_now.ratio_area->to_string(), "0.6667");
  EXPECT_EQ(plan->ownership_if_selected.ratio_count->to_string(), "0.3333");  // no budget
  EXPECT_EQ(plan->selected_cost_twd.amount_string(), "0.00");
}

TEST_F(PurchasePlanTest, ABudgetSelectsWhatFitsButNeverACandidateWithoutARate) {
  auto p = two_years();
  p.budget = money("20500.00", Currency::twd());
  auto plan = purchase_plan(inputs(), properties, missions, fx, day("2026-06-30"), p);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->candidates[0].selected);
  EXPECT_FALSE(plan->candidates[1].selected);
  EXPECT_EQ(plan->selected_cost_twd.amount_string(), "20500.00");
  EXPECT_EQ(plan->selected_saving_pv_twd.amount_string(), "20098.04");
  EXPECT_EQ(plan->ownership_if_selected.ratio_count->to_string(), "0.6667");
  EXPECT_EQ(plan->ownership_if_selected.ratio_area->to_string(), "0.8889");
  p.budget = money("20499.99", Currency::twd());  // one cent short
  plan = purchase_plan(inputs(), properties, missions, fx, day("2026-06-30"), p);
  ASSERT_TRUE(plan.ok());
  EXPECT_FALSE(plan->candidates[0].selected);
  EXPECT_EQ(plan->selected_saving_pv_twd.amount_string(), "0.00");
}

TEST_F(PurchasePlanTest, MissionAndRegionNarrowTheCandidates) {
  auto p = two_years();
  p.region = Region::europe;
  auto plan = purchase_plan(inputs(), properties, missions, fx, day("2026-06-30"), p);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->candidates.size(), 1u);
  EXPECT_EQ(plan->candidates[0].code, "ACQ-G");
  p.region.reset();
  p.mission_id = MissionId(1);
  plan = purchase_plan(inputs(), properties, missions, fx, day("2026-06-30"), p);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->candidates.size(), 1u);
  EXPECT_EQ(plan->candidates[0].code, "ACQ-A");
}

// ---- the rent forecast --------------------------------------------------------------------

class RentForecastTest : public ::testing::Test {
 protected:
  // USD 36,600.00 a year (annual period) from 2024-02-29 to 2028-06-30, +10 % each lease
  // year; a renewal option to be exercised by 2027-12-31 for 2 years. Anniversaries:
  // 2025-02-28, 2026-02-28, 2027-02-28 (29 February → 28 February in common years), and
  // 2028-02-29. Period amounts: 36,600.00 → 40,260.00 → 44,286.00 → 48,714.60 → 53,586.06.
  Lease leap() const {
    Lease l = lease(1, 1, "2024-02-29", "2028-06-30", "36600.00", cur("USD"), RentPeriod::annual);
    l.escalation.kind = EscalationKind::fixed_pct;
    l.escalation.pct = *Decimal::parse("10.00", 2);
    l.options.push_back({LeaseOptionKind::renewal, day("2027-12-31"), 2});
    return l;
  }
  std::vector<Property> properties = {
      property(1, 1, "100.00", {{TenureType::leased, day("2024-02-29"), {}}})};
  std::vector<Mission> missions = {mission(1, "WAS", Region::north_america)};
  // The planning rate is the latest on or before D (30); the 2027 rate must not be used.
  FxTable fx{{rate("USD", "2026-01-01", "30.000000"), rate("USD", "2027-01-01", "31.000000")}};
  FiscalYear fy(int roc) const { return *FiscalYear::from_roc(roc); }
};

TEST_F(RentForecastTest, AYearCrossingAnAnniversaryAndTwentyNinthFebruary) {
  // FY 116 (2027, 365 days): 1 Jan–27 Feb (58 days) at 44,286.00, 28 Feb–31 Dec (307 days)
  //   at 48,714.60: (44,286.00 × 58 + 48,714.60 × 307) / 365 = 48,010.8772… → 48,010.88;
  //   TWD 48,010.8772… × 30 = 1,440,326.317… → 1,440,326.32 (not 48,010.88 × 30).
  // FY 117 (2028, 366 days) to the end, 30 June: 1 Jan–28 Feb (59 days) at 48,714.60 and
  //   29 Feb–30 Jun (123 days) at 53,586.06: 9,465,246.78 / 366 = 25,861.33; TWD 775,839.90.
  auto f = rent_forecast({leap()}, {}, properties, missions, fx, day("2026-12-31"), fy(116),
                         fy(117), false, ForecastGrouping::none);
  ASSERT_TRUE(f.ok()) << f.error().message;
  ASSERT_EQ(f->fiscal_years.size(), 2u);
  ASSERT_EQ(f->fiscal_years[0].by_currency.size(), 1u);
  EXPECT_EQ(f->fiscal_years[0].by_currency[0].amount_string(), "48010.88");
  EXPECT_EQ(f->fiscal_years[0].total_twd->amount_string(), "1440326.32");
  EXPECT_EQ(f->fiscal_years[1].by_currency[0].amount_string(), "25861.33");
  EXPECT_EQ(f->fiscal_years[1].total_twd->amount_string(), "775839.90");
}

TEST_F(RentForecastTest, AnAssumedRenewalRunsOnWithItsEscalation) {
  // Renewed to 2030-06-30: FY 117 whole: (48,714.60 × 59 + 53,586.06 × 307) / 366 = 52,800.77.
  auto f = rent_forecast({leap()}, {}, properties, missions, fx, day("2026-12-31"), fy(117),
                         fy(117), true, ForecastGrouping::none);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->fiscal_years[0].by_currency[0].amount_string(), "52800.77");
  // An option whose exercise-by date is before D is not assumed.
  EXPECT_EQ(forecast_last_day(leap(), day("2028-01-01"), true, std::nullopt), day("2028-06-30"));
  EXPECT_EQ(forecast_last_day(leap(), day("2027-12-31"), true, std::nullopt), day("2030-06-30"));
}

TEST_F(RentForecastTest, OnlyDaysAfterAsOfAndBeforeTheReplacingPurchaseAccrue) {
  // Occupied 2027-06-30: FY 116 from 1 Jan: 58 days at 44,286.00 and 28 Feb–30 Jun (123 days)
  // at 48,714.60: (2,568,588.00 + 5,991,895.80) / 365 = 23,453.38.
  Acquisition a = acquisition(1, "ACQ", 1, {{AcquisitionStage::occupied, day("2027-06-30")}},
                              cur("USD"));
  a.replaces_lease_ids = {LeaseId(1)};
  auto f = rent_forecast({leap()}, {a}, properties, missions, fx, day("2026-12-31"), fy(116),
                         fy(117), false, ForecastGrouping::mission);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->fiscal_years[0].by_currency[0].amount_string(), "23453.38");
  EXPECT_TRUE(f->fiscal_years[1].by_currency.empty());  // nothing accrues: omitted
  EXPECT_EQ(f->fiscal_years[1].total_twd->amount_string(), "0.00");
  ASSERT_EQ(f->groups.size(), 1u);
  EXPECT_EQ(f->groups[0].key, "WAS");
  // As of 2028-06-30 nothing remains of FY 117 (the days d > D only).
  auto late = rent_forecast({leap()}, {}, properties, missions, fx, day("2028-06-30"), fy(117),
                            fy(117), false, ForecastGrouping::none);
  ASSERT_TRUE(late.ok());
  EXPECT_TRUE(late->fiscal_years[0].by_currency.empty());
}

TEST_F(RentForecastTest, AMissingPlanningRateNullsTheYearAndIsListed) {
  auto f = rent_forecast({leap()}, {}, properties, missions, FxTable({}), day("2026-12-31"),
                         fy(116), fy(116), false, ForecastGrouping::region);
  ASSERT_TRUE(f.ok());
  EXPECT_FALSE(f->fiscal_years[0].total_twd.has_value());
  EXPECT_EQ(f->missing_rates, std::vector<std::string>{"USD on 2026-12-31"});
  ASSERT_EQ(f->groups.size(), 1u);
  EXPECT_EQ(f->groups[0].key, "north_america");
}

// ---- data quality -------------------------------------------------------------------------

class DataQualityTest : public ::testing::Test {
 protected:
  // D = 2026-06-30. Missions AAA (1) and BBB (2).
  //  P-1 AAA leased, 100 m² (lease 1 in force)          P-2 AAA leased, 50 m², no lease in force
  //  P-3 BBB owned, 0.00 m² (yet lease 2 in force, GBP)  P-4 BBB owned since 2026-01-01, 200 m²
  //  leases 3 and 4 of P-2 overlap (2025-06-01…2025-12-31 within 2020…2025).
  //  ACQ-1 occupied P-4 on 2026-01-01 (owned: passes); ACQ-2 "occupied" P-1 on 2026-03-01
  //  (still leased: fails). Candidates: ACQ-3 (P-2) appraised 2023-06-30, exactly 3 years
  //  (passes); ACQ-4 (P-2) budget_approved without appraisal, in EUR without a rate (fails
  //  both); ACQ-5 (P-1) appraised 2023-06-29 (stale).
  //  PR-1 (P-1) reported 2026-04-01, 90 days before D (passes); PR-2 (no property) last
  //  reported 2026-03-31, 91 days before (fails); PR-3 ended in January (not checked).
  // Per rule (checked/failed): leased_without_lease 2/1, lease_without_leased_tenure 2/1,
  // occupied_not_owned 2/1, overlapping_leases 4/2, missing_fx_rate 4/2 (leases 1, 2;
  // ACQ-3 … ACQ-5 are 3 more: 5/2), stale_appraisal 3/2, no_recent_progress 2/1,
  // zero_floor_area 4/1. Overall 24 checked, 11 failed: 13/24 = 0.541666… → 0.5417.
  // AAA: 2/1 + 1/0 + 1/1 + 3/2 + 4/1 + 3/2 + 1/0 + 2/0 = 17 checked, 7 failed → 0.5882.
  // BBB: 0 + 1/1 + 1/0 + 1/0 + 1/1 + 0 + 0 + 2/1 = 6 checked, 3 failed → 0.5000.
  // (24 = 17 + 6 + PR-2; 11 = 7 + 3 + 1.)
  QualityInputs inputs() const {
    using S = AcquisitionStage;
    using T = TenureType;
    QualityInputs in;
    in.missions = {mission(1, "AAA", Region::europe), mission(2, "BBB", Region::europe)};
    in.properties = {property(1, 1, "100.00", {{T::leased, day("2020-01-01"), {}}}),
                     property(2, 1, "50.00", {{T::leased, day("2020-01-01"), {}}}),
                     property(3, 2, "0.00", {{T::owned, day("2000-01-01"), {}}}),
                     property(4, 2, "200.00",
                              {{T::leased, day("2020-01-01"), day("2025-12-31")},
                               {T::owned, day("2026-01-01"), {}}})};
    in.leases = {lease(1, 1, "2020-01-01", "2030-12-31", "10.00", cur("USD")),
                 lease(2, 3, "2026-01-01", "2027-12-31", "10.00", cur("GBP")),
                 lease(3, 2, "2020-01-01", "2025-12-31", "10.00", cur("USD")),
                 lease(4, 2, "2025-06-01", "2025-12-31", "10.00", cur("USD"))};
    in.acquisitions = {
        acquisition(1, "ACQ-1", 4, {{S::proposed, day("2024-01-01")}, {S::occupied, day("2026-01-01")}},
                    cur("USD")),
        acquisition(2, "ACQ-2", 1, {{S::proposed, day("2024-01-01")}, {S::occupied, day("2026-03-01")}},
                    cur("USD")),
        acquisition(3, "ACQ-3", 2, {{S::proposed, day("2023-01-01")}, {S::appraised, day("2023-06-30")}},
                    cur("USD")),
        acquisition(4, "ACQ-4", 2,
                    {{S::proposed, day("2025-01-01")}, {S::budget_approved, day("2026-01-01")}},
                    cur("EUR")),
        acquisition(5, "ACQ-5", 1, {{S::proposed, day("2023-01-01")}, {S::appraised, day("2023-06-29")}},
                    cur("USD"))};
    auto project = [](std::int64_t id, const char* code, std::vector<PropertyId> on,
                      const char* last) {
      Project p;
      p.id = ProjectId(id);
      p.code = code;
      p.property_ids = std::move(on);
      p.start = day("2026-01-01");
      p.milestones = {{"done", day(last), *Decimal::parse("100", 2)}};
      return p;
    };
    in.projects = {project(1, "PR-1", {PropertyId(1)}, "2027-12-31"),
                   project(2, "PR-2", {}, "2027-12-31"), project(3, "PR-3", {}, "2026-01-31")};
    auto report = [](std::int64_t project, const char* on) {
      ProgressReport r;
      r.project_id = ProjectId(project);
      r.on = day(on);
      return r;
    };
    in.progress = {report(1, "2026-04-01"), report(2, "2026-03-31")};
    return in;
  }
  FxTable fx{{rate("USD", "2026-01-01", "30.000000"), rate("GBP", "2026-07-01", "40.000000")}};
};

TEST_F(DataQualityTest, EachRuleFailsOnceAndPassesOnce) {
  const DataQuality q = data_quality(inputs(), fx, day("2026-06-30"), std::nullopt);
  const std::vector<std::tuple<std::string, std::int64_t, std::int64_t>> expected = {
      {"leased_without_lease", 2, 1}, {"lease_without_leased_tenure", 2, 1},
      {"occupied_not_owned", 2, 1},   {"overlapping_leases", 4, 2},
      {"missing_fx_rate", 5, 2},      {"stale_appraisal", 3, 2},
      {"no_recent_progress", 2, 1},   {"zero_floor_area", 4, 1}};
  ASSERT_EQ(q.rules.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(q.rules[i].rule, std::get<0>(expected[i]));
    EXPECT_EQ(q.rules[i].checked, std::get<1>(expected[i])) << q.rules[i].rule;
    EXPECT_EQ(q.rules[i].failed, std::get<2>(expected[i])) << q.rules[i].rule;
  }
  EXPECT_EQ(q.checked, 24);
  EXPECT_EQ(q.failed, 11);
  EXPECT_EQ(q.score->to_string(), "0.5417");
  ASSERT_EQ(q.missions.size(), 2u);
  EXPECT_EQ(q.missions[0].code, "AAA");
  EXPECT_EQ(q.missions[0].checked, 17);
  EXPECT_EQ(q.missions[0].failed, 7);
  EXPECT_EQ(q.missions[0].score->to_string(), "0.5882");
  EXPECT_EQ(q.missions[1].score->to_string(), "0.5000");
  // Each finding names its record; in rule order.
  ASSERT_EQ(q.findings.size(), 11u);
  EXPECT_EQ(q.findings[0].rule, "leased_without_lease");
  EXPECT_EQ(q.findings[0].entity, "property");
  EXPECT_EQ(q.findings[0].code, "P-2");
  EXPECT_EQ(q.findings[1].entity, "lease");
  EXPECT_EQ(q.findings[1].entity_id, 2);
  EXPECT_EQ(q.findings[2].code, "ACQ-2");
  EXPECT_EQ(q.findings[3].entity_id, 3);  // both leases of the overlapping pair
  EXPECT_EQ(q.findings[4].entity_id, 4);
  EXPECT_EQ(q.findings[5].entity, "lease");        // GBP: its rate starts after D
  EXPECT_EQ(q.findings[6].code, "ACQ-4");          // EUR
  EXPECT_EQ(q.findings[7].code, "ACQ-4");          // budget approved unappraised
  EXPECT_EQ(q.findings[8].code, "ACQ-5");          // appraised 3 years and a day before
  EXPECT_EQ(q.findings[9].code, "PR-2");
  EXPECT_FALSE(q.findings[9].mission_id.has_value());
  EXPECT_EQ(q.findings[10].code, "P-3");
}

TEST_F(DataQualityTest, AMissionNarrowsRulesFindingsAndScore) {
  const DataQuality q = data_quality(inputs(), fx, day("2026-06-30"), MissionId(2));
  EXPECT_EQ(q.checked, 6);
  EXPECT_EQ(q.failed, 3);
  EXPECT_EQ(q.score->to_string(), "0.5000");
  ASSERT_EQ(q.missions.size(), 1u);
  EXPECT_EQ(q.findings.size(), 3u);
}

TEST_F(DataQualityTest, NothingCheckedHasNoScore) {
  const DataQuality q = data_quality({}, fx, day("2026-06-30"), std::nullopt);
  EXPECT_EQ(q.checked, 0);
  EXPECT_FALSE(q.score.has_value());
  EXPECT_TRUE(q.findings.empty());
}

}  // namespace
}  // namespace estate::reports
