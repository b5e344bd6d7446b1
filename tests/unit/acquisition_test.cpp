// Acquisitions: a forward-only, dated stage history; and the tenure a purchase leaves behind.
#include "domain/acquisition.h"

#include <gtest/gtest.h>

#include "domain/property.h"

namespace estate {
namespace {

Date day(const char* text) {
  return *parse_date(text);
}

Acquisition proposed() {
  Acquisition a;
  a.code = "ACQ-1";
  a.property_id = PropertyId(1);
  a.stages = {{AcquisitionStage::proposed, day("2024-03-01")}};
  a.price = *Money::parse("100.00", *Currency::of("AUD"));
  a.costs = Money::zero(*Currency::of("AUD"));
  a.operating_cost_annual = Money::zero(*Currency::of("AUD"));
  return a;
}

TEST(AcquisitionStages, MoveForwardSkippingStagesIfNeedBe) {
  auto a = advance(proposed(), AcquisitionStage::contracted, day("2024-05-01"));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->stage(), AcquisitionStage::contracted);
  EXPECT_FALSE(a->occupied_on());
  a = advance(*a, AcquisitionStage::occupied, day("2024-05-01"));  // same day is fine
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->occupied_on(), day("2024-05-01"));
  EXPECT_TRUE(validate(*a).empty());
}

TEST(AcquisitionStages, BackwardsSidewaysAndAfterTheEndAreConflicts) {
  auto a = *advance(proposed(), AcquisitionStage::appraised, day("2024-04-01"));
  EXPECT_EQ(advance(a, AcquisitionStage::proposed, day("2024-05-01")).error().kind,
            ErrorKind::conflict);
  EXPECT_EQ(advance(a, AcquisitionStage::appraised, day("2024-05-01")).error().kind,
            ErrorKind::conflict);
  auto cancelled = *advance(a, AcquisitionStage::cancelled, day("2024-05-01"));
  EXPECT_EQ(advance(cancelled, AcquisitionStage::occupied, day("2024-06-01")).error().kind,
            ErrorKind::conflict);
  auto early = advance(a, AcquisitionStage::settled, day("2024-03-31"));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().kind, ErrorKind::invalid);
  EXPECT_EQ(early.error().fields.at(0).field, "on");
}

TEST(AcquisitionRules, HistoryAmountsAndCurrencies) {
  Acquisition a = proposed();
  a.stages.push_back({AcquisitionStage::occupied, day("2024-01-01")});   // date goes back
  a.stages.push_back({AcquisitionStage::appraised, day("2024-06-01")});  // after occupied
  a.costs = *Money::parse("-1.00", *Currency::of("AUD"));
  a.operating_cost_annual = *Money::parse("1.00", *Currency::of("USD"));
  a.replaces_lease_ids = {LeaseId(3), LeaseId(3)};
  std::vector<std::string> fields;
  for (const FieldError& e : validate(a)) fields.push_back(e.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"stages[1].on", "stages[2].stage", "costs.amount",
                                      "operating_cost_annual.currency", "replaces_lease_ids[1]"}));
}

TEST(TenureAfterPurchase, LeasedEndsTheDayBeforeAndOwnedBegins) {
  std::vector<Tenure> before = {{TenureType::leased, day("2015-07-01"), std::nullopt}};
  auto after = tenure_after_purchase(before, day("2026-07-01"));
  ASSERT_TRUE(after.ok());
  ASSERT_TRUE(after->has_value());
  EXPECT_EQ(**after,
            (std::vector<Tenure>{{TenureType::leased, day("2015-07-01"), day("2026-06-30")},
                                 {TenureType::owned, day("2026-07-01"), std::nullopt}}));
  EXPECT_TRUE(validate_tenure(**after).empty());
}

TEST(TenureAfterPurchase, NothingChangesWhenTheHistoryAlreadySaysSo) {
  std::vector<Tenure> owned = {{TenureType::leased, day("2009-01-01"), day("2024-03-31")},
                               {TenureType::owned, day("2024-04-01"), std::nullopt}};
  auto after = tenure_after_purchase(owned, day("2024-04-01"));
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->has_value());
}

TEST(TenureAfterPurchase, ALeaseStartingThatDayIsReplacedAndLaterIntervalsConflict) {
  std::vector<Tenure> same_day = {{TenureType::leased, day("2026-07-01"), std::nullopt}};
  auto after = tenure_after_purchase(same_day, day("2026-07-01"));
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(**after, (std::vector<Tenure>{{TenureType::owned, day("2026-07-01"), std::nullopt}}));
  std::vector<Tenure> planned = {{TenureType::leased, day("2020-01-01"), day("2026-12-31")},
                                 {TenureType::leased, day("2027-01-01"), std::nullopt}};
  EXPECT_EQ(tenure_after_purchase(planned, day("2026-07-01")).error().kind, ErrorKind::conflict);
}

}  // namespace
}  // namespace estate
