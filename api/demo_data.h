// The demo register that `estate-server seed-demo` loads into an empty database: a dozen
// missions across all regions with offices and residences, owned, leased and provided, the
// Sydney office (leased, its purchase in the pipeline), the Rome and Los Angeles offices
// (bought in FY 113), and the domestic Zhiyuan New Village estate. Names and orders of
// magnitude follow public reporting; every figure is illustrative, not ministry data.
#pragma once

#include "persistence/store.h"

namespace estate::api {

struct SeedResult {
  bool seeded = false;  // false when the register already held data
  int missions = 0, properties = 0, leases = 0, fx_rates = 0, acquisitions = 0;
};

// Writes the demo register through the repositories (so every record is journalled, as
// actor "seed-demo"), all in one transaction. Does nothing when any mission exists.
Result<SeedResult> seed_demo(persistence::Store& store);

}  // namespace estate::api
