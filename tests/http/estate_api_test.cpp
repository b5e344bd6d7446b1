// Acquisitions, FX rates and the estate reports over HTTP, end to end on SQLite and MariaDB.
#include <gtest/gtest.h>

#include "tests/http/api_fixture.h"

namespace estate::testing {
namespace {

using nlohmann::json;

class EstateApi : public ApiTest {
 protected:
  // The Sydney mission, its office (leased since 2015-07-01, open) and a lease of AUD
  // 365,000.00 a year, annual period, no escalation.
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    mission_ = create("missions", sydney_mission());
    json office = sydney_office(mission_["id"]);
    office["tenure"] = json::parse(R"([{"type": "leased", "from": "2015-07-01", "to": null}])");
    office_ = create("properties", office);
    json lease = sydney_lease(office_["id"]);
    lease["rent"] = json{{"amount", "365000.00"}, {"currency", "AUD"}};
    lease["period"] = "annual";
    lease["escalation"] = json{{"kind", "none"}};
    lease["options"] = json::array();
    lease_ = create("leases", lease);
  }
  json acquisition_body() {
    return json{{"code", "ACQ-SYD-2025"},
                {"property_id", office_["id"]},
                {"replaces_lease_ids", {lease_["id"]}},
                {"stages", json::parse(R"([{"stage": "proposed", "on": "2024-03-01"}])")},
                {"price", {{"amount", "1000000.00"}, {"currency", "AUD"}}},
                {"costs", {{"amount", "50000.00"}, {"currency", "AUD"}}},
                {"operating_cost_annual", {{"amount", "36500.00"}, {"currency", "AUD"}}}};
  }
  Answer stage(const json& acquisition, const char* stage, const char* on) {
    return call("POST",
                "/api/v1/acquisitions/" + std::to_string(acquisition["id"].get<int>()) + "/stage",
                "facilities", json{{"stage", stage}, {"on", on}});
  }
  Answer rate(const char* currency, const char* effective, json twd) {
    return call("POST", "/api/v1/fx-rates", "finance",
                json{{"currency", currency}, {"effective", effective}, {"twd_per_unit", twd}});
  }
  json mission_, office_, lease_;
};

TEST_P(EstateApi, FinanceKeepsFxRatesExactlyAndOncePerDay) {
  Answer a = rate("AUD", "2025-01-01", "20.5123");
  ASSERT_EQ(a.status, 201) << a.text;
  EXPECT_EQ(a.body["twd_per_unit"], "20.512300");
  EXPECT_EQ(rate("AUD", "2025-01-01", "21").status, 409);
  EXPECT_EQ(rate("AUD", "2025-02-01", 20.5).status, 422);          // a number, not a string
  EXPECT_EQ(rate("AUD", "2025-02-01", "20.1234567").status, 422);  // seven places
  EXPECT_EQ(rate("TWD", "2025-02-01", "1").status, 422);
  EXPECT_EQ(rate("AUD", "2025-02-01", "0").status, 422);
  EXPECT_EQ(rate("XYZ", "2025-02-30", "1").body["errors"].size(), 2u);
  EXPECT_EQ(call("POST", "/api/v1/fx-rates", "facilities",
                 json{{"currency", "AUD"}, {"effective", "2025-03-01"}, {"twd_per_unit", "20"}})
                .status,
            403);
  EXPECT_EQ(call("GET", "/api/v1/fx-rates?currency=AUD", "auditor").body["items"].size(), 1u);
}

TEST_P(EstateApi, AcquisitionsMoveOnlyForwardWithDatedStages) {
  json a = create("acquisitions", acquisition_body());
  EXPECT_EQ(a["stage"], "proposed");
  Answer appraised = stage(a, "appraised", "2024-06-01");
  ASSERT_EQ(appraised.status, 200) << appraised.text;
  EXPECT_EQ(appraised.body["stage"], "appraised");
  EXPECT_EQ(appraised.body["stages"].size(), 2u);
  EXPECT_EQ(appraised.headers["etag"], "\"2\"");
  EXPECT_EQ(stage(a, "proposed", "2024-07-01").status, 409);   // backwards
  EXPECT_EQ(stage(a, "appraised", "2024-07-01").status, 409);  // not forward
  Answer early = stage(a, "contracted", "2024-05-01");         // before appraised
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(early.body["errors"][0]["field"], "on");
  EXPECT_EQ(stage(a, "settled", "2024-06-01").status, 200);  // stages may be skipped
  EXPECT_EQ(stage(a, "cancelled", "2024-06-02").status, 200);
  EXPECT_EQ(stage(a, "occupied", "2024-06-03").status, 409);  // cancelled is final
  EXPECT_EQ(stage(a, "sold", "2024-06-03").status, 422);
  // The history changes only through /stage.
  Answer p = call("PATCH", "/api/v1/acquisitions/" + std::to_string(a["id"].get<int>()),
                  "facilities", json{{"stages", json::array()}}, {{"If-Match", "\"4\""}});
  EXPECT_EQ(p.status, 422);
}

TEST_P(EstateApi, OccupyingAPurchaseSetsTheTenureInTheSameTransaction) {
  json a = create("acquisitions", acquisition_body());
  Answer occupied = stage(a, "occupied", "2025-03-01");
  ASSERT_EQ(occupied.status, 200) << occupied.text;
  json office =
      call("GET", "/api/v1/properties/" + std::to_string(office_["id"].get<int>()), "auditor").body;
  EXPECT_EQ(office["tenure"],
            json::parse(R"([{"type": "leased", "from": "2015-07-01", "to": "2025-02-28"},
                                              {"type": "owned", "from": "2025-03-01", "to": null}])"));
  EXPECT_EQ(office["version"], 2);
  // Both changes are journalled, in one write: the same instant.
  json journal =
      call("GET", "/api/v1/journal?from=" + occupied.body["updated_at"].get<std::string>(),
           "auditor")
          .body["items"];
  ASSERT_EQ(journal.size(), 2u);
  EXPECT_EQ(journal[0]["entity"], "acquisition");
  EXPECT_EQ(journal[0]["action"], "stage");
  EXPECT_EQ(journal[1]["entity"], "property");
  EXPECT_EQ(journal[1]["at"], journal[0]["at"]);
  EXPECT_EQ(call("GET", "/api/v1/journal/verify", "auditor").body["ok"], true);
}

TEST_P(EstateApi, ReplacedLeasesMustShareThePricesCurrencyAndStay) {
  json body = acquisition_body();
  body["price"]["currency"] = "USD";
  body["costs"]["currency"] = "USD";
  body["operating_cost_annual"]["currency"] = "USD";
  Answer a = call("POST", "/api/v1/acquisitions", "facilities", body);
  ASSERT_EQ(a.status, 422);
  EXPECT_EQ(a.body["errors"][0]["field"], "replaces_lease_ids[0]");
  body = acquisition_body();
  body["costs"]["currency"] = "USD";
  EXPECT_EQ(call("POST", "/api/v1/acquisitions", "facilities", body).body["errors"][0]["field"],
            "costs.currency");
  create("acquisitions", acquisition_body());
  Answer del = call("DELETE", "/api/v1/leases/" + std::to_string(lease_["id"].get<int>()),
                    "facilities", std::nullopt, {{"If-Match", "\"1\""}});
  EXPECT_EQ(del.status, 409);
  body = acquisition_body();
  body["code"] = "ACQ-AGAIN";
  EXPECT_EQ(call("POST", "/api/v1/acquisitions", "facilities", body).status, 422);  // taken
}

TEST_P(EstateApi, AReplacedLeaseKeepsItsCurrencyAndPropertyThroughPatch) {
  // The probe moved a replaced AUD lease to EUR, and to another property, after the purchase.
  json a = create("acquisitions", acquisition_body());
  const std::string lease = "/api/v1/leases/" + std::to_string(lease_["id"].get<int>());
  Answer euro = call("PATCH", lease, "facilities",
                     json{{"rent", {{"amount", "365000.00"}, {"currency", "EUR"}}}},
                     {{"If-Match", "\"1\""}});
  EXPECT_EQ(euro.status, 409) << euro.text;
  EXPECT_EQ(euro.body["errors"][0]["field"], "rent.currency");
  EXPECT_NE(euro.body["detail"].get<std::string>().find("acquisition " + std::to_string(a["id"].get<int>())),
            std::string::npos);
  json other = sydney_office(mission_["id"]);
  other["code"] = "SYD-RES-1";
  json moved_to = create("properties", other);
  Answer moved = call("PATCH", lease, "facilities", json{{"property_id", moved_to["id"]}},
                      {{"If-Match", "\"1\""}});
  EXPECT_EQ(moved.status, 409) << moved.text;
  EXPECT_EQ(moved.body["errors"][0]["field"], "property_id");
  // Other corrections stay possible, journalled.
  Answer lessor = call("PATCH", lease, "facilities", json{{"lessor", "Harbour Estates Pty Ltd"}},
                       {{"If-Match", "\"1\""}});
  EXPECT_EQ(lessor.status, 200) << lessor.text;
  EXPECT_EQ(call("GET", lease, "auditor").body["rent"]["currency"], "AUD");
}

TEST_P(EstateApi, HistoryTheReportsRelyOnIsKeptNotDeleted) {
  // An occupied (or contracted, or settled) purchase ends by cancellation, not deletion.
  json a = create("acquisitions", acquisition_body());
  ASSERT_EQ(stage(a, "contracted", "2024-09-01").status, 200);
  const std::string path = "/api/v1/acquisitions/" + std::to_string(a["id"].get<int>());
  Answer del = call("DELETE", path, "facilities", std::nullopt, {{"If-Match", "\"2\""}});
  EXPECT_EQ(del.status, 409) << del.text;
  EXPECT_NE(del.text.find("cancelled"), std::string::npos);
  ASSERT_EQ(stage(a, "occupied", "2025-03-01").status, 200);
  EXPECT_EQ(call("DELETE", path, "facilities", std::nullopt, {{"If-Match", "\"3\""}}).status, 409);
  // A merely proposed one may still be withdrawn by deleting it.
  json proposed_body = acquisition_body();
  proposed_body["code"] = "ACQ-IDEA";
  proposed_body["replaces_lease_ids"] = json::array();
  json proposed = create("acquisitions", proposed_body);
  EXPECT_EQ(call("DELETE", "/api/v1/acquisitions/" + std::to_string(proposed["id"].get<int>()),
                 "facilities", std::nullopt, {{"If-Match", "\"1\""}})
                .status,
            204);
  // An AUD rate the occupied purchase's savings are converted at is corrected, not deleted.
  Answer r = rate("AUD", "2025-01-01", "20.5");
  ASSERT_EQ(r.status, 201);
  const std::string rate_path = "/api/v1/fx-rates/" + std::to_string(r.body["id"].get<int>());
  Answer gone = call("DELETE", rate_path, "finance", std::nullopt, {{"If-Match", "\"1\""}});
  EXPECT_EQ(gone.status, 409) << gone.text;
  Answer fixed =
      call("PATCH", rate_path, "finance", json{{"twd_per_unit", "20.6"}}, {{"If-Match", "\"1\""}});
  EXPECT_EQ(fixed.status, 200) << fixed.text;
  // A rate of a currency nothing occupied is priced in may go.
  Answer usd = rate("USD", "2025-01-01", "31");
  EXPECT_EQ(call("DELETE", "/api/v1/fx-rates/" + std::to_string(usd.body["id"].get<int>()), "finance",
                 std::nullopt, {{"If-Match", "\"1\""}})
                .status,
            204);
}

TEST_P(EstateApi, RentSavingsOverHttpMatchTheHandFigures) {
  // The figures of reports_test.cpp: occupied 2025-03-01; as of 2026-06-30 at AUD 20, 22
  // (from 2025-07-01) and 21 (from 2026-03-01): net 438,300.00 AUD, 9,479,700.00 TWD,
  // payback 2028-05-11.
  json a = create("acquisitions", acquisition_body());
  ASSERT_EQ(stage(a, "occupied", "2025-03-01").status, 200);
  ASSERT_EQ(rate("AUD", "2025-01-01", "20").status, 201);
  ASSERT_EQ(rate("AUD", "2025-07-01", "22").status, 201);
  ASSERT_EQ(rate("AUD", "2026-03-01", "21").status, 201);
  Answer r = call("GET", "/api/v1/reports/rent-savings?as_of=2026-06-30", "finance");
  ASSERT_EQ(r.status, 200) << r.text;
  const json& s = r.body["acquisitions"][0];
  EXPECT_EQ(s["net_savings"], json::parse(R"({"amount": "438300.00", "currency": "AUD"})"));
  EXPECT_EQ(s["net_savings_twd"]["amount"], "9479700.00");
  EXPECT_EQ(s["payback_date"], "2028-05-11");
  EXPECT_EQ(s["by_fiscal_year"][0]["fiscal_year"], 114);
  EXPECT_EQ(s["by_fiscal_year"][0]["fiscal_year_ad"], 2025);
  EXPECT_EQ(r.body["totals"]["net_savings_twd"]["amount"], "9479700.00");
  Answer fy =
      call("GET", "/api/v1/reports/rent-savings?as_of=2026-06-30&fiscal_year=2026", "auditor");
  EXPECT_EQ(fy.body["acquisitions"][0]["net_savings"]["amount"], "162900.00");
}

TEST_P(EstateApi, AReplacedLeaseRaisesNoLeaseEventsAfterItsPurchaseIsOccupied) {
  // The lease ends 2026-06-30 with 180 days' notice: a notice deadline on 2026-01-01 and the
  // expiry. Occupied on 2026-01-01, the deadline on that day still shows, the expiry not.
  auto events = [&] {
    json rows = call("GET", "/api/v1/reports/lease-events?as_of=2025-12-01&within_days=400",
                     "finance").body;
    std::vector<std::string> out;
    for (const json& r : rows) out.push_back(r["date"].get<std::string>() + " " + r["event"].get<std::string>());
    return out;
  };
  json a = create("acquisitions", acquisition_body());
  EXPECT_EQ(events(), (std::vector<std::string>{"2026-01-01 notice_deadline", "2026-06-30 expiry"}));
  ASSERT_EQ(stage(a, "occupied", "2026-01-01").status, 200);
  EXPECT_EQ(events(), (std::vector<std::string>{"2026-01-01 notice_deadline"}));
}

TEST_P(EstateApi, ReportsComeAsCsvXlsxAndSvg) {
  json a = create("acquisitions", acquisition_body());
  ASSERT_EQ(stage(a, "occupied", "2025-03-01").status, 200);
  const std::string q = "/api/v1/reports/rent-savings?as_of=2026-06-30";
  Answer csv = call("GET", q, "finance", std::nullopt, {{"Accept", "text/csv"}});
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers["content-type"].rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv.text.rfind("\xEF\xBB\xBF"
                           "acquisition_id,code,fiscal_year,",
                           0),
            0u)
      << csv.text;
  EXPECT_NE(csv.text.find("\r\n1,ACQ-SYD-2025,114,AUD,306000.00,30600.00,275400.00,"),
            std::string::npos)
      << csv.text;
  // Where the purchase is, by the mission's code and Chinese name, in the last columns.
  EXPECT_NE(csv.text.find(",payback_date,mission_code,mission_name_zh\r\n"), std::string::npos);
  EXPECT_NE(csv.text.find(",SYD,駐雪梨台北經濟文化辦事處\r\n"), std::string::npos) << csv.text;
  Answer xlsx = call("GET", q + "&format=xlsx", "finance");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.text.substr(0, 4), std::string("PK\x03\x04", 4));  // a ZIP container
  EXPECT_NE(xlsx.text.find("xl/worksheets/sheet1.xml"), std::string::npos);
  EXPECT_NE(xlsx.headers["content-disposition"].find("rent-savings-2026-06-30.xlsx"),
            std::string::npos);
  Answer svg =
      call("GET", q + "&acquisition_id=" + std::to_string(a["id"].get<int>()) + "&format=svg",
           "finance");
  ASSERT_EQ(svg.status, 200) << svg.text;
  EXPECT_EQ(svg.headers["content-type"], "image/svg+xml");
  EXPECT_NE(svg.text.find("<svg"), std::string::npos);
  EXPECT_NE(svg.text.find("<polyline"), std::string::npos);
  EXPECT_NE(svg.text.find("invested 1,050,000"), std::string::npos);
  // No chart without one acquisition; an unknown format is named.
  EXPECT_EQ(call("GET", q + "&format=svg", "finance").body["errors"][0]["field"], "format");
  EXPECT_EQ(call("GET", q + "&format=pdf", "finance").body["errors"][0]["field"], "format");
  Answer trend =
      call("GET", "/api/v1/reports/ownership?trend_from=113&trend_to=115&format=svg", "auditor");
  EXPECT_EQ(trend.status, 200);
  EXPECT_NE(trend.text.find("114 (2025)"), std::string::npos);
}

