#include "reports/purchase_plan.h"

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_map>

namespace estate::reports {

namespace {

// a × b, or nullopt when it would leave Int128 (the search then simply does not prune).
std::optional<Int128> times(Int128 a, Int128 b) {
  Int128 out = 0;
  if (__builtin_mul_overflow(a, b, &out)) return std::nullopt;
  return out;
}

// An upper bound on the saving reachable with the items of `order` from position `k` on (but
// `skip`), `room` left and `whole` already saved: Martello and Toth's U2. Taking items whole in
// saving/cost order until one (the critical item) no longer fits, either the critical item is
// left out — the room then earns at most the next item's ratio — or it is taken, and room is
// made by giving up taken items, which costs at least the last taken one's ratio; the larger
// of the two, floored (savings are integers). Nullopt when a product would leave Int128 (then
// nothing is pruned).
std::optional<Int128> saving_bound(const std::vector<KnapsackItem>& items,
                                  const std::vector<std::size_t>& order, std::size_t k,
                                  std::optional<std::size_t> skip, Int128 room, Int128 whole) {
  auto next_from = [&](std::size_t p) {
    while (p < order.size() && skip == p) ++p;
    return p;
  };
  std::optional<std::size_t> last;  // the last item taken whole
  for (k = next_from(k); k < order.size(); k = next_from(k + 1)) {
    const KnapsackItem& item = items[order[k]];
    if (item.cost <= room) {
      room -= item.cost;
      whole += item.saving;
      last = k;
      continue;
    }
    // item.cost > room ≥ 0; every later item has a ratio no higher, so a positive cost.
    Int128 without = whole;
    if (const std::size_t n = next_from(k + 1); n < order.size()) {
      const KnapsackItem& next = items[order[n]];
      auto earned = times(next.saving, room);
      if (!earned) return std::nullopt;
      without += *earned / next.cost;
    }
    if (!last || items[order[*last]].cost == 0) return without;  // it cannot be taken
    const KnapsackItem& given_up = items[order[*last]];
    auto lost = times(item.cost - room, given_up.saving);
    if (!lost) return std::nullopt;
    const Int128 with = whole + item.saving - (*lost + given_up.cost - 1) / given_up.cost;
    return std::max(without, with);
  }
  return whole;
}

struct Selection {
  Int128 saving = 0, cost = 0;
  std::vector<std::size_t> chosen;  // indices into the items, in the search's order
};

// The search over items sorted by saving/cost, descending.
class BranchAndBound {
 public:
  BranchAndBound(const std::vector<KnapsackItem>& items, std::vector<std::size_t> order,
                 std::int64_t budget, std::int64_t max_nodes)
      : items_(items), order_(std::move(order)), budget_(budget), max_nodes_(max_nodes) {}

  // False when the node budget ran out before the optimum was proven.
  bool run(Selection start) {
    visit(0, start);
    return !exceeded_;
  }
  const Selection& best() const { return best_; }
  std::int64_t nodes() const { return nodes_; }

 private:
  // Whether a complete selection beats the best so far: more saving, then less cost, then
  // sorted codes first.
  bool better(const Selection& s) const {
    if (s.saving != best_.saving) return s.saving > best_.saving;
    if (s.cost != best_.cost) return s.cost < best_.cost;
    return codes(s) < codes(best_);
  }
  std::vector<std::string> codes(const Selection& s) const {
    std::vector<std::string> out;
    for (std::size_t i : s.chosen) out.push_back(items_[i].code);
    std::sort(out.begin(), out.end());
    return out;
  }

  std::optional<Int128> bound(std::size_t k, const Selection& s) const {
    return saving_bound(items_, order_, k, std::nullopt, Int128(budget_) - s.cost, s.saving);
  }

  // Whether the subtree could still beat the best: a higher saving, or the same one at no
  // higher cost (the tie rules decide between equals at the leaves).
  bool promising(std::size_t k, const Selection& s) const {
    const auto reach = bound(k, s);
    if (!reach || *reach > best_.saving) return true;
    return *reach == best_.saving && s.cost <= best_.cost;
  }

  void visit(std::size_t k, Selection& s) {
    if (exceeded_) return;
    if (++nodes_ > max_nodes_) {
      exceeded_ = true;
      return;
    }
    if (k == order_.size()) {
      if (better(s)) best_ = s;
      return;
    }
    if (!promising(k, s)) return;
    const std::size_t i = order_[k];
    if (Int128(items_[i].cost) <= Int128(budget_) - s.cost) {
      s.saving += items_[i].saving;
      s.cost += items_[i].cost;
      s.chosen.push_back(i);
      visit(k + 1, s);
      s.chosen.pop_back();
      s.saving -= items_[i].saving;
      s.cost -= items_[i].cost;
    }
    visit(k + 1, s);
  }

