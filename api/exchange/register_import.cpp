#include "api/exchange/register_import.h"

#include <set>

#include "api/exchange/cell_text.h"
#include "api/exchange/register_keys.h"
#include "api/exchange/register_layout.h"
#include "api/routes/register_codec.h"
#include "domain/change_request.h"
#include "persistence/documents.h"
#include "persistence/journal.h"


namespace estate::exchange {

using nlohmann::json;

namespace {

// The items of a list cell ("MOFA, MOEA", "MOFA、MOEA"), trimmed, the empty ones left out.
json list_items(const std::string& text) {
  json items = json::array();
  std::string item;
  auto flush = [&] {
    auto t = cell_text(SheetCell{SheetCell::Kind::text, item, 0});
    if (t.ok() && !t->empty()) items.push_back(*t);
    item.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::string rest = text.substr(i, 3);
    if (text[i] == ',' || text[i] == ';') {
      flush();
    } else if (rest == "\xE3\x80\x81" || rest == "\xEF\xBC\x8C") {  // 、 and ，
      flush();
      i += 2;
    } else {
      item += text[i];
    }
  }
  flush();
  return items;
}

// One data row, its cells read by their columns' kinds: a flat list, not a map by column
// name, as a 5,000-row sheet holds tens of thousands of them (a map's nodes cost several
// times the values), each cell its canonical text only (its JSON value follows from it).
struct ParsedRow {
  struct Cell {
    const ColumnSpec* column;
    std::string text;  // its canonical text
    // Its JSON value: an integer column's number, a list column's items, else the text.
    json value() const {
      if (column->kind == ColumnKind::integer) return std::stoll(text);
      if (column->kind == ColumnKind::list) return list_items(text);
      return text;
    }
  };
  int number = 0;
  std::vector<Cell> cells;  // each column at most once; a column absent: its cell was empty
  bool bad = false;         // a cell of it was refused
  const Cell* find(const std::string& column) const {
    for (const Cell& c : cells)
      if (c.column->name == column) return &c;
    return nullptr;
  }
};

struct ParsedSheet {
  std::set<std::string> present;  // columns the header names
  std::vector<ParsedRow> rows;
};

class Report {
 public:
  Report(std::size_t max_errors, Language language)
      : max_errors_(max_errors), language_(language) {}
  // One error per cell: the first said is the one that matters (a refused date, not the
  // "is required" its absence then causes). Its words are in the report's language; its code
  // is the same in every language.
  void error(const std::string& sheet, int row, const std::string& column, const Message& what) {
    if (!column.empty() && !cells_.insert(sheet + '\x1f' + std::to_string(row) + '\x1f' + column).second) {
      return;
    }
    ++error_count_;
    if (errors_.size() < max_errors_) {
      errors_.push_back({sheet, row, column, render(what, language_), code_name(what.code)});
    }
  }
  std::size_t error_count() const { return error_count_; }
  const std::vector<ImportReport::Problem>& errors() const { return errors_; }

