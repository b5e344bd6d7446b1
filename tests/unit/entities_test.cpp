// Entity rules: tenure histories, leases, missions, and the shared text rules. Each rule is
// checked to report the field at fault, and all faults at once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/json_codec.h"
#include "domain/lease.h"
#include "domain/mission.h"
#include "domain/property.h"
#include "domain/repository.h"
#include "domain/validation.h"
#include "tests/support/sample_records.h"

namespace estate {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

Date d(const char* text) {
  return *parse_date(text);
}

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(Tenure, AdjacentIntervalsWithInclusiveEndsAreValid) {
  // Leased through 30 June, owned from 1 July: no day in both, no day missing.
  std::vector<Tenure> t = {{TenureType::leased, d("2015-07-01"), d("2026-06-30")},
                           {TenureType::owned, d("2026-07-01"), std::nullopt}};
  EXPECT_THAT(validate_tenure(t), IsEmpty());
}

TEST(Tenure, SharingTheEndDayIsAnOverlap) {
  std::vector<Tenure> t = {{TenureType::leased, d("2015-07-01"), d("2026-06-30")},
                           {TenureType::owned, d("2026-06-30"), std::nullopt}};
  auto errors = validate_tenure(t);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "tenure[1].from");
  EXPECT_EQ(errors[0].message, "overlaps the previous interval, which runs to 2026-06-30");
}

TEST(Tenure, EndBeforeStartOpenMiddleAndDisorderAreEachReported) {
  std::vector<Tenure> t = {{TenureType::leased, d("2010-01-01"), std::nullopt},
                           {TenureType::owned, d("2009-01-01"), d("2008-12-31")}};
  EXPECT_THAT(fields(validate_tenure(t)),
              ElementsAre("tenure[0].to", "tenure[1].to", "tenure[1].from"));
}

TEST(Tenure, SingleDayIntervalIsValid) {
  std::vector<Tenure> t = {{TenureType::provided, d("2024-02-29"), d("2024-02-29")}};
  EXPECT_THAT(validate_tenure(t), IsEmpty());
}

TEST(Tenure, TenureOnReadsTheIntervalCoveringTheDay) {
  Property p;
  p.tenure = {{TenureType::leased, d("2009-01-01"), d("2024-03-31")},
              {TenureType::owned, d("2024-04-01"), std::nullopt}};
  EXPECT_EQ(tenure_on(p, d("2024-03-31")), TenureType::leased);  // inclusive end
  EXPECT_EQ(tenure_on(p, d("2024-04-01")), TenureType::owned);
  EXPECT_EQ(tenure_on(p, d("2008-12-31")), std::nullopt);
  EXPECT_EQ(tenure_on(p, d("2099-01-01")), TenureType::owned);  // open end
}

Property valid_property() {
  Property p;
  p.code = "SYD-OFF-1";
  p.name = "Sydney office";
  p.floor_area_m2 = *Decimal::parse("1250", 2);
  p.agencies = {"MOFA", "MOEA"};
  p.tenure = {{TenureType::leased, d("2015-07-01"), std::nullopt}};
  return p;
}

TEST(PropertyRules, ValidPropertyHasNoErrors) {
  EXPECT_THAT(validate(valid_property()), IsEmpty());
}

TEST(PropertyRules, ReportsEveryBadFieldAtOnce) {
  Property p = valid_property();
  p.code = "syd office";
  p.name = "";
  p.floor_area_m2 = *Decimal::parse("-1.00", 2);
  p.agencies = {"MOFA", "MOFA"};
  EXPECT_THAT(fields(validate(p)), ElementsAre("code", "name", "floor_area_m2", "agencies[1]"));
}

TEST(PropertyRules, FloorAreaIsBoundedSoAreaSumsStayInRange) {
  Property p = valid_property();
  p.floor_area_m2 = *Decimal::parse("10000000.00", 2);
  EXPECT_THAT(validate(p), IsEmpty());
  p.floor_area_m2 = *Decimal::parse("10000000.01", 2);
  EXPECT_THAT(fields(validate(p)), ElementsAre("floor_area_m2"));
}

TEST(PropertyRules, SqlInNamesIsJustText) {
  // Names are data bound as parameters; they are valid text if short and printable.
  Property p = valid_property();
  p.name = "Robert'); DROP TABLE properties;--";
  EXPECT_THAT(validate(p), IsEmpty());
}

Lease valid_lease() {
  Lease l;
  l.property_id = PropertyId(7);
  l.lessor = "York Street Property Trust";
  l.start = d("2015-07-01");
  l.end = d("2026-06-30");
  l.rent = *Money::parse("95000.00", *Currency::of("AUD"));
  l.period = RentPeriod::monthly;
  l.escalation.kind = EscalationKind::fixed_pct;
  l.escalation.pct = *Decimal::parse("3.00", 2);
  l.notice_days = 180;
  l.options = {{LeaseOptionKind::renewal, d("2025-12-31"), 5}};
  return l;
}

