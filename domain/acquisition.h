// An Acquisition (購置案) is the purchase of a property to replace the leases the ministry pays
// for it: a price and purchase costs, the expected annual cost of owning it, and a dated
// history of stages (proposed → appraised → budget_approved → contracted → settled →
// occupied, or cancelled). It only ever moves forward; its current stage is the last of its
// history. The date it is occupied is when the replaced leases' rent stops being paid, which
// the rent-savings report counts from. Thread-safety: plain value.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/enums.h"
#include "domain/ids.h"
#include "domain/money.h"
#include "domain/record.h"
#include "domain/result.h"

namespace estate {

struct StageEntry {
  AcquisitionStage stage = AcquisitionStage::proposed;
  Date on{};
  bool operator==(const StageEntry& o) const { return stage == o.stage && on == o.on; }
};

struct Acquisition {
  AcquisitionId id;
  std::string code;
  PropertyId property_id;
  std::vector<LeaseId> replaces_lease_ids;
  std::vector<StageEntry> stages;  // in order; never empty once valid
  Money price = Money::zero(Currency::twd());
  Money costs = Money::zero(Currency::twd());
  Money operating_cost_annual = Money::zero(Currency::twd());
  std::optional<BudgetLineId> budget_line_id;
  RecordMeta meta;

  // The current stage: the last of the history (proposed for an empty one).
  AcquisitionStage stage() const;
  // The day it was occupied, if it has been.
  std::optional<Date> occupied_on() const;
};

// Every rule an Acquisition must satisfy by itself: code; a stage history that moves only
// forward (each stage later in the order than the one before, cancelled only last) with dates
// that never go back; a positive price; costs and operating cost not negative and in the
// price's currency; replaced leases listed at most once. (That the replaced leases are in the
// price's currency needs the leases: see persistence.)
std::vector<FieldError> validate(const Acquisition& acquisition);

// The acquisition moved to `stage` on `on`. Errors: conflict when the move is not forward (or
// the acquisition is already occupied or cancelled); invalid (field "on") when `on` is before
// the last stage's date.
Result<Acquisition> advance(const Acquisition& acquisition, AcquisitionStage stage, Date on);

// Each lease some occupied acquisition replaces, with the earliest such acquisition's occupied
// date: from the day after it the lease is no longer paid (rent forecast) and raises no events
// (lease events). Leases no occupied acquisition replaces are absent.
std::map<LeaseId, Date> replaced_leases_occupied_on(const std::vector<Acquisition>& acquisitions);

}  // namespace estate
