// Routes of the decision-support reports under /api/v1/reports/ (DESIGN.md rules 9–11):
// purchase-plan, rent-forecast and data-quality. Each handler reads and checks its parameters
// (a 422 naming every bad one, unknown ones included), calls the use case in app/ and renders
// the result as JSON, CSV, XLSX or, for the plan and the forecast, SVG — through the same
// answer() as the other reports. Facilities, finance and auditors may read them.
// Thread-safety: handlers run concurrently; they share the Store.
#pragma once

#include "api/http/routing.h"
#include "api/routes/report_routes.h"
#include "persistence/store.h"

namespace estate::api {

void add_decision_routes(RouteTable& routes, persistence::Store& store, ReportLimits limits = {});

}  // namespace estate::api
