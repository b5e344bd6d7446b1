#include "reports/budget.h"

#include <algorithm>
#include <map>

#include "reports/fiscal_calendar.h"

namespace estate::reports {

namespace {

Money twd(std::int64_t minor) {
  return Money::from_minor(minor, Currency::twd());
}

// numerator / denominator rounded once, as a TWD amount; an error naming `figure` when it
// does not fit.
Result<Money> twd_quotient(Int128 numerator, Int128 denominator, const char* figure) {
  auto q = divide_round_half_away(numerator, denominator);
  if (!q.ok()) {
    return Error::invalid("a figure is too large to compute",
                          {{figure, "exceeds the largest amount this service holds"}});
  }
  return twd(*q);
}

std::int64_t days(Date from, Date to) {
  return (date::sys_days(to) - date::sys_days(from)).count();
}

// The latest reported percent at or before `day` (0 when none), in hundredths.
std::int64_t reported_hundredths(const Project& p, Date day,
                                 const std::vector<ProgressReport>& progress) {
  const ProgressReport* latest = nullptr;
  for (const ProgressReport& r : progress) {
    if (r.project_id != p.id || day < r.on) continue;
    if (!latest || latest->on < r.on) latest = &r;
  }
  return latest ? percent_hundredths(latest->pct_complete) : 0;
}

Result<Money> actual_cost(const Project& p, Date day,
                          const std::vector<Expenditure>& expenditures) {
  MoneySum ac("ac", Currency::twd());
  for (const Expenditure& e : expenditures) {
    if (e.project_id == p.id && e.on <= day) ac.add(e.amount);
  }
  return ac.total();
}

// BAC × hundredths / 10,000, exactly, rounded once.
Result<Money> share_of(const Money& bac, Int128 hundredths_num, Int128 hundredths_den,
                       const char* figure) {
  return twd_quotient(Int128(bac.minor_units()) * hundredths_num, hundredths_den * 10000, figure);
}

// The three running sums of one budget line (or of the totals).
struct ExecutionSums {
  MoneySum appropriated{"appropriated", Currency::twd()};
  MoneySum committed{"committed", Currency::twd()};
  MoneySum expended{"expended", Currency::twd()};

