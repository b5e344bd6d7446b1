// Zip archives for tests, written with minizip: the parts of hand-made XLSX workbooks (and
// hostile ones — a DTD, a zip bomb, a million rows) that no spreadsheet program would save.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace estate::testing {

// One entry: its name and a writer called with a sink for its bytes (so an entry can be
// larger than memory would like, e.g. 150 MB of spaces).
struct ZipEntry {
  std::string name;
  std::function<void(const std::function<void(const std::string&)>&)> write;
};
ZipEntry entry(std::string name, std::string content);

// The archive's bytes (deflated).
std::string zip_of(const std::vector<ZipEntry>& entries);

// A minimal XLSX: workbook, relationships and one worksheet part per sheet, each given as the
// XML of its <sheetData> content (rows of inline strings and numbers, as the test writes them).
std::string xlsx_of(const std::vector<std::pair<std::string, std::string>>& sheets,
                    const std::string& shared_strings = "");

// Hostile workbooks with one sheet named `sheet`: `megabytes` MiB of spaces inside its sheet
// data (a zip bomb, a few hundred KB zipped), and `rows` rows of one inline-string cell.
std::string zip_bomb_xlsx(const std::string& sheet, int megabytes);
std::string many_rows_xlsx(const std::string& sheet, int rows);

// The second probe's amplifiers (issue "Hardening, second probe"): one shared string of
// `string_bytes` named by `cells` cells (in rows of 100) of a sheet `sheet`; `count` empty
// <si/> shared strings; `sheets` sheets in a zip padded to `entries` entries.
std::string shared_string_xlsx(const std::string& sheet, std::size_t string_bytes, int cells);
std::string empty_shared_strings_xlsx(const std::string& sheet, int count);
std::string many_sheets_xlsx(int sheets, int entries);

// <row r="n"> of inline-string cells, empty strings skipped.
std::string xlsx_row(int number, const std::vector<std::string>& cells);

}  // namespace estate::testing
