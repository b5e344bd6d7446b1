// The repository contract, run against SQLite and MariaDB alike.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <thread>

#include "persistence/journal.h"
#include "tests/persistence/backend_fixture.h"
#include "tests/support/sample_records.h"

namespace estate::testing {
namespace {

const Actor kAlice{"alice"};

Date d(const char* text) {
  return *parse_date(text);
}

Mission sydney() {
  return sample_sydney_mission();
}

Property office(MissionId mission, const std::string& code = "SYD-OFF-1") {
  Property p;
  p.mission_id = mission;
  p.code = code;
  p.name = "Sydney office";
  p.kind = PropertyKind::office;
  p.address = "Level 22, 1 York Street";
  p.floor_area_m2 = *Decimal::parse("1250.75", 2);
  p.agencies = {"MOFA", "MOEA"};
  p.tenure = {{TenureType::leased, d("2015-07-01"), d("2026-06-30")},
              {TenureType::owned, d("2026-07-01"), std::nullopt}};
  return p;
}

Lease lease_of(PropertyId property) {
  Lease l;
  l.property_id = property;
  l.lessor = "York Street Property Trust";
  l.start = d("2015-07-01");
  l.end = d("2026-06-30");
  l.rent = *Money::parse("95000.00", *Currency::of("AUD"));
  l.escalation.kind = EscalationKind::steps;
  l.escalation.steps = {{d("2020-07-01"), *Money::parse("101000.00", *Currency::of("AUD"))}};
  l.notice_days = 180;
  l.options = {{LeaseOptionKind::renewal, d("2025-12-31"), 5},
               {LeaseOptionKind::break_clause, d("2020-06-30"), std::nullopt}};
  return l;
}

class RepositoryTest : public BackendTest {};

TEST_P(RepositoryTest, MigratingAgainIsANoOp) {
  auto again = persistence::migrate(*store_.db);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(*persistence::schema_version(*store_.db), persistence::migrations().back().version);
}

TEST_P(RepositoryTest, MissionRoundTripsWithChineseName) {
  auto created = store_.missions->create(sydney(), kAlice);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_GT(created->id.value(), 0);
  EXPECT_EQ(created->meta.version, 1);
  auto got = store_.missions->get(created->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name_zh, "駐雪梨台北經濟文化辦事處");
  EXPECT_EQ(got->currency.code(), "AUD");
  EXPECT_EQ(got->time_zone.name(), "Australia/Sydney");
  EXPECT_EQ(got->meta.created_at, created->meta.created_at);
}

TEST_P(RepositoryTest, DuplicateCodeIsAConflict) {
  ASSERT_TRUE(store_.missions->create(sydney(), kAlice).ok());
  auto again = store_.missions->create(sydney(), kAlice);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);
  EXPECT_EQ(*store_.missions->count(), 1);
}

TEST_P(RepositoryTest, PropertyKeepsTenureAgenciesAndExactArea) {
  auto mission = *store_.missions->create(sydney(), kAlice);
  auto created = store_.properties->create(office(mission.id), kAlice);
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto got = *store_.properties->get(created->id);
  EXPECT_EQ(got.floor_area_m2.to_string(), "1250.75");
  EXPECT_EQ(got.agencies, (std::vector<std::string>{"MOFA", "MOEA"}));
  ASSERT_EQ(got.tenure.size(), 2u);
  EXPECT_EQ(got.tenure[0], (Tenure{TenureType::leased, d("2015-07-01"), d("2026-06-30")}));
  EXPECT_EQ(got.tenure[1], (Tenure{TenureType::owned, d("2026-07-01"), std::nullopt}));
}

TEST_P(RepositoryTest, PropertyChineseNameRoundTripsAndNullStaysNull) {
  auto mission = *store_.missions->create(sydney(), kAlice);
  Property p = office(mission.id);
  p.name_zh = "駐雪梨辦事處辦公館舍";
  auto created = store_.properties->create(p, kAlice);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(store_.properties->get(created->id)->name_zh, "駐雪梨辦事處辦公館舍");

  Property none = office(mission.id, "SYD-OFF-2");
  auto plain = *store_.properties->create(none, kAlice);
  EXPECT_FALSE(store_.properties->get(plain.id)->name_zh.has_value());

  // 200 CJK characters (600 bytes) fit the column on both backends; clearing it stores NULL.
  std::string long_name;
  for (int i = 0; i < 200; ++i) long_name += "館";
  Property longer = *store_.properties->get(created->id);
  longer.name_zh = long_name;
  auto updated = store_.properties->update(longer, longer.meta.version, kAlice);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(store_.properties->get(created->id)->name_zh, long_name);
  Property cleared = *store_.properties->get(created->id);
  cleared.name_zh.reset();
  ASSERT_TRUE(store_.properties->update(cleared, cleared.meta.version, kAlice).ok());
  EXPECT_FALSE(store_.properties->get(created->id)->name_zh.has_value());
}

TEST_P(RepositoryTest, DomesticPropertyHasNoMission) {
  Property p = office(MissionId(), "ZY-DORM-1");
  p.mission_id.reset();
  auto created = store_.properties->create(p, kAlice);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_FALSE(store_.properties->get(created->id)->mission_id.has_value());
}

TEST_P(RepositoryTest, ReferenceToMissingMissionNamesTheFieldAndWritesNothing) {
  auto r = store_.properties->create(office(MissionId(999)), kAlice);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::invalid);
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, "mission_id");
  EXPECT_EQ(*store_.properties->count(), 0);
  EXPECT_EQ(persistence::verify_journal(*store_.db)->entries, 0);
}

