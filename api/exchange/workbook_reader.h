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
#include <memory>
#include <string>
#include <vector>

#include "domain/result.h"

namespace estate::exchange {

struct SheetCell {
  enum class Kind { text, number, boolean, error, formula };
  Kind kind = Kind::text;
  std::string text;  // a number as stored ("1234.5", "4.5E-3"); empty for a shared string
  int column = 0;    // 0 for A
  // A shared string is kept once, in the workbook's table (Sheet::shared), not in each cell
  // that names it: a string named by thousands of cells costs its bytes once.
  const std::string* shared = nullptr;

  // The cell's text: its own or its shared string.
  const std::string& value() const { return shared ? *shared : text; }
};

struct SheetRow {
  int number = 0;  // as the spreadsheet shows it: 1 is the header
  std::vector<SheetCell> cells;
};

struct Sheet {
  std::string name;
  std::vector<SheetRow> rows;  // rows with at least one cell, in order
  // The workbook's shared strings, which the cells point into (shared by every sheet).
  std::shared_ptr<const std::vector<std::string>> shared;
};

struct Workbook {
  std::vector<Sheet> sheets;
  bool date1904 = false;  // serial dates count from 1904-01-01 (old Mac Excel)
};

// What a file may hold, each checked as it is read, before the work or memory that grows with
// it: so reading any file costs at most about its own size, plus max_text_bytes of cell text
// and about 64 bytes for each cell and shared string, plus a constant (README: "Bringing
// spreadsheets in"), and time linear in its size. The defaults of rows, cells and text are
// what keeps a whole import (a re-import of records that are all there included) within the
// README's bound of 64 MiB: each row and cell is also checked and matched after it is read.
struct ReadLimits {
  std::size_t max_unzipped_bytes = std::size_t{64} << 20;
  std::size_t max_rows = 40'000;    // over all sheets
  std::size_t max_cells = 200'000;  // cells with a value, over all sheets
  // The text of every cell read, summed (a shared string counts for each cell naming it).
  std::size_t max_text_bytes = std::size_t{8} << 20;
  std::size_t max_shared_strings = 250'000;
  std::size_t max_sheets = 256;
  std::size_t max_zip_entries = 4'096;
  std::size_t max_columns = 16'384;  // per row, as Excel (XFD)
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
  // Errors: invalid naming "file" when `bytes` is not a zip or has more than `max_entries`
  // entries. The entries are indexed once, so has() and read() cost no scan of the archive.
  // `bytes` are read in place, not copied: they must outlive the archive.
  static Result<ZipArchive> open(const std::string& bytes, std::size_t max_entries = 4'096);
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
