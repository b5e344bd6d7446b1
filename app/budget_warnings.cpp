#include "app/budget_warnings.h"

#include <type_traits>

namespace estate::app {

namespace {

// The line-use context of a charge: its line's code, the lines of the project's other charges
// (every expenditure and commitment of the project but `self`), the acquisition's line.
template <class Charge>
Result<ChargeContext> context_of(persistence::Store& store, const Charge& self) {
  ChargeContext c;
  auto line = store.budget_lines->get(self.budget_line_id);
  if (!line.ok()) return line.error();
  c.line_code = line->code;
  if (self.project_id) {
    auto project = store.projects->get(*self.project_id);
    if (!project.ok()) return project.error();
    c.project_code = project->code;
    SpendingFilter of_project;
    of_project.project_id = self.project_id;
    auto spent = store.expenditures->list_all(of_project);
    if (!spent.ok()) return spent.error();
    auto committed = store.commitments->list_all(of_project);
    if (!committed.ok()) return committed.error();
    constexpr bool is_expenditure = std::is_same_v<Charge, Expenditure>;
    for (const Expenditure& e : *spent)
      if (!(is_expenditure && e.id.value() == self.id.value())) c.project_lines.insert(e.budget_line_id.value());
    for (const Commitment& k : *committed)
      if (!(!is_expenditure && k.id.value() == self.id.value())) c.project_lines.insert(k.budget_line_id.value());
  }
  if (self.acquisition_id) {
    auto acquisition = store.acquisitions->get(*self.acquisition_id);
    if (!acquisition.ok()) return acquisition.error();
    c.acquisition_code = acquisition->code;
    c.acquisition_line = acquisition->budget_line_id;
    if (acquisition->budget_line_id) {
      auto own = store.budget_lines->get(*acquisition->budget_line_id);
      if (!own.ok()) return own.error();
      c.acquisition_line_code = own->code;
    }
  }
  return c;
}

}  // namespace

Result<std::vector<ChargeWarning>> charge_warnings(persistence::Store& store,
                                                   const Expenditure& written) {
  auto context = context_of(store, written);
  if (!context.ok()) return context.error();
  return line_use_warnings(written.budget_line_id, *context);
}

Result<std::vector<ChargeWarning>> charge_warnings(persistence::Store& store,
                                                   const Commitment& written) {
  auto context = context_of(store, written);
  if (!context.ok()) return context.error();
  std::vector<ChargeWarning> out = line_use_warnings(written.budget_line_id, *context);
  const FiscalYear year = FiscalYear::containing(written.signed_on);
  SpendingFilter in_year;
  in_year.budget_line_id = written.budget_line_id;
  in_year.from = year.first_day();
  in_year.to = year.last_day();
  auto commitments = store.commitments->list_all(in_year);
  if (!commitments.ok()) return commitments.error();
  const Currency currency = written.amount.currency();
  MoneySum committed("committed", currency);
  for (const Commitment& k : *commitments)
    if (k.amount.currency() == currency) committed.add(k.amount);
  AppropriationFilter of_year;
  of_year.budget_line_id = written.budget_line_id;
  of_year.fiscal_year = year;
  auto appropriations = store.appropriations->list_all(of_year);
  if (!appropriations.ok()) return appropriations.error();
  MoneySum appropriated("appropriated", currency);
  for (const Appropriation& a : *appropriations)
    if (a.amount.currency() == currency) appropriated.add(a.amount);
  auto c = committed.total();
  auto a = appropriated.total();
  if (c.ok() && a.ok()) {
    if (auto w = appropriation_warning(*c, *a, year, context->line_code)) out.push_back(*w);
  }
  return out;
}

}  // namespace estate::app
