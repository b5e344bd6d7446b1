// Report renderers: CSV as Excel and RFC 4180 readers expect it, an XLSX container, and SVG
// that is well-formed text.
#include <gtest/gtest.h>

#include "reports/svg.h"
#include "reports/table.h"

namespace estate::reports {
namespace {

Table sample() {
  return Table{"test",
               {"name", "amount", "on"},
               {{Cell::of("駐雪梨台北經濟文化辦事處"),
                 Cell::of(*Money::parse("1234.5", *Currency::of("AUD"))),
                 Cell::of(*parse_date("2026-07-01"))},
                {Cell::of("a, \"quoted\"\nline"),
                 Cell::of(*Money::parse("7", *Currency::of("JPY"))), Cell::empty()},
                {Cell::of("=HYPERLINK(\"x\")"), Cell::of(std::int64_t{42}), Cell::empty()}}};
}

TEST(Csv, HasAByteOrderMarkCrlfLinesAndRfc4180Quoting) {
  std::string csv = to_csv(sample());
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF"
            "name,amount,on\r\n"
            "駐雪梨台北經濟文化辦事處,1234.50,2026-07-01\r\n"
            "\"a, \"\"quoted\"\"\nline\",7,\r\n"
            "\"'=HYPERLINK(\"\"x\"\")\",42,\r\n");
}

// Every character a spreadsheet takes as the start of a formula, or strips before reading one
// (TAB, CR), gets the same ' in CSV and XLSX; text starting otherwise, numbers and negative
// amounts (number cells) are left as they are.
TEST(Csv, EveryFormulaStarterIsNeutralisedAndNothingElse) {
  for (const char* text : {"=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"})
    EXPECT_EQ(neutralise_formula(text), std::string("'") + text) << text;
  for (const char* text : {"plain", "'=already", " =spaced", "", "1-2"})
    EXPECT_EQ(neutralise_formula(text), text) << text;
  Table t{"t", {"a", "b"}, {{Cell::of("\t=cmd"), Cell::of(*Money::parse("-5", *Currency::of("TWD")))},
                            {Cell::of("\r@x"), Cell::of("-dash")}}};
  EXPECT_EQ(to_csv(t), "\xEF\xBB\xBF" "a,b\r\n'\t=cmd,-5.00\r\n\"'\r@x\",'-dash\r\n");
}

TEST(Csv, TheGuardIsDroppedOnlyBeforeAFormulaStarter) {
  for (const char* text : {"=1+1", "+1", "-1", "@x", "\tx", "\rx", "'plain", "'", "x"})
    EXPECT_EQ(strip_formula_guard(neutralise_formula(text)), text) << text;
}

TEST(Xlsx, IsAZipWorkbookWithOneSheet) {
  auto bytes = to_xlsx(sample());
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  ASSERT_GT(bytes->size(), 1000u);
  EXPECT_EQ(bytes->substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_NE(bytes->find("xl/worksheets/sheet1.xml"), std::string::npos);
  EXPECT_NE(bytes->find("xl/styles.xml"), std::string::npos);
  // The end-of-central-directory record closes a complete archive.
  EXPECT_NE(bytes->rfind(std::string("PK\x05\x06", 4)), std::string::npos);
}

TEST(Svg, EscapesTextAndDrawsEverySeries) {
  Chart chart;
  chart.title = "Savings <&> \"test\"";
  chart.series = {{"one", {{0, 0}, {1, 100}}, "#000"}, {"two", {{0, 50}, {1, 60}}, "#f00"}};
  chart.x_ticks = {{0, "2025"}, {1, "2026"}};
  chart.y_marker = ChartMarker{80, "invested"};
  std::string svg = line_chart(chart);
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("Savings &lt;&amp;&gt; &quot;test&quot;"), std::string::npos);
  EXPECT_EQ(svg.find("<&>"), std::string::npos);
  std::size_t polylines = 0;
  for (std::size_t at = svg.find("<polyline"); at != std::string::npos;
       at = svg.find("<polyline", at + 1))
    ++polylines;
  EXPECT_EQ(polylines, 2u);
  EXPECT_NE(svg.find(">invested<"), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
}

TEST(Svg, ThousandsSeparators) {
  EXPECT_EQ(thousands(1234567.4), "1,234,567");
  EXPECT_EQ(thousands(-1000), "-1,000");
  EXPECT_EQ(thousands(999), "999");
}

}  // namespace
}  // namespace estate::reports
