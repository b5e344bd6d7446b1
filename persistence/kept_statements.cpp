#include "persistence/kept_statements.h"

namespace estate::persistence {

namespace {
thread_local KeptStatements* t_kept = nullptr;
}  // namespace

KeptStatement* KeptStatements::find(const std::string& key) const {
  auto it = kept_.find(key);
  return it == kept_.end() ? nullptr : it->second.get();
}

KeptStatement& KeptStatements::keep(const std::string& key,
                                    std::unique_ptr<KeptStatement> statement) {
  if (kept_.size() >= kMax) kept_.clear();
  auto& slot = kept_[key];
  slot = std::move(statement);
  return *slot;
}

KeptStatements* kept_statements_of(soci::session& session) {
  return t_kept && &t_kept->session() == &session ? t_kept : nullptr;
}

KeptStatementsScope::KeptStatementsScope(KeptStatements* statements) : outer_(t_kept) {
  t_kept = statements;
}

KeptStatementsScope::~KeptStatementsScope() { t_kept = outer_; }

}  // namespace estate::persistence
