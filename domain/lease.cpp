#include "domain/lease.h"

#include "domain/validation.h"

namespace estate {

namespace {

void validate_escalation(const Lease& l, Validator& v) {
  const Escalation& e = l.escalation;
  if (e.kind != EscalationKind::fixed_pct && e.pct) {
    v.add("escalation.pct", "is only allowed when kind is \"fixed_pct\"");
  }
  if (e.kind != EscalationKind::steps && !e.steps.empty()) {
    v.add("escalation.steps", "are only allowed when kind is \"steps\"");
  }
  if (e.kind == EscalationKind::fixed_pct) {
    if (!e.pct) {
      v.add("escalation.pct", "is required when kind is \"fixed_pct\"");
    } else if (*e.pct <= Decimal::from_units(-100, 0) || *e.pct > Decimal::from_units(100, 0)) {
      v.add("escalation.pct", "must be more than -100 and at most 100");
    }
  }
  if (e.kind == EscalationKind::steps) {
    if (e.steps.empty()) v.add("escalation.steps", "must list at least one step");
    for (std::size_t i = 0; i < e.steps.size(); ++i) {
      const std::string at = "escalation.steps[" + std::to_string(i) + "]";
      const RentStep& s = e.steps[i];
      if (s.rent.currency() != l.rent.currency()) {
        v.add(at + ".rent.currency",
              "must be the lease's currency, " + std::string(l.rent.currency().code()));
      }
      if (s.rent.minor_units() <= 0) v.add(at + ".rent.amount", "must be more than zero");
      v.amount(at + ".rent.amount", s.rent);
      if (s.from < l.start || s.from > l.end)
        v.add(at + ".from", "must fall within the lease term");
      if (i > 0 && s.from <= e.steps[i - 1].from) {
        v.add(at + ".from", "must be after the previous step");
      }
    }
  }
}

}  // namespace

std::vector<FieldError> validate(const Lease& l) {
  Validator v;
  v.check(l.property_id.valid(), "property_id", "must name a property");
  v.text("lessor", l.lessor);
  v.check(l.start <= l.end, "end", "must not be before start");
  v.check(l.rent.minor_units() > 0, "rent.amount", "must be more than zero");
  v.amount("rent.amount", l.rent);
  validate_escalation(l, v);
  v.check(l.notice_days >= 0 && l.notice_days <= 3650, "notice_days", "must be 0 to 3650 days");
  v.check(l.options.size() <= 20, "options", "must list at most 20 options");
  for (std::size_t i = 0; i < l.options.size(); ++i) {
    const std::string at = "options[" + std::to_string(i) + "]";
    const LeaseOption& o = l.options[i];
    v.check(o.exercise_by <= l.end, at + ".exercise_by", "must not be after the lease ends");
    if (o.kind == LeaseOptionKind::renewal) {
      v.check(o.years && *o.years >= 1 && *o.years <= 99, at + ".years",
              "a renewal needs a term of 1 to 99 years");
    } else {
      v.check(!o.years, at + ".years", "a break option has no term");
    }
  }
  return v.errors();
}

int periods_per_year(RentPeriod period) {
  switch (period) {
    case RentPeriod::monthly:
      return 12;
    case RentPeriod::quarterly:
      return 4;
    case RentPeriod::annual:
      return 1;
  }
  return 1;
}

}  // namespace estate
