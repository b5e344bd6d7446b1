// What an import reads from a spreadsheet cell and file, and what it refuses: every accepted
// spelling of dates and amounts (ISO and ROC dates, Excel serials in both systems, thousands
// separators, number cells as writers store them), CSV in UTF-8 and Big5, XLSX parts through
// minizip and expat, and hostile files — a DTD, a zip bomb, a million rows, a formula.
#include <gtest/gtest.h>
#include <iconv.h>

#include <set>

#include "api/exchange/cell_text.h"
#include "api/exchange/register_layout.h"
#include "api/exchange/workbook_reader.h"
#include "reports/table.h"
#include "tests/support/zip_builder.h"

namespace estate::exchange {
namespace {

using testing::entry;
using testing::xlsx_of;
using testing::xlsx_row;
using testing::zip_of;

SheetCell text(std::string t) { return {SheetCell::Kind::text, std::move(t), 0}; }
SheetCell number(std::string t) { return {SheetCell::Kind::number, std::move(t), 0}; }

std::string date_of(const SheetCell& cell, bool date1904 = false) {
  auto d = cell_date(cell, date1904);
  return d.ok() ? format_date(*d) : "error: " + d.error().message;
}
std::string decimal_of(const SheetCell& cell) {
  auto d = cell_decimal(cell);
  return d.ok() ? *d : "error: " + d.error().message;
}
bool refused(const std::string& answer) { return answer.rfind("error: ", 0) == 0; }

TEST(ImportCells, DatesInIsoAndRocSpellingsAndAsExcelSerials) {
  EXPECT_EQ(date_of(text("2026-01-15")), "2026-01-15");
  EXPECT_EQ(date_of(text(" 2026/1/5 ")), "2026-01-05");
  EXPECT_EQ(date_of(text("115/01/15")), "2026-01-15");  // 民國 115 = 2026
  EXPECT_EQ(date_of(text("115-01-15")), "2026-01-15");
  EXPECT_EQ(date_of(text("115.1.15")), "2026-01-15");
  EXPECT_EQ(date_of(text("99/05/01")), "2010-05-01");
  // 1900 system: 46037 is 2026-01-15 (days after 1899-12-30); the 1904 system counts from
  // 1904-01-01, so the same day is 1462 less.
  EXPECT_EQ(date_of(number("46037")), "2026-01-15");
  EXPECT_EQ(date_of(number("44575"), true), "2026-01-15");
  EXPECT_EQ(date_of(number("61")), "1900-03-01");
}

TEST(ImportCells, AmbiguousOrImpossibleDatesAreRefusedNotGuessed) {
  for (const char* bad : {"115/02/30", "2026-02-29", "01/02/2026", "15.01.2026", "2026-1",
                          "20260115", "115/13/01", "next Tuesday", "2026-01-15-01", "12026/01/01",
                          "968854775547758545547758.08.07"}) {
    EXPECT_TRUE(refused(date_of(text(bad)))) << bad;
  }
  EXPECT_TRUE(refused(date_of(number("46037.5"))));  // a date with a time of day
  EXPECT_TRUE(refused(date_of(number("59"))));       // before 1900-03-01 (and 1900-02-29)
  EXPECT_TRUE(refused(date_of({SheetCell::Kind::formula, "46037", 0})));
  EXPECT_TRUE(refused(date_of({SheetCell::Kind::error, "#N/A", 0})));
}

TEST(ImportCells, AmountsWithThousandsSeparatorsAndNumberCellsAreExactDecimalText) {
  EXPECT_EQ(decimal_of(text("1,234,567.89")), "1234567.89");
  EXPECT_EQ(decimal_of(text("  95000.00 ")), "95000.00");
  EXPECT_EQ(decimal_of(text("-1,000")), "-1000");
  EXPECT_EQ(decimal_of(number("1234.5")), "1234.5");
  EXPECT_EQ(decimal_of(number("1.5E+3")), "1500");
  EXPECT_EQ(decimal_of(number("4E-05")), "0.00004");
  EXPECT_EQ(decimal_of(number("1020000000")), "1020000000");
  // Writers that store 17 significant digits: the double is the one 0.566 and 8.925 name.
  EXPECT_EQ(decimal_of(number("0.5659999999999999")), "0.566");
  EXPECT_EQ(decimal_of(number("8.925000000000001")), "8.925");
  // A double that is not a short decimal keeps all its digits (and the money rules refuse it).
  EXPECT_EQ(decimal_of(number("0.30000000000000004")), "0.30000000000000004");
}

TEST(ImportCells, EuropeanOrMisgroupedAmountsAreRefused) {
  for (const char* bad : {"1.234,56", "12,34", "1,2345", ",123", "12a", "1 234", "(100)", "1e3x"}) {
    EXPECT_TRUE(refused(decimal_of(text(bad)))) << bad;
  }
  EXPECT_TRUE(refused(decimal_of({SheetCell::Kind::formula, "12", 0})));
  EXPECT_TRUE(refused(decimal_of({SheetCell::Kind::boolean, "1", 0})));
}

TEST(ImportCells, IntegersAndTrimmedText) {
  EXPECT_EQ(*cell_integer(number("115")), 115);
  EXPECT_EQ(*cell_integer(text("1,000")), 1000);
  EXPECT_EQ(*cell_integer(number("12.0")), 12);
  EXPECT_FALSE(cell_integer(number("12.5")).ok());
  // Spaces, no-break spaces and ideographic spaces (U+3000) go at both ends, not inside.
  EXPECT_EQ(*cell_text(text("\xE3\x80\x80 雪梨 辦事處\xC2\xA0")), "雪梨 辦事處");
  EXPECT_EQ(*cell_text(number("1.0E+2")), "100");
}

// ---- CSV ----

std::string to_big5(const std::string& utf8) {
  iconv_t cd = iconv_open("CP950", "UTF-8");
  std::string out(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size(), out_left = out.size();
  char* o = out.data();
  iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

TEST(ImportCsv, Utf8WithOrWithoutBomAndBig5ReadTheSame) {
  const std::string utf8 = "code,name_zh\r\nSYD,\"駐雪梨台北經濟文化辦事處, \"\"雪梨\"\"\"\r\n\r\nMNL,駐菲律賓\n";
  for (const std::string& bytes : {utf8, "\xEF\xBB\xBF" + utf8, to_big5(utf8)}) {
    auto sheet = read_csv(bytes, "missions", {});
    ASSERT_TRUE(sheet.ok()) << sheet.error().message;
    ASSERT_EQ(sheet->rows.size(), 3u);
    EXPECT_EQ(sheet->rows[1].number, 2);
    EXPECT_EQ(sheet->rows[1].cells[1].value(), "駐雪梨台北經濟文化辦事處, \"雪梨\"");
    EXPECT_EQ(sheet->rows[2].number, 4);  // the blank line is row 3, as a spreadsheet shows it
    EXPECT_EQ(sheet->rows[2].cells[1].value(), "駐菲律賓");
  }
  EXPECT_NE(to_big5(utf8), utf8);
}

TEST(ImportCsv, QuotedLinesBreaksStayInTheirCell) {
  auto sheet = read_csv("code,address\nSYD,\"Level 22\n1 York St\"\n", "properties", {});
  ASSERT_TRUE(sheet.ok());
  ASSERT_EQ(sheet->rows.size(), 2u);
  EXPECT_EQ(sheet->rows[1].cells[1].value(), "Level 22\n1 York St");
}

TEST(ImportCsv, RefusesWhatItCannotReadFaithfully) {
  EXPECT_FALSE(read_csv("\xFF\xFE" "c\0o\0d\0e\0", "missions", {}).ok());  // UTF-16
  EXPECT_FALSE(read_csv("code\n\"SYD\n", "missions", {}).ok());          // unterminated quote
  EXPECT_FALSE(read_csv("code\n\"SYD\"x\n", "missions", {}).ok());       // text after a quote
  EXPECT_FALSE(read_csv("code\n\x81\x20\xFF\n", "missions", {}).ok());   // neither UTF-8 nor Big5
  auto many = read_csv("code\n1\n2\n3\n", "missions", ReadLimits{1 << 20, 2});
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.error().fields.at(0).field, "file");
}

// ---- XLSX ----

TEST(ImportXlsx, ReadsInlineSharedAndNumberCellsWithExcelRowNumbers) {
  const std::string shared =
      "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<si><t>code</t></si><si><r><t>雪</t></r><r><t>梨</t></r><rPh><t>ㄒㄩㄝ</t></rPh></si></sst>";
  const std::string rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                           "<row r=\"4\"><c r=\"B4\" t=\"s\"><v>1</v></c><c r=\"C4\"><v>46037</v></c>"
                           "<c r=\"D4\"><f>1+1</f><v>2</v></c></row>";
  auto book = read_xlsx(xlsx_of({{"missions", rows}}, shared), {});
  ASSERT_TRUE(book.ok()) << book.error().message;
  ASSERT_EQ(book->sheets.size(), 1u);
  const Sheet& s = book->sheets[0];
  EXPECT_EQ(s.name, "missions");
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.rows[1].number, 4);
  ASSERT_EQ(s.rows[1].cells.size(), 3u);
  EXPECT_EQ(s.rows[1].cells[0].value(), "雪梨");  // runs joined, the phonetic guide left out
  EXPECT_EQ(s.rows[1].cells[0].column, 1);
  EXPECT_EQ(s.rows[1].cells[1].kind, SheetCell::Kind::number);
  EXPECT_EQ(s.rows[1].cells[2].kind, SheetCell::Kind::formula);
}

TEST(ImportXlsx, ReadsWhatOurOwnWriterWrites) {
  reports::Table t{"fx_rates", {"currency", "effective", "twd_per_unit"},
                   {{reports::Cell::of("AUD"), reports::Cell::of(*parse_date("2026-01-01")),
                     reports::Cell{reports::Cell::Kind::number, "0.566000", 6}}}};
  reports::Table second = t;
  second.name = "fx_rates_again";
  auto bytes = reports::to_xlsx(std::vector<reports::Table>{t, second});
  ASSERT_TRUE(bytes.ok());
  auto book = read_xlsx(*bytes, {});
  ASSERT_TRUE(book.ok()) << book.error().message;
  ASSERT_EQ(book->sheets.size(), 2u);
  const SheetRow& row = book->sheets[0].rows.at(1);
  EXPECT_EQ(date_of(row.cells.at(1)), "2026-01-01");
  EXPECT_EQ(decimal_of(row.cells.at(2)), "0.566");
}

// Exports neutralise text that would run as a formula the same way in XLSX as in CSV.
TEST(Xlsx, FormulaStartersAreNeutralisedAsInCsv) {
  reports::Table t{"t",
                   {"a"},
                   {{reports::Cell::of("=HYPERLINK(\"x\")")},
                    {reports::Cell::of("\tTAB")},
                    {reports::Cell::of("@at")},
                    {reports::Cell::of("+SUM(A1:A9)")},
                    {reports::Cell::of("-2+3")}}};
  auto bytes = reports::to_xlsx(t);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  // The workbook holds its strings inline (constant memory): read it back with our reader.
  auto book = read_xlsx(*bytes, {});
  ASSERT_TRUE(book.ok()) << book.error().message;
  const auto& rows = book->sheets.at(0).rows;
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[1].cells[0].value(), "'=HYPERLINK(\"x\")");
  EXPECT_EQ(rows[2].cells[0].value(), "'\tTAB");
  EXPECT_EQ(rows[3].cells[0].value(), "'@at");
  EXPECT_EQ(rows[4].cells[0].value(), "'+SUM(A1:A9)");
  EXPECT_EQ(rows[5].cells[0].value(), "'-2+3");
  // An import of that file reads the register's text back without the guard.
  EXPECT_EQ(*cell_text(rows[1].cells[0]), "=HYPERLINK(\"x\")");
  EXPECT_EQ(*cell_text(rows[3].cells[0]), "@at");
}

TEST(ImportXlsx, NotAZipOrNotAWorkbookIsRefused) {
  auto not_zip = read_xlsx("code,name\nSYD,Sydney\n", {});
  ASSERT_FALSE(not_zip.ok());
  EXPECT_EQ(not_zip.error().fields.at(0).field, "file");
  EXPECT_FALSE(read_xlsx(zip_of({entry("word/document.xml", "<w/>")}), {}).ok());
  EXPECT_FALSE(read_xlsx(xlsx_of({{"missions", "<row><c t=\"s\"><v>7</v></c></row>"}}), {}).ok())
      << "a shared string that does not exist";
  EXPECT_FALSE(read_xlsx(xlsx_of({{"missions", "<row><c><v>1</v></row>"}}), {}).ok())
      << "malformed XML";
}

TEST(ImportXlsx, ADocumentTypeDeclarationIsRefusedBeforeAnyEntityExpands) {
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\">"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
      "<sst><si><t>&c;</t></si></sst>";
  auto book = read_xlsx(xlsx_of({{"missions", xlsx_row(1, {"code"})}}, laughs), {});
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.error().fields.at(0).message.find("document type"), std::string::npos)
      << book.error().fields.at(0).message;
}

