// Conversion to New Taiwan dollars at the rate in effect on a day: the latest FX rate of the
// currency whose effective date is on or before that day. TWD converts at exactly 1.
// Thread-safety: immutable after construction.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "domain/fx_rate.h"

namespace estate::reports {

class FxTable {
 public:
  explicit FxTable(const std::vector<FxRate>& rates);
  // TWD per unit of `currency` on `d`, or nullopt when no rate is in effect yet.
  std::optional<Decimal> rate_on(Currency currency, Date d) const;

 private:
  std::map<Currency, std::map<date::sys_days, Decimal>> rates_;
};

}  // namespace estate::reports
