// The budget reports, DESIGN.md report definitions 5 and 6.
//
// Budget execution (預算執行率) for fiscal year Y and a budget line, as of D; T = min(end of Y,
// D): appropriated = Σ appropriations of Y; committed = Σ (amount − paid) of commitments signed
// on or before T; expended = Σ expenditures dated in Y on or before T; execution rate =
// expended / appropriated (null when nothing is appropriated).
//
// Earned value of a project at D: the baseline is 0 % on the start date, linear by days
// between consecutive milestones, flat after the last; PV = BAC × baseline % at D; EV = BAC ×
// the latest reported % at or before D (0 if none); AC = Σ the project's expenditures dated on
// or before D. PV and EV are exact products rounded once to the NT cent. CPI = EV/AC,
// SPI = EV/PV, EAC = BAC/CPI = BAC × AC / EV, VAC = BAC − EAC, each computed from the exact
// PV, EV and AC and rounded once (not from the rounded EV); null where a divisor is 0. Ratios
// have four decimals; every rounding is half away from zero.
//
// Sums are checked (MoneySum): a total that would leave int64 is an invalid error naming the
// figure, never a wrapped number. Thread-safety: pure functions.
#pragma once

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "domain/budget.h"

namespace estate::reports {

struct ExecutionFigures {
  Money appropriated = Money::zero(Currency::twd());
  Money committed = Money::zero(Currency::twd());
  Money expended = Money::zero(Currency::twd());
  std::optional<Decimal> execution_rate;  // 4 places
};

struct ExecutionLine {
  BudgetLine line;
  ExecutionFigures figures;
};

struct BudgetExecutionReport {
  FiscalYear fiscal_year = FiscalYear::containing(Date{date::year{2026} / 1 / 1});
  Date as_of{}, through{};           // through = min(end of the fiscal year, as_of)
  std::vector<ExecutionLine> lines;  // in the order of `lines` given
  ExecutionFigures totals;
};

// The last day counted: min(end of the fiscal year, as_of).
Date execution_through(FiscalYear year, Date as_of);

// Over every budget line in `lines`; records of other lines are ignored.
Result<BudgetExecutionReport> budget_execution(FiscalYear year, Date as_of,
                                       const std::vector<BudgetLine>& lines,
                                       const std::vector<Appropriation>& appropriations,
                                       const std::vector<Commitment>& commitments,
                                       const std::vector<Expenditure>& expenditures);
// The same from each line's expended total already summed (by budget line id) over the
// expenditures dated in the fiscal year up to `through`, as the database sums them.
Result<BudgetExecutionReport> budget_execution(FiscalYear year, Date as_of,
                                       const std::vector<BudgetLine>& lines,
                                       const std::vector<Appropriation>& appropriations,
                                       const std::vector<Commitment>& commitments,
                                       const std::map<std::int64_t, Money>& expended_by_line);

// The baseline percent complete on `day`, exactly: a fraction of 100 × 100 (hundredths of a
// percent) over a day count, returned as numerator and denominator.
std::pair<Int128, Int128> baseline_hundredths(const Project& project, Date day);

struct EarnedValueReport {
  ProjectId project_id;
  std::string code;
  Date as_of{};
  Money bac = Money::zero(Currency::twd());
  Money pv = Money::zero(Currency::twd());
  Money ev = Money::zero(Currency::twd());
  Money ac = Money::zero(Currency::twd());
  Decimal planned_pct = Decimal::from_units(0, kPercentScale);   // baseline at as_of, rounded
  Decimal pct_complete = Decimal::from_units(0, kPercentScale);  // latest report at as_of
  std::optional<Decimal> cpi, spi;                               // 4 places
  std::optional<Money> eac, vac;
};

// `progress` and `expenditures` may include other projects' records; they are ignored.
Result<EarnedValueReport> earned_value(const Project& project, Date as_of,
                               const std::vector<ProgressReport>& progress,
                               const std::vector<Expenditure>& expenditures);

// The S-curve: PV, EV and AC (in TWD, rounded) at the start, every milestone, every progress
// report, every expenditure day, `as_of` and `through`, up to `through`, in date order (one
// point per distinct day).
struct SCurvePoint {
  Date day{};
  Money pv, ev, ac;
};
Result<std::vector<SCurvePoint>> s_curve(const Project& project, Date as_of, Date through,
                                 const std::vector<ProgressReport>& progress,
                                 const std::vector<Expenditure>& expenditures);

}  // namespace estate::reports
