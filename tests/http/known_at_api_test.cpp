// The auditor's time machine, end to end on SQLite and MariaDB: every report asked with
// known_at equals, byte for byte, the report fetched at that instant, across a sequence of
// corrections; known_at's bounds; register reads take known_at as as_of; issued reports are
// stored exactly, verified by their SHA-256 (a flipped byte is not an issued report, and a
// tampered stored byte breaks the journal's verification), and `changes` names exactly the
// figures a correction moved; who may issue and who may read.
#include <gtest/gtest.h>

#include <openssl/evp.h>

#include "domain/calendar.h"
#include "tests/http/api_fixture.h"

namespace estate::testing {
namespace {

using nlohmann::json;

std::string sha256_of(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0x0F];
  }
  return out;
}

// Every leaf of a JSON document by the path `changes` writes (objects by key, arrays by index).
void leaves(const json& j, const std::string& path, std::map<std::string, json>& out) {
  if (j.is_object() && !j.empty()) {
    for (const auto& [k, v] : j.items()) leaves(v, path.empty() ? k : path + "." + k, out);
  } else if (j.is_array() && !j.empty()) {
    for (std::size_t i = 0; i < j.size(); ++i) leaves(j[i], path + "[" + std::to_string(i) + "]", out);
  } else {
    out[path] = j;
  }
}

class KnownAtApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_EQ(cli({"seed-demo"}).exit_code, 0);
  }
  json first(const std::string& collection, const std::string& query) {
    json items = call("GET", "/api/v1/" + collection + "?" + query, "finance").body["items"];
    EXPECT_FALSE(items.empty()) << collection << "?" << query;
    return items.empty() ? json::object() : items[0];
  }
  Answer patch(const std::string& path, const std::string& who, const json& body) {
    json current = call("GET", path, who).body;
    return call("PATCH", path, who, body,
                {{"If-Match", "\"" + std::to_string(current["version"].get<int>()) + "\""}});
  }
  // The report paths every report is asked by (the demo register's ids).
  std::vector<std::string> reports() {
    const std::string rome = std::to_string(first("acquisitions", "code=ACQ-ROM-2024")["id"].get<int>());
    const std::string zhiyuan = std::to_string(first("projects", "code=ZHIYUAN-RENEWAL")["id"].get<int>());
    return {"ownership?group_by=region&trend_from=110&trend_to=115",
            "rent-savings",
            "lease-vs-buy?acquisition_id=" + rome,
            "lease-events?within_days=3650",
            "co-location",
            "budget-execution?fiscal_year=115",
            "earned-value?project_id=" + zhiyuan,
            "acquisition-pipeline",
            "purchase-plan?budget=1200000000.00",
            "rent-forecast?renewals=assume&group_by=mission",
            "data-quality"};
  }
  std::string report(const std::string& path, const std::string& extra = "") {
    const std::string sep = path.find('?') == std::string::npos ? "?" : "&";
    Answer a = call("GET", "/api/v1/reports/" + path + (extra.empty() ? "" : sep + extra), "auditor");
    EXPECT_EQ(a.status, 200) << path << " " << extra << ": " << a.text;
    return a.text;
  }
};

