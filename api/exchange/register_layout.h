// The one workbook layout of the register (API.md, "Import and export"): a sheet per record
// type and per list a record holds (a property's tenure, a lease's options and rent steps, an
// acquisition's stages and replaced leases, a project's properties and milestones), columns
// named as the API's fields, and records referring to each other by code — never by id — so
// that a workbook exported from one database imports into another. The export, the empty
// template and the import (register_import.h) all read this one description.
// Thread-safety: the layout is immutable; export functions read the store.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/repository.h"
#include "persistence/store.h"
#include "reports/table.h"

namespace estate::exchange {

enum class ColumnKind {
  text,         // trimmed text
  date,         // YYYY-MM-DD in JSON; dates in every accepted spelling on import
  decimal,      // exact decimal text in JSON ("20.830000")
  money,        // {"amount", "currency"}: the amount here, the currency in the currency column
  currency,     // the row's currency for its money columns (path: the first money's currency)
  integer,      // a JSON number
  enumeration,  // one of `choices`
  list,         // a JSON array of text, written "MOFA, MOEA"
  reference,    // part of a reference to another sheet's record (RefSpec), not a field itself
};

struct ColumnSpec {
  std::string name;
  ColumnKind kind = ColumnKind::text;
  std::string path;  // dotted JSON path in the record (or the list item); "" for references
  bool required = true;
  std::vector<std::string> choices;  // enumeration values (drop-down lists in the template)
  std::string example;               // the template's example row
  bool date_value = false;           // a reference part that is a date (a lease's start)
};

// A record (or a list item) naming another record by that record's key columns: the ids at
// `path` ("" for a list of ids, the item itself) are found by the values of `columns`, which
// match the target sheet's key columns in order.
struct RefSpec {
  std::string path;
  std::string sheet;
  std::vector<std::string> columns;
  bool optional = false;
};

struct SheetSpec {
  std::string name;
  std::string entity;  // the journal's and the API's name: "property"
  bool finance = false;  // written by finance (fx_rates and the budget sheets); else facilities
  std::vector<ColumnSpec> columns;
  std::vector<RefSpec> refs;
  // A record sheet: its records' key columns (matched on import, unique when `unique_key`).
  std::vector<std::string> key;
  bool unique_key = true;
  // A list sheet: the record sheet it belongs to, the columns naming that record (its key,
  // in order), and where the list sits in the record's JSON.
  std::string parent;
  std::vector<std::string> parent_columns;
  std::string array;
  bool omit_empty = false;  // an empty list is left out of the record (a lease's rent steps)

  bool is_list() const { return !parent.empty(); }
  const ColumnSpec* column(const std::string& name) const;
};

// Every sheet in the order records are read and written: a sheet comes after the sheets its
// records refer to, and a list sheet after its record sheet.
const std::vector<SheetSpec>& register_layout();
const SheetSpec* sheet_spec(const std::string& name);
// Where a sheet stands in the workbook, the order a reader meets them (API.md): the budget
// lines among the budget sheets, although acquisitions refer to them and are read after them.
std::size_t workbook_rank(const std::string& sheet);

// The JSON value at a dotted path, or null.
const nlohmann::json* json_at(const nlohmann::json& j, const std::string& path);
void json_set(nlohmann::json& j, const std::string& path, nlohmann::json value);
void json_erase(nlohmann::json& j, const std::string& path);

// A record an import would write: what it decoded to (as API JSON, without id and meta
// fields, for comparing with the stored one) and how to write it — created, or as the update
// of record `id` at `version` — in a unit of work, without decoding it again.
struct PreparedRecord {
  nlohmann::json content;
  std::function<Result<nlohmann::json>(UnitOfWork&, std::optional<std::int64_t> id,
                                       std::int64_t version)>
      write;
};

// A record type as the exchange sees it: its records as API JSON, and a record prepared from
// JSON by the API's decoder and the domain's rules.
struct RecordType {
  // Every record now (`at` nullopt) or as it stood at an instant, in id order.
  std::function<Result<std::vector<nlohmann::json>>(std::optional<Instant> at)> all;
  // Every record now, in id order, given to `visit` one at a time as API JSON, read a page of
  // 1,000 at a time (never all of them at once, as entities or as JSON).
  std::function<Status(const std::function<Status(nlohmann::json)>& visit)> each;
  std::function<Result<PreparedRecord>(const nlohmann::json&)> prepare;
};
RecordType record_type(persistence::Store& store, const std::string& sheet);

// The record's JSON without what the server assigns or derives (id, version, created_at,
// updated_at, an acquisition's stage, an appropriation's fiscal_year_ad): what an import
// compares.
nlohmann::json content_of(nlohmann::json record);

// The register (or its template: no records, one example row per sheet) as workbook sheets.
// `readable` limits the export to sheets the caller may read (all of them today).
Result<std::vector<reports::Table>> export_register(persistence::Store& store,
                                                    std::optional<Instant> as_of);
std::vector<reports::Table> register_template();

class RegisterKeys;
// One record's (or list item's) cells as the workbook shows them, references written as the
// target's key (`parent_key` fills a list sheet's parent columns).
Result<std::vector<reports::Cell>> row_of(const SheetSpec& sheet, const nlohmann::json& record,
                                          const std::vector<std::string>& parent_key,
                                          const RegisterKeys& keys);

}  // namespace estate::exchange
