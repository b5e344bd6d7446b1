// Store opens the database named by a URL and hands out the repositories over it: the one
// object the server and the command line build at start-up. Thread-safety: the repositories
// may be used from any thread.
#pragma once

#include <memory>

#include "domain/alert.h"
#include "domain/change_request.h"
#include "domain/repository.h"
#include "persistence/database.h"

namespace estate::persistence {

struct Store {
  std::shared_ptr<Database> db;
  std::unique_ptr<Transactions> transactions;
  std::unique_ptr<History> history;
  std::unique_ptr<Journal> journal;
  std::unique_ptr<IdempotentCreates> idempotent;
  std::unique_ptr<MissionRepository> missions;
  std::unique_ptr<PropertyRepository> properties;
  std::unique_ptr<LeaseRepository> leases;
  std::unique_ptr<AcquisitionRepository> acquisitions;
  std::unique_ptr<FxRateRepository> fx_rates;
  std::unique_ptr<BudgetLineRepository> budget_lines;
  std::unique_ptr<AppropriationRepository> appropriations;
  std::unique_ptr<ExpenditureRepository> expenditures;
  std::unique_ptr<CommitmentRepository> commitments;
  std::unique_ptr<ProjectRepository> projects;
  std::unique_ptr<ProgressRepository> progress;
  std::unique_ptr<TokenRepository> tokens;
  std::unique_ptr<Accounts> accounts;
  std::unique_ptr<SpendingTotals> spending_totals;
  std::unique_ptr<CalendarFeeds> calendar_feeds;
  std::unique_ptr<Documents> documents;
  std::unique_ptr<ReportIssues> report_issues;
  std::unique_ptr<ChangeRequests> change_requests;
  std::unique_ptr<AlertLedger> alerts;
};

// Opens the database at `url` with the pool `options` describe (migrations are not run here;
// see migrations.h).
Result<Store> open_store(const std::string& url, const Database::Options& options);
// The same with default timeouts and a pool of `pool_size` sessions.
Result<Store> open_store(const std::string& url, std::size_t pool_size);

}  // namespace estate::persistence
