// Routes of the decision-support reports under /api/v1/reports/ (DESIGN.md rules 9–11):
// purchase-plan, rent-forecast and data-quality. Each handler reads and checks its parameters
// (a 422 naming every bad one, unknown ones included), calls the use case in app/ and renders
// the result as JSON, CSV, XLSX or, for the plan and the forecast, SVG — through the same
// answer() as the other reports. report_routes.cpp routes them with the others, so they take
// known_at and can be issued like every report. Facilities, finance and auditors may read them.
// Thread-safety: handlers run concurrently; they share the Store.
#pragma once

#include "api/routes/report_answer.h"

namespace estate::api {

// The decision reports' names, handlers and parameters (besides as_of, known_at and format).
const std::vector<ReportRoute>& decision_reports();

}  // namespace estate::api
