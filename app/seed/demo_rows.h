// The demo register's rows (app/seed/demo_data.h loads them): plain tables of literals, the
// register in demo_register_rows.cpp, the budget in demo_budget_rows.cpp. Names and orders
// of magnitude follow public reporting; every figure is illustrative, not ministry data.
// Internal to app/seed; thread-safety: constants.
#pragma once

#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/acquisition.h"
#include "domain/lease.h"
#include "domain/mission.h"
#include "domain/property.h"

namespace estate::app::demo {

struct MissionRow {
  const char *code, *name_en, *name_zh, *country, *city;
  Region region;
  MissionType type;
  const char *currency, *zone;
};

struct TenureRow {
  TenureType type;
  const char* from;
  const char* to;  // nullptr: open
};

struct PropertyRow {
  const char* mission;  // nullptr: domestic, no mission
  const char *code, *name;
  PropertyKind kind;
  const char *address, *area;
  PropertyStatus status;
  std::vector<std::string> agencies;
  std::vector<TenureRow> tenure;
};

struct LeaseRow {
  const char *property, *lessor, *start, *end, *rent, *pct;  // pct nullptr: no escalation
  RentPeriod period;
  int notice_days;
};

struct FxRow {
  const char *currency, *effective, *twd_per_unit;
};

struct AcquisitionRow {
  const char *code, *property;
  std::vector<std::pair<AcquisitionStage, const char*>> stages;
  const char *price, *costs, *operating;  // in the replaced lease's currency
};

struct BudgetLineRow {
  const char *code, *name_zh, *name_en;
};

struct AppropriationRow {
  const char* line;
  int fiscal_year;  // ROC
  const char* amount;
};

struct SpendRow {
  const char *line, *on, *amount;
  const char* acquisition;  // code, or nullptr
  bool zhiyuan;             // charged to the Zhiyuan project
  const char* text;
};

struct CommitmentRow {
  const char *line, *signed_on, *counterparty, *amount, *paid;
  const char* acquisition;
  bool zhiyuan;
};

// Missions: real names of the ministry's missions; the register's data is illustrative.
const std::vector<MissionRow>& missions();
// Each demo property's Chinese name, as the ministry's staff call it: the mission's own
// Chinese name and what the building is to it.
const std::map<std::string, std::string>& property_names_zh();
const std::vector<PropertyRow>& properties();
const std::vector<LeaseRow>& leases();
// TWD per unit, one rate a year per currency.
const std::vector<FxRow>& fx_rates();
const std::vector<AcquisitionRow>& acquisitions();

// The budget, all NT$.
const std::vector<BudgetLineRow>& budget_lines();
const std::vector<AppropriationRow>& appropriations();
const std::vector<SpendRow>& expenditures();
const std::vector<CommitmentRow>& commitments();
// The Zhiyuan renewal's progress reports: {day, percent complete}.
const std::vector<std::array<const char*, 2>>& zhiyuan_progress();

}  // namespace estate::app::demo
