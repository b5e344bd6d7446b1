#include "reports/data_quality.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "reports/ownership.h"
#include "reports/purchase_plan.h"
#include "reports/rent.h"

namespace estate::reports {

namespace {

const char* const kRules[] = {"leased_without_lease", "lease_without_leased_tenure",
                              "occupied_not_owned",   "overlapping_leases",
                              "missing_fx_rate",      "stale_appraisal",
                              "no_recent_progress",   "zero_floor_area"};
enum Rule {
  leased_without_lease,
  lease_without_leased_tenure,
  occupied_not_owned,
  overlapping_leases,
  missing_fx_rate,
  stale_appraisal,
  no_recent_progress,
  zero_floor_area
};

bool in_force(const Lease& l, Date d) { return !(d < l.start) && !(l.end < d); }

// Counts checks and keeps findings, for the records within the mission asked for.
class Checks {
 public:
  Checks(const std::vector<Mission>& missions, std::optional<MissionId> only) : only_(only) {
    for (int r = 0; r < 8; ++r) report_.rules.push_back({kRules[r], 0, 0});
    for (const Mission& m : missions) {
      if (only && !(m.id == *only)) continue;
      by_mission_.emplace(m.id.value(), MissionQuality{m.id, m.code, 0, 0, std::nullopt});
    }
  }

  // One check of `rule` on a record of `mission`; a finding when it `failed`.
  void check(Rule rule, std::optional<MissionId> mission, bool failed, const char* entity,
             std::int64_t id, const std::string& code, std::string message) {
    if (only_ && !(mission && *mission == *only_)) return;
    QualityRule& r = report_.rules[rule];
    ++r.checked;
    ++report_.checked;
    MissionQuality* m = nullptr;
    if (mission) {
      if (auto it = by_mission_.find(mission->value()); it != by_mission_.end()) m = &it->second;
    }
    if (m) ++m->checked;
    if (!failed) return;
    ++r.failed;
    ++report_.failed;
    if (m) ++m->failed;
    findings_[rule].push_back({kRules[rule], entity, id, code, mission, std::move(message)});
  }

  DataQuality finish(Date as_of) {
    report_.as_of = as_of;
    report_.score = score(report_.checked, report_.failed);
    for (auto& [id, m] : by_mission_) {
      m.score = score(m.checked, m.failed);
      report_.missions.push_back(m);
    }
    std::sort(report_.missions.begin(), report_.missions.end(),
              [](const MissionQuality& a, const MissionQuality& b) { return a.code < b.code; });
    for (auto& [rule, found] : findings_) {
      std::stable_sort(found.begin(), found.end(), [](const QualityFinding& a, const QualityFinding& b) {
        return a.entity_id < b.entity_id;
      });
      for (QualityFinding& f : found) report_.findings.push_back(std::move(f));
    }
    return report_;
  }

