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

Result<Money> annual_rent_on(const std::vector<Lease>& replaced, Currency c, Date d) {
  MoneySum r0("annual_rent", c);
  for (const Lease& l : replaced) {
    RentSchedule schedule(l);
    r0.add_minor(schedule.annual_on(d));
    if (schedule.overflowed()) return Error::invalid_field("annual_rent", "exceeds the largest amount");
  }
  return r0.total();
}

// With D = 10^6, r = ρ/D and e = u/D, every sum is a fraction of integers, kept unreduced
// (no gcd: the purchase plan prices many purchases, and reducing is what costs):
//   A = D·Σₜ (D+u)^(t−1) (D+ρ)^(N−t) / Q,  B = Σₜ D^t (D+ρ)^(N−t) / Q,  Q = (D+ρ)^N
//   Gₜ = Nₜ / D^(t−1),  N₁ = 1,  Nₜ₊₁ = Nₜ·D + (D+u)^t.
struct LeaseVsBuyFactors::Sums {
  cpp_int a, b, q;
  std::vector<cpp_int> n, d_power;  // Nₜ and D^(t−1), t = 1 … 100
};

namespace {
// n / d (d > 0) rounded half away from zero; invalid naming `figure` beyond int64.
Result<std::int64_t> rounded_quotient(const cpp_int& n, const cpp_int& d, const char* figure) {
  cpp_int q = (2 * abs(n) + d) / (2 * d);
  if (n < 0) q = -q;
  if (q > INT64_MAX || q < -INT64_MAX)
    return Error::invalid("a figure is too large to compute",
                          {{figure, "exceeds the largest amount this service holds"}});
  return static_cast<std::int64_t>(q);
}
}  // namespace

LeaseVsBuyFactors::LeaseVsBuyFactors(const Decimal& discount_rate, int horizon_years,
                                     const Decimal& escalation)
    : sums_(std::make_unique<Sums>()) {
  const cpp_int d = pow10(kFractionScale);
  const cpp_int grow = d + escalation.rescale(kFractionScale)->units();
  const cpp_int disc = d + discount_rate.rescale(kFractionScale)->units();
  // Powers of (D+ρ) from 0 to N, then the two sums.
  std::vector<cpp_int> disc_power{1};
  for (int k = 1; k <= horizon_years; ++k) disc_power.push_back(disc_power.back() * disc);
  cpp_int grown = 1, d_to_t = 1;  // (D+u)^(t−1), D^t
  for (int t = 1; t <= horizon_years; ++t) {
    d_to_t *= d;
    sums_->a += grown * disc_power[static_cast<std::size_t>(horizon_years - t)];
    sums_->b += d_to_t * disc_power[static_cast<std::size_t>(horizon_years - t)];
    grown *= grow;
  }
  sums_->a *= d;
  sums_->q = disc_power.back();
  cpp_int n = 1, d_power = 1, growth_power = grow;  // N₁, D⁰, (D+u)¹
  for (int t = 1; t <= 100; ++t) {
    sums_->n.push_back(n);
    sums_->d_power.push_back(d_power);
    n = n * d + growth_power;
    growth_power *= grow;
    d_power *= d;
  }
}

LeaseVsBuyFactors::~LeaseVsBuyFactors() = default;
LeaseVsBuyFactors::LeaseVsBuyFactors(LeaseVsBuyFactors&&) noexcept = default;

Result<LeaseVsBuyFactors::Figures> LeaseVsBuyFactors::figures(
    const Money& annual_rent, const Money& operating_cost, const Money& invested,
    std::optional<Decimal> twd_rate) const {
  const Currency c = invested.currency();
  const cpp_int rent(annual_rent.minor_units()), op(operating_cost.minor_units()),
      paid(invested.minor_units());
  // saving = (R·A' − O·B' − (P+C)·Q) / Q, in minor units.
  const cpp_int numerator = rent * sums_->a - op * sums_->b - paid * sums_->q;
  Figures out;
  auto saving = rounded_quotient(numerator, sums_->q, "saving_pv");
  if (!saving.ok()) return saving.error();
  out.saving_pv = Money::from_minor(*saving, c);
  if (twd_rate) {
    // × rate (units of 10^-6) × 10^(TWD digits − local digits), exactly, then rounded once.
    const cpp_int n = numerator * twd_rate->units() * pow10(Currency::twd().minor_digits());
    const cpp_int q = sums_->q * pow10(twd_rate->scale()) * pow10(c.minor_digits());
    auto twd = rounded_quotient(n, q, "saving_pv_twd");
    if (!twd.ok()) return twd.error();
    out.saving_pv_twd = Money::from_minor(*twd, Currency::twd());
  }
  // Payback: R·Nₜ ≥ (P + C + O·t)·D^(t−1).
  for (int t = 1; t <= 100; ++t) {
    const auto i = static_cast<std::size_t>(t - 1);
    if (rent * sums_->n[i] >= (paid + op * t) * sums_->d_power[i]) {
      out.payback_year = t;
      break;
    }
  }
  return out;
}

Result<LeaseVsBuy> lease_vs_buy(const Acquisition& a, const std::vector<Lease>& replaced,
                                Date as_of, const LeaseVsBuyParameters& p) {
  const Currency c = a.price.currency();
  // Rule 4: R₀ is read on the occupied date once the purchase was occupied by as_of, and on
  // as_of before then (a stage dated after as_of has not happened yet on that day).
  const std::optional<Date> occupied = a.occupied_on();
  LeaseVsBuy out{c,
                 occupied && *occupied <= as_of ? *occupied : as_of,
                 Money::zero(c),
                 p.escalation.value_or(default_escalation(replaced)),
                 p.discount_rate,
                 p.horizon_years,
                 Money::from_minor(p.residual_minor.value_or(0), c),
                 Money::zero(c),
                 Money::zero(c),
                 Money::zero(c),
                 std::nullopt,
                 {}};
  auto annual_rent = annual_rent_on(replaced, c, out.rent_on);
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