// The domain rules run below the HTTP layer: a record the rules refuse cannot be stored by
// any path (seeders, stage moves, importers), one check per entity, and nothing is journalled.
TEST_P(RepositoryTest, EveryRepositoryRefusesARecordItsRulesRefuse) {
  auto refused = [&](auto result, const char* field) {
    EXPECT_FALSE(result.ok()) << field;
    if (result.ok()) return;
    EXPECT_EQ(result.error().kind, ErrorKind::invalid) << result.error().message;
    bool named = false;
    for (const FieldError& f : result.error().fields) named = named || f.field == field;
    EXPECT_TRUE(named) << "no error for " << field << ": " << result.error().message;
  };
  refused(store_.missions->create(Mission{}, kAlice), "code");
  refused(store_.properties->create(Property{}, kAlice), "code");
  refused(store_.leases->create(Lease{}, kAlice), "rent.amount");
  refused(store_.acquisitions->create(Acquisition{}, kAlice), "price.amount");
  refused(store_.fx_rates->create(FxRate{}, kAlice), "twd_per_unit");
  refused(store_.budget_lines->create(BudgetLine{}, kAlice), "code");
  refused(store_.appropriations->create(Appropriation{}, kAlice), "amount.amount");
  refused(store_.expenditures->create(Expenditure{}, kAlice), "amount.amount");
  refused(store_.commitments->create(Commitment{}, kAlice), "amount.amount");
  refused(store_.projects->create(Project{}, kAlice), "milestones");
  refused(store_.progress->create(ProgressReport{}, kAlice), "project_id");
  EXPECT_EQ(*store_.missions->count(), 0);
  // And an update is held to the same rules.
  Mission m = *store_.missions->create(sample_sydney_mission(), kAlice);
  m.code = "not a code";
  refused(store_.missions->update(m, 1, kAlice, "update"), "code");
}

TEST_P(RepositoryTest, UpdateNeedsTheCurrentVersion) {
  auto mission = *store_.missions->create(sydney(), kAlice);
  Mission changed = mission;
  changed.city = "Sydney CBD";
  auto updated = store_.missions->update(changed, 1, kAlice);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  EXPECT_EQ(updated->meta.version, 2);
  EXPECT_EQ(updated->meta.created_at, mission.meta.created_at);
  changed.city = "Parramatta";
  auto stale = store_.missions->update(changed, 1, kAlice);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().kind, ErrorKind::stale);
  EXPECT_EQ(store_.missions->get(mission.id)->city, "Sydney CBD");
}