 private:
  static std::optional<Decimal> score(std::int64_t checked, std::int64_t failed) {
    return quotient(checked - failed, checked, 4);  // 1 − failed/checked; null when 0 checked
  }
  std::optional<MissionId> only_;
  DataQuality report_;
  std::map<std::int64_t, MissionQuality> by_mission_;
  std::map<int, std::vector<QualityFinding>> findings_;
};

}  // namespace

DataQuality data_quality(const QualityInputs& in, const FxTable& fx, Date as_of,
                         std::optional<MissionId> only_mission) {
  Checks checks(in.missions, only_mission);
  std::unordered_map<std::int64_t, const Property*> property_by_id;
  for (const Property& p : in.properties) property_by_id.emplace(p.id.value(), &p);
  auto property_of = [&](PropertyId id) -> const Property* {
    auto it = property_by_id.find(id.value());
    return it == property_by_id.end() ? nullptr : it->second;
  };
  auto mission_of = [&](PropertyId id) -> std::optional<MissionId> {
    const Property* p = property_of(id);
    return p ? p->mission_id : std::nullopt;
  };
  auto code_of = [&](PropertyId id) -> std::string {
    const Property* p = property_of(id);
    return p ? p->code : "";
  };
  std::unordered_map<std::int64_t, std::vector<const Lease*>> leases_of;
  for (const Lease& l : in.leases) leases_of[l.property_id.value()].push_back(&l);
  const std::string on = format_date(as_of);

  for (const Property& p : in.properties) {
    if (tenure_on(p, as_of) != TenureType::leased) continue;
    bool covered = false;
    for (const Lease* l : leases_of[p.id.value()]) covered = covered || in_force(*l, as_of);
    checks.check(leased_without_lease, p.mission_id, !covered, "property", p.id.value(), p.code,
                 "leased on " + on + " but no lease of it is in force that day");
  }
  for (const Lease& l : in.leases) {
    if (!in_force(l, as_of)) continue;
    const Property* p = property_of(l.property_id);
    const bool leased = p && tenure_on(*p, as_of) == TenureType::leased;
    checks.check(lease_without_leased_tenure, mission_of(l.property_id), !leased, "lease",
                 l.id.value(), code_of(l.property_id),
                 "in force on " + on + " but its property's tenure that day is not leased");
  }
  for (const Acquisition& a : in.acquisitions) {
    if (stage_on(a, as_of) != AcquisitionStage::occupied) continue;
    const Property* p = property_of(a.property_id);
    const bool owned = p && tenure_on(*p, as_of) == TenureType::owned;
    checks.check(occupied_not_owned, mission_of(a.property_id), !owned, "acquisition",
                 a.id.value(), a.code,
                 "occupied by " + on + " but its property's tenure that day is not owned");
  }
  for (const Lease& l : in.leases) {
    const Lease* other = nullptr;
    for (const Lease* o : leases_of[l.property_id.value()]) {
      if (o->id == l.id || o->end < l.start || l.end < o->start) continue;
      if (!other) other = o;
    }
    checks.check(overlapping_leases, mission_of(l.property_id), other != nullptr, "lease",
                 l.id.value(), code_of(l.property_id),
                 other ? "its term overlaps that of lease " + std::to_string(other->id.value()) +
                             " of the same property"
                       : "");
  }
  auto rate_check = [&](Currency c, PropertyId property, const char* entity, std::int64_t id,
                        const std::string& code) {
    checks.check(missing_fx_rate, mission_of(property), !fx.rate_on(c, as_of), entity, id, code,
                 "no " + std::string(c.code()) + " rate effective on or before " + on);
  };
  for (const Lease& l : in.leases)
    if (in_force(l, as_of))
      rate_check(l.rent.currency(), l.property_id, "lease", l.id.value(), code_of(l.property_id));
  for (const Acquisition& a : in.acquisitions)
    if (is_candidate_on(a, as_of))
      rate_check(a.price.currency(), a.property_id, "acquisition", a.id.value(), a.code);
  for (const Acquisition& a : in.acquisitions) {
    if (!is_candidate_on(a, as_of)) continue;
    std::optional<Date> appraised;
    for (const StageEntry& e : a.stages)
      if (e.stage == AcquisitionStage::appraised && !(as_of < e.on)) appraised = e.on;
    std::string why;
    if (appraised && anniversary(*appraised, kAppraisalValidYears) < as_of)
      why = "appraised on " + format_date(*appraised) + ", more than 3 years before " + on;
    else if (!appraised && stage_on(a, as_of) == AcquisitionStage::budget_approved)
      why = "budget approved without an appraisal";
    checks.check(stale_appraisal, mission_of(a.property_id), !why.empty(), "acquisition",
                 a.id.value(), a.code, why);
  }
  std::unordered_map<std::int64_t, std::vector<Date>> reports_of;
  for (const ProgressReport& r : in.progress) reports_of[r.project_id.value()].push_back(r.on);
  const Date window_start{date::sys_days(as_of) - date::days(kProgressWindowDays)};
  for (const Project& p : in.projects) {
    if (p.milestones.empty() || as_of < p.start || p.milestones.back().date < as_of) continue;
    bool recent = false;
    for (Date d : reports_of[p.id.value()]) recent = recent || (!(d < window_start) && !(as_of < d));
    const std::optional<MissionId> mission =
        p.property_ids.empty() ? std::nullopt : mission_of(p.property_ids.front());
    checks.check(no_recent_progress, mission, !recent, "project", p.id.value(), p.code,
                 "no progress report in the " + std::to_string(kProgressWindowDays) +
                     " days up to " + on);
  }
  for (const Property& p : in.properties) {
    if (p.status != PropertyStatus::active) continue;
    checks.check(zero_floor_area, p.mission_id, p.floor_area_m2.is_zero(), "property",
                 p.id.value(), p.code, "active with a floor area of 0.00 m²");
  }
  return checks.finish(as_of);
}

}  // namespace estate::reports
