// The demo register that `estate-server seed-demo` loads into an empty database: a dozen
// missions across all regions with offices and residences, owned, leased and provided, the
// Sydney office (leased, its purchase in the pipeline), the Rome and Los Angeles offices
// (bought in FY 113), and the domestic Zhiyuan New Village estate; FX rates; the budget line
// 購建駐外機構館官舍 with FY 114–116 appropriations and the Sydney purchase's payments; and the
// Zhiyuan New Village renewal (致遠新村活化再利用) as a multi-year project with milestones,
// progress reports, expenditures and commitments; and one change request (the London office
// lease extended by five years) waiting for finance. Names and orders of magnitude follow
// public reporting; every figure is illustrative, not ministry data (the rows: demo_rows.h).
#pragma once

#include "persistence/store.h"

namespace estate::app {

struct SeedResult {
  bool seeded = false;  // false when the register already held data
  int missions = 0, properties = 0, leases = 0, fx_rates = 0, acquisitions = 0;
  int budget_lines = 0, appropriations = 0, expenditures = 0, commitments = 0, projects = 0,
      progress_reports = 0;
  int change_requests = 0;  // waiting for a decision (four eyes)
};

// Writes the demo register through the repositories (so every record is journalled, as
// actor "seed-demo"), all in one transaction. Does nothing when any mission exists.
Result<SeedResult> seed_demo(persistence::Store& store);

}  // namespace estate::app
