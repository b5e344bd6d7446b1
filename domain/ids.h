// Record ids as distinct types: a MissionId cannot be passed where a PropertyId is expected.
// Ids are assigned by the database and are positive. Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <functional>

namespace estate {

template <class Tag>
class Id {
 public:
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t value) : value_(value) {}
  constexpr std::int64_t value() const { return value_; }
  constexpr bool valid() const { return value_ > 0; }
  constexpr bool operator==(Id o) const { return value_ == o.value_; }
  constexpr bool operator!=(Id o) const { return value_ != o.value_; }
  constexpr bool operator<(Id o) const { return value_ < o.value_; }

 private:
  std::int64_t value_ = 0;
};

using MissionId = Id<struct MissionTag>;
using PropertyId = Id<struct PropertyTag>;
using LeaseId = Id<struct LeaseTag>;
using AcquisitionId = Id<struct AcquisitionTag>;
using FxRateId = Id<struct FxRateTag>;
using BudgetLineId = Id<struct BudgetLineTag>;
using AppropriationId = Id<struct AppropriationTag>;
using ExpenditureId = Id<struct ExpenditureTag>;
using CommitmentId = Id<struct CommitmentTag>;
using ProjectId = Id<struct ProjectTag>;
using ProgressId = Id<struct ProgressTag>;

}  // namespace estate

template <class Tag>
struct std::hash<estate::Id<Tag>> {
  std::size_t operator()(estate::Id<Tag> id) const noexcept {
    return std::hash<std::int64_t>()(id.value());
  }
};
