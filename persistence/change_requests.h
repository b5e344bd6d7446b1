// ChangeRequests (domain/change_request.h) on SQL: one `change_requests` row per request, the
// proposed change kept as the JSON the maker sent, each create and decision journalled with the
// request's API JSON in the same transaction. Thread-safety: any thread.
#pragma once

#include <memory>

#include "domain/change_request.h"
#include "persistence/database.h"

namespace estate::persistence {

class SqlChangeRequests final : public ChangeRequests {
 public:
  explicit SqlChangeRequests(std::shared_ptr<Database> db) : db_(std::move(db)) {}
  Result<ChangeRequest> create(UnitOfWork& work, const ChangeRequest& draft) override;
  Result<ChangeRequest> decide(UnitOfWork& work, const ChangeRequest& changed,
                               std::int64_t expected_version, const std::string& action) override;
  Result<ChangeRequest> get(UnitOfWork& work, std::int64_t id) override;
  Result<ChangeRequest> get(std::int64_t id) override;
  Result<Page<ChangeRequest>> list(const ChangeRequestFilter& filter,
                                   const PageRequest& page) override;

 private:
  std::shared_ptr<Database> db_;
};

}  // namespace estate::persistence
