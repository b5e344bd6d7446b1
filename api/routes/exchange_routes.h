// The register in and out as spreadsheets (API.md, "Import and export"):
// GET /api/v1/exports/register.xlsx[?as_of=] (any reading role) — the whole register in the
// workbook layout of exchange/register_layout.h; GET /api/v1/imports/template.xlsx — the same
// sheets with one example row each and drop-down lists; POST /api/v1/imports?dry_run=&sheet=
// (facilities and finance, each for its own sheets) — an XLSX or CSV body imported, or checked
// in a dry run, answered with the import report (exchange/register_import.h); an import with
// a sensitive change answers 202 with its one change request for the whole file. Exports and
// imports run on the report lane, so a large one queues behind reports, not register reads.
// Thread-safety: handlers run concurrently; they share only the Store.
#pragma once

#include "api/exchange/workbook_reader.h"
#include "api/http/routing.h"
#include "app/four_eyes.h"
#include "persistence/store.h"

namespace estate::api {

struct ExchangeOptions {
  std::size_t max_bytes = 20u << 20;  // the largest file an import takes (413 above)
  exchange::ReadLimits limits;        // what it may unzip to, and its rows
  app::FourEyes* four_eyes = nullptr; // holds back imports with sensitive changes
};

void add_exchange_routes(RouteTable& routes, persistence::Store& store, ExchangeOptions options);

}  // namespace estate::api
