// The register over HTTP, end to end, on SQLite and MariaDB: what a client following API.md
// alone can do, and every status code the contract names.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/http/api_fixture.h"

namespace estate::testing {
namespace {

using nlohmann::json;

class RegisterApi : public ApiTest {};

TEST_P(RegisterApi, ClientCreatesUpdatesReadsAsOfBeforeTheUpdateAndVerifiesTheJournal) {
  json mission = create("missions", sydney_mission());
  ASSERT_EQ(mission["version"], 1);
  json office = create("properties", sydney_office(mission["id"]));
  ASSERT_EQ(office["tenure"].size(), 2u);
  EXPECT_EQ(office["tenure"][1]["to"], nullptr);
  json lease = create("leases", sydney_lease(office["id"]));
  EXPECT_EQ(lease["rent"], json::parse(R"({"amount": "95000.00", "currency": "AUD"})"));
  const std::string path = "/api/v1/leases/" + std::to_string(lease["id"].get<int>());

  Answer read = call("GET", path, "finance");
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.headers["etag"], "\"1\"");
  const std::string before_update = lease["updated_at"];

  Answer updated = call("PATCH", path, "facilities", json{{"notice_days", 90}},
                        {{"If-Match", read.headers["etag"]}});
  ASSERT_EQ(updated.status, 200) << updated.text;
  EXPECT_EQ(updated.body["notice_days"], 90);
  EXPECT_EQ(updated.body["version"], 2);
  EXPECT_EQ(updated.headers["etag"], "\"2\"");
  EXPECT_EQ(updated.body["rent"], lease["rent"]);  // a merge patch leaves the rest alone

  Answer then = call("GET", path + "?as_of=" + before_update, "auditor");
  ASSERT_EQ(then.status, 200) << then.text;
  EXPECT_EQ(then.body["notice_days"], 180);
  EXPECT_EQ(then.body["version"], 1);
  EXPECT_EQ(then.headers["etag"], "\"1\"");
  EXPECT_EQ(call("GET", path + "?as_of=2000-01-01", "auditor").status, 404);
  EXPECT_EQ(call("GET", path, "auditor").body["notice_days"], 90);

