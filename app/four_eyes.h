// FourEyes is the maker–checker use case (DESIGN.md "Four eyes"): every write a rule may mark
// sensitive is submitted here instead of being written directly. Submitting either applies the
// change at once (no rule marks it, or approvals are off) or stores a ChangeRequest; approving a
// request applies it in the same transaction as the decision, re-running every rule of the
// write and checking that the record is still at the version the maker saw (a record that
// moved on makes the request stale). The kinds of change (what a create of an expenditure, a
// patch of a lease, a delete of any register record means) are registered by the layer that
// decodes them, so this class knows rules and transactions, not JSON shapes.
// Thread-safety: add_kind before use, from one thread; everything else from any thread.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "domain/change_request.h"
#include "domain/repository.h"

namespace estate::app {

// Who makes or decides a change.
struct Person {
  std::string user;
  Role role = Role::auditor;
};

// A change as written: the record after it (null after a delete) and its id.
struct Applied {
  nlohmann::json record;
  std::optional<std::int64_t> id;
};

// One kind of change (an entity and an action), as the layer that decodes it defines it.
struct ChangeKind {
  // Checks the proposed change against the record as it is in `work` — decoding it, so that a
  // change the rules refuse is refused when it is made — and says whether it is sensitive
  // under the policy for a maker of `maker_role`. Errors as the write's: invalid, not_found,
  // stale (base_version is not the record's), conflict. It pins base_version to the record's
  // version when the maker named none.
  std::function<Result<std::optional<Sensitivity>>(UnitOfWork&, ProposedChange&,
                                                   Role maker_role, const ApprovalPolicy&)>
      assess;
  // Applies the change in `work`. A record no longer at base_version is stale.
  std::function<Result<Applied>(UnitOfWork&, const ProposedChange&)> apply;
};

// What a submission came to: the change applied, or the request that now waits for a checker.
struct Submitted {
  std::optional<Applied> applied;
  std::optional<ChangeRequest> request;
};

class FourEyes {
 public:
  FourEyes(Transactions& transactions, ChangeRequests& requests, ApprovalPolicy policy)
      : transactions_(transactions), requests_(requests), policy_(std::move(policy)) {}

  void add_kind(const std::string& entity, const std::string& action, ChangeKind kind);
  const ApprovalPolicy& policy() const { return policy_; }

  // Applies `change` or stores it as a request, in `work` (journalled under its actor).
  // Errors: the kind's assess and apply errors; internal for a kind never registered.
  Result<Submitted> submit(UnitOfWork& work, const Person& maker, const ProposedChange& change);
  // The same in a transaction of its own.
  Result<Submitted> submit(const Person& maker, const ProposedChange& change);

  // Stores a request for a change already checked elsewhere (a bulk import, whose own checks
  // ran), in `work`; approval applies it through the kind (entity, action).
  Result<ChangeRequest> request(UnitOfWork& work, const Person& maker,
                                const ProposedChange& change, const Sensitivity& why);

  // Approves request `id` seen at `expected_version` and applies its change, in one
  // transaction: the applied entries are journalled with actor = the maker and approved_by =
  // `checker`, the decision under the checker. Errors: not_found; stale (412) when the request
  // is no longer at expected_version; forbidden for its maker or a role that does not approve
  // it; conflict when it is not pending, or (the request then marked stale, in a transaction of
  // its own) when its record moved on since it was made; the write's errors otherwise (the
  // request stays pending).
  Result<ChangeRequest> approve(std::int64_t id, std::int64_t expected_version,
                                const Person& checker);
  // Rejects it with `note` (required: invalid without one). Errors as approve's checks.
  Result<ChangeRequest> reject(std::int64_t id, std::int64_t expected_version,
                               const Person& checker, const std::string& note);
  // Withdraws a pending request; only its maker may. With `expected_version`, stale when the
  // request has changed.
  Result<ChangeRequest> withdraw(std::int64_t id, std::optional<std::int64_t> expected_version,
                                 const Person& maker);

  Result<ChangeRequest> get(std::int64_t id) { return requests_.get(id); }
  Result<Page<ChangeRequest>> list(const ChangeRequestFilter& filter, const PageRequest& page) {
    return requests_.list(filter, page);
  }

 private:
  const ChangeKind* kind(const ProposedChange& change) const;

  Transactions& transactions_;
  ChangeRequests& requests_;
  ApprovalPolicy policy_;
  std::map<std::pair<std::string, std::string>, ChangeKind> kinds_;
};

}  // namespace estate::app
