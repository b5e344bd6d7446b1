#include "reports/lease_vs_buy.h"

#include <boost/multiprecision/cpp_int.hpp>

#include "reports/rent.h"

namespace estate::reports {

namespace {

using boost::multiprecision::cpp_int;
using boost::multiprecision::cpp_rational;

cpp_rational exact(const Decimal& d) {
  return cpp_rational(cpp_int(d.units()), cpp_int(pow10(d.scale())));
}

cpp_rational exact(const Money& m) {
  return cpp_rational(cpp_int(m.minor_units()));
}

// x rounded once, half away from zero, to a whole number of minor units.
Result<Money> round_minor(const cpp_rational& x, Currency c, const char* figure) {
  const cpp_int n = boost::multiprecision::numerator(x), d = boost::multiprecision::denominator(x);
  cpp_int q = (2 * abs(n) + d) / (2 * d);  // d > 0
  if (n < 0) q = -q;
  if (q > INT64_MAX || q < -INT64_MAX) {
    return Error::invalid("a figure is too large to compute",
                          {{figure, "exceeds the largest amount this service holds; shorten "
                                    "horizon_years or lower escalation_pct"}});
  }
  return Money::from_minor(static_cast<std::int64_t>(q), c);
}

}  // namespace

Decimal default_escalation(const std::vector<Lease>& replaced) {
  for (const Lease& l : replaced) {
    if (l.escalation.kind == EscalationKind::fixed_pct && l.escalation.pct) {
      // pct has at most 2 places; pct / 100 has at most 4.
      if (auto pct = l.escalation.pct->rescale(2); pct.ok())
        return Decimal::from_units(pct->units() * 100, kFractionScale);
    }
  }
  return Decimal::from_units(0, kFractionScale);
}

Result<LeaseVsBuy> lease_vs_buy(const Acquisition& a, const std::vector<Lease>& replaced,
                                Date as_of, const LeaseVsBuyParameters& p) {
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
                 std::nullopt,
                 std::nullopt,
                 {}};
  MoneySum r0("annual_rent", c);
  for (const Lease& l : replaced) {
    RentSchedule schedule(l);
    r0.add_minor(schedule.annual_on(out.rent_on));
    if (schedule.overflowed()) return Error::invalid_field("annual_rent", "exceeds the largest amount");
  }
  auto annual_rent = r0.total();
  if (!annual_rent.ok()) return annual_rent.error();
  out.annual_rent = *annual_rent;

  const cpp_rational rent = exact(out.annual_rent), op = exact(a.operating_cost_annual);
  const cpp_rational invested = exact(a.price) + exact(a.costs);
  const cpp_rational discount = 1 + exact(out.discount_rate), growth = 1 + exact(out.escalation);
  cpp_rational leasing = 0, buying = invested, discounted = 1, grown = 1;
  auto year = [&](int t) -> Status {
    auto lease_then = round_minor(leasing, c, "lease_cost_pv");
    if (!lease_then.ok()) return lease_then.error();
    auto buy_then = round_minor(buying, c, "buy_cost_pv");
    if (!buy_then.ok()) return buy_then.error();
    out.by_year.push_back({t, *lease_then, *buy_then});
    return {};
  };
  if (Status s = year(0); !s.ok()) return s.error();
  for (int t = 1; t <= p.horizon_years; ++t) {
    discounted /= discount;  // 1/(1+r)^t
    leasing += rent * grown * discounted;
    buying += op * discounted;
    grown *= growth;  // (1+e)^t, for t+1
    if (t == p.horizon_years) buying -= exact(out.residual_value) * discounted;
    if (Status s = year(t); !s.ok()) return s.error();
  }
  auto lease_pv = round_minor(leasing, c, "lease_cost_pv");
  auto buy_pv = round_minor(buying, c, "buy_cost_pv");
  auto saving = round_minor(leasing - buying, c, "saving_pv");
  for (const Result<Money>* figure : {&lease_pv, &buy_pv, &saving})
    if (!figure->ok()) return figure->error();
  out.lease_cost_pv = *lease_pv;
  out.buy_cost_pv = *buy_pv;
  out.saving_pv = *saving;
  if (p.twd_rate) {
    // local minor × 10^-digits × rate = TWD minor × 10^-2, exactly; rounded once.
    const cpp_rational twd = (leasing - buying) * exact(*p.twd_rate) *
                             cpp_int(pow10(Currency::twd().minor_digits())) /
                             cpp_int(pow10(c.minor_digits()));
    auto converted = round_minor(twd, Currency::twd(), "saving_pv_twd");
    if (!converted.ok()) return converted.error();
    out.saving_pv_twd = *converted;
  }

  cpp_rational cumulative = 0;
  grown = 1;
  for (int t = 1; t <= 100; ++t) {
    cumulative += rent * grown - op;
    if (cumulative >= invested) {
      out.payback_year = t;
      break;
    }
    grown *= growth;
  }
  return out;
}

}  // namespace estate::reports