  Answer verified = call("GET", "/api/v1/journal/verify", "auditor");
  ASSERT_EQ(verified.status, 200);
  EXPECT_EQ(verified.body["ok"], true);
  EXPECT_EQ(verified.body["entries"], 4 + 4);  // four tokens, three creates, one update
  EXPECT_EQ(cli({"journal", "verify"}).exit_code, 0);
}

TEST_P(RegisterApi, PostAnswersLocationAndRecordMetadata) {
  Answer a = call("POST", "/api/v1/missions", "facilities", sydney_mission());
  ASSERT_EQ(a.status, 201);
  EXPECT_EQ(a.headers["location"], "/api/v1/missions/" + std::to_string(a.body["id"].get<int>()));
  EXPECT_EQ(a.headers["etag"], "\"1\"");
  EXPECT_EQ(a.body["created_at"], a.body["updated_at"]);
  EXPECT_EQ(call("GET", a.headers["location"], "auditor").body, a.body);
}

TEST_P(RegisterApi, MalformedJsonIs400AndWritesNothing) {
  Answer a = call_raw("POST", "/api/v1/missions", "facilities", "{\"code\": \"SYD\",",
                      {{"Content-Type", "application/json"}});
  EXPECT_EQ(a.status, 400);
  EXPECT_EQ(a.headers["content-type"], "application/problem+json");
  EXPECT_EQ(call_raw("POST", "/api/v1/missions", "facilities", std::string(100, '['),
                     {{"Content-Type", "application/json"}})
                .status,
            400);
  EXPECT_EQ(call("GET", "/api/v1/missions", "auditor").body["items"].size(), 0u);
}

TEST_P(RegisterApi, WrongContentTypeIs415) {
  Answer a = call_raw("POST", "/api/v1/missions", "facilities", sydney_mission().dump(),
                      {{"Content-Type", "text/plain"}});
  EXPECT_EQ(a.status, 415);
  EXPECT_EQ(a.body["errors"][0]["field"], "Content-Type");
  EXPECT_EQ(call_raw("POST", "/api/v1/missions", "facilities", sydney_mission().dump(), {}).status,
            415);
  // With a charset parameter it is still JSON.
  EXPECT_EQ(call_raw("POST", "/api/v1/missions", "facilities", sydney_mission().dump(),
                     {{"Content-Type", "application/json; charset=utf-8"}})
                .status,
            201);
}

TEST_P(RegisterApi, BodyOverTheLimitIs413) {
  json big = sydney_mission();
  big["name_en"] = std::string(1030 * 1024, 'x');  // just over the default 1 MiB
  Answer a = call("POST", "/api/v1/missions", "facilities", big);
  EXPECT_EQ(a.status, 413);
  EXPECT_EQ(a.headers["content-type"], "application/problem+json");
  big["name_en"] = std::string(10 * 1024 * 1024, 'x');  // 10 MB: Pistache stops reading
  EXPECT_EQ(call("POST", "/api/v1/missions", "facilities", big).status, 413);
  EXPECT_EQ(call("GET", "/api/v1/missions", "auditor").body["items"].size(), 0u);
}

TEST_P(RegisterApi, EveryBadFieldIsNamedAtOnce) {
  json mission = create("missions", sydney_mission());
  json p = sydney_office(mission["id"]);
  p["floor_area_m2"] = "-5.00";         // negative area
  p["tenure"][0]["to"] = "2026-02-30";  // no such day
  p["colour"] = "blue";                 // unknown field
  p["kind"] = "palace";                 // not a kind
  p["name"] = 42;                       // wrong type
  Answer a = call("POST", "/api/v1/properties", "facilities", p);
  ASSERT_EQ(a.status, 422) << a.text;
  std::set<std::string> fields;
  for (const json& e : a.body["errors"]) fields.insert(e["field"].get<std::string>());
  EXPECT_EQ(fields,
            (std::set<std::string>{"floor_area_m2", "tenure[0].to", "colour", "kind", "name"}))
      << a.text;
}

TEST_P(RegisterApi, DecimalsMustBeStringsAndIdsIntegers) {
  json mission = create("missions", sydney_mission());
  json p = sydney_office(mission["id"]);
  p["floor_area_m2"] = 1250.5;
  p["mission_id"] = std::to_string(mission["id"].get<int>());
  Answer a = call("POST", "/api/v1/properties", "facilities", p);
  ASSERT_EQ(a.status, 422);
  ASSERT_EQ(a.body["errors"].size(), 2u) << a.text;
  EXPECT_EQ(a.body["errors"][0]["field"], "mission_id");
  EXPECT_EQ(a.body["errors"][1]["field"], "floor_area_m2");
}

TEST_P(RegisterApi, UnknownCurrencyAndExcessDigitsAreRefused) {
  json mission = create("missions", sydney_mission());
  json office = create("properties", sydney_office(mission["id"]));
  json l = sydney_lease(office["id"]);
  l["rent"] = json{{"amount", "95000.001"}, {"currency", "AUD"}};
  l["escalation"]["steps"] = json::array();
  Answer a = call("POST", "/api/v1/leases", "facilities", l);
  ASSERT_EQ(a.status, 422);
  EXPECT_EQ(a.body["errors"][0]["field"], "rent.amount");
  l["rent"] = json{{"amount", "95000"}, {"currency", "XYZ"}};
  a = call("POST", "/api/v1/leases", "facilities", l);
  ASSERT_EQ(a.status, 422);
  EXPECT_EQ(a.body["errors"][0]["field"], "rent.currency");
}

TEST_P(RegisterApi, ServerAssignedFieldsCannotBeSent) {
  json m = sydney_mission();
  m["id"] = 99;
  m["version"] = 7;
  Answer a = call("POST", "/api/v1/missions", "facilities", m);
  ASSERT_EQ(a.status, 422);
  EXPECT_EQ(a.body["errors"].size(), 2u);
  json created = create("missions", sydney_mission());
  Answer p = call("PATCH", "/api/v1/missions/" + std::to_string(created["id"].get<int>()),
                  "facilities", json{{"version", 5}}, {{"If-Match", "\"1\""}});
  EXPECT_EQ(p.status, 422);
}

TEST_P(RegisterApi, SqlInNamesIsStoredAsText) {
  json m = sydney_mission();
  m["name_en"] = "Robert'); DROP TABLE missions;--";
  json created = create("missions", m);
  EXPECT_EQ(created["name_en"], "Robert'); DROP TABLE missions;--");
  Answer list = call("GET", "/api/v1/missions?code=SYD", "auditor");
  ASSERT_EQ(list.body["items"].size(), 1u);
  EXPECT_EQ(list.body["items"][0]["name_en"], "Robert'); DROP TABLE missions;--");
  EXPECT_EQ(call("GET", "/api/v1/missions?code=x'%20OR%20'1'='1", "auditor").status, 422);
}

TEST_P(RegisterApi, ReferencesMustExist) {
  Answer a = call("POST", "/api/v1/properties", "facilities", sydney_office(999));
  ASSERT_EQ(a.status, 422);
  EXPECT_EQ(a.body["errors"][0]["field"], "mission_id");
  a = call("POST", "/api/v1/leases", "facilities", sydney_lease(999));
  ASSERT_EQ(a.status, 422);
  EXPECT_EQ(a.body["errors"][0]["field"], "property_id");
}

TEST_P(RegisterApi, DuplicateCodeIs409) {
  create("missions", sydney_mission());
  Answer a = call("POST", "/api/v1/missions", "facilities", sydney_mission());
  EXPECT_EQ(a.status, 409);
  EXPECT_EQ(a.headers["content-type"], "application/problem+json");
}

TEST_P(RegisterApi, IfMatchIsRequiredAndMustBeCurrent) {
  json m = create("missions", sydney_mission());
  const std::string path = "/api/v1/missions/" + std::to_string(m["id"].get<int>());
  EXPECT_EQ(call("PATCH", path, "facilities", json{{"city", "Sydney NSW"}}).status, 428);
  EXPECT_EQ(call("DELETE", path, "facilities").status, 428);
  EXPECT_EQ(call("PATCH", path, "facilities", json{{"city", "Sydney NSW"}}, {{"If-Match", "\"1\""}})
                .status,
            200);
  Answer stale =
      call("PATCH", path, "facilities", json{{"city", "Sydney CBD"}}, {{"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_EQ(call("DELETE", path, "facilities", std::nullopt, {{"If-Match", "\"1\""}}).status, 412);
  EXPECT_EQ(call("GET", path, "auditor").body["city"], "Sydney NSW");
  EXPECT_EQ(call("DELETE", path, "facilities", std::nullopt, {{"If-Match", "\"2\""}}).status, 204);
  EXPECT_EQ(call("GET", path, "auditor").status, 404);
}

