// A synthetic register for benchmarks: `estate-server seed-synthetic --missions N
// --properties M --acquisitions K [--seed S]` writes N missions spread over every region, M
// properties with tenure histories (leased, owned after a purchase, provided), a lease for
// every leased interval, yearly FX rates, and K purchases of leased properties (most occupied,
// with the tenure to match); with --projects P --expenditures E also ten budget lines with
// appropriations FY 105–116, P projects with milestones, quarterly progress and contracts, and
// E expenditures. The same seed always gives the same register, so benchmark figures can
// be compared between runs and machines. Every record is journalled as actor "seed-synthetic"; the
// whole load is one transaction. Thread-safety: call from one thread.
#pragma once

#include <cstdint>

#include "persistence/store.h"

namespace estate::app {

struct SyntheticOptions {
  int missions = 120;
  int properties = 5000;
  int acquisitions = 500;  // purchases of leased properties, most of them occupied
  int projects = 0;        // construction projects, with milestones, progress and contracts
  int expenditures = 0;    // spread over the projects (4 in 5) and 10 budget lines
  std::uint64_t seed = 115;
};

struct SyntheticResult {
  bool seeded = false;  // false when the register already held data
  int missions = 0, properties = 0, leases = 0, fx_rates = 0, acquisitions = 0;
  int budget_lines = 0, appropriations = 0, projects = 0, progress_reports = 0, commitments = 0,
      expenditures = 0;
};

// Errors: invalid when a count is out of range (1–10,000 missions, 0–1,000,000 properties).
Result<SyntheticResult> seed_synthetic(persistence::Store& store, const SyntheticOptions& options);

}  // namespace estate::app
