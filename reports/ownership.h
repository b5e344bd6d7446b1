// The ownership ratio (自有率), DESIGN.md report definition 1. As of day D, over the
// properties with a tenure interval covering D — the tenure history, not the status, says when
// the ministry held a property — counted by that tenure: ratio = owned / (owned + leased), by
// count and by floor area; provided premises (rent-free from the host) are counted apart and
// left out of the ratio. Ratios have four decimals, rounded half away from zero, and are null
// when nothing is owned or leased. Pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/mission.h"
#include "domain/property.h"

namespace estate::reports {

struct OwnershipFigures {
  std::int64_t owned = 0, leased = 0, provided = 0;
  Decimal owned_m2 = Decimal::from_units(0, 2);
  Decimal leased_m2 = Decimal::from_units(0, 2);
  Decimal provided_m2 = Decimal::from_units(0, 2);
  std::optional<Decimal> ratio_count;  // 4 places
  std::optional<Decimal> ratio_area;   // 4 places
};

struct OwnershipGroup {
  std::string key;  // region, kind, or mission code ("" for domestic property without mission)
  OwnershipFigures figures;
};

struct OwnershipTrendPoint {
  FiscalYear fiscal_year;
  Date on{};  // the year's last day, or the as-of date for a year not yet over
  std::optional<Decimal> ratio_count, ratio_area;
};

enum class OwnershipGrouping { none, region, kind, mission };

struct OwnershipReport {
  Date as_of{};
  OwnershipFigures overall;
  std::vector<OwnershipGroup> groups;      // ordered by key
  std::vector<OwnershipTrendPoint> trend;  // empty unless asked for
};

// `missions` gives each property's region and mission code.
OwnershipReport ownership(const std::vector<Property>& properties,
                          const std::vector<Mission>& missions, Date as_of,
                          OwnershipGrouping grouping,
                          std::optional<std::pair<FiscalYear, FiscalYear>> trend);

// The overall figures on one day, and what they would be were some properties held owned that
// day instead of their tenure then (counted even if not held at all): "the ratio if it were
// bought". Built in one pass; each what-if costs only the properties it names.
// Thread-safety: immutable once built.
class OwnershipOnDay {
 public:
  OwnershipOnDay(const std::vector<Property>& properties, Date as_of);
  OwnershipFigures now() const { return if_owned({}); }
  OwnershipFigures if_owned(const std::vector<PropertyId>& bought) const;

 private:
  struct Held {
    std::optional<TenureType> tenure;
    Decimal area = Decimal::from_units(0, 2);
  };
  OwnershipFigures base_;  // counts and areas, without ratios
  std::map<std::int64_t, Held> held_;
};

// owned / (owned + leased) to four places, half away from zero; nullopt when the sum is zero.
std::optional<Decimal> ratio(Int128 owned, Int128 leased);

}  // namespace estate::reports
