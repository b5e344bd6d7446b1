// The decision-support reports over HTTP (DESIGN.md rules 9–11), end to end on SQLite and
// MariaDB against the demo register: the purchase plan's exact selection for two envelopes,
// the rent forecast by fiscal year, the register's data quality, their formats, parameters and
// roles. Figures are derived by hand from app/seed/demo_*_rows.cpp in the comments.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/http/api_fixture.h"

namespace estate::testing {
namespace {

using nlohmann::json;

class DecisionApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    ASSERT_EQ(cli({"seed-demo"}).exit_code, 0);
  }
  // A workbook's cells as openpyxl (an independent reader) sees them: {sheet: [[cell, ...], ...]},
  // every cell as text ("" for an empty one).
  json cells_of(const std::string& xlsx) {
    const std::string file = database_->folder() + "/report.xlsx";
    std::ofstream(file, std::ios::binary) << xlsx;
    auto read = run_command("/usr/bin/python3",
                            {"-c",
                             "import json, sys, openpyxl\n"
                             "wb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
                             "print(json.dumps({ws.title: [['' if c is None else str(c) for c in row]"
                             " for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets},"
                             " ensure_ascii=False))",
                             file});
    EXPECT_EQ(read.exit_code, 0) << read.out;
    return json::parse(read.out, nullptr, false);
  }
  static bool has_row(const json& rows, const std::vector<std::string>& starts) {
    for (const json& row : rows) {
      bool all = row.size() >= starts.size();
      for (std::size_t i = 0; all && i < starts.size(); ++i) all = row[i] == starts[i];
      if (all) return true;
    }
    return false;
  }
  static std::vector<std::string> selected(const json& plan) {
    std::vector<std::string> out;
    for (const json& c : plan["candidates"])
      if (c["selected"].get<bool>()) out.push_back(c["code"]);
    return out;
  }
};

