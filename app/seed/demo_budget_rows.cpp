// The demo budget (all NT$, illustrative): budget lines, appropriations, the Sydney purchase's
// and the Zhiyuan renewal's expenditures and commitments, the renewal's progress (demo_rows.h).
#include "app/seed/demo_rows.h"

namespace estate::app::demo {

const std::vector<BudgetLineRow>& budget_lines() {
  static const std::vector<BudgetLineRow> rows = {
      {"MOFA-PREMISES", "購建駐外機構館官舍", "Purchase and construction of mission premises"},
      {"MOFA-ZHIYUAN", "致遠新村活化再利用計畫",
       "Zhiyuan New Village renewal: rotation dormitories and diplomatic archives centre"},
  };
  return rows;
}

const std::vector<AppropriationRow>& appropriations() {
  static const std::vector<AppropriationRow> rows = {
      {"MOFA-PREMISES", 114, "1200000000"}, {"MOFA-PREMISES", 115, "1580000000"},
      {"MOFA-PREMISES", 116, "900000000"},  {"MOFA-ZHIYUAN", 114, "120000000"},
      {"MOFA-ZHIYUAN", 115, "380000000"},   {"MOFA-ZHIYUAN", 116, "520000000"},
  };
  return rows;
}

// The Sydney purchase: AUD 52,000,000 price and AUD 2,600,000 costs at 20.78 TWD/AUD
// (deposit 10 % on contract, the rest at settlement); Zhiyuan: design, then construction.
const std::vector<SpendRow>& expenditures() {
  static const std::vector<SpendRow> rows = {
      {"MOFA-PREMISES", "2025-10-15", "4500000", "ACQ-SYD-2026", false,
       "Sydney office: legal and technical due diligence"},
      {"MOFA-PREMISES", "2026-03-20", "108056000", "ACQ-SYD-2026", false,
       "Sydney office: 10 % deposit on contract (AUD 5,200,000)"},
      {"MOFA-PREMISES", "2026-06-19", "972504000", "ACQ-SYD-2026", false,
       "Sydney office: balance at settlement (AUD 46,800,000)"},
      {"MOFA-PREMISES", "2026-06-19", "54028000", "ACQ-SYD-2026", false,
       "Sydney office: stamp duty and purchase costs (AUD 2,600,000)"},
      {"MOFA-PREMISES", "2026-09-10", "1850000", "ACQ-BOS-2026", false,
       "Boston office: appraisal and broker fees"},
      {"MOFA-ZHIYUAN", "2025-05-15", "18000000", nullptr, true, "設計監造 first instalment"},
      {"MOFA-ZHIYUAN", "2025-11-20", "52000000", nullptr, true, "設計監造 second instalment"},
      {"MOFA-ZHIYUAN", "2026-02-26", "96000000", nullptr, true, "主體工程 progress payment 1"},
      {"MOFA-ZHIYUAN", "2026-05-29", "88500000", nullptr, true, "主體工程 progress payment 2"},
      {"MOFA-ZHIYUAN", "2026-08-31", "101250000", nullptr, true, "主體工程 progress payment 3"},
      {"MOFA-ZHIYUAN", "2026-10-30", "64000000", nullptr, true, "主體工程 progress payment 4"},
  };
  return rows;
}

const std::vector<CommitmentRow>& commitments() {
  static const std::vector<CommitmentRow> rows = {
      {"MOFA-PREMISES", "2026-03-20", "York Street Property Trust (Sydney purchase contract)",
       "1080560000", "1080560000", "ACQ-SYD-2026", false},
      {"MOFA-PREMISES", "2026-02-10", "Boston commercial broker", "3000000", "1850000",
       "ACQ-BOS-2026", false},
      {"MOFA-ZHIYUAN", "2025-04-01", "Architects' consortium (design and supervision)", "75000000",
       "70000000", nullptr, true},
      {"MOFA-ZHIYUAN", "2026-01-20", "General contractor (dormitories and archives centre)",
       "780000000", "349750000", nullptr, true},
  };
  return rows;
}

const std::vector<std::array<const char*, 2>>& zhiyuan_progress() {
  static const std::vector<std::array<const char*, 2>> rows = {
      {"2025-06-30", "3.00"},  {"2025-12-31", "7.80"},  {"2026-03-31", "16.00"},
      {"2026-06-30", "26.50"}, {"2026-09-30", "36.00"},
  };
  return rows;
}

}  // namespace estate::app::demo
