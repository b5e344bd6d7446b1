// Budget rules and the budget reports (DESIGN.md report definitions 5 and 6), with every
// expected figure derived by hand in the comments. Money is in NT$; "minor" is cents.
#include "reports/budget.h"

#include "domain/budget_warnings.h"

#include <gtest/gtest.h>

namespace estate {
namespace {

Date d(const char* text) {
  return *parse_date(text);
}

Money twd(const char* amount) {
  return *Money::parse(amount, Currency::twd());
}

Decimal pct(const char* text) {
  return *Decimal::parse(text, kPercentScale);
}

FiscalYear roc(int year) {
  return *FiscalYear::from_roc(year);
}

bool has_error(const std::vector<FieldError>& errors, const std::string& field) {
  for (const FieldError& e : errors)
    if (e.field == field) return true;
  return false;
}

// ---- rules ----

TEST(BudgetRules, MoneyIsTwdOnlyAndCommitmentsPayAtMostTheirAmount) {
  Expenditure e;
  e.on = d("2026-03-01");
  e.budget_line_id = BudgetLineId(1);
  e.amount = *Money::parse("100.00", *Currency::of("AUD"));
  EXPECT_TRUE(has_error(validate(e), "amount.currency"));
  Commitment c;
  c.signed_on = d("2026-03-01");
  c.counterparty = "Builder";
  c.budget_line_id = BudgetLineId(1);
  c.amount = twd("100.00");
  c.paid = twd("100.01");
  EXPECT_TRUE(has_error(validate(c), "paid.amount"));
  c.paid = twd("100.00");
  EXPECT_TRUE(validate(c).empty());
  Appropriation a;
  a.budget_line_id = BudgetLineId(1);
  a.amount = twd("1");
  a.fiscal_year = *FiscalYear::from_roc(201);
  EXPECT_TRUE(has_error(validate(a), "fiscal_year"));
}

Project zhiyuan() {
  Project p;
  p.id = ProjectId(7);
  p.code = "ZHIYUAN";
  p.name_zh = "致遠新村活化再利用";
  p.name_en = "Zhiyuan New Village renewal";
  p.start = d("2023-12-31");
  p.bac = twd("1000000.00");
  p.milestones = {{"Dormitory", d("2024-12-31"), pct("40")},
                  {"Archives centre", d("2025-12-31"), pct("100")}};
  return p;
}

TEST(BudgetRules, MilestonesIncreaseAndEndAtOneHundred) {
  Project p = zhiyuan();
  EXPECT_TRUE(validate(p).empty());
  p.milestones[1].date = d("2024-12-31");  // not after the previous
  EXPECT_TRUE(has_error(validate(p), "milestones[1].date"));
  p = zhiyuan();
  p.milestones[1].planned_pct = pct("30");  // decreasing, and not 100 at the end
  auto errors = validate(p);
  EXPECT_TRUE(has_error(errors, "milestones[1].planned_pct"));
  p = zhiyuan();
  p.milestones[0].date = d("2023-12-31");  // not after the start
  EXPECT_TRUE(has_error(validate(p), "milestones[0].date"));
  p = zhiyuan();
  p.milestones.clear();
  EXPECT_TRUE(has_error(validate(p), "milestones"));
  ProgressReport r;
  r.project_id = p.id;
  r.pct_complete = pct("100.01");
  EXPECT_TRUE(has_error(validate(r), "pct_complete"));
}

// ---- budget execution ----

struct ExecutionData {
  std::vector<BudgetLine> lines;
  std::vector<Appropriation> appropriations;
  std::vector<Commitment> commitments;
  std::vector<Expenditure> expenditures;
};

ExecutionData execution_data() {
  ExecutionData x;
  BudgetLine premises{BudgetLineId(1), "MOFA-PREMISES", "購建駐外機構館官舍", "Premises", {}};
  BudgetLine other{BudgetLineId(2), "MOFA-OTHER", "其他", "Other", {}};
  x.lines = {premises, other};
  auto appropriation = [&](int id, BudgetLineId line, int year, const char* amount) {
    Appropriation a;
    a.id = AppropriationId(id);
    a.budget_line_id = line;
    a.fiscal_year = roc(year);
    a.amount = twd(amount);
    x.appropriations.push_back(a);
  };
  appropriation(1, premises.id, 115, "100000000.00");
  appropriation(2, premises.id, 115, "20000000.00");  // a supplementary budget, same year
  appropriation(3, premises.id, 114, "50000000.00");  // another year: never counted for 115
  auto commitment = [&](const char* signed_on, const char* amount, const char* paid) {
    Commitment c;
    c.signed_on = d(signed_on);
    c.counterparty = "Contractor";
    c.amount = twd(amount);
    c.paid = twd(paid);
    c.budget_line_id = premises.id;
    x.commitments.push_back(c);
  };
  commitment("2025-11-01", "30000000.00", "10000000.00");  // open: 20,000,000
  commitment("2026-05-01", "8000000.00", "0.00");          // open: 8,000,000
  commitment("2026-08-01", "5000000.00", "0.00");          // signed after mid-year
  auto expenditure = [&](BudgetLineId line, const char* on, const char* amount) {
    Expenditure e;
    e.on = d(on);
    e.amount = twd(amount);
    e.budget_line_id = line;
    x.expenditures.push_back(e);
  };
  expenditure(premises.id, "2025-12-31", "3000000.00");   // FY 114
  expenditure(premises.id, "2026-01-01", "12345678.90");  // first day of FY 115
  expenditure(premises.id, "2026-06-30", "7654321.10");   // the as-of day itself
  expenditure(premises.id, "2026-07-01", "1000000.00");   // after mid-year
  expenditure(other.id, "2026-03-01", "500000.00");       // a line with nothing appropriated
  return x;
}

TEST(BudgetExecution, MidYearCountsThroughTheAsOfDayAndLeavesLaterCommitmentsOut) {
  ExecutionData x = execution_data();
  auto r = *reports::budget_execution(roc(115), d("2026-06-30"), x.lines, x.appropriations,
                                     x.commitments, x.expenditures);
  EXPECT_EQ(r.through, d("2026-06-30"));
  ASSERT_EQ(r.lines.size(), 2u);
  const auto& premises = r.lines[0].figures;
  // 100,000,000 + 20,000,000 (FY 114's 50,000,000 left out)
  EXPECT_EQ(premises.appropriated, twd("120000000.00"));
  // (30,000,000 − 10,000,000) + 8,000,000; the one signed 2026-08-01 is after the as-of date
  EXPECT_EQ(premises.committed, twd("28000000.00"));
  // 12,345,678.90 + 7,654,321.10 (both ends inclusive) = 20,000,000.00
  EXPECT_EQ(premises.expended, twd("20000000.00"));
  // 20,000,000 / 120,000,000 = 0.16666… → 0.1667
  ASSERT_TRUE(premises.execution_rate.has_value());
  EXPECT_EQ(premises.execution_rate->to_string(), "0.1667");
  // Nothing appropriated: spending shows, the rate is null.
  EXPECT_EQ(r.lines[1].figures.expended, twd("500000.00"));
  EXPECT_FALSE(r.lines[1].figures.execution_rate.has_value());
  // Totals: 20,500,000 / 120,000,000 = 0.170833… → 0.1708
  EXPECT_EQ(r.totals.expended, twd("20500000.00"));
  EXPECT_EQ(r.totals.execution_rate->to_string(), "0.1708");
}

TEST(BudgetExecution, AfterTheYearEndsItStopsAtDecember31) {
  ExecutionData x = execution_data();
  auto r = *reports::budget_execution(roc(115), d("2027-03-31"), x.lines, x.appropriations,
                                     x.commitments, x.expenditures);
  EXPECT_EQ(r.through, d("2026-12-31"));
  const auto& premises = r.lines[0].figures;
  // 20,000,000 + 8,000,000 + 5,000,000: all signed by 2026-12-31
  EXPECT_EQ(premises.committed, twd("33000000.00"));
  // 20,000,000 + 1,000,000
  EXPECT_EQ(premises.expended, twd("21000000.00"));
  // 21 / 120 = 0.175 exactly
  EXPECT_EQ(premises.execution_rate->to_string(), "0.1750");
}

TEST(BudgetExecution, BeforeTheYearStartsNothingIsExpended) {
  ExecutionData x = execution_data();
  auto r = *reports::budget_execution(roc(115), d("2025-12-31"), x.lines, x.appropriations,
                                     x.commitments, x.expenditures);
  EXPECT_EQ(r.lines[0].figures.appropriated, twd("120000000.00"));
  EXPECT_EQ(r.lines[0].figures.committed, twd("20000000.00"));
  EXPECT_EQ(r.lines[0].figures.expended, twd("0.00"));
  EXPECT_EQ(r.lines[0].figures.execution_rate->to_string(), "0.0000");
}

// ---- earned value ----

std::vector<ProgressReport> progress_of(const Project& p) {
  auto report = [&](const char* on, const char* done) {
    ProgressReport r;
    r.project_id = p.id;
    r.on = d(on);
    r.pct_complete = pct(done);
    return r;
  };
  ProgressReport elsewhere = report("2024-01-01", "99");
  elsewhere.project_id = ProjectId(8);
  return {report("2024-02-15", "5"), report("2024-03-02", "8"), report("2025-06-01", "75"),
          elsewhere};
}

std::vector<Expenditure> spending_of(const Project& p) {
  auto spend = [&](const char* on, const char* amount) {
    Expenditure e;
    e.on = d(on);
    e.amount = twd(amount);
    e.budget_line_id = BudgetLineId(1);
    e.project_id = p.id;
    return e;
  };
  Expenditure elsewhere = spend("2024-01-05", "77777.00");
  elsewhere.project_id = ProjectId(8);
  Expenditure unassigned = spend("2024-01-05", "11111.00");
  unassigned.project_id.reset();
  return {spend("2024-01-10", "30000.00"),
          spend("2024-03-01", "25000.00"),
          spend("2024-03-02", "9999.00"),
          spend("2025-05-01", "400000.00"),
          elsewhere,
          unassigned};
}

TEST(EarnedValue, PlannedValueInterpolatesAcrossALeapYearAndTheProjectIsOverBudget) {
  Project p = zhiyuan();
  auto r = *reports::earned_value(p, d("2024-03-01"), progress_of(p), spending_of(p));
  // Baseline: 0 % on 2023-12-31, 40 % on 2024-12-31 — 366 days, 2024 being a leap year.
  // 2023-12-31 → 2024-03-01 is 31 + 29 + 1 = 61 days: 40 × 61 / 366 = 6.6666… %.
  // PV = 1,000,000.00 × 0.066666… = 66,666.666… → 66,666.67 (with 365 days it would be
  // 66,849.32).
  EXPECT_EQ(r.pv, twd("66666.67"));
  EXPECT_EQ(r.planned_pct.to_string(), "6.67");
  // EV: the latest report at or before 2024-03-01 is 5 % (8 % comes a day later).
  EXPECT_EQ(r.pct_complete.to_string(), "5.00");
  EXPECT_EQ(r.ev, twd("50000.00"));
  // AC: 30,000 + 25,000 (the as-of day counts); not the 9,999 of 2024-03-02, nor another
  // project's or an unassigned expenditure.
  EXPECT_EQ(r.ac, twd("55000.00"));
  // CPI = 50,000 / 55,000 = 0.90909… → 0.9091; SPI = 50,000.00 / 66,666.67 = 0.74999996 → 0.7500
  EXPECT_EQ(r.cpi->to_string(), "0.9091");
  EXPECT_EQ(r.spi->to_string(), "0.7500");
  // EAC = BAC × AC / EV = 1,000,000 × 55,000 / 50,000 = 1,100,000.00; VAC negative: over budget.
  EXPECT_EQ(*r.eac, twd("1100000.00"));
  EXPECT_EQ(*r.vac, twd("-100000.00"));
}

TEST(EarnedValue, UnderBudgetInTheSecondSegment) {
  Project p = zhiyuan();
  auto r = *reports::earned_value(p, d("2025-06-30"), progress_of(p), spending_of(p));
  // 2024-12-31 → 2025-06-30 is 181 of the segment's 365 days:
  // 40 + 60 × 181 / 365 = 69.7534… %; PV = 1,000,000 × 0.697534… = 697,534.2465… → 697,534.25
  EXPECT_EQ(r.pv, twd("697534.25"));
  EXPECT_EQ(r.planned_pct.to_string(), "69.75");
  EXPECT_EQ(r.ev, twd("750000.00"));  // 75 % reported on 2025-06-01
  // AC = 30,000 + 25,000 + 9,999 + 400,000 = 464,999.00
  EXPECT_EQ(r.ac, twd("464999.00"));
  // CPI = 750,000 / 464,999 = 1.61290… → 1.6129; SPI = 750,000.00 / 697,534.25 = 1.07521… → 1.0752
  EXPECT_EQ(r.cpi->to_string(), "1.6129");
  EXPECT_EQ(r.spi->to_string(), "1.0752");
  // EAC = 1,000,000 × 464,999 / 750,000 = 619,998.666… → 619,998.67; VAC = 380,001.33 > 0
  EXPECT_EQ(*r.eac, twd("619998.67"));
  EXPECT_EQ(*r.vac, twd("380001.33"));
}

TEST(EarnedValue, NullsWhereADivisorIsZeroAndFlatAfterTheLastMilestone) {
  Project p = zhiyuan();
  // On the start day: PV 0, no progress, no spending: CPI, SPI, EAC, VAC all null.
  auto start = *reports::earned_value(p, d("2023-12-31"), {}, {});
  EXPECT_EQ(start.pv, twd("0"));
  EXPECT_FALSE(start.cpi || start.spi || start.eac || start.vac);
  // Spending but no progress: CPI = 0 / AC = 0.0000, EAC null (EV is 0).
  auto spent = *reports::earned_value(p, d("2024-01-31"), {}, spending_of(p));
  EXPECT_EQ(spent.cpi->to_string(), "0.0000");
  EXPECT_EQ(spent.spi->to_string(), "0.0000");
  EXPECT_FALSE(spent.eac.has_value());
  // After the last milestone the baseline stays at 100 %.
  auto late = *reports::earned_value(p, d("2030-01-01"), {}, {});
  EXPECT_EQ(late.pv, p.bac);
  EXPECT_EQ(late.planned_pct.to_string(), "100.00");
}

TEST(EarnedValue, SCurvePointsAreCumulativeAndInDateOrder) {
  Project p = zhiyuan();
  auto points =
      *reports::s_curve(p, d("2024-03-01"), d("2024-03-01"), progress_of(p), spending_of(p));
  // Start, 2024-01-10 (spend), 2024-02-15 (progress), 2024-03-01 (spend and through).
  ASSERT_EQ(points.size(), 4u);
  EXPECT_EQ(points[0].day, d("2023-12-31"));
  EXPECT_EQ(points[1].ac, twd("30000.00"));
  EXPECT_EQ(points[2].ev, twd("50000.00"));
  EXPECT_EQ(points[3].ac, twd("55000.00"));
  EXPECT_EQ(points[3].pv, twd("66666.67"));
}

// ---- exact figures and checked sums ----

TEST(EarnedValue, EacAndVacComeFromTheExactEarnedValueRoundedOnce) {
  // The outside check's case: BAC 987,654,321.09, 11.11 % reported, AC 124,456,789.01.
  // EV exactly = 98,765,432,109 × 1,111 / 10,000 cents = 10,972,839,507.3099 → 109,728,395.07.
  // EAC = BAC·AC/EV = AC × 10,000 / 1,111 = 112,022,312,340.2340… cents → 1,120,223,123.40
  // (from the rounded EV it would be …123.43). VAC = BAC − EAC exactly = −13,256,880,231.24…
  // cents → −132,568,802.31. CPI = EV/AC = 0.88168… → 0.8817.
  Project p = zhiyuan();
  p.bac = twd("987654321.09");
  ProgressReport r;
  r.project_id = p.id;
  r.on = d("2024-06-01");
  r.pct_complete = pct("11.11");
  Expenditure e;
  e.on = d("2024-06-01");
  e.amount = twd("124456789.01");
  e.budget_line_id = BudgetLineId(1);
  e.project_id = p.id;
  auto ev = *reports::earned_value(p, d("2024-06-30"), {r}, {e});
  EXPECT_EQ(ev.ev, twd("109728395.07"));
  EXPECT_EQ(*ev.eac, twd("1120223123.40"));
  EXPECT_EQ(*ev.vac, twd("-132568802.31"));
  EXPECT_EQ(ev.cpi->to_string(), "0.8817");
}

TEST(CheckedSums, AMoneySumThatWouldWrapIsAnErrorNamingTheFigure) {
  MoneySum sum("expended", Currency::twd());
  sum.add(Money::from_minor(INT64_MAX - 1, Currency::twd()));
  ASSERT_TRUE(sum.total().ok());
  sum.add(Money::from_minor(2, Currency::twd()));
  ASSERT_FALSE(sum.total().ok());
  EXPECT_EQ(sum.total().error().fields.at(0).field, "expended");
  sum.add(Money::from_minor(-5, Currency::twd()));  // a spoilt sum stays spoilt
  EXPECT_FALSE(sum.ok());
  MoneySum mixed("rent", Currency::twd());
  mixed.add(*Money::parse("1.00", *Currency::of("EUR")));
  EXPECT_EQ(mixed.total().error().message, "a total mixes currencies");
}

TEST(CheckedSums, BudgetExecutionRefusesATotalBeyondInt64) {
  // Two expenditures of 92,233,720,368,547,758.07 (INT64_MAX cents) on one line: the probe
  // saw "expended: -0.02"; now the report is an error naming "expended". Totals over two
  // lines that each fit, but not together, are refused as well.
  BudgetLine line;
  line.id = BudgetLineId(1);
  BudgetLine other;
  other.id = BudgetLineId(2);
  Expenditure e;
  e.on = d("2026-03-01");
  e.budget_line_id = line.id;
  e.amount = Money::from_minor(INT64_MAX, Currency::twd());
  auto twice = reports::budget_execution(roc(115), d("2026-06-30"), {line}, {}, {}, std::vector<Expenditure>{e, e});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().fields.at(0).field, "expended");
  Expenditure f = e;
  f.budget_line_id = other.id;
  auto across = reports::budget_execution(roc(115), d("2026-06-30"), {line, other}, {}, {},
                                          std::vector<Expenditure>{e, f});
  ASSERT_FALSE(across.ok());
  EXPECT_EQ(across.error().fields.at(0).field, "expended");
  // At the limit it still adds up: INT64_MAX and nothing else.
  auto one = reports::budget_execution(roc(115), d("2026-06-30"), {line}, {}, {}, std::vector<Expenditure>{e});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->totals.expended.minor_units(), INT64_MAX);
}