TEST_P(KnownAtApi, EveryReportKnownAtAnInstantIsTheReportFetchedThen) {
  const auto paths = reports();
  const json rome = first("acquisitions", "code=ACQ-ROM-2024");
  const std::string lease = "/api/v1/leases/" + std::to_string(rome["replaces_lease_ids"][0].get<int>());
  const std::string expenditure =
      "/api/v1/expenditures/" + std::to_string(first("expenditures", "from=2026-02-26&to=2026-02-26")["id"].get<int>());
  const std::string office =
      "/api/v1/properties/" + std::to_string(first("properties", "code=SYD-OFF-1")["id"].get<int>());
  const std::string fx = "/api/v1/fx-rates/" + std::to_string(first("fx-rates", "currency=EUR")["id"].get<int>());
  // Each correction moves some report: a replaced lease's rent (rent savings, lease vs buy,
  // lease events), an expenditure (budget execution, earned value), an office's floor area
  // (ownership by area), a rate (TWD figures), a new proposed purchase (the pipeline).
  const std::vector<std::function<void()>> corrections = {
      [&] { EXPECT_EQ(patch(lease, "facilities", {{"rent", {{"amount", "1000.00"}, {"currency", "EUR"}}}}).status, 200); },
      [&] { EXPECT_EQ(patch(expenditure, "finance", {{"amount", {{"amount", "90000000"}, {"currency", "TWD"}}}}).status, 200); },
      [&] { EXPECT_EQ(patch(office, "facilities", {{"floor_area_m2", "1234.50"}}).status, 200); },
      [&] { EXPECT_EQ(patch(fx, "finance", {{"twd_per_unit", "30.000000"}}).status, 200); },
      // A candidate's price (the purchase plan), and the Guatemala residence's lease, which had
      // ended, renewed to the end of 2027 (data quality: a leased property with a lease in force;
      // the rent forecast: its rent in FY 116).
      [&] {
        const json london = first("acquisitions", "code=ACQ-LON-2027");
        EXPECT_EQ(patch("/api/v1/acquisitions/" + std::to_string(london["id"].get<int>()), "facilities",
                        {{"price", {{"amount", "30000000.00"}, {"currency", london["price"]["currency"]}}}})
                      .status,
                  200);
        const json residence = first("properties", "code=GTM-RES-1");
        const json lease = first("leases", "property_id=" + std::to_string(residence["id"].get<int>()));
        EXPECT_EQ(patch("/api/v1/leases/" + std::to_string(lease["id"].get<int>()), "facilities", {{"end", "2027-12-31"}})
                      .status,
                  200);
      },
  };
  std::vector<std::pair<std::string, std::vector<std::string>>> snapshots;
  for (std::size_t step = 0;; ++step) {
    std::vector<std::string> bodies;
    for (const std::string& p : paths) bodies.push_back(report(p));
    snapshots.emplace_back(format_instant(now()), std::move(bodies));
    if (step == corrections.size()) break;
    corrections[step]();
  }
  for (const auto& [at, bodies] : snapshots) {
    for (std::size_t i = 0; i < paths.size(); ++i)
      EXPECT_EQ(report(paths[i], "known_at=" + at), bodies[i]) << paths[i] << " known at " << at;
  }
  // The corrections moved what they should have: the first and last snapshots differ.
  for (std::size_t i : {1u, 2u, 5u, 6u, 8u, 9u, 10u})
    EXPECT_NE(snapshots.front().second[i], snapshots.back().second[i]) << paths[i];
}

// A journal entry written before properties had a Chinese name (no "name_zh" key at all)
// reads back without one (the view of app/known_at.h decodes it as null); the live record
// keeps its name.
TEST_P(KnownAtApi, APropertyJournalledBeforeNameZhReadsItAsNull) {
  json residence = first("properties", "code=SYD-RES-1");
  ASSERT_EQ(residence["name_zh"], "駐雪梨辦事處館長宿舍");
  const std::string id = std::to_string(residence["id"].get<int>());
  sql("UPDATE journal SET after_json = REPLACE(after_json, '\"name_zh\":\"駐雪梨辦事處館長宿舍\",', "
      "'') WHERE entity = 'property' AND entity_id = " + id);
  const std::string at = format_instant(now());
  Answer then = call("GET", "/api/v1/properties/" + id + "?known_at=" + at, "auditor");
  ASSERT_EQ(then.status, 200) << then.text;
  // The register's as-of read answers the entry as journalled: the key is absent (not yet
  // re-encoded in today's shape), which a client reads as null.
  EXPECT_TRUE(!then.body.contains("name_zh") || then.body["name_zh"].is_null()) << then.text;
  EXPECT_EQ(then.body["name"], residence["name"]);
  EXPECT_EQ(call("GET", "/api/v1/properties/" + id, "auditor").body["name_zh"],
            "駐雪梨辦事處館長宿舍");
}

