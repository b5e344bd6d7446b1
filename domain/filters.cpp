#include "domain/filters.h"

namespace estate {

namespace {

// An unset filter field passes everything; a set one, only its value.
template <class T, class U>
bool is(const std::optional<T>& wanted, const U& actual) {
  return !wanted || *wanted == actual;
}

bool dated_within(Date day, const SpendingFilter& f) {
  return (!f.from || !(day < *f.from)) && (!f.to || !(*f.to < day));
}

bool charged_to(const SpendingFilter& f, BudgetLineId line, const std::optional<ProjectId>& project,
                const std::optional<AcquisitionId>& acquisition) {
  return is(f.budget_line_id, line) && (!f.project_id || project == f.project_id) &&
         (!f.acquisition_id || acquisition == f.acquisition_id);
}

}  // namespace

bool needs_missions(const PropertyFilter& filter) {
  return filter.region.has_value();
}

bool needs_properties(const LeaseFilter& filter) {
  return filter.mission_id.has_value();
}

bool matches(const Mission& m, const MissionFilter& f) {
  return is(f.region, m.region) && is(f.code, m.code);
}

bool matches(const Property& p, const PropertyFilter& f, const FilterContext& context) {
  if (!(is(f.kind, p.kind) && is(f.status, p.status) && is(f.code, p.code))) return false;
  if (f.mission_id && p.mission_id != f.mission_id) return false;
  if (f.region) {
    const std::optional<Region> region =
        p.mission_id ? context.region_of(*p.mission_id) : std::optional<Region>(Region::domestic);
    if (region != f.region) return false;
  }
  return true;
}

bool matches(const Lease& l, const LeaseFilter& f, const FilterContext& context) {
  return is(f.property_id, l.property_id) &&
         (!f.mission_id || context.mission_of(l.property_id) == f.mission_id);
}

bool matches(const Acquisition& a, const AcquisitionFilter& f) {
  return is(f.property_id, a.property_id) && is(f.stage, a.stage()) && is(f.code, a.code);
}

bool matches(const FxRate& r, const FxRateFilter& f) {
  return is(f.currency, r.currency);
}

bool matches(const BudgetLine& b, const BudgetLineFilter& f) {
  return is(f.code, b.code);
}

bool matches(const Appropriation& a, const AppropriationFilter& f) {
  return is(f.budget_line_id, a.budget_line_id) && is(f.fiscal_year, a.fiscal_year);
}

bool matches(const Expenditure& e, const SpendingFilter& f) {
  return charged_to(f, e.budget_line_id, e.project_id, e.acquisition_id) && dated_within(e.on, f);
}

bool matches(const Commitment& c, const SpendingFilter& f) {
  return charged_to(f, c.budget_line_id, c.project_id, c.acquisition_id) &&
         dated_within(c.signed_on, f);
}

bool matches(const Project& p, const ProjectFilter& f) {
  return is(f.code, p.code);
}

bool matches(const ProgressReport& r, const ProgressFilter& f) {
  return is(f.project_id, r.project_id);
}

}  // namespace estate