TEST_P(RegisterApi, AKeptAnswerNeverOutlivesAWriteByAnotherProcess) {
  // The server keeps register answers until the journal moves; a write through a second
  // server process on the same database must retire them at once, for one record and lists.
  json m = create("missions", sydney_mission());
  const std::string path = "/api/v1/missions/" + std::to_string(m["id"].get<int>());
  const std::string list = "/api/v1/missions?code=SYD";
  for (int i = 0; i < 2; ++i) {  // the second time from the cache
    EXPECT_EQ(call("GET", path, "auditor").body["city"], "Sydney");
    EXPECT_EQ(call("GET", list, "auditor").body["items"][0]["city"], "Sydney");
  }
  ServerProcess other(kServer, database_->url(), log_ + ".other");
  ASSERT_NE(other.port(), 0);
  Answer patched =
      call_on(other.port(), "PATCH", path, "facilities", json{{"city", "Sydney NSW"}}.dump(),
              {{"If-Match", "\"1\""}, {"Content-Type", "application/json"}});
  ASSERT_EQ(patched.status, 200) << patched.text;
  Answer again = call("GET", path, "auditor");
  EXPECT_EQ(again.body["city"], "Sydney NSW");
  EXPECT_EQ(again.headers["etag"], "\"2\"");
  EXPECT_EQ(call("GET", list, "auditor").body["items"][0]["city"], "Sydney NSW");
  // As of before the change, the old answer still holds.
  EXPECT_EQ(
      call("GET", path + "?as_of=" + m["created_at"].get<std::string>(), "auditor").body["city"],
      "Sydney");
}

