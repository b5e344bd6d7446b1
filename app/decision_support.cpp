#include "app/decision_support.h"

#include <unordered_map>

namespace estate::app {

namespace {

// Every acquisition with the leases it replaces.
Result<std::vector<reports::SavingsInput>> acquisitions_with_leases(persistence::Store& store) {
  auto acquisitions = store.acquisitions->list_all();
  if (!acquisitions.ok()) return acquisitions.error();
  std::vector<LeaseId> ids;
  for (const Acquisition& a : *acquisitions)
    ids.insert(ids.end(), a.replaces_lease_ids.begin(), a.replaces_lease_ids.end());
  auto leases = store.leases->get_many(ids);
  if (!leases.ok()) return leases.error();
  std::unordered_map<std::int64_t, const Lease*> by_id;
  for (const Lease& l : *leases) by_id.emplace(l.id.value(), &l);
  std::vector<reports::SavingsInput> out;
  for (Acquisition& a : *acquisitions) {
    reports::SavingsInput in{std::move(a), {}};
    for (LeaseId id : in.acquisition.replaces_lease_ids)
      if (auto it = by_id.find(id.value()); it != by_id.end()) in.replaced.push_back(*it->second);
    out.push_back(std::move(in));
  }
  return out;
}

// The mission a query parameter names: its absence is the parameter's fault (422).
Status check_mission(persistence::Store& store, std::optional<MissionId> id) {
  if (!id) return {};
  auto found = store.missions->get(*id);
  if (found.ok()) return {};
  if (found.error().kind == ErrorKind::not_found)
    return Error::invalid(found.error().message, {{"mission_id", "names no mission"}});
  return found.error();
}

}  // namespace

Result<reports::PurchasePlan> purchase_plan(persistence::Store& store, Date as_of,
                                            const reports::PurchasePlanParameters& parameters) {
  if (Status s = check_mission(store, parameters.mission_id); !s.ok()) return s.error();
  auto inputs = acquisitions_with_leases(store);
  if (!inputs.ok()) return inputs.error();
  auto properties = store.properties->list_all();
  if (!properties.ok()) return properties.error();
  auto missions = store.missions->list_all();
  if (!missions.ok()) return missions.error();
  auto rates = store.fx_rates->list_all();
  if (!rates.ok()) return rates.error();
  return reports::purchase_plan(*inputs, *properties, *missions, reports::FxTable(*rates), as_of,
                                parameters);
}

Result<reports::RentForecast> rent_forecast(persistence::Store& store, Date as_of,
                                            FiscalYear first, FiscalYear last,
                                            bool assume_renewals,
                                            reports::ForecastGrouping grouping) {
  auto leases = store.leases->list_all();
  if (!leases.ok()) return leases.error();
  auto acquisitions = store.acquisitions->list_all();
  if (!acquisitions.ok()) return acquisitions.error();
  auto properties = store.properties->list_all();
  if (!properties.ok()) return properties.error();
  auto missions = store.missions->list_all();
  if (!missions.ok()) return missions.error();
  auto rates = store.fx_rates->list_all();
  if (!rates.ok()) return rates.error();
  return reports::rent_forecast(*leases, *acquisitions, *properties, *missions,
                                reports::FxTable(*rates), as_of, first, last, assume_renewals,
                                grouping);
}

Result<reports::DataQuality> data_quality(persistence::Store& store, Date as_of,
                                          std::optional<MissionId> mission_id) {
  if (Status s = check_mission(store, mission_id); !s.ok()) return s.error();
  reports::QualityInputs in;
  auto properties = store.properties->list_all();
  if (!properties.ok()) return properties.error();
  auto missions = store.missions->list_all();
  if (!missions.ok()) return missions.error();
  auto leases = store.leases->list_all();
  if (!leases.ok()) return leases.error();
  auto acquisitions = store.acquisitions->list_all();
  if (!acquisitions.ok()) return acquisitions.error();
  auto projects = store.projects->list_all();
  if (!projects.ok()) return projects.error();
  auto progress = store.progress->list_all();
  if (!progress.ok()) return progress.error();
  auto rates = store.fx_rates->list_all();
  if (!rates.ok()) return rates.error();
  in.properties = std::move(*properties);
  in.missions = std::move(*missions);
  in.leases = std::move(*leases);
  in.acquisitions = std::move(*acquisitions);
  in.projects = std::move(*projects);
  in.progress = std::move(*progress);
  return reports::data_quality(in, reports::FxTable(*rates), as_of, mission_id);
}

}  // namespace estate::app
