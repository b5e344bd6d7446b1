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
  LeaseEventInputs in{std::move(*leases), std::move(*acquisitions), std::move(*properties),
                      std::move(*missions), {}};
  if (store.alerts) {
    auto acknowledged = store.alerts->acknowledged();
    if (!acknowledged.ok()) return acknowledged.error();
    in.acknowledged = std::move(*acknowledged);
  }
  return in;
}

std::vector<reports::LeaseEvent> lease_events(const LeaseEventInputs& in, Date as_of,
                                              int within_days) {
  auto events = reports::lease_events(in.leases, in.acquisitions, in.properties, in.missions,
                                      as_of, within_days);
  for (reports::LeaseEvent& e : events) e.acknowledged = in.acknowledged.count(reports::event_key(e)) > 0;
  return events;
}

Result<bool> acknowledge_lease_event(persistence::Store& store, LeaseId lease,
                                     const std::string& event, Date date, const Actor& actor) {
  static const char* const kinds[] = {"expiry", "notice_deadline", "renewal_option",
                                      "break_option", "rent_review"};
  bool known = false;
  for (const char* k : kinds) known = known || event == k;
  const std::string problem = "there is no such lease event to acknowledge";
  if (!known) {
    return Error::invalid(problem, {{"event", "must be one of: expiry, notice_deadline, "
                                              "renewal_option, break_option, rent_review"}});
  }
  auto found = store.leases->get(lease);
  if (!found.ok()) return found.error();
  auto in = lease_event_inputs(store);
  if (!in.ok()) return in.error();
  bool raised = false;
  for (const auto& e : reports::lease_events({*found}, in->acquisitions, in->properties,
                                             in->missions, date, 0))
    raised = raised || e.event == event;
  if (!raised) {
    return Error::invalid(problem, {{"date", "lease " + std::to_string(lease.value()) + " has no " +
                                                 event + " on " + format_date(date)}});
  }
  if (!store.alerts) return Error::internal("this store keeps no alert ledger");
  return store.alerts->acknowledge_event(reports::event_key(lease, event, date), actor);
}

}  // namespace estate::app