  const std::vector<KnapsackItem>& items_;
  std::vector<std::size_t> order_;
  std::int64_t budget_, max_nodes_;
  std::int64_t nodes_ = 0;
  bool exceeded_ = false;
  Selection best_;  // the empty selection to begin with
};

// The acquisition as its history stood on `as_of`: the stages reached by then.
Acquisition as_on(const Acquisition& a, Date as_of) {
  Acquisition out = a;
  out.stages.clear();
  for (const StageEntry& e : a.stages)
    if (!(as_of < e.on)) out.stages.push_back(e);
  return out;
}

}  // namespace

std::optional<AcquisitionStage> stage_on(const Acquisition& a, Date d) {
  std::optional<AcquisitionStage> reached;
  for (const StageEntry& e : a.stages)
    if (!(d < e.on)) reached = e.stage;
  return reached;
}

bool is_candidate_on(const Acquisition& a, Date d) {
  const auto s = stage_on(a, d);
  return s == AcquisitionStage::proposed || s == AcquisitionStage::appraised ||
         s == AcquisitionStage::budget_approved;
}

Result<std::vector<std::size_t>> optimal_selection(const std::vector<KnapsackItem>& items,
                                                   std::int64_t budget, std::int64_t max_nodes) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].saving > 0 && items[i].cost >= 0 && items[i].cost <= budget) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Int128 lhs = Int128(items[a].saving) * items[b].cost,
                 rhs = Int128(items[b].saving) * items[a].cost;  // each < 2^126
    if (lhs != rhs) return lhs > rhs;
    return items[a].code < items[b].code;
  });
  // Reduction: z, the greedy selection's saving, is at most the optimum. A candidate every
  // selection with which saves less than z is in no optimal set; one every selection without
  // which saves less than z is in all of them. The search then runs over the rest.
  Selection fixed;
  std::vector<std::size_t> open;
  if (order.size() <= kMaxReducedCandidates) {
    Int128 z = 0, room = budget;
    for (std::size_t i : order)
      if (items[i].cost <= room) room -= items[i].cost, z += items[i].saving;
    for (std::size_t p = 0; p < order.size(); ++p) {
      const KnapsackItem& item = items[order[p]];
      const auto with = saving_bound(items, order, 0, p, Int128(budget) - item.cost, item.saving);
      const auto without = saving_bound(items, order, 0, p, budget, 0);
      if (with && *with < z) continue;
      if (without && *without < z) {
        fixed.saving += item.saving;
        fixed.cost += item.cost;
        fixed.chosen.push_back(order[p]);
      } else {
        open.push_back(order[p]);
      }
    }
  } else {
    open = order;
  }
  BranchAndBound search(items, std::move(open), budget, max_nodes);
  if (!search.run(fixed)) {
    return Error::invalid(
        "the optimal selection could not be proven within the server's work bound",
        {{"budget", "choosing among these candidates needs more than " +
                        std::to_string(max_nodes) +
                        " search steps (the server's work bound); narrow the candidates with "
                        "mission_id or region"}});
  }
  std::vector<std::size_t> chosen = search.best().chosen;
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

