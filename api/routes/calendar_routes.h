// Lease deadlines in people's calendars: POST /api/v1/calendar-feeds gives the signed-in user
// a feed address (its secret is the credential, since calendar programs send no headers),
// DELETE revokes theirs, and GET /calendar/{secret}.ics[?mission_id=&within_days=] answers the
// lease events of the coming days as RFC 5545 (reports/icalendar.h) — read-only, to anyone
// holding a live address; an unknown or revoked one is a 404.
// Thread-safety: handlers run concurrently; they share only the Store.
#pragma once

#include "api/http/routing.h"
#include "persistence/store.h"

namespace estate::api {

struct CalendarOptions {
  std::vector<int> alarm_days{30, 7};  // DISPLAY alarms this many days before each event
};

void add_calendar_routes(RouteTable& routes, persistence::Store& store, CalendarOptions options);

}  // namespace estate::api
