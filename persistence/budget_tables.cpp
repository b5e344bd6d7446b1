#include "persistence/budget_tables.h"

#include <soci/boost-gregorian-date.h>

#include <charconv>

#include "domain/validation.h"

namespace estate::persistence {

namespace {

constexpr ColumnKind kInt = ColumnKind::integer;
constexpr ColumnKind kText = ColumnKind::text;
constexpr ColumnKind kDate = ColumnKind::date;

Money twd(std::int64_t minor) {
  return Money::from_minor(minor, Currency::twd());
}

Decimal percent(std::int64_t hundredths) {
  return Decimal::from_units(hundredths, kPercentScale);
}

// The references expenditures and commitments share: budget line, and optionally a project
// and an acquisition.
Status check_charged_to(soci::session& s, BudgetLineId line, std::optional<ProjectId> project,
                        std::optional<AcquisitionId> acquisition, const char* what) {
  Validator v;
  if (Status b = must_exist(s, "budget_lines", line.value(), "budget_line_id", "budget line");
      !b.ok())
    v.merge(b.error().fields);
  if (project) {
    if (Status p = must_exist(s, "projects", project->value(), "project_id", "project"); !p.ok())
      v.merge(p.error().fields);
  }
  if (acquisition) {
    if (Status a =
            must_exist(s, "acquisitions", acquisition->value(), "acquisition_id", "acquisition");
        !a.ok())
      v.merge(a.error().fields);
  }
  return v.finish(std::string("the ") + what + " refers to records that do not exist");
}

}  // namespace

// ---- budget lines -----------------------------------------------------------------------

const std::vector<Column>& BudgetLineSpec::columns() {
  static const std::vector<Column> c = {{"code", kText}, {"name_zh", kText}, {"name_en", kText}};
  return c;
}

void BudgetLineSpec::write(const Entity& e, Row& row) {
  row.put(e.code);
  row.put(e.name_zh);
  row.put(e.name_en);
}

void BudgetLineSpec::read(Row& row, Entity& e) {
  e.code = row.text();
  e.name_zh = row.text();
  e.name_en = row.text();
}

void BudgetLineSpec::where(const Filter& f, Where& w) {
  w.equals("code", f.code);
}

std::optional<std::string> BudgetLineSpec::dependents(soci::session& s, Id id) {
  return first_referrer(s, id.value(),
                        {{"appropriations", "budget_line_id"},
                         {"expenditures", "budget_line_id"},
                         {"commitments", "budget_line_id"},
                         {"acquisitions", "budget_line_id"}},
                        "budget line");
}

// ---- appropriations ---------------------------------------------------------------------

const std::vector<Column>& AppropriationSpec::columns() {
  static const std::vector<Column> c = {
      {"budget_line_id", kInt}, {"fiscal_year_ad", kInt}, {"amount_twd_minor", kInt}};
  return c;
}

void AppropriationSpec::write(const Entity& e, Row& row) {
  row.put(e.budget_line_id.value());
  row.put(std::int64_t{e.fiscal_year.ad()});
  row.put(e.amount.minor_units());
}

void AppropriationSpec::read(Row& row, Entity& e) {
  e.budget_line_id = BudgetLineId(row.integer());
  e.fiscal_year =
      stored(FiscalYear::from_ad(static_cast<int>(row.integer())), "appropriations.fiscal_year_ad");
  e.amount = twd(row.integer());
}

void AppropriationSpec::where(const Filter& f, Where& w) {
  w.equals_id("budget_line_id", f.budget_line_id);
  w.equals("fiscal_year_ad",
           f.fiscal_year ? std::optional<std::int64_t>(f.fiscal_year->ad()) : std::nullopt);
}

Status AppropriationSpec::check_references(soci::session& s, const Entity& e) {
  return must_exist(s, "budget_lines", e.budget_line_id.value(), "budget_line_id", "budget line");
}

std::optional<std::string> AppropriationSpec::dependents(soci::session& s, Id id) {
  // Budget execution divides the year's spending on the line by what was appropriated: once
  // anything is spent or committed on the line in the year, the appropriation is corrected
  // (PATCH, journalled), not deleted.
  std::int64_t raw = id.value(), line = 0, year_ad = 0, spent = 0, committed = 0;
  s << "SELECT budget_line_id, fiscal_year_ad FROM appropriations WHERE id = :id", soci::use(raw),
      soci::into(line), soci::into(year_ad);
  if (!s.got_data()) return std::nullopt;
  auto year = FiscalYear::from_ad(static_cast<int>(year_ad));
  if (!year.ok()) return std::nullopt;
  boost::gregorian::date from = to_sql_date(year->first_day()),
                         after = to_sql_date(Date{date::sys_days(year->last_day()) + date::days(1)});
  s << "SELECT COUNT(*) FROM expenditures WHERE budget_line_id = :l AND on_date >= :f AND "
       "on_date < :a",
      soci::use(line), soci::use(from), soci::use(after), soci::into(spent);
  s << "SELECT COUNT(*) FROM commitments WHERE budget_line_id = :l AND signed_on >= :f AND "
       "signed_on < :a",
      soci::use(line), soci::use(from), soci::use(after), soci::into(committed);
  if (spent + committed == 0) return std::nullopt;
  return std::to_string(spent) + " expenditures and " + std::to_string(committed) +
         " commitments of fiscal year " + year->label() +
         " are on this budget line: correct the appropriation instead of deleting it";
}

// ---- expenditures -----------------------------------------------------------------------

const std::vector<Column>& ExpenditureSpec::columns() {
  static const std::vector<Column> c = {{"on_date", kDate},       {"amount_twd_minor", kInt},
                                        {"budget_line_id", kInt}, {"project_id", kInt},
                                        {"acquisition_id", kInt}, {"description", kText}};
  return c;
}

void ExpenditureSpec::write(const Entity& e, Row& row) {
  row.put(e.on);
  row.put(e.amount.minor_units());
  row.put(e.budget_line_id.value());
  row.put(e.project_id);
  row.put(e.acquisition_id);
  row.put(e.description);
}

void ExpenditureSpec::read(Row& row, Entity& e) {
  e.on = row.date();
  e.amount = twd(row.integer());
  e.budget_line_id = BudgetLineId(row.integer());
  e.project_id = row.optional_id<ProjectId>();
  e.acquisition_id = row.optional_id<AcquisitionId>();
  e.description = row.text();
}

namespace {
void spending_where(const SpendingFilter& f, const char* date_column, Where& w) {
  w.equals_id("budget_line_id", f.budget_line_id);
  w.equals_id("project_id", f.project_id);
  w.equals_id("acquisition_id", f.acquisition_id);
  w.within(date_column, f.from, f.to);
}
}  // namespace

void ExpenditureSpec::where(const Filter& f, Where& w) {
  spending_where(f, "on_date", w);
}

Status ExpenditureSpec::check_references(soci::session& s, const Entity& e) {
  return check_charged_to(s, e.budget_line_id, e.project_id, e.acquisition_id, "expenditure");
}

Result<std::map<std::int64_t, Money>> SqlSpendingTotals::expended_by_line(
    const SpendingFilter& filter) {
  using Totals = std::map<std::int64_t, Money>;
  return db_->read<Totals>([&](soci::session& s) -> Result<Totals> {
    Where where;
    spending_where(filter, "on_date", where);
    // The sum comes back as text: MariaDB's SUM of BIGINT is an exact DECIMAL that may exceed
    // int64 (SQLite raises an error instead), and it is checked here, not wrapped.
    std::int64_t line = 0;
    std::string sum;
    soci::statement st(s);
    st.exchange(soci::into(line));
    st.exchange(soci::into(sum));
    for (const std::string& p : where.params) st.exchange(soci::use(p));
    st.alloc();
    st.prepare(
        "SELECT budget_line_id, CAST(SUM(amount_twd_minor) AS CHAR) FROM expenditures "
        "WHERE 1 = 1" +
        where.sql + " GROUP BY budget_line_id");
    st.define_and_bind();
    const Error too_large =
        Error::invalid(MessageCode::expenditures_too_large);
    Totals out;
    try {
      st.execute();
      while (st.fetch()) {
        std::int64_t minor = 0;
        const auto [end, ec] = std::from_chars(sum.data(), sum.data() + sum.size(), minor);
        if (ec != std::errc() || end != sum.data() + sum.size()) return too_large;
        out.emplace(line, Money::from_minor(minor, Currency::twd()));
      }
    } catch (const soci::soci_error& e) {
      // SQLite's SUM stops with "integer overflow" rather than wrap.
      if (std::string(e.what()).find("integer overflow") != std::string::npos) return too_large;
      throw;
    }
    return out;
  });
}

// ---- commitments ------------------------------------------------------------------------

const std::vector<Column>& CommitmentSpec::columns() {
  static const std::vector<Column> c = {{"signed_on", kDate},       {"counterparty", kText},
                                        {"amount_twd_minor", kInt}, {"paid_twd_minor", kInt},
                                        {"budget_line_id", kInt},   {"project_id", kInt},
                                        {"acquisition_id", kInt}};
  return c;
}

void CommitmentSpec::write(const Entity& e, Row& row) {
  row.put(e.signed_on);
  row.put(e.counterparty);
  row.put(e.amount.minor_units());
  row.put(e.paid.minor_units());
  row.put(e.budget_line_id.value());
  row.put(e.project_id);
  row.put(e.acquisition_id);
}

void CommitmentSpec::read(Row& row, Entity& e) {
  e.signed_on = row.date();
  e.counterparty = row.text();
  e.amount = twd(row.integer());
  e.paid = twd(row.integer());
  e.budget_line_id = BudgetLineId(row.integer());
  e.project_id = row.optional_id<ProjectId>();
  e.acquisition_id = row.optional_id<AcquisitionId>();
}

void CommitmentSpec::where(const Filter& f, Where& w) {
  spending_where(f, "signed_on", w);
}

Status CommitmentSpec::check_references(soci::session& s, const Entity& e) {
  return check_charged_to(s, e.budget_line_id, e.project_id, e.acquisition_id, "commitment");
}

// ---- projects ---------------------------------------------------------------------------

const std::vector<Column>& ProjectSpec::columns() {
  static const std::vector<Column> c = {{"code", kText},
                                        {"name_zh", kText},
                                        {"name_en", kText},
                                        {"start_date", kDate},
                                        {"bac_twd_minor", kInt}};
  return c;
}

void ProjectSpec::write(const Entity& e, Row& row) {
  row.put(e.code);
  row.put(e.name_zh);
  row.put(e.name_en);
  row.put(e.start);
  row.put(e.bac.minor_units());
}

void ProjectSpec::read(Row& row, Entity& e) {
  e.code = row.text();
  e.name_zh = row.text();
  e.name_en = row.text();
  e.start = row.date();
  e.bac = twd(row.integer());
}

void ProjectSpec::where(const Filter& f, Where& w) {
  w.equals("code", f.code);
}

Status ProjectSpec::check_references(soci::session& s, const Entity& e) {
  // Progress is reported on or after the start (as a report's create checks): a start moved
  // past a report would leave it before the project began.
  std::int64_t self = e.id.value(), report = 0;
  boost::gregorian::date first;
  s << "SELECT id, on_date FROM progress_reports WHERE project_id = :id ORDER BY on_date, id "
       "LIMIT 1",
      soci::use(self), soci::into(report), soci::into(first);
  if (s.got_data() && from_sql_date(first) < e.start) {
    const std::string on = format_date(from_sql_date(first));
    return Error{ErrorKind::conflict,
                 "progress report " + std::to_string(report) + " is dated " + on +
                     ", before the new start",
                 {{"start", "must not be after " + on + ", the date of progress report " +
                                std::to_string(report)}}};
  }
  Validator v;
  for (std::size_t i = 0; i < e.property_ids.size(); ++i) {
    const std::string field = "property_ids[" + std::to_string(i) + "]";
    Status found =
        must_exist(s, "properties", e.property_ids[i].value(), field.c_str(), "property");
    if (!found.ok()) v.merge(found.error().fields);
  }
  return v.finish("the project refers to properties that do not exist");
}

std::optional<std::string> ProjectSpec::dependents(soci::session& s, Id id) {
  return first_referrer(s, id.value(),
                        {{"progress_reports", "project_id"},
                         {"expenditures", "project_id"},
                         {"commitments", "project_id"}},
                        "project");
}

void ProjectSpec::write_children(soci::session& s, const Entity& e, bool replacing) {
  std::int64_t id = e.id.value();
  if (replacing) {
    s << "DELETE FROM project_properties WHERE project_id = :id", soci::use(id);
    s << "DELETE FROM project_milestones WHERE project_id = :id", soci::use(id);
  }
  for (std::size_t i = 0; i < e.property_ids.size(); ++i) {
    int position = static_cast<int>(i);
    std::int64_t property = e.property_ids[i].value();
    s << "INSERT INTO project_properties (project_id, position, property_id) VALUES (:p, :n, "
         ":property)",
        soci::use(id), soci::use(position), soci::use(property);
  }
  for (std::size_t i = 0; i < e.milestones.size(); ++i) {
    int position = static_cast<int>(i);
    const Milestone& m = e.milestones[i];
    boost::gregorian::date on = to_sql_date(m.date);
    std::int64_t pct = percent_hundredths(m.planned_pct);
    s << "INSERT INTO project_milestones (project_id, position, name, on_date, "
         "planned_pct_x100) VALUES (:p, :n, :name, :on, :pct)",
        soci::use(id), soci::use(position), soci::use(m.name), soci::use(on), soci::use(pct);
  }
}

void ProjectSpec::load_children(soci::session& s, const std::vector<std::int64_t>& ids,
                                std::map<std::int64_t, Entity>& by_id) {
  {
    std::int64_t project = 0, property = 0;
    soci::statement st =
        (s.prepare << "SELECT project_id, property_id FROM project_properties "
                      "WHERE " +
                          id_match("project_id", ids) + " ORDER BY project_id, position",
         soci::into(project), soci::into(property));
    st.execute();
    while (st.fetch()) by_id[project].property_ids.push_back(PropertyId(property));
  }
  {
    std::int64_t project = 0, pct = 0;
    std::string name;
    boost::gregorian::date on;
    soci::statement st =
        (s.prepare << "SELECT project_id, name, on_date, planned_pct_x100 FROM "
                      "project_milestones WHERE " +
                          id_match("project_id", ids) + " ORDER BY project_id, position",
         soci::into(project), soci::into(name), soci::into(on), soci::into(pct));
    st.execute();
    while (st.fetch()) {
      by_id[project].milestones.push_back(Milestone{name, from_sql_date(on), percent(pct)});
    }
  }
}

// ---- progress reports -------------------------------------------------------------------

const std::vector<Column>& ProgressSpec::columns() {
  static const std::vector<Column> c = {
      {"project_id", kInt}, {"on_date", kDate}, {"pct_x100", kInt}};
  return c;
}

void ProgressSpec::write(const Entity& e, Row& row) {
  row.put(e.project_id.value());
  row.put(e.on);
  row.put(percent_hundredths(e.pct_complete));
}

void ProgressSpec::read(Row& row, Entity& e) {
  e.project_id = ProjectId(row.integer());
  e.on = row.date();
  e.pct_complete = percent(row.integer());
}

void ProgressSpec::where(const Filter& f, Where& w) {
  w.equals_id("project_id", f.project_id);
}

Status ProgressSpec::check_references(soci::session& s, const Entity& e) {
  std::int64_t project = e.project_id.value(), self = e.id.value(), other = 0;
  boost::gregorian::date start, on = to_sql_date(e.on);
  s << "SELECT start_date FROM projects WHERE id = :id", soci::use(project), soci::into(start);
  if (!s.got_data()) {
    return Error::invalid_field("project_id", "no project with id " + std::to_string(project));
  }
  if (e.on < from_sql_date(start)) {
    return Error::invalid_field(
        "on", "must not be before the project's start, " + format_date(from_sql_date(start)));
  }
  s << "SELECT id FROM progress_reports WHERE project_id = :p AND on_date = :on AND id <> :self",
      soci::use(project), soci::use(on), soci::use(self), soci::into(other);
  if (s.got_data()) {
    return Error::conflict("progress report " + std::to_string(other) +
                           " already gives this project's progress on " + format_date(e.on));
  }
  return {};
}

}  // namespace estate::persistence