TEST(ImportXlsx, AZipBombStopsAtTheUnzippedLimit) {
  // 150 MB of spaces inside a worksheet: a few hundred KB zipped.
  const std::string bomb = testing::zip_bomb_xlsx("missions", 150);
  EXPECT_LT(bomb.size(), 1u << 20);
  auto book = read_xlsx(bomb, ReadLimits{64u << 20, 100'000});
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.error().message.find("import limit"), std::string::npos) << book.error().message;
}

TEST(ImportXlsx, AMillionRowsStopAtTheRowLimit) {
  const std::string big = testing::many_rows_xlsx("missions", 1'000'000);
  auto book = read_xlsx(big, ReadLimits{64u << 20, 100'000});
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.error().message.find("100000 rows"), std::string::npos) << book.error().message;
}

// The second probe's amplifiers (issue "Hardening, second probe"): each file small, each
// growing the server's memory or work by far more than its size before these limits.

TEST(ImportXlsx, ASharedStringIsKeptOnceHoweverManyCellsNameIt) {
  // 200 cells naming one 64 KiB string: 12.5 MiB of text if copied per cell, 64 KiB kept
  // (the text limit, 8 MiB by default, raised to let the file through: the sharing is tested).
  ReadLimits limits;
  limits.max_text_bytes = std::size_t{16} << 20;
  auto book = read_xlsx(testing::shared_string_xlsx("missions", 64 * 1024, 200), limits);
  ASSERT_TRUE(book.ok()) << book.error().message;
  const Sheet& sheet = book->sheets.at(0);
  ASSERT_EQ(sheet.rows.size(), 3u);  // the header and two rows of 100
  const std::string* first = &sheet.rows[1].cells[0].value();
  std::size_t cells = 0;
  for (std::size_t r = 1; r < sheet.rows.size(); ++r)
    for (const SheetCell& c : sheet.rows[r].cells) {
      EXPECT_EQ(&c.value(), first);  // the same bytes, not a copy
      EXPECT_TRUE(c.text.empty());
      ++cells;
    }
  EXPECT_EQ(cells, 200u);
  EXPECT_EQ(first->size(), 64u * 1024);
}

TEST(ImportXlsx, CellTextIsBoundedInAllCountingASharedStringForEachCell) {
  // The probe's file: 2,000 cells naming one 64 KiB string, 125 MiB of text to work on.
  const std::string probe = testing::shared_string_xlsx("missions", 64 * 1024, 2000);
  EXPECT_LT(probe.size(), 64u * 1024);  // the string compresses to next to nothing
  auto book = read_xlsx(probe, {});
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.error().message.find("MiB of text"), std::string::npos) << book.error().message;
  // The variant: many small strings, each named once, over a lower limit.
  ReadLimits small;
  small.max_text_bytes = 1000;
  std::string data;
  for (int r = 1; r <= 200; ++r) data += xlsx_row(r, {"abcdefghij"});
  auto many = read_xlsx(xlsx_of({{"missions", data}}), small);
  ASSERT_FALSE(many.ok());
  EXPECT_NE(many.error().message.find("text"), std::string::npos);
}

TEST(ImportXlsx, SharedStringsCellsSheetsAndEntriesAreCountedBeforeTheyGrow) {
  // 3,000,000 empty <si/> in a file of tens of KB.
  const std::string empties = testing::empty_shared_strings_xlsx("missions", 3'000'000);
  EXPECT_LT(empties.size(), 256u * 1024);
  auto strings = read_xlsx(empties, {});
  ASSERT_FALSE(strings.ok());
  EXPECT_NE(strings.error().message.find("shared strings"), std::string::npos)
      << strings.error().message;
  ReadLimits few;
  few.max_shared_strings = 10;
  EXPECT_FALSE(read_xlsx(testing::empty_shared_strings_xlsx("missions", 11), few).ok());
  EXPECT_TRUE(read_xlsx(testing::empty_shared_strings_xlsx("missions", 10), few).ok());
  // Cells with a value.
  few.max_cells = 3;
  std::string data;
  for (int r = 1; r <= 4; ++r) data += xlsx_row(r, {"x"});
  auto cells = read_xlsx(xlsx_of({{"missions", data}}), few);
  ASSERT_FALSE(cells.ok());
  EXPECT_NE(cells.error().message.find("cells"), std::string::npos) << cells.error().message;
  // The probe's 1,200 sheets in a zip of 1,500 entries, refused before any sheet is read; a
  // zip of more entries than a workbook has, refused when it is opened.
  auto sheets = read_xlsx(testing::many_sheets_xlsx(1200, 1500), {});
  ASSERT_FALSE(sheets.ok());
  EXPECT_NE(sheets.error().message.find("1200 sheets"), std::string::npos) << sheets.error().message;
  auto entries = read_xlsx(testing::many_sheets_xlsx(2, 5000), {});
  ASSERT_FALSE(entries.ok());
  EXPECT_NE(entries.error().message.find("5000 entries"), std::string::npos) << entries.error().message;
  // Within the limits, many sheets and entries read (entries are indexed once, not searched
  // per sheet).
  auto fine = read_xlsx(testing::many_sheets_xlsx(250, 4000), {});
  ASSERT_TRUE(fine.ok()) << fine.error().message;
  EXPECT_EQ(fine->sheets.size(), 250u);
}

TEST(ImportCsv, AFileOfCommasIsCountedNotStored) {
  // The probe's 4 MB of commas on one line: more fields than a row may have.
  auto line = read_csv(std::string(4u << 20, ','), "missions", {});
  ASSERT_FALSE(line.ok());
  EXPECT_NE(line.error().message.find("fields"), std::string::npos) << line.error().message;
  // The variant on many lines: empty fields make no cells at all.
  std::string rows;
  for (int r = 0; r < 4000; ++r) rows += std::string(1000, ',') + "\n";
  auto empty = read_csv(rows, "missions", {});
  ASSERT_TRUE(empty.ok()) << empty.error().message;
  EXPECT_TRUE(empty->rows.empty());
  // Cells with text are counted, and a value keeps its column.
  ReadLimits few;
  few.max_cells = 2;
  EXPECT_FALSE(read_csv("a,b\nc,d\n", "missions", few).ok());
  auto kept = read_csv(",,x\n", "missions", {});
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->rows.at(0).cells.at(0).column, 2);
}

TEST(ImportLayout, EverySheetOfApiMdInTheWorkbookOrderWithUniqueColumns) {
  const std::vector<std::string> api_md = {
      "missions", "properties", "tenure", "leases", "lease_options", "rent_steps",
      "acquisitions", "acquisition_stages", "acquisition_leases", "projects",
      "project_properties", "milestones", "progress", "fx_rates", "budget_lines",
      "appropriations", "expenditures", "commitments"};
  std::vector<std::string> names;
  for (const reports::Table& t : register_template()) {
    names.push_back(t.name);
    ASSERT_EQ(t.rows.size(), 1u) << t.name;
    ASSERT_EQ(t.rows[0].size(), t.columns.size()) << t.name;
    std::set<std::string> unique(t.columns.begin(), t.columns.end());
    EXPECT_EQ(unique.size(), t.columns.size()) << t.name;
  }
  EXPECT_EQ(names, api_md);
  // Enumerated columns offer their values as a drop-down.
  const SheetSpec* tenure = sheet_spec("tenure");
  ASSERT_NE(tenure, nullptr);
  EXPECT_EQ(tenure->column("type")->choices, (std::vector<std::string>{"owned", "leased", "provided"}));
}

}  // namespace
}  // namespace estate::exchange
