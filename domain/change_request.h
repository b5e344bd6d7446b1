// Four eyes (maker–checker): a change a rule marks sensitive is not applied when it is made but
// kept as a ChangeRequest that another person with the approving role approves or rejects
// (DESIGN.md "Decisions, approvals"). This header holds the request as a value, the rules that
// say which changes are sensitive (pure functions of the record before and after), who may
// decide one, and the port that stores requests. Applying a request is app/four_eyes.h's.
// Thread-safety: values and pure functions; ChangeRequests implementations on any thread.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "domain/acquisition.h"
#include "domain/budget.h"
#include "domain/calendar.h"
#include "domain/enums.h"
#include "domain/lease.h"
#include "domain/money.h"
#include "domain/repository.h"

namespace estate {

enum class ChangeStatus { pending, approved, rejected, withdrawn, stale };
template <>
struct EnumNames<ChangeStatus> {
  static constexpr std::array<std::pair<ChangeStatus, std::string_view>, 5> table = {
      {{ChangeStatus::pending, "pending"},
       {ChangeStatus::approved, "approved"},
       {ChangeStatus::rejected, "rejected"},
       {ChangeStatus::withdrawn, "withdrawn"},
       {ChangeStatus::stale, "stale"}}};
};

// The rules that make a change sensitive; a request names the one it needs approval for.
inline constexpr const char* kRuleStageMove = "stage_move";
inline constexpr const char* kRuleLeaseExtension = "lease_extension";
inline constexpr const char* kRuleRentIncrease = "rent_increase";
inline constexpr const char* kRuleAmountAboveThreshold = "amount_above_threshold";
inline constexpr const char* kRuleRegisterDelete = "register_delete";
inline constexpr const char* kRuleImport = "import";

// When a change needs a second person. Thresholds are strict: a change exactly at one applies
// at once.
struct ApprovalPolicy {
  bool enabled = true;                // --no-approvals turns it off
  std::int64_t rent_pct_hundredths = 1000;  // --approval-rent-pct 10 (two places: 10.00 %)
  Money amount = Money::from_minor(1'000'000'000, Currency::twd());  // NT$10,000,000.00
};

// Why a change needs approval and who may give it.
struct Sensitivity {
  std::string rule;          // one of the kRule… names
  Role approver = Role::finance;
};

// A change the maker proposed: what it is (in the API's terms: the request body, the merge
// patch, or the stage move) and the version of the record it was made against.
struct ProposedChange {
  std::string entity;                     // mission | lease | acquisition | expenditure | …
  std::optional<std::int64_t> entity_id;  // none for a create
  std::string action;                     // create | update | delete | stage | import
  nlohmann::json change;                  // the body, patch or stage move as sent
  std::optional<std::int64_t> base_version;  // the record's version it was made against
};

struct ChangeRequest {
  std::int64_t id = 0;
  ChangeStatus status = ChangeStatus::pending;
  ProposedChange proposed;
  Sensitivity sensitivity;
  std::string requested_by;
  Role maker_role = Role::facilities;
  Instant requested_at{};
  std::optional<std::string> decided_by;
  std::optional<Instant> decided_at;
  std::optional<std::string> decision_note;
  // The record the applied change produced (its id for a create), once approved.
  std::optional<std::int64_t> applied_entity_id;
  std::int64_t version = 1;
};

// The request as the API writes it (and the journal keeps it).
nlohmann::json to_json(const ChangeRequest& request);

// ---- the rules (DESIGN "Four eyes") ----

// A move to budget_approved, contracted, settled or cancelled: finance approves.
std::optional<Sensitivity> stage_move_sensitivity(AcquisitionStage to);
// A lease change that moves its end later (lease_extension), or raises its annual rent by more
// than the policy's percentage against the rent in force before it (rent_increase; a change of
// currency counts as a rise, since the two cannot be compared): finance approves.
std::optional<Sensitivity> lease_change_sensitivity(const Lease& before, const Lease& after,
                                                    const ApprovalPolicy& policy);
// An expenditure or commitment whose amount is above the policy's amount — on create, or when
// an update changes the amount to one above it: another finance user approves.
std::optional<Sensitivity> amount_sensitivity(const Money& amount,
                                              const std::optional<Money>& amount_before,
                                              const ApprovalPolicy& policy);
// Any delete of a register record: another user of the maker's role approves.
Sensitivity delete_sensitivity(Role maker);

// Whether `user` with `role` may decide `request`: it is pending, they did not make it, and they
// hold its approving role. Errors: forbidden naming why, conflict when it is no longer pending.
Status may_decide(const ChangeRequest& request, const std::string& user, Role role);

// ---- the port ----

struct ChangeRequestFilter {
  std::optional<ChangeStatus> status;
  std::optional<std::string> requested_by;  // mine=true
  // Pending requests this user with this role may decide (neither made by them nor for
  // another role).
  std::optional<std::pair<std::string, Role>> decidable_by;
};

// Change requests, stored. Every create and decision is journalled (entity "change_request",
// actions "create", "approve", "reject", "withdraw", "stale") in the unit of work it is made in.
class ChangeRequests {
 public:
  virtual ~ChangeRequests() = default;
  // Stores a new request (id, version 1, requested_at = the write's instant).
  virtual Result<ChangeRequest> create(UnitOfWork& work, const ChangeRequest& draft) = 0;
  // Stores a decision on request `changed.id` if its version is `expected_version` (stale
  // otherwise), version + 1, journalled as `action`.
  virtual Result<ChangeRequest> decide(UnitOfWork& work, const ChangeRequest& changed,
                                       std::int64_t expected_version,
                                       const std::string& action) = 0;
  virtual Result<ChangeRequest> get(UnitOfWork& work, std::int64_t id) = 0;
  virtual Result<ChangeRequest> get(std::int64_t id) = 0;
  // Newest first: ids below `page.after_id` when it is set.
  virtual Result<Page<ChangeRequest>> list(const ChangeRequestFilter& filter,
                                           const PageRequest& page) = 0;
};

}  // namespace estate
