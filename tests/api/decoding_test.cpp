// The JSON decoders of the register: every bad field reported at once, by its path, with the
// JSON type rules of API.md (decimals as strings, ids as integers, no unknown fields).
#include <gtest/gtest.h>

#include "api/http/json_reader.h"
#include "api/routes/register_codec.h"
#include "api/routes/register_routes.h"
#include "api/http/routing.h"

namespace estate::api {
namespace {

using nlohmann::json;

std::vector<std::string> fields_of(const Error& e) {
  std::vector<std::string> out;
  for (const FieldError& f : e.fields) out.push_back(f.field);
  return out;
}

json lease_body() {
  return json::parse(
      R"({"property_id": 7, "lessor": "Market Street Holdings", "start": "2015-07-01",
    "end": "2026-06-30", "rent": {"amount": "95000", "currency": "AUD"}, "period": "monthly",
    "escalation": {"kind": "fixed_pct", "pct": "3"}, "notice_days": 180,
    "options": [{"kind": "renewal", "exercise_by": "2025-12-31", "years": 5}]})");
}

TEST(DecodeLease, ReadsEveryFieldOfApiMd) {
  auto lease = decode_lease(lease_body(), DecodeMode::create);
  ASSERT_TRUE(lease.ok()) << lease.error().message;
  EXPECT_EQ(lease->property_id.value(), 7);
  EXPECT_EQ(lease->rent.amount_string(), "95000.00");  // fewer digits are fine on input
  EXPECT_EQ(lease->escalation.pct->to_string(), "3.00");
  EXPECT_EQ(lease->options.at(0).years, 5);
  EXPECT_EQ(lease->start, date::year{2015} / 7 / 1);
}

TEST(DecodeLease, ReportsNestedFieldsByPath) {
  json body = lease_body();
  body["rent"]["amount"] = 95000;                    // a number where a decimal string belongs
  body["escalation"]["pct"] = "3.001";               // too many places
  body["options"][0]["exercise_by"] = "2025-02-29";  // not a leap year
  body["options"][0]["colour"] = "red";              // unknown, nested
  auto lease = decode_lease(body, DecodeMode::create);
  ASSERT_FALSE(lease.ok());
  EXPECT_EQ(lease.error().kind, ErrorKind::invalid);
  EXPECT_EQ(fields_of(lease.error()),
            (std::vector<std::string>{"rent.amount", "escalation.pct", "options[0].exercise_by",
                                      "options[0].colour"}));
}

TEST(DecodeLease, DomainRulesJoinTheDecodingErrors) {
  json body = lease_body();
  body["end"] = "2010-01-01";  // before start: a rule, not a type error
  body["lessor"] = 12;         // a type error
  auto lease = decode_lease(body, DecodeMode::create);
  ASSERT_FALSE(lease.ok());
  auto fields = fields_of(lease.error());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "lessor"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "end"), fields.end());
}

// Issue 25: a bad currency code is the one error; the valid rent is not also "more than zero".
TEST(DecodeLease, ABadCurrencyIsTheOnlyErrorOfItsMoney) {
  json body = lease_body();
  body["rent"]["currency"] = "XYZ";
  auto lease = decode_lease(body, DecodeMode::create);
  ASSERT_FALSE(lease.ok());
  EXPECT_EQ(fields_of(lease.error()), std::vector<std::string>{"rent.currency"}) << lease.error().message;
}

TEST(DecodeMission, ServerAssignedFieldsAreRefusedOnCreateAndIgnoredOnReplace) {
  json body = json::parse(R"({"code": "SYD", "name_en": "Sydney", "name_zh": "雪梨",
    "country": "AU", "city": "Sydney", "region": "east_asia_pacific", "type": "office",
    "currency": "AUD", "time_zone": "Australia/Sydney", "id": 3, "version": 2})");
  auto created = decode_mission(body, DecodeMode::create);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(fields_of(created.error()), (std::vector<std::string>{"id", "version"}));
  EXPECT_TRUE(decode_mission(body, DecodeMode::replace).ok());
  EXPECT_EQ(read_only_fields(json{{"version", 9}, {"city", "x"}}).size(), 1u);
}

