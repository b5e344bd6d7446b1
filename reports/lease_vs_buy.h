// Lease versus buy, DESIGN.md report definition 4: the present value of leasing on versus
// buying, annual flows in arrears for t = 1…N at discount rate r. R₀ is the annual rent of the
// replaced leases in force on the occupied date (or on the as-of date before occupation), e
// its yearly escalation, O the annual operating cost of owning, P + C the price and costs,
// V the residual value after N years:
//   leasing = Σₜ R₀(1+e)^(t−1)/(1+r)^t
//   buying  = P + C + Σₜ O/(1+r)^t − V/(1+r)^N
//   saving  = leasing − buying
//   payback year = the first t with Σₖ≤ₜ (R₀(1+e)^(k−1) − O) ≥ P + C (searched up to 100
//   years, past the horizon if need be; nullopt if never).
// Present values use long double internally and are rounded to the minor unit at output.
// Pure functions.
#pragma once

#include <optional>
#include <vector>

#include "domain/acquisition.h"
#include "domain/lease.h"

namespace estate::reports {

struct LeaseVsBuyParameters {
  long double discount_rate = 0.02L;           // r, a fraction
  int horizon_years = 30;                      // N
  std::optional<long double> escalation;       // e, a fraction; default from the lease
  std::optional<std::int64_t> residual_minor;  // V; default 0
};

struct LeaseVsBuy {
  Currency currency;
  Date rent_on{};              // the day R₀ is read
  Money annual_rent;           // R₀
  long double escalation = 0;  // e used
  long double discount_rate = 0;
  int horizon_years = 0;
  Money residual_value;
  Money lease_cost_pv, buy_cost_pv, saving_pv;
  std::optional<int> payback_year;
};

// The default escalation: the first replaced lease's fixed percentage, else 0.
long double default_escalation(const std::vector<Lease>& replaced);

LeaseVsBuy lease_vs_buy(const Acquisition& acquisition, const std::vector<Lease>& replaced,
                        Date as_of, const LeaseVsBuyParameters& parameters);

}  // namespace estate::reports
