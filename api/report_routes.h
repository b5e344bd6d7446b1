// Routes of the estate reports under /api/v1/reports/: ownership, rent-savings, lease-vs-buy,
// lease-events and co-location. Each handler reads its parameters, loads the domain records
// the report needs through the repositories, calls the pure report function in reports/ (the
// API computes no figure itself) and renders it: JSON by default; CSV (text/csv or
// ?format=csv), XLSX (the spreadsheet media type or ?format=xlsx) and, where a chart fits,
// SVG (?format=svg). Every report takes as_of (default: today in UTC). Facilities, finance
// and auditors may read them. Thread-safety: handlers run concurrently; they share the Store.
#pragma once

#include "api/routing.h"
#include "persistence/store.h"

namespace estate::api {

void add_report_routes(RouteTable& routes, persistence::Store& store);

}  // namespace estate::api
