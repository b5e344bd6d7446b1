#include "reports/ownership.h"

#include <algorithm>
#include <map>

#include "reports/fiscal_calendar.h"

namespace estate::reports {

std::optional<Decimal> ratio(Int128 owned, Int128 leased) {
  return quotient(owned, owned + leased, 4);
}

namespace {

void count(OwnershipFigures& f, TenureType type, const Decimal& area) {
  // Each stored area is at most 10^9 hundredths of a m² (validate(Property)); a sum that
  // would still leave int64 saturates rather than wrap.
  auto add = [](Decimal& total, const Decimal& a) {
    std::int64_t sum = 0;
    if (__builtin_add_overflow(total.units(), a.rescale(2)->units(), &sum)) sum = INT64_MAX;
    total = Decimal::from_units(sum, 2);
  };
  switch (type) {
    case TenureType::owned:
      ++f.owned;
      add(f.owned_m2, area);
      break;
    case TenureType::leased:
      ++f.leased;
      add(f.leased_m2, area);
      break;
    case TenureType::provided:
      ++f.provided;
      add(f.provided_m2, area);
      break;
  }
}

// Takes back what count() added for a property (a what-if that holds it otherwise).
void uncount(OwnershipFigures& f, TenureType type, const Decimal& area) {
  auto take = [](Decimal& total, const Decimal& a) {
    total = Decimal::from_units(total.units() - a.rescale(2)->units(), 2);
  };
  switch (type) {
    case TenureType::owned:
      --f.owned;
      take(f.owned_m2, area);
      break;
    case TenureType::leased:
      --f.leased;
      take(f.leased_m2, area);
      break;
    case TenureType::provided:
      --f.provided;
      take(f.provided_m2, area);
      break;
  }
}

void finish(OwnershipFigures& f) {
  f.ratio_count = ratio(f.owned, f.leased);
  f.ratio_area = ratio(f.owned_m2.units(), f.leased_m2.units());
}

}  // namespace

OwnershipOnDay::OwnershipOnDay(const std::vector<Property>& properties, Date as_of) {
  for (const Property& p : properties) {
    const auto tenure = tenure_on(p, as_of);
    held_[p.id.value()] = Held{tenure, p.floor_area_m2};
    if (tenure) count(base_, *tenure, p.floor_area_m2);
  }
}

OwnershipFigures OwnershipOnDay::if_owned(const std::vector<PropertyId>& bought) const {
  OwnershipFigures f = base_;
  std::vector<std::int64_t> seen;
  for (PropertyId id : bought) {
    if (std::find(seen.begin(), seen.end(), id.value()) != seen.end()) continue;
    seen.push_back(id.value());
    auto it = held_.find(id.value());
    if (it == held_.end()) continue;
    const Held& h = it->second;
    if (h.tenure) uncount(f, *h.tenure, h.area);
    count(f, TenureType::owned, h.area);
  }
  finish(f);
  return f;
}

OwnershipReport ownership(const std::vector<Property>& properties,
                          const std::vector<Mission>& missions, Date as_of,
                          OwnershipGrouping grouping,
                          std::optional<std::pair<FiscalYear, FiscalYear>> trend) {
  std::map<std::int64_t, const Mission*> by_id;
  for (const Mission& m : missions) by_id[m.id.value()] = &m;
  auto key_of = [&](const Property& p) -> std::string {
    const Mission* m = p.mission_id ? by_id[p.mission_id->value()] : nullptr;
    switch (grouping) {
      case OwnershipGrouping::region:
        return std::string(to_string(m ? m->region : Region::domestic));
      case OwnershipGrouping::kind:
        return std::string(to_string(p.kind));
      case OwnershipGrouping::mission:
        return m ? m->code : "";
      case OwnershipGrouping::none:
        return "";
    }
    return "";
  };

  OwnershipReport report;
  report.as_of = as_of;
  std::map<std::string, OwnershipFigures> groups;
  for (const Property& p : properties) {
    auto held = tenure_on(p, as_of);
    if (!held) continue;
    count(report.overall, *held, p.floor_area_m2);
    if (grouping != OwnershipGrouping::none) count(groups[key_of(p)], *held, p.floor_area_m2);
  }
  finish(report.overall);
  for (auto& [key, figures] : groups) {
    finish(figures);
    report.groups.push_back({key, figures});
  }
  if (trend) {
    for (FiscalYear fy : fiscal_years(trend->first, trend->second)) {
      Date on = sample_day(fy, as_of);
      OwnershipFigures f;
      for (const Property& p : properties)
        if (auto held = tenure_on(p, on)) count(f, *held, p.floor_area_m2);
      finish(f);
      report.trend.push_back({fy, on, f.ratio_count, f.ratio_area});
    }
  }
  return report;
}

}  // namespace estate::reports
