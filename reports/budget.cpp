#include "reports/budget.h"

#include <algorithm>
#include <map>

#include "reports/fiscal_calendar.h"

namespace estate::reports {

namespace {

Money twd(std::int64_t minor) {
  return Money::from_minor(minor, Currency::twd());
}

std::int64_t rounded(Int128 numerator, Int128 denominator) {
  auto q = divide_round_half_away(numerator, denominator);
  return q.ok() ? *q : 0;
}

void finish(ExecutionFigures& f) {
  f.execution_rate = quotient(f.expended.minor_units(), f.appropriated.minor_units(), 4);
}

void add(Money& total, const Money& m) {
  total = twd(total.minor_units() + m.minor_units());
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

std::int64_t actual_cost(const Project& p, Date day, const std::vector<Expenditure>& expenditures) {
  std::int64_t ac = 0;
  for (const Expenditure& e : expenditures) {
    if (e.project_id == p.id && e.on <= day) ac += e.amount.minor_units();
  }
  return ac;
}

// BAC × hundredths / 10,000, exactly, rounded once.
Money share_of(const Money& bac, Int128 hundredths_num, Int128 hundredths_den) {
  return twd(rounded(Int128(bac.minor_units()) * hundredths_num, hundredths_den * 10000));
}

}  // namespace

Date execution_through(FiscalYear year, Date as_of) {
  return std::min(year.last_day(), as_of);
}

BudgetExecutionReport budget_execution(FiscalYear year, Date as_of,
                                       const std::vector<BudgetLine>& lines,
                                       const std::vector<Appropriation>& appropriations,
                                       const std::vector<Commitment>& commitments,
                                       const std::vector<Expenditure>& expenditures) {
  const Date through = execution_through(year, as_of);
  std::map<std::int64_t, Money> expended;
  for (const Expenditure& e : expenditures) {
    if (!year.contains(e.on) || through < e.on) continue;
    auto [it, fresh] = expended.try_emplace(e.budget_line_id.value(), Money::zero(Currency::twd()));
    add(it->second, e.amount);
  }
  return budget_execution(year, as_of, lines, appropriations, commitments, expended);
}

BudgetExecutionReport budget_execution(FiscalYear year, Date as_of,
                                       const std::vector<BudgetLine>& lines,
                                       const std::vector<Appropriation>& appropriations,
                                       const std::vector<Commitment>& commitments,
                                       const std::map<std::int64_t, Money>& expended_by_line) {
  BudgetExecutionReport report;
  report.fiscal_year = year;
  report.as_of = as_of;
  report.through = execution_through(year, as_of);
  std::map<std::int64_t, ExecutionFigures> by_line;
  for (const BudgetLine& l : lines) by_line[l.id.value()];
  auto figures = [&](BudgetLineId id) -> ExecutionFigures* {
    auto it = by_line.find(id.value());
    return it == by_line.end() ? nullptr : &it->second;
  };
  for (const Appropriation& a : appropriations) {
    if (a.fiscal_year != year) continue;
    if (auto* f = figures(a.budget_line_id)) add(f->appropriated, a.amount);
  }
  for (const Commitment& c : commitments) {
    if (report.through < c.signed_on) continue;
    if (auto* f = figures(c.budget_line_id))
      add(f->committed, twd(c.amount.minor_units() - c.paid.minor_units()));
  }
  for (const auto& [line, amount] : expended_by_line) {
    if (auto* f = figures(BudgetLineId(line))) add(f->expended, amount);
  }
  for (const BudgetLine& l : lines) {
    ExecutionFigures f = by_line[l.id.value()];
    finish(f);
    add(report.totals.appropriated, f.appropriated);
    add(report.totals.committed, f.committed);
    add(report.totals.expended, f.expended);
    report.lines.push_back({l, f});
  }
  finish(report.totals);
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

EarnedValueReport earned_value(const Project& p, Date as_of,
                               const std::vector<ProgressReport>& progress,
                               const std::vector<Expenditure>& expenditures) {
  EarnedValueReport r;
  r.project_id = p.id;
  r.code = p.code;
  r.as_of = as_of;
  r.bac = p.bac;
  auto [num, den] = baseline_hundredths(p, as_of);
  r.pv = share_of(p.bac, num, den);
  r.planned_pct = Decimal::from_units(rounded(num, den), kPercentScale);
  const std::int64_t done = reported_hundredths(p, as_of, progress);
  r.pct_complete = Decimal::from_units(done, kPercentScale);
  r.ev = share_of(p.bac, done, 1);
  r.ac = twd(actual_cost(p, as_of, expenditures));
  r.cpi = quotient(r.ev.minor_units(), r.ac.minor_units(), 4);
  r.spi = quotient(r.ev.minor_units(), r.pv.minor_units(), 4);
  if (r.cpi && r.ev.minor_units() != 0) {
    r.eac = twd(rounded(Int128(r.bac.minor_units()) * r.ac.minor_units(), r.ev.minor_units()));
    r.vac = twd(r.bac.minor_units() - r.eac->minor_units());
  }
  return r;
}

std::vector<SCurvePoint> s_curve(const Project& p, Date as_of, Date through,
                                 const std::vector<ProgressReport>& progress,
                                 const std::vector<Expenditure>& expenditures) {
  std::vector<Date> days_of_interest = {p.start, as_of, through};
  for (const Milestone& m : p.milestones) days_of_interest.push_back(m.date);
  for (const ProgressReport& r : progress)
    if (r.project_id == p.id) days_of_interest.push_back(r.on);
  std::vector<std::pair<Date, std::int64_t>> spending;
  for (const Expenditure& e : expenditures) {
    if (e.project_id != p.id) continue;
    days_of_interest.push_back(e.on);
    spending.emplace_back(e.on, e.amount.minor_units());
  }
  std::sort(days_of_interest.begin(), days_of_interest.end());
  days_of_interest.erase(std::unique(days_of_interest.begin(), days_of_interest.end()),
                         days_of_interest.end());
  std::sort(spending.begin(), spending.end());
  std::vector<SCurvePoint> out;
  std::size_t next_spend = 0;
  std::int64_t ac = 0;
  for (Date day : days_of_interest) {
    if (through < day) break;
    while (next_spend < spending.size() && spending[next_spend].first <= day)
      ac += spending[next_spend++].second;
    auto [num, den] = baseline_hundredths(p, day);
    out.push_back({day, share_of(p.bac, num, den),
                   share_of(p.bac, reported_hundredths(p, day, progress), 1), twd(ac)});
  }
  return out;
}

}  // namespace estate::reports
