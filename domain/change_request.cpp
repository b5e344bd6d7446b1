#include "domain/change_request.h"

#include "domain/decimal.h"
#include "domain/json_codec.h"

namespace estate {

namespace {
nlohmann::json optional_text(const std::optional<std::string>& s) {
  return s ? nlohmann::json(*s) : nlohmann::json();
}
}  // namespace

nlohmann::json to_json(const ChangeRequest& r) {
  const ProposedChange& p = r.proposed;
  return {{"id", r.id},
          {"status", std::string(to_string(r.status))},
          {"entity", p.entity},
          {"entity_id", p.entity_id ? nlohmann::json(*p.entity_id) : nlohmann::json()},
          {"action", p.action},
          {"change", p.change},
          {"base_version", p.base_version ? nlohmann::json(*p.base_version) : nlohmann::json()},
          {"reason_required", r.sensitivity.rule},
          {"approver_role", std::string(to_string(r.sensitivity.approver))},
          {"requested_by", r.requested_by},
          {"maker_role", std::string(to_string(r.maker_role))},
          {"requested_at", format_instant(r.requested_at)},
          {"decided_by", optional_text(r.decided_by)},
          {"decided_at", r.decided_at ? nlohmann::json(format_instant(*r.decided_at))
                                      : nlohmann::json()},
          {"decision_note", optional_text(r.decision_note)},
          {"applied_entity_id",
           r.applied_entity_id ? nlohmann::json(*r.applied_entity_id) : nlohmann::json()},
          {"version", r.version}};
}

std::optional<Sensitivity> stage_move_sensitivity(AcquisitionStage to) {
  switch (to) {
    case AcquisitionStage::budget_approved:
    case AcquisitionStage::contracted:
    case AcquisitionStage::settled:
    case AcquisitionStage::cancelled:
      return Sensitivity{kRuleStageMove, Role::finance};
    default:
      return std::nullopt;
  }
}

std::optional<Sensitivity> lease_change_sensitivity(const Lease& before, const Lease& after,
                                                    const ApprovalPolicy& policy) {
  if (after.end > before.end) return Sensitivity{kRuleLeaseExtension, Role::finance};
  if (after.rent.currency() != before.rent.currency())
    return Sensitivity{kRuleRentIncrease, Role::finance};
  // Annual rents, so a change of period compares like with like; exact in 128 bits:
  // after > before × (1 + pct/100)  ⇔  after × 10000 > before × (10000 + pct in hundredths).
  const Int128 was = Int128(before.rent.minor_units()) * periods_per_year(before.period);
  const Int128 now = Int128(after.rent.minor_units()) * periods_per_year(after.period);
  if (now * 10000 > was * (10000 + policy.rent_pct_hundredths))
    return Sensitivity{kRuleRentIncrease, Role::finance};
  return std::nullopt;
}

std::optional<Sensitivity> amount_sensitivity(const Money& amount,
                                              const std::optional<Money>& amount_before,
                                              const ApprovalPolicy& policy) {
  if (amount_before && *amount_before == amount) return std::nullopt;
  if (amount.currency() != policy.amount.currency() ||
      amount.minor_units() > policy.amount.minor_units())
    return Sensitivity{kRuleAmountAboveThreshold, Role::finance};
  return std::nullopt;
}

Sensitivity delete_sensitivity(Role maker) { return Sensitivity{kRuleRegisterDelete, maker}; }

Status may_decide(const ChangeRequest& request, const std::string& user, Role role) {
  if (request.requested_by == user)
    return Error::forbidden(MessageCode::no_self_approval);
  if (role != request.sensitivity.approver) {
    return Error::forbidden(
        {MessageCode::decided_by_role, {std::string(to_string(request.sensitivity.approver))}});
  }
  if (request.status != ChangeStatus::pending) {
    return Error::conflict(
        {MessageCode::change_request_not_pending, {std::string(to_string(request.status))}});
  }
  return {};
}

}  // namespace estate
