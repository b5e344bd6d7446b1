// One filter semantics: for every resource and every filter it takes, the list read now (SQL,
// persistence/) equals the list as of now (records read back from the journal and tested by
// domain/filters.h), on the demo register, on both backends.
#include <gtest/gtest.h>

#include "tests/http/api_fixture.h"

namespace estate::testing {
namespace {

using nlohmann::json;

class FiltersApi : public ApiTest {};

TEST_P(FiltersApi, EveryListFilterAgreesWithItsAsOfReading) {
  ASSERT_EQ(cli({"seed-demo"}).exit_code, 0);
  // The end of today, UTC: after every write the demo made.
  const std::string now = call("GET", "/api/v1/missions?limit=1", "auditor").body["items"][0]
                              ["updated_at"].get<std::string>().substr(0, 10);
  struct Case {
    const char* collection;
    const char* filter;  // "" for the unfiltered list
  };
  const Case cases[] = {
      {"missions", ""},                        {"missions", "region=east_asia_pacific"},
      {"missions", "code=SYD"},                {"properties", ""},
      {"properties", "mission_id=1"},          {"properties", "region=europe"},
      {"properties", "region=domestic"},       {"properties", "kind=chief_residence"},
      {"properties", "status=active"},         {"properties", "code=SYD-OFF-1"},
      {"leases", ""},                          {"leases", "property_id=2"},
      {"leases", "mission_id=1"},              {"acquisitions", ""},
      {"acquisitions", "stage=occupied"},      {"acquisitions", "property_id=1"},
      {"acquisitions", "code=ACQ-SYD-2026"},   {"fx-rates", ""},
      {"fx-rates", "currency=AUD"},            {"budget-lines", ""},
      {"budget-lines", "code=MOFA-PREMISES"},  {"appropriations", ""},
      {"appropriations", "budget_line_id=1"},  {"appropriations", "fiscal_year=115"},
      {"appropriations", "fiscal_year=2025"},  {"expenditures", ""},
      {"expenditures", "budget_line_id=1"},    {"expenditures", "project_id=1"},
      {"expenditures", "acquisition_id=1"},    {"expenditures", "from=2026-01-01"},
      {"expenditures", "to=2025-12-31"},       {"commitments", ""},
      {"commitments", "project_id=1"},         {"commitments", "from=2025-01-01&to=2025-12-31"},
      {"projects", ""},                        {"projects", "code=ZHIYUAN"},
      {"projects/1/progress", ""},
  };
  int non_empty = 0;
  for (const Case& c : cases) {
    const std::string base = std::string("/api/v1/") + c.collection + "?limit=500" +
                             (*c.filter ? std::string("&") + c.filter : "");
    Answer today = call("GET", base, "auditor");
    Answer then = call("GET", base + "&as_of=" + now, "auditor");
    ASSERT_EQ(today.status, 200) << base << ": " << today.text;
    ASSERT_EQ(then.status, 200) << base << ": " << then.text;
    EXPECT_EQ(today.body["items"], then.body["items"]) << base;
    non_empty += today.body["items"].empty() ? 0 : 1;
  }
  EXPECT_GT(non_empty, 30) << "most cases must select something, or they test nothing";
}

ESTATE_API_ON_BOTH_BACKENDS(FiltersApi);

}  // namespace
}  // namespace estate::testing