TEST(DecodeProperty, NullMissionMeansDomestic) {
  json body = json::parse(R"({"mission_id": null, "code": "ZY-DORM-1", "name": "Zhiyuan dormitory",
    "kind": "staff_residence", "address": "Taipei", "floor_area_m2": "2400.5", "status": "planned"})");
  auto p = decode_property(body, DecodeMode::create);
  ASSERT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message);
  EXPECT_FALSE(p->mission_id.has_value());
  EXPECT_EQ(p->floor_area_m2.to_string(), "2400.50");
}

json property_body(const json& name_zh) {
  json body = json::parse(R"({"mission_id": 1, "code": "SYD-OFF-1", "name": "Sydney office",
    "kind": "office", "address": "Sydney", "floor_area_m2": "1250.00", "status": "active"})");
  if (!name_zh.is_discarded()) body["name_zh"] = name_zh;
  return body;
}

TEST(DecodeProperty, ChineseNameIsOptionalNullableAndStoredInNfc) {
  auto absent = decode_property(property_body(json(json::value_t::discarded)), DecodeMode::create);
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->name_zh.has_value());
  auto null = decode_property(property_body(json()), DecodeMode::create);
  ASSERT_TRUE(null.ok());
  EXPECT_FALSE(null->name_zh.has_value());
  auto named = decode_property(property_body("駐雪梨辦事處辦公館舍"), DecodeMode::create);
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->name_zh, "駐雪梨辦事處辦公館舍");
  // "é" as e + combining acute (NFD) is kept as the one precomposed character.
  auto decomposed = decode_property(property_body("Caf" "e\xCC\x81"), DecodeMode::create);
  ASSERT_TRUE(decomposed.ok());
  EXPECT_EQ(decomposed->name_zh, "Caf\xC3\xA9");
}

TEST(DecodeProperty, ABadChineseNameNamesTheField) {
  std::string too_long;
  for (int i = 0; i < 201; ++i) too_long += "館";
  for (const json& bad : {json(42), json("   "), json(too_long), json("a\tb")}) {
    auto p = decode_property(property_body(bad), DecodeMode::create);
    ASSERT_FALSE(p.ok()) << bad.dump();
    EXPECT_EQ(fields_of(p.error()), std::vector<std::string>{"name_zh"}) << bad.dump();
  }
  // The domain rule itself refuses a spelling that is not NFC (a path that skips the decoder).
  Property p;
  p.code = "X";
  p.name = "x";
  p.name_zh = "e\xCC\x81";
  bool named = false;
  for (const FieldError& e : validate(p)) named = named || e.field == "name_zh";
  EXPECT_TRUE(named);
}

TEST(ParseJsonBody, RefusesDeepNestingAndOverflow) {
  EXPECT_FALSE(parse_json_body(std::string(40, '[') + std::string(40, ']')).ok());
  EXPECT_TRUE(parse_json_body(std::string(10, '[') + std::string(10, ']')).ok());
  EXPECT_FALSE(parse_json_body(R"({"a": 1e400})").ok());
  EXPECT_FALSE(parse_json_body("{\"a\": \"\xff\"}").ok());
}

TEST(DumpJson, ReplacesInvalidUtf8InsteadOfThrowing) {
  EXPECT_EQ(dump_json(json("a\xff")), "\"a\xEF\xBF\xBD\"");
}

HttpRequest with_query(std::map<std::string, std::string> query) {
  HttpRequest r;
  r.query = std::move(query);
  return r;
}

TEST(Paging, CursorsRoundTripAndForgeriesAreRefused) {
  json cursor = next_cursor(4711);
  ASSERT_TRUE(cursor.is_string());
  auto page = page_params(with_query({{"cursor", cursor.get<std::string>()}, {"limit", "20"}}));
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->after, 4711);
  EXPECT_EQ(page->limit, 20u);
  EXPECT_TRUE(next_cursor(std::nullopt).is_null());
  EXPECT_FALSE(page_params(with_query({{"cursor", "NDcxMQ"}})).ok());  // base64 of "4711"
  EXPECT_FALSE(page_params(with_query({{"limit", "501"}})).ok());
  EXPECT_FALSE(page_params(with_query({{"limit", "0"}})).ok());
}

