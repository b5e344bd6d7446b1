// JsonWriter writes what nlohmann's dump writes (as the server calls it: no indent, UTF-8 kept,
// invalid UTF-8 replaced), and refuses members out of nlohmann's order.
#include "domain/json_writer.h"

#include <gtest/gtest.h>

#include "domain/json_codec.h"

namespace estate {
namespace {

using nlohmann::json;

std::string dumped(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string written(const std::string& text) {
  JsonWriter w;
  w.value(text);
  return w.take();
}

const char kControls[] = "nul \0 one \x01 us \x1f del \x7f";

TEST(JsonWriter, StringsAreEscapedAsNlohmannEscapesThem) {
  const std::vector<std::string> texts = {
      "",
      "plain",
      "quote \" backslash \\ slash /",
      "\b\f\n\r\t",
      std::string(kControls, sizeof kControls - 1),
      "駐雪梨台北經濟文化辦事處",
      "emoji \xF0\x9F\x8F\xA2 e-acute \xC3\xA9",
      "lone continuation \x80 here",
      "truncated \xE5\x8F",
      "overlong \xC0\xAF and surrogate \xED\xA0\x80",
      "above U+10FFFF \xF4\x90\x80\x80",
  };
  for (const std::string& t : texts) EXPECT_EQ(written(t), dumped(json(t))) << t;
  // Hand-written: control characters as \u00XX in lower case, U+007F as it is.
  EXPECT_EQ(written(std::string("a\x1f\x7f", 3)), "\"a\\u001f\x7f\"");
}

TEST(JsonWriter, ObjectsArraysAndScalarsAreDumpsBytes) {
  JsonWriter w;
  w.begin_object();
  w.key("a").begin_array().value(std::int64_t{-9007199254740993}).value(true).null().end_array();
  w.key("b").begin_object().end_object();
  w.key("c").begin_array().end_array();
  w.key("d").value(json{{"y", 1}, {"x", "2"}});
  w.member("e", "text");
  w.end_object();
  EXPECT_EQ(w.take(),
            R"({"a":[-9007199254740993,true,null],"b":{},"c":[],"d":{"x":"2","y":1},"e":"text"})");
}

TEST(JsonWriter, AMemberOutOfNlohmannsOrderIsRefused) {
  JsonWriter w;
  w.begin_object().member("b", "1");
  EXPECT_THROW(w.key("a"), std::logic_error);
  JsonWriter same;
  same.begin_object().member("a", "1");
  EXPECT_THROW(same.key("a"), std::logic_error);
  JsonWriter nameless;
  nameless.begin_object();
  EXPECT_THROW(nameless.value("no name"), std::logic_error);
}

TEST(JsonWriter, PropertyIsToJsonsBytes) {
  Property p;
  p.id = PropertyId(42);
  p.mission_id = MissionId(7);
  p.code = "SYD-OFF-1";
  p.name = "Sydney \"office\"";
  p.name_zh = "雪梨辦公室";
  p.kind = PropertyKind::office;
  p.address = "Level 7, 55 Market Street";
  p.floor_area_m2 = *Decimal::parse("1250.75", 2);
  p.agencies = {"MOFA", "MOEA"};
  p.tenure = {{TenureType::leased, *parse_date("2015-07-01"), *parse_date("2026-06-30")},
              {TenureType::owned, *parse_date("2026-07-01"), std::nullopt}};
  p.meta = RecordMeta{3, *parse_instant("2026-01-02T03:04:05Z"),
                      *parse_instant("2026-02-03T04:05:06.5Z")};
  JsonWriter w;
  write_json(w, p);
  EXPECT_EQ(w.text(), dumped(to_json(p)));
  Property bare = p;
  bare.mission_id.reset();
  bare.name_zh.reset();
  bare.agencies.clear();
  bare.tenure.clear();
  JsonWriter b;
  write_json(b, bare);
  EXPECT_EQ(b.text(), dumped(to_json(bare)));
}

}  // namespace
}  // namespace estate
