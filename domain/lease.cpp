#include "domain/lease.h"

#include "domain/validation.h"

namespace estate {

namespace {

void validate_escalation(const Lease& l, Validator& v) {
  const Escalation& e = l.escalation;
  if (e.kind != EscalationKind::fixed_pct && e.pct) {
    v.add("escalation.pct", MessageCode::escalation_pct_only_fixed);
  }
  if (e.kind != EscalationKind::steps && !e.steps.empty()) {
    v.add("escalation.steps", MessageCode::escalation_steps_only_steps);
  }
  if (e.kind == EscalationKind::fixed_pct) {
    if (!e.pct) {
      v.add("escalation.pct", MessageCode::escalation_pct_required);
    } else if (*e.pct <= Decimal::from_units(-100, 0) || *e.pct > Decimal::from_units(100, 0)) {
      v.add("escalation.pct", MessageCode::escalation_pct_range);
    }
  }
  if (e.kind == EscalationKind::steps) {
    if (e.steps.empty()) v.add("escalation.steps", MessageCode::no_steps);
    for (std::size_t i = 0; i < e.steps.size(); ++i) {
      const std::string at = "escalation.steps[" + std::to_string(i) + "]";
      const RentStep& s = e.steps[i];
      if (s.rent.currency() != l.rent.currency()) {
        v.add(at + ".rent.currency",
              {MessageCode::must_be_lease_currency, {std::string(l.rent.currency().code())}});
      }
      if (s.rent.minor_units() <= 0) v.add(at + ".rent.amount", MessageCode::must_be_positive);
      v.amount(at + ".rent.amount", s.rent);
      if (s.from < l.start || s.from > l.end)
        v.add(at + ".from", MessageCode::step_outside_term);
      if (i > 0 && s.from <= e.steps[i - 1].from) {
        v.add(at + ".from", MessageCode::step_not_after_previous);
      }
    }
  }
}

}  // namespace

std::vector<FieldError> validate(const Lease& l) {
  Validator v;
  v.check(l.property_id.valid(), "property_id", MessageCode::must_name_property);
  v.text("lessor", l.lessor);
  v.check(l.start <= l.end, "end", MessageCode::end_before_start);
  v.check(l.rent.minor_units() > 0, "rent.amount", MessageCode::must_be_positive);
  v.amount("rent.amount", l.rent);
  validate_escalation(l, v);
  v.check(l.notice_days >= 0 && l.notice_days <= 3650, "notice_days", MessageCode::notice_days_range);
  v.check(l.options.size() <= 20, "options", MessageCode::too_many_options);
  for (std::size_t i = 0; i < l.options.size(); ++i) {
    const std::string at = "options[" + std::to_string(i) + "]";
    const LeaseOption& o = l.options[i];
    v.check(o.exercise_by <= l.end, at + ".exercise_by", MessageCode::exercise_after_end);
    if (o.kind == LeaseOptionKind::renewal) {
      v.check(o.years && *o.years >= 1 && *o.years <= 99, at + ".years",
              MessageCode::renewal_term);
    } else {
      v.check(!o.years, at + ".years", MessageCode::break_has_no_term);
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
