#include "app/lease_events.h"

namespace estate::app {

Result<LeaseEventInputs> lease_event_inputs(persistence::Store& store) {
  auto leases = store.leases->list_all();
  if (!leases.ok()) return leases.error();
  auto acquisitions = store.acquisitions->list_all();
  if (!acquisitions.ok()) return acquisitions.error();
  auto properties = store.properties->list_all();
  if (!properties.ok()) return properties.error();
  auto missions = store.missions->list_all();
  if (!missions.ok()) return missions.error();
  return LeaseEventInputs{std::move(*leases), std::move(*acquisitions), std::move(*properties),
                          std::move(*missions)};
}

std::vector<reports::LeaseEvent> lease_events(const LeaseEventInputs& in, Date as_of,
                                              int within_days) {
  return reports::lease_events(in.leases, in.acquisitions, in.properties, in.missions, as_of,
                               within_days);
}

}  // namespace estate::app
