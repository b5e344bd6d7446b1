// The lease-events use case (DESIGN.md report definition 7): loads what the report and the
// calendar feed read — every lease, acquisition (which leases are replaced, and from when),
// property and mission — through the repositories of a Store; reports::lease_events computes
// the events from them. Errors: what the repositories report. Thread-safety: as the Store's
// repositories (any thread).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "persistence/store.h"
#include "reports/lease_events.h"

namespace estate::app {

struct LeaseEventInputs {
  std::vector<Lease> leases;
  std::vector<Acquisition> acquisitions;
  std::vector<Property> properties;
  std::vector<Mission> missions;
  std::set<std::string> acknowledged;  // event keys (reports::event_key); empty without a ledger
};

Result<LeaseEventInputs> lease_event_inputs(persistence::Store& store);

// The events dated within [as_of, as_of + within_days] of the inputs (reports::lease_events),
// each marked acknowledged when its key is among the inputs' acknowledged ones.
std::vector<reports::LeaseEvent> lease_events(const LeaseEventInputs& in, Date as_of,
                                              int within_days);

// Acknowledges the lease event (lease, event, date) for a signed-in user, as the e-mail link
// does: no further reminders of it go to anyone. The event must be one the lease-events rule
// raises on that date (a replaced lease's moot deadlines are not). True when this call
// recorded it, false when it was acknowledged already. Errors: not_found for an unknown lease;
// invalid naming "event" (not an event kind) or "date" (the lease has no such event then).
Result<bool> acknowledge_lease_event(persistence::Store& store, LeaseId lease,
                                     const std::string& event, Date date, const Actor& actor);

}  // namespace estate::app
