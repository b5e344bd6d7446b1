// The budget side of the estate: a BudgetLine (預算科目, such as 購建駐外機構館官舍) is funded
// each ROC fiscal year by Appropriations; money leaves it as Expenditures (paid, dated) and is
// tied up by Commitments (contracts signed, partly paid). A Project (營建工程, such as the
// Zhiyuan New Village renewal) has a budget at completion (BAC), a baseline of dated
// milestones with planned percent complete, and dated ProgressReports of actual percent
// complete; its expenditures are its actual cost. All budget money is in NT dollars.
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/decimal.h"
#include "domain/ids.h"
#include "domain/money.h"
#include "domain/record.h"
#include "domain/result.h"

namespace estate {

// Budget figures are TWD; these are the fiscal years the service accepts (ROC 80–200).
inline constexpr int kFirstBudgetYearRoc = 80;
inline constexpr int kLastBudgetYearRoc = 200;
// Percentages (planned and reported complete) have two decimals: "12.50".
inline constexpr int kPercentScale = 2;

struct BudgetLine {
  BudgetLineId id;
  std::string code, name_zh, name_en;
  RecordMeta meta;
};

struct Appropriation {
  AppropriationId id;
  BudgetLineId budget_line_id;
  FiscalYear fiscal_year = FiscalYear::containing(Date{date::year{2026} / 1 / 1});
  Money amount = Money::zero(Currency::twd());
  RecordMeta meta;
};

struct Expenditure {
  ExpenditureId id;
  Date on{};
  Money amount = Money::zero(Currency::twd());
  BudgetLineId budget_line_id;
  std::optional<ProjectId> project_id;
  std::optional<AcquisitionId> acquisition_id;
  std::string description;
  RecordMeta meta;
};

struct Commitment {
  CommitmentId id;
  Date signed_on{};
  std::string counterparty;
  Money amount = Money::zero(Currency::twd());
  Money paid = Money::zero(Currency::twd());
  BudgetLineId budget_line_id;
  std::optional<ProjectId> project_id;
  std::optional<AcquisitionId> acquisition_id;
  RecordMeta meta;
};

struct Milestone {
  std::string name;
  Date date{};
  Decimal planned_pct = Decimal::from_units(0, kPercentScale);
  bool operator==(const Milestone& o) const {
    return name == o.name && date == o.date && planned_pct == o.planned_pct;
  }
};

struct Project {
  ProjectId id;
  std::string code, name_zh, name_en;
  std::vector<PropertyId> property_ids;
  Date start{};
  Money bac = Money::zero(Currency::twd());
  std::vector<Milestone> milestones;  // the baseline, in date order, ending at 100 %
  RecordMeta meta;
};

struct ProgressReport {
  ProgressId id;
  ProjectId project_id;
  Date on{};
  Decimal pct_complete = Decimal::from_units(0, kPercentScale);
  RecordMeta meta;
};

// A percentage (at most kPercentScale places, as every validated one is) in hundredths.
std::int64_t percent_hundredths(const Decimal& pct);

// Every rule each record satisfies by itself (that referenced records exist, and that a
// progress report is not before its project starts, need the database: see persistence).
// Amounts are TWD: appropriations, expenditures and commitments positive; a commitment's
// paid part from zero to its amount; a project's BAC positive.
std::vector<FieldError> validate(const BudgetLine& line);
std::vector<FieldError> validate(const Appropriation& appropriation);
std::vector<FieldError> validate(const Expenditure& expenditure);
std::vector<FieldError> validate(const Commitment& commitment);
// Milestones: at least one, dates strictly increasing and after the start, planned percent
// 0–100 and never decreasing, the last exactly 100.
std::vector<FieldError> validate(const Project& project);
// Percent complete 0–100.
std::vector<FieldError> validate(const ProgressReport& report);

}  // namespace estate
