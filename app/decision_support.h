// The decision-support use cases (DESIGN.md report definitions 9–11): each loads what its
// report reads through the repositories of a Store and calls the pure computation in
// reports/, so the HTTP layer only parses, calls and renders.
//   purchase_plan: every acquisition with its replaced leases, the whole register (the ratio
//     counts every property) and the FX rates.
//   rent_forecast: every lease, acquisition (which leases are replaced), property, mission
//     and FX rate.
//   data_quality: everything the eight rules read.
// Errors: what the repositories report; invalid naming `mission_id` when it names no mission;
// the reports' own (a figure too large; the selection's work bound, naming `budget`).
// Thread-safety: as the Store's repositories (any thread).
#pragma once

#include <optional>

#include "persistence/store.h"
#include "reports/data_quality.h"
#include "reports/purchase_plan.h"
#include "reports/rent_forecast.h"

namespace estate::app {

Result<reports::PurchasePlan> purchase_plan(persistence::Store& store, Date as_of,
                                            const reports::PurchasePlanParameters& parameters);

Result<reports::RentForecast> rent_forecast(persistence::Store& store, Date as_of,
                                            FiscalYear first, FiscalYear last,
                                            bool assume_renewals,
                                            reports::ForecastGrouping grouping);

Result<reports::DataQuality> data_quality(persistence::Store& store, Date as_of,
                                          std::optional<MissionId> mission_id);

}  // namespace estate::app
