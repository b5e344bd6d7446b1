// Routes of the journal, for auditors: GET /api/v1/journal (filters entity, entity_id, actor,
// from, to; cursor) and GET /api/v1/journal/verify (is the hash chain unbroken?).
// Thread-safety: handlers run concurrently.
#pragma once

#include "api/http/routing.h"
#include "persistence/store.h"

namespace estate::api {

void add_journal_routes(RouteTable& routes, persistence::Store& store);

}  // namespace estate::api
