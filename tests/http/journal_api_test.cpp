// The journal over HTTP and the command line: listing with filters, and proof that an edited,
// deleted, inserted or reordered entry is caught — on SQLite and MariaDB.
#include <gtest/gtest.h>

#include "tests/http/api_fixture.h"

namespace estate::testing {
namespace {

using nlohmann::json;

class JournalApi : public ApiTest {
 protected:
  // Four token entries (1–4), then mission create (5), update (6), property create (7).
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    mission_ = create("missions", sydney_mission());
    path_ = "/api/v1/missions/" + std::to_string(mission_["id"].get<int>());
    ASSERT_EQ(
        call("PATCH", path_, "facilities", json{{"city", "Sydney NSW"}}, {{"If-Match", "\"1\""}})
            .status,
        200);
    create("properties", sydney_office(mission_["id"]));
  }
  json verify() { return call("GET", "/api/v1/journal/verify", "auditor").body; }
  json mission_;
  std::string path_;
};

TEST_P(JournalApi, ListsEntriesWithBeforeAndAfter) {
  Answer a =
      call("GET",
           "/api/v1/journal?entity=mission&entity_id=" + std::to_string(mission_["id"].get<int>()),
           "auditor");
  ASSERT_EQ(a.status, 200) << a.text;
  ASSERT_EQ(a.body["items"].size(), 2u);
  const json& update = a.body["items"][1];
  EXPECT_EQ(update["seq"], 6);
  EXPECT_EQ(update["action"], "update");
  EXPECT_EQ(update["actor"], "test-facilities");
  EXPECT_EQ(update["before"]["city"], "Sydney");
  EXPECT_EQ(update["after"]["city"], "Sydney NSW");
  EXPECT_EQ(update["prev_hash"], a.body["items"][0]["hash"]);
  EXPECT_EQ(a.body["items"][0]["before"], nullptr);

  Answer by_actor = call("GET", "/api/v1/journal?actor=test-facilities&limit=2", "auditor");
  ASSERT_EQ(by_actor.body["items"].size(), 2u);
  ASSERT_TRUE(by_actor.body["next_cursor"].is_string());
  Answer rest = call("GET",
                     "/api/v1/journal?actor=test-facilities&limit=2&cursor=" +
                         by_actor.body["next_cursor"].get<std::string>(),
                     "auditor");
  ASSERT_EQ(rest.body["items"].size(), 1u);
  EXPECT_EQ(rest.body["items"][0]["entity"], "property");
  EXPECT_TRUE(rest.body["next_cursor"].is_null());

  EXPECT_EQ(
      call("GET", "/api/v1/journal?from=2000-01-01&to=2000-12-31", "auditor").body["items"].size(),
      0u);
  EXPECT_EQ(
      call("GET", "/api/v1/journal?from=" + mission_["created_at"].get<std::string>(), "auditor")
          .body["items"]
          .size(),
      3u);
  EXPECT_EQ(call("GET", "/api/v1/journal?entity_id=x", "auditor").status, 422);
}

TEST_P(JournalApi, ListsNewestFirstWhenAskedAndPagesOnInThatOrder) {
  Answer newest = call("GET", "/api/v1/journal?order=newest&limit=2", "auditor");
  ASSERT_EQ(newest.status, 200) << newest.text;
  ASSERT_EQ(newest.body["items"].size(), 2u);
  EXPECT_EQ(newest.body["items"][0]["seq"], 7);
  EXPECT_EQ(newest.body["items"][1]["seq"], 6);
  Answer next = call("GET", "/api/v1/journal?order=newest&limit=4&cursor=" +
                                newest.body["next_cursor"].get<std::string>(),
                     "auditor");
  ASSERT_EQ(next.body["items"].size(), 4u);
  EXPECT_EQ(next.body["items"][0]["seq"], 5);
  EXPECT_EQ(next.body["items"][3]["seq"], 2);
  Answer last = call("GET", "/api/v1/journal?order=newest&limit=4&cursor=" +
                                next.body["next_cursor"].get<std::string>(),
                     "auditor");
  ASSERT_EQ(last.body["items"].size(), 1u);
  EXPECT_EQ(last.body["items"][0]["seq"], 1);
  EXPECT_TRUE(last.body["next_cursor"].is_null());
  EXPECT_EQ(call("GET", "/api/v1/journal?order=oldest&limit=1", "auditor").body["items"][0]["seq"], 1);
  Answer bad = call("GET", "/api/v1/journal?order=sideways", "auditor");
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body["errors"][0]["field"], "order");
}

TEST_P(JournalApi, UnbrokenChainVerifies) {
  json v = verify();
  EXPECT_EQ(v["ok"], true);
  EXPECT_EQ(v["entries"], 7);
  EXPECT_EQ(v["head"].get<std::string>().size(), 64u);
  auto cli_verify = cli({"journal", "verify"});
  EXPECT_EQ(cli_verify.exit_code, 0);
  EXPECT_NE(cli_verify.out.find("7 entries"), std::string::npos) << cli_verify.out;
}

TEST_P(JournalApi, EditedEntryIsCaught) {
  sql("UPDATE journal SET after_json = REPLACE(after_json, 'Sydney NSW', 'Canberra') "
      "WHERE seq = 6");
  json v = verify();
  EXPECT_EQ(v["ok"], false);
  EXPECT_EQ(v["first_bad_seq"], 6);
  auto cli_verify = cli({"journal", "verify"});
  EXPECT_EQ(cli_verify.exit_code, 1);
  EXPECT_NE(cli_verify.out.find("entry 6"), std::string::npos) << cli_verify.out;
}

TEST_P(JournalApi, EditedActorIsCaught) {
  sql("UPDATE journal SET actor = 'someone-else' WHERE seq = 5");
  EXPECT_EQ(verify()["first_bad_seq"], 5);
}

TEST_P(JournalApi, DeletedEntryIsCaught) {
  sql("DELETE FROM journal WHERE seq = 5");
  json v = verify();
  EXPECT_EQ(v["ok"], false);
  EXPECT_EQ(v["first_bad_seq"], 5);
  EXPECT_EQ(cli({"journal", "verify"}).exit_code, 1);
}

TEST_P(JournalApi, DeletedTailIsCaught) {
  sql("DELETE FROM journal WHERE seq = 7");
  EXPECT_EQ(verify()["ok"], false);
}

TEST_P(JournalApi, ReorderedEntriesAreCaught) {
  // Swap entries 5 and 6 by renumbering them.
  sql("UPDATE journal SET seq = 1000 WHERE seq = 5");
  sql("UPDATE journal SET seq = 5 WHERE seq = 6");
  sql("UPDATE journal SET seq = 6 WHERE seq = 1000");
  json v = verify();
  EXPECT_EQ(v["ok"], false);
  EXPECT_EQ(v["first_bad_seq"], 5);
}

TEST_P(JournalApi, InsertedEntryIsCaught) {
  // A forged entry copied from entry 7 but appended as 8, head left alone.
  sql("INSERT INTO journal (seq, at, actor, action, entity, entity_id, before_json, after_json, "
      "prev_hash, hash) SELECT 8, at, actor, action, entity, entity_id, before_json, after_json, "
      "hash, hash FROM journal WHERE seq = 7");
  json v = verify();
  EXPECT_EQ(v["ok"], false);
  EXPECT_EQ(v["first_bad_seq"], 8);
}

ESTATE_API_ON_BOTH_BACKENDS(JournalApi);

}  // namespace
}  // namespace estate::testing
