// A Lease is what the ministry pays to use a property it does not own: a lessor, a term
// (start and end, both inclusive), a rent per period in one currency, how that rent escalates
// (not at all, by a fixed percentage each lease year, or by explicit dated steps), the notice
// period, and options (renewal, break) with the dates by which they must be exercised.
// Thread-safety: plain value.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/decimal.h"
#include "domain/enums.h"
#include "domain/ids.h"
#include "domain/money.h"
#include "domain/record.h"
#include "domain/result.h"

namespace estate {

// From `from` on, the period rent is `rent` (same currency as the lease's rent).
struct RentStep {
  Date from{};
  Money rent;
  bool operator==(const RentStep& o) const { return from == o.from && rent == o.rent; }
};

struct Escalation {
  EscalationKind kind = EscalationKind::none;
  std::optional<Decimal> pct;   // fixed_pct only: percent per lease year, two decimals
  std::vector<RentStep> steps;  // steps only: ordered by `from`
};

struct LeaseOption {
  LeaseOptionKind kind = LeaseOptionKind::renewal;
  Date exercise_by{};
  std::optional<int> years;  // renewal: the length of the renewal term
};

struct Lease {
  LeaseId id;
  PropertyId property_id;
  std::string lessor;
  Date start{};
  Date end{};
  Money rent = Money::zero(Currency::twd());  // per period
  RentPeriod period = RentPeriod::monthly;
  Escalation escalation;
  int notice_days = 0;
  std::vector<LeaseOption> options;
  RecordMeta meta;
};

// Every rule a Lease must satisfy: lessor named; end not before start; rent positive; a
// fixed_pct escalation has a pct in (-100, 100] and no steps; a steps escalation has steps in
// strictly increasing date order within the term, each positive and in the rent's currency,
// and no pct; none has neither; notice 0–3650 days; option dates within the term, renewals of
// 1–99 years and breaks without years. Returns all violations.
std::vector<FieldError> validate(const Lease& lease);

}  // namespace estate
