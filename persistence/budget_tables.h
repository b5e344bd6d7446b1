// Row mapping of the budget records (budget lines, appropriations, expenditures, commitments,
// projects, progress reports) for SqlRepository, each a RowTable Spec (table_support.h).
// Money columns hold TWD minor units; percentages hundredths of a percent.
#pragma once

#include "domain/repository.h"
#include "persistence/database.h"
#include "persistence/table_support.h"

namespace estate::persistence {

struct BudgetLineSpec : NoChildren {
  using Entity = BudgetLine;
  using Id = BudgetLineId;
  using Filter = BudgetLineFilter;
  static constexpr const char* kEntity = "budget_line";
  static constexpr const char* kTable = "budget_lines";
  static constexpr bool kHasCode = true;
  static const std::vector<Column>& columns();
  static void write(const Entity& e, Row& row);
  static void read(Row& row, Entity& e);
  static void where(const Filter& f, Where& w);
  static Status check_references(soci::session&, const Entity&) { return {}; }
  static std::optional<std::string> dependents(soci::session& s, Id id);
};

struct AppropriationSpec : NoChildren {
  using Entity = Appropriation;
  using Id = AppropriationId;
  using Filter = AppropriationFilter;
  static constexpr const char* kEntity = "appropriation";
  static constexpr const char* kTable = "appropriations";
  static constexpr bool kHasCode = false;
  static const std::vector<Column>& columns();
  static void write(const Entity& e, Row& row);
  static void read(Row& row, Entity& e);
  static void where(const Filter& f, Where& w);
  static Status check_references(soci::session& s, const Entity& e);
  static std::optional<std::string> dependents(soci::session& s, Id id);
};

struct ExpenditureSpec : NoChildren {
  using Entity = Expenditure;
  using Id = ExpenditureId;
  using Filter = SpendingFilter;
  static constexpr const char* kEntity = "expenditure";
  static constexpr const char* kTable = "expenditures";
  static constexpr bool kHasCode = false;
  static const std::vector<Column>& columns();
  static void write(const Entity& e, Row& row);
  static void read(Row& row, Entity& e);
  static void where(const Filter& f, Where& w);
  static Status check_references(soci::session& s, const Entity& e);
  static std::optional<std::string> dependents(soci::session&, Id) { return std::nullopt; }
};

struct CommitmentSpec : NoChildren {
  using Entity = Commitment;
  using Id = CommitmentId;
  using Filter = SpendingFilter;
  static constexpr const char* kEntity = "commitment";
  static constexpr const char* kTable = "commitments";
  static constexpr bool kHasCode = false;
  static const std::vector<Column>& columns();
  static void write(const Entity& e, Row& row);
  static void read(Row& row, Entity& e);
  static void where(const Filter& f, Where& w);
  static Status check_references(soci::session& s, const Entity& e);
  static std::optional<std::string> dependents(soci::session&, Id) { return std::nullopt; }
};

// A project's properties and milestones are child rows.
struct ProjectSpec {
  using Entity = Project;
  using Id = ProjectId;
  using Filter = ProjectFilter;
  static constexpr const char* kEntity = "project";
  static constexpr const char* kTable = "projects";
  static constexpr bool kHasCode = true;
  static const std::vector<Column>& columns();
  static void write(const Entity& e, Row& row);
  static void read(Row& row, Entity& e);
  static void where(const Filter& f, Where& w);
  static Status check_references(soci::session& s, const Entity& e);
  static std::optional<std::string> dependents(soci::session& s, Id id);
  static void write_children(soci::session& s, const Entity& e, bool replacing);
  static void load_children(soci::session& s, const std::vector<std::int64_t>& ids,
                            std::map<std::int64_t, Entity>& by_id);
};

// A progress report is on or after its project's start, one per project and day.
struct ProgressSpec : NoChildren {
  using Entity = ProgressReport;
  using Id = ProgressId;
  using Filter = ProgressFilter;
  static constexpr const char* kEntity = "progress";
  static constexpr const char* kTable = "progress_reports";
  static constexpr bool kHasCode = false;
  static const std::vector<Column>& columns();
  static void write(const Entity& e, Row& row);
  static void read(Row& row, Entity& e);
  static void where(const Filter& f, Where& w);
  static Status check_references(soci::session& s, const Entity& e);
  static std::optional<std::string> dependents(soci::session&, Id) { return std::nullopt; }
};

using BudgetLineTable = RowTable<BudgetLineSpec>;
using AppropriationTable = RowTable<AppropriationSpec>;
using ExpenditureTable = RowTable<ExpenditureSpec>;
using CommitmentTable = RowTable<CommitmentSpec>;
using ProjectTable = RowTable<ProjectSpec>;
using ProgressTable = RowTable<ProgressSpec>;

// SpendingTotals over the expenditures table: one GROUP BY query.
class SqlSpendingTotals final : public SpendingTotals {
 public:
  explicit SqlSpendingTotals(std::shared_ptr<Database> db) : db_(std::move(db)) {}
  Result<std::map<std::int64_t, Money>> expended_by_line(const SpendingFilter& filter) override;

 private:
  std::shared_ptr<Database> db_;
};

}  // namespace estate::persistence
