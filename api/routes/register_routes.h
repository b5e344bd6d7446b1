// Routes of the records under /api/v1/: missions, properties, leases, acquisitions (and
// POST /acquisitions/{id}/stage), fx-rates, budget-lines, appropriations, expenditures,
// commitments, projects and projects/{id}/progress — each with POST (optionally idempotent),
// GET one, GET list (filters, cursor, as_of), PATCH (JSON merge patch under If-Match) and
// DELETE (If-Match). The lists of expenditures and commitments also carry "totals" over every
// record that matches, and download as CSV or XLSX (?format=) up to `max_download_rows` rows.
// Facilities write the register, acquisitions and projects; finance the FX rates and the budget
// records; facilities, finance and auditors read everything.
// Thread-safety: handlers run concurrently; they share only the Store.
#pragma once

#include "api/http/routing.h"
#include "app/four_eyes.h"
#include "persistence/store.h"

namespace estate::api {

// Creates and updates a four-eyes rule may mark sensitive (DESIGN "Four eyes": expenditures and
// commitments above the amount, lease extensions and rent rises, stage moves) and every DELETE
// go through `four_eyes`, which these routes give their kinds of change: such a write answers
// 202 with the change request instead of applying.
void add_register_routes(RouteTable& routes, persistence::Store& store, app::FourEyes& four_eyes,
                         std::size_t max_download_rows = 100'000);

// The version named by If-Match, or nullopt with `refusal` set to 428 (absent) or 412
// (not an ETag this service gives out, so it cannot match).
std::optional<std::int64_t> expected_version(const HttpRequest& request, Reply& refusal);

}  // namespace estate::api