 private:
  std::size_t max_errors_;
  Language language_;
  std::size_t error_count_ = 0;
  std::vector<ImportReport::Problem> errors_;
  std::set<std::string> cells_;
};

bool may_write(const SheetSpec& spec, Role role) {
  const SheetSpec* owner = spec.is_list() ? sheet_spec(spec.parent) : &spec;
  return owner->finance ? role == Role::finance : role == Role::facilities;
}

// Whether the import writes the records of record sheet `spec`: the role writes it, and the
// file holds it or one of its lists.
bool imported(const SheetSpec& spec, const std::map<std::string, ParsedSheet>& parsed, Role role) {
  if (spec.is_list() || !may_write(spec, role)) return false;
  if (parsed.count(spec.name)) return true;
  for (const SheetSpec& list : register_layout()) {
    if (list.parent == spec.name && parsed.count(list.name)) return true;
  }
  return false;
}

// A record now in the register as an import needs it: its id, version and key and, on a
// sheet being imported, its content (content_of) as CBOR, decoded again only when a row names
// it — a few hundred bytes a record, where its JSON DOM costs a few KiB.
struct StoredRecord {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::vector<std::string> key;
  std::vector<std::uint8_t> content;
};
using StoredSheets = std::map<std::string, std::vector<StoredRecord>>;  // in id order

std::string columns_of(const SheetSpec& spec) {
  std::string out;
  for (const ColumnSpec& c : spec.columns) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}

// The cell's canonical text as its column reads it (ParsedRow::Cell::value its JSON value).
Result<std::string> read_cell(const ColumnSpec& column, const SheetCell& cell, bool date1904) {
  if (column.kind == ColumnKind::date || column.date_value) {
    auto d = cell_date(cell, date1904);
    if (!d.ok()) return d.error();
    return format_date(*d);
  }
  if (column.kind == ColumnKind::decimal || column.kind == ColumnKind::money)
    return cell_decimal(cell);
  if (column.kind == ColumnKind::integer) {
    auto n = cell_integer(cell);
    if (!n.ok()) return n.error();
    return std::to_string(*n);
  }
  return cell_text(cell);
}

// Reads a sheet's header and rows against its layout; cell problems go to the report.
ParsedSheet parse_sheet(const Sheet& sheet, const SheetSpec& spec, bool date1904, Report& report) {
  ParsedSheet out;
  if (sheet.rows.empty()) return out;
  const SheetRow& header = sheet.rows.front();
  std::map<int, const ColumnSpec*> by_index;
  for (const SheetCell& cell : header.cells) {
    auto name = cell_text(cell);
    const std::string label = name.ok() ? *name : cell.value();
    const ColumnSpec* column = spec.column(label);
    if (!column) {
      report.error(spec.name, header.number, label,
                   {MessageCode::import_not_a_column, {columns_of(spec)}});
      continue;
    }
    if (out.present.count(label)) {
      report.error(spec.name, header.number, label, MessageCode::import_header_twice);
      continue;
    }
    out.present.insert(label);
    by_index[cell.column] = column;
  }
  bool missing = false;
  for (const ColumnSpec& c : spec.columns) {
    if (c.required && !out.present.count(c.name)) {
      report.error(spec.name, header.number, c.name, MessageCode::import_header_missing);
      missing = true;
    }
  }
  if (missing) return out;
  out.rows.reserve(sheet.rows.size() - 1);
  for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
    const SheetRow& row = sheet.rows[r];
    ParsedRow parsed;
    parsed.number = row.number;
    parsed.cells.reserve(row.cells.size());
    for (const SheetCell& cell : row.cells) {
      auto column = by_index.find(cell.column);
      if (column == by_index.end()) {
        report.error(spec.name, row.number, column_letters(cell.column),
                     MessageCode::import_value_without_header);
        parsed.bad = true;
        continue;
      }
      auto value = read_cell(*column->second, cell, date1904);
      if (!value.ok()) {
        report.error(spec.name, row.number, column->second->name, value.error().what);
        parsed.bad = true;
        continue;
      }
      if (value->empty() && column->second->kind != ColumnKind::list) continue;
      parsed.cells.push_back({column->second, std::move(*value)});
    }
    if (parsed.cells.empty() && !parsed.bad) continue;
    for (const ColumnSpec& c : spec.columns) {
      if (c.required && !parsed.find(c.name) && out.present.count(c.name)) {
        report.error(spec.name, row.number, c.name, MessageCode::is_empty);
        parsed.bad = true;
      }
    }
    out.rows.push_back(std::move(parsed));
  }
  return out;
}

std::vector<std::string> texts_of(const ParsedRow& row, const std::vector<std::string>& columns) {
  std::vector<std::string> out;
  for (const std::string& c : columns) {
    const ParsedRow::Cell* cell = row.find(c);
    out.push_back(cell ? cell->text : std::string());
  }
  return out;
}

// A record (or list item) being built from rows: where each of its parts came from, so a
// rule's complaint about "tenure[1].from" is reported on the tenure row it came from.
struct Target {
  int row = 0;  // its row in the record sheet; 0 when only list rows name it
  bool bad = false;
  const StoredRecord* stored = nullptr;   // the record it updates (null when new)
  const ParsedRow* record_row = nullptr;  // its row in the record sheet, if it has one
  // Each list sheet's rows naming it, in order: its items. The record's JSON is built from its
  // rows only when it is checked, one record at a time.
  std::vector<std::pair<const SheetSpec*, std::vector<const ParsedRow*>>> list_rows;

