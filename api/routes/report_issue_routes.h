// Routes of issued reports under /api/v1/report-issues (API.md "Known at, and issued
// reports"): finance issues a report (rendered once as GET /api/v1/reports/{report} would
// answer it, stored and journalled with its SHA-256); every reading role lists them, reads one,
// downloads its exact bytes, asks whether any file is an issued report (verify) and which
// figures have changed since one was issued (changes). The use cases are app/report_issues.h.
// Thread-safety: handlers run concurrently; they share the Store.
#pragma once

#include "api/http/routing.h"
#include "api/routes/report_routes.h"
#include "persistence/store.h"

namespace estate::api {

struct ReportIssueOptions {
  ReportLimits limits;
  std::size_t max_file_bytes = 25u << 20;  // the largest file verify takes
};

void add_report_issue_routes(RouteTable& routes, persistence::Store& store,
                             ReportIssueOptions options);

}  // namespace estate::api
