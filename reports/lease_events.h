// Lease events, DESIGN.md report definition 7: the dates in the next N days on which something
// about a lease falls due — its expiry, the last day to give notice (expiry − notice days), the
// last day to exercise an option, and rent reviews (escalation anniversaries and rent steps) —
// each with its deadline as the end of that day in the mission's time zone, from the tz
// database (domestic property: Asia/Taipei). A lease an occupied acquisition replaces raises
// no event dated after that acquisition's occupied date (the earliest, if several replace it):
// the ministry owns the building then, so the lease's later deadlines are moot; events on or
// before the occupied date still show. Pure functions.
#pragma once

#include <string>
#include <vector>

#include "domain/acquisition.h"
#include "domain/lease.h"
#include "domain/mission.h"
#include "domain/property.h"

namespace estate::reports {

struct LeaseEvent {
  LeaseId lease_id;
  PropertyId property_id;
  std::optional<MissionId> mission_id;
  std::string event;  // expiry | notice_deadline | renewal_option | break_option | rent_review
  Date date{};
  Instant deadline_utc;
  std::string time_zone;
  std::int64_t days_left = 0;
  // What a person recognises the event by: the mission's and property's codes (mission_code
  // empty for domestic property), the property's name and the lease's lessor.
  std::string mission_code;
  std::string property_code;
  std::string property_name;
  std::string lessor;
  // Someone acknowledged it (an e-mail link or the web client): nobody is reminded of it again.
  // The report itself leaves it false; app::lease_events fills it in.
  bool acknowledged = false;
};

// The event's one name in the alert ledger: "lease:<lease_id>:<event>:<date>".
std::string event_key(LeaseId lease, const std::string& event, Date date);
inline std::string event_key(const LeaseEvent& e) { return event_key(e.lease_id, e.event, e.date); }

// Events dated within [as_of, as_of + within_days], ordered by date, then lease, then event;
// `acquisitions` tell which leases are replaced and from when (the rule above).
std::vector<LeaseEvent> lease_events(const std::vector<Lease>& leases,
                                     const std::vector<Acquisition>& acquisitions,
                                     const std::vector<Property>& properties,
                                     const std::vector<Mission>& missions, Date as_of,
                                     int within_days);

}  // namespace estate::reports
