// Budget lines, appropriations, expenditures, commitments, projects with progress, and the
// budget-execution and earned-value reports over HTTP, end to end on SQLite and MariaDB.
#include <gtest/gtest.h>

#include "tests/http/api_fixture.h"

namespace estate::testing {
namespace {

using nlohmann::json;

json twd(const char* amount) {
  return json{{"amount", amount}, {"currency", "TWD"}};
}

std::string id_of(const json& record) {
  return std::to_string(record["id"].get<std::int64_t>());
}

class BudgetApi : public ApiTest {
 protected:
  json as_finance(const std::string& collection, const json& body) {
    Answer a = call("POST", "/api/v1/" + collection, "finance", body);
    EXPECT_EQ(a.status, 201) << a.text;
    return a.body;
  }
  json line() {
    return as_finance("budget-lines", json{{"code", "MOFA-PREMISES"},
                                           {"name_zh", "購建駐外機構館官舍"},
                                           {"name_en", "Purchase of mission premises"}});
  }
  // BAC NT$1,000,000.00 from 2023-12-31; 40 % planned by 2024-12-31 and 100 % by 2025-12-31.
  json project_body() {
    return json::parse(R"({"code": "ZHIYUAN", "name_zh": "致遠新村活化再利用",
      "name_en": "Zhiyuan New Village renewal", "property_ids": [], "start": "2023-12-31",
      "bac": {"amount": "1000000.00", "currency": "TWD"},
      "milestones": [{"name": "Dormitory", "date": "2024-12-31", "planned_pct": "40.00"},
                     {"name": "Archives centre", "date": "2025-12-31", "planned_pct": "100"}]})");
  }
  json expenditure(const json& line, const char* on, const char* amount,
                   std::optional<std::int64_t> project = std::nullopt) {
    return as_finance("expenditures", json{{"on", on},
                                           {"amount", twd(amount)},
                                           {"budget_line_id", line["id"]},
                                           {"project_id", project ? json(*project) : json()},
                                           {"description", "instalment"}});
  }
};

TEST_P(BudgetApi, APatchThatChangesNothingWritesNoVersionAndNoJournalEntry) {
  // One record of every register and budget kind, each patched with nothing ({}) and with a
  // field restated as it is (a decimal spelled differently, too): 200, the record as it is,
  // its version and ETag unchanged, and no journal entry.
  json m = create("missions", sydney_mission());
  json office = create("properties", sydney_office(m["id"]));
  json lease = create("leases", sydney_lease(office["id"]));
  json acquisition = create(
      "acquisitions",
      json{{"code", "ACQ-SYD-2026"}, {"property_id", office["id"]},
           {"replaces_lease_ids", {lease["id"]}},
           {"stages", json::parse(R"([{"stage": "proposed", "on": "2024-03-01"}])")},
           {"price", {{"amount", "1000000.00"}, {"currency", "AUD"}}},
           {"costs", {{"amount", "50000.00"}, {"currency", "AUD"}}},
           {"operating_cost_annual", {{"amount", "36500.00"}, {"currency", "AUD"}}}});
  json rate = as_finance("fx-rates", json{{"currency", "AUD"}, {"effective", "2026-01-02"},
                                          {"twd_per_unit", "20.78"}});
  json l = line();
  json appropriation = as_finance(
      "appropriations", {{"budget_line_id", l["id"]}, {"fiscal_year", 115}, {"amount", twd("1580000000")}});
  json spent = expenditure(l, "2026-02-10", "4500000");
  json commitment = as_finance("commitments", json{{"signed_on", "2026-01-20"},
                                                   {"counterparty", "General contractor"},
                                                   {"amount", twd("780000000")},
                                                   {"budget_line_id", l["id"]}});
  json project = create("projects", project_body());
  const std::string progress_path = "/api/v1/projects/" + id_of(project) + "/progress";
  Answer progress =
      call("POST", progress_path, "facilities", json{{"on", "2024-02-15"}, {"pct_complete", "5"}});
  ASSERT_EQ(progress.status, 201) << progress.text;

  struct Case {
    std::string path, writer;
    json record, same;
  };
  const std::vector<Case> cases = {
      {"/api/v1/missions/" + id_of(m), "facilities", m, {{"city", m["city"]}}},
      {"/api/v1/properties/" + id_of(office), "facilities", office, {{"floor_area_m2", "1250"}}},
      {"/api/v1/leases/" + id_of(lease), "facilities", lease, {{"notice_days", 180}}},
      {"/api/v1/acquisitions/" + id_of(acquisition), "facilities", acquisition,
       {{"price", {{"amount", "1000000"}, {"currency", "AUD"}}}}},
      {"/api/v1/fx-rates/" + id_of(rate), "finance", rate, {{"twd_per_unit", rate["twd_per_unit"]}}},
      {"/api/v1/budget-lines/" + id_of(l), "finance", l, {{"name_en", l["name_en"]}}},
      {"/api/v1/appropriations/" + id_of(appropriation), "finance", appropriation,
       {{"fiscal_year", 115}}},
      {"/api/v1/expenditures/" + id_of(spent), "finance", spent, {{"description", "instalment"}}},
      {"/api/v1/commitments/" + id_of(commitment), "finance", commitment,
       {{"counterparty", "General contractor"}}},
      {"/api/v1/projects/" + id_of(project), "facilities", project, {{"code", "ZHIYUAN"}}},
      {progress_path + "/" + id_of(progress.body), "facilities", progress.body,
       {{"pct_complete", "5.0"}}},
  };
  auto journal_entries = [&] {
    return call("GET", "/api/v1/journal/verify", "auditor").body["entries"].get<int>();
  };
  const int entries = journal_entries();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    for (const json& patch : {json::object(), c.same}) {
      Answer a = call("PATCH", c.path, c.writer, patch, {{"If-Match", "\"1\""}});
      ASSERT_EQ(a.status, 200) << a.text;
      EXPECT_EQ(a.headers["etag"], "\"1\"");
      EXPECT_EQ(a.body, call("GET", c.path, "auditor").body);
      EXPECT_EQ(a.body["version"], 1);
      EXPECT_EQ(a.body["updated_at"], c.record["updated_at"]);
    }
  }
  EXPECT_EQ(journal_entries(), entries);
  // A real change still writes: version 2, one journal entry.
  Answer changed = call("PATCH", cases[0].path, "facilities", json{{"city", "Sydney NSW"}},
                        {{"If-Match", "\"1\""}});
  ASSERT_EQ(changed.status, 200) << changed.text;
  EXPECT_EQ(changed.body["version"], 2);
  EXPECT_EQ(changed.headers["etag"], "\"2\"");
  EXPECT_EQ(journal_entries(), entries + 1);
  // And a stale version is still refused, even for a patch that would change nothing.
  EXPECT_EQ(call("PATCH", cases[0].path, "facilities", json::object(), {{"If-Match", "\"1\""}}).status,
            412);
}

