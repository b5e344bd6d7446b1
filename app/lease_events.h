// The lease-events use case (DESIGN.md report definition 7): loads what the report and the
// calendar feed read — every lease, acquisition (which leases are replaced, and from when),
// property and mission — through the repositories of a Store; reports::lease_events computes
// the events from them. Errors: what the repositories report. Thread-safety: as the Store's
// repositories (any thread).
#pragma once

#include <vector>

#include "persistence/store.h"
#include "reports/lease_events.h"

namespace estate::app {

struct LeaseEventInputs {
  std::vector<Lease> leases;
  std::vector<Acquisition> acquisitions;
  std::vector<Property> properties;
  std::vector<Mission> missions;
};

Result<LeaseEventInputs> lease_event_inputs(persistence::Store& store);

// The events dated within [as_of, as_of + within_days] of the inputs (reports::lease_events).
std::vector<reports::LeaseEvent> lease_events(const LeaseEventInputs& in, Date as_of,
                                              int within_days);

}  // namespace estate::app
