#include "reports/fx.h"

namespace estate::reports {

FxTable::FxTable(const std::vector<FxRate>& rates) {
  for (const FxRate& r : rates) {
    rates_[r.currency].insert_or_assign(date::sys_days(r.effective), r.twd_per_unit);
  }
}

std::optional<Decimal> FxTable::rate_on(Currency currency, Date d) const {
  if (currency == Currency::twd()) return Decimal::from_units(1, 0);
  auto it = rates_.find(currency);
  if (it == rates_.end()) return std::nullopt;
  auto after = it->second.upper_bound(date::sys_days(d));
  if (after == it->second.begin()) return std::nullopt;
  return std::prev(after)->second;
}

}  // namespace estate::reports
