// The register as it was known at a past instant: a point-in-time view of the store whose
// register ports (missions, properties, leases, acquisitions, FX rates, budget lines,
// appropriations, expenditures, commitments, projects, progress, spending totals) answer from
// the records the journal held at that instant, rebuilt through the History port. Every
// report loader reads through those ports, so a report computed over the view is the report
// as it would have been computed at that instant — byte for byte, since a record's journalled
// JSON is the record as it was stored.
//
// Cost: the first read of each kind of record reads, for that kind, the latest journal entry
// of every record at or before the instant (one indexed query: journal_entity) and decodes it;
// later reads of the same kind are answered from memory. A report that reads k kinds pays k
// such queries, proportional to the journal entries of those kinds up to the instant — not to
// the whole journal, and not again for the same view.
//
// Thread-safety: a view may be read from any thread; it is meant to live for one request and
// must not outlive the store it was made from.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>

#include "persistence/store.h"

namespace estate::app {

// How a journalled record (its API JSON) becomes the domain value: the API's one decoder per
// resource, in its `stored` mode (app/ cannot see api/, so the caller hands them in). Ids,
// versions and timestamps are read by the view itself.
struct StoredDecoders {
  std::function<Result<Mission>(const nlohmann::json&)> mission;
  std::function<Result<Property>(const nlohmann::json&)> property;
  std::function<Result<Lease>(const nlohmann::json&)> lease;
  std::function<Result<Acquisition>(const nlohmann::json&)> acquisition;
  std::function<Result<FxRate>(const nlohmann::json&)> fx_rate;
  std::function<Result<BudgetLine>(const nlohmann::json&)> budget_line;
  std::function<Result<Appropriation>(const nlohmann::json&)> appropriation;
  std::function<Result<Expenditure>(const nlohmann::json&)> expenditure;
  std::function<Result<Commitment>(const nlohmann::json&)> commitment;
  std::function<Result<Project>(const nlohmann::json&)> project;
  std::function<Result<ProgressReport>(const nlohmann::json&)> progress;
};

// OK when `at` may be asked about: not before the journal's first entry and not after `now`.
// Otherwise invalid naming `field` (422); an empty journal has no instant to ask about.
Status check_known_at(persistence::Store& live, Instant at, Instant now,
                      const std::string& field = "known_at");

// A store whose register ports answer as `live` knew the register at `at`. Its writes fail
// (internal: a view is read-only); `db` and `history` are the live ones; journal, tokens,
// accounts, idempotent creates, calendar feeds and documents are not part of the view (null);
// its alert ledger only answers which lease events had been acknowledged by `at`.
persistence::Store store_known_at(persistence::Store& live, Instant at,
                                  const StoredDecoders& decoders);

}  // namespace estate::app
