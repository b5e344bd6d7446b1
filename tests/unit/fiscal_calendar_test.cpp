#include "reports/fiscal_calendar.h"

#include <gtest/gtest.h>

namespace estate::reports {
namespace {

TEST(FiscalYears, ListsEveryYearOfAnInclusiveRange) {
  auto years = fiscal_years(*FiscalYear::from_roc(110), *FiscalYear::from_roc(115));
  ASSERT_EQ(years.size(), 6u);
  EXPECT_EQ(years.front().ad(), 2021);
  EXPECT_EQ(years.back().ad(), 2026);
  EXPECT_TRUE(fiscal_years(*FiscalYear::from_roc(115), *FiscalYear::from_roc(114)).empty());
}

TEST(SampleDay, IsTheYearEndOrTheAsOfDateIfEarlier) {
  Date as_of = *parse_date("2026-11-24");
  EXPECT_EQ(format_date(sample_day(*FiscalYear::from_roc(114), as_of)), "2025-12-31");
  EXPECT_EQ(format_date(sample_day(*FiscalYear::from_roc(115), as_of)), "2026-11-24");
}

}  // namespace
}  // namespace estate::reports
