#include "domain/budget.h"

#include <set>

#include "domain/validation.h"

namespace estate {

namespace {

void twd(Validator& v, const Money& m, const std::string& field) {
  v.check(m.currency() == Currency::twd(), field + ".currency",
          MessageCode::must_be_twd);
  v.amount(field + ".amount", m);
}

void positive_twd(Validator& v, const Money& m, const std::string& field) {
  twd(v, m, field);
  v.check(m.minor_units() > 0, field + ".amount", MessageCode::must_be_positive);
}

void percent(Validator& v, const Decimal& pct, const std::string& field) {
  v.check(!pct.is_negative() && pct <= Decimal::from_units(100, 0), field, MessageCode::percent_range);
}

}  // namespace

std::int64_t percent_hundredths(const Decimal& pct) {
  return pct.rescale(kPercentScale).value().units();
}

std::vector<FieldError> validate(const BudgetLine& b) {
  Validator v;
  v.code("code", b.code);
  v.text("name_zh", b.name_zh, 400);
  v.text("name_en", b.name_en, 400);
  return v.errors();
}

std::vector<FieldError> validate(const Appropriation& a) {
  Validator v;
  v.check(a.budget_line_id.valid(), "budget_line_id", MessageCode::must_name_budget_line);
  v.check(a.fiscal_year.roc() >= kFirstBudgetYearRoc && a.fiscal_year.roc() <= kLastBudgetYearRoc,
          "fiscal_year", MessageCode::budget_year_range_roc);
  positive_twd(v, a.amount, "amount");
  return v.errors();
}

std::vector<FieldError> validate(const Expenditure& e) {
  Validator v;
  v.check(e.budget_line_id.valid(), "budget_line_id", MessageCode::must_name_budget_line);
  positive_twd(v, e.amount, "amount");
  v.text("description", e.description, 400, false);
  return v.errors();
}

std::vector<FieldError> validate(const Commitment& c) {
  Validator v;
  v.check(c.budget_line_id.valid(), "budget_line_id", MessageCode::must_name_budget_line);
  v.text("counterparty", c.counterparty);
  positive_twd(v, c.amount, "amount");
  twd(v, c.paid, "paid");
  v.check(!c.paid.is_negative(), "paid.amount", MessageCode::must_not_be_negative);
  v.check(c.paid.minor_units() <= c.amount.minor_units(), "paid.amount",
          MessageCode::paid_over_committed);
  return v.errors();
}

std::vector<FieldError> validate(const Project& p) {
  Validator v;
  v.code("code", p.code);
  v.text("name_zh", p.name_zh, 400);
  v.text("name_en", p.name_en, 400);
  positive_twd(v, p.bac, "bac");
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < p.property_ids.size(); ++i) {
    const std::string at = "property_ids[" + std::to_string(i) + "]";
    v.check(p.property_ids[i].valid(), at, MessageCode::must_be_property_id);
    v.check(seen.insert(p.property_ids[i].value()).second, at, MessageCode::listed_twice);
  }
  v.check(!p.milestones.empty(), "milestones", MessageCode::no_milestones);
  v.check(p.milestones.size() <= 200, "milestones", MessageCode::too_many_milestones);
  for (std::size_t i = 0; i < p.milestones.size(); ++i) {
    const std::string at = "milestones[" + std::to_string(i) + "]";
    const Milestone& m = p.milestones[i];
    v.text(at + ".name", m.name);
    percent(v, m.planned_pct, at + ".planned_pct");
    if (i == 0) {
      v.check(p.start < m.date, at + ".date", MessageCode::milestone_before_start);
    } else {
      v.check(p.milestones[i - 1].date < m.date, at + ".date",
              MessageCode::milestone_before_previous);
      v.check(p.milestones[i - 1].planned_pct <= m.planned_pct, at + ".planned_pct",
              MessageCode::milestone_pct_decreasing);
    }
  }
  if (!p.milestones.empty()) {
    v.check(p.milestones.back().planned_pct == Decimal::from_units(100, 0),
            "milestones[" + std::to_string(p.milestones.size() - 1) + "].planned_pct",
            MessageCode::last_milestone_100);
  }
  return v.errors();
}

std::vector<FieldError> validate(const ProgressReport& r) {
  Validator v;
  v.check(r.project_id.valid(), "project_id", MessageCode::must_name_project);
  percent(v, r.pct_complete, "pct_complete");
  return v.errors();
}

}  // namespace estate