TEST(InstantParam, ADateMeansTheEndOrStartOfThatDayInUtc) {
  auto end = instant_param(with_query({{"as_of", "2024-02-29"}}), "as_of");
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(format_instant(**end), "2024-02-29T23:59:59.999999Z");
  auto start = instant_param(with_query({{"from", "2024-02-29"}}), "from", DayEdge::start);
  EXPECT_EQ(format_instant(**start), "2024-02-29T00:00:00Z");
  auto offset = instant_param(with_query({{"as_of", "2026-03-01T08:00:00+08:00"}}), "as_of");
  EXPECT_EQ(format_instant(**offset), "2026-03-01T00:00:00Z");
  auto bad = instant_param(with_query({{"as_of", "2023-02-29"}}), "as_of");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.at(0).field, "as_of");
  EXPECT_FALSE((*instant_param(with_query({}), "as_of")).has_value());
}

TEST(IfMatch, NamesTheVersionOrRefuses) {
  Reply refusal;
  HttpRequest r;
  EXPECT_FALSE(expected_version(r, refusal));
  EXPECT_EQ(refusal.status, 428);
  r.headers["if-match"] = "\"3\"";
  EXPECT_EQ(expected_version(r, refusal), 3);
  // Strong comparison (RFC 9110 §13.1.1): a weak tag, an unquoted one or a foreign one is 412.
  for (const char* tag : {"W/\"3\"", "3", "\"abc\"", "\""}) {
    r.headers["if-match"] = tag;
    refusal = Reply{};
    EXPECT_FALSE(expected_version(r, refusal)) << tag;
    EXPECT_EQ(refusal.status, 412) << tag;
  }
}

TEST(DecodeAppropriation, TakesEitherYearSpellingOnCreateAndDerivesItOnReplace) {
  json roc = {{"budget_line_id", 1},
              {"fiscal_year", 115},
              {"amount", {{"amount", "10"}, {"currency", "TWD"}}}};
  EXPECT_EQ(decode_appropriation(roc, DecodeMode::create)->fiscal_year.ad(), 2026);
  json ad = roc;
  ad.erase("fiscal_year");
  ad["fiscal_year_ad"] = 2027;
  EXPECT_EQ(decode_appropriation(ad, DecodeMode::create)->fiscal_year.roc(), 116);
  json both = roc;
  both["fiscal_year_ad"] = 2027;
  auto disagree = decode_appropriation(both, DecodeMode::create);
  ASSERT_FALSE(disagree.ok());
  EXPECT_EQ(fields_of(disagree.error()), std::vector<std::string>{"fiscal_year_ad"});
  // After a merge patch the stored fiscal_year_ad is stale by design: it is not read.
  both["id"] = 3;
  both["version"] = 1;
  both["created_at"] = both["updated_at"] = "2026-01-01T00:00:00Z";
  EXPECT_EQ(decode_appropriation(both, DecodeMode::replace)->fiscal_year.roc(), 115);
  json neither = roc;
  neither.erase("fiscal_year");
  EXPECT_EQ(fields_of(decode_appropriation(neither, DecodeMode::create).error()),
            std::vector<std::string>{"fiscal_year"});
}

TEST(DecodeProject, NamesEveryBadMilestoneFieldAndBadPropertyId) {
  json body = json::parse(R"({"code": "ZY", "name_zh": "致遠", "name_en": "Zhiyuan",
    "property_ids": [3, "4", 0], "start": "2026-01-15", "bac": {"amount": "100", "currency": "TWD"},
    "milestones": [{"name": "A", "date": "2026-02-30", "planned_pct": "10"},
                   {"name": "B", "date": "2027-01-01", "planned_pct": 100}]})");
  auto p = decode_project(body, DecodeMode::create);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(fields_of(p.error()),
            (std::vector<std::string>{"property_ids[1]", "property_ids[2]", "milestones[0].date",
                                      "milestones[1].planned_pct"}));
}

TEST(DecodeProgress, TakesTheProjectFromThePath) {
  json body = {{"on", "2026-03-31"}, {"pct_complete", "12.5"}};
  auto r = decode_progress(body, DecodeMode::create, ProjectId(7));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->project_id, ProjectId(7));
  EXPECT_EQ(r->pct_complete.to_string(), "12.50");
  body["project_id"] = 8;
  EXPECT_EQ(fields_of(decode_progress(body, DecodeMode::create, ProjectId(7)).error()),
            std::vector<std::string>{"project_id"});
}

}  // namespace
}  // namespace estate::api
