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

// One data row, its cells read by their columns' kinds: a flat list, not a map by column
// name, as a 5,000-row sheet holds tens of thousands of them (a map's nodes cost several
// times the values).
struct ParsedRow {
  struct Cell {
    const ColumnSpec* column;
    json value;        // its JSON value
    std::string text;  // its canonical text
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
      errors_.push_back({{"sheet", sheet},
                         {"row", row},
                         {"column", column},
                         {"message", render(what, language_)},
                         {"code", code_name(what.code)}});
    }
  }
  std::size_t error_count() const { return error_count_; }
  json errors() const { return errors_; }

 private:
  std::size_t max_errors_;
  Language language_;
  std::size_t error_count_ = 0;
  json errors_ = json::array();
  std::set<std::string> cells_;
};

bool may_write(const SheetSpec& spec, Role role) {
  const SheetSpec* owner = spec.is_list() ? sheet_spec(spec.parent) : &spec;
  return owner->finance ? role == Role::finance : role == Role::facilities;
}

std::string columns_of(const SheetSpec& spec) {
  std::string out;
  for (const ColumnSpec& c : spec.columns) out += (out.empty() ? "" : ", ") + c.name;
  return out;
}

// The cell as its column reads it: the JSON value and its canonical text.
Result<std::pair<json, std::string>> read_cell(const ColumnSpec& column, const SheetCell& cell,
                                               bool date1904) {
  if (column.kind == ColumnKind::date || column.date_value) {
    auto d = cell_date(cell, date1904);
    if (!d.ok()) return d.error();
    return std::pair<json, std::string>{format_date(*d), format_date(*d)};
  }
  if (column.kind == ColumnKind::decimal || column.kind == ColumnKind::money) {
    auto d = cell_decimal(cell);
    if (!d.ok()) return d.error();
    return std::pair<json, std::string>{*d, *d};
  }
  if (column.kind == ColumnKind::integer) {
    auto n = cell_integer(cell);
    if (!n.ok()) return n.error();
    return std::pair<json, std::string>{*n, std::to_string(*n)};
  }
  auto text = cell_text(cell);
  if (!text.ok()) return text.error();
  if (column.kind == ColumnKind::list) {
    json items = json::array();
    std::string item;
    auto flush = [&] {
      auto t = cell_text(SheetCell{SheetCell::Kind::text, item, 0});
      if (t.ok() && !t->empty()) items.push_back(*t);
      item.clear();
    };
    for (std::size_t i = 0; i < text->size(); ++i) {
      const std::string rest = text->substr(i, 3);
      if ((*text)[i] == ',' || (*text)[i] == ';') {
        flush();
      } else if (rest == "\xE3\x80\x81" || rest == "\xEF\xBC\x8C") {  // 、 and ，
        flush();
        i += 2;
      } else {
        item += (*text)[i];
      }
    }
    flush();
    return std::pair<json, std::string>{items, *text};
  }
  return std::pair<json, std::string>{*text, *text};
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
  for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
    const SheetRow& row = sheet.rows[r];
    ParsedRow parsed;
    parsed.number = row.number;
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
      if (value->second.empty() && !value->first.is_array()) continue;
      parsed.cells.push_back({column->second, std::move(value->first), std::move(value->second)});
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
  std::vector<std::string> key;
  int row = 0;                  // its row in the record sheet; 0 when only list rows name it
  std::optional<std::int64_t> id;
  std::int64_t version = 0;
  json existing;                // the stored record's content (null when new)
  json body = json::object();
  std::map<std::string, std::vector<int>> list_rows;  // list sheet → row of each item
  bool bad = false;
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
           std::map<std::string, ParsedSheet>& parsed,
           const std::map<std::string, std::vector<json>>& existing, const Report& file_problems)
      : store_(store), options_(options), parsed_(parsed), existing_(existing),
        report_(file_problems) {}

  Status run(UnitOfWork& work) {
    // Every record now in the register, named by key, before anything changes.
    for (const SheetSpec& spec : register_layout()) {
      if (spec.is_list()) continue;
      for (const json& record : existing_.at(spec.name)) {
        auto row = row_of(spec, record, {}, keys_);
        if (!row.ok()) return row.error();
        const std::int64_t id = record.at("id").get<std::int64_t>();
        keys_.add(spec, id, key_cells(spec, *row));
        stored_[spec.name][id] = &record;
      }
    }
    for (const SheetSpec& spec : register_layout()) {
      if (spec.is_list() || !may_write(spec, options_.role)) continue;
      bool wanted = parsed_.count(spec.name) > 0;
      for (const SheetSpec& list : register_layout()) {
        if (list.parent == spec.name && parsed_.count(list.name)) wanted = true;
      }
      if (!wanted) continue;
      if (Status s = import_sheet(work, spec); !s.ok()) return s;
    }
    return {};
  }

  Report& report() { return report_; }
  json sheets() const { return sheets_; }
  // The changes listed (ImportOptions::changes_from, max_changes), how many were made in all,
  // and a digest of every one of them in order (a chain of SHA-256 over each change's JSON),
  // by which an approved import's request recognises the file's changes without keeping them.
  json changes() const { return changes_; }
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
        json money = {{"amount", v->value}};
        if (currency) {
          if (const ParsedRow::Cell* cur = row.find(currency->name)) money["currency"] = cur->value;
        }
        json_set(body, c.path, money);
      } else {
        json_set(body, c.path, v->value);
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

  Status import_sheet(UnitOfWork& work, const SheetSpec& spec) {
    RecordType type = record_type(store_, spec.name);
    std::vector<Target> targets;
    std::map<std::string, std::size_t> by_key;  // key_id → target
    std::map<std::string, int> seen;            // key_id → occurrences so far
    auto match = [&](Target& t, std::size_t occurrence) {
      const auto ids = keys_.ids_of(spec.name, t.key);
      if (occurrence < ids.size()) {
        t.id = ids[occurrence];
        const json& stored = *stored_[spec.name].at(*t.id);
        t.version = stored.at("version").get<std::int64_t>();
        t.existing = content_of(stored);
        t.body = t.existing;
      }
    };

    if (auto sheet = parsed_.find(spec.name); sheet != parsed_.end()) {
      for (const ParsedRow& row : sheet->second.rows) {
        Target t;
        t.key = texts_of(row, spec.key);
        t.row = row.number;
        const std::string k = key_id(t.key);
        const int occurrence = seen[k]++;
        if (spec.unique_key && occurrence > 0) {
          report_.error(spec.name, row.number, spec.key.front(),
                        {MessageCode::import_duplicate_key,
                         {key_text(t.key), std::to_string(targets[by_key[k]].row)}});
          continue;
        }
        match(t, static_cast<std::size_t>(occurrence));
        t.bad = !apply_row(spec, sheet->second, row, t.body);
        if (!by_key.count(k)) by_key[k] = targets.size();
        targets.push_back(std::move(t));
      }
    }

    // The lists: each replaces the list of every record it names and of every record row.
    for (const SheetSpec& list : register_layout()) {
      if (list.parent != spec.name) continue;
      auto sheet = parsed_.find(list.name);
      if (sheet == parsed_.end() || !may_write(list, options_.role)) continue;
      std::map<std::size_t, json> items;
      for (std::size_t i = 0; i < targets.size(); ++i) items[i] = json::array();
      for (const ParsedRow& row : sheet->second.rows) {
        const auto key = texts_of(row, list.parent_columns);
        const std::string k = key_id(key);
        if (!by_key.count(k)) {
          Target t;
          t.key = key;
          match(t, 0);
          if (!t.id) {
            report_.error(list.name, row.number, list.parent_columns.front(),
                          {MessageCode::import_unknown_parent, {key_text(key), spec.name}});
            continue;
          }
          by_key[k] = targets.size();
          items[targets.size()] = json::array();
          targets.push_back(std::move(t));
        }
        const std::size_t at = by_key[k];
        Target& t = targets[at];
        json item = json::object();
        bool ok = !row.bad;
        if (!list.refs.empty() && list.refs.front().path.empty()) {
          bool empty = false;
          auto id = resolve(list, list.refs.front(), row, empty);
          if (id) item = *id;
          else ok = false;
        } else {
          ok = apply_row(list, sheet->second, row, item) && ok;
        }
        if (!ok) t.bad = true;
        t.list_rows[list.name].push_back(row.number);
        items[at].push_back(item);
      }
      for (auto& [at, array] : items) {
        if (array.empty() && list.omit_empty) json_erase(targets[at].body, list.array);
        else json_set(targets[at].body, list.array, array);
      }
    }

    json counts = {{"sheet", spec.name}, {"create", 0}, {"update", 0}, {"unchanged", 0}};
    for (Target& t : targets) {
      // A record with a refused cell is still checked, so that its other problems are
      // reported too; it is never written.
      auto prepared = type.prepare(t.body);
      if (!prepared.ok()) {
        report_problem(spec, t, prepared.error());
        continue;
      }
      if (t.bad) continue;
      const json& checked = prepared->content;
      if (t.id && checked == t.existing) {
        counts["unchanged"] = counts["unchanged"].get<int>() + 1;
        continue;
      }
      json fields = json::array();
      for (auto it = checked.begin(); it != checked.end(); ++it) {
        const json* before = t.id ? json_at(t.existing, it.key()) : nullptr;
        if (before && *before == it.value()) continue;
        json change = {{"field", shown_field(spec, it.key())},
                       {"after", shown(spec, it.key(), it.value())}};
        if (t.id) change["before"] = before ? shown(spec, it.key(), *before) : json();
        fields.push_back(change);
      }
      if (t.id) {
        for (auto it = t.existing.begin(); it != t.existing.end(); ++it) {
          if (!checked.contains(it.key())) {
            fields.push_back({{"field", shown_field(spec, it.key())},
                              {"before", shown(spec, it.key(), it.value())},
                              {"after", nullptr}});
          }
        }
      }
      auto written = prepared->write(work, t.id, t.version);
      if (!written.ok()) {
        if (written.error().kind == ErrorKind::aborted ||
            written.error().kind == ErrorKind::unavailable) {
          return written.error();  // the transaction is gone: run it again whole, or fail
        }
        report_problem(spec, t, written.error());
        continue;
      }
      const char* action = t.id ? "update" : "create";
      if (options_.four_eyes) {
        auto why = import_sensitivity(spec.name, t.id ? t.existing : json(), *written,
                                      options_.four_eyes->policy());
        if (why) sensitive_.push_back(*why);
      }
      counts[action] = counts[action].get<int>() + 1;
      if (!t.id) keys_.add(spec, written->at("id").get<std::int64_t>(), t.key);
      json change = {{"sheet", spec.name},
                     {"row", t.row},
                     {"code", key_text(t.key)},
                     {"action", action},
                     {"fields", std::move(fields)}};
      changes_digest_ = chain_digest(changes_digest_, change);
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
          auto rows = t.list_rows.find(list.name);
          if (rows != t.list_rows.end() && !rows->second.empty()) {
            sheet = list.name;
            row = rows->second.front();
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
        auto rows = t.list_rows.find(list.name);
        sheet = list.name;
        row = rows != t.list_rows.end() && index < rows->second.size() ? rows->second[index] : t.row;
        const std::string rest = close + 2 <= f.field.size() ? f.field.substr(close + 2) : "";
        column = rest.empty() && !list.refs.empty() ? list.refs.front().columns.front()
                                                    : column_for(list, rest);
        placed = true;
        break;
      }
      if (!placed) {
        column = column_for(spec, f.field);
        if (row == 0) {
          for (const auto& [list, rows] : t.list_rows) {
            if (!rows.empty()) sheet = list, row = rows.front();
          }
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
  std::map<std::string, ParsedSheet>& parsed_;
  const std::map<std::string, std::vector<json>>& existing_;
  std::map<std::string, std::map<std::int64_t, const json*>> stored_;
  RegisterKeys keys_;
  Report report_;
  json sheets_ = json::array();
  json changes_ = json::array();
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
Result<json> run_import(persistence::Store& store, const std::string& bytes, ImportFormat format,
                        const ImportOptions& options, UnitOfWork* outer) {
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

  const std::string import_id = persistence::random_hex(8);
  Report file_report(options.max_errors, options.language);
  json skipped = json::array();
  std::map<std::string, ParsedSheet> parsed;
  for (const Sheet& sheet : sheets) {
    const SheetSpec* spec = sheet_spec(sheet.name);
    if (!spec) {
      skipped.push_back({{"sheet", sheet.name}, {"reason", "is not a sheet of the register layout"}});
      continue;
    }
    if (!options.sheets.empty() &&
        std::find(options.sheets.begin(), options.sheets.end(), sheet.name) == options.sheets.end()) {
      skipped.push_back({{"sheet", sheet.name}, {"reason", "not asked for (sheet=)"}});
      continue;
    }
    if (!may_write(*spec, options.role)) {
      const SheetSpec* owner = spec->is_list() ? sheet_spec(spec->parent) : spec;
      skipped.push_back({{"sheet", sheet.name},
                         {"reason", std::string("written by ") +
                                        (owner->finance ? "finance" : "facilities") +
                                        ", not by " + std::string(to_string(options.role))}});
      continue;
    }
    parsed[sheet.name] = parse_sheet(sheet, *spec, date1904, file_report);
  }
  sheets = std::vector<Sheet>();  // the cells as read are no longer needed: their memory back

  // Every record as it stands, read before the transaction starts.
  std::map<std::string, std::vector<json>> existing;
  for (const SheetSpec& spec : register_layout()) {
    if (spec.is_list()) continue;
    auto all = record_type(store, spec.name).all(std::nullopt);
    if (!all.ok()) return all.error();
    existing[spec.name] = std::move(*all);
  }

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
                   : store.transactions->run(Actor{options.user, "import " + import_id},
                                             work_through);
  if (!s.ok() && (!rolled_back || outer)) {
    if (outer && rolled_back) {
      return Error::conflict({MessageCode::import_no_longer_clean,
                              {std::to_string(importer->report().error_count())}});
    }
    return s.error();
  }

  json request = nullptr;
  if (held) {
    // One change request for the whole file, with what it would change, to apply on approval.
    const Sensitivity& why = importer->sensitive().front();
    json change = {{"file", persistence::to_base64(bytes)},
                   {"format", format == ImportFormat::csv ? "csv" : "xlsx"},
                   {"sheets", options.sheets},
                   {"user", options.user},
                   {"role", std::string(to_string(options.role))},
                   {"changes", importer->changes()},
                   {"changes_total", importer->change_count()},
                   {"changes_digest", importer->changes_digest()}};
    auto stored = store.transactions->run_for<ChangeRequest>(
        Actor{options.user}, [&](UnitOfWork& work) {
          return options.four_eyes->request(work, {options.user, options.role},
                                            {"import", std::nullopt, "import", change, std::nullopt},
                                            why);
        });
    if (!stored.ok()) return stored.error();
    request = to_json(*stored);
  }
  const std::size_t error_count = importer->report().error_count();
  // In the order a person works through the file: sheet by sheet as the workbook has them,
  // row by row (the checks found them in another order: cells first, then references).
  json errors = importer->report().errors();
  auto place = [](const json& e) {
    return std::make_pair(workbook_rank(e.at("sheet").get<std::string>()), e.at("row").get<int>());
  };
  std::stable_sort(errors.begin(), errors.end(),
                   [&](const json& a, const json& b) { return place(a) < place(b); });
  return json{{"import_id", import_id},
              {"dry_run", options.dry_run},
              {"applied", !options.dry_run && error_count == 0 && !held},
              {"sheets", importer->sheets()},
              {"changes", importer->changes()},
              {"changes_total", importer->change_count()},
              {"changes_from", options.changes_from},
              {"changes_truncated",
               options.changes_from + importer->changes().size() < importer->change_count()},
              {"changes_digest", importer->changes_digest()},
              {"errors", errors},
              {"error_count", error_count},
              {"skipped", skipped},
              {"change_request", request}};
}

}  // namespace

Result<json> import_register(persistence::Store& store, const std::string& bytes,
                             ImportFormat format, const ImportOptions& options) {
  return run_import(store, bytes, format, options, nullptr);
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
         if ((*report)["changes_digest"] != wanted) {
           return Error::stale(MessageCode::import_register_changed);
         }
         return app::Applied{std::move(*report), std::nullopt};
       }});
}

}  // namespace estate::exchange
