#include "app/four_eyes.h"

namespace estate::app {

void FourEyes::add_kind(const std::string& entity, const std::string& action, ChangeKind kind) {
  kinds_[{entity, action}] = std::move(kind);
}

const ChangeKind* FourEyes::kind(const ProposedChange& change) const {
  auto it = kinds_.find({change.entity, change.action});
  return it == kinds_.end() ? nullptr : &it->second;
}

Result<Submitted> FourEyes::submit(UnitOfWork& work, const Person& maker,
                                   const ProposedChange& proposed) {
  ProposedChange change = proposed;
  const ChangeKind* k = kind(change);
  if (!k) return Error::internal("no change kind " + change.entity + " " + change.action);
  if (policy_.enabled) {
    auto sensitive = k->assess(work, change, maker.role, policy_);
    if (!sensitive.ok()) return sensitive.error();
    if (*sensitive) {
      auto stored = request(work, maker, change, **sensitive);
      if (!stored.ok()) return stored.error();
      return Submitted{std::nullopt, std::move(*stored)};
    }
  }
  auto applied = k->apply(work, change);
  if (!applied.ok()) return applied.error();
  return Submitted{std::move(*applied), std::nullopt};
}

Result<Submitted> FourEyes::submit(const Person& maker, const ProposedChange& change) {
  return transactions_.run_for<Submitted>(
      Actor{maker.user}, [&](UnitOfWork& work) { return submit(work, maker, change); });
}

Result<ChangeRequest> FourEyes::request(UnitOfWork& work, const Person& maker,
                                        const ProposedChange& change, const Sensitivity& why) {
  ChangeRequest draft;
  draft.proposed = change;
  draft.sensitivity = why;
  draft.requested_by = maker.user;
  draft.maker_role = maker.role;
  return requests_.create(work, draft);
}

Result<ChangeRequest> FourEyes::approve(std::int64_t id, std::int64_t expected_version,
                                        const Person& checker) {
  bool record_moved = false;
  std::string why_stale;
  auto approved = transactions_.run_for<ChangeRequest>(
      Actor{checker.user}, [&](UnitOfWork& work) -> Result<ChangeRequest> {
        record_moved = false;
        auto current = requests_.get(work, id);
        if (!current.ok()) return current.error();
        if (current->version != expected_version) {
          return Error::stale(
              {MessageCode::change_request_changed, {std::to_string(current->version)}});
        }
        if (Status may = may_decide(*current, checker.user, checker.role); !may.ok())
          return may.error();
        const ChangeKind* k = kind(current->proposed);
        if (!k) return Error::internal("no change kind for change request " + std::to_string(id));
        // The applied entries are the maker's, approved by the checker; the decision after
        // them is the checker's own.
        work.journal_approved(current->requested_by, checker.user);
        auto applied = k->apply(work, current->proposed);
        if (!applied.ok()) {
          record_moved = applied.error().kind == ErrorKind::stale;
          why_stale = applied.error().message;
          return applied.error();
        }
        work.journal_approved(checker.user, "");
        ChangeRequest decided = *current;
        decided.status = ChangeStatus::approved;
        decided.decided_by = checker.user;
        decided.applied_entity_id = applied->id;
        return requests_.decide(work, decided, expected_version, "approve");
      });
  if (approved.ok() || !record_moved) return approved;
  // The record moved on: the request can never apply as made. Say so on the request, in a
  // transaction of its own (the approval's rolled back).
  auto marked = transactions_.run_for<ChangeRequest>(
      Actor{checker.user}, [&](UnitOfWork& work) -> Result<ChangeRequest> {
        auto current = requests_.get(work, id);
        if (!current.ok()) return current.error();
        ChangeRequest decided = *current;
        decided.status = ChangeStatus::stale;
        decided.decided_by = checker.user;
        decided.decision_note = why_stale;
        return requests_.decide(work, decided, current->version, "stale");
      });
  if (!marked.ok()) return marked.error();
  return Error::conflict({MessageCode::change_request_stale, {marked->proposed.entity, why_stale}});
}

Result<ChangeRequest> FourEyes::reject(std::int64_t id, std::int64_t expected_version,
                                       const Person& checker, const std::string& note) {
  if (note.empty()) return Error::invalid_field("note", MessageCode::rejection_needs_note);
  return transactions_.run_for<ChangeRequest>(
      Actor{checker.user}, [&](UnitOfWork& work) -> Result<ChangeRequest> {
        auto current = requests_.get(work, id);
        if (!current.ok()) return current.error();
        if (current->version != expected_version) {
          return Error::stale(
              {MessageCode::change_request_changed, {std::to_string(current->version)}});
        }
        if (Status may = may_decide(*current, checker.user, checker.role); !may.ok())
          return may.error();
        ChangeRequest decided = *current;
        decided.status = ChangeStatus::rejected;
        decided.decided_by = checker.user;
        decided.decision_note = note;
        return requests_.decide(work, decided, expected_version, "reject");
      });
}

Result<ChangeRequest> FourEyes::withdraw(std::int64_t id,
                                         std::optional<std::int64_t> expected_version,
                                         const Person& maker) {
  return transactions_.run_for<ChangeRequest>(
      Actor{maker.user}, [&](UnitOfWork& work) -> Result<ChangeRequest> {
        auto current = requests_.get(work, id);
        if (!current.ok()) return current.error();
        if (expected_version && current->version != *expected_version) {
          return Error::stale(
              {MessageCode::change_request_changed, {std::to_string(current->version)}});
        }
        if (current->requested_by != maker.user)
          return Error::forbidden(MessageCode::only_maker_withdraws);
        if (current->status != ChangeStatus::pending) {
          return Error::conflict(
              {MessageCode::change_request_not_pending, {std::string(to_string(current->status))}});
        }
        ChangeRequest decided = *current;
        decided.status = ChangeStatus::withdrawn;
        decided.decided_by = maker.user;
        return requests_.decide(work, decided, current->version, "withdraw");
      });
}

}  // namespace estate::app
