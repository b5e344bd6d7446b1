// Fiscal-year arithmetic that reports share: the years of a range and the day each ends, the
// points at which trend reports sample the register. Pure functions.
#pragma once

#include <vector>

#include "domain/calendar.h"

namespace estate::reports {

// The fiscal years from `first` to `last` inclusive, in order; empty when first > last.
std::vector<FiscalYear> fiscal_years(FiscalYear first, FiscalYear last);

// The day on which a fiscal-year trend samples `year` as of `as_of`: the year's last day, or
// `as_of` itself for a year not yet over.
Date sample_day(FiscalYear year, Date as_of);

}  // namespace estate::reports
