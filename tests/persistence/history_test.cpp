// History and atomic multi-record writes on both backends: records as they stood at an
// instant, rebuilt from the journal; journal listing filters; writes that join an enclosing
// write; and idempotency keys stored with the record they created.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "persistence/idempotency.h"
#include "persistence/journal.h"
#include "tests/persistence/backend_fixture.h"
#include "tests/support/sample_records.h"

namespace estate::testing {
namespace {

using nlohmann::json;

class HistoryTest : public BackendTest {
 protected:
  Mission mission(const std::string& code) {
    Mission m = sample_sydney_mission();
    m.code = code;
    return m;
  }
  Instant parse(const std::string& text) { return *parse_instant(text); }
  // As if another process with a clock far ahead had written the first entry.
  Status date_first_entry_in_2099() {
    return store_.db->with_session([](soci::session& s) -> Status {
      s << "UPDATE journal SET at = '2099-01-01T00:00:00.000000Z' WHERE seq = 1";
      return {};
    });
  }
};

TEST_P(HistoryTest, RecordAsOfIsTheLastJournalledStateAtOrBeforeTheInstant) {
  Mission created = *store_.missions->create(mission("SYD"), Actor{"alice"});
  Mission changed = created;
  changed.city = "Sydney NSW";
  changed = *store_.missions->update(changed, 1, Actor{"bob"});
  ASSERT_TRUE(store_.missions->remove(changed.id, 2, Actor{"carol"}).ok());
  const std::int64_t id = created.id.value();

  auto at_create = persistence::record_as_of(*store_.db, "mission", id, created.meta.updated_at);
  ASSERT_TRUE(at_create.ok());
  ASSERT_TRUE(at_create->has_value());
  EXPECT_EQ((**at_create)["city"], "Sydney");
  EXPECT_EQ((**at_create)["version"], 1);
  auto at_update = persistence::record_as_of(*store_.db, "mission", id, changed.meta.updated_at);
  EXPECT_EQ((**at_update)["city"], "Sydney NSW");
  auto before = persistence::record_as_of(*store_.db, "mission", id,
                                          created.meta.updated_at - std::chrono::microseconds(1));
  EXPECT_FALSE(before->has_value());
  auto after_delete = persistence::record_as_of(*store_.db, "mission", id, now());
  EXPECT_FALSE(after_delete->has_value());
  EXPECT_EQ(persistence::records_as_of(*store_.db, "mission", changed.meta.updated_at)->size(), 1u);
  EXPECT_EQ(persistence::records_as_of(*store_.db, "mission", now())->size(), 0u);
}

TEST_P(HistoryTest, WriteInstantsNeverRunBackwards) {
  Mission first = *store_.missions->create(mission("AAA"), Actor{"alice"});
  // Another process with a clock far ahead wrote last: the next write is not dated before it.
  ASSERT_TRUE(date_first_entry_in_2099().ok());
  Mission second = *store_.missions->create(mission("BBB"), Actor{"bob"});
  EXPECT_GE(second.meta.created_at, parse("2099-01-01T00:00:00Z"));
  EXPECT_LT(first.meta.created_at, second.meta.created_at + std::chrono::microseconds(1));
}

TEST_P(HistoryTest, TwoWritesNeverShareAnInstantWhenTheClockIsBehindTheJournal) {
  ASSERT_TRUE(store_.missions->create(mission("AAA"), Actor{"alice"}).ok());
  // The last entry is dated after this process's clock (another process ahead, or this
  // clock stepped back): the two writes that follow are each dated after the one before, so
  // the register as of the second shows it and not the third.
  ASSERT_TRUE(date_first_entry_in_2099().ok());
  Mission second = *store_.missions->create(mission("BBB"), Actor{"bob"});
  Mission third = *store_.missions->create(mission("CCC"), Actor{"carol"});
  EXPECT_EQ(second.meta.created_at, parse("2099-01-01T00:00:00.000001Z"));
  EXPECT_EQ(third.meta.created_at, parse("2099-01-01T00:00:00.000002Z"));
  auto then = persistence::records_as_of(*store_.db, "mission", second.meta.created_at);
  ASSERT_TRUE(then.ok());
  ASSERT_EQ(then->size(), 2u);  // AAA and BBB
  EXPECT_EQ((*then)[0]["code"], "AAA");
  EXPECT_EQ((*then)[1]["code"], "BBB");
}

TEST_P(HistoryTest, JournalListFiltersAndPages) {
  Mission a = *store_.missions->create(mission("AAA"), Actor{"alice"});
  ASSERT_TRUE(store_.missions->create(mission("BBB"), Actor{"bob"}).ok());
  a.city = "Canberra";
  ASSERT_TRUE(store_.missions->update(a, 1, Actor{"alice"}).ok());

  persistence::JournalQuery by_alice;
  by_alice.actor = "alice";
  auto page = persistence::list_journal(*store_.db, by_alice);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[1].action, "update");
  EXPECT_EQ(page->items[1].before["city"], "Sydney");
  EXPECT_FALSE(page->next_after_seq);