TEST(CheckedSums, EarnedValueRefusesAnActualCostBeyondInt64) {
  Project p = zhiyuan();
  Expenditure e;
  e.on = d("2024-01-10");
  e.amount = Money::from_minor(INT64_MAX, Currency::twd());
  e.budget_line_id = BudgetLineId(1);
  e.project_id = p.id;
  auto r = reports::earned_value(p, d("2024-06-30"), {}, {e, e});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.at(0).field, "ac");
  EXPECT_FALSE(reports::s_curve(p, d("2024-06-30"), d("2024-06-30"), {}, {e, e}).ok());
}

TEST(RecordLimits, EveryAmountOfARecordIsBoundedEitherSideOfZero) {
  Expenditure e;
  e.on = d("2026-03-01");
  e.budget_line_id = BudgetLineId(1);
  e.amount = twd("999999999999.99");
  EXPECT_TRUE(validate(e).empty());
  e.amount = twd("1000000000000.00");
  EXPECT_TRUE(has_error(validate(e), "amount.amount"));
  Commitment c;
  c.signed_on = d("2026-03-01");
  c.counterparty = "Builder";
  c.budget_line_id = BudgetLineId(1);
  c.amount = twd("92233720368547758.07");
  c.paid = twd("0");
  EXPECT_TRUE(has_error(validate(c), "amount.amount"));
}