TEST_P(BudgetApi, FinanceWritesBudgetRecordsAndOthersOnlyRead) {
  json l = line();
  EXPECT_EQ(l["code"], "MOFA-PREMISES");
  json other = {{"code", "X"}, {"name_zh", "x"}, {"name_en", "x"}};
  EXPECT_EQ(call("POST", "/api/v1/budget-lines", "facilities", other).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/budget-lines", "auditor", other).status, 403);
  EXPECT_EQ(call("POST", "/api/v1/budget-lines", "", other).status, 401);
  EXPECT_EQ(call("GET", "/api/v1/budget-lines", "facilities").body["items"].size(), 1u);
  EXPECT_EQ(call("GET", "/api/v1/budget-lines", "admin").status, 403);
  EXPECT_EQ(call("POST", "/api/v1/budget-lines", "finance",
                 json{{"code", "MOFA-PREMISES"}, {"name_zh", "重複"}, {"name_en", "duplicate"}})
                .status,
            409);
}

TEST_P(BudgetApi, AppropriationsAreTwdAndAnswerInBothYearSpellings) {
  json l = line();
  json body = {{"budget_line_id", l["id"]}, {"fiscal_year", 115}, {"amount", twd("1580000000")}};
  Answer created = call("POST", "/api/v1/appropriations", "finance", body,
                        {{"Idempotency-Key", "fy115-premises"}});
  ASSERT_EQ(created.status, 201) << created.text;
  EXPECT_EQ(created.body["fiscal_year_ad"], 2026);
  EXPECT_EQ(created.body["amount"]["amount"], "1580000000.00");
  // Replayed, not doubled.
  Answer again = call("POST", "/api/v1/appropriations", "finance", body,
                      {{"Idempotency-Key", "fy115-premises"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body["id"], created.body["id"]);
  EXPECT_EQ(call("GET", "/api/v1/appropriations?fiscal_year=2026", "auditor").body["items"].size(),
            1u);
  EXPECT_EQ(call("GET", "/api/v1/appropriations?fiscal_year=115", "auditor").body["items"].size(),
            1u);
  EXPECT_EQ(call("GET", "/api/v1/appropriations?fiscal_year=114", "auditor").body["items"].size(),
            0u);
  // The Gregorian year alone is accepted; they must agree when both are sent.
  Answer ad = call(
      "POST", "/api/v1/appropriations", "finance",
      json{{"budget_line_id", l["id"]}, {"fiscal_year_ad", 2027}, {"amount", twd("900000000")}});
  ASSERT_EQ(ad.status, 201) << ad.text;
  EXPECT_EQ(ad.body["fiscal_year"], 116);
  Answer disagree = call("POST", "/api/v1/appropriations", "finance",
                         json{{"budget_line_id", l["id"]},
                              {"fiscal_year", 116},
                              {"fiscal_year_ad", 2026},
                              {"amount", twd("1")}});
  EXPECT_EQ(disagree.status, 422);
  // Another currency, a year out of range, a missing line: every field named at once.
  Answer bad = call("POST", "/api/v1/appropriations", "finance",
                    json{{"budget_line_id", 999},
                         {"fiscal_year", 201},
                         {"amount", {{"amount", "1.00"}, {"currency", "USD"}}}});
  ASSERT_EQ(bad.status, 422) << bad.text;
  std::set<std::string> fields;
  for (const json& e : bad.body["errors"]) fields.insert(e["field"]);
  EXPECT_TRUE(fields.count("fiscal_year")) << bad.text;
  EXPECT_TRUE(fields.count("amount.currency")) << bad.text;
  // A patch changes the ROC year; the derived one is read-only.
  const std::string path = "/api/v1/appropriations/" + id_of(created.body);
  EXPECT_EQ(call("PATCH", path, "finance", json{{"fiscal_year_ad", 2025}}, {{"If-Match", "\"1\""}})
                .status,
            422);
  Answer moved =
      call("PATCH", path, "finance", json{{"fiscal_year", 114}}, {{"If-Match", "\"1\""}});
  ASSERT_EQ(moved.status, 200) << moved.text;
  EXPECT_EQ(moved.body["fiscal_year_ad"], 2025);
  EXPECT_EQ(
      call("PATCH", path, "finance", json{{"fiscal_year", 115}}, {{"If-Match", "\"1\""}}).status,
      412);
  // As it stood before the patch.
  Answer before =
      call("GET", path + "?as_of=" + created.body["updated_at"].get<std::string>(), "auditor");
  EXPECT_EQ(before.body["fiscal_year"], 115);
  // A budget line with appropriations cannot go.
  EXPECT_EQ(call("DELETE", "/api/v1/budget-lines/" + id_of(l), "finance", std::nullopt,
                 {{"If-Match", "\"1\""}})
                .status,
            409);
}

TEST_P(BudgetApi, CommitmentsPayAtMostTheirAmountAndExpendituresNeedTheirLine) {
  json l = line();
  Answer over = call("POST", "/api/v1/commitments", "finance",
                     json{{"signed_on", "2026-01-20"},
                          {"counterparty", "General contractor"},
                          {"amount", twd("100.00")},
                          {"paid", twd("100.01")},
                          {"budget_line_id", l["id"]}});
  ASSERT_EQ(over.status, 422);
  EXPECT_EQ(over.body["errors"][0]["field"], "paid.amount");
  Answer c = call("POST", "/api/v1/commitments", "finance",
                  json{{"signed_on", "2026-01-20"},
                       {"counterparty", "General contractor"},
                       {"amount", twd("780000000")},
                       {"budget_line_id", l["id"]}});
  ASSERT_EQ(c.status, 201) << c.text;
  EXPECT_EQ(c.body["paid"]["amount"], "0.00");
  EXPECT_TRUE(c.body["project_id"].is_null());
  Answer missing = call("POST", "/api/v1/expenditures", "finance",
                        json{{"on", "2026-02-30"},
                             {"amount", twd("5")},
                             {"budget_line_id", 12345},
                             {"project_id", 777},
                             {"colour", "red"}});
  ASSERT_EQ(missing.status, 422);
  std::set<std::string> fields;
  for (const json& e : missing.body["errors"]) fields.insert(e["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"on", "colour"})) << missing.text;
  Answer refs = call("POST", "/api/v1/expenditures", "finance",
                     json{{"on", "2026-02-28"},
                          {"amount", twd("5")},
                          {"budget_line_id", 12345},
                          {"project_id", 777}});
  ASSERT_EQ(refs.status, 422);
  EXPECT_EQ(refs.body["errors"].size(), 2u) << refs.text;
  expenditure(l, "2026-02-28", "5.00");
  expenditure(l, "2026-03-01", "6.00");
  EXPECT_EQ(call("GET", "/api/v1/expenditures?from=2026-03-01", "auditor").body["items"].size(),
            1u);
  EXPECT_EQ(call("GET", "/api/v1/expenditures?to=2026-02-28&budget_line_id=" + id_of(l), "auditor")
                .body["items"]
                .size(),
            1u);
  EXPECT_EQ(call("GET", "/api/v1/expenditures?to=2026-02-29", "auditor").status, 422);
}

TEST_P(BudgetApi, SpendingListsCarryTotalsOverEveryMatchAndDownloadAsCsvAndXlsx) {
  json l = line();
  expenditure(l, "2026-02-28", "1234567.89");
  expenditure(l, "2026-03-01", "0.11");
  expenditure(l, "2026-04-01", "100.00");
  // One page of two, but the totals are over all three: 1,234,567.89 + 0.11 + 100.00.
  Answer page = call("GET", "/api/v1/expenditures?limit=2&budget_line_id=" + id_of(l), "auditor");
  ASSERT_EQ(page.status, 200) << page.text;
  EXPECT_EQ(page.body["items"].size(), 2u);
  EXPECT_EQ(page.body["totals"]["count"], 3);
  EXPECT_EQ(page.body["totals"]["amount"], twd("1234668.00"));
  EXPECT_FALSE(page.body["totals"].contains("paid"));
  Answer march = call("GET", "/api/v1/expenditures?from=2026-03-01&to=2026-03-31", "auditor");
  EXPECT_EQ(march.body["totals"]["amount"], twd("0.11"));
  as_finance("commitments", json{{"signed_on", "2026-01-20"}, {"counterparty", "承包商 Builder"},
                                 {"amount", twd("500.00")}, {"paid", twd("120.50")},
                                 {"budget_line_id", l["id"]}});
  Answer commitments = call("GET", "/api/v1/commitments", "facilities");
  EXPECT_EQ(commitments.body["totals"]["paid"], twd("120.50"));
  EXPECT_EQ(commitments.body["totals"]["amount"], twd("500.00"));

  // The download holds every match (no page), with a BOM, and Chinese as written.
  Answer csv = call("GET", "/api/v1/commitments?format=csv", "auditor");
  ASSERT_EQ(csv.status, 200) << csv.text;
  EXPECT_EQ(csv.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_NE(csv.headers["content-disposition"].find("commitments.csv"), std::string::npos);
  EXPECT_EQ(csv.text.rfind("\xEF\xBB\xBFid,signed_on,counterparty,amount,paid,currency,", 0), 0u)
      << csv.text;
  EXPECT_NE(csv.text.find(",承包商 Builder,500.00,120.50,TWD,"), std::string::npos) << csv.text;
  Answer all = call("GET", "/api/v1/expenditures?format=csv&limit=1", "finance");
  EXPECT_EQ(std::count(all.text.begin(), all.text.end(), '\n'), 4) << all.text;
  Answer xlsx = call("GET", "/api/v1/expenditures?format=xlsx&from=2026-03-01", "finance");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.text.substr(0, 2), "PK");  // a zip: the workbook
  EXPECT_NE(xlsx.headers["content-disposition"].find("expenditures.xlsx"), std::string::npos);

  Answer bad = call("GET", "/api/v1/expenditures?format=svg", "finance");
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.body["errors"][0]["field"], "format");
  EXPECT_EQ(call("GET", "/api/v1/budget-lines?format=csv", "finance").status, 422);
}

TEST_P(BudgetApi, ProjectsAndTheirProgressUnderTheProjectPath) {
  EXPECT_EQ(call("POST", "/api/v1/projects", "finance", project_body()).status, 403);
  json bad = project_body();
  bad["milestones"][1]["date"] = "2024-06-30";
  bad["milestones"][1]["planned_pct"] = "30.00";
  Answer refused = call("POST", "/api/v1/projects", "facilities", bad);
  ASSERT_EQ(refused.status, 422);
  std::set<std::string> fields;
  for (const json& e : refused.body["errors"]) fields.insert(e["field"]);
  EXPECT_TRUE(fields.count("milestones[1].date") && fields.count("milestones[1].planned_pct"))
      << refused.text;
  json p = create("projects", project_body());
  EXPECT_EQ(p["milestones"][1]["planned_pct"], "100.00");
  const std::string progress = "/api/v1/projects/" + id_of(p) + "/progress";
  Answer first =
      call("POST", progress, "facilities", json{{"on", "2024-02-15"}, {"pct_complete", "5"}});
  ASSERT_EQ(first.status, 201) << first.text;
  EXPECT_EQ(first.headers["location"], progress + "/" + id_of(first.body));
  EXPECT_EQ(first.body["project_id"], p["id"]);
  EXPECT_EQ(first.body["pct_complete"], "5.00");
  EXPECT_EQ(call("POST", progress, "facilities", json{{"on", "2024-02-15"}, {"pct_complete", "6"}})
                .status,
            409);
  EXPECT_EQ(
      call("POST", progress, "facilities", json{{"on", "2024-03-15"}, {"pct_complete", "100.5"}})
          .status,
      422);
  EXPECT_EQ(
      call("POST", progress, "finance", json{{"on", "2024-03-15"}, {"pct_complete", "6"}}).status,
      403);
  EXPECT_EQ(call("POST", "/api/v1/projects/999/progress", "facilities",
                 json{{"on", "2024-03-15"}, {"pct_complete", "6"}})
                .status,
            404);
  EXPECT_EQ(call("GET", progress, "auditor").body["items"].size(), 1u);
  EXPECT_EQ(call("GET", progress + "/" + id_of(first.body), "auditor").body["on"], "2024-02-15");
  // Another project's path does not reach this report.
  json other = project_body();
  other["code"] = "OTHER";
  json o = create("projects", other);
  EXPECT_EQ(
      call("GET", "/api/v1/projects/" + id_of(o) + "/progress/" + id_of(first.body), "auditor")
          .status,
      404);
  Answer fixed = call("PATCH", progress + "/" + id_of(first.body), "facilities",
                      json{{"pct_complete", "4.5"}}, {{"If-Match", "\"1\""}});
  ASSERT_EQ(fixed.status, 200) << fixed.text;
  EXPECT_EQ(fixed.body["pct_complete"], "4.50");
  // A project with progress reports cannot be deleted.
  EXPECT_EQ(call("DELETE", "/api/v1/projects/" + id_of(p), "facilities", std::nullopt,
                 {{"If-Match", "\"1\""}})
                .status,
            409);
  EXPECT_EQ(call("GET", "/api/v1/journal?entity=progress", "auditor").body["items"].size(), 2u);
}

TEST_P(BudgetApi, EarnedValueAndBudgetExecutionMatchTheHandFigures) {
  json l = line();
  json p = create("projects", project_body());
  const std::int64_t pid = p["id"];
  ASSERT_EQ(call("POST", "/api/v1/projects/" + id_of(p) + "/progress", "facilities",
                 json{{"on", "2024-02-15"}, {"pct_complete", "5"}})
                .status,
            201);
  expenditure(l, "2024-01-10", "30000.00", pid);
  expenditure(l, "2024-03-01", "25000.00", pid);
  expenditure(l, "2024-03-02", "9999.00", pid);
  // As in the unit test: PV = 1,000,000 × 40 % × 61/366 = 66,666.67; EV = 5 % = 50,000;
  // AC = 55,000; CPI 0.9091, SPI 0.7500, EAC = 1,000,000 × 55,000 / 50,000, VAC −100,000.
  const std::string ev =
      "/api/v1/reports/earned-value?project_id=" + id_of(p) + "&as_of=2024-03-01";
  Answer r = call("GET", ev, "finance");
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["pv"], twd("66666.67"));
  EXPECT_EQ(r.body["ev"], twd("50000.00"));
  EXPECT_EQ(r.body["ac"], twd("55000.00"));
  EXPECT_EQ(r.body["cpi"], "0.9091");
  EXPECT_EQ(r.body["spi"], "0.7500");
  EXPECT_EQ(r.body["eac"], twd("1100000.00"));
  EXPECT_EQ(r.body["vac"], twd("-100000.00"));
  Answer before =
      call("GET", "/api/v1/reports/earned-value?project_id=" + id_of(p) + "&as_of=2023-12-31",
           "finance");
  EXPECT_TRUE(before.body["cpi"].is_null() && before.body["spi"].is_null() &&
              before.body["eac"].is_null());
  Answer csv = call("GET", ev + "&format=csv", "finance");
  EXPECT_EQ(csv.text.rfind("\xEF\xBB\xBF"
                           "project_id,code,as_of,bac",
                           0),
            0u)
      << csv.text;
  EXPECT_EQ(call("GET", ev + "&format=xlsx", "finance").text.rfind("PK", 0), 0u);
  Answer svg = call("GET", ev + "&format=svg", "auditor");
  EXPECT_EQ(svg.headers["content-type"], "image/svg+xml");
  EXPECT_NE(svg.text.find("earned value (EV)"), std::string::npos);
  // Opened from this origin, an SVG is a document: nothing in it may run or load.
  EXPECT_EQ(svg.headers["content-security-policy"], "default-src 'none'; style-src 'unsafe-inline'");
  EXPECT_EQ(svg.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(call("GET", "/api/v1/reports/earned-value?project_id=999", "finance").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/reports/earned-value", "finance").status, 422);
  EXPECT_EQ(call("GET", ev, "admin").status, 403);

  // FY 113 (2024): NT$200,000 appropriated, 55,000 spent by 2024-03-01 → 0.2750.
  as_finance("appropriations",
             json{{"budget_line_id", l["id"]}, {"fiscal_year", 113}, {"amount", twd("200000")}});
  as_finance("commitments", json{{"signed_on", "2024-03-02"},
                                 {"counterparty", "Contractor"},
                                 {"amount", twd("70000")},
                                 {"paid", twd("10000")},
                                 {"budget_line_id", l["id"]}});
  Answer x =
      call("GET", "/api/v1/reports/budget-execution?fiscal_year=113&as_of=2024-03-01", "auditor");
  ASSERT_EQ(x.status, 200) << x.text;
  ASSERT_EQ(x.body["lines"].size(), 1u);
  EXPECT_EQ(x.body["fiscal_year_ad"], 2024);
  EXPECT_EQ(x.body["lines"][0]["appropriated"], twd("200000.00"));
  EXPECT_EQ(x.body["lines"][0]["expended"], twd("55000.00"));
  EXPECT_EQ(x.body["lines"][0]["committed"], twd("0.00"));  // signed the day after
  EXPECT_EQ(x.body["lines"][0]["execution_rate"], "0.2750");
  // At year end (asked in 2025): 64,999 spent → 0.324995 → 0.3250; 60,000 still committed.
  Answer end =
      call("GET", "/api/v1/reports/budget-execution?fiscal_year=2024&as_of=2025-02-01", "auditor");
  EXPECT_EQ(end.body["through"], "2024-12-31");
  EXPECT_EQ(end.body["totals"]["expended"], twd("64999.00"));
  EXPECT_EQ(end.body["totals"]["committed"], twd("60000.00"));
  EXPECT_EQ(end.body["totals"]["execution_rate"], "0.3250");
  EXPECT_EQ(
      call("GET", "/api/v1/reports/budget-execution?fiscal_year=113&format=svg", "auditor").status,
      422);
  EXPECT_EQ(call("GET", "/api/v1/reports/budget-execution", "auditor").status, 422);
  for (const char* bad : {"fiscal_year=abc", "fiscal_year=115&budget_line_id=abc",
                          "fiscal_year=115&budget_line_id=999", "fiscal_year=115&line=1",
                          "fiscal_year=115&as_of=2026-02-30"}) {
    Answer refused = call("GET", std::string("/api/v1/reports/budget-execution?") + bad, "auditor");
    EXPECT_EQ(refused.status, 422) << bad;
    EXPECT_FALSE(refused.body["errors"].empty()) << bad;
  }
  Answer no_line =
      call("GET", "/api/v1/reports/budget-execution?fiscal_year=115&budget_line_id=999", "auditor");
  EXPECT_EQ(no_line.body["errors"][0]["field"], "budget_line_id");
  for (const char* bad : {"project_id=0", "project_id=abc", "project_id=1&format=pdf"}) {
    EXPECT_EQ(call("GET", std::string("/api/v1/reports/earned-value?") + bad, "finance").status,
              422)
        << bad;
  }
  EXPECT_EQ(call("GET", "/api/v1/reports/earned-value?project_id=999", "finance")
                .body["errors"][0]["field"],
            "project_id");
  EXPECT_EQ(call("GET", "/api/v1/appropriations?fiscal_year=abc", "auditor").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/journal/verify", "auditor").body["ok"], true);
}

// Charges that are allowed but probably mistaken are written, and the answer warns of them in
// the request's language; no warning, no "warnings" member.
TEST_P(BudgetApi, AChargeOffItsProjectsLineOrAboveTheAppropriationIsAcceptedWithAWarning) {
  json premises = line();
  json zhiyuan = as_finance("budget-lines", json{{"code", "MOFA-ZHIYUAN"}, {"name_zh", "致遠新村活化再利用計畫"},
                                                 {"name_en", "Zhiyuan renewal"}});
  as_finance("appropriations", json{{"budget_line_id", premises["id"]}, {"fiscal_year", 115},
                                    {"amount", twd("1580000000")}});
  json project = call("POST", "/api/v1/projects", "facilities", project_body()).body;
  const std::int64_t pid = project["id"];
  json first = expenditure(zhiyuan, "2026-02-26", "96000000", pid);
  EXPECT_FALSE(first.contains("warnings")) << first.dump();  // its first charge sets its line
  json second = expenditure(zhiyuan, "2026-05-29", "88500000", pid);
  EXPECT_FALSE(second.contains("warnings"));
  // The project's expenditure charged to the premises line: 201, with a warning.
  json body = {{"on", "2026-08-31"}, {"amount", twd("101250000")}, {"budget_line_id", premises["id"]},
               {"project_id", pid}, {"description", "progress payment 3"}};
  Answer off = call("POST", "/api/v1/expenditures", "finance", body);
  ASSERT_EQ(off.status, 201) << off.text;
  ASSERT_EQ(off.body["warnings"].size(), 1u) << off.text;
  EXPECT_EQ(off.body["warnings"][0]["code"], "line_not_used_by_project");
  EXPECT_NE(off.body["warnings"][0]["message"].get<std::string>().find("MOFA-PREMISES"), std::string::npos);
  // In 中文, on a third line (the project now uses two).
  json other = as_finance("budget-lines", json{{"code", "MOFA-OTHER"}, {"name_zh", "其他"}, {"name_en", "Other"}});
  body["on"] = "2026-09-01";
  body["budget_line_id"] = other["id"];
  Answer zh = call("POST", "/api/v1/expenditures", "finance", body, {{"Accept-Language", "zh-TW"}});
  ASSERT_EQ(zh.status, 201);
  EXPECT_EQ(zh.body["warnings"][0]["code"], "line_not_used_by_project");
  EXPECT_NE(zh.body["warnings"][0]["message"].get<std::string>().find("請確認經費來源"), std::string::npos)
      << zh.text;
  // Moved to the project's own line by a PATCH: no warning any more.
  const std::string path = "/api/v1/expenditures/" + std::to_string(off.body["id"].get<int>());
  Answer moved = call("PATCH", path, "finance", json{{"budget_line_id", zhiyuan["id"]}},
                      {{"If-Match", "\"" + std::to_string(off.body["version"].get<int>()) + "\""}});
  ASSERT_EQ(moved.status, 200) << moved.text;
  EXPECT_FALSE(moved.body.contains("warnings")) << moved.text;

  // Commitments on the premises line in FY 115 (2026): 1,080,560,000 is within the
  // 1,580,000,000 appropriated; a further 500,000,000 makes 1,580,560,000, 560,000 above it.
  auto commit = [&](const char* signed_on, const char* amount) {
    return call("POST", "/api/v1/commitments", "finance",
                json{{"signed_on", signed_on}, {"counterparty", "York Street Property Trust"},
                     {"amount", twd(amount)}, {"budget_line_id", premises["id"]}});
  };
  Answer within = commit("2026-03-20", "1080560000");
  ASSERT_EQ(within.status, 201) << within.text;
  EXPECT_FALSE(within.body.contains("warnings")) << within.text;
  Answer above = commit("2026-10-01", "500000000");
  ASSERT_EQ(above.status, 201) << above.text;
  ASSERT_EQ(above.body["warnings"].size(), 1u) << above.text;
  EXPECT_EQ(above.body["warnings"][0]["code"], "commitments_above_appropriation");
  EXPECT_EQ(above.body["warnings"][0]["message"],
            "the commitments on budget line MOFA-PREMISES in fiscal year 115 come to 1,580,560,000 TWD, "
            "560,000 TWD more than its appropriation of 1,580,000,000 TWD");
  // The next fiscal year's commitment is measured against that year (no appropriation: 0).
  Answer next = commit("2027-01-05", "1000");
  ASSERT_EQ(next.status, 201);
  EXPECT_EQ(next.body["warnings"][0]["code"], "commitments_above_appropriation");
  // Both were written.
  EXPECT_EQ(call("GET", "/api/v1/commitments?budget_line_id=" + id_of(premises), "auditor").body["items"].size(), 3u);
}

ESTATE_API_ON_BOTH_BACKENDS(BudgetApi);

TEST_P(BudgetApi, RulesAcrossRecordsHoldThroughPatchAndDelete) {
  json l = line();
  json p = create("projects", project_body());
  const std::string project = "/api/v1/projects/" + id_of(p);
  ASSERT_EQ(call("POST", project + "/progress", "facilities",
                 json{{"on", "2024-02-15"}, {"pct_complete", "5"}})
                .status,
            201);
  // A progress report is dated on or after its project's start — also after the start moves.
  Answer late = call("PATCH", project, "facilities", json{{"start", "2024-03-01"}},
                     {{"If-Match", "\"1\""}});
  EXPECT_EQ(late.status, 409) << late.text;
  EXPECT_EQ(late.body["errors"][0]["field"], "start");
  EXPECT_EQ(call("PATCH", project, "facilities", json{{"start", "2024-01-01"}},
                 {{"If-Match", "\"1\""}})
                .status,
            200);
  // An expenditure's budget line and project must exist — also when a PATCH changes them.
  json e = expenditure(l, "2026-03-01", "100.00", p["id"].get<std::int64_t>());
  const std::string spend = "/api/v1/expenditures/" + id_of(e);
  Answer nowhere = call("PATCH", spend, "finance", json{{"budget_line_id", 999}, {"project_id", 998}},
                        {{"If-Match", "\"1\""}});
  EXPECT_EQ(nowhere.status, 422) << nowhere.text;
  EXPECT_EQ(nowhere.body["errors"].size(), 2u);
  // …and what they are charged to cannot be deleted from under them.
  EXPECT_EQ(call("DELETE", "/api/v1/budget-lines/" + id_of(l), "finance", std::nullopt,
                 {{"If-Match", "\"1\""}})
                .status,
            409);
  EXPECT_EQ(call("DELETE", project, "facilities", std::nullopt, {{"If-Match", "\"2\""}}).status,
            409);
}

TEST_P(BudgetApi, AnAppropriationWithSpendingIsCorrectedNotDeleted) {
  json l = line();
  json a = as_finance("appropriations",
                      json{{"budget_line_id", l["id"]}, {"fiscal_year", 115}, {"amount", twd("500.00")}});
  json earlier = as_finance(
      "appropriations", json{{"budget_line_id", l["id"]}, {"fiscal_year", 114}, {"amount", twd("9.00")}});
  expenditure(l, "2026-03-01", "100.00");
  Answer del = call("DELETE", "/api/v1/appropriations/" + id_of(a), "finance", std::nullopt,
                    {{"If-Match", "\"1\""}});
  EXPECT_EQ(del.status, 409) << del.text;
  EXPECT_NE(del.text.find("1 expenditures"), std::string::npos) << del.text;
  EXPECT_EQ(call("PATCH", "/api/v1/appropriations/" + id_of(a), "finance",
                 json{{"amount", twd("450.00")}}, {{"If-Match", "\"1\""}})
                .status,
            200);
  // FY 114 has nothing spent on the line: that one may go.
  EXPECT_EQ(call("DELETE", "/api/v1/appropriations/" + id_of(earlier), "finance", std::nullopt,
                 {{"If-Match", "\"1\""}})
                .status,
            204);
}

}  // namespace
}  // namespace estate::testing
