// The budget records through the same repository contract, on SQLite and MariaDB alike:
// RowTable's column mapping, NULL references, child rows, uniqueness and dependents.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "tests/persistence/backend_fixture.h"
#include "tests/support/sample_records.h"

namespace estate::testing {
namespace {

const Actor kFinance{"finance-officer"};

Date d(const char* text) {
  return *parse_date(text);
}

Money twd(const char* amount) {
  return *Money::parse(amount, Currency::twd());
}

class BudgetRepositoryTest : public BackendTest {
 protected:
  BudgetLine line() {
    BudgetLine b;
    b.code = "MOFA-5-1";
    b.name_zh = "購建駐外機構館官舍";
    b.name_en = "Purchase and construction of mission premises";
    return *store_.budget_lines->create(b, kFinance);
  }

  Project project(std::vector<PropertyId> properties = {}) {
    Project p;
    p.code = "ZHIYUAN";
    p.name_zh = "致遠新村活化再利用";
    p.name_en = "Zhiyuan New Village renewal";
    p.property_ids = std::move(properties);
    p.start = d("2025-01-15");
    p.bac = twd("1200000000");
    p.milestones = {{"Design", d("2025-06-30"), *Decimal::parse("10", 2)},
                    {"Dormitory", d("2027-06-30"), *Decimal::parse("60", 2)},
                    {"Archives centre", d("2029-12-31"), *Decimal::parse("100", 2)}};
    auto created = store_.projects->create(p, kFinance);
    EXPECT_TRUE(created.ok()) << created.error().message;
    return *created;
  }
};

TEST_P(BudgetRepositoryTest, AppropriationKeepsItsFiscalYearAndAmount) {
  BudgetLine b = line();
  Appropriation a;
  a.budget_line_id = b.id;
  a.fiscal_year = *FiscalYear::from_roc(115);
  a.amount = twd("1523456789.00");
  auto created = store_.appropriations->create(a, kFinance);
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto got = *store_.appropriations->get(created->id);
  EXPECT_EQ(got.fiscal_year.ad(), 2026);
  EXPECT_EQ(got.amount.minor_units(), 152345678900);
  EXPECT_EQ(got.meta.version, 1);
  AppropriationFilter fy114;
  fy114.fiscal_year = *FiscalYear::from_roc(114);
  EXPECT_TRUE(store_.appropriations->list(fy114, {})->items.empty());
  AppropriationFilter fy115;
  fy115.fiscal_year = *FiscalYear::from_roc(115);
  EXPECT_EQ(store_.appropriations->list(fy115, {})->items.size(), 1u);
}

TEST_P(BudgetRepositoryTest, ExpenditureRoundTripsNullAndSetReferences) {
  BudgetLine b = line();
  Project p = project();
  Expenditure e;
  e.on = d("2026-02-28");
  e.amount = twd("4500000");
  e.budget_line_id = b.id;
  e.description = "設計監造費 first instalment; O'Brien & Co";
  auto plain = *store_.expenditures->create(e, kFinance);
  e.project_id = p.id;
  auto charged = *store_.expenditures->create(e, kFinance);
  auto got_plain = *store_.expenditures->get(plain.id);
  auto got_charged = *store_.expenditures->get(charged.id);
  EXPECT_FALSE(got_plain.project_id.has_value());
  EXPECT_FALSE(got_plain.acquisition_id.has_value());
  ASSERT_TRUE(got_charged.project_id.has_value());
  EXPECT_EQ(*got_charged.project_id, p.id);
  EXPECT_EQ(got_charged.on, d("2026-02-28"));
  EXPECT_EQ(got_charged.description, e.description);
  SpendingFilter of_project;
  of_project.project_id = p.id;
  EXPECT_EQ(store_.expenditures->list(of_project, {})->items.size(), 1u);

  e.project_id = ProjectId(p.id.value() + 50);
  auto missing = store_.expenditures->create(e, kFinance);
  ASSERT_FALSE(missing.ok());
  ASSERT_EQ(missing.error().fields.size(), 1u);
  EXPECT_EQ(missing.error().fields[0].field, "project_id");
}

TEST_P(BudgetRepositoryTest, ExpendedTotalsAreSummedByLineWithinTheDatesInTheDatabase) {
  BudgetLine a = line();
  BudgetLine b = *store_.budget_lines->create(
      [] {
        BudgetLine other;
        other.code = "MOFA-5-2";
        other.name_zh = "其他";
        other.name_en = "Other";
        return other;
      }(),
      kFinance);
  auto spend = [&](const BudgetLine& l, const char* on, const char* amount) {
    Expenditure e;
    e.on = d(on);
    e.amount = twd(amount);
    e.budget_line_id = l.id;
    e.description = "payment";
    ASSERT_TRUE(store_.expenditures->create(e, kFinance).ok());
  };
  spend(a, "2025-12-31", "1.00");  // the year before: left out
  spend(a, "2026-01-01", "100.10");
  spend(a, "2026-06-30", "0.05");
  spend(a, "2026-07-01", "7.00");  // after `to`: left out
  spend(b, "2026-03-15", "250000000.99");
  SpendingFilter f;
  f.from = d("2026-01-01");
  f.to = d("2026-06-30");
  auto totals = store_.spending_totals->expended_by_line(f);
  ASSERT_TRUE(totals.ok()) << totals.error().message;
  // Line a: 100.10 + 0.05 = 100.15; line b: 250,000,000.99.
  EXPECT_EQ(*totals, (std::map<std::int64_t, Money>{{a.id.value(), twd("100.15")},
                                                    {b.id.value(), twd("250000000.99")}}));
  f.budget_line_id = b.id;
  EXPECT_EQ(store_.spending_totals->expended_by_line(f)->size(), 1u);
}

TEST_P(BudgetRepositoryTest, ExpendedTotalsBeyondWhatMoneyHoldsAreAnErrorNotAWrap) {
  // A record may hold at most Money::kMaxRecordMinor, so the repository refuses such an
  // amount; rows stored before that limit (here written by hand) still must not wrap the sum.
  BudgetLine a = line();
  Expenditure e;
  e.on = d("2026-01-02");
  e.amount = Money::from_minor(INT64_MAX - 10, Currency::twd());
  e.budget_line_id = a.id;
  e.description = "too much";
  auto refused = store_.expenditures->create(e, kFinance);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().fields.at(0).field, "amount.amount");
  e.amount = Money::from_minor(Money::kMaxRecordMinor, Currency::twd());
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(store_.expenditures->create(e, kFinance).ok());
  ASSERT_TRUE(store_.db
                  ->write<int>("test",
                               [](persistence::WriteTransaction& tx) -> Result<int> {
                                 tx.session() << std::string("UPDATE expenditures SET amount_twd_minor = "
                                                 "9223372036854775797");
                                 return 0;
                               })
                  .ok());
  auto totals = store_.spending_totals->expended_by_line({});
  ASSERT_FALSE(totals.ok());
  EXPECT_EQ(totals.error().kind, ErrorKind::invalid) << totals.error().message;
}

TEST_P(BudgetRepositoryTest, ProjectKeepsPropertiesAndMilestonesAndReplacesThem) {
  auto mission = *store_.missions->create(sample_sydney_mission(), kFinance);
  Property prop;
  prop.mission_id = mission.id;
  prop.code = "SYD-OFF-1";
  prop.name = "Sydney office";
  prop.kind = PropertyKind::office;
  prop.address = "1 York Street";
  prop.floor_area_m2 = *Decimal::parse("1000", 2);
  prop.tenure = {{TenureType::owned, d("2020-01-01"), std::nullopt}};
  auto property = *store_.properties->create(prop, kFinance);
  Project p = project({property.id});
  auto got = *store_.projects->get(p.id);
  ASSERT_EQ(got.milestones.size(), 3u);
  EXPECT_EQ(got.milestones[1], (Milestone{"Dormitory", d("2027-06-30"), *Decimal::parse("60", 2)}));
  ASSERT_EQ(got.property_ids.size(), 1u);
  EXPECT_EQ(got.property_ids[0], property.id);

  got.milestones.erase(got.milestones.begin());
  got.property_ids.clear();
  auto updated = store_.projects->update(got, got.meta.version, kFinance);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  auto again = *store_.projects->get(p.id);
  EXPECT_EQ(again.milestones.size(), 2u);
  EXPECT_TRUE(again.property_ids.empty());
  EXPECT_EQ(again.meta.version, 2);
}

TEST_P(BudgetRepositoryTest, OneProgressReportPerDayNotBeforeTheStart) {
  Project p = project();
  ProgressReport r;
  r.project_id = p.id;
  r.on = d("2026-03-31");
  r.pct_complete = *Decimal::parse("12.5", 2);
  auto first = store_.progress->create(r, kFinance);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(store_.progress->get(first->id)->pct_complete.to_string(), "12.50");
  EXPECT_EQ(store_.progress->create(r, kFinance).error().kind, ErrorKind::conflict);
  r.on = d("2025-01-14");
  auto early = store_.progress->create(r, kFinance);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().fields.at(0).field, "on");
}