// ---- warnings on charges (domain/budget_warnings.h) ----

TEST(ChargeWarnings, AProjectsChargeToALineItsOtherChargesDoNotUse) {
  ChargeContext c;
  c.line_code = "MOFA-PREMISES";
  c.project_code = "ZHIYUAN-RENEWAL";
  c.project_lines = {2};  // its other charges are all on line 2 (MOFA-ZHIYUAN)
  auto w = line_use_warnings(BudgetLineId(1), c);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].code, "line_not_used_by_project");
  EXPECT_NE(w[0].en.find("ZHIYUAN-RENEWAL"), std::string::npos);
  EXPECT_NE(w[0].en.find("MOFA-PREMISES"), std::string::npos);
  EXPECT_NE(w[0].message(Language::zh).find("預算科目 MOFA-PREMISES"), std::string::npos);
  // On a line it uses, or as its first charge (no other lines yet): no warning.
  EXPECT_TRUE(line_use_warnings(BudgetLineId(2), c).empty());
  c.project_lines.clear();
  EXPECT_TRUE(line_use_warnings(BudgetLineId(1), c).empty());
  // An acquisition's charge off its own line.
  ChargeContext a;
  a.line_code = "MOFA-ZHIYUAN";
  a.acquisition_code = "ACQ-SYD-2026";
  a.acquisition_line = BudgetLineId(1);
  a.acquisition_line_code = "MOFA-PREMISES";
  auto off = line_use_warnings(BudgetLineId(2), a);
  ASSERT_EQ(off.size(), 1u);
  EXPECT_EQ(off[0].code, "line_not_used_by_acquisition");
  EXPECT_EQ(off[0].en, "acquisition ACQ-SYD-2026 is budgeted on line MOFA-PREMISES, not on MOFA-ZHIYUAN");
  EXPECT_TRUE(line_use_warnings(BudgetLineId(1), a).empty());
}

