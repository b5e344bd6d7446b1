// A report as a table — named columns and typed cells — and its renderers: CSV (RFC 4180
// quoting, CRLF, UTF-8 with a byte-order mark so Excel shows Chinese) and XLSX (via
// libxlsxwriter: numbers as numbers, money with its currency's decimals, a bold header row,
// dates as dates). Cells keep exact text; only the XLSX writer turns amounts into the doubles
// a spreadsheet stores. Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/decimal.h"
#include "domain/money.h"
#include "domain/result.h"

namespace estate::reports {

struct Cell {
  enum class Kind { empty, text, integer, number, date };
  Kind kind = Kind::empty;
  std::string text;  // exactly as in JSON: "1234.50", "2026-07-01", "0.4000"
  int places = 0;    // number: decimal places to show

  static Cell empty() { return Cell{}; }
  static Cell of(std::string text) { return Cell{Kind::text, std::move(text), 0}; }
  static Cell of(const char* text) { return of(std::string(text)); }
  static Cell of(std::int64_t n) { return Cell{Kind::integer, std::to_string(n), 0}; }
  static Cell of(const Money& m) {
    return Cell{Kind::number, m.amount_string(), m.currency().minor_digits()};
  }
  static Cell of(const Decimal& d) { return Cell{Kind::number, d.to_string(), d.scale()}; }
  static Cell of(Date d) { return Cell{Kind::date, format_date(d), 0}; }
  template <class T>
  static Cell of(const std::optional<T>& v) {
    return v ? of(*v) : empty();
  }
};

struct Table {
  std::string name;  // the sheet name and file name stem, e.g. "rent-savings"
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  // Per column, the values a drop-down list offers in XLSX (none when empty or absent).
  std::vector<std::vector<std::string>> choices = {};
};

// Text a spreadsheet would run or reinterpret as a formula — starting with =, +, -, @, TAB
// or CR — prefixed with ', which spreadsheets show as text; other text as it is. Both
// renderers write text cells through it, so a CSV and an XLSX of one table say the same.
std::string neutralise_formula(const std::string& text);
// The inverse, for text read back from a file this service wrote: a ' followed by one of
// those characters is dropped; other text as it is.
std::string strip_formula_guard(const std::string& text);

std::string to_csv(const Table& table);
// The bytes of an .xlsx workbook with one sheet. Errors: internal when libxlsxwriter fails.
Result<std::string> to_xlsx(const Table& table);
// A workbook with a sheet per table, in order; a header row frozen on each.
Result<std::string> to_xlsx(const std::vector<Table>& tables);

}  // namespace estate::reports
