// The reports' charts, as data for line_chart (svg.h): built here from a report and what it
// was computed from, so the HTTP layer only asks for one and renders it. Each chart's words —
// title, axes, legend, markers — are in `lang` (the request's, domain/language.h), with
// DESIGN.md's glossary for 中文; figures, codes and dates are the same in both.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <vector>

#include "reports/budget.h"
#include "reports/lease_vs_buy.h"
#include "reports/ownership.h"
#include "reports/purchase_plan.h"
#include "reports/rent_forecast.h"
#include "reports/rent_savings.h"
#include "domain/language.h"
#include "reports/svg.h"

namespace estate::reports {

// The ownership ratio by fiscal year, by count and by area; nullopt without a trend.
std::optional<Chart> ownership_trend_chart(const OwnershipReport& report,
                                          Language lang = Language::en);

// One acquisition's cumulative net savings from occupation through the payback date or the
// as-of date, whichever is later (realised, then projected), against what it cost; nullopt
// before occupation. An error when a figure does not fit (as for rent_savings).
Result<std::optional<Chart>> savings_chart(const SavingsInput& input,
                                           const AcquisitionSavings& savings, Date as_of,
                                           Language lang = Language::en);

// Lease against buy: the cumulative present cost of each, year by year over the horizon, with
// the payback year marked when it falls within it.
Chart lease_vs_buy_chart(const std::string& code, const LeaseVsBuy& figures,
                         Language lang = Language::en);

// A project's S-curve: PV, and EV and AC up to the as-of date, against its BAC.
Chart s_curve_chart(const Project& project, const std::vector<SCurvePoint>& points, Date as_of,
                    Date through, Language lang = Language::en);

// The purchase plan as a scatter: each candidate with TWD figures at (cost, present-value
// saving), in millions of NT$, the selected ones a series apart, each labelled by its code.
Chart purchase_plan_chart(const PurchasePlan& plan, Language lang = Language::en);

// The rent forecast: a bar per fiscal year of its TWD total at the planning rate (a year
// without one, for a missing rate, has no bar and says so in the title).
Chart rent_forecast_chart(const RentForecast& forecast, Language lang = Language::en);

}  // namespace estate::reports
