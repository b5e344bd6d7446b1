// Statements kept per pooled session (persistence/kept_statements.h): a session prepares each
// of the register's reads once and runs it again; a read on a session with kept statements
// still sees what another connection committed since (no SQLite read snapshot is held between
// units of work); a unit of work that threw forgets its session's statements. Both backends.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "persistence/kept_statements.h"
#include "persistence/table_support.h"
#include "tests/persistence/backend_fixture.h"
#include "tests/support/sample_records.h"

namespace estate::testing {
namespace {

const Actor kAlice{"alice"};

Property office(MissionId mission, const std::string& code) {
  return sample_sydney_office(mission, code);
}

class KeptStatementsTest : public BackendTest {
 protected:
  // A second store on the same database with one session, so every read runs on it.
  persistence::Store one_session() {
    auto s = persistence::open_store(database_->url(), 1);
    EXPECT_TRUE(s.ok()) << s.error().message;
    return std::move(*s);
  }
  // What the single session of `db` keeps: the number of statements and the one under `key`.
  static std::pair<std::size_t, persistence::KeptStatement*> kept(persistence::Database& db,
                                                                  const std::string& key) {
    std::pair<std::size_t, persistence::KeptStatement*> out{0, nullptr};
    EXPECT_TRUE(db.with_session([&](soci::session& s) -> Status {
                    auto* statements = persistence::kept_statements_of(s);
                    if (!statements) return Error::internal("the session keeps no statements");
                    out = {statements->size(), statements->find(key)};
                    return {};
                  }).ok());
    return out;
  }
};

TEST(IdBucket, IsTheSmallestPowerOfFourThatHoldsTheIdsUpTo1024) {
  EXPECT_EQ(persistence::id_bucket(1), 1u);
  EXPECT_EQ(persistence::id_bucket(2), 4u);
  EXPECT_EQ(persistence::id_bucket(4), 4u);
  EXPECT_EQ(persistence::id_bucket(5), 16u);
  EXPECT_EQ(persistence::id_bucket(51), 64u);
  EXPECT_EQ(persistence::id_bucket(65), 256u);
  EXPECT_EQ(persistence::id_bucket(1000), 1024u);
  EXPECT_EQ(persistence::id_bucket(5000), 1024u);
}

TEST_P(KeptStatementsTest, ASessionPreparesEachReadOnceAndRunsItAgain) {
  auto syd = *store_.missions->create(sample_sydney_mission(), kAlice);
  std::vector<PropertyId> ids;
  for (int i = 1; i <= 3; ++i)
    ids.push_back(store_.properties->create(office(syd.id, "P-" + std::to_string(i)), kAlice)->id);
  persistence::Store reader = one_session();
  ASSERT_TRUE(reader.properties->get(ids[0]).ok());
  // By id: the row, its agencies and its tenure, each with one id.
  auto [after_one, by_id] = kept(*reader.db, "properties#1");
  EXPECT_EQ(after_one, 3u);
  ASSERT_NE(by_id, nullptr);
  auto again = reader.properties->get(ids[1]);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->code, "P-2");
  EXPECT_EQ(again->agencies, (std::vector<std::string>{"MOFA", "MOEA"}));
  auto [after_two, same] = kept(*reader.db, "properties#1");
  EXPECT_EQ(after_two, 3u);
  EXPECT_EQ(same, by_id);  // the same statement, run again
  // A page of three: the ids' query, then the three tables with four ids each.
  auto page = reader.properties->list({}, PageRequest{3, 0});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[2].code, "P-3");
  EXPECT_EQ(page->items[2].tenure.size(), 1u);
  EXPECT_EQ(kept(*reader.db, "properties#4").first, 7u);
  ASSERT_TRUE(reader.properties->list({}, PageRequest{3, 0}).ok());
  EXPECT_EQ(kept(*reader.db, "properties#4").first, 7u);
}

TEST_P(KeptStatementsTest, AKeptReadSeesWhatAnotherConnectionCommittedSince) {
  auto syd = *store_.missions->create(sample_sydney_mission(), kAlice);
  auto first = *store_.properties->create(office(syd.id, "P-1"), kAlice);
  persistence::Store reader = one_session();
  EXPECT_EQ(reader.properties->get(first.id)->meta.version, 1);
  EXPECT_EQ(reader.properties->list({}, PageRequest{10, 0})->items.size(), 1u);

  Property changed = first;
  changed.name = "Sydney office, renamed";
  changed.agencies = {"MOFA"};
  ASSERT_TRUE(store_.properties->update(changed, 1, kAlice).ok());
  ASSERT_TRUE(store_.properties->create(office(syd.id, "P-2"), kAlice).ok());

  auto now = reader.properties->get(first.id);
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->meta.version, 2);
  EXPECT_EQ(now->name, "Sydney office, renamed");
  EXPECT_EQ(now->agencies, (std::vector<std::string>{"MOFA"}));
  auto page = reader.properties->list({}, PageRequest{10, 0});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[1].code, "P-2");
  // And the reader's own writes go through the same session and its statements.
  Property again = *now;
  again.name = "Sydney office, third name";
  ASSERT_TRUE(reader.properties->update(again, 2, kAlice).ok());
  EXPECT_EQ(store_.properties->get(first.id)->name, "Sydney office, third name");
}

TEST_P(KeptStatementsTest, AUnitOfWorkThatThrewForgetsItsSessionsStatements) {
  auto syd = *store_.missions->create(sample_sydney_mission(), kAlice);
  auto p = *store_.properties->create(office(syd.id, "P-1"), kAlice);
  persistence::Store reader = one_session();
  ASSERT_TRUE(reader.properties->get(p.id).ok());
  EXPECT_EQ(kept(*reader.db, "properties#1").first, 3u);
  Status failed = reader.db->with_session([](soci::session& s) -> Status {
    s << "SELECT no_such_column FROM properties";
    return {};
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(kept(*reader.db, "properties#1").first, 0u);
  EXPECT_EQ(reader.properties->get(p.id)->code, "P-1");
  EXPECT_EQ(kept(*reader.db, "properties#1").first, 3u);
}

ESTATE_ON_BOTH_BACKENDS(KeptStatementsTest);

}  // namespace
}  // namespace estate::testing
