// An FxRate says how many New Taiwan dollars one unit of a currency was worth from a date on
// (until the next rate of that currency takes effect): the rate reports convert local figures
// to TWD with. Exact: a decimal with six places, never a float. Thread-safety: plain value.
#pragma once

#include "domain/calendar.h"
#include "domain/currency.h"
#include "domain/decimal.h"
#include "domain/ids.h"
#include "domain/record.h"
#include "domain/result.h"

namespace estate {

struct FxRate {
  FxRateId id;
  Currency currency;
  Date effective{};
  Decimal twd_per_unit = Decimal::from_units(0, 6);
  RecordMeta meta;
};

inline constexpr int kFxRateScale = 6;

// A rate is for a currency other than TWD, positive, with at most six decimal places.
std::vector<FieldError> validate(const FxRate& rate);

}  // namespace estate