TEST_P(BudgetRepositoryTest, RecordsInUseCannotBeDeleted) {
  BudgetLine b = line();
  Project p = project();
  Commitment c;
  c.signed_on = d("2026-01-10");
  c.counterparty = "Zhiyuan Construction Co.";
  c.amount = twd("300000000");
  c.paid = twd("50000000");
  c.budget_line_id = b.id;
  c.project_id = p.id;
  auto created = *store_.commitments->create(c, kFinance);
  EXPECT_EQ(store_.commitments->get(created.id)->paid.minor_units(), 5000000000);
  Status line_gone = store_.budget_lines->remove(b.id, 1, kFinance);
  ASSERT_FALSE(line_gone.ok());
  EXPECT_EQ(line_gone.error().kind, ErrorKind::conflict);
  EXPECT_NE(line_gone.error().message.find("commitments"), std::string::npos);
  EXPECT_EQ(store_.projects->remove(p.id, 1, kFinance).error().kind, ErrorKind::conflict);
  ASSERT_TRUE(store_.commitments->remove(created.id, 1, kFinance).ok());
  EXPECT_TRUE(store_.projects->remove(p.id, 1, kFinance).ok());
  EXPECT_TRUE(store_.budget_lines->remove(b.id, 1, kFinance).ok());
}

ESTATE_ON_BOTH_BACKENDS(BudgetRepositoryTest);

}  // namespace
}  // namespace estate::testing
