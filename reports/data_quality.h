// The register's own data quality (資料品質), DESIGN.md report definition 11: eight rules, each
// checked on every record it applies to as of day D; score = 1 − failed/checked (4 places,
// half away from zero; null when nothing was checked), overall and per mission. A record
// counts for its property's mission (a project for its first property's; a project without
// one, or on domestic property, only overall); `mission_id` narrows rules, findings and
// scores alike. The rules, in order, and what one check is:
//   leased_without_lease         per property leased on D: fails without a lease of it in force on D
//   lease_without_leased_tenure  per lease in force on D: fails when its property is not leased on D
//   occupied_not_owned           per acquisition occupied on or before D: fails when its
//                                property is not owned on D
//   overlapping_leases           per lease: fails when another lease of its property has an
//                                overlapping term (both of the pair fail)
//   missing_fx_rate              per lease in force on D and per candidate acquisition (stage on
//                                D proposed, appraised or budget_approved): fails when its
//                                currency has no rate effective on or before D
//   stale_appraisal              per candidate: fails when appraised more than 3 years before D
//                                (its appraisal's third anniversary is before D), or when
//                                budget_approved without an appraisal; a proposed one passes
//   no_recent_progress           per project with start ≤ D ≤ its last milestone: fails without
//                                a progress report dated in [D − 90 days, D]
//   zero_floor_area              per active property: fails when its floor area is 0.00
// "In force on D": start ≤ D ≤ end. Findings are in rule order, then by entity id.
// Pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/acquisition.h"
#include "domain/budget.h"
#include "domain/lease.h"
#include "domain/mission.h"
#include "domain/property.h"
#include "reports/fx.h"

namespace estate::reports {

inline constexpr int kProgressWindowDays = 90;
inline constexpr int kAppraisalValidYears = 3;

struct QualityRule {
  std::string rule;
  std::int64_t checked = 0, failed = 0;
};

struct MissionQuality {
  MissionId mission_id;
  std::string code;
  std::int64_t checked = 0, failed = 0;
  std::optional<Decimal> score;
};

struct QualityFinding {
  std::string rule;
  std::string entity;  // property, lease, acquisition, project
  std::int64_t entity_id = 0;
  std::string code;  // the record's code (a lease's: its property's)
  std::optional<MissionId> mission_id;
  std::string message;
};

struct DataQuality {
  Date as_of{};
  std::int64_t checked = 0, failed = 0;
  std::optional<Decimal> score;
  std::vector<QualityRule> rules;         // all eight, in order
  std::vector<MissionQuality> missions;   // every mission in scope, by code
  std::vector<QualityFinding> findings;
};

struct QualityInputs {
  std::vector<Property> properties;
  std::vector<Mission> missions;
  std::vector<Lease> leases;
  std::vector<Acquisition> acquisitions;
  std::vector<Project> projects;
  std::vector<ProgressReport> progress;
};

DataQuality data_quality(const QualityInputs& in, const FxTable& fx, Date as_of,
                         std::optional<MissionId> only_mission);

}  // namespace estate::reports