TEST_P(DecisionApi, ThePlanTakesTheBestSetWithinTheEnvelopeNotTheGreedyOne) {
  // As of 2026-12-31 (rates of 2026-01-01: USD 31.45, GBP 42.15, PHP 0.545), the candidates
  // are Boston (budget_approved), Washington and London (appraised) and Manila (proposed):
  //   cost_twd:      BOS 164,169,000.00  WAS 600,066,000.00  LON 520,131,000.00  MNL 479,600,000.00
  //   saving_pv_twd: BOS 893,795,961.51  WAS 702,686,413.14  LON 588,143,131.73  MNL 302,406,078.62
  // Within NT$1,200,000,000: greedy by ratio (5.44, 1.17, 1.13, 0.63) or by saving takes BOS
  // and WAS (NT$764,235,000.00), then nothing else fits: 1,596,482,374.65 saved. The best set
  // is BOS + LON + MNL: cost 1,163,900,000.00, saving 1,784,345,171.86.
  Answer plan = call("GET", "/api/v1/reports/purchase-plan?as_of=2026-12-31&budget=1200000000.00",
                     "finance");
  ASSERT_EQ(plan.status, 200) << plan.text;
  const json& c = plan.body["candidates"];
  ASSERT_EQ(c.size(), 4u) << plan.text;
  EXPECT_EQ(c[0]["code"], "ACQ-BOS-2026");
  EXPECT_EQ(c[0]["rank"], 1);
  EXPECT_EQ(c[0]["stage"], "budget_approved");
  EXPECT_EQ(c[0]["mission_code"], "BOS");
  EXPECT_EQ(c[0]["cost_twd"]["amount"], "164169000.00");
  EXPECT_EQ(c[0]["saving_pv_twd"]["amount"], "893795961.51");
  EXPECT_EQ(c[0]["saving_pv"]["amount"], "28419585.42");
  EXPECT_EQ(c[0]["payback_year"], 6);
  EXPECT_EQ(c[1]["code"], "ACQ-WAS-2027");
  EXPECT_EQ(c[2]["code"], "ACQ-LON-2027");
  EXPECT_EQ(c[2]["currency"], "GBP");
  EXPECT_EQ(c[3]["code"], "ACQ-MNL-2027");
  EXPECT_EQ(c[3]["saving_pv_twd"]["amount"], "302406078.62");
  EXPECT_EQ(selected(plan.body),
            (std::vector<std::string>{"ACQ-BOS-2026", "ACQ-LON-2027", "ACQ-MNL-2027"}));
  EXPECT_EQ(plan.body["budget"]["amount"], "1200000000.00");
  EXPECT_EQ(plan.body["selected_cost_twd"]["amount"], "1163900000.00");
  EXPECT_EQ(plan.body["selected_saving_pv_twd"]["amount"], "1784345171.86");
  // Held on 2026-12-31: 14 owned, 8 leased (SWZ-OFF-1 provided) → 14/22 = 0.6364; buying
  // three of the leased ones: 17/22 = 0.7727. Each alone: 15/22 = 0.6818.
  EXPECT_EQ(plan.body["ownership_now"]["ratio_count"], "0.6364");
  EXPECT_EQ(plan.body["ownership_if_selected"]["ratio_count"], "0.7727");
  EXPECT_EQ(c[0]["ratio_count_after"], "0.6818");
  EXPECT_EQ(plan.body["missing_rates"], json::array());

  // Within NT$800,000,000 the best is BOS + WAS (764,235,000.00): here greedy is right too.
  Answer smaller = call("GET", "/api/v1/reports/purchase-plan?as_of=2026-12-31&budget=800000000",
                        "auditor");
  ASSERT_EQ(smaller.status, 200) << smaller.text;
  EXPECT_EQ(selected(smaller.body), (std::vector<std::string>{"ACQ-BOS-2026", "ACQ-WAS-2027"}));
  EXPECT_EQ(smaller.body["selected_cost_twd"]["amount"], "764235000.00");
  EXPECT_EQ(smaller.body["selected_saving_pv_twd"]["amount"], "1596482374.65");

  // Without an envelope nothing is selected; a region narrows the candidates.
  Answer none = call("GET", "/api/v1/reports/purchase-plan?as_of=2026-12-31", "facilities");
  ASSERT_EQ(none.status, 200);
  EXPECT_TRUE(selected(none.body).empty());
  EXPECT_TRUE(none.body["budget"].is_null());
  Answer europe = call("GET", "/api/v1/reports/purchase-plan?as_of=2026-12-31&region=europe",
                       "finance");
  ASSERT_EQ(europe.status, 200);
  ASSERT_EQ(europe.body["candidates"].size(), 1u);
  EXPECT_EQ(europe.body["candidates"][0]["code"], "ACQ-LON-2027");
  // As of 2025-09-30 the candidates were Boston and Manila (proposed) and Sydney (budget
  // approved; contracted only in 2026), whose saving is negative: never selected, however
  // large the envelope.
  Answer earlier = call("GET", "/api/v1/reports/purchase-plan?as_of=2025-09-30&budget=99999999999",
                        "finance");
  ASSERT_EQ(earlier.status, 200) << earlier.text;
  ASSERT_EQ(earlier.body["candidates"].size(), 3u) << earlier.text;
  EXPECT_EQ(earlier.body["candidates"][2]["code"], "ACQ-SYD-2026");
  EXPECT_EQ(earlier.body["candidates"][2]["stage"], "budget_approved");
  EXPECT_EQ(earlier.body["candidates"][2]["saving_pv"]["amount"], "-11465176.11");
  EXPECT_EQ(selected(earlier.body), (std::vector<std::string>{"ACQ-BOS-2026", "ACQ-MNL-2027"}));
}

TEST_P(DecisionApi, ThePlanComesAsCsvXlsxAndAChart) {
  const std::string path = "/api/v1/reports/purchase-plan?as_of=2026-12-31&budget=1200000000";
  Answer csv = call("GET", path + "&format=csv", "finance");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.headers["content-type"].find("text/csv"), std::string::npos);
  EXPECT_NE(csv.text.find("rank,acquisition_id,code,"), std::string::npos) << csv.text;
  EXPECT_NE(csv.text.find("selected within the envelope"), std::string::npos);
  Answer xlsx = call("GET", path + "&format=xlsx", "finance");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.text.substr(0, 2), "PK");
  // The workbook holds the CSV's rows: its header and each candidate by rank and code.
  json book = cells_of(xlsx.text);
  ASSERT_TRUE(book.is_object() && !book.empty()) << xlsx.text.size();
  const json& rows = book.begin().value();
  EXPECT_TRUE(has_row(rows, {"rank", "acquisition_id", "code"})) << rows.dump();
  Answer plan = call("GET", path, "finance");
  for (const json& c : plan.body["candidates"])
    EXPECT_TRUE(has_row(rows, {std::to_string(c["rank"].get<int>()), std::to_string(c["acquisition_id"].get<int>()),
                               c["code"].get<std::string>()})) << c.dump() << rows.dump();
  Answer svg = call("GET", path + "&format=svg", "finance");
  ASSERT_EQ(svg.status, 200);
  EXPECT_EQ(svg.headers["content-type"], "image/svg+xml");
  EXPECT_NE(svg.text.find("ACQ-LON-2027 ✓"), std::string::npos);
}