TEST_P(KnownAtApi, KnownAtMustLieWithinTheJournalAndSetsTheDefaultAsOf) {
  for (const std::string bad : {"2001-01-01T00:00:00Z", "2999-01-01T00:00:00Z", "yesterday"}) {
    Answer a = call("GET", "/api/v1/reports/ownership?known_at=" + bad, "finance");
    EXPECT_EQ(a.status, 422) << bad;
    ASSERT_FALSE(a.body["errors"].empty()) << a.text;
    EXPECT_EQ(a.body["errors"][0]["field"], "known_at") << a.text;
  }
  const std::string at = format_instant(now());
  json ownership = call("GET", "/api/v1/reports/ownership?known_at=" + at, "finance").body;
  EXPECT_EQ(ownership["as_of"], at.substr(0, 10)) << ownership.dump();
  json then = call("GET", "/api/v1/reports/ownership?as_of=2025-12-31&known_at=" + at, "finance").body;
  EXPECT_EQ(then["as_of"], "2025-12-31");
  // Register reads: known_at is as_of's other name, one mechanism.
  EXPECT_EQ(call("GET", "/api/v1/properties?known_at=" + at, "auditor").text,
            call("GET", "/api/v1/properties?as_of=" + at, "auditor").text);
  Answer future = call("GET", "/api/v1/missions?known_at=2999-01-01T00:00:00Z", "auditor");
  EXPECT_EQ(future.status, 422);
  EXPECT_EQ(future.body["errors"][0]["field"], "known_at");
}

