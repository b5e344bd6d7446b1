// The pool's retry rules, on SQLite and MariaDB: a write the database aborts because another
// writer holds the journal head too long (SQLITE_BUSY; MariaDB's lock wait timeout 1205, the
// same path as a deadlock 1213 or a lost Galera certification) is run again whole and then
// succeeds, once; a write that keeps being refused ends as ErrorKind::aborted (503), having
// written nothing.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "persistence/journal.h"
#include "persistence/migrations.h"
#include "persistence/store.h"
#include "tests/support/test_database.h"

namespace estate::testing {
namespace {

class RetryTest : public ::testing::TestWithParam<persistence::Backend> {
 protected:
  void SetUp() override {
    ESTATE_REQUIRE_BACKEND(GetParam());
    database_ = std::make_unique<TestDatabase>(GetParam());
    // Short timeouts so that a held lock turns into an abort within a second or two.
    persistence::Database::Options options;
    options.pool_size = 2;
    options.io_timeout = std::chrono::seconds(2);  // MariaDB: lock wait 1 s; SQLite: busy 2 s
    options.write_attempts = 3;
    auto store = persistence::open_store(database_->url(), options);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
    ASSERT_TRUE(persistence::migrate(*store_.db).ok());
    // The other writer: a plain session of its own, outside the pool.
    auto other = persistence::open_store(database_->url(), 1);
    ASSERT_TRUE(other.ok());
    other_ = std::move(*other);
  }

  // Holds the journal head, as a write in another process would, for `hold`.
  std::thread hold_journal_head(std::chrono::milliseconds hold) {
    std::atomic<bool> held{false};
    std::thread t([this, hold, &held] {
      Status s = other_.db->with_session([&](soci::session& s) -> Status {
        const bool mysql = GetParam() == persistence::Backend::mysql;
        s << (mysql ? "START TRANSACTION" : "BEGIN IMMEDIATE");
        if (mysql) {
          std::int64_t seq = 0;
          s << "SELECT seq FROM journal_head WHERE id = 1 FOR UPDATE", soci::into(seq);
        }
        held = true;
        std::this_thread::sleep_for(hold);
        s << "ROLLBACK";
        return {};
      });
      EXPECT_TRUE(s.ok()) << s.error().message;
    });
    while (!held) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return t;
  }

  std::unique_ptr<TestDatabase> database_;
  persistence::Store store_, other_;
};

TEST_P(RetryTest, AWriteAbortedByAnotherWritersLockRunsAgainAndSucceeds) {
  // The lock is held for 2.5 s: the first attempt is aborted after 1 s (MariaDB) or 2 s
  // (SQLite); a later attempt, after the holder lets go, succeeds.
  auto holder = hold_journal_head(std::chrono::milliseconds(2500));
  auto issued = store_.tokens->issue("retry-test", Role::auditor, Actor{"test"});
  holder.join();
  ASSERT_TRUE(issued.ok()) << issued.error().message;
  EXPECT_GE(store_.db->stats().write_retries, 1u);
  EXPECT_GE(store_.db->stats().errors[static_cast<std::size_t>(ErrorKind::aborted)], 1u);
  auto length = persistence::journal_length(*store_.db);
  ASSERT_TRUE(length.ok());
  EXPECT_EQ(*length, 1);  // written once, not once per attempt
  EXPECT_TRUE(persistence::verify_journal(*store_.db)->ok);
}

TEST_P(RetryTest, AWriteStillAbortedAfterItsAttemptsIsAbortedAndWroteNothing) {
  // 3 attempts of 1–2 s each, with backoff between, all within the 9 s hold.
  auto holder = hold_journal_head(std::chrono::milliseconds(9000));
  auto issued = store_.tokens->issue("retry-test", Role::auditor, Actor{"test"});
  holder.join();
  ASSERT_FALSE(issued.ok());
  EXPECT_EQ(issued.error().kind, ErrorKind::aborted) << issued.error().message;
  EXPECT_EQ(store_.db->stats().write_retries, 2u);
  EXPECT_EQ(*persistence::journal_length(*store_.db), 0);
}

ESTATE_INSTANTIATE_ON_BOTH_BACKENDS(RetryTest);

}  // namespace
}  // namespace estate::testing
