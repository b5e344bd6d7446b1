// Co-location (合署辦公), DESIGN.md report definition 8: missions whose agencies occupy more
// than one active property of kind office — agencies of one mission scattered over several
// premises instead of sharing one building. "Active" means status active and held (a tenure
// interval covers the as-of date). Pure functions.
#pragma once

#include <string>
#include <vector>

#include "domain/mission.h"
#include "domain/property.h"

namespace estate::reports {

struct CoLocation {
  MissionId mission_id;
  std::string code;
  std::int64_t office_properties = 0;
  std::vector<std::string> agencies;  // every agency in those offices, sorted, once each
  std::vector<PropertyId> property_ids;
};

// Ordered by the number of offices (most first), then mission code.
std::vector<CoLocation> co_location(const std::vector<Property>& properties,
                                    const std::vector<Mission>& missions, Date as_of);

}  // namespace estate::reports