TEST_P(RepositoryTest, UpdateReplacesChildRows) {
  auto mission = *store_.missions->create(sydney(), kAlice);
  auto p = *store_.properties->create(office(mission.id), kAlice);
  p.agencies = {"MOFA"};
  p.tenure = {{TenureType::provided, d("2000-01-01"), std::nullopt}};
  ASSERT_TRUE(store_.properties->update(p, 1, kAlice).ok());
  auto got = *store_.properties->get(p.id);
  EXPECT_EQ(got.agencies, std::vector<std::string>{"MOFA"});
  ASSERT_EQ(got.tenure.size(), 1u);
  EXPECT_EQ(got.tenure[0].type, TenureType::provided);
}

TEST_P(RepositoryTest, ConcurrentUpdatesOfOneVersionHaveExactlyOneWinner) {
  auto mission = *store_.missions->create(sydney(), kAlice);
  std::atomic<int> won{0}, stale{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < 4; ++i) {
    writers.emplace_back([&, i] {
      Mission m = mission;
      m.city = "City " + std::to_string(i);
      auto r = store_.missions->update(m, 1, Actor{"writer" + std::to_string(i)});
      if (r.ok())
        ++won;
      else if (r.error().kind == ErrorKind::stale)
        ++stale;
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(stale.load(), 3);
  EXPECT_EQ(store_.missions->get(mission.id)->meta.version, 2);
}

TEST_P(RepositoryTest, DeleteIsRefusedWhileOthersDependAndNeedsTheVersion) {
  auto mission = *store_.missions->create(sydney(), kAlice);
  auto property = *store_.properties->create(office(mission.id), kAlice);
  auto refused = store_.missions->remove(mission.id, 1, kAlice);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, ErrorKind::conflict);
  EXPECT_EQ(store_.properties->remove(property.id, 7, kAlice).error().kind, ErrorKind::stale);
  ASSERT_TRUE(store_.properties->remove(property.id, 1, kAlice).ok());
  EXPECT_EQ(store_.properties->get(property.id).error().kind, ErrorKind::not_found);
  EXPECT_TRUE(store_.missions->remove(mission.id, 1, kAlice).ok());
}

TEST_P(RepositoryTest, LeaseRoundTripsStepsAndOptions) {
  auto mission = *store_.missions->create(sydney(), kAlice);
  auto property = *store_.properties->create(office(mission.id), kAlice);
  auto created = store_.leases->create(lease_of(property.id), kAlice);
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto got = *store_.leases->get(created->id);
  EXPECT_EQ(got.rent.amount_string(), "95000.00");
  EXPECT_EQ(got.rent.currency().code(), "AUD");
  EXPECT_EQ(got.start, d("2015-07-01"));
  EXPECT_EQ(got.end, d("2026-06-30"));
  EXPECT_EQ(got.escalation.kind, EscalationKind::steps);
  ASSERT_EQ(got.escalation.steps.size(), 1u);
  EXPECT_EQ(got.escalation.steps[0].rent.amount_string(), "101000.00");
  ASSERT_EQ(got.options.size(), 2u);
  EXPECT_EQ(got.options[0].years, 5);
  EXPECT_EQ(got.options[1].kind, LeaseOptionKind::break_clause);
  EXPECT_FALSE(got.options[1].years.has_value());
}

TEST_P(RepositoryTest, FixedPercentEscalationAndJpyRentRoundTrip) {
  Mission tokyo = sydney();
  tokyo.code = "TYO";
  tokyo.currency = *Currency::of("JPY");
  auto mission = *store_.missions->create(tokyo, kAlice);
  auto property = *store_.properties->create(office(mission.id, "TYO-OFF-1"), kAlice);
  Lease l = lease_of(property.id);
  l.rent = *Money::parse("4800000", *Currency::of("JPY"));
  l.escalation = Escalation{EscalationKind::fixed_pct, *Decimal::parse("2.75", 2), {}};
  auto created = *store_.leases->create(l, kAlice);
  auto got = *store_.leases->get(created.id);
  EXPECT_EQ(got.rent.amount_string(), "4800000");
  EXPECT_EQ(got.escalation.pct->to_string(), "2.75");
}

TEST_P(RepositoryTest, ListsPageInIdOrderWithFilters) {
  auto syd = *store_.missions->create(sydney(), kAlice);
  Mission rome = sydney();
  rome.code = "ROM";
  rome.region = Region::europe;
  auto rom = *store_.missions->create(rome, kAlice);
  for (int i = 1; i <= 5; ++i) {
    Property p = office(i % 2 ? syd.id : rom.id, "P-" + std::to_string(i));
    if (i == 5) p.kind = PropertyKind::chief_residence;
    ASSERT_TRUE(store_.properties->create(p, kAlice).ok());
  }
  PageRequest page{2, 0};
  auto first = *store_.properties->list({}, page);
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].code, "P-1");
  ASSERT_TRUE(first.next_after_id.has_value());
  auto second = *store_.properties->list({}, PageRequest{2, *first.next_after_id});
  EXPECT_EQ(second.items[0].code, "P-3");
  auto third = *store_.properties->list({}, PageRequest{2, *second.next_after_id});
  EXPECT_EQ(third.items.size(), 1u);
  EXPECT_FALSE(third.next_after_id.has_value());

  PropertyFilter europe;
  europe.region = Region::europe;
  EXPECT_EQ(store_.properties->list(europe, {})->items.size(), 2u);  // P-2, P-4
  PropertyFilter residences;
  residences.kind = PropertyKind::chief_residence;
  EXPECT_EQ(store_.properties->list(residences, {})->items.at(0).code, "P-5");
  PropertyFilter by_code;
  by_code.code = "P-3' OR '1'='1";
  EXPECT_TRUE(store_.properties->list(by_code, {})->items.empty());
}

