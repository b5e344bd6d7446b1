// The purchase plan (優先購置規劃), DESIGN.md report definition 9: as of day D, every candidate
// acquisition — one whose stage on D (by its dated history) is proposed, appraised or
// budget_approved — with its lease-vs-buy figures (rule 4: discount rate r, horizon N,
// escalation = the replaced leases' fixed pct or 0, V = 0, R₀ = the replaced leases' annual
// rent in force on D), its cost (price + costs) and present-value saving in TWD at the rate in
// effect on D (each rounded once), and the overall ownership ratio as of D were its property
// owned on D. Ranked by saving_pv_twd descending (nulls last), then code.
//
// With a budget envelope B (TWD), the exact optimal selection: among candidates with
// saving_pv > 0 and a rate, the subset with Σ cost_twd ≤ B that maximises Σ saving_pv_twd (in
// minor units); ties go to the smaller Σ cost_twd, then to the set whose sorted codes come
// first. It is found by depth-first branch and bound (items in saving/cost order, Martello and
// Toth's U2 bound, integers throughout) that visits at most kMaxPlanNodes nodes;
// when the optimum is not proven within that bound the answer is an invalid error naming
// `budget` — never a heuristic presented as the optimum.
// Pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/mission.h"
#include "domain/property.h"
#include "reports/fx.h"
#include "reports/lease_vs_buy.h"
#include "reports/ownership.h"
#include "reports/rent_savings.h"

namespace estate::reports {

// The work bound of the selection: search nodes visited (each a decision to take or leave one
// candidate): under a tenth of a second of work here. The demo needs a dozen; the bench
// portfolio's 88 usable candidates at most about 800,000, for the hardest envelope swept in
// steps of NT$500 million (most need a few thousand).
inline constexpr std::int64_t kMaxPlanNodes = 2'000'000;
// Up to this many usable candidates the search is first reduced (candidates provably in or out
// of every optimal set are fixed, O(n²)); beyond, it runs on all of them.
inline constexpr std::size_t kMaxReducedCandidates = 5'000;

struct PurchasePlanParameters {
  Decimal discount_rate = Decimal::from_units(20'000, kFractionScale);  // r = 0.02
  int horizon_years = 30;                                               // N
  std::optional<Money> budget;                                          // B, TWD
  std::optional<MissionId> mission_id;  // narrows the candidates before the selection
  std::optional<Region> region;
};

struct PlanCandidate {
  int rank = 0;
  AcquisitionId acquisition_id;
  std::string code;
  PropertyId property_id;
  std::string property_code, mission_code;  // mission_code empty without a mission
  AcquisitionStage stage = AcquisitionStage::proposed;  // on D
  Currency currency;
  Money price = Money::zero(Currency::twd()), costs = Money::zero(Currency::twd()),
        annual_rent = Money::zero(Currency::twd()), saving_pv = Money::zero(Currency::twd());
  std::optional<int> payback_year;
  std::optional<Money> cost_twd, saving_pv_twd;  // nullopt without a rate on D
  std::optional<Decimal> ratio_count_after, ratio_area_after;
  bool selected = false;
};

struct OwnershipRatios {
  std::optional<Decimal> ratio_count, ratio_area;
};

struct PurchasePlan {
  Date as_of{};
  std::optional<Money> budget;
  std::vector<PlanCandidate> candidates;  // in rank order
  Money selected_cost_twd = Money::zero(Currency::twd());
  Money selected_saving_pv_twd = Money::zero(Currency::twd());
  OwnershipRatios ownership_now, ownership_if_selected;
  std::vector<std::string> missing_rates;  // "GBP on 2026-06-30"
};

// The stage `acquisition` had reached on `d` by its dated history; nullopt before its first.
std::optional<AcquisitionStage> stage_on(const Acquisition& acquisition, Date d);
// Whether it is a candidate purchase on `d`: proposed, appraised or budget_approved then.
bool is_candidate_on(const Acquisition& acquisition, Date d);

// One item of the selection problem: a candidate's integer cost and saving.
struct KnapsackItem {
  std::string code;
  std::int64_t cost = 0, saving = 0;
};

// The indices (into `items`) of the optimal selection as defined above, in ascending order;
// invalid naming `budget` when more than `max_nodes` nodes would be needed to prove it. Items
// with saving ≤ 0 or cost < 0 are never chosen.
Result<std::vector<std::size_t>> optimal_selection(const std::vector<KnapsackItem>& items,
                                                   std::int64_t budget,
                                                   std::int64_t max_nodes = kMaxPlanNodes);

// `acquisitions` are every acquisition with its replaced leases; `properties` and `missions`
// the whole register (the ratio counts them all).
Result<PurchasePlan> purchase_plan(const std::vector<SavingsInput>& acquisitions,
                                   const std::vector<Property>& properties,
                                   const std::vector<Mission>& missions, const FxTable& fx,
                                   Date as_of, const PurchasePlanParameters& parameters);

}  // namespace estate::reports
