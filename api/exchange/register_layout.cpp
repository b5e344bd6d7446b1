#include "api/exchange/register_layout.h"

#include <algorithm>

#include "api/exchange/register_keys.h"
#include "api/routes/register_codec.h"
#include "domain/enums.h"
#include "domain/json_codec.h"

namespace estate::exchange {

using nlohmann::json;

namespace {

template <class E>
std::vector<std::string> names_of() {
  std::vector<std::string> out;
  for (const auto& [value, name] : EnumNames<E>::table) out.emplace_back(name);
  return out;
}

ColumnSpec text(std::string name, std::string example, bool required = true) {
  std::string path = name;
  return {std::move(name), ColumnKind::text, std::move(path), required, {}, std::move(example)};
}
ColumnSpec at(ColumnSpec c, std::string path) {
  c.path = std::move(path);
  return c;
}
ColumnSpec of_kind(ColumnKind kind, std::string name, std::string example, bool required = true) {
  ColumnSpec c = text(std::move(name), std::move(example), required);
  c.kind = kind;
  return c;
}
template <class E>
ColumnSpec choice(std::string name, std::string example) {
  ColumnSpec c = of_kind(ColumnKind::enumeration, std::move(name), std::move(example));
  c.choices = names_of<E>();
  return c;
}
ColumnSpec ref(std::string name, std::string example, bool required = true) {
  ColumnSpec c = of_kind(ColumnKind::reference, std::move(name), std::move(example), required);
  c.path.clear();
  c.date_value = c.name == "lease_start";
  return c;
}
ColumnSpec currency(std::string money_path, std::string example = "TWD") {
  ColumnSpec c = of_kind(ColumnKind::currency, "currency", std::move(example));
  c.path = money_path + ".currency";
  return c;
}

std::vector<SheetSpec> build_layout() {
  using K = ColumnKind;
  std::vector<SheetSpec> sheets;
  auto record = [&](std::string name, std::string entity, bool finance,
                    std::vector<ColumnSpec> columns, std::vector<RefSpec> refs,
                    std::vector<std::string> key, bool unique = true) {
    SheetSpec s;
    s.name = std::move(name);
    s.entity = std::move(entity);
    s.finance = finance;
    s.columns = std::move(columns);
    s.refs = std::move(refs);
    s.key = std::move(key);
    s.unique_key = unique;
    sheets.push_back(std::move(s));
  };
  auto list = [&](std::string name, std::string parent, std::vector<std::string> parent_columns,
                  std::string array, std::vector<ColumnSpec> columns, std::vector<RefSpec> refs,
                  bool omit_empty = false) {
    SheetSpec s;
    s.name = std::move(name);
    s.parent = std::move(parent);
    s.parent_columns = std::move(parent_columns);
    s.array = std::move(array);
    s.columns = std::move(columns);
    s.refs = std::move(refs);
    s.omit_empty = omit_empty;
    sheets.push_back(std::move(s));
  };
  // A lease is named by its property's code and its start.
  const std::vector<std::string> lease_key = {"property_code", "lease_start"};

  record("missions", "missions", false,
         {text("code", "SYD"), text("name_en", "Taipei Economic and Cultural Office in Sydney"),
          text("name_zh", "駐雪梨台北經濟文化辦事處"), text("country", "AU"),
          text("city", "Sydney"), choice<Region>("region", "east_asia_pacific"),
          choice<MissionType>("type", "office"), text("currency", "AUD"),
          text("time_zone", "Australia/Sydney")},
         {}, {"code"});
  record("properties", "properties", false,
         {text("code", "SYD-OFF-1"), ref("mission_code", "SYD", false),
          text("name", "Sydney office"), text("name_zh", "駐雪梨辦事處辦公館舍", false),
          choice<PropertyKind>("kind", "office"),
          text("address", "Level 22, 1 York Street, Sydney NSW"),
          of_kind(K::decimal, "floor_area_m2", "1250.00"),
          choice<PropertyStatus>("status", "active"),
          of_kind(K::list, "agencies", "MOFA, MOEA", false)},
         {{"mission_id", "missions", {"mission_code"}, true}}, {"code"});
  list("tenure", "properties", {"property_code"}, "tenure",
       {ref("property_code", "SYD-OFF-1"), choice<TenureType>("type", "leased"),
        of_kind(K::date, "from", "2015-07-01"), of_kind(K::date, "to", "2026-06-30", false)},
       {});
  record("leases", "leases", false,
         {ref("property_code", "SYD-OFF-1"), of_kind(K::date, "start", "2015-07-01"),
          of_kind(K::date, "end", "2027-06-30"), text("lessor", "York Street Property Trust"),
          of_kind(K::money, "rent", "95000.00"), currency("rent", "AUD"),
          choice<RentPeriod>("period", "monthly"),
          at(choice<EscalationKind>("escalation_kind", "steps"), "escalation.kind"),
          at(of_kind(K::decimal, "escalation_pct", "", false), "escalation.pct"),
          of_kind(K::integer, "notice_days", "180")},
         {{"property_id", "properties", {"property_code"}, false}}, {"property_code", "start"});
  list("lease_options", "leases", lease_key, "options",
       {ref("property_code", "SYD-OFF-1"), ref("lease_start", "2015-07-01"),
        choice<LeaseOptionKind>("kind", "renewal"), of_kind(K::date, "exercise_by", "2026-12-31"),
        of_kind(K::integer, "years", "5", false)},
       {});
  list("rent_steps", "leases", lease_key, "escalation.steps",
       {ref("property_code", "SYD-OFF-1"), ref("lease_start", "2015-07-01"),
        of_kind(K::date, "from", "2016-07-01"), of_kind(K::money, "rent", "97850.00"),
        currency("rent", "AUD")},
       {}, true);
  record("budget_lines", "budget_lines", true,
         {text("code", "MOFA-PREMISES"), text("name_zh", "購建駐外機構館官舍"),
          text("name_en", "Purchase and construction of mission premises")},
         {}, {"code"});
  record("acquisitions", "acquisitions", false,
         {text("code", "ACQ-SYD-2026"), ref("property_code", "SYD-OFF-1"),
          of_kind(K::money, "price", "52000000.00"), of_kind(K::money, "costs", "2080000.00"),
          of_kind(K::money, "operating_cost_annual", "390000.00"), currency("price", "AUD"),
          ref("budget_line_code", "MOFA-PREMISES", false)},
         {{"property_id", "properties", {"property_code"}, false},
          {"budget_line_id", "budget_lines", {"budget_line_code"}, true}},
         {"code"});
  list("acquisition_stages", "acquisitions", {"acquisition_code"}, "stages",
       {ref("acquisition_code", "ACQ-SYD-2026"), choice<AcquisitionStage>("stage", "proposed"),
        of_kind(K::date, "on", "2025-09-01")},
       {});
  list("acquisition_leases", "acquisitions", {"acquisition_code"}, "replaces_lease_ids",
       {ref("acquisition_code", "ACQ-SYD-2026"), ref("property_code", "SYD-OFF-1"),
        ref("lease_start", "2015-07-01")},
       {{"", "leases", lease_key, false}});
  record("projects", "projects", false,
         {text("code", "ZHIYUAN-RENEWAL"), text("name_zh", "致遠新村活化再利用計畫"),
          text("name_en", "Zhiyuan New Village renewal"), of_kind(K::date, "start", "2025-03-01"),
          of_kind(K::money, "bac", "1020000000.00"), currency("bac")},
         {}, {"code"});
  list("project_properties", "projects", {"project_code"}, "property_ids",
       {ref("project_code", "ZHIYUAN-RENEWAL"), ref("property_code", "SYD-OFF-1")},
       {{"", "properties", {"property_code"}, false}});
  list("milestones", "projects", {"project_code"}, "milestones",
       {ref("project_code", "ZHIYUAN-RENEWAL"), text("name", "竣工 completion"),
        of_kind(K::date, "date", "2028-12-31"), of_kind(K::decimal, "planned_pct", "100.00")},
       {});
  record("progress", "progress", false,
         {ref("project_code", "ZHIYUAN-RENEWAL"), of_kind(K::date, "on", "2025-06-30"),
          of_kind(K::decimal, "pct_complete", "3.00")},
         {{"project_id", "projects", {"project_code"}, false}}, {"project_code", "on"});
  record("fx_rates", "fx_rates", true,
         {text("currency", "AUD"), of_kind(K::date, "effective", "2026-01-01"),
          of_kind(K::decimal, "twd_per_unit", "20.830000")},
         {}, {"currency", "effective"});
  record("appropriations", "appropriations", true,
         {ref("budget_line_code", "MOFA-PREMISES"), of_kind(K::integer, "fiscal_year", "115"),
          of_kind(K::money, "amount", "1200000000.00"), currency("amount")},
         {{"budget_line_id", "budget_lines", {"budget_line_code"}, false}},
         {"budget_line_code", "fiscal_year"});
  record("expenditures", "expenditures", true,
         {ref("budget_line_code", "MOFA-PREMISES"), of_kind(K::date, "on", "2026-01-15"),
          of_kind(K::money, "amount", "4500000.00"), currency("amount"),
          text("description", "Sydney office: legal and technical due diligence"),
          ref("project_code", "", false), ref("acquisition_code", "ACQ-SYD-2026", false)},
         {{"budget_line_id", "budget_lines", {"budget_line_code"}, false},
          {"project_id", "projects", {"project_code"}, true},
          {"acquisition_id", "acquisitions", {"acquisition_code"}, true}},
         {"budget_line_code", "on", "description"}, false);
  record("commitments", "commitments", true,
         {ref("budget_line_code", "MOFA-PREMISES"), of_kind(K::date, "signed_on", "2026-03-20"),
          text("counterparty", "York Street Property Trust"),
          of_kind(K::money, "amount", "1080560000.00"), of_kind(K::money, "paid", "0.00"),
          currency("amount"), ref("project_code", "", false),
          ref("acquisition_code", "ACQ-SYD-2026", false)},
         {{"budget_line_id", "budget_lines", {"budget_line_code"}, false},
          {"project_id", "projects", {"project_code"}, true},
          {"acquisition_id", "acquisitions", {"acquisition_code"}, true}},
         {"budget_line_code", "signed_on", "counterparty"}, false);
  return sheets;
}

// ---- record types: the API's decoders and the repositories behind one face ----

template <class Entity, class Repo, class Decode>
RecordType make_type(persistence::Store& store, Repo& repo, const std::string& sheet,
                     Decode decode) {
  const std::string entity = sheet_spec(sheet)->entity;
  RecordType t;
  t.all = [&store, &repo, entity](std::optional<Instant> at) -> Result<std::vector<json>> {
    if (at) return store.history->records_as_of(entity, *at);
    auto found = repo.list_all();
    if (!found.ok()) return found.error();
    std::vector<json> out;
    out.reserve(found->size());
    for (const Entity& e : *found) out.push_back(to_json(e));
    return out;
  };
  t.each = [&repo](const std::function<Status(json)>& visit) -> Status {
    for (PageRequest page{1000, 0};;) {  // a page of entities at a time, as list_all reads
      auto found = repo.list({}, page);
      if (!found.ok()) return found.error();
      for (const Entity& e : found->items) {
        if (Status s = visit(to_json(e)); !s.ok()) return s;
      }
      if (!found->next_after_id) return {};
      page.after_id = *found->next_after_id;
    }
  };
  t.prepare = [&repo, decode](const json& body) -> Result<PreparedRecord> {
    auto decoded = decode(body);
    if (!decoded.ok()) return decoded.error();
    auto entity = std::make_shared<Entity>(std::move(*decoded));
    PreparedRecord p;
    p.content = content_of(to_json(*entity));
    p.write = [&repo, entity](UnitOfWork& work, std::optional<std::int64_t> id,
                              std::int64_t version) -> Result<json> {
      if (!id) {
        auto stored = repo.create(work, *entity);
        if (!stored.ok()) return stored.error();
        return to_json(*stored);
      }
      auto current = repo.get(work, decltype(entity->id){*id});
      if (!current.ok()) return current.error();
      Entity changed = *entity;
      changed.id = current->id;
      changed.meta = current->meta;
      auto stored = repo.update(work, changed, version);
      if (!stored.ok()) return stored.error();
      return to_json(*stored);
    };
    return p;
  };
  return t;
}

}  // namespace

std::size_t workbook_rank(const std::string& sheet) {
  static const std::vector<std::string> order = {
      "missions",     "properties",         "tenure",             "leases",
      "lease_options", "rent_steps",        "acquisitions",       "acquisition_stages",
      "acquisition_leases", "projects",     "project_properties", "milestones",
      "progress",     "fx_rates",           "budget_lines",       "appropriations",
      "expenditures", "commitments"};
  return static_cast<std::size_t>(std::find(order.begin(), order.end(), sheet) - order.begin());
}

const ColumnSpec* SheetSpec::column(const std::string& wanted) const {
  for (const ColumnSpec& c : columns) {
    if (c.name == wanted) return &c;
  }
  return nullptr;
}

const std::vector<SheetSpec>& register_layout() {
  static const std::vector<SheetSpec> layout = build_layout();
  return layout;
}

const SheetSpec* sheet_spec(const std::string& name) {
  for (const SheetSpec& s : register_layout()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const json* json_at(const json& j, const std::string& path) {
  const json* at = &j;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = path.find('.', start);
    const std::string part = path.substr(start, dot == std::string::npos ? dot : dot - start);
    if (!at->is_object()) return nullptr;
    auto it = at->find(part);
    if (it == at->end()) return nullptr;
    at = &*it;
    if (dot == std::string::npos) return at;
    start = dot + 1;
  }
}

void json_set(json& j, const std::string& path, json value) {
  json* at = &j;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = path.find('.', start);
    const std::string part = path.substr(start, dot == std::string::npos ? dot : dot - start);
    if (!at->is_object()) *at = json::object();
    if (dot == std::string::npos) {
      (*at)[part] = std::move(value);
      return;
    }
    at = &(*at)[part];
    start = dot + 1;
  }
}

void json_erase(json& j, const std::string& path) {
  const std::size_t dot = path.rfind('.');
  json* parent = &j;
  if (dot != std::string::npos) {
    const json* p = json_at(j, path.substr(0, dot));
    if (!p) return;
    parent = const_cast<json*>(p);
  }
  if (parent->is_object()) parent->erase(dot == std::string::npos ? path : path.substr(dot + 1));
}

json content_of(json record) {
  for (const char* meta : {"id", "version", "created_at", "updated_at", "stage", "fiscal_year_ad"}) {
    record.erase(meta);
  }
  return record;
}

RecordType record_type(persistence::Store& s, const std::string& sheet) {
  // Each sheet's repository and decoder; its entity name comes from the layout.
  using api::DecodeMode;
  const auto create = DecodeMode::create;
  if (sheet == "missions") {
    return make_type<Mission>(s, *s.missions, sheet,
                              [=](const json& b) { return api::decode_mission(b, create); });
  }
  if (sheet == "properties") {
    return make_type<Property>(s, *s.properties, sheet,
                               [=](const json& b) { return api::decode_property(b, create); });
  }
  if (sheet == "leases") {
    return make_type<Lease>(s, *s.leases, sheet,
                            [=](const json& b) { return api::decode_lease(b, create); });
  }
  if (sheet == "acquisitions") {
    return make_type<Acquisition>(s, *s.acquisitions, sheet, [=](const json& b) {
      return api::decode_acquisition(b, create);
    });
  }
  if (sheet == "projects") {
    return make_type<Project>(s, *s.projects, sheet,
                              [=](const json& b) { return api::decode_project(b, create); });
  }
  if (sheet == "progress") {
    return make_type<ProgressReport>(s, *s.progress, sheet, [=](const json& b) {
      const json* p = json_at(b, "project_id");
      const ProjectId project{p && p->is_number_integer() ? p->get<std::int64_t>() : 0};
      return api::decode_progress(b, create, project);
    });
  }
  if (sheet == "fx_rates") {
    return make_type<FxRate>(s, *s.fx_rates, sheet,
                             [=](const json& b) { return api::decode_fx_rate(b, create); });
  }
  if (sheet == "budget_lines") {
    return make_type<BudgetLine>(s, *s.budget_lines, sheet, [=](const json& b) {
      return api::decode_budget_line(b, create);
    });
  }
  if (sheet == "appropriations") {
    return make_type<Appropriation>(s, *s.appropriations, sheet, [=](const json& b) {
      return api::decode_appropriation(b, create);
    });
  }
  if (sheet == "expenditures") {
    return make_type<Expenditure>(s, *s.expenditures, sheet, [=](const json& b) {
      return api::decode_expenditure(b, create);
    });
  }
  return make_type<Commitment>(s, *s.commitments, sheet,
                               [=](const json& b) { return api::decode_commitment(b, create); });
}

// ---- export ----

namespace {

// More significant digits than a double keeps exactly: such an amount is written as text.
bool too_precise_for_a_double(const std::string& decimal) {
  int digits = 0;
  bool leading = true;
  for (char c : decimal) {
    if (c < '0' || c > '9') continue;
    if (leading && c == '0') continue;
    leading = false;
    ++digits;
  }
  return digits > 15;
}

reports::Cell cell_of(const ColumnSpec& column, const json* value) {
  using reports::Cell;
  if (!value || value->is_null()) return Cell::empty();
  switch (column.kind) {
    case ColumnKind::date: {
      auto d = parse_date(value->get<std::string>());
      return d.ok() ? Cell::of(*d) : Cell::of(value->get<std::string>());
    }
    case ColumnKind::decimal:
    case ColumnKind::money: {
      const json* amount = column.kind == ColumnKind::money ? json_at(*value, "amount") : value;
      if (!amount || !amount->is_string()) return Cell::empty();
      const std::string text = amount->get<std::string>();
      if (too_precise_for_a_double(text)) return Cell::of(text);
      const auto point = text.find('.');
      return Cell{Cell::Kind::number, text,
                  point == std::string::npos ? 0 : static_cast<int>(text.size() - point - 1)};
    }
    case ColumnKind::integer:
      return value->is_number_integer() ? Cell::of(value->get<std::int64_t>()) : Cell::empty();
    case ColumnKind::list: {
      std::string joined;
      for (const json& item : *value) {
        if (!joined.empty()) joined += ", ";
        joined += item.get<std::string>();
      }
      return Cell::of(joined);
    }
    default:
      return value->is_string() ? Cell::of(value->get<std::string>()) : Cell::of(value->dump());
  }
}

}  // namespace

Result<std::vector<reports::Cell>> row_of(const SheetSpec& sheet, const json& record,
                                          const std::vector<std::string>& parent_key,
                                          const RegisterKeys& keys) {
  std::vector<reports::Cell> cells(sheet.columns.size());
  std::map<std::string, std::string> ref_values;
  for (std::size_t i = 0; i < sheet.parent_columns.size() && i < parent_key.size(); ++i) {
    ref_values[sheet.parent_columns[i]] = parent_key[i];
  }
  for (const RefSpec& ref : sheet.refs) {
    const json* id = ref.path.empty() ? &record : json_at(record, ref.path);
    if (!id || id->is_null()) continue;
    const auto target = keys.key_of(ref.sheet, id->get<std::int64_t>());
    if (!target) {
      return Error::internal("export: " + ref.sheet + " record " + id->dump() +
                             " is not in the register");
    }
    for (std::size_t i = 0; i < ref.columns.size(); ++i) ref_values[ref.columns[i]] = (*target)[i];
  }
  for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
    const ColumnSpec& column = sheet.columns[c];
    if (column.kind == ColumnKind::reference) {
      auto v = ref_values.find(column.name);
      if (v == ref_values.end() || v->second.empty()) continue;
      cells[c] = reports::Cell::of(v->second);
      if (column.date_value) {
        if (auto d = parse_date(v->second); d.ok()) cells[c] = reports::Cell::of(*d);
      }
    } else {
      cells[c] = cell_of(column, json_at(record, column.path));
    }
  }
  return cells;
}