TEST_P(DecisionApi, ThePlansParametersAreCheckedAndNamed) {
  auto field_of = [](const Answer& a) {
    return a.body["errors"].empty() ? std::string() : a.body["errors"][0]["field"].get<std::string>();
  };
  const std::string base = "/api/v1/reports/purchase-plan?";
  for (const char* bad : {"budget=lots", "budget=-1.00", "budget=1.001"}) {
    Answer a = call("GET", base + bad, "finance");
    EXPECT_EQ(a.status, 422) << bad;
    EXPECT_EQ(field_of(a), "budget") << bad;
  }
  EXPECT_EQ(field_of(call("GET", base + "horizon_years=0", "finance")), "horizon_years");
  EXPECT_EQ(field_of(call("GET", base + "discount_rate=2", "finance")), "discount_rate");
  EXPECT_EQ(field_of(call("GET", base + "region=mars", "finance")), "region");
  EXPECT_EQ(field_of(call("GET", base + "mission_id=999", "finance")), "mission_id");
  EXPECT_EQ(field_of(call("GET", base + "envelope=1", "finance")), "envelope");
  EXPECT_EQ(call("GET", base, "admin").status, 403);
  EXPECT_EQ(call("GET", base, "").status, 401);
}

TEST_P(DecisionApi, TheForecastGivesEachFiscalYearPerCurrencyAndInTwd) {
  // As of 2026-12-31, FY 116–120. EUR in FY 116: VAT-OFF-1 alone, 16,000.00 a month without
  // escalation through 2027-12-31: 192,000.00; nothing after. AUD in FY 116: SYD-RES-1 only
  // (the Sydney office lease stops with its purchase, occupied 2026-07-01): 13,500.00 after
  // eight +2.5 % anniversaries on 1 January = 16,448.45 a month, × 12 = 197,381.40.
  Answer f = call("GET", "/api/v1/reports/rent-forecast?as_of=2026-12-31&from_fy=116&to_fy=120",
                  "finance");
  ASSERT_EQ(f.status, 200) << f.text;
  const json& years = f.body["fiscal_years"];
  ASSERT_EQ(years.size(), 5u);
  EXPECT_EQ(years[0]["fiscal_year"], 116);
  EXPECT_EQ(years[0]["fiscal_year_ad"], 2027);
  EXPECT_EQ(f.body["renewals"], "none");
  auto amount_in = [](const json& year, const char* currency) -> std::string {
    for (const json& m : year["by_currency"])
      if (m["currency"] == currency) return m["amount"]["amount"];
    return "";
  };
  EXPECT_EQ(amount_in(years[0], "EUR"), "192000.00");
  EXPECT_EQ(amount_in(years[1], "EUR"), "");  // omitted: nothing accrues
  EXPECT_EQ(amount_in(years[0], "AUD"), "197381.40");
  EXPECT_TRUE(years[0]["total_twd"].is_object());
  EXPECT_EQ(f.body["missing_rates"], json::array());
  // AD years are accepted; by mission, one group per mission with leases.
  Answer ad = call("GET", "/api/v1/reports/rent-forecast?as_of=2026-12-31&from_fy=2027&to_fy=2027&group_by=mission",
                   "auditor");
  ASSERT_EQ(ad.status, 200) << ad.text;
  EXPECT_EQ(ad.body["fiscal_years"][0]["total_twd"], years[0]["total_twd"]);
  EXPECT_GE(ad.body["groups"].size(), 5u);
  // Renewals assumed: the Holy See chancery's option (by 2027-06-30, 5 years) is open, so its
  // EUR 192,000.00 a year runs on through 2032; the Sydney office's option (by 2026-12-31) is
  // open too, but the office is owned.
  Answer renewed = call("GET", "/api/v1/reports/rent-forecast?as_of=2026-12-31&renewals=assume",
                        "facilities");
  ASSERT_EQ(renewed.status, 200);
  EXPECT_EQ(renewed.body["renewals"], "assume");
  ASSERT_EQ(renewed.body["fiscal_years"].size(), 5u);  // default: the five after the as-of day's
  EXPECT_EQ(renewed.body["fiscal_years"][0]["fiscal_year"], 116);
  EXPECT_EQ(amount_in(renewed.body["fiscal_years"][1], "EUR"), "192000.00");
  EXPECT_EQ(amount_in(renewed.body["fiscal_years"][4], "EUR"), "192000.00");
  EXPECT_EQ(amount_in(renewed.body["fiscal_years"][0], "AUD"), "197381.40");
  Answer csv = call("GET", "/api/v1/reports/rent-forecast?as_of=2026-12-31&format=csv", "finance");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.text.find("overall,116,2027,EUR,192000.00,"), std::string::npos) << csv.text;
  // The workbook carries the same row as the CSV, FY 116's EUR (amounts are number cells).
  Answer xlsx = call("GET", "/api/v1/reports/rent-forecast?as_of=2026-12-31&format=xlsx", "finance");
  ASSERT_EQ(xlsx.status, 200);
  json book = cells_of(xlsx.text);
  ASSERT_TRUE(book.is_object() && !book.empty()) << xlsx.text.size();
  EXPECT_TRUE(has_row(book.begin().value(), {"overall", "116", "2027", "EUR", "192000"}))
      << book.dump();
  Answer svg = call("GET", "/api/v1/reports/rent-forecast?as_of=2026-12-31&format=svg", "finance");
  ASSERT_EQ(svg.status, 200);
  EXPECT_NE(svg.text.find("<rect"), std::string::npos);
}