TEST_P(EstateApi, ReportParametersAreValidatedAndNamed) {
  json a = create("acquisitions", acquisition_body());
  Answer bad =
      call("GET",
           "/api/v1/reports/lease-vs-buy?acquisition_id=" + std::to_string(a["id"].get<int>()) +
               "&discount_rate=2&horizon_years=0&escalation_pct=abc",
           "finance");
  ASSERT_EQ(bad.status, 422);
  std::set<std::string> fields;
  for (const json& e : bad.body["errors"]) fields.insert(e["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"discount_rate", "horizon_years", "escalation_pct"}));
  EXPECT_EQ(call("GET", "/api/v1/reports/lease-vs-buy", "finance").body["errors"][0]["field"],
            "acquisition_id");
  EXPECT_EQ(call("GET", "/api/v1/reports/lease-vs-buy?acquisition_id=999", "finance").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/reports/ownership?group_by=colour", "finance").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/reports/ownership?trend_from=115", "finance").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/reports/lease-events?within_days=-1", "finance").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/reports/co-location?as_of=2026-02-30", "finance").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/reports/co-location", "admin").status, 403);
  EXPECT_EQ(call("GET", "/api/v1/reports/co-location", "").status, 401);
  Answer ok =
      call("GET",
           "/api/v1/reports/lease-vs-buy?acquisition_id=" + std::to_string(a["id"].get<int>()) +
               "&discount_rate=0.05&horizon_years=20&escalation_pct=2.5&residual_value=100000",
           "finance");
  ASSERT_EQ(ok.status, 200) << ok.text;
  EXPECT_EQ(ok.body["horizon_years"], 20);
  EXPECT_EQ(ok.body["escalation"], "0.025000");
  EXPECT_EQ(ok.body["residual_value"]["amount"], "100000.00");
  ASSERT_EQ(ok.body["by_year"].size(), 21u);
  EXPECT_EQ(ok.body["by_year"][20]["lease_cumulative_pv"], ok.body["lease_cost_pv"]);
  EXPECT_EQ(ok.body["by_year"][20]["buy_cumulative_pv"], ok.body["buy_cost_pv"]);
  Answer chart = call("GET",
                      "/api/v1/reports/lease-vs-buy?format=svg&acquisition_id=" +
                          std::to_string(a["id"].get<int>()),
                      "auditor");
  ASSERT_EQ(chart.status, 200) << chart.text;
  EXPECT_EQ(chart.headers["content-type"], "image/svg+xml");
  EXPECT_NE(chart.text.find("cumulative present cost"), std::string::npos);
  EXPECT_NE(chart.text.find("leasing"), std::string::npos);
}

TEST_P(EstateApi, EveryReportBoundsItsParametersAndItsAnswer) {
  json a = create("acquisitions", acquisition_body());
  ASSERT_EQ(stage(a, "occupied", "2025-03-01").status, 200);
  const std::string acquisition = std::to_string(a["id"].get<int>());
  const std::vector<std::string> reports = {
      "ownership?trend_from=110&trend_to=115",
      "rent-savings?",
      "lease-vs-buy?acquisition_id=" + acquisition,
      "lease-events?within_days=3650",
      "co-location?",
      "budget-execution?fiscal_year=115",
      "earned-value?project_id=999",
  };
  auto field_of = [](const Answer& x) {
    return x.body["errors"].empty() ? std::string() : x.body["errors"][0]["field"].get<std::string>();
  };
  for (const std::string& r : reports) {
    const std::string base = "/api/v1/reports/" + r + (r.back() == '?' ? "" : "&");
    // The probe's as_of=9999-12-31 built an 8–11 MB answer; now as_of has a window.
    for (const char* as_of : {"9999-12-31", "1911-12-31", "0001-01-01"}) {
      Answer far = call("GET", base + "as_of=" + as_of, "finance");
      EXPECT_EQ(far.status, 422) << r << " as_of=" << as_of;
      EXPECT_EQ(field_of(far), "as_of") << r << ": " << far.text;
    }
    if (r.rfind("earned-value", 0) == 0) continue;  // names no project: 422 for project_id
    for (const char* as_of : {"1912-01-01", "2026-06-30"}) {
      Answer edge = call("GET", base + "as_of=" + as_of, "finance");
      EXPECT_EQ(edge.status, 200) << r << " as_of=" << as_of << ": " << edge.text;
      EXPECT_LT(edge.text.size(), 64u * 1024) << r;
    }
  }
  // At the far end of the window the heaviest report still answers, and within its bounds.
  Answer latest = call("GET", "/api/v1/reports/rent-savings?as_of=2056-06-30", "finance");
  ASSERT_EQ(latest.status, 200) << latest.text;
  EXPECT_LE(latest.body["acquisitions"][0]["by_fiscal_year"].size(), 33u);

  // Ranges of the other parameters, each named.
  const std::string lvb = "/api/v1/reports/lease-vs-buy?acquisition_id=" + acquisition;
  for (const char* bad : {"&discount_rate=-0.5", "&discount_rate=1.000001", "&escalation_pct=100.01",
                          "&escalation_pct=-50.01", "&horizon_years=101", "&horizon_years=0",
                          "&residual_value=1000000000000.00"}) {
    Answer x = call("GET", lvb + bad, "finance");
    EXPECT_EQ(x.status, 422) << bad;
    EXPECT_EQ(std::string(bad).substr(1, field_of(x).size()), field_of(x)) << bad << x.text;
  }
  EXPECT_EQ(field_of(call("GET", "/api/v1/reports/lease-events?within_days=3651", "finance")),
            "within_days");
  EXPECT_EQ(field_of(call("GET", "/api/v1/reports/ownership?trend_from=1&trend_to=115", "finance")),
            "trend_to");
  // The documented extremes together leave int64: a 422 naming the figure, never the probe's
  // -92233720368547758.08 for every present value.
  Answer extreme = call("GET", lvb + "&discount_rate=-0.10&escalation_pct=100&horizon_years=100",
                        "finance");
  EXPECT_EQ(extreme.status, 422) << extreme.text;
  EXPECT_EQ(field_of(extreme), "lease_cost_pv");
  Answer mild = call("GET", lvb + "&discount_rate=1&escalation_pct=-50&horizon_years=100", "finance");
  ASSERT_EQ(mild.status, 200) << mild.text;
  EXPECT_EQ(mild.body["discount_rate"], "1.000000");
  EXPECT_EQ(mild.body["escalation"], "-0.500000");
  EXPECT_FALSE(mild.body["lease_cost_pv"]["amount"].get<std::string>().empty());

  // An answer with more rows than the server allows is refused, saying how to narrow it.
  ServerProcess narrow(kServer, database_->url(), database_->folder() + "/narrow.log",
                       {"--report-max-rows", "3"});
  ASSERT_NE(narrow.port(), 0);
  Answer wide =
      call_on(narrow.port(), "GET", "/api/v1/reports/rent-savings?as_of=2030-06-30", "finance", "", {});
  EXPECT_EQ(wide.status, 422) << wide.text;
  EXPECT_NE(wide.body["detail"].get<std::string>().find("more than the 3"), std::string::npos);
  EXPECT_EQ(call_on(narrow.port(), "GET",
                    "/api/v1/reports/rent-savings?as_of=2030-06-30&fiscal_year=116", "finance", "", {})
                .status,
            200);
}

TEST_P(EstateApi, TheRentScheduleAndThePipelineRefuseWhatTheyCannotAnswer) {
  const std::string lease = "/api/v1/leases/" + std::to_string(lease_["id"].get<int>());
  Answer schedule = call("GET", lease + "/rent-schedule", "auditor");
  ASSERT_EQ(schedule.status, 200) << schedule.text;
  EXPECT_EQ(schedule.body["periods"][0]["annual"]["amount"], "365000.00");
  EXPECT_EQ(call("GET", "/api/v1/leases/999/rent-schedule", "auditor").status, 404);
  EXPECT_EQ(call("GET", "/api/v1/leases/abc/rent-schedule", "auditor").status, 404);
  EXPECT_EQ(call("GET", lease + "/rent-schedule?as_of=2026-02-30", "auditor").body["errors"][0]["field"],
            "as_of");
  EXPECT_EQ(call("GET", lease + "/rent-schedule?from=2020-01-01", "auditor").status, 422);
  EXPECT_EQ(call("GET", lease + "/rent-schedule?as_of=2000-01-01", "auditor").status, 404);  // not yet
  EXPECT_EQ(call("GET", lease + "/rent-schedule", "").status, 401);
  create("acquisitions", acquisition_body());
  Answer pipeline = call("GET", "/api/v1/reports/acquisition-pipeline?as_of=2025-01-01", "finance");
  ASSERT_EQ(pipeline.status, 200) << pipeline.text;
  EXPECT_EQ(pipeline.body["stages"][0]["count"], 1);  // proposed since 2024-03-01
  EXPECT_EQ(pipeline.body["stages"][0]["price_totals"][0]["amount"], "1000000.00");
  EXPECT_EQ(call("GET", "/api/v1/reports/acquisition-pipeline?format=svg", "finance").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/reports/acquisition-pipeline?as_of=9999-12-31", "finance").status,
            422);
  EXPECT_EQ(call("GET", "/api/v1/reports/acquisition-pipeline?stage=x", "finance").status, 422);
}

TEST_P(EstateApi, AmountsAboveTheRecordLimitAreRefusedAndNothingIsWritten) {
  // The probe stored two expenditures of 92,233,720,368,547,758.07 on one line.
  Answer line = call("POST", "/api/v1/budget-lines", "finance",
                     json{{"code", "B-1"}, {"name_zh", "營建工程"}, {"name_en", "Construction"}});
  ASSERT_EQ(line.status, 201) << line.text;
  for (const char* amount : {"92233720368547758.07", "1000000000000.00"}) {
    Answer x = call("POST", "/api/v1/expenditures", "finance",
                    json{{"on", "2026-03-01"},
                         {"amount", {{"amount", amount}, {"currency", "TWD"}}},
                         {"budget_line_id", line.body["id"]},
                         {"project_id", nullptr},
                         {"acquisition_id", nullptr},
                         {"description", "probe"}});
    EXPECT_EQ(x.status, 422) << amount << x.text;
    EXPECT_EQ(x.body["errors"][0]["field"], "amount.amount") << x.text;
  }
  EXPECT_EQ(call("GET", "/api/v1/expenditures", "finance").body["items"].size(), 0u);
  json big = acquisition_body();
  big["price"]["amount"] = "999999999999.99";
  EXPECT_EQ(call("POST", "/api/v1/acquisitions", "facilities", big).status, 201);
  big["code"] = "ACQ-2";
  big["costs"]["amount"] = "1000000000000";
  Answer over = call("POST", "/api/v1/acquisitions", "facilities", big);
  EXPECT_EQ(over.status, 422);
  EXPECT_EQ(over.body["errors"][0]["field"], "costs.amount") << over.text;
}

TEST_P(EstateApi, LeaseEventsAndCoLocationAnswerFromTheRegister) {
  Answer events =
      call("GET", "/api/v1/reports/lease-events?as_of=2026-01-01&within_days=365", "facilities");
  ASSERT_EQ(events.status, 200);
  ASSERT_TRUE(events.body.is_array());
  // sydney_lease: notice 180 days before its end on 2026-06-30 → 2026-01-01, and expiry.
  ASSERT_EQ(events.body.size(), 2u) << events.text;
  EXPECT_EQ(events.body[0]["event"], "notice_deadline");
  EXPECT_EQ(events.body[0]["deadline_utc"], "2026-01-01T12:59:59.999999Z");  // Sydney, AEDT
  EXPECT_EQ(events.body[1]["event"], "expiry");
  EXPECT_EQ(events.body[1]["deadline_utc"], "2026-06-30T13:59:59.999999Z");  // AEST
  Answer colocated = call("GET", "/api/v1/reports/co-location", "facilities");
  ASSERT_EQ(colocated.status, 200);
  EXPECT_EQ(colocated.body.size(), 0u);  // one office only
}

ESTATE_API_ON_BOTH_BACKENDS(EstateApi);

// `make run` must show something in every report: the demo register.
class DemoReports : public ApiTest {};

TEST_P(DemoReports, EveryReportHasSomethingToShow) {
  ASSERT_EQ(cli({"seed-demo"}).exit_code, 0);
  const std::string as_of = "as_of=2026-11-24";
  json ownership =
      call("GET", "/api/v1/reports/ownership?group_by=region&trend_from=110&trend_to=115&" + as_of,
           "finance")
          .body;
  EXPECT_GT(ownership["overall"]["owned"].get<int>(), 0);
  EXPECT_EQ(ownership["trend"].size(), 6u);
  json savings = call("GET", "/api/v1/reports/rent-savings?" + as_of, "finance").body;
  ASSERT_GE(savings["acquisitions"].size(), 3u);
  int realised = 0;
  for (const json& a : savings["acquisitions"]) {
    if (a["occupied_on"].is_string() && a["occupied_on"] < "2025-01-01") {
      ++realised;
      EXPECT_GE(a["by_fiscal_year"].size(), 2u);
      EXPECT_TRUE(a["net_savings_twd"].is_object()) << a.dump();
    }
  }
  EXPECT_GE(realised, 1);
  EXPECT_TRUE(savings["totals"]["net_savings_twd"].is_object()) << savings.dump();
  json vs = call("GET",
                 "/api/v1/reports/lease-vs-buy?acquisition_id=" +
                     std::to_string(savings["acquisitions"][0]["acquisition_id"].get<int>()) + "&" +
                     as_of,
                 "finance")
                .body;
  EXPECT_TRUE(vs["saving_pv"].is_object()) << vs.dump();
  EXPECT_GT(
      call("GET", "/api/v1/reports/lease-events?within_days=365&" + as_of, "finance").body.size(),
      0u);
  EXPECT_GT(call("GET", "/api/v1/reports/co-location?" + as_of, "finance").body.size(), 0u);
  json execution =
      call("GET", "/api/v1/reports/budget-execution?fiscal_year=115&" + as_of, "finance").body;
  ASSERT_GE(execution["lines"].size(), 1u) << execution.dump();
  EXPECT_EQ(execution["lines"][0]["name_zh"], "購建駐外機構館官舍");
  EXPECT_TRUE(execution["totals"]["execution_rate"].is_string()) << execution.dump();
  json projects = call("GET", "/api/v1/projects?code=ZHIYUAN-RENEWAL", "finance").body["items"];
  ASSERT_EQ(projects.size(), 1u);
  json ev = call("GET",
                 "/api/v1/reports/earned-value?project_id=" +
                     std::to_string(projects[0]["id"].get<int>()) + "&" + as_of,
                 "finance")
                .body;
  EXPECT_TRUE(ev["cpi"].is_string() && ev["spi"].is_string()) << ev.dump();
  EXPECT_EQ(call("GET", "/api/v1/journal/verify", "auditor").body["ok"], true);
}

ESTATE_API_ON_BOTH_BACKENDS(DemoReports);

}  // namespace
}  // namespace estate::testing
