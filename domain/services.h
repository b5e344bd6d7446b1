// Use cases that span more than one record, written over the repository ports with an
// explicit unit of work, so the HTTP layer (and an importer, or the command line) only
// parses, authorises, calls and renders. Thread-safety: as the ports they are given.
#pragma once

#include <optional>

#include "domain/repository.h"

namespace estate {

// Moves acquisition `id` to `stage` on `on` (forward only, or to cancelled; see advance()) and,
// when it becomes occupied, makes its property owned from `on` (leased until the day before),
// in one unit of work: both changes journalled under `actor`, or neither. With
// `expected_version`, a changed acquisition is stale. Errors: not_found, stale, conflict
// (not forward), invalid (a date before the current stage's).
Result<Acquisition> move_acquisition_stage(Transactions& transactions,
                                           AcquisitionRepository& acquisitions,
                                           PropertyRepository& properties, const Actor& actor,
                                           AcquisitionId id, AcquisitionStage stage, Date on,
                                           std::optional<std::int64_t> expected_version);
// The same inside `work` (an approved change request applies it with its decision).
Result<Acquisition> move_acquisition_stage(UnitOfWork& work, AcquisitionRepository& acquisitions,
                                           PropertyRepository& properties, AcquisitionId id,
                                           AcquisitionStage stage, Date on,
                                           std::optional<std::int64_t> expected_version);

}  // namespace estate
