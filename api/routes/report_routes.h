// Routes of the estate reports under /api/v1/reports/: ownership, rent-savings, lease-vs-buy,
// lease-events and co-location. Each handler reads its parameters, loads the domain records
// the report needs through the repositories, calls the pure report function in reports/ (the
// API computes no figure itself) and renders it: JSON by default; CSV (text/csv or
// ?format=csv), XLSX (the spreadsheet media type or ?format=xlsx) and, where a chart fits,
// SVG (?format=svg). Every report takes as_of (default: today in UTC) and known_at: the
// register as recorded at that instant (app/known_at.h), as_of then defaulting to its day; a
// known_at before the journal's first entry or in the future is a 422 naming it. Facilities, finance
// and auditors may read them. Thread-safety: handlers run concurrently; they share the Store.
//
// Work per request is bounded: as_of lies between kEarliestAsOf and kAsOfYearsAhead years
// after today, every range and count parameter has a documented maximum (a 422 naming it
// otherwise), and an answer of more than ReportLimits::max_rows rows is refused with a 422
// that says how to narrow it. The server runs reports on their own worker lane (server.h).
#pragma once

#include "api/http/routing.h"
#include "persistence/store.h"

namespace estate::api {

// as_of of a report: from 1 January of ROC year 1 to 30 years after today (UTC).
inline constexpr int kEarliestAsOfYear = 1912;
inline constexpr int kAsOfYearsAhead = 30;

struct ReportLimits {
  std::size_t max_rows = 100'000;  // rows of one answer (JSON items or table rows)
  // Every JSON answer built as an nlohmann tree and dumped, also those a report writes
  // without one (Shapes::stream): for the tests that compare the two.
  bool json_trees = false;
};

void add_report_routes(RouteTable& routes, persistence::Store& store, ReportLimits limits = {});

// The names of the reports, as in /api/v1/reports/{name}.
std::vector<std::string> report_names();

// Report `name` as GET /api/v1/reports/{name}?{query} answers it (known_at included): for
// issuing a report. An unknown name is invalid naming `report`.
Result<Reply> render_report(persistence::Store& store, const ReportLimits& limits,
                            const std::string& name,
                            const std::map<std::string, std::string>& query);

}  // namespace estate::api