  const std::vector<const ParsedRow*>* rows_of(const std::string& list) const {
    for (const auto& [spec, rows] : list_rows)
      if (spec->name == list) return &rows;
    return nullptr;
  }
  // Its key, as the rows naming it write it (not kept: thousands of targets).
  std::vector<std::string> key(const SheetSpec& sheet) const {
    if (record_row) return texts_of(*record_row, sheet.key);
    return texts_of(*list_rows.front().second.front(), list_rows.front().first->parent_columns);
  }
};

// Whether writing `after` over `before` (null for a create) on `sheet` is a change four eyes
// holds back: a lease's later end or rent rise, an acquisition's move to a sensitive stage, an
// expenditure or commitment above the amount (created so, or changed to it).
std::optional<Sensitivity> import_sensitivity(const std::string& sheet, const json& before,
                                              const json& after, const ApprovalPolicy& policy) {
  if (sheet == "leases" && !before.is_null()) {
    auto was = api::decode_lease(before, api::DecodeMode::replace);
    auto now = api::decode_lease(after, api::DecodeMode::replace);
    if (was.ok() && now.ok()) return lease_change_sensitivity(*was, *now, policy);
  } else if (sheet == "acquisitions") {
    const json stage = after.value("stage", json());
    if (stage.is_string() && (before.is_null() || before.value("stage", json()) != stage)) {
      if (auto s = parse_enum<AcquisitionStage>(stage.get<std::string>()))
        return stage_move_sensitivity(*s);
    }
  } else if (sheet == "expenditures" || sheet == "commitments") {
    auto amount = [&](const json& record) -> std::optional<Money> {
      if (record.is_null()) return std::nullopt;
      if (sheet == "expenditures") {
        auto e = api::decode_expenditure(record, api::DecodeMode::replace);
        return e.ok() ? std::optional<Money>(e->amount) : std::nullopt;
      }
      auto c = api::decode_commitment(record, api::DecodeMode::replace);
      return c.ok() ? std::optional<Money>(c->amount) : std::nullopt;
    };
    if (auto now = amount(after)) return amount_sensitivity(*now, amount(before), policy);
  }
  return std::nullopt;
}

// The digest of a list of changes with `change` appended, from the digest of the list before.
std::string chain_digest(const std::string& before, const json& change) {
  return persistence::sha256_hex(before + change.dump());
}

std::string digest_of(const json& changes) {
  std::string d;
  if (changes.is_array())
    for (const json& c : changes) d = chain_digest(d, c);
  return d;
}

class Importer {
 public:
  // `file_problems`: what reading the file found already (each run starts from a copy).
  Importer(persistence::Store& store, const ImportOptions& options,
           const std::map<std::string, ParsedSheet>& parsed, const StoredSheets& existing,
           const Report& file_problems)
      : store_(store),
        options_(options),
        parsed_(parsed),
        existing_(existing),
        report_(file_problems) {}

  Status run(UnitOfWork& work) {
    // Every record now in the register, named by key, before anything changes.
    for (const SheetSpec& spec : register_layout()) {
      if (spec.is_list()) continue;
      for (const StoredRecord& r : existing_.at(spec.name)) keys_.add(spec, r.id, r.key);
    }
    for (const SheetSpec& spec : register_layout()) {
      if (!imported(spec, parsed_, options_.role)) continue;
      if (Status s = import_sheet(work, spec); !s.ok()) return s;
    }
    return {};
  }

  Report& report() { return report_; }
  const std::vector<ImportReport::SheetCounts>& sheets() const { return sheets_; }
  // The changes listed (ImportOptions::changes_from, max_changes), how many were made in all,
  // and a digest of every one of them in order (a chain of SHA-256 over each change's JSON),
  // by which an approved import's request recognises the file's changes without keeping them.
  const std::vector<ImportReport::Change>& changes() const { return changes_; }
  std::size_t change_count() const { return change_count_; }
  const std::string& changes_digest() const { return changes_digest_; }
  // The four-eyes rules the written rows met, in the order met (none without four eyes).
  const std::vector<Sensitivity>& sensitive() const { return sensitive_; }

 private:
  // The id a reference names, or an error on its first column.
  std::optional<std::int64_t> resolve(const SheetSpec& sheet, const RefSpec& ref,
                                      const ParsedRow& row, bool& empty) {
    const auto values = texts_of(row, ref.columns);
    empty = std::all_of(values.begin(), values.end(), [](const std::string& v) { return v.empty(); });
    if (empty) {
      if (!ref.optional) report_.error(sheet.name, row.number, ref.columns.front(), MessageCode::is_empty);
      return std::nullopt;
    }
    const auto ids = keys_.ids_of(ref.sheet, values);
    if (ids.empty()) {
      report_.error(sheet.name, row.number, ref.columns.front(),
                    {MessageCode::import_unknown_reference, {key_text(values), ref.sheet}});
      return std::nullopt;
    }
    return ids.front();
  }

  // Sets the row's fields on `body`: a value for each cell, an empty cell clears its field,
  // a column the header leaves out leaves the field as it was.
  bool apply_row(const SheetSpec& sheet, const ParsedSheet& parsed, const ParsedRow& row,
                 json& body) {
    bool ok = !row.bad;
    const ColumnSpec* currency = nullptr;
    for (const ColumnSpec& c : sheet.columns) {
      if (c.kind == ColumnKind::currency) currency = &c;
    }
    for (const ColumnSpec& c : sheet.columns) {
      if (c.kind == ColumnKind::reference || c.kind == ColumnKind::currency) continue;
      if (!parsed.present.count(c.name)) continue;
      const ParsedRow::Cell* v = row.find(c.name);
      if (!v) {
        json_erase(body, c.path);
      } else if (c.kind == ColumnKind::money) {
        json money = {{"amount", v->value()}};
        if (currency) {
          if (const ParsedRow::Cell* cur = row.find(currency->name))
            money["currency"] = cur->value();
        }
        json_set(body, c.path, money);
      } else {
        json_set(body, c.path, v->value());
      }
    }
    for (const RefSpec& ref : sheet.refs) {
      if (ref.path.empty()) continue;
      if (!parsed.present.count(ref.columns.front())) continue;
      bool empty = false;
      auto id = resolve(sheet, ref, row, empty);
      if (id) json_set(body, ref.path, *id);
      else if (empty && ref.optional) json_erase(body, ref.path);
      else ok = false;
    }
    return ok;
  }

