// The link in an alert e-mail: GET /alerts/ack/{token} acknowledges the event it names, so
// nobody is reminded of it again (app/alerts.h). The token is the credential (a mail client
// sends no headers); an unknown one is a 404. The answer is a short text in 中文 and English.
// POST /api/v1/lease-events/acknowledgements {"lease_id", "event", "date"} records the same
// acknowledgement for a signed-in facilities user (app::acknowledge_lease_event): 201 when it
// recorded it, 200 when the event was acknowledged already (idempotent, nothing written).
// Thread-safety: handlers run concurrently; they share only the Store.
#pragma once

#include "api/http/routing.h"
#include "persistence/store.h"

namespace estate::api {

void add_alert_routes(RouteTable& routes, persistence::Store& store);

}  // namespace estate::api