// The answer cache's hits so far, from /metrics.
long cache_hits(const std::string& metrics) {
  const std::string name = "\nestate_answer_cache_hits_total ";
  auto at = metrics.find(name);
  return at == std::string::npos ? -1 : std::stol(metrics.substr(at + name.size()));
}

TEST_P(RegisterApi, AWriteRetiresOnlyTheKeptAnswersThatDependOnWhatItWrote) {
  // A property's answer depends on the properties' journal entries only (and a list by region
  // on the missions' too): a write to missions through another process keeps it, one to the
  // property retires it, and one to a mission's region retires the lists by region.
  json m = create("missions", sydney_mission());
  json p = create("properties", sydney_office(m["id"]));
  const std::string one = "/api/v1/properties/" + std::to_string(p["id"].get<int>());
  const std::string by_mission =
      "/api/v1/properties?mission_id=" + std::to_string(m["id"].get<int>());
  const std::string by_region = "/api/v1/properties?region=east_asia_pacific";
  for (const std::string& path : {one, by_mission, by_region}) call("GET", path, "auditor");
  ServerProcess other(kServer, database_->url(), log_ + ".other");
  ASSERT_NE(other.port(), 0);
  const std::map<std::string, std::string> as_json = {{"Content-Type", "application/json"}};
  json second = sydney_mission();
  second["code"] = "MEL";
  ASSERT_EQ(call_on(other.port(), "POST", "/api/v1/missions", "facilities", second.dump(), as_json)
                .status,
            201);

  long hits = cache_hits(call("GET", "/metrics", "").text);
  ASSERT_GE(hits, 0);
  EXPECT_EQ(call("GET", one, "auditor").body["address"], p["address"]);
  EXPECT_EQ(call("GET", by_mission, "auditor").body["items"].size(), 1u);
  EXPECT_EQ(cache_hits(call("GET", "/metrics", "").text), hits + 2) << "kept across the write";
  EXPECT_EQ(call("GET", by_region, "auditor").body["items"].size(), 1u);
  EXPECT_EQ(cache_hits(call("GET", "/metrics", "").text), hits + 2) << "by region: retired";

  auto headers = as_json;
  headers["If-Match"] = "\"1\"";
  ASSERT_EQ(call_on(other.port(), "PATCH", one, "facilities",
                    json{{"address", "1 George Street, Sydney NSW 2000"}}.dump(), headers)
                .status,
            200);
  EXPECT_EQ(call("GET", one, "auditor").body["address"], "1 George Street, Sydney NSW 2000");
  EXPECT_EQ(call("GET", by_mission, "auditor").body["items"][0]["address"],
            "1 George Street, Sydney NSW 2000");

  const std::string mission = "/api/v1/missions/" + std::to_string(m["id"].get<int>());
  EXPECT_EQ(call("GET", mission, "auditor").body["region"], "east_asia_pacific");
  ASSERT_EQ(call_on(other.port(), "PATCH", mission, "facilities", json{{"region", "europe"}}.dump(),
                    headers)
                .status,
            200);
  EXPECT_EQ(call("GET", mission, "auditor").body["region"], "europe");
  EXPECT_EQ(call("GET", by_region, "auditor").body["items"].size(), 0u);
  EXPECT_EQ(call("GET", "/api/v1/properties?region=europe", "auditor").body["items"].size(), 1u);
}

TEST_P(RegisterApi, AWeakOrUnquotedETagNeverSatisfiesIfMatch) {
  json m = create("missions", sydney_mission());
  const std::string path = "/api/v1/missions/" + std::to_string(m["id"].get<int>());
  for (const char* tag : {"W/\"1\"", "1"}) {
    EXPECT_EQ(
        call("PATCH", path, "facilities", json{{"city", "Sydney NSW"}}, {{"If-Match", tag}}).status,
        412)
        << tag;
  }
  EXPECT_EQ(call("GET", path, "auditor").body["version"], 1);
}