TEST(ChargeWarnings, CommitmentsAboveTheAppropriationWithTheHandFigures) {
  // FY 115 on MOFA-PREMISES: appropriated 1,580,000,000; commitments 1,080,560,000 (Sydney)
  // + 3,000,000 (Boston) + a new 500,000,000 = 1,583,560,000, which is 3,560,000 more.
  const FiscalYear fy115 = FiscalYear::containing(d("2026-03-20"));
  auto w = appropriation_warning(twd("1583560000"), twd("1580000000"), fy115, "MOFA-PREMISES");
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->code, "commitments_above_appropriation");
  EXPECT_EQ(w->en,
            "the commitments on budget line MOFA-PREMISES in fiscal year 115 come to "
            "1,583,560,000 TWD, 3,560,000 TWD more than its appropriation of 1,580,000,000 TWD");
  EXPECT_EQ(w->zh,
            "預算科目 MOFA-PREMISES 115 年度契約承諾合計 1,583,560,000 TWD，超出法定預算 "
            "1,580,000,000 TWD 計 3,560,000 TWD");
  // Exactly the appropriation, or below it: no warning; cents are shown when there are any.
  EXPECT_FALSE(appropriation_warning(twd("1580000000"), twd("1580000000"), fy115, "L").has_value());
  EXPECT_FALSE(appropriation_warning(twd("1083560000"), twd("1580000000"), fy115, "L").has_value());
  auto cents = appropriation_warning(twd("100.50"), twd("0"), fy115, "L");
  ASSERT_TRUE(cents.has_value());
  EXPECT_NE(cents->en.find("100.50 TWD more than its appropriation of 0 TWD"), std::string::npos);
}

}  // namespace
}  // namespace estate