Result<PurchasePlan> purchase_plan(const std::vector<SavingsInput>& acquisitions,
                                   const std::vector<Property>& properties,
                                   const std::vector<Mission>& missions, const FxTable& fx,
                                   Date as_of, const PurchasePlanParameters& p) {
  std::unordered_map<std::int64_t, const Property*> property_by_id;
  for (const Property& x : properties) property_by_id.emplace(x.id.value(), &x);
  std::unordered_map<std::int64_t, const Mission*> mission_by_id;
  for (const Mission& m : missions) mission_by_id.emplace(m.id.value(), &m);

  PurchasePlan plan;
  plan.as_of = as_of;
  plan.budget = p.budget;
  // Escalation units (6 places) → the rule-4 sums for it: few distinct values in a register.
  std::map<std::int64_t, LeaseVsBuyFactors> factors_by_escalation;
  const OwnershipOnDay held(properties, as_of);
  for (const SavingsInput& in : acquisitions) {
    if (!is_candidate_on(in.acquisition, as_of)) continue;
    const Acquisition then = as_on(in.acquisition, as_of);
    auto found = property_by_id.find(then.property_id.value());
    const Property* property = found == property_by_id.end() ? nullptr : found->second;
    const Mission* mission = nullptr;
    if (property && property->mission_id) {
      if (auto m = mission_by_id.find(property->mission_id->value()); m != mission_by_id.end())
        mission = m->second;
    }
    if (p.mission_id && !(property && property->mission_id == p.mission_id)) continue;
    if (p.region && (mission ? mission->region : Region::domestic) != *p.region) continue;

    const Currency c = then.price.currency();
    // Rule 4 on D (the candidate is not occupied then): R₀ on D, e the fixed pct or 0, V = 0.
    const Decimal escalation = default_escalation(in.replaced);
    auto factors = factors_by_escalation.find(escalation.units());
    if (factors == factors_by_escalation.end())
      factors = factors_by_escalation
                    .emplace(escalation.units(),
                             LeaseVsBuyFactors(p.discount_rate, p.horizon_years, escalation))
                    .first;
    auto annual_rent = annual_rent_on(in.replaced, c, as_of);
    if (!annual_rent.ok()) return annual_rent.error();
    auto invested = then.price.plus(then.costs);
    if (!invested.ok()) return invested.error();
    const auto rate = fx.rate_on(c, as_of);
    auto figures = factors->second.figures(*annual_rent, then.operating_cost_annual, *invested, rate);
    if (!figures.ok()) return figures.error();

    PlanCandidate cand;
    cand.acquisition_id = then.id;
    cand.code = then.code;
    cand.property_id = then.property_id;
    if (property) cand.property_code = property->code;
    if (mission) cand.mission_code = mission->code;
    cand.stage = then.stage();
    cand.currency = c;
    cand.price = then.price;
    cand.costs = then.costs;
    cand.annual_rent = *annual_rent;
    cand.saving_pv = figures->saving_pv;
    cand.payback_year = figures->payback_year;
    if (rate) {
      auto cost = invested->convert(*rate, Currency::twd());
      if (!cost.ok()) return cost.error();
      cand.cost_twd = *cost;
      cand.saving_pv_twd = figures->saving_pv_twd;
    } else {
      const std::string missing = std::string(c.code()) + " on " + format_date(as_of);
      if (std::find(plan.missing_rates.begin(), plan.missing_rates.end(), missing) ==
          plan.missing_rates.end())
        plan.missing_rates.push_back(missing);
    }
    const OwnershipFigures after = held.if_owned({then.property_id});
    cand.ratio_count_after = after.ratio_count;
    cand.ratio_area_after = after.ratio_area;
    plan.candidates.push_back(std::move(cand));
  }

  std::sort(plan.candidates.begin(), plan.candidates.end(),
            [](const PlanCandidate& a, const PlanCandidate& b) {
              if (a.saving_pv_twd.has_value() != b.saving_pv_twd.has_value())
                return a.saving_pv_twd.has_value();
              if (a.saving_pv_twd && a.saving_pv_twd->minor_units() != b.saving_pv_twd->minor_units())
                return a.saving_pv_twd->minor_units() > b.saving_pv_twd->minor_units();
              return a.code < b.code;
            });
  for (std::size_t i = 0; i < plan.candidates.size(); ++i)
    plan.candidates[i].rank = static_cast<int>(i + 1);

  std::vector<PropertyId> bought;
  if (p.budget) {
    std::vector<KnapsackItem> items;
    std::vector<std::size_t> candidate_of;
    for (std::size_t i = 0; i < plan.candidates.size(); ++i) {
      const PlanCandidate& cand = plan.candidates[i];
      if (!cand.cost_twd || !cand.saving_pv_twd || cand.saving_pv.minor_units() <= 0) continue;
      items.push_back({cand.code, cand.cost_twd->minor_units(), cand.saving_pv_twd->minor_units()});
      candidate_of.push_back(i);
    }
    auto chosen = optimal_selection(items, p.budget->minor_units());
    if (!chosen.ok()) return chosen.error();
    MoneySum cost("selected_cost_twd", Currency::twd()),
        saving("selected_saving_pv_twd", Currency::twd());
    for (std::size_t k : *chosen) {
      PlanCandidate& cand = plan.candidates[candidate_of[k]];
      cand.selected = true;
      cost.add(*cand.cost_twd);
      saving.add(*cand.saving_pv_twd);
      bought.push_back(cand.property_id);
    }
    auto total_cost = cost.total();
    if (!total_cost.ok()) return total_cost.error();
    auto total_saving = saving.total();
    if (!total_saving.ok()) return total_saving.error();
    plan.selected_cost_twd = *total_cost;
    plan.selected_saving_pv_twd = *total_saving;
  }
  const OwnershipFigures now = held.now();
  const OwnershipFigures if_selected = held.if_owned(bought);
  plan.ownership_now = {now.ratio_count, now.ratio_area};
  plan.ownership_if_selected = {if_selected.ratio_count, if_selected.ratio_area};
  return plan;
}

}  // namespace estate::reports