namespace {

std::vector<reports::Table> in_workbook_order(std::vector<reports::Table> tables) {
  std::stable_sort(tables.begin(), tables.end(), [](const reports::Table& a, const reports::Table& b) {
    return workbook_rank(a.name) < workbook_rank(b.name);
  });
  return tables;
}

reports::Table empty_table(const SheetSpec& sheet) {
  reports::Table t;
  t.name = sheet.name;
  for (const ColumnSpec& c : sheet.columns) {
    t.columns.push_back(c.name);
    t.choices.push_back(c.choices);
  }
  return t;
}

}  // namespace

Result<std::vector<reports::Table>> export_register(persistence::Store& store,
                                                    std::optional<Instant> as_of) {
  std::vector<reports::Table> tables;
  std::map<std::string, std::vector<json>> records;
  RegisterKeys keys;
  for (const SheetSpec& sheet : register_layout()) {
    reports::Table table = empty_table(sheet);
    if (!sheet.is_list()) {
      auto all = record_type(store, sheet.name).all(as_of);
      if (!all.ok()) return all.error();
      records[sheet.name] = std::move(*all);
      for (const json& r : records[sheet.name]) {
        auto row = row_of(sheet, r, {}, keys);
        if (!row.ok()) return row.error();
        keys.add(sheet, r.at("id").get<std::int64_t>(), key_cells(sheet, *row));
        table.rows.push_back(std::move(*row));
      }
    } else {
      for (const json& parent : records[sheet.parent]) {
        const json* items = json_at(parent, sheet.array);
        if (!items || !items->is_array()) continue;
        const auto parent_key = keys.key_of(sheet.parent, parent.at("id").get<std::int64_t>());
        for (const json& item : *items) {
          auto row = row_of(sheet, item, parent_key.value_or(std::vector<std::string>{}), keys);
          if (!row.ok()) return row.error();
          table.rows.push_back(std::move(*row));
        }
      }
    }
    tables.push_back(std::move(table));
  }
  return in_workbook_order(std::move(tables));
}

std::vector<reports::Table> register_template() {
  std::vector<reports::Table> tables;
  for (const SheetSpec& sheet : register_layout()) {
    reports::Table t = empty_table(sheet);
    std::vector<reports::Cell> example;
    for (const ColumnSpec& c : sheet.columns) {
      json value = c.example;
      if (c.example.empty()) {
        example.push_back(reports::Cell::empty());
      } else if (c.kind == ColumnKind::money) {
        example.push_back(cell_of(c, &(value = json{{"amount", c.example}})));
      } else if (c.kind == ColumnKind::integer) {
        example.push_back(reports::Cell::of(std::int64_t{std::stoll(c.example)}));
      } else if (c.kind == ColumnKind::date || c.date_value) {
        example.push_back(reports::Cell::of(*parse_date(c.example)));
      } else {
        example.push_back(cell_of(c, &value));
      }
    }
    t.rows.push_back(std::move(example));
    tables.push_back(std::move(t));
  }
  return in_workbook_order(std::move(tables));
}

}  // namespace estate::exchange
