// ReportIssues (domain/repository.h) on SQL: a `report_issues` row per issue and its bytes in
// `report_issue_chunks` (base64, as documents' bytes are: documents.h write_chunks), written
// with the row and its journal entry (entity "report_issue", the issue with its SHA-256) in
// one transaction. verify_report_issues recomputes every issue's SHA-256 from its chunks for
// the journal's verification. Thread-safety: any thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "domain/repository.h"
#include "persistence/database.h"

namespace estate::persistence {

class SqlReportIssues final : public ReportIssues {
 public:
  explicit SqlReportIssues(std::shared_ptr<Database> db) : db_(std::move(db)) {}
  Result<ReportIssue> issue(const ReportIssue& draft, const std::string& bytes,
                            const Actor& actor) override;
  Result<Page<ReportIssue>> list(const PageRequest& page) override;
  Result<ReportIssue> get(std::int64_t id) override;
  Result<std::string> content(std::int64_t id) override;
  Result<std::optional<ReportIssue>> find_by_sha256(const std::string& sha256) override;

 private:
  std::shared_ptr<Database> db_;
};

// The first issued report whose stored bytes no longer hash to the SHA-256 its issue
// journalled: that entry's seq and what is wrong; nullopt when every one is intact.
Result<std::optional<std::pair<std::int64_t, std::string>>> verify_report_issues(Database& db);

}  // namespace estate::persistence