  // The stored record with this id on `sheet`.
  const StoredRecord* stored(const std::string& sheet, std::int64_t id) const {
    const std::vector<StoredRecord>& records = existing_.at(sheet);
    auto at = std::lower_bound(records.begin(), records.end(), id,
                               [](const StoredRecord& r, std::int64_t i) { return r.id < i; });
    return at != records.end() && at->id == id ? &*at : nullptr;
  }

  // The record `t` would become, as API JSON: the stored record's content (null when new,
  // `existing`), its record row's cells over it, and each list the file holds for its sheet
  // (`lists`) replaced by the items of the rows naming it. False when a row of it was refused.
  bool body_of(const SheetSpec& spec, const ParsedSheet* record_sheet,
               const std::vector<std::pair<const SheetSpec*, const ParsedSheet*>>& lists,
               const Target& t, const json& existing, json& body) {
    body = t.stored ? existing : json::object();
    bool ok = !(t.record_row && !apply_row(spec, *record_sheet, *t.record_row, body));
    for (const auto& [list, sheet] : lists) {
      json items = json::array();
      if (const auto* rows = t.rows_of(list->name)) {
        for (const ParsedRow* row : *rows) {
          json item = json::object();
          bool fine = !row->bad;
          if (!list->refs.empty() && list->refs.front().path.empty()) {
            bool empty = false;
            auto id = resolve(*list, list->refs.front(), *row, empty);
            if (id)
              item = *id;
            else
              fine = false;
          } else {
            fine = apply_row(*list, *sheet, *row, item) && fine;
          }
          if (!fine) ok = false;
          items.push_back(std::move(item));
        }
      }
      if (items.empty() && list->omit_empty)
        json_erase(body, list->array);
      else
        json_set(body, list->array, std::move(items));
    }
    return ok;
  }

  // Each field that differs between `checked` and the stored `existing` (null for a create).
  std::vector<ImportReport::FieldChange> field_changes(const SheetSpec& spec, bool update,
                                                       const json& existing,
                                                       const json& checked) const {
    std::vector<ImportReport::FieldChange> fields;
    for (auto it = checked.begin(); it != checked.end(); ++it) {
      const json* before = update ? json_at(existing, it.key()) : nullptr;
      if (before && *before == it.value()) continue;
      ImportReport::FieldChange f{shown_field(spec, it.key()), std::nullopt,
                                  shown(spec, it.key(), it.value())};
      if (update) f.before = before ? shown(spec, it.key(), *before) : json();
      fields.push_back(std::move(f));
    }
    if (update) {
      for (auto it = existing.begin(); it != existing.end(); ++it) {
        if (!checked.contains(it.key())) {
          fields.push_back(
              {shown_field(spec, it.key()), shown(spec, it.key(), it.value()), nullptr});
        }
      }
    }
    return fields;
  }

