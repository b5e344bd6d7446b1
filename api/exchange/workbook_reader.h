// Reading the spreadsheets people bring: XLSX workbooks (unzipped with Debian's libminizip
// from memory, their XML read by expat as a stream) and CSV files (RFC 4180; UTF-8 with or
// without a byte-order mark, or Big5/CP950 as Excel saves CSV on a zh-TW Windows machine,
// converted with iconv). Both give the same Sheet of rows numbered as the spreadsheet shows
// them. Hostile files are refused, not obeyed: a document type declaration (entity
// expansion), more unzipped bytes or more rows than the limits, a part missing. Cells keep
// their text exactly as stored; what a cell means is cell_text.h's business.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "domain/result.h"

namespace estate::exchange {

struct SheetCell {
  enum class Kind { text, number, boolean, error, formula };
  Kind kind = Kind::text;
  std::string text;  // a number as stored ("1234.5", "4.5E-3"), a shared string resolved
  int column = 0;    // 0 for A
};

struct SheetRow {
  int number = 0;  // as the spreadsheet shows it: 1 is the header
  std::vector<SheetCell> cells;
};

struct Sheet {
  std::string name;
  std::vector<SheetRow> rows;  // rows with at least one cell, in order
};

struct Workbook {
  std::vector<Sheet> sheets;
  bool date1904 = false;  // serial dates count from 1904-01-01 (old Mac Excel)
};

struct ReadLimits {
  std::size_t max_unzipped_bytes = std::size_t{64} << 20;
  std::size_t max_rows = 100'000;  // over all sheets
};

// Errors: invalid naming "file" (not a zip, not a workbook, a DTD, a malformed part, over a
// limit).
Result<Workbook> read_xlsx(const std::string& bytes, const ReadLimits& limits);
// One sheet named `sheet` from CSV text. Errors: invalid naming "file" (an encoding neither
// UTF-8 nor Big5, UTF-16, an unterminated quote, over the row limit).
Result<Sheet> read_csv(const std::string& bytes, const std::string& sheet,
                       const ReadLimits& limits);

// The name of column `index` as a spreadsheet shows it: 0 → "A", 26 → "AA".
std::string column_letters(int index);

// A zip archive in memory, read with minizip (documents use it to tell XLSX from DOCX).
class ZipArchive {
 public:
  // nullopt-like failure: invalid naming "file" when `bytes` is not a zip.
  static Result<ZipArchive> open(const std::string& bytes);
  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) = delete;
  ~ZipArchive();
  bool has(const std::string& entry);
  // Streams the entry's unzipped bytes to `chunk`; stops with an error when more than
  // `budget` bytes would come out (the budget shrinks by what was read).
  Status read(const std::string& entry, std::size_t& budget,
              const std::function<Status(const char*, std::size_t)>& chunk);

 private:
  struct State;
  explicit ZipArchive(State* state) : state_(state) {}
  State* state_;
};

}  // namespace estate::exchange