TEST(LeaseRules, ValidLeaseHasNoErrors) {
  EXPECT_THAT(validate(valid_lease()), IsEmpty());
}

TEST(LeaseRules, EndBeforeStartAndNonPositiveRentAreRefused) {
  Lease l = valid_lease();
  l.end = d("2015-06-30");
  l.rent = Money::zero(*Currency::of("AUD"));
  l.notice_days = -1;
  EXPECT_THAT(fields(validate(l)),
              ElementsAre("end", "rent.amount", "notice_days", "options[0].exercise_by"));
}

TEST(LeaseRules, FixedPercentNeedsAPercentAndNoSteps) {
  Lease l = valid_lease();
  l.escalation.pct.reset();
  l.escalation.steps = {{d("2020-07-01"), *Money::parse("99000", *Currency::of("AUD"))}};
  EXPECT_THAT(fields(validate(l)), ElementsAre("escalation.steps", "escalation.pct"));
}

TEST(LeaseRules, StepsMustBeOrderedInTermAndInTheLeaseCurrency) {
  Lease l = valid_lease();
  l.escalation.kind = EscalationKind::steps;
  l.escalation.pct.reset();
  l.escalation.steps = {{d("2020-07-01"), *Money::parse("99000", *Currency::of("AUD"))},
                        {d("2020-07-01"), *Money::parse("99000", *Currency::of("USD"))},
                        {d("2030-01-01"), *Money::parse("1", *Currency::of("AUD"))}};
  EXPECT_THAT(fields(validate(l)),
              ElementsAre("escalation.steps[1].rent.currency", "escalation.steps[1].from",
                          "escalation.steps[2].from"));
}

TEST(LeaseRules, RenewalNeedsYearsAndBreakHasNone) {
  Lease l = valid_lease();
  l.options = {{LeaseOptionKind::renewal, d("2025-12-31"), std::nullopt},
               {LeaseOptionKind::break_clause, d("2020-06-30"), 2}};
  EXPECT_THAT(fields(validate(l)), ElementsAre("options[0].years", "options[1].years"));
}

Mission valid_mission() {
  return testing::sample_sydney_mission();
}

TEST(MissionRules, ChineseNamesCountCharactersNotBytes) {
  Mission m = valid_mission();
  EXPECT_THAT(validate(m), IsEmpty());
  // 200 CJK characters are 600 bytes of UTF-8 and still within the 200-character limit.
  std::string name;
  for (int i = 0; i < 200; ++i) name += "館";
  m.name_zh = name;
  EXPECT_THAT(validate(m), IsEmpty());
  m.name_zh += "館";
  EXPECT_THAT(fields(validate(m)), ElementsAre("name_zh"));
}

TEST(MissionRules, DomesticRegionAndTypeGoTogether) {
  Mission m = valid_mission();
  m.region = Region::domestic;
  EXPECT_THAT(fields(validate(m)), ElementsAre("type"));
}

TEST(Validation, Utf8DecoderRefusesMalformedSequences) {
  EXPECT_TRUE(is_valid_utf8("駐雪梨 ok"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_EQ(utf8_length("館舍"), 2u);
}

TEST(Validation, ControlCharactersAreRefusedInNames) {
  Validator v;
  v.text("name", std::string("a\0b", 3));
  v.text("city", "tab\there");
  EXPECT_THAT(fields(v.errors()), ElementsAre("name", "city"));
}

TEST(JsonCodec, PropertyHasTheApiShape) {
  Property p = valid_property();
  p.id = PropertyId(7);
  p.mission_id = MissionId(1);
  p.meta.version = 3;
  auto j = to_json(p);
  EXPECT_EQ(j["floor_area_m2"], "1250.00");
  EXPECT_EQ(j["tenure"][0]["type"], "leased");
  EXPECT_TRUE(j["tenure"][0]["to"].is_null());
  EXPECT_EQ(j["mission_id"], 1);
  EXPECT_EQ(j["version"], 3);
}

TEST(JsonCodec, MoneyIsADecimalStringWithTheCurrencyDigits) {
  auto j = to_json(*Money::parse("1234.5", *Currency::of("AUD")));
  EXPECT_EQ(j.dump(), R"({"amount":"1234.50","currency":"AUD"})");
}

}  // namespace
}  // namespace estate

namespace estate {
namespace {

TEST(PasswordRules, TwelveCharactersAtLeastCountedAsCharactersNotBytes) {
  EXPECT_FALSE(validate_password("elevenchars").empty());
  EXPECT_TRUE(validate_password("twelve chars").empty());
  EXPECT_TRUE(validate_password("駐澳大利亞代表處密碼好長啊").empty());  // 13 characters
  EXPECT_FALSE(validate_password("駐澳大利亞代表處").empty());          // 8 characters, 24 bytes
  EXPECT_FALSE(validate_password("with a \x01 control").empty());
  EXPECT_FALSE(validate_password(std::string(1025, 'x')).empty());
  EXPECT_EQ(validate_password("short", "new_password").at(0).field, "new_password");
}

}  // namespace
}  // namespace estate