  // The sheet's records: matched by key with the file's rows (record rows first, then the
  // rows of its lists), then each built, checked, compared and written in turn, so that only
  // one record's JSON is held at a time.
  Status import_sheet(UnitOfWork& work, const SheetSpec& spec) {
    RecordType type = record_type(store_, spec.name);
    std::vector<Target> targets;
    std::map<std::string, std::size_t> by_key;  // key_id → target
    std::map<std::string, int> seen;            // key_id → occurrences so far
    auto match = [&](Target& t, const std::vector<std::string>& key, std::size_t occurrence) {
      const auto ids = keys_.ids_of(spec.name, key);
      if (occurrence < ids.size()) t.stored = stored(spec.name, ids[occurrence]);
    };

    const ParsedSheet* record_sheet = nullptr;
    if (auto sheet = parsed_.find(spec.name); sheet != parsed_.end()) {
      record_sheet = &sheet->second;
      targets.reserve(sheet->second.rows.size());
      for (const ParsedRow& row : sheet->second.rows) {
        Target t;
        const auto key = texts_of(row, spec.key);
        t.row = row.number;
        const std::string k = key_id(key);
        const int occurrence = seen[k]++;
        if (spec.unique_key && occurrence > 0) {
          report_.error(spec.name, row.number, spec.key.front(),
                        {MessageCode::import_duplicate_key,
                         {key_text(key), std::to_string(targets[by_key[k]].row)}});
          continue;
        }
        match(t, key, static_cast<std::size_t>(occurrence));
        t.record_row = &row;
        if (!by_key.count(k)) by_key[k] = targets.size();
        targets.push_back(std::move(t));
      }
    }

    // The lists: each replaces the list of every record it names and of every record row.
    std::vector<std::pair<const SheetSpec*, const ParsedSheet*>> lists;
    for (const SheetSpec& list : register_layout()) {
      if (list.parent != spec.name) continue;
      auto sheet = parsed_.find(list.name);
      if (sheet == parsed_.end() || !may_write(list, options_.role)) continue;
      lists.emplace_back(&list, &sheet->second);
      for (const ParsedRow& row : sheet->second.rows) {
        const auto key = texts_of(row, list.parent_columns);
        const std::string k = key_id(key);
        if (!by_key.count(k)) {
          Target t;
          match(t, key, 0);
          if (!t.stored) {
            report_.error(list.name, row.number, list.parent_columns.front(),
                          {MessageCode::import_unknown_parent, {key_text(key), spec.name}});
            continue;
          }
          by_key[k] = targets.size();
          targets.push_back(std::move(t));
        }
        auto& named = targets[by_key[k]].list_rows;
        if (named.empty() || named.back().first != &list)
          named.emplace_back(&list, std::vector<const ParsedRow*>());
        named.back().second.push_back(&row);
      }
    }

    ImportReport::SheetCounts counts{spec.name};
    for (Target& t : targets) {
      const json existing = t.stored ? json::from_cbor(t.stored->content) : json();
      json body;
      if (!body_of(spec, record_sheet, lists, t, existing, body)) t.bad = true;
      // A record with a refused cell is still checked, so that its other problems are
      // reported too; it is never written.
      auto prepared = type.prepare(body);
      body = json();
      if (!prepared.ok()) {
        report_problem(spec, t, prepared.error());
        continue;
      }
      if (t.bad) continue;
      const json& checked = prepared->content;
      if (t.stored && checked == existing) {
        ++counts.unchanged;
        continue;
      }
      auto fields = field_changes(spec, t.stored != nullptr, existing, checked);
      auto written = t.stored ? prepared->write(work, t.stored->id, t.stored->version)
                              : prepared->write(work, std::nullopt, 0);
      if (!written.ok()) {
        if (written.error().kind == ErrorKind::aborted ||
            written.error().kind == ErrorKind::unavailable) {
          return written.error();  // the transaction is gone: run it again whole, or fail
        }
        report_problem(spec, t, written.error());
        continue;
      }
      const char* action = t.stored ? "update" : "create";
      if (options_.four_eyes) {
        auto why = import_sensitivity(spec.name, existing, *written, options_.four_eyes->policy());
        if (why) sensitive_.push_back(*why);
      }
      ++(t.stored ? counts.update : counts.create);
      const auto key = t.key(spec);
      if (!t.stored) keys_.add(spec, written->at("id").get<std::int64_t>(), key);
      ImportReport::Change change{spec.name, t.row, key_text(key), action, std::move(fields)};
      changes_digest_ = chain_digest(changes_digest_, to_json(change));
      if (change_count_ >= options_.changes_from &&
          change_count_ - options_.changes_from < options_.max_changes) {
        changes_.push_back(std::move(change));
      }
      ++change_count_;
    }
    sheets_.push_back(counts);
    return {};
  }

  // A rule's complaint, on the sheet, row and column the offending value came from.
  void report_problem(const SheetSpec& spec, const Target& t, const Error& error) {
    if (error.fields.empty()) {
      report_.error(spec.name, t.row, "", error.what);
      return;
    }
    for (const FieldError& f : error.fields) {
      std::string sheet = spec.name, column = f.field;
      int row = t.row;
      bool placed = false;
      for (const SheetSpec& list : register_layout()) {
        if (list.parent != spec.name) continue;
        if (f.field == list.array) {  // the list as a whole: on its first row, if it has one
          const auto* rows = t.rows_of(list.name);
          if (rows && !rows->empty()) {
            sheet = list.name;
            row = rows->front()->number;
            column = "";
            placed = true;
            break;
          }
          continue;
        }
        const std::string prefix = list.array + "[";
        if (f.field.rfind(prefix, 0) != 0) continue;
        const std::size_t close = f.field.find(']', prefix.size());
        if (close == std::string::npos) continue;
        const std::size_t index = std::strtoul(f.field.c_str() + prefix.size(), nullptr, 10);
        const auto* rows = t.rows_of(list.name);
        sheet = list.name;
        row = rows && index < rows->size() ? (*rows)[index]->number : t.row;
        const std::string rest = close + 2 <= f.field.size() ? f.field.substr(close + 2) : "";
        column = rest.empty() && !list.refs.empty() ? list.refs.front().columns.front()
                                                    : column_for(list, rest);
        placed = true;
        break;
      }
      if (!placed) {
        column = column_for(spec, f.field);
        if (row == 0) {
          // The first row of the list sheet named last in name order.
          const SheetSpec* last = nullptr;
          for (const auto& [list, rows] : t.list_rows)
            if (!rows.empty() && (!last || list->name > last->name)) last = list;
          if (last) sheet = last->name, row = t.rows_of(last->name)->front()->number;
        }
      }
      report_.error(sheet, row, column, f.what);
    }
  }