  persistence::JournalQuery first_only;
  first_only.limit = 1;
  page = persistence::list_journal(*store_.db, first_only);
  ASSERT_EQ(page->items.size(), 1u);
  ASSERT_TRUE(page->next_after_seq);
  first_only.after_seq = *page->next_after_seq;
  first_only.entity = "mission";
  first_only.entity_id = a.id.value();
  page = persistence::list_journal(*store_.db, first_only);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].seq, 3);

  persistence::JournalQuery long_ago;
  long_ago.to = parse("2000-01-01T00:00:00Z");
  EXPECT_TRUE(persistence::list_journal(*store_.db, long_ago)->items.empty());
}

TEST_P(HistoryTest, WritesInAUnitOfWorkLandTogetherOrNotAtAll) {
  auto failed = store_.transactions->run(Actor{"alice"}, [&](UnitOfWork& work) -> Status {
    auto a = store_.missions->create(work, mission("AAA"));
    if (!a.ok()) return a.error();
    // A read in the unit of work sees its own record.
    EXPECT_EQ(store_.missions->get(work, a->id)->code, "AAA");
    auto dup = store_.missions->create(work, mission("AAA"));  // duplicate code
    if (!dup.ok()) return dup.error();
    return {};
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().kind, ErrorKind::conflict);
  EXPECT_EQ(*store_.missions->count(), 0);
  EXPECT_EQ(persistence::verify_journal(*store_.db)->entries, 0);

  auto both = store_.transactions->run(Actor{"alice"}, [&](UnitOfWork& work) -> Status {
    EXPECT_TRUE(store_.missions->create(work, mission("AAA")).ok());
    EXPECT_TRUE(store_.missions->create(work, mission("BBB")).ok());
    return {};
  });
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(*store_.missions->count(), 2);
  auto v = persistence::verify_journal(*store_.db);
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_EQ(v->entries, 2);
  // Every entry names the unit of work's actor.
  auto page = persistence::list_journal(*store_.db, {});
  for (const auto& e : page->items) EXPECT_EQ(e.actor, "alice");
}

TEST_P(HistoryTest, AWriteBegunInsideAnotherIsRefusedNotJoined) {
  // Work inside a write takes part through its UnitOfWork; a repository call that would open
  // a second write on the same thread is a programming error, reported, and nothing is kept.
  auto nested = store_.transactions->run(Actor{"alice"}, [&](UnitOfWork& work) -> Status {
    EXPECT_TRUE(store_.missions->create(work, mission("AAA")).ok());
    auto inner = store_.missions->create(mission("BBB"), Actor{"bob"});
    EXPECT_FALSE(inner.ok());
    EXPECT_EQ(inner.error().kind, ErrorKind::internal);
    return inner.ok() ? Status{} : Status(inner.error());
  });
  EXPECT_FALSE(nested.ok());
  EXPECT_EQ(*store_.missions->count(), 0);
}

TEST_P(HistoryTest, IdempotencyKeyIsStoredWithItsRecordAndReplayed) {
  IdempotencyKey key{"alice", "k-1", persistence::sha256_hex("POST /missions {..}")};
  int runs = 0;
  auto create = [&](UnitOfWork& work) -> Result<StoredResponse> {
    ++runs;
    auto m = store_.missions->create(work, mission("AAA"));
    if (!m.ok()) return m.error();
    return StoredResponse{201, "/api/v1/missions/1", json{{"id", m->id.value()}}};
  };
  auto& once = *store_.idempotent;
  auto first = once.once(Actor{"alice"}, key, create);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_FALSE(first->replayed);
  auto again = once.once(Actor{"alice"}, key, create);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->body, first->body);
  EXPECT_EQ(again->location, "/api/v1/missions/1");
  EXPECT_EQ(runs, 1);

  key.request_hash = persistence::sha256_hex("another body");
  auto other = once.once(Actor{"alice"}, key, create);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().kind, ErrorKind::conflict);
  // Keys are per caller: bob's k-1 is his own.
  key.scope = "bob";
  auto failing = once.once(Actor{"bob"}, key, create);  // duplicate code
  ASSERT_FALSE(failing.ok());
  EXPECT_EQ(runs, 2);
  // A failed create stores no key, so a corrected retry runs.
  EXPECT_FALSE(
      once.once(Actor{"bob"}, key,
                [&](UnitOfWork&) -> Result<StoredResponse> {
                  ++runs;
                  return StoredResponse{201, "/x", json::object()};
                })
          ->replayed);
  EXPECT_EQ(runs, 3);
}

ESTATE_ON_BOTH_BACKENDS(HistoryTest);

}  // namespace
}  // namespace estate::testing
