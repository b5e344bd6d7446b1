// The register in and out as spreadsheets, end to end on SQLite and MariaDB: the demo
// register exported, imported into an empty database by a finance and a facilities user and
// exported again, sheet for sheet the same; a dry run that reports every mistake with its
// row and column and writes nothing; a real run journalled under the import's id; a Big5 CSV
// with ROC dates; the template; and hostile files refused.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "api/exchange/workbook_reader.h"
#include "tests/http/api_fixture.h"
#include "tests/support/zip_builder.h"

namespace estate::testing {
namespace {

using nlohmann::json;

const std::string kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

class ExchangeApi : public ApiTest {
 protected:
  Answer import(const std::string& who, const std::string& bytes, const std::string& type,
                const std::string& query) {
    return call_raw("POST", "/api/v1/imports" + query, who, bytes, {{"Content-Type", type}});
  }
  static std::string file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }
  // Every sheet's rows as (kind, text) cells, for comparing two workbooks.
  static std::vector<std::pair<std::string, std::vector<std::string>>> sheets_of(const std::string& xlsx) {
    auto book = exchange::read_xlsx(xlsx, {});
    EXPECT_TRUE(book.ok()) << book.error().message;
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    if (!book.ok()) return out;
    for (const exchange::Sheet& s : book->sheets) {
      std::vector<std::string> rows;
      for (const exchange::SheetRow& r : s.rows) {
        std::string line = std::to_string(r.number) + ":";
        for (const exchange::SheetCell& c : r.cells) {
          line += " " + std::to_string(c.column) + "=" + std::to_string(static_cast<int>(c.kind)) + "/" + c.value();
        }
        rows.push_back(line);
      }
      out.emplace_back(s.name, rows);
    }
    return out;
  }
  static int count(const json& report, const std::string& sheet, const std::string& what) {
    for (const json& s : report["sheets"]) {
      if (s["sheet"] == sheet) return s[what].get<int>();
    }
    return -1;
  }
};

TEST_P(ExchangeApi, TheDemoRegisterExportedImportsIntoAnEmptyDatabaseAndComesOutTheSame) {
  ASSERT_EQ(cli({"seed-demo"}).exit_code, 0);
  Answer exported = call("GET", "/api/v1/exports/register.xlsx", "auditor");
  ASSERT_EQ(exported.status, 200) << exported.text;
  EXPECT_EQ(exported.headers["content-type"], kXlsx);
  EXPECT_NE(exported.headers["content-disposition"].find("register-"), std::string::npos);
  const std::string path = database_->folder() + "/register.xlsx";
  std::ofstream(path, std::ios::binary) << exported.text;

  // Into an empty database: the budget lines first (acquisitions name them), then the
  // register, then the money spent on it (which names acquisitions and projects).
  TestDatabase empty(GetParam());
  ASSERT_EQ(run_command(kServer, {"--db", empty.url(), "migrate"}).exit_code, 0);
  std::map<std::string, std::string> tokens;
  for (const char* role : {"facilities", "finance", "auditor"}) {
    auto issued = run_command(kServer, {"--db", empty.url(), "token", "create", "--user",
                                        std::string("importer-") + role, "--role", role});
    ASSERT_EQ(issued.exit_code, 0);
    tokens[role] = issued.out.substr(0, 64);
  }
  auto step = [&](const std::string& user, std::vector<std::string> extra) {
    std::vector<std::string> args = {"--db", empty.url(), "import", path, "--user", user};
    args.insert(args.end(), extra.begin(), extra.end());
    auto ran = run_command(kServer, args);
    EXPECT_EQ(ran.exit_code, 0) << ran.out.substr(0, 2000);
    return json::parse(ran.out, nullptr, false);
  };
  json budget = step("importer-finance", {"--sheet", "fx_rates,budget_lines,appropriations"});
  EXPECT_EQ(budget["applied"], true);
  EXPECT_EQ(count(budget, "budget_lines", "create"), 2);
  json reg = step("importer-facilities", {});
  EXPECT_EQ(reg["applied"], true);
  EXPECT_EQ(count(reg, "missions", "create"), 14);
  EXPECT_EQ(count(reg, "properties", "create"), 23);
  EXPECT_EQ(count(reg, "leases", "create"), 11);
  EXPECT_EQ(count(reg, "acquisitions", "create"), 7);
  EXPECT_NE(reg["skipped"].dump().find("written by finance, not by facilities"), std::string::npos);
  json money = step("importer-finance", {});
  EXPECT_EQ(money["applied"], true);
  EXPECT_EQ(count(money, "fx_rates", "unchanged"), count(budget, "fx_rates", "create"));
  EXPECT_EQ(count(money, "expenditures", "create"), 11);
  EXPECT_EQ(count(money, "commitments", "create"), 4);

  ServerProcess second(kServer, empty.url(), empty.folder() + "/second.log");
  ASSERT_NE(second.port(), 0);
  Answer again = call_on(second.port(), "GET", "/api/v1/exports/register.xlsx", tokens["auditor"], "", {});
  ASSERT_EQ(again.status, 200);
  const auto before = sheets_of(exported.text), after = sheets_of(again.text);
  ASSERT_EQ(before.size(), 18u);
  for (std::size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(before[i].first, after[i].first);
    EXPECT_EQ(before[i].second, after[i].second) << "sheet " << before[i].first << " differs";
  }

  // The Chinese names came through the workbook (and the sheet compare above).
  Answer office = call_on(second.port(), "GET", "/api/v1/properties?code=SYD-OFF-1",
                          tokens["auditor"], "", {});
  ASSERT_EQ(office.status, 200);
  EXPECT_EQ(office.body["items"][0]["name_zh"], "駐雪梨辦事處辦公館舍");

  // The same workbook into the same register again changes nothing, for either role.
  for (const char* role : {"facilities", "finance"}) {
    Answer dry = call_on(second.port(), "POST", "/api/v1/imports?dry_run=true", tokens[role],
                         exported.text, {{"Content-Type", kXlsx}});
    ASSERT_EQ(dry.status, 200) << dry.text.substr(0, 500);
    EXPECT_EQ(dry.body["changes"], json::array()) << role;
    EXPECT_EQ(dry.body["error_count"], 0);
    for (const json& s : dry.body["sheets"]) {
      EXPECT_EQ(s["create"], 0) << s;
      EXPECT_EQ(s["update"], 0) << s;
    }
  }
  // Every record is journalled under its importer, through the import that made it.
  Answer journal = call_on(second.port(), "GET", "/api/v1/journal?entity=mission&limit=1",
                           tokens["auditor"], "", {});
  ASSERT_EQ(journal.status, 200);
  EXPECT_EQ(journal.body["items"][0]["actor"], "importer-facilities");
  EXPECT_EQ(journal.body["items"][0]["via"], "import " + reg["import_id"].get<std::string>());
  EXPECT_EQ(run_command(kServer, {"--db", empty.url(), "journal", "verify"}).exit_code, 0);
}

const std::string kLeaseHeader =
    "property_code,start,end,lessor,rent,currency,period,escalation_kind,escalation_pct,notice_days\n";

TEST_P(ExchangeApi, ADryRunReportsEveryMistakeWithItsRowAndColumnAndWritesNothing) {
  json m = create("missions", sydney_mission());
  create("properties", sydney_office(m["id"]));
  const std::string good = "SYD-OFF-1,104/07/01,2026-06-30,Market Street Holdings,\"95,000.00\",AUD,monthly,none,,180\n";
  const std::string three_mistakes = kLeaseHeader + good +
      "SYD-OFF-1,115/02/30,2026-06-30,Other,1000,AUD,monthly,none,,90\n"
      "NOPE-1,2016-01-01,2017-01-01,Other,1000,AUD,monthly,none,,90\n"
      "SYD-OFF-1,2016-01-01,2017-01-01,Other,\"1.234,56\",AUD,monthly,none,,90\n";
  Answer dry = import("facilities", three_mistakes, "text/csv", "?dry_run=true&sheet=leases");
  ASSERT_EQ(dry.status, 200) << dry.text;
  EXPECT_EQ(dry.body["dry_run"], true);
  EXPECT_EQ(dry.body["applied"], false);
  EXPECT_EQ(dry.body["error_count"], 3);
  std::set<std::string> errors;
  for (const json& e : dry.body["errors"]) {
    errors.insert(e["sheet"].get<std::string>() + " row " + std::to_string(e["row"].get<int>()) +
                  " " + e["column"].get<std::string>());
  }
  EXPECT_EQ(errors, (std::set<std::string>{"leases row 3 start", "leases row 4 property_code",
                                           "leases row 5 rent"}))
      << dry.body["errors"].dump();
  EXPECT_EQ(count(dry.body, "leases", "create"), 1);  // the good row would be created
  EXPECT_EQ(call("GET", "/api/v1/leases", "auditor").body["items"].size(), 0u);

  // A real run with a mistake writes nothing either.
  Answer refused = import("facilities", three_mistakes, "text/csv", "?dry_run=false&sheet=leases");
  EXPECT_EQ(refused.body["applied"], false);
  EXPECT_EQ(call("GET", "/api/v1/leases", "auditor").body["items"].size(), 0u);

  Answer done = import("facilities", kLeaseHeader + good, "text/csv", "?dry_run=false&sheet=leases");
  ASSERT_EQ(done.status, 200);
  EXPECT_EQ(done.body["applied"], true) << done.text;
  Answer leases = call("GET", "/api/v1/leases", "auditor");
  ASSERT_EQ(leases.body["items"].size(), 1u);
  EXPECT_EQ(leases.body["items"][0]["start"], "2015-07-01");  // 民國 104
  EXPECT_EQ(leases.body["items"][0]["rent"], json::parse(R"({"amount": "95000.00", "currency": "AUD"})"));

  Answer same = import("facilities", kLeaseHeader + good, "text/csv", "?dry_run=false&sheet=leases");
  EXPECT_EQ(count(same.body, "leases", "unchanged"), 1);
  EXPECT_EQ(same.body["changes"], json::array());

  std::string raised = kLeaseHeader + good;
  raised.replace(raised.find("95,000.00"), 9, "96,500.00");
  Answer update = import("facilities", raised, "text/csv", "?dry_run=false&sheet=leases");
  ASSERT_EQ(count(update.body, "leases", "update"), 1) << update.text;
  const json change = update.body["changes"][0];
  EXPECT_EQ(change["code"], "SYD-OFF-1 · 2015-07-01");
  EXPECT_EQ(change["row"], 2);
  ASSERT_EQ(change["fields"].size(), 1u) << change.dump();
  EXPECT_EQ(change["fields"][0]["field"], "rent");
  EXPECT_EQ(change["fields"][0]["before"]["amount"], "95000.00");
  EXPECT_EQ(change["fields"][0]["after"]["amount"], "96500.00");
  Answer journal = call("GET", "/api/v1/journal?entity=lease&order=newest&limit=1", "auditor");
  EXPECT_EQ(journal.body["items"][0]["action"], "update");
  EXPECT_EQ(journal.body["items"][0]["actor"], "test-facilities");
  EXPECT_EQ(journal.body["items"][0]["via"], "import " + update.body["import_id"].get<std::string>());
  EXPECT_EQ(journal.body["items"][0]["after"]["version"], 2);
}

TEST_P(ExchangeApi, ABig5CsvSavedByExcelInTaiwanImportsWithRocDates) {
  create("missions", sydney_mission());
  const std::string big5 = file(std::string(ESTATE_SOURCE_DIR) + "/tests/fixtures/properties-big5.csv");
  ASSERT_FALSE(big5.empty());
  Answer done = import("facilities", big5, "text/csv", "?dry_run=false&sheet=properties");
  ASSERT_EQ(done.status, 200) << done.text;
  ASSERT_EQ(done.body["applied"], true) << done.text;
  const std::string tenure = "property_code,type,from,to\r\nSYD-RES-2,leased,115/01/15,\r\n";
  Answer tenured = import("facilities", tenure, "text/csv", "?dry_run=false&sheet=tenure");
  ASSERT_EQ(tenured.body["applied"], true) << tenured.text;
  EXPECT_EQ(count(tenured.body, "properties", "update"), 1);
  Answer found = call("GET", "/api/v1/properties?code=SYD-RES-2", "auditor");
  ASSERT_EQ(found.body["items"].size(), 1u);
  const json p = found.body["items"][0];
  EXPECT_EQ(p["name"], "雪梨館長官舍");
  EXPECT_EQ(p["floor_area_m2"], "1234.50");
  EXPECT_EQ(p["address"], "12 Wolseley Road, Point Piper NSW");
  EXPECT_EQ(p["agencies"], json::parse(R"(["MOFA", "MOEA"])"));
  EXPECT_EQ(p["tenure"][0]["from"], "2026-01-15");
}

TEST_P(ExchangeApi, HostileFilesAreRefusedAndWriteNothing) {
  const std::string header = xlsx_row(1, {"code", "name_en", "name_zh", "country", "city", "region",
                                          "type", "currency", "time_zone"});
  EXPECT_EQ(import("facilities", "PK\x03\x04 not really", kXlsx, "?dry_run=false").status, 422);
  Answer not_zip = import("facilities", "code\nSYD\n", kXlsx, "?dry_run=false");
  ASSERT_EQ(not_zip.status, 422);
  EXPECT_EQ(not_zip.body["errors"][0]["field"], "file");

  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\">"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><sst><si><t>&b;</t></si></sst>";
  Answer dtd = import("facilities", xlsx_of({{"missions", header}}, laughs), kXlsx, "?dry_run=false");
  EXPECT_EQ(dtd.status, 422) << dtd.text;

  const std::string bomb = zip_bomb_xlsx("missions", 100);
  Answer bombed = import("facilities", bomb, kXlsx, "?dry_run=false");
  EXPECT_EQ(bombed.status, 422) << bombed.text;

  const std::string million = many_rows_xlsx("missions", 1'000'000);
  Answer rows = import("facilities", million, kXlsx, "?dry_run=false");
  EXPECT_EQ(rows.status, 422) << rows.text;
  EXPECT_NE(rows.text.find("rows"), std::string::npos);

  const std::string formula =
      header + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>SYD</t></is></c>"
               "<c r=\"B2\" t=\"str\"><f>CONCAT(\"Sydney\",\" office\")</f><v>Sydney office</v></c></row>";
  Answer formulas = import("facilities", xlsx_of({{"missions", formula}}), kXlsx, "?dry_run=false");
  ASSERT_EQ(formulas.status, 200) << formulas.text;
  EXPECT_EQ(formulas.body["applied"], false);
  EXPECT_EQ(formulas.body["errors"][0]["column"], "name_en");
  EXPECT_EQ(formulas.body["errors"][0]["row"], 2);
  EXPECT_NE(formulas.body["errors"][0]["message"].get<std::string>().find("formula"), std::string::npos);

  Answer big = import("facilities", std::string(30u << 20, 'a'), "text/csv", "?sheet=missions");
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(import("facilities", std::string("\xFF\xFE" "c\0o\0d\0e\0", 10), "text/csv", "?sheet=missions").status, 422);
  Answer no_sheet = import("facilities", "code\nSYD\n", "text/csv", "?dry_run=true");
  ASSERT_EQ(no_sheet.status, 422);
  EXPECT_EQ(no_sheet.body["errors"][0]["field"], "sheet");
  EXPECT_EQ(import("facilities", "code\nSYD\n", "text/csv", "?sheet=passwords").status, 422);
  EXPECT_EQ(import("facilities", "code\nSYD\n", "text/csv", "?sheet=missions&dry_run=yes").status, 422);
  Answer typo = import("facilities", "code\nSYD\n", "text/csv", "?sheet=missions&dryrun=false");
  ASSERT_EQ(typo.status, 422) << typo.text;
  EXPECT_EQ(typo.body["errors"][0]["field"], "dryrun");
  EXPECT_EQ(import("facilities", "<html/>", "text/html", "?sheet=missions").status, 415);
  EXPECT_EQ(import("auditor", "code\nSYD\n", "text/csv", "?sheet=missions").status, 403);
  EXPECT_EQ(import("admin", "code\nSYD\n", "text/csv", "?sheet=missions").status, 403);
  EXPECT_EQ(call("GET", "/api/v1/missions", "auditor").body["items"].size(), 0u);

  // A name with SQL in it is a name.
  const std::string sql_name =
      "code,name_en,name_zh,country,city,region,type,currency,time_zone\n"
      "SQL,\"x'); DROP TABLE missions; --\",測試,AU,Sydney,east_asia_pacific,office,AUD,Australia/Sydney\n";
  Answer injected = import("facilities", sql_name, "text/csv", "?dry_run=false&sheet=missions");
  ASSERT_EQ(injected.body["applied"], true) << injected.text;
  Answer missions = call("GET", "/api/v1/missions", "auditor");
  ASSERT_EQ(missions.body["items"].size(), 1u);
  EXPECT_EQ(missions.body["items"][0]["name_en"], "x'); DROP TABLE missions; --");
}

TEST_P(ExchangeApi, TheCommandLineRefusesWhatItCannotImportAndWritesNothing) {
  const std::string csv = database_->folder() + "/missions.csv";
  std::ofstream(csv) << "code,name_en,name_zh,country,city,region,type,currency,time_zone\n"
                        "SYD,Sydney,雪梨,AU,Sydney,east_asia_pacific,office,AUD,Australia/Sydney\n";
  // Only an enabled facilities or finance user (or one holding such a token) imports.
  EXPECT_EQ(cli({"import", csv, "--sheet", "missions", "--user", "test-auditor"}).exit_code, 1);
  EXPECT_EQ(cli({"import", csv, "--sheet", "missions", "--user", "nobody"}).exit_code, 1);
  EXPECT_EQ(cli({"import", csv, "--sheet", "passwords", "--user", "test-facilities"}).exit_code, 1);
  EXPECT_EQ(cli({"import", csv, "--user", "test-facilities"}).exit_code, 1);  // a CSV names its sheet
  EXPECT_NE(cli({"import", database_->folder() + "/absent.csv", "--user", "test-facilities"}).exit_code, 0);
  EXPECT_EQ(call("GET", "/api/v1/missions", "auditor").body["items"].size(), 0u);
  auto done = cli({"import", csv, "--sheet", "missions", "--user", "test-facilities"});
  ASSERT_EQ(done.exit_code, 0) << done.out;
  EXPECT_EQ(json::parse(done.out)["applied"], true);
  EXPECT_EQ(call("GET", "/api/v1/missions", "auditor").body["items"].size(), 1u);
}

TEST_P(ExchangeApi, TheTemplateOffersDropDownsAndItsExamplesImport) {
  Answer tpl = call("GET", "/api/v1/imports/template.xlsx", "facilities");
  ASSERT_EQ(tpl.status, 200);
  auto book = exchange::read_xlsx(tpl.text, {});
  ASSERT_TRUE(book.ok());
  ASSERT_EQ(book->sheets.size(), 18u);
  for (const exchange::Sheet& s : book->sheets) EXPECT_EQ(s.rows.size(), 2u) << s.name;
  auto zip = exchange::ZipArchive::open(tpl.text);
  ASSERT_TRUE(zip.ok());
  std::string missions;
  std::size_t budget = 1 << 20;
  ASSERT_TRUE(zip->read("xl/worksheets/sheet1.xml", budget, [&](const char* d, std::size_t n) {
                   missions.append(d, n);
                   return Status{};
                 }).ok());
  EXPECT_NE(missions.find("<dataValidation type=\"list\""), std::string::npos);
  EXPECT_NE(missions.find("east_asia_pacific,west_asia_africa"), std::string::npos);

  // Its example rows make one small consistent register, in the documented order.
  Answer budget_sheets = import("finance", tpl.text, kXlsx, "?dry_run=false&sheet=fx_rates,budget_lines,appropriations");
  EXPECT_EQ(budget_sheets.body["applied"], true) << budget_sheets.text;
  Answer reg = import("facilities", tpl.text, kXlsx, "?dry_run=false");
  EXPECT_EQ(reg.body["applied"], true) << reg.text;
  Answer money = import("finance", tpl.text, kXlsx, "?dry_run=false");
  EXPECT_EQ(money.body["applied"], true) << money.text;
  EXPECT_EQ(count(money.body, "commitments", "create"), 1);
  Answer office = call("GET", "/api/v1/properties?code=SYD-OFF-1", "auditor");
  EXPECT_EQ(office.body["items"][0]["name_zh"], "駐雪梨辦事處辦公館舍");
}

// name_zh in a CSV: an empty cell is no Chinese name (null); a file without the column
// leaves the recorded name alone.
TEST_P(ExchangeApi, TheChineseNameImportsClearsWithAnEmptyCellAndStaysWithoutItsColumn) {
  json mission = create("missions", sydney_mission());
  const std::string header = "code,mission_code,name,name_zh,kind,address,floor_area_m2,status\n";
  const std::string row = "SYD-OFF-1,SYD,Sydney office,{zh},office,York Street,\"1,250.00\",active\n";
  auto csv = [&](const std::string& zh) {
    std::string r = row;
    r.replace(r.find("{zh}"), 4, zh);
    return header + r;
  };
  Answer named = import("facilities", csv("駐雪梨辦事處辦公館舍"), "text/csv", "?dry_run=false&sheet=properties");
  ASSERT_EQ(named.body["applied"], true) << named.text;
  json office = call("GET", "/api/v1/properties?code=SYD-OFF-1", "auditor").body["items"][0];
  EXPECT_EQ(office["name_zh"], "駐雪梨辦事處辦公館舍");
  EXPECT_EQ(office["floor_area_m2"], "1250.00");

  const std::string without =
      "code,mission_code,name,kind,address,floor_area_m2,status\n"
      "SYD-OFF-1,SYD,Sydney office,office,George Street,1250.00,active\n";
  Answer kept = import("facilities", without, "text/csv", "?dry_run=false&sheet=properties");
  ASSERT_EQ(kept.body["applied"], true) << kept.text;
  office = call("GET", "/api/v1/properties?code=SYD-OFF-1", "auditor").body["items"][0];
  EXPECT_EQ(office["address"], "George Street");
  EXPECT_EQ(office["name_zh"], "駐雪梨辦事處辦公館舍");

  Answer cleared = import("facilities", csv(""), "text/csv", "?dry_run=false&sheet=properties");
  ASSERT_EQ(cleared.body["applied"], true) << cleared.text;
  office = call("GET", "/api/v1/properties?code=SYD-OFF-1", "auditor").body["items"][0];
  EXPECT_TRUE(office["name_zh"].is_null()) << office.dump();
}

ESTATE_API_ON_BOTH_BACKENDS(ExchangeApi);

}  // namespace
}  // namespace estate::testing