  // A field of the comparison report as the workbook names it: a reference by its column
  // ("mission_code"), other fields by their API name.
  static std::string shown_field(const SheetSpec& spec, const std::string& field) {
    for (const RefSpec& r : spec.refs) {
      if (r.path == field) return r.columns.front();
    }
    return field;
  }

  // A value of the comparison report as the workbook writes it: ids as the codes they stand
  // for, in a reference and in a list of references (a project's properties).
  json shown(const SheetSpec& spec, const std::string& field, const json& value) const {
    auto code = [&](const std::string& sheet, const json& id) -> json {
      if (!id.is_number_integer()) return id;
      auto key = keys_.key_of(sheet, id.get<std::int64_t>());
      return key ? json(key_text(*key)) : id;
    };
    for (const RefSpec& r : spec.refs) {
      if (r.path == field) return code(r.sheet, value);
    }
    for (const SheetSpec& list : register_layout()) {
      if (list.parent != spec.name || list.array != field || list.refs.empty() ||
          !list.refs.front().path.empty() || !value.is_array()) {
        continue;
      }
      json codes = json::array();
      for (const json& id : value) codes.push_back(code(list.refs.front().sheet, id));
      return codes;
    }
    return value;
  }

  static std::string column_for(const SheetSpec& spec, const std::string& field) {
    for (const ColumnSpec& c : spec.columns) {
      if (!c.path.empty() && c.path == field) return c.name;
    }
    for (const ColumnSpec& c : spec.columns) {
      if (!c.path.empty() && field.rfind(c.path + ".", 0) == 0) return c.name;
    }
    for (const RefSpec& r : spec.refs) {
      if (!r.path.empty() && r.path == field) return r.columns.front();
    }
    return field;
  }

  persistence::Store& store_;
  const ImportOptions& options_;
  const std::map<std::string, ParsedSheet>& parsed_;
  const StoredSheets& existing_;
  RegisterKeys keys_;
  Report report_;
  std::vector<ImportReport::SheetCounts> sheets_;
  std::vector<ImportReport::Change> changes_;
  std::size_t change_count_ = 0;
  std::string changes_digest_;
  std::vector<Sensitivity> sensitive_;
};

}  // namespace

Result<std::vector<std::string>> sheet_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    std::string name = text.substr(start, comma == std::string::npos ? comma : comma - start);
    if (!sheet_spec(name)) {
      std::string known;
      for (const SheetSpec& s : register_layout()) known += (known.empty() ? "" : ", ") + s.name;
      return Error::invalid_field("sheet", {MessageCode::import_not_a_sheet, {name, known}});
    }
    out.push_back(name);
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

