// The rent forecast for budget preparation (租金預估, 預算籌編), DESIGN.md report definition 10:
// as of day D, for each fiscal year Y of a range (at most kMaxForecastYears), the rent every
// lease accrues (rule 2, escalation included) on the days d of Y with D < d and
// start ≤ d ≤ end — per currency, and in TWD at the planning rate (the latest rate effective
// on or before D) applied to each currency's exact yearly total, summed and rounded once.
//
// With renewals assumed, a lease whose earliest renewal option with an exercise-by date on or
// after D is still open (the register records no exercised options, so every such option is)
// runs on past its end for that option's years — to the end's anniversary that many years
// later (29 February → 28 February) — its escalation continuing. A lease an acquisition
// replaces stops accruing from the day after that acquisition's occupied date.
// A year whose total needs a currency without a planning rate has a null TWD total, and the
// currency is listed in missing_rates ("GBP on 2026-06-30"). Overall and, when asked, by
// mission (code; null for domestic property) or by region. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/acquisition.h"
#include "domain/lease.h"
#include "domain/mission.h"
#include "domain/property.h"
#include "reports/fx.h"

namespace estate::reports {

inline constexpr int kMaxForecastYears = 10;

enum class ForecastGrouping { none, mission, region };

struct ForecastYear {
  FiscalYear fiscal_year;
  std::vector<Money> by_currency;  // currencies with rent accruing that year, by code
  std::optional<Money> total_twd;  // nullopt when a planning rate is missing
};

struct ForecastGroup {
  std::string key;  // mission code ("" for domestic property) or region
  std::vector<ForecastYear> fiscal_years;
};

struct RentForecast {
  Date as_of{};
  bool renewals_assumed = false;
  std::vector<ForecastYear> fiscal_years;
  std::vector<ForecastGroup> groups;  // ordered by key; empty without a grouping
  std::vector<std::string> missing_rates;
};

// The day a lease's rent last accrues in the forecast: its end, its assumed renewal's end,
// or the replacing acquisition's occupied date, whichever the rules above give.
Date forecast_last_day(const Lease& lease, Date as_of, bool assume_renewals,
                       std::optional<Date> occupied_on);

// `years` is first … last (the caller checks the span); `acquisitions` tell which leases are
// replaced; `properties` and `missions` place each lease for the grouping.
Result<RentForecast> rent_forecast(const std::vector<Lease>& leases,
                                   const std::vector<Acquisition>& acquisitions,
                                   const std::vector<Property>& properties,
                                   const std::vector<Mission>& missions, const FxTable& fx,
                                   Date as_of, FiscalYear first, FiscalYear last,
                                   bool assume_renewals, ForecastGrouping grouping);

}  // namespace estate::reports