TEST_P(DecisionApi, TheForecastRefusesMoreThanTenYearsAndUnknownChoices) {
  const std::string base = "/api/v1/reports/rent-forecast?";
  Answer eleven = call("GET", base + "from_fy=116&to_fy=126", "finance");
  EXPECT_EQ(eleven.status, 422);
  EXPECT_EQ(eleven.body["errors"][0]["field"], "to_fy");
  EXPECT_EQ(call("GET", base + "from_fy=116&to_fy=125", "finance").status, 200);
  EXPECT_EQ(call("GET", base + "from_fy=120&to_fy=116", "finance").body["errors"][0]["field"], "to_fy");
  EXPECT_EQ(call("GET", base + "renewals=maybe", "finance").body["errors"][0]["field"], "renewals");
  EXPECT_EQ(call("GET", base + "group_by=kind", "finance").body["errors"][0]["field"], "group_by");
  EXPECT_EQ(call("GET", base + "from_fy=abc", "finance").body["errors"][0]["field"], "from_fy");
}

TEST_P(DecisionApi, DataQualityScoresTheDemoAndNamesEachFinding) {
  // As of 2026-12-31: GTM-RES-1 is leased but its lease ended on 2026-01-31; the Sydney
  // office lease runs to 2027-06-30 though the office is owned from 2026-07-01; the Zhiyuan
  // project's last progress report (2026-09-30) is 92 days old. Checks: leased properties 8,
  // leases in force 8, occupied purchases 3, leases 11, rates 8 + 4 candidates, appraisals 4,
  // projects 1, active properties 21: 68 checked, 3 failed → 65/68 = 0.9559.
  Answer q = call("GET", "/api/v1/reports/data-quality?as_of=2026-12-31", "auditor");
  ASSERT_EQ(q.status, 200) << q.text;
  EXPECT_EQ(q.body["checked"], 68);
  EXPECT_EQ(q.body["failed"], 3);
  EXPECT_EQ(q.body["score"], "0.9559");
  ASSERT_EQ(q.body["rules"].size(), 8u);
  ASSERT_EQ(q.body["findings"].size(), 3u) << q.text;
  EXPECT_EQ(q.body["findings"][0]["rule"], "leased_without_lease");
  EXPECT_EQ(q.body["findings"][0]["entity"], "property");
  EXPECT_EQ(q.body["findings"][0]["code"], "GTM-RES-1");
  EXPECT_EQ(q.body["findings"][1]["rule"], "lease_without_leased_tenure");
  EXPECT_EQ(q.body["findings"][1]["code"], "SYD-OFF-1");
  EXPECT_EQ(q.body["findings"][2]["rule"], "no_recent_progress");
  EXPECT_EQ(q.body["findings"][2]["code"], "ZHIYUAN-RENEWAL");
  EXPECT_TRUE(q.body["findings"][2]["mission_id"].is_null());
  // Per mission; and one mission alone (Guatemala: 1 of its 4 checks fails → 0.7500).
  json gtm;
  for (const json& m : q.body["missions"])
    if (m["code"] == "GTM") gtm = m;
  ASSERT_TRUE(gtm.is_object());
  EXPECT_EQ(gtm["failed"], 1);
  Answer one = call("GET", "/api/v1/reports/data-quality?as_of=2026-12-31&mission_id=" +
                               std::to_string(gtm["mission_id"].get<int>()),
                    "finance");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.body["score"], gtm["score"]);
  EXPECT_EQ(one.body["findings"].size(), 1u);
  EXPECT_EQ(call("GET", "/api/v1/reports/data-quality?format=svg", "finance").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/reports/data-quality?format=csv", "facilities").status, 200);
  EXPECT_EQ(call("GET", "/api/v1/reports/data-quality?mission_id=0", "finance").status, 422);
}

ESTATE_API_ON_BOTH_BACKENDS(DecisionApi);

}  // namespace
}  // namespace estate::testing