namespace {

// The import, in a transaction of its own or (an approved request's) in `outer`, which it
// rolls back by failing when a row is refused.
Result<ImportReport> run_import(persistence::Store& store, const std::string& bytes,
                                ImportFormat format, const ImportOptions& options,
                                UnitOfWork* outer) {
  std::vector<Sheet> sheets;
  bool date1904 = false;
  if (format == ImportFormat::csv) {
    if (options.sheets.size() != 1) {
      return Error::invalid_field("sheet", MessageCode::import_csv_one_sheet);
    }
    auto sheet = read_csv(bytes, options.sheets.front(), options.limits);
    if (!sheet.ok()) return sheet.error();
    sheets.push_back(std::move(*sheet));
  } else {
    auto book = read_xlsx(bytes, options.limits);
    if (!book.ok()) return book.error();
    sheets = std::move(book->sheets);
    date1904 = book->date1904;
  }

  ImportReport report;
  report.import_id = persistence::random_hex(8);
  report.dry_run = options.dry_run;
  report.changes_from = options.changes_from;
  Report file_report(options.max_errors, options.language);
  std::map<std::string, ParsedSheet> parsed;
  for (Sheet& sheet : sheets) {
    const SheetSpec* spec = sheet_spec(sheet.name);
    if (!spec) {
      report.skipped.push_back({sheet.name, "is not a sheet of the register layout"});
      continue;
    }
    if (!options.sheets.empty() &&
        std::find(options.sheets.begin(), options.sheets.end(), sheet.name) == options.sheets.end()) {
      report.skipped.push_back({sheet.name, "not asked for (sheet=)"});
      continue;
    }
    if (!may_write(*spec, options.role)) {
      const SheetSpec* owner = spec->is_list() ? sheet_spec(spec->parent) : spec;
      report.skipped.push_back(
          {sheet.name, std::string("written by ") + (owner->finance ? "finance" : "facilities") +
                           ", not by " + std::string(to_string(options.role))});
      continue;
    }
    parsed[sheet.name] = parse_sheet(sheet, *spec, date1904, file_report);
    sheet.rows = std::vector<SheetRow>();  // its cells as read are no longer needed
  }
  sheets = std::vector<Sheet>();  // nor the shared strings: their memory back

  // Every record as it stands, read before the transaction starts one at a time: its key (its
  // references named by their targets' keys), and the content of those the file's rows name
  // (so what is held grows with the file, not with the register).
  // Only the sheets imported and those they name (transitively) are read: a sheet comes after
  // the sheets it refers to, so one pass from the last marks them all.
  std::set<std::string> needed;
  const auto& layout = register_layout();
  for (auto spec = layout.rbegin(); spec != layout.rend(); ++spec) {
    const std::string& record = spec->is_list() ? spec->parent : spec->name;
    if (!needed.count(record) && !imported(*sheet_spec(record), parsed, options.role)) continue;
    needed.insert(record);
    for (const RefSpec& ref : spec->refs) needed.insert(ref.sheet);
  }
  StoredSheets existing;
  RegisterKeys keys;
  for (const SheetSpec& spec : register_layout()) {
    if (spec.is_list()) continue;
    std::vector<StoredRecord>& records = existing[spec.name];
    if (!needed.count(spec.name)) continue;
    std::set<std::string> named;  // key_id of each record the file's rows name
    if (imported(spec, parsed, options.role)) {
      if (auto rows = parsed.find(spec.name); rows != parsed.end()) {
        for (const ParsedRow& row : rows->second.rows)
          named.insert(key_id(texts_of(row, spec.key)));
      }
      for (const SheetSpec& list : register_layout()) {
        auto rows = list.parent == spec.name ? parsed.find(list.name) : parsed.end();
        if (rows == parsed.end()) continue;
        for (const ParsedRow& row : rows->second.rows)
          named.insert(key_id(texts_of(row, list.parent_columns)));
      }
    }
    Status read = record_type(store, spec.name).each([&](json record) -> Status {
      auto row = row_of(spec, record, {}, keys);
      if (!row.ok()) return row.error();
      StoredRecord r;
      r.id = record.at("id").get<std::int64_t>();
      r.version = record.at("version").get<std::int64_t>();
      r.key = key_cells(spec, *row);
      keys.add(spec, r.id, r.key);
      if (named.count(key_id(r.key))) r.content = json::to_cbor(content_of(std::move(record)));
      records.push_back(std::move(r));
      return {};
    });
    if (!read.ok()) return read.error();
    std::sort(records.begin(), records.end(),
              [](const StoredRecord& a, const StoredRecord& b) { return a.id < b.id; });
  }
  keys = RegisterKeys();  // each run of the importer names them again

  std::optional<Importer> importer;
  bool rolled_back = false, held = false;
  const bool four_eyes = options.four_eyes && options.four_eyes->policy().enabled;
  auto work_through = [&](UnitOfWork& work) -> Status {
    importer.emplace(store, options, parsed, existing, file_report);
    rolled_back = false;
    if (Status r = importer->run(work); !r.ok()) return r;
    held = four_eyes && !options.dry_run && !importer->sensitive().empty();
    if (options.dry_run || importer->report().error_count() > 0 || held) {
      rolled_back = true;
      return Error::invalid("rolled back");
    }
    return {};
  };
  Status s = outer ? work_through(*outer)
                   : store.transactions->run(Actor{options.user, "import " + report.import_id},
                                             work_through);
  if (!s.ok() && (!rolled_back || outer)) {
    if (outer && rolled_back) {
      return Error::conflict({MessageCode::import_no_longer_clean,
                              {std::to_string(importer->report().error_count())}});
    }
    return s.error();
  }

  if (held) {
    // One change request for the whole file, with what it would change, to apply on approval.
    const Sensitivity& why = importer->sensitive().front();
    json listed = json::array();
    for (const ImportReport::Change& c : importer->changes()) listed.push_back(to_json(c));
    json change = {{"file", persistence::to_base64(bytes)},
                   {"format", format == ImportFormat::csv ? "csv" : "xlsx"},
                   {"sheets", options.sheets},
                   {"user", options.user},
                   {"role", std::string(to_string(options.role))},
                   {"changes", std::move(listed)},
                   {"changes_total", importer->change_count()},
                   {"changes_digest", importer->changes_digest()}};
    auto stored = store.transactions->run_for<ChangeRequest>(
        Actor{options.user}, [&](UnitOfWork& work) {
          return options.four_eyes->request(work, {options.user, options.role},
                                            {"import", std::nullopt, "import", change, std::nullopt},
                                            why);
        });
    if (!stored.ok()) return stored.error();
    report.change_request = to_json(*stored);
  }
  report.error_count = importer->report().error_count();
  report.applied = !options.dry_run && report.error_count == 0 && !held;
  report.sheets = importer->sheets();
  report.changes = importer->changes();
  report.changes_total = importer->change_count();
  report.changes_truncated = options.changes_from + report.changes.size() < report.changes_total;
  report.changes_digest = importer->changes_digest();
  // In the order a person works through the file: sheet by sheet as the workbook has them,
  // row by row (the checks found them in another order: cells first, then references).
  report.errors = importer->report().errors();
  auto place = [](const ImportReport::Problem& e) {
    return std::make_pair(workbook_rank(e.sheet), e.row);
  };
  std::stable_sort(report.errors.begin(), report.errors.end(),
                   [&](const auto& a, const auto& b) { return place(a) < place(b); });
  return report;
}

}  // namespace

