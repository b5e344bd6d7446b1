// Bulk import of the register from a workbook in the layout of register_layout.h (or one of
// its sheets as CSV): every row decoded and checked with the API's own rules, every problem
// reported at once with the sheet, the row as the spreadsheet numbers it and the column;
// records matched by key — new ones created, changed ones updated field by field, identical
// ones left alone; and all of it written in one transaction, each record with its journal
// entry under the acting user and `via` "import <id>", or nothing at all. A dry run does the
// same work in a transaction it then rolls back, so its report is the real run's report.
// Sheets the user's role may not write are skipped and listed. Nothing is ever deleted.
// Thread-safety: one import per call; the store serialises writers.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/exchange/workbook_reader.h"
#include "domain/enums.h"
#include "persistence/store.h"

namespace estate::exchange {

enum class ImportFormat { xlsx, csv };

struct ImportOptions {
  bool dry_run = true;
  // The sheets to import: the sheet a CSV file is (required for CSV), or for a workbook an
  // optional subset; empty for every sheet of a workbook.
  std::vector<std::string> sheets;
  std::string user;
  Role role = Role::auditor;
  ReadLimits limits;
  std::size_t max_errors = 1000;  // listed; the count says how many there were
};

// The import report (API.md): {"import_id", "dry_run", "applied", "sheets", "changes",
// "errors", "error_count", "skipped"}. Errors: invalid naming "file" or "sheet" for a file
// that cannot be read at all; unavailable when the database is down.
Result<nlohmann::json> import_register(persistence::Store& store, const std::string& bytes,
                                       ImportFormat format, const ImportOptions& options);

// "a,b" → {"a", "b"}; the names must be sheets of the layout (invalid naming "sheet").
Result<std::vector<std::string>> sheet_list(const std::string& text);

}  // namespace estate::exchange
