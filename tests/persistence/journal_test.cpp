// The journal: one entry per write, in the write's transaction, chained by SHA-256 so that an
// edited, deleted or reordered row is detected. Run on SQLite and MariaDB.
#include "persistence/journal.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <thread>

#include "tests/persistence/backend_fixture.h"

namespace estate::testing {
namespace {

Mission mission(const std::string& code) {
  Mission m;
  m.code = code;
  m.name_en = "Mission " + code;
  m.name_zh = "館處 " + code;
  m.country = *Country::of("AU");
  m.city = "Sydney";
  m.currency = *Currency::of("AUD");
  m.time_zone = *TimeZone::of("Australia/Sydney");
  return m;
}

class JournalTest : public BackendTest {
 protected:
  void write_three() {
    auto a = *store_.missions->create(mission("AAA"), Actor{"alice"});
    auto b = *store_.missions->create(mission("BBB"), Actor{"bob"});
    a.city = "Canberra";
    ASSERT_TRUE(store_.missions->update(a, 1, Actor{"alice"}).ok());
  }
  void exec(const std::string& sql) {
    ASSERT_TRUE(store_.db
                    ->with_session([&](soci::session& s) -> Status {
                      s << sql;
                      return {};
                    })
                    .ok());
  }
  persistence::JournalVerification verify() { return *persistence::verify_journal(*store_.db); }
};

TEST_P(JournalTest, EmptyJournalVerifies) {
  auto v = verify();
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.entries, 0);
  EXPECT_EQ(v.head, persistence::kGenesisHash);
}

TEST_P(JournalTest, EveryWriteAppendsOneChainedEntry) {
  write_three();
  auto v = verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 3);
  auto actions = store_.db->read<std::string>([](soci::session& s) -> Result<std::string> {
    std::string actor, action, before;
    soci::indicator ind;
    s << "SELECT actor, action, before_json FROM journal WHERE seq = 3", soci::into(actor),
        soci::into(action), soci::into(before, ind);
    return actor + "/" + action + "/" + (ind == soci::i_ok ? "has-before" : "no-before");
  });
  EXPECT_EQ(*actions, "alice/update/has-before");
}

TEST_P(JournalTest, EditedEntryIsDetected) {
  write_three();
  exec("UPDATE journal SET actor = 'mallory' WHERE seq = 2");
  auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 2);
}

TEST_P(JournalTest, EditedAfterImageIsDetected) {
  write_three();
  exec(
      "UPDATE journal SET after_json = REPLACE(after_json, 'Canberra', 'Melbourne') WHERE seq = 3");
  EXPECT_EQ(verify().first_bad_seq, 3);
}

TEST_P(JournalTest, DeletedEntryIsDetected) {
  write_three();
  exec("DELETE FROM journal WHERE seq = 2");
  EXPECT_EQ(verify().first_bad_seq, 2);
}

TEST_P(JournalTest, DeletedLastEntryIsDetectedByTheHead) {
  write_three();
  exec("DELETE FROM journal WHERE seq = 3");
  auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_bad_seq, 3);
}

TEST_P(JournalTest, ReorderedEntriesAreDetected) {
  write_three();
  // Swap the sequence numbers of entries 1 and 2.
  exec("UPDATE journal SET seq = 100 WHERE seq = 1");
  exec("UPDATE journal SET seq = 1 WHERE seq = 2");
  exec("UPDATE journal SET seq = 2 WHERE seq = 100");
  EXPECT_EQ(verify().first_bad_seq, 1);
}

TEST_P(JournalTest, FailedWriteLeavesNeitherRecordNorEntry) {
  write_three();
  ASSERT_FALSE(store_.missions->create(mission("AAA"), Actor{"alice"}).ok());  // duplicate
  auto v = verify();
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.entries, 3);
  EXPECT_EQ(*store_.missions->count(), 2);
}

TEST_P(JournalTest, ChainStaysLinearUnderConcurrentWriters) {
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto r = store_.missions->create(mission("T" + std::to_string(t) + "-" + std::to_string(i)),
                                         Actor{"writer"});
        EXPECT_TRUE(r.ok()) << r.error().message;
      }
    });
  }
  for (auto& w : writers) w.join();
  auto v = verify();
  EXPECT_TRUE(v.ok) << v.problem;
  EXPECT_EQ(v.entries, 40);
}

ESTATE_ON_BOTH_BACKENDS(JournalTest);

}  // namespace
}  // namespace estate::testing
