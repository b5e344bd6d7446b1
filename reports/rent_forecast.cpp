#include "reports/rent_forecast.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "reports/fiscal_calendar.h"
#include "reports/rent.h"

namespace estate::reports {

namespace {

// Exact accruals of one year, by currency.
using YearAccruals = std::map<Currency, Accrual>;
// By fiscal year (AD), for one group or overall.
using Accruals = std::map<int, YearAccruals>;

Result<ForecastYear> finish_year(FiscalYear fy, const YearAccruals& accruals, const FxTable& fx,
                                 Date as_of, std::vector<std::string>& missing) {
  ForecastYear out{fy, {}, std::nullopt};
  Int128 twd = 0;
  bool known = true;
  for (const auto& [currency, accrual] : accruals) {
    auto amount = accrual.rounded(currency, "by_currency");
    if (!amount.ok()) return amount.error();
    out.by_currency.push_back(*amount);
    const auto rate = fx.rate_on(currency, as_of);
    if (!rate) {
      known = false;
      const std::string m = std::string(currency.code()) + " on " + format_date(as_of);
      if (std::find(missing.begin(), missing.end(), m) == missing.end()) missing.push_back(m);
      continue;
    }
    auto scaled = twd_scaled(accrual, currency, *rate, "total_twd");
    if (!scaled.ok()) return scaled.error();
    if (__builtin_add_overflow(twd, *scaled, &twd))
      return Error::invalid("a figure is too large to compute",
                            {{"total_twd", "exceeds the largest amount this service holds"}});
  }
  if (known) {
    auto total = twd_scaled_rounded(twd, "total_twd");
    if (!total.ok()) return total.error();
    out.total_twd = *total;
  }
  return out;
}

Result<std::vector<ForecastYear>> finish(const Accruals& accruals, FiscalYear first,
                                         FiscalYear last, const FxTable& fx, Date as_of,
                                         std::vector<std::string>& missing) {
  std::vector<ForecastYear> out;
  static const YearAccruals none;
  for (FiscalYear fy : fiscal_years(first, last)) {
    auto it = accruals.find(fy.ad());
    auto year = finish_year(fy, it == accruals.end() ? none : it->second, fx, as_of, missing);
    if (!year.ok()) return year.error();
    out.push_back(std::move(*year));
  }
  return out;
}

}  // namespace

Date forecast_last_day(const Lease& lease, Date as_of, bool assume_renewals,
                       std::optional<Date> occupied_on) {
  Date last = lease.end;
  if (assume_renewals) {
    const LeaseOption* earliest = nullptr;
    for (const LeaseOption& o : lease.options) {
      if (o.kind != LeaseOptionKind::renewal || o.exercise_by < as_of) continue;
      if (!earliest || o.exercise_by < earliest->exercise_by) earliest = &o;
    }
    if (earliest && earliest->years) last = anniversary(lease.end, *earliest->years);
  }
  if (occupied_on && *occupied_on < last) last = *occupied_on;
  return last;
}

Result<RentForecast> rent_forecast(const std::vector<Lease>& leases,
                                   const std::vector<Acquisition>& acquisitions,
                                   const std::vector<Property>& properties,
                                   const std::vector<Mission>& missions, const FxTable& fx,
                                   Date as_of, FiscalYear first, FiscalYear last,
                                   bool assume_renewals, ForecastGrouping grouping) {
  const std::map<LeaseId, Date> occupied = replaced_leases_occupied_on(acquisitions);
  std::unordered_map<std::int64_t, const Property*> property_by_id;
  for (const Property& p : properties) property_by_id.emplace(p.id.value(), &p);
  std::unordered_map<std::int64_t, const Mission*> mission_by_id;
  for (const Mission& m : missions) mission_by_id.emplace(m.id.value(), &m);
  auto key_of = [&](const Lease& l) -> std::string {
    auto p = property_by_id.find(l.property_id.value());
    const Mission* m = nullptr;
    if (p != property_by_id.end() && p->second->mission_id) {
      if (auto found = mission_by_id.find(p->second->mission_id->value());
          found != mission_by_id.end())
        m = found->second;
    }
    if (grouping == ForecastGrouping::mission) return m ? m->code : "";
    return std::string(to_string(m ? m->region : Region::domestic));
  };

  Accruals overall;
  std::map<std::string, Accruals> groups;
  const Date after_as_of = next_day(as_of);
  for (const Lease& lease : leases) {
    auto replaced = occupied.find(lease.id);
    const Date last_day = forecast_last_day(
        lease, as_of, assume_renewals,
        replaced == occupied.end() ? std::nullopt : std::optional<Date>(replaced->second));
    RentSchedule schedule(lease);
    for (FiscalYear fy : fiscal_years(first, last)) {
      const Date from = std::max({fy.first_day(), after_as_of, lease.start});
      const Date to = std::min(fy.last_day(), last_day);
      if (to < from) continue;
      const Accrual accrued = schedule.accrue(from, to);
      if (schedule.overflowed())
        return Error::invalid("a figure is too large to compute",
                              {{"by_currency", "an escalated rent exceeds the largest amount"}});
      overall[fy.ad()][lease.rent.currency()] += accrued;
      if (grouping != ForecastGrouping::none)
        groups[key_of(lease)][fy.ad()][lease.rent.currency()] += accrued;
    }
  }

  RentForecast out;
  out.as_of = as_of;
  out.renewals_assumed = assume_renewals;
  auto years = finish(overall, first, last, fx, as_of, out.missing_rates);
  if (!years.ok()) return years.error();
  out.fiscal_years = std::move(*years);
  for (const auto& [key, accruals] : groups) {
    auto group_years = finish(accruals, first, last, fx, as_of, out.missing_rates);
    if (!group_years.ok()) return group_years.error();
    out.groups.push_back({key, std::move(*group_years)});
  }
  return out;
}

}  // namespace estate::reports
