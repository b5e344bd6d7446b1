// What a spreadsheet cell means, in the register's own spelling: the habits of spreadsheets
// made in Taiwan are accepted and everything ambiguous is refused rather than guessed.
// - Dates: ISO "2026-01-15", "2026/01/15", the ROC calendar "115/01/15", "115-01-15" or
//   "115.01.15" (a year of one to three digits is a ROC year), and Excel date serials (the
//   1900 or the 1904 system). "01/02/2026" (day or month first?) and a serial with a time
//   are errors.
// - Amounts and decimals: "1,234,567.89" (thousands separators in threes), a number cell's
//   stored text ("1234.5", "1.5E+3"), as the shortest decimal that is the double the cell
//   holds (what Excel shows), in exact decimal text. "1.234,56" and "12,34" are errors.
// - Integers: as amounts, without a fraction.
// - Text: spaces (and ideographic spaces) trimmed at both ends; the ' an export puts before
//   text starting like a formula (reports/table.h) dropped.
// A formula, an error value (#N/A) or TRUE/FALSE where a value belongs is an error.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include "api/exchange/workbook_reader.h"
#include "domain/calendar.h"
#include "domain/result.h"

namespace estate::exchange {

// Trimmed text of a text or number cell. Errors: a formula, an error value or a boolean.
Result<std::string> cell_text(const SheetCell& cell);

// A date from text or an Excel serial (number cell; `date1904` from the workbook).
Result<Date> cell_date(const SheetCell& cell, bool date1904);
// A date written as text in one of the accepted forms.
Result<Date> parse_date_text(const std::string& text);

// Exact decimal text ("-1234.50", "0.003") of an amount with or without thousands separators,
// or of a number cell (exponents expanded).
Result<std::string> cell_decimal(const SheetCell& cell);
Result<std::string> parse_decimal_text(const std::string& text);

// An integer (no fraction).
Result<std::int64_t> cell_integer(const SheetCell& cell);

}  // namespace estate::exchange