TEST_P(RegisterApi, DuplicateKeysInABodyAre400AndWriteNothing) {
  Answer r = call_raw("POST", "/api/v1/missions", "facilities",
                      R"({"code": "SYD", "code": "MEL", "name_en": "x"})",
                      {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400) << r.text;
  EXPECT_NE(r.body["detail"].get<std::string>().find("\"code\" appears twice"), std::string::npos);
  EXPECT_EQ(call("GET", "/api/v1/missions", "auditor").body["items"].size(), 0u);
}

TEST_P(RegisterApi, EveryAnswerSaysNoSniffAndAuthenticatedOnesNoStore) {
  Answer open = call("GET", "/healthz", "");
  EXPECT_EQ(open.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(open.headers.count("cache-control"), 0u);
  Answer mine = call("GET", "/api/v1/missions", "auditor");
  EXPECT_EQ(mine.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(mine.headers["cache-control"], "no-store");
}

TEST_P(RegisterApi, AThousandBadParametersNameAHundredAndCountTheRest) {
  std::string path = "/api/v1/missions?";
  for (int i = 0; i < 1000; ++i) path += (i ? "&p" : "p") + std::to_string(i) + "=1";
  Answer r = call("GET", path, "auditor");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.body["errors"].size(), 100u);
  EXPECT_EQ(r.body["errors_omitted"], 900);
}

TEST_P(RegisterApi, DeletingARecordOthersDependOnIs409) {
  json m = create("missions", sydney_mission());
  create("properties", sydney_office(m["id"]));
  Answer a = call("DELETE", "/api/v1/missions/" + std::to_string(m["id"].get<int>()), "facilities",
                  std::nullopt, {{"If-Match", "\"1\""}});
  EXPECT_EQ(a.status, 409);
}

TEST_P(RegisterApi, UnknownIdsAre404) {
  EXPECT_EQ(call("GET", "/api/v1/properties/12345", "auditor").status, 404);
  EXPECT_EQ(call("GET", "/api/v1/properties/abc", "auditor").status, 404);
  EXPECT_EQ(call("PATCH", "/api/v1/leases/77", "facilities", json{{"lessor", "x"}},
                 {{"If-Match", "\"1\""}})
                .status,
            404);
}

TEST_P(RegisterApi, RolesDecideWhoMayReadAndWrite) {
  json m = create("missions", sydney_mission());
  for (const std::string role : {"facilities", "finance", "auditor"}) {
    EXPECT_EQ(call("GET", "/api/v1/missions", role).status, 200) << role;
  }
  EXPECT_EQ(call("GET", "/api/v1/missions", "admin").status, 403);
  json other = sydney_mission();
  other["code"] = "MEL";
  for (const std::string role : {"finance", "auditor", "admin"}) {
    Answer a = call("POST", "/api/v1/missions", role, other);
    EXPECT_EQ(a.status, 403) << role;
    EXPECT_EQ(a.headers["content-type"], "application/problem+json");
  }
  for (const std::string role : {"facilities", "finance", "admin"}) {
    EXPECT_EQ(call("GET", "/api/v1/journal", role).status, 403) << role;
  }
  EXPECT_EQ(call("GET", "/api/v1/journal", "auditor").status, 200);
}

TEST_P(RegisterApi, MissingUnknownAndRevokedTokensAre401) {
  Answer none = call("GET", "/api/v1/missions", "");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.headers["www-authenticate"], "Bearer");
  EXPECT_EQ(call("GET", "/api/v1/missions", std::string(64, 'a')).status, 401);
  EXPECT_EQ(
      call_raw("GET", "/api/v1/missions", "", "", {{"Authorization", "Basic Zm9vOmJhcg=="}}).status,
      401);
  ASSERT_EQ(call("GET", "/api/v1/missions", "finance").status, 200);
  ASSERT_EQ(cli({"token", "revoke", "--user", "test-finance"}).exit_code, 0);
  // A token verified live is trusted for at most a second (kTokenCacheTtl).
  std::this_thread::sleep_for(std::chrono::milliseconds(1050));
  EXPECT_EQ(call("GET", "/api/v1/missions", "finance").status, 401);
  // The open routes need no token.
  EXPECT_EQ(call("GET", "/healthz", "").status, 200);
  EXPECT_EQ(call("GET", "/readyz", "").status, 200);
  EXPECT_EQ(call("GET", "/openapi.json", "").status, 200);
}

TEST_P(RegisterApi, ListsFilterAndPageInStableOrder) {
  json syd = create("missions", sydney_mission());
  json lon = sydney_mission();
  lon.update(json::parse(R"({"code": "LON", "name_en": "Taipei Representative Office in the UK",
    "name_zh": "駐英國台北代表處", "country": "GB", "city": "London", "region": "europe",
    "type": "representative_office", "currency": "GBP", "time_zone": "Europe/London"})"));
  lon = create("missions", lon);
  for (int i = 0; i < 5; ++i) {
    json p = sydney_office(i % 2 ? syd["id"] : lon["id"]);
    p["code"] = "P-" + std::to_string(i);
    p["kind"] = i < 2 ? "office" : "staff_residence";
    create("properties", p);
  }
  Answer europe = call("GET", "/api/v1/properties?region=europe", "auditor");
  ASSERT_EQ(europe.status, 200);
  EXPECT_EQ(europe.body["items"].size(), 3u);
  Answer syd_offices = call(
      "GET", "/api/v1/properties?kind=office&mission_id=" + std::to_string(syd["id"].get<int>()),
      "auditor");
  ASSERT_EQ(syd_offices.body["items"].size(), 1u);
  EXPECT_EQ(syd_offices.body["items"][0]["code"], "P-1");

  std::vector<std::string> codes;
  std::string path = "/api/v1/properties?limit=2";
  for (int pages = 0; pages < 10; ++pages) {
    Answer page = call("GET", path, "auditor");
    ASSERT_EQ(page.status, 200) << page.text;
    for (const json& p : page.body["items"]) codes.push_back(p["code"]);
    if (page.body["next_cursor"].is_null()) break;
    path = "/api/v1/properties?limit=2&cursor=" + page.body["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"P-0", "P-1", "P-2", "P-3", "P-4"}));

  Answer bad =
      call("GET", "/api/v1/properties?limit=0&cursor=bogus&kind=palace&colour=red", "auditor");
  ASSERT_EQ(bad.status, 422);
  std::set<std::string> fields;
  for (const json& e : bad.body["errors"]) fields.insert(e["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"colour", "limit", "cursor", "kind"}));
}

TEST_P(RegisterApi, ListsAsOfShowTheRegisterAsItStood) {
  json m = create("missions", sydney_mission());
  json office = create("properties", sydney_office(m["id"]));
  const std::string t1 = office["updated_at"];
  json other = sydney_office(m["id"]);
  other["code"] = "SYD-RES-1";
  other["kind"] = "chief_residence";
  other = create("properties", other);
  const std::string path = "/api/v1/properties/" + std::to_string(office["id"].get<int>());
  ASSERT_EQ(call("PATCH", path, "facilities", json{{"status", "disposed"}}, {{"If-Match", "\"1\""}})
                .status,
            200);
  ASSERT_EQ(call("DELETE", "/api/v1/properties/" + std::to_string(other["id"].get<int>()),
                 "facilities", std::nullopt, {{"If-Match", "\"1\""}})
                .status,
            204);

  Answer now = call("GET", "/api/v1/properties", "auditor");
  ASSERT_EQ(now.body["items"].size(), 1u);
  EXPECT_EQ(now.body["items"][0]["status"], "disposed");
  Answer then = call("GET", "/api/v1/properties?as_of=" + t1, "auditor");
  ASSERT_EQ(then.status, 200);
  ASSERT_EQ(then.body["items"].size(), 1u);
  EXPECT_EQ(then.body["items"][0]["status"], "active");
  Answer later = call("GET",
                      "/api/v1/properties?kind=chief_residence&region=east_asia_pacific"
                      "&as_of=" +
                          other["created_at"].get<std::string>(),
                      "auditor");
  ASSERT_EQ(later.body["items"].size(), 1u);
  EXPECT_EQ(later.body["items"][0]["code"], "SYD-RES-1");
  EXPECT_EQ(call("GET", "/api/v1/properties?as_of=2026-02-30", "auditor").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/properties?as_of=1999-01-01", "auditor").body["items"].size(), 0u);
}

TEST_P(RegisterApi, ConcurrentPatchesOfOneVersionHaveExactlyOneWinner) {
  json m = create("missions", sydney_mission());
  const std::string path = "/api/v1/missions/" + std::to_string(m["id"].get<int>());
  constexpr int kWriters = 8;
  std::atomic<int> ok{0}, stale{0}, other{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&, i] {
      Answer a = call("PATCH", path, "facilities", json{{"city", "City " + std::to_string(i)}},
                      {{"If-Match", "\"1\""}});
      (a.status == 200 ? ok : a.status == 412 ? stale : other)++;
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(stale.load(), kWriters - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(call("GET", path, "auditor").body["version"], 2);
  EXPECT_EQ(call("GET", "/api/v1/journal/verify", "auditor").body["ok"], true);
}

TEST_P(RegisterApi, TwoServerProcessesOnOneDatabaseNeverLoseAnUpdate) {
  ServerProcess second(kServer, database_->url(), database_->folder() + "/second.log");
  ASSERT_NE(second.port(), 0);
  json m = create("missions", sydney_mission());
  const std::string path = "/api/v1/missions/" + std::to_string(m["id"].get<int>());
  // Rounds of racing writers, half on each process, all sending the version they read.
  constexpr int kRounds = 5, kWriters = 6;
  for (int round = 0; round < kRounds; ++round) {
    std::atomic<int> ok{0};
    std::vector<std::thread> writers;
    for (int i = 0; i < kWriters; ++i) {
      writers.emplace_back([&, i] {
        std::uint16_t port = i % 2 ? second.port() : server_->port();
        Answer a = call_on(
            port, "PATCH", path, "facilities",
            json{{"city", "Round " + std::to_string(round) + "/" + std::to_string(i)}}.dump(),
            {{"If-Match", "\"" + std::to_string(round + 1) + "\""},
             {"Content-Type", "application/json"}});
        if (a.status == 200)
          ++ok;
        else
          EXPECT_EQ(a.status, 412) << a.text;
      });
    }
    for (auto& t : writers) t.join();
    EXPECT_EQ(ok.load(), 1) << "round " << round;
  }
  // And concurrent creates through both processes keep one linear journal.
  std::vector<std::thread> creators;
  for (int i = 0; i < 6; ++i) {
    creators.emplace_back([&, i] {
      json body = sydney_office(m["id"]);
      body["code"] = "C-" + std::to_string(i);
      call_on(i % 2 ? second.port() : server_->port(), "POST", "/api/v1/properties", "facilities",
              body.dump(), {{"Content-Type", "application/json"}});
    });
  }
  for (auto& t : creators) t.join();
  EXPECT_EQ(call("GET", path, "auditor").body["version"], kRounds + 1);
  EXPECT_EQ(call("GET", "/api/v1/properties", "auditor").body["items"].size(), 6u);
  Answer verified = call_on(second.port(), "GET", "/api/v1/journal/verify", "auditor", "", {});
  EXPECT_EQ(verified.body["ok"], true) << verified.text;
  EXPECT_EQ(verified.body["entries"], 4 + 1 + kRounds + 6);
}

TEST_P(RegisterApi, IdempotencyKeyReplaysTheFirstResponse) {
  std::map<std::string, std::string> keyed = {{"Idempotency-Key", "create-syd-1"}};
  Answer first = call("POST", "/api/v1/missions", "facilities", sydney_mission(), keyed);
  ASSERT_EQ(first.status, 201);
  Answer again = call("POST", "/api/v1/missions", "facilities", sydney_mission(), keyed);
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.headers["location"], first.headers["location"]);
  EXPECT_EQ(again.headers["idempotent-replayed"], "true");
  EXPECT_EQ(call("GET", "/api/v1/missions", "auditor").body["items"].size(), 1u);

  json different = sydney_mission();
  different["code"] = "MEL";
  Answer conflict = call("POST", "/api/v1/missions", "facilities", different, keyed);
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(call("GET", "/api/v1/missions", "auditor").body["items"].size(), 1u);

  // A refused request stores nothing: the client may fix it and retry with the same key.
  different["country"] = "XX";
  std::map<std::string, std::string> fresh = {{"Idempotency-Key", "create-mel-1"}};
  EXPECT_EQ(call("POST", "/api/v1/missions", "facilities", different, fresh).status, 422);
  different["country"] = "AU";
  EXPECT_EQ(call("POST", "/api/v1/missions", "facilities", different, fresh).status, 201);
}

TEST_P(RegisterApi, ConcurrentRetriesWithOneKeyCreateOneRecord) {
  std::vector<std::thread> clients;
  std::atomic<int> created{0};
  std::set<int> ids;
  std::mutex ids_mutex;
  for (int i = 0; i < 6; ++i) {
    clients.emplace_back([&] {
      Answer a = call("POST", "/api/v1/missions", "facilities", sydney_mission(),
                      {{"Idempotency-Key", "same-key"}});
      if (a.status == 201) {
        ++created;
        std::lock_guard<std::mutex> lock(ids_mutex);
        ids.insert(a.body["id"].get<int>());
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(created.load(), 6);
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(call("GET", "/api/v1/missions", "auditor").body["items"].size(), 1u);
}

TEST_P(RegisterApi, NothingAClientSendsIsAServerError) {
  json m = create("missions", sydney_mission());
  json office = create("properties", sydney_office(m["id"]));
  const std::string one = "/api/v1/properties/" + std::to_string(office["id"].get<int>());
  const std::vector<std::string> bodies = {
      "[]",
      "\"text\"",
      "42",
      "null",
      "true",
      "{}",
      std::string(64, '{'),
      R"({"code": "X", "floor_area_m2": "1e400"})",
      R"({"mission_id": 1e400})",
      R"({"mission_id": 99999999999999999999999})",
      R"({"mission_id": -1})",
      "{\"name\": \"\xff\xfe\"}",
      R"({"name": "\ud800"})",
      R"({"tenure": [1, "x", null]})",
      R"({"tenure": {"type": "owned"}})",
      R"({"agencies": [1, {}]})",
      R"({"floor_area_m2": "12.345"})",
      R"({"floor_area_m2": " 1"})",
      R"({"tenure": [{"type": "owned", "from": "2026-13-01"}]})",
      R"({"name": null})",
      R"({"tenure": null})",
      R"({"mission_id": null})",
      R"({"status": ["active"]})"};
  for (const std::string& body : bodies) {
    for (const std::string method : {"POST", "PATCH"}) {
      std::string path = method == "POST" ? "/api/v1/properties" : one;
      Answer a = call_raw(method, path, "facilities", body,
                          {{"Content-Type", "application/json"}, {"If-Match", "\"1\""}});
      EXPECT_GE(a.status, 200) << method << " " << body;
      EXPECT_LT(a.status, 500) << method << " " << body << " -> " << a.text;
      if (a.status >= 400) {
        EXPECT_EQ(a.headers["content-type"], "application/problem+json");
      }
    }
  }
  for (const std::string path :
       {"/api/v1/properties/0", "/api/v1/properties/-1", "/api/v1/properties/99999999999999999999",
        "/api/v1/properties?limit=9999999999999999999999", "/api/v1/properties?limit=-3",
        "/api/v1/properties?cursor=%zz", "/api/v1/properties?as_of=yesterday",
        "/api/v1/properties?mission_id=1%20OR%201=1", "/api/v1/properties?as_of=2026-02-29",
        "/api/v1/journal?from=2026-01-01T25:00:00Z", "/api/v1/missions?region="}) {
    Answer a = call("GET", path, "auditor");
    EXPECT_GE(a.status, 400) << path;
    EXPECT_LT(a.status, 500) << path << " -> " << a.text;
  }
}

ESTATE_API_ON_BOTH_BACKENDS(RegisterApi);

}  // namespace
}  // namespace estate::testing
