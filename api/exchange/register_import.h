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
#include "app/four_eyes.h"
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
  // The language of the report's error messages (their codes are the same in every one).
  Language language = Language::en;
  // The changes listed in the report: at most `max_changes` of them, from the one numbered
  // `changes_from` (0 the first) in the order they are made. Every count stays exact; the
  // report says how many there were in all, and a dry run with a later `changes_from` lists
  // the next ones (the same file on the same register makes the same changes).
  std::size_t changes_from = 0;
  std::size_t max_changes = 1000;
  // Four eyes: with it (and its policy enabled), an import — not a dry run — whose rows
  // include a sensitive change (import_sensitivity) writes nothing but becomes one change
  // request for the whole file: the report says "applied": false and holds "change_request".
  app::FourEyes* four_eyes = nullptr;
};

// The import report (API.md), as the import builds it: typed, and rendered to JSON once.
struct ImportReport {
  struct SheetCounts {  // {"sheet", "create", "update", "unchanged"}
    std::string sheet;
    std::size_t create = 0, update = 0, unchanged = 0;
  };
  struct FieldChange {  // {"field", "before" (updates only), "after"}; null for no value
    std::string field;
    std::optional<nlohmann::json> before;  // absent for a create
    nlohmann::json after;
  };
  struct Change {  // {"sheet", "row", "code", "action", "fields"}
    std::string sheet;
    int row = 0;
    std::string code;
    std::string action;  // "create" or "update"
    std::vector<FieldChange> fields;
  };
  struct Problem {  // {"sheet", "row", "column", "message", "code"}
    std::string sheet;
    int row = 0;
    std::string column;
    std::string message;  // in ImportOptions::language
    std::string code;     // the message's code, the same in every language
  };
  struct Skipped {  // {"sheet", "reason"}
    std::string sheet;
    std::string reason;
  };
  std::string import_id;
  bool dry_run = true;
  bool applied = false;
  std::vector<SheetCounts> sheets;
  std::vector<Change> changes;  // those listed: ImportOptions::changes_from, max_changes
  std::size_t changes_total = 0;
  std::size_t changes_from = 0;
  bool changes_truncated = false;
  std::string changes_digest;
  std::vector<Problem> errors;  // at most ImportOptions::max_errors
  std::size_t error_count = 0;
  std::vector<Skipped> skipped;
  nlohmann::json change_request;  // null, or the change request an import was held as
};
nlohmann::json to_json(const ImportReport::Change& change);
nlohmann::json to_json(const ImportReport& report);

// The import report (API.md): {"import_id", "dry_run", "applied", "sheets", "changes",
// "errors", "error_count", "skipped"}, and "changes_total", "changes_from" and
// "changes_truncated" (true when changes after those listed were left out; ImportOptions),
// rendered from ImportReport. Errors: invalid naming "file" or "sheet" for a file that cannot
// be read at all; unavailable when the database is down.
Result<nlohmann::json> import_register(persistence::Store& store, const std::string& bytes,
                                       ImportFormat format, const ImportOptions& options);

// Registers the kind of change ("import", "import") with `four_eyes`: approving an import's
// request runs the whole file again in the approval's transaction, as its maker with the
// maker's role; a file with a refused row now is a conflict, and a file that would now change
// anything other than what the request listed (the register moved on) is stale.
void add_import_kind(persistence::Store& store, app::FourEyes& four_eyes, ReadLimits limits);

// "a,b" → {"a", "b"}; the names must be sheets of the layout (invalid naming "sheet").
Result<std::vector<std::string>> sheet_list(const std::string& text);

}  // namespace estate::exchange
