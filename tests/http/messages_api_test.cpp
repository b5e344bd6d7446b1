// Server messages in the request's language (issue 25, DESIGN.md "Words and formats for
// Taiwan"), end to end on SQLite and MariaDB: the same refused request answers in English
// without Accept-Language and in 中文 with Accept-Language: zh-TW, with the same `code` at the
// top and on every field, for a JSON body error, a domain rule, a query parameter, a role's
// refusal and an import problem. The expected words are the table's, written out here.
#include <gtest/gtest.h>

#include "tests/http/api_fixture.h"

namespace estate::testing {
namespace {

using nlohmann::json;

class MessagesApi : public ApiTest {
 protected:
  const std::map<std::string, std::string> zh_ = {{"Accept-Language", "zh-TW"}};

  // The field error for `field` in a problem document (null when there is none).
  static json field_error(const json& problem, const std::string& field) {
    for (const json& e : problem["errors"])
      if (e["field"] == field) return e;
    return nullptr;
  }
};

TEST_P(MessagesApi, AJsonBodyErrorIsInTheRequestsLanguageWithTheSameCode) {
  json m = create("missions", sydney_mission());
  json p = create("properties", sydney_office(m["id"]));
  json lease = sydney_lease(p["id"]);
  lease["rent"]["amount"] = 95000;  // a JSON number, not the decimal string API.md asks for
  Answer en = call("POST", "/api/v1/leases", "facilities", lease);
  Answer zh = call("POST", "/api/v1/leases", "facilities", lease, zh_);
  ASSERT_EQ(en.status, 422) << en.text;
  ASSERT_EQ(zh.status, 422) << zh.text;
  EXPECT_EQ(en.body["detail"], "the lease is not valid");
  EXPECT_EQ(zh.body["detail"], "資料有誤，請修正標示的欄位");
  EXPECT_EQ(en.body["code"], "record_invalid");
  EXPECT_EQ(zh.body["code"], "record_invalid");
  const json e = field_error(en.body, "rent.amount"), z = field_error(zh.body, "rent.amount");
  // A money's amount is read as text (api/http/json_reader.cpp): a number is not a string.
  EXPECT_EQ(e["message"], "must be a JSON string");
  EXPECT_EQ(z["message"], "必須是 JSON 字串");
  EXPECT_EQ(e["code"], "not_json_string");
  EXPECT_EQ(z["code"], "not_json_string");
}

TEST_P(MessagesApi, ADomainRuleIsInTheRequestsLanguageWithTheSameCode) {
  json m = create("missions", sydney_mission());
  json p = create("properties", sydney_office(m["id"]));
  json lease = sydney_lease(p["id"]);
  lease["end"] = "2014-06-30";  // before its start, 2015-07-01
  lease["options"] = json::array();
  Answer en = call("POST", "/api/v1/leases", "facilities", lease);
  Answer zh = call("POST", "/api/v1/leases", "facilities", lease, zh_);
  ASSERT_EQ(en.status, 422) << en.text;
  ASSERT_EQ(zh.status, 422) << zh.text;
  const json e = field_error(en.body, "end"), z = field_error(zh.body, "end");
  EXPECT_EQ(e["message"], "must not be before start");
  EXPECT_EQ(z["message"], "不可早於起租日");
  EXPECT_EQ(e["code"], "end_before_start");
  EXPECT_EQ(z["code"], "end_before_start");
  EXPECT_EQ(en.body["errors"].size(), zh.body["errors"].size());
}

TEST_P(MessagesApi, AQueryParameterErrorIsInTheRequestsLanguageWithTheSameCode) {
  Answer en = call("GET", "/api/v1/missions?limit=0", "auditor");
  Answer zh = call("GET", "/api/v1/missions?limit=0", "auditor", std::nullopt, zh_);
  ASSERT_EQ(en.status, 422) << en.text;
  ASSERT_EQ(zh.status, 422) << zh.text;
  EXPECT_EQ(en.body["detail"], "the query is not valid");
  EXPECT_EQ(zh.body["detail"], "查詢參數無效");
  EXPECT_EQ(en.body["code"], "query_invalid");
  EXPECT_EQ(zh.body["code"], "query_invalid");
  const json e = field_error(en.body, "limit"), z = field_error(zh.body, "limit");
  EXPECT_EQ(e["message"], "must be an integer from 1 to 500");
  EXPECT_EQ(z["message"], "必須是 1 至 500 的整數");
  EXPECT_EQ(e["code"], "limit_range");
  EXPECT_EQ(z["code"], "limit_range");
  // An unknown parameter names the allowed ones as they are spelt, in either language.
  Answer typo = call("GET", "/api/v1/missions?limt=5", "auditor", std::nullopt, zh_);
  ASSERT_EQ(typo.status, 422) << typo.text;
  EXPECT_EQ(typo.body["code"], "query_invalid");
  EXPECT_EQ(field_error(typo.body, "limt")["code"], "not_a_query_parameter");
  EXPECT_EQ(field_error(typo.body, "limt")["message"].get<std::string>().rfind("不是此處可用的查詢參數；可用：", 0), 0u);
}

TEST_P(MessagesApi, ARolesRefusalIsInTheRequestsLanguageWithTheSameCode) {
  Answer en = call("POST", "/api/v1/missions", "auditor", sydney_mission());
  Answer zh = call("POST", "/api/v1/missions", "auditor", sydney_mission(), zh_);
  ASSERT_EQ(en.status, 403) << en.text;
  ASSERT_EQ(zh.status, 403) << zh.text;
  EXPECT_EQ(en.body["detail"], "the role auditor may not POST /api/v1/missions");
  EXPECT_EQ(zh.body["detail"], "您的角色不能執行此操作（POST /api/v1/missions）");
  EXPECT_EQ(en.body["code"], "role_may_not");
  EXPECT_EQ(zh.body["code"], "role_may_not");
  // Without a token at all, the same.
  Answer nobody = call("GET", "/api/v1/missions", "", std::nullopt, zh_);
  ASSERT_EQ(nobody.status, 401) << nobody.text;
  EXPECT_EQ(nobody.body["code"], "sign_in_required");
  EXPECT_EQ(nobody.body["detail"], "請登入，或送出 Authorization: Bearer <token>");
}

TEST_P(MessagesApi, AnImportProblemIsInTheRequestsLanguageWithTheSameCode) {
  json m = create("missions", sydney_mission());
  create("properties", sydney_office(m["id"]));
  // 115/02/30 is the ROC date of 30 February 2026, which never is.
  const std::string csv =
      "property_code,start,end,lessor,rent,currency,period,escalation_kind,escalation_pct,"
      "notice_days\n"
      "SYD-OFF-1,115/02/30,2026-06-30,Other,1000,AUD,monthly,none,,90\n";
  const std::map<std::string, std::string> en_type = {{"Content-Type", "text/csv"}};
  const std::map<std::string, std::string> zh_type = {{"Content-Type", "text/csv"},
                                                      {"Accept-Language", "zh-TW"}};
  Answer en = call_raw("POST", "/api/v1/imports?dry_run=true&sheet=leases", "facilities", csv,
                       en_type);
  Answer zh = call_raw("POST", "/api/v1/imports?dry_run=true&sheet=leases", "facilities", csv,
                       zh_type);
  ASSERT_EQ(en.status, 200) << en.text;
  ASSERT_EQ(zh.status, 200) << zh.text;
  ASSERT_EQ(en.body["errors"].size(), 1u) << en.text;
  ASSERT_EQ(zh.body["errors"].size(), 1u) << zh.text;
  const json e = en.body["errors"][0], z = zh.body["errors"][0];
  EXPECT_EQ(e["column"], "start");
  EXPECT_EQ(z["column"], "start");
  EXPECT_EQ(e["message"], "is not a real date (115/02/30)");
  EXPECT_EQ(z["message"], "不是存在的日期（115/02/30）");
  EXPECT_EQ(e["code"], "cell_not_a_real_date_text");
  EXPECT_EQ(z["code"], "cell_not_a_real_date_text");
}

}  // namespace

ESTATE_API_ON_BOTH_BACKENDS(MessagesApi);

}  // namespace estate::testing
