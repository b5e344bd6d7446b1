#include "reports/co_location.h"

#include <algorithm>
#include <map>
#include <set>

namespace estate::reports {

std::vector<CoLocation> co_location(const std::vector<Property>& properties,
                                    const std::vector<Mission>& missions, Date as_of) {
  std::map<std::int64_t, std::vector<const Property*>> offices;
  for (const Property& p : properties) {
    if (!p.mission_id || p.kind != PropertyKind::office || p.status != PropertyStatus::active)
      continue;
    if (!tenure_on(p, as_of)) continue;
    offices[p.mission_id->value()].push_back(&p);
  }
  std::vector<CoLocation> out;
  for (const Mission& m : missions) {
    auto it = offices.find(m.id.value());
    if (it == offices.end() || it->second.size() < 2) continue;
    CoLocation c{m.id, m.code, static_cast<std::int64_t>(it->second.size()), {}, {}};
    std::set<std::string> agencies;
    for (const Property* p : it->second) {
      agencies.insert(p->agencies.begin(), p->agencies.end());
      c.property_ids.push_back(p->id);
    }
    c.agencies.assign(agencies.begin(), agencies.end());
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const CoLocation& a, const CoLocation& b) {
    if (a.office_properties != b.office_properties)
      return a.office_properties > b.office_properties;
    return a.code < b.code;
  });
  return out;
}

}  // namespace estate::reports
