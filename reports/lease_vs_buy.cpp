#include "reports/lease_vs_buy.h"

#include <cmath>

#include "reports/rent.h"

namespace estate::reports {

namespace {

Money round_minor(long double minor, Currency c) {
  return Money::from_minor(static_cast<std::int64_t>(std::llround(minor)), c);  // half away
}

}  // namespace

long double default_escalation(const std::vector<Lease>& replaced) {
  for (const Lease& l : replaced) {
    if (l.escalation.kind == EscalationKind::fixed_pct && l.escalation.pct) {
      return static_cast<long double>(l.escalation.pct->units()) /
             static_cast<long double>(pow10(l.escalation.pct->scale())) / 100.0L;
    }
  }
  return 0.0L;
}

LeaseVsBuy lease_vs_buy(const Acquisition& a, const std::vector<Lease>& replaced, Date as_of,
                        const LeaseVsBuyParameters& p) {
  const Currency c = a.price.currency();
  LeaseVsBuy out{c,
                 a.occupied_on().value_or(as_of),
                 Money::zero(c),
                 p.escalation.value_or(default_escalation(replaced)),
                 p.discount_rate,
                 p.horizon_years,
                 Money::from_minor(p.residual_minor.value_or(0), c),
                 Money::zero(c),
                 Money::zero(c),
                 Money::zero(c),
                 std::nullopt};
  std::int64_t r0 = 0;
  for (const Lease& l : replaced) r0 += RentSchedule(l).annual_on(out.rent_on);
  out.annual_rent = Money::from_minor(r0, c);

  const long double r = p.discount_rate, e = out.escalation;
  const long double invested = static_cast<long double>(a.price.minor_units()) +
                               static_cast<long double>(a.costs.minor_units());
  const long double op = static_cast<long double>(a.operating_cost_annual.minor_units());
  long double leasing = 0, buying = invested;
  for (int t = 1; t <= p.horizon_years; ++t) {
    const long double discount = std::pow(1.0L + r, static_cast<long double>(t));
    leasing += static_cast<long double>(r0) * std::pow(1.0L + e, static_cast<long double>(t - 1)) /
               discount;
    buying += op / discount;
  }
  buying -= static_cast<long double>(out.residual_value.minor_units()) /
            std::pow(1.0L + r, static_cast<long double>(p.horizon_years));
  out.lease_cost_pv = round_minor(leasing, c);
  out.buy_cost_pv = round_minor(buying, c);
  out.saving_pv = round_minor(leasing - buying, c);

  long double cumulative = 0;
  for (int t = 1; t <= 100; ++t) {
    cumulative +=
        static_cast<long double>(r0) * std::pow(1.0L + e, static_cast<long double>(t - 1)) - op;
    if (cumulative >= invested) {
      out.payback_year = t;
      break;
    }
  }
  return out;
}

}  // namespace estate::reports