TEST_P(KnownAtApi, AnIssuedReportIsStoredExactlyAndVerifiedByItsHash) {
  Answer issued = call("POST", "/api/v1/report-issues", "finance",
                       json{{"report", "rent-savings"},
                            {"params", {{"as_of", "2026-08-31"}}},
                            {"format", "xlsx"},
                            {"title", "節省租金 to the Legislative Yuan, 115/08/31"}});
  ASSERT_EQ(issued.status, 201) << issued.text;
  const json issue = issued.body;
  EXPECT_EQ(issue["report"], "rent-savings");
  EXPECT_EQ(issue["issued_by"], "test-finance");
  EXPECT_EQ(issue["params"], json({{"as_of", "2026-08-31"}}));
  const std::string one = "/api/v1/report-issues/" + std::to_string(issue["id"].get<int>());
  Answer content = call("GET", one + "/content", "auditor");
  ASSERT_EQ(content.status, 200);
  EXPECT_EQ(content.text.size(), issue["bytes"].get<std::size_t>());
  EXPECT_EQ(sha256_of(content.text), issue["sha256"]);
  EXPECT_EQ(content.text.substr(0, 2), "PK");  // an XLSX is a zip
  EXPECT_EQ(call("GET", one, "facilities").body, issue);
  EXPECT_EQ(call("GET", "/api/v1/report-issues", "auditor").body["items"][0], issue);

  Answer same = call_raw("POST", "/api/v1/report-issues/verify", "auditor", content.text,
                         {{"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(same.status, 200) << same.text;
  EXPECT_EQ(same.body["match"], issue);
  EXPECT_EQ(same.body["sha256"], issue["sha256"]);
  std::string flipped = content.text;
  flipped[flipped.size() / 2] ^= 0x01;
  Answer other = call_raw("POST", "/api/v1/report-issues/verify", "auditor", flipped,
                          {{"Content-Type", "text/plain"}});
  EXPECT_EQ(other.status, 200);
  EXPECT_TRUE(other.body["match"].is_null()) << other.text;
  EXPECT_EQ(other.body["sha256"], sha256_of(flipped));

  // A JSON issue is the report as known at its known_at, byte for byte.
  Answer as_json = call("POST", "/api/v1/report-issues", "finance",
                        json{{"report", "ownership"}, {"params", {{"group_by", "region"}}}, {"format", "json"},
                             {"title", "Ownership"}});
  ASSERT_EQ(as_json.status, 201) << as_json.text;
  EXPECT_EQ(call("GET", "/api/v1/report-issues/" + std::to_string(as_json.body["id"].get<int>()) + "/content",
                 "auditor").text,
            call("GET", "/api/v1/reports/ownership?group_by=region&known_at=" +
                            as_json.body["known_at"].get<std::string>(), "auditor").text);

  // A stored byte changed behind the service's back breaks the journal's verification.
  EXPECT_EQ(call("GET", "/api/v1/journal/verify", "auditor").body["ok"], true);
  const bool mysql = GetParam() == persistence::Backend::mysql;
  sql(std::string("UPDATE report_issue_chunks SET data = ") +
      (mysql ? "CONCAT('AAAA', SUBSTR(data, 5))" : "'AAAA' || SUBSTR(data, 5)") +
      " WHERE issue_id = " + std::to_string(issue["id"].get<int>()));
  json v = call("GET", "/api/v1/journal/verify", "auditor").body;
  EXPECT_EQ(v["ok"], false);
  EXPECT_NE(v["problem"].get<std::string>().find("issued report " + std::to_string(issue["id"].get<int>())),
            std::string::npos) << v.dump();
  CommandResult cli_verify = cli({"journal", "verify"});
  EXPECT_NE(cli_verify.exit_code, 0);
  EXPECT_NE(cli_verify.out.find("issued report"), std::string::npos) << cli_verify.out;
}

TEST_P(KnownAtApi, ChangesNameExactlyTheFiguresACorrectionMoved) {
  Answer issued = call("POST", "/api/v1/report-issues", "finance",
                       json{{"report", "rent-savings"}, {"params", {{"as_of", "2026-08-31"}}},
                            {"format", "csv"}, {"title", "Rent savings, 115/08/31"}});
  ASSERT_EQ(issued.status, 201) << issued.text;
  const std::string changes =
      "/api/v1/report-issues/" + std::to_string(issued.body["id"].get<int>()) + "/changes";
  json none = call("GET", changes, "auditor").body;
  EXPECT_EQ(none["changes"], json::array()) << none.dump();
  EXPECT_EQ(none["issued_known_at"], issued.body["known_at"]);
  EXPECT_EQ(none["as_of"], "2026-08-31");
  // A correction the report does not read changes nothing in it.
  const json tokyo = first("missions", "code=TYO");
  EXPECT_EQ(patch("/api/v1/missions/" + std::to_string(tokyo["id"].get<int>()), "facilities",
                  {{"city", "Tōkyō"}}).status, 200);
  EXPECT_EQ(call("GET", changes, "auditor").body["changes"], json::array());
  // Rome's replaced lease was cheaper than recorded: its savings fall.
  const std::string before = report("rent-savings?as_of=2026-08-31");
  const json rome = first("acquisitions", "code=ACQ-ROM-2024");
  const std::string lease = "/api/v1/leases/" + std::to_string(rome["replaces_lease_ids"][0].get<int>());
  ASSERT_EQ(patch(lease, "facilities", {{"rent", {{"amount", "1000.00"}, {"currency", "EUR"}}}}).status, 200);
  const std::string after = report("rent-savings?as_of=2026-08-31");
  std::map<std::string, json> was, is;
  leaves(json::parse(before), "", was);
  leaves(json::parse(after), "", is);
  std::map<std::string, std::pair<json, json>> expected;
  for (const auto& [path, value] : was)
    if (is.count(path) == 0 || is[path] != value) expected[path] = {value, is.count(path) ? is[path] : json()};
  for (const auto& [path, value] : is)
    if (was.count(path) == 0) expected[path] = {json(), value};
  ASSERT_FALSE(expected.empty());
  json moved = call("GET", changes, "auditor").body["changes"];
  std::map<std::string, std::pair<json, json>> got;
  for (const json& c : moved) got[c["path"]] = {c["issued"], c["now"]};
  EXPECT_EQ(got, expected) << moved.dump(1);
  EXPECT_EQ(got.count("totals.net_savings_twd.amount"), 1u) << moved.dump(1);
}

// A decision report is issued like any other: its stored bytes are the report known at the
// issue's instant, and a later correction of a candidate's price shows in `changes`.
TEST_P(KnownAtApi, ADecisionReportIsIssuedAndItsChangesNamed) {
  Answer issued = call("POST", "/api/v1/report-issues", "finance",
                       json{{"report", "purchase-plan"},
                            {"params", {{"as_of", "2026-12-31"}, {"budget", "1200000000.00"}}},
                            {"format", "json"},
                            {"title", "優先購置規劃 116"}});
  ASSERT_EQ(issued.status, 201) << issued.text;
  const std::string at = issued.body["known_at"];
  const std::string self = "/api/v1/report-issues/" + std::to_string(issued.body["id"].get<int>());
  Answer content = call("GET", self + "/content", "auditor");
  ASSERT_EQ(content.status, 200);
  EXPECT_EQ(content.text, report("purchase-plan?as_of=2026-12-31&budget=1200000000.00", "known_at=" + at));
  EXPECT_EQ(issued.body["sha256"], sha256_of(content.text));
  EXPECT_EQ(call("GET", self + "/changes", "auditor").body["changes"], json::array());

  const json london = first("acquisitions", "code=ACQ-LON-2027");
  ASSERT_EQ(patch("/api/v1/acquisitions/" + std::to_string(london["id"].get<int>()), "facilities",
                  {{"costs", {{"amount", "0.00"}, {"currency", london["costs"]["currency"]}}}})
                .status,
            200);
  json moved = call("GET", self + "/changes", "auditor").body["changes"];
  bool cost_named = false;
  for (const json& c : moved) {
    const std::string path = c["path"];
    cost_named = cost_named || (path.rfind("candidates[", 0) == 0 && path.find(".costs") != std::string::npos);
  }
  EXPECT_TRUE(cost_named) << moved.dump(1);
}

TEST_P(KnownAtApi, FinanceIssuesEveryReaderReadsAndBadRequestsNameTheirField) {
  const json good = {{"report", "co-location"}, {"format", "json"}, {"title", "Co-location"}};
  EXPECT_EQ(call("POST", "/api/v1/report-issues", "facilities", good).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/report-issues", "auditor", good).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/report-issues", "", good).status, 401);
  ASSERT_EQ(call("POST", "/api/v1/report-issues", "finance", good).status, 201);
  for (const std::string who : {"facilities", "finance", "auditor"})
    EXPECT_EQ(call("GET", "/api/v1/report-issues", who).status, 200) << who;
  EXPECT_EQ(call("GET", "/api/v1/report-issues", "admin").status, 403);
  EXPECT_EQ(call("GET", "/api/v1/report-issues/999", "auditor").status, 404);

  auto refused = [&](json body, const std::string& field) {
    Answer a = call("POST", "/api/v1/report-issues", "finance", body);
    EXPECT_EQ(a.status, 422) << body.dump() << " " << a.text;
    bool named = false;
    for (const json& e : a.body["errors"]) named = named || e["field"] == field;
    EXPECT_TRUE(named) << field << ": " << a.text;
  };
  json b = good;
  b["report"] = "horoscope";
  refused(b, "report");
  b = good;
  b["format"] = "pdf";
  refused(b, "format");
  b = good;
  b["title"] = std::string(201, 'x');
  refused(b, "title");
  b = good;
  b.erase("title");
  refused(b, "title");
  b = good;
  b["params"] = {{"as_of", "2026-13-01"}};
  refused(b, "params.as_of");
  b = good;
  b["params"] = {{"colour", "red"}};
  refused(b, "params.colour");
  b = good;
  b["params"] = {{"known_at", "2999-01-01T00:00:00Z"}};
  refused(b, "params.known_at");
  b = good;
  b["params"] = json::array();
  refused(b, "params");
  b = good;
  b["format"] = "svg";  // co-location has no chart
  refused(b, "format");
}

ESTATE_API_ON_BOTH_BACKENDS(KnownAtApi);

}  // namespace
}  // namespace estate::testing