json to_json(const ImportReport::Change& change) {
  json fields = json::array();
  for (const ImportReport::FieldChange& f : change.fields) {
    json field = {{"field", f.field}, {"after", f.after}};
    if (f.before) field["before"] = *f.before;
    fields.push_back(std::move(field));
  }
  return {{"sheet", change.sheet},
          {"row", change.row},
          {"code", change.code},
          {"action", change.action},
          {"fields", std::move(fields)}};
}

json to_json(const ImportReport& report) {
  json sheets = json::array();
  for (const ImportReport::SheetCounts& c : report.sheets) {
    sheets.push_back({{"sheet", c.sheet},
                      {"create", c.create},
                      {"update", c.update},
                      {"unchanged", c.unchanged}});
  }
  json changes = json::array();
  for (const ImportReport::Change& c : report.changes) changes.push_back(to_json(c));
  json errors = json::array();
  for (const ImportReport::Problem& e : report.errors) {
    errors.push_back(
        {{"sheet", e.sheet}, {"row", e.row}, {"column", e.column}, {"message", e.message}, {"code", e.code}});
  }
  json skipped = json::array();
  for (const ImportReport::Skipped& k : report.skipped) {
    skipped.push_back({{"sheet", k.sheet}, {"reason", k.reason}});
  }
  return {{"import_id", report.import_id},
          {"dry_run", report.dry_run},
          {"applied", report.applied},
          {"sheets", std::move(sheets)},
          {"changes", std::move(changes)},
          {"changes_total", report.changes_total},
          {"changes_from", report.changes_from},
          {"changes_truncated", report.changes_truncated},
          {"changes_digest", report.changes_digest},
          {"errors", std::move(errors)},
          {"error_count", report.error_count},
          {"skipped", std::move(skipped)},
          {"change_request", report.change_request}};
}

Result<json> import_register(persistence::Store& store, const std::string& bytes,
                             ImportFormat format, const ImportOptions& options) {
  auto report = run_import(store, bytes, format, options, nullptr);
  if (!report.ok()) return report.error();
  return to_json(*report);
}

void add_import_kind(persistence::Store& store, app::FourEyes& four_eyes, ReadLimits limits) {
  persistence::Store* s = &store;
  four_eyes.add_kind(
      "import", "import",
      {[](UnitOfWork&, ProposedChange&, Role,
          const ApprovalPolicy&) -> Result<std::optional<Sensitivity>> {
         return Error::internal("an import becomes a change request in import_register");
       },
       [s, limits](UnitOfWork& work, const ProposedChange& change) -> Result<app::Applied> {
         const json& c = change.change;
         auto bytes = persistence::from_base64(c.value("file", ""));
         auto role = parse_enum<Role>(c.value("role", ""));
         if (!bytes || !role) return Error::internal("an import's change request is damaged");
         ImportOptions o;
         o.dry_run = false;
         o.user = c.value("user", "");
         o.role = *role;
         o.limits = limits;
         o.sheets = c.value("sheets", std::vector<std::string>{});
         auto report = run_import(*s, *bytes,
                                  c.value("format", "") == "csv" ? ImportFormat::csv
                                                                 : ImportFormat::xlsx,
                                  o, &work);
         if (!report.ok()) return report.error();
         // A request made before the digest was kept holds every change: its digest is theirs.
         const std::string wanted = c.contains("changes_digest")
                                        ? c.value("changes_digest", std::string())
                                        : digest_of(c.value("changes", json()));
         if (report->changes_digest != wanted) {
           return Error::stale(MessageCode::import_register_changed);
         }
         return app::Applied{to_json(*report), std::nullopt};
       }});
}

}  // namespace estate::exchange