TEST_P(RepositoryTest, GetManyLoadsInIdOrderAndNamesAMissingId) {
  auto syd = *store_.missions->create(sydney(), kAlice);
  std::vector<PropertyId> ids;
  for (int i = 1; i <= 3; ++i)
    ids.push_back(store_.properties->create(office(syd.id, "P-" + std::to_string(i)), kAlice)->id);
  auto got = store_.properties->get_many({ids[2], ids[0], ids[2]});  // unordered, repeated
  ASSERT_TRUE(got.ok()) << got.error().message;
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].code, "P-1");
  EXPECT_EQ((*got)[1].code, "P-3");
  EXPECT_EQ((*got)[1].tenure.size(), 2u);
  EXPECT_TRUE(store_.properties->get_many({})->empty());
  auto missing = store_.properties->get_many({ids[1], PropertyId(ids[2].value() + 100)});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
  EXPECT_NE(missing.error().message.find(std::to_string(ids[2].value() + 100)), std::string::npos);
}

TEST_P(RepositoryTest, TokensAreStoredHashedAndCanBeRevoked) {
  auto secret = store_.tokens->issue("alice", Role::finance, Actor{"operator"});
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(secret->size(), 64u);
  auto who = *store_.tokens->authenticate(*secret);
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(who->user, "alice");
  EXPECT_EQ(who->role, Role::finance);
  // Only the hash is stored.
  int plain = store_.db
                  ->read<int>([&](soci::session& s) -> Result<int> {
                    int n = 0;
                    s << "SELECT COUNT(*) FROM api_tokens WHERE token_hash = :t",
                        soci::use(*secret), soci::into(n);
                    return n;
                  })
                  .value();
  EXPECT_EQ(plain, 0);
  EXPECT_EQ(*store_.tokens->revoke("alice", Actor{"operator"}), 1);
  EXPECT_FALSE(store_.tokens->authenticate(*secret)->has_value());
  EXPECT_FALSE(store_.tokens->authenticate("not-a-token")->has_value());
}

ESTATE_ON_BOTH_BACKENDS(RepositoryTest);

}  // namespace
}  // namespace estate::testing