  Result<ExecutionFigures> figures() const {
    ExecutionFigures f;
    for (auto [sum, out] : {std::pair{&appropriated, &f.appropriated},
                            std::pair{&committed, &f.committed}, std::pair{&expended, &f.expended}}) {
      auto total = sum->total();
      if (!total.ok()) return total.error();
      *out = *total;
    }
    f.execution_rate = quotient(f.expended.minor_units(), f.appropriated.minor_units(), 4);
    return f;
  }
};

}  // namespace

Date execution_through(FiscalYear year, Date as_of) {
  return std::min(year.last_day(), as_of);
}

Result<BudgetExecutionReport> budget_execution(FiscalYear year, Date as_of,
                                               const std::vector<BudgetLine>& lines,
                                               const std::vector<Appropriation>& appropriations,
                                               const std::vector<Commitment>& commitments,
                                               const std::vector<Expenditure>& expenditures) {
  const Date through = execution_through(year, as_of);
  std::map<std::int64_t, MoneySum> sums;
  for (const Expenditure& e : expenditures) {
    if (!year.contains(e.on) || through < e.on) continue;
    sums.try_emplace(e.budget_line_id.value(), "expended", Currency::twd())
        .first->second.add(e.amount);
  }
  std::map<std::int64_t, Money> expended;
  for (const auto& [line, sum] : sums) {
    auto total = sum.total();
    if (!total.ok()) return total.error();
    expended.emplace(line, *total);
  }
  return budget_execution(year, as_of, lines, appropriations, commitments, expended);
}

Result<BudgetExecutionReport> budget_execution(FiscalYear year, Date as_of,
                                               const std::vector<BudgetLine>& lines,
                                               const std::vector<Appropriation>& appropriations,
                                               const std::vector<Commitment>& commitments,
                                               const std::map<std::int64_t, Money>& expended_by_line) {
  BudgetExecutionReport report;
  report.fiscal_year = year;
  report.as_of = as_of;
  report.through = execution_through(year, as_of);
  std::map<std::int64_t, ExecutionSums> by_line;
  for (const BudgetLine& l : lines) by_line[l.id.value()];
  auto sums = [&](BudgetLineId id) -> ExecutionSums* {
    auto it = by_line.find(id.value());
    return it == by_line.end() ? nullptr : &it->second;
  };
  for (const Appropriation& a : appropriations) {
    if (a.fiscal_year != year) continue;
    if (auto* f = sums(a.budget_line_id)) f->appropriated.add(a.amount);
  }
  for (const Commitment& c : commitments) {
    if (report.through < c.signed_on) continue;
    if (auto* f = sums(c.budget_line_id)) f->committed.add(c.amount).subtract(c.paid);
  }
  for (const auto& [line, amount] : expended_by_line) {
    if (auto* f = sums(BudgetLineId(line))) f->expended.add(amount);
  }
  ExecutionSums totals;
  for (const BudgetLine& l : lines) {
    const ExecutionSums& line = by_line[l.id.value()];
    auto f = line.figures();
    if (!f.ok()) return f.error();
    totals.appropriated.add(line.appropriated);
    totals.committed.add(line.committed);
    totals.expended.add(line.expended);
    report.lines.push_back({l, *f});
  }
  auto f = totals.figures();
  if (!f.ok()) return f.error();
  report.totals = *f;
  return report;
}

std::pair<Int128, Int128> baseline_hundredths(const Project& p, Date day) {
  if (day <= p.start || p.milestones.empty()) return {0, 1};
  Date from = p.start;
  std::int64_t from_pct = 0;
  for (const Milestone& m : p.milestones) {
    const std::int64_t to_pct = percent_hundredths(m.planned_pct);
    if (day <= m.date) {
      // from_pct + (to_pct − from_pct) × elapsed / span
      const std::int64_t span = days(from, m.date), elapsed = days(from, day);
      return {Int128(from_pct) * span + Int128(to_pct - from_pct) * elapsed, span};
    }
    from = m.date;
    from_pct = to_pct;
  }
  return {from_pct, 1};
}

Result<EarnedValueReport> earned_value(const Project& p, Date as_of,
                                       const std::vector<ProgressReport>& progress,
                                       const std::vector<Expenditure>& expenditures) {
  EarnedValueReport r;
  r.project_id = p.id;
  r.code = p.code;
  r.as_of = as_of;
  r.bac = p.bac;
  // Exactly: PV = BAC·num/(den·10⁴), EV = BAC·done/10⁴, AC; every figure below is computed
  // from these and rounded once.
  auto [num, den] = baseline_hundredths(p, as_of);
  const std::int64_t done = reported_hundredths(p, as_of, progress);
  const Int128 bac = p.bac.minor_units();
  auto pv = share_of(p.bac, num, den, "pv");
  auto ev = share_of(p.bac, done, 1, "ev");
  auto ac = actual_cost(p, as_of, expenditures);
  for (const Result<Money>* figure : {&pv, &ev, &ac})
    if (!figure->ok()) return figure->error();
  r.pv = *pv;
  r.ev = *ev;
  r.ac = *ac;
  r.planned_pct = Decimal::from_units(*divide_round_half_away(num, den), kPercentScale);
  r.pct_complete = Decimal::from_units(done, kPercentScale);
  const Int128 ac_minor = r.ac.minor_units();
  r.cpi = quotient(bac * done, ac_minor * 10000, 4);  // EV/AC
  if (bac != 0) r.spi = quotient(Int128(done) * den, num, 4);  // EV/PV: BAC cancels
  if (r.cpi && bac != 0 && done != 0) {
    // EAC = BAC·AC/EV = AC·10⁴/done; VAC = BAC − EAC = (BAC·done − AC·10⁴)/done.
    auto eac = twd_quotient(ac_minor * 10000, done, "eac");
    auto vac = twd_quotient(bac * done - ac_minor * 10000, done, "vac");
    if (!eac.ok()) return eac.error();
    if (!vac.ok()) return vac.error();
    r.eac = *eac;
    r.vac = *vac;
  }
  return r;
}

Result<std::vector<SCurvePoint>> s_curve(const Project& p, Date as_of, Date through,
                                         const std::vector<ProgressReport>& progress,
                                         const std::vector<Expenditure>& expenditures) {
  std::vector<Date> days_of_interest = {p.start, as_of, through};
  for (const Milestone& m : p.milestones) days_of_interest.push_back(m.date);
  for (const ProgressReport& r : progress)
    if (r.project_id == p.id) days_of_interest.push_back(r.on);
  std::vector<std::pair<Date, Money>> spending;
  for (const Expenditure& e : expenditures) {
    if (e.project_id != p.id) continue;
    days_of_interest.push_back(e.on);
    spending.emplace_back(e.on, e.amount);
  }
  std::sort(days_of_interest.begin(), days_of_interest.end());
  days_of_interest.erase(std::unique(days_of_interest.begin(), days_of_interest.end()),
                         days_of_interest.end());
  std::sort(spending.begin(), spending.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<SCurvePoint> out;
  std::size_t next_spend = 0;
  MoneySum ac("ac", Currency::twd());
  for (Date day : days_of_interest) {
    if (through < day) break;
    while (next_spend < spending.size() && spending[next_spend].first <= day)
      ac.add(spending[next_spend++].second);
    auto [num, den] = baseline_hundredths(p, day);
    auto pv = share_of(p.bac, num, den, "pv");
    auto ev = share_of(p.bac, reported_hundredths(p, day, progress), 1, "ev");
    auto spent = ac.total();
    for (const Result<Money>* figure : {&pv, &ev, &spent})
      if (!figure->ok()) return figure->error();
    out.push_back({day, *pv, *ev, *spent});
  }
  return out;
}

}  // namespace estate::reports
