// Lease versus buy, DESIGN.md report definition 4: the present value of leasing on versus
// buying, annual flows in arrears for t = 1…N at discount rate r. R₀ is the annual rent of the
// replaced leases in force on the occupied date (or on the as-of date before occupation), e
// its yearly escalation, O the annual operating cost of owning, P + C the price and costs,
// V the residual value after N years:
//   leasing = Σₜ R₀(1+e)^(t−1)/(1+r)^t
//   buying  = P + C + Σₜ O/(1+r)^t − V/(1+r)^N
//   saving  = leasing − buying
// The cumulative figures after each year are computed the same way (LeaseVsBuyYear).
//   payback year = the first t with Σₖ≤ₜ (R₀(1+e)^(k−1) − O) ≥ P + C (searched up to 100
//   years, past the horizon if need be; nullopt if never).
// Every figure is computed in exact rationals (no floating point) and rounded once, half away
// from zero, to the minor unit; a figure beyond int64 minor units is an invalid error naming
// it. The parameters' documented ranges are below; the HTTP layer enforces them.
// Pure functions.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "domain/acquisition.h"
#include "domain/lease.h"

namespace estate::reports {

// Fractions (r, e) carry six decimal places: 0.025000 is 2.5 %.
inline constexpr int kFractionScale = 6;
// The documented ranges of the parameters, inclusive.
inline constexpr std::int64_t kMinDiscountRateUnits = -100'000;   // −0.10
inline constexpr std::int64_t kMaxDiscountRateUnits = 1'000'000;  // 1.00
inline constexpr std::int64_t kMinEscalationUnits = -500'000;     // −50 %
inline constexpr std::int64_t kMaxEscalationUnits = 1'000'000;    // 100 %
inline constexpr int kMaxHorizonYears = 100;

struct LeaseVsBuyParameters {
  Decimal discount_rate = Decimal::from_units(20'000, kFractionScale);  // r = 0.02
  int horizon_years = 30;                                               // N
  std::optional<Decimal> escalation;  // e, a fraction; default from the lease
  std::optional<std::int64_t> residual_minor;  // V; default 0
};

// The cumulative present values after `year` years (0 … N): what leasing and buying have
// cost by then, discounted as above; buying starts at P + C, and V comes off in year N.
struct LeaseVsBuyYear {
  int year = 0;
  Money lease_cumulative_pv, buy_cumulative_pv;
};

struct LeaseVsBuy {
  Currency currency;
  Date rent_on{};     // the day R₀ is read
  Money annual_rent;  // R₀
  Decimal escalation = Decimal::from_units(0, kFractionScale);  // e used
  Decimal discount_rate = Decimal::from_units(0, kFractionScale);
  int horizon_years = 0;
  Money residual_value;
  Money lease_cost_pv, buy_cost_pv, saving_pv;
  std::optional<int> payback_year;
  std::vector<LeaseVsBuyYear> by_year;  // N + 1 entries; the last one's figures are the PVs
};

// R₀: the annual rent of the replaced leases in force on `d`, in `currency`; invalid naming
// annual_rent when it does not fit.
Result<Money> annual_rent_on(const std::vector<Lease>& replaced, Currency currency, Date d);

// The sums of rule 4 that depend only on (r, N, e) — A = Σₜ (1+e)^(t−1)/(1+r)^t,
// B = Σₜ 1/(1+r)^t and Gₜ = Σₖ≤ₜ (1+e)^(k−1) for t ≤ 100 — computed once, exactly, and shared by
// every purchase with that escalation (the purchase plan prices many at once). With them,
// exactly as lease_vs_buy computes it with V = 0: saving = R₀·A − (P + C) − O·B, and the
// payback year is the first t with R₀·Gₜ − O·t ≥ P + C. Thread-safety: immutable once built.
class LeaseVsBuyFactors {
 public:
  LeaseVsBuyFactors(const Decimal& discount_rate, int horizon_years, const Decimal& escalation);
  ~LeaseVsBuyFactors();
  LeaseVsBuyFactors(LeaseVsBuyFactors&&) noexcept;

  struct Figures {
    Money saving_pv = Money::zero(Currency::twd());
    std::optional<Money> saving_pv_twd;  // when a rate is given
    std::optional<int> payback_year;
  };
  // The figures of a purchase with annual rent R₀, operating cost O and price + costs, all in
  // one currency; saving_pv_twd converts the exact saving at `twd_rate`, rounded once.
  Result<Figures> figures(const Money& annual_rent, const Money& operating_cost,
                          const Money& invested, std::optional<Decimal> twd_rate) const;

 private:
  struct Sums;
  std::unique_ptr<Sums> sums_;
};

// The default escalation: the first replaced lease's fixed percentage / 100, else 0.
Decimal default_escalation(const std::vector<Lease>& replaced);

Result<LeaseVsBuy> lease_vs_buy(const Acquisition& acquisition, const std::vector<Lease>& replaced,
                                Date as_of, const LeaseVsBuyParameters& parameters);

}  // namespace estate::reports
