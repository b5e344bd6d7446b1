#include "reports/lease_events.h"

#include <algorithm>
#include <map>

#include "reports/rent.h"

namespace estate::reports {

std::string event_key(LeaseId lease, const std::string& event, Date date) {
  return "lease:" + std::to_string(lease.value()) + ":" + event + ":" + format_date(date);
}

std::vector<LeaseEvent> lease_events(const std::vector<Lease>& leases,
                                     const std::vector<Acquisition>& acquisitions,
                                     const std::vector<Property>& properties,
                                     const std::vector<Mission>& missions, Date as_of,
                                     int within_days) {
  std::map<std::int64_t, const Property*> property_by_id;
  for (const Property& p : properties) property_by_id[p.id.value()] = &p;
  std::map<std::int64_t, const Mission*> mission_by_id;
  for (const Mission& m : missions) mission_by_id[m.id.value()] = &m;
  static const TimeZone taipei = *TimeZone::of("Asia/Taipei");
  const Date last = Date{date::sys_days(as_of) + date::days(within_days)};
  const std::map<LeaseId, Date> replaced = replaced_leases_occupied_on(acquisitions);

  std::vector<LeaseEvent> out;
  for (const Lease& l : leases) {
    auto p = property_by_id.find(l.property_id.value());
    std::optional<MissionId> mission_id;
    const Mission* mission = nullptr;
    if (p != property_by_id.end() && p->second->mission_id) {
      mission_id = p->second->mission_id;
      auto m = mission_by_id.find(mission_id->value());
      if (m != mission_by_id.end()) mission = m->second;
    }
    const TimeZone& zone = mission ? mission->time_zone : taipei;
    auto occupied = replaced.find(l.id);
    const Date until =
        occupied == replaced.end() ? last : std::min(last, occupied->second);
    auto add = [&](const char* event, Date d) {
      if (d < as_of || until < d) return;
      LeaseEvent e;
      e.lease_id = l.id;
      e.property_id = l.property_id;
      e.mission_id = mission_id;
      e.event = event;
      e.date = d;
      e.deadline_utc = zone.end_of_local_day(d);
      e.time_zone = zone.name();
      e.days_left = days_between(as_of, d);
      if (mission) e.mission_code = mission->code;
      if (p != property_by_id.end()) {
        e.property_code = p->second->code;
        e.property_name = p->second->name;
      }
      e.lessor = l.lessor;
      out.push_back(std::move(e));
    };
    add("expiry", l.end);
    if (l.notice_days > 0)
      add("notice_deadline", Date{date::sys_days(l.end) - date::days(l.notice_days)});
    for (const LeaseOption& o : l.options) {
      add(o.kind == LeaseOptionKind::renewal ? "renewal_option" : "break_option", o.exercise_by);
    }
    if (l.escalation.kind == EscalationKind::fixed_pct) {
      for (int k = 1;; ++k) {
        Date review = anniversary(l.start, k);
        if (until < review || l.end < review) break;
        add("rent_review", review);
      }
    } else if (l.escalation.kind == EscalationKind::steps) {
      for (const RentStep& s : l.escalation.steps) add("rent_review", s.from);
    }
  }
  std::sort(out.begin(), out.end(), [](const LeaseEvent& a, const LeaseEvent& b) {
    if (a.date != b.date) return a.date < b.date;
    if (a.lease_id != b.lease_id) return a.lease_id < b.lease_id;
    return a.event < b.event;
  });
  return out;
}

}  // namespace estate::reports
