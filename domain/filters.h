// What each list filter means, once: matches(record, filter) says whether a record passes.
// The as-of lists (records read back from the journal) use these functions directly; the
// repositories translate the same filters into SQL (persistence/register_tables.cpp and
// budget_tables.cpp, the Spec::where and list_ids of each table), and a test holds the two
// together for every resource and filter (a list today equals the list as of now).
// Thread-safety: pure functions; a FilterContext is read-only while matching.
#pragma once

#include <optional>

#include "domain/repository.h"

namespace estate {

// What a filter needs to know about other records: a property's region is its mission's, a
// lease's mission is its property's. As-of lists answer from the records of the same instant.
class FilterContext {
 public:
  virtual ~FilterContext() = default;
  virtual std::optional<Region> region_of(MissionId mission) const = 0;
  virtual std::optional<MissionId> mission_of(PropertyId property) const = 0;
};

// Which other records a filter consults (so a context can load just those).
bool needs_missions(const PropertyFilter& filter);
bool needs_properties(const LeaseFilter& filter);

bool matches(const Mission& mission, const MissionFilter& filter);
// region: the mission's; a property without a mission is domestic.
bool matches(const Property& property, const PropertyFilter& filter, const FilterContext& context);
bool matches(const Lease& lease, const LeaseFilter& filter, const FilterContext& context);
bool matches(const Acquisition& acquisition, const AcquisitionFilter& filter);
bool matches(const FxRate& rate, const FxRateFilter& filter);
bool matches(const BudgetLine& line, const BudgetLineFilter& filter);
bool matches(const Appropriation& appropriation, const AppropriationFilter& filter);
// from and to are inclusive: an expenditure's `on`, a commitment's `signed_on`.
bool matches(const Expenditure& expenditure, const SpendingFilter& filter);
bool matches(const Commitment& commitment, const SpendingFilter& filter);
bool matches(const Project& project, const ProjectFilter& filter);
bool matches(const ProgressReport& report, const ProgressFilter& filter);

}  // namespace estate
