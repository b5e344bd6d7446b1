#include "api/routes/report_routes.h"

#include <cctype>
#include <map>
#include <unordered_map>

#include "api/http/query_reader.h"
#include "api/routes/decision_routes.h"
#include "api/routes/register_codec.h"
#include "api/routes/report_answer.h"
#include "api/routes/report_columns.h"
#include "app/known_at.h"
#include "app/lease_events.h"
#include "reports/budget.h"
#include "reports/charts.h"
#include "reports/co_location.h"
#include "reports/lease_events.h"
#include "reports/lease_vs_buy.h"
#include "reports/ownership.h"
#include "reports/pipeline.h"
#include "reports/rent.h"
#include "reports/rent_savings.h"

namespace estate::api {

using nlohmann::json;
using persistence::Store;
using reports::Cell;
using reports::Table;

// ---- parameters ----

Common read_common(QueryReader& q, const HttpRequest& request) {
  const Date today{date::floor<date::days>(now())};
  const Date earliest{date::year{kEarliestAsOfYear} / date::January / 1};
  const std::optional<Instant> known_at = q.instant("known_at");
  const Date fallback = known_at ? Date{date::floor<date::days>(*known_at)} : today;
  Common c{q.day_within("as_of", earliest, reports::anniversary(today, kAsOfYearsAhead),
                        std::to_string(kAsOfYearsAhead))
               .value_or(fallback)};
  c.lang = language_of(request.header("accept-language"));
  if (auto f = q.text("format")) {
    const std::pair<const char*, Format> known[] = {
        {"json", Format::json}, {"csv", Format::csv}, {"xlsx", Format::xlsx}, {"svg", Format::svg}};
    bool found = false;
    for (const auto& [name, format] : known)
      if (*f == name) c.format = format, found = true;
    if (!found) q.add("format", {MessageCode::not_one_of, {"json, csv, xlsx, svg"}});
  } else if (auto accept = request.header("accept")) {
    if (accept->find("text/csv") != std::string::npos)
      c.format = Format::csv;
    else if (accept->find(kXlsxType) != std::string::npos)
      c.format = Format::xlsx;
    else if (accept->find("image/svg+xml") != std::string::npos)
      c.format = Format::svg;
  }
  return c;
}

namespace {

// ---- loading ----

// Every property and mission, which most estate reports read whole.
struct Estate {
  std::vector<Property> properties;
  std::vector<Mission> missions;
};

Result<Estate> whole_estate(Store& store) {
  auto properties = store.properties->list_all();
  if (!properties.ok()) return properties.error();
  auto missions = store.missions->list_all();
  if (!missions.ok()) return missions.error();
  return Estate{std::move(*properties), std::move(*missions)};
}

// A record a query parameter names: its absence is the parameter's fault (422), not the
// URL's (404). Other errors pass through.
template <class T>
Result<T> named_by(Result<T> found, const char* parameter, const char* what) {
  if (!found.ok() && found.error().kind == ErrorKind::not_found) {
    return Error::invalid(found.error().what, {{parameter, {MessageCode::names_no, {what}}}});
  }
  return found;
}

// The acquisitions with their replaced leases, as the savings reports take them: every one,
// or the one `only` names (invalid, naming acquisition_id, when it names none).
Result<std::vector<reports::SavingsInput>> savings_inputs(Store& store,
                                                          std::optional<AcquisitionId> only) {
  std::vector<Acquisition> acquisitions;
  if (only) {
    auto a = named_by(store.acquisitions->get(*only), "acquisition_id", "acquisition");
    if (!a.ok()) return a.error();
    acquisitions.push_back(*a);
  } else {
    auto found = store.acquisitions->list_all();
    if (!found.ok()) return found.error();
    acquisitions = std::move(*found);
  }
  std::vector<LeaseId> lease_ids;
  for (const Acquisition& a : acquisitions)
    lease_ids.insert(lease_ids.end(), a.replaces_lease_ids.begin(), a.replaces_lease_ids.end());
  auto leases = store.leases->get_many(lease_ids);
  if (!leases.ok()) return leases.error();
  std::unordered_map<std::int64_t, const Lease*> by_id;
  for (const Lease& l : *leases) by_id.emplace(l.id.value(), &l);
  std::vector<reports::SavingsInput> out;
  for (Acquisition& a : acquisitions) {
    reports::SavingsInput in{std::move(a), {}};
    for (LeaseId id : in.acquisition.replaces_lease_ids)
      in.replaced.push_back(*by_id.at(id.value()));
    out.push_back(std::move(in));
  }
  return out;
}

// Each purchase's property and mission, by code and Chinese name, for the reader.
void name_places(reports::RentSavingsReport& report,
                 const std::vector<reports::SavingsInput>& inputs, const Estate& estate) {
  std::unordered_map<std::int64_t, const Property*> properties;
  for (const Property& p : estate.properties) properties.emplace(p.id.value(), &p);
  std::unordered_map<std::int64_t, const Mission*> missions;
  for (const Mission& m : estate.missions) missions.emplace(m.id.value(), &m);
  std::unordered_map<std::int64_t, PropertyId> property_of;
  for (const auto& in : inputs) property_of.emplace(in.acquisition.id.value(), in.acquisition.property_id);
  for (auto& a : report.acquisitions) {
    auto p = properties.find(property_of.at(a.acquisition_id.value()).value());
    if (p == properties.end()) continue;
    a.property_code = p->second->code;
    if (!p->second->mission_id) continue;
    if (auto m = missions.find(p->second->mission_id->value()); m != missions.end()) {
      a.mission_code = m->second->code;
      a.mission_name_zh = m->second->name_zh;
    }
  }
}

// residual_value of lease-vs-buy: an amount in the purchase's currency, known only once the
// purchase is loaded; 0 to the record limit.
Result<std::optional<std::int64_t>> read_residual_value(const HttpRequest& request,
                                                        Currency currency) {
  auto it = request.query.find("residual_value");
  if (it == request.query.end()) return std::optional<std::int64_t>();
  auto m = Money::parse(it->second, currency);
  if (m.ok() && !m->is_negative() && m->within_record_limit())
    return std::optional<std::int64_t>(m->minor_units());
  return Error::invalid(
      "the report's parameters are not valid",
      {{"residual_value", "must be an amount from 0 to " +
                              Money::from_minor(Money::kMaxRecordMinor, currency).amount_string() +
                              " in " + std::string(currency.code()) +
                              (m.ok() ? "" : ": " + m.error().message)}});
}

// What budget execution reads: the lines (or the one asked for), the year's appropriations,
// the commitments signed by `through` and the expended totals the database sums.
struct ExecutionInputs {
  std::vector<BudgetLine> lines;
  std::vector<Appropriation> appropriations;
  std::vector<Commitment> commitments;
  std::map<std::int64_t, Money> expended;
};

Result<ExecutionInputs> load_budget_execution(Store& store, FiscalYear fy, Date as_of,
                                              std::optional<BudgetLineId> only) {
  ExecutionInputs in;
  if (only) {
    auto line = named_by(store.budget_lines->get(*only), "budget_line_id", "budget line");
    if (!line.ok()) return line.error();
    in.lines.push_back(*line);
  } else {
    auto found = store.budget_lines->list_all();
    if (!found.ok()) return found.error();
    in.lines = std::move(*found);
  }
  const Date through = reports::execution_through(fy, as_of);
  AppropriationFilter af;
  af.fiscal_year = fy;
  SpendingFilter committed, spent;
  committed.to = through;
  spent.from = fy.first_day();
  spent.to = through;
  if (only) af.budget_line_id = committed.budget_line_id = spent.budget_line_id = *only;
  auto appropriations = store.appropriations->list_all(af);
  if (!appropriations.ok()) return appropriations.error();
  auto commitments = store.commitments->list_all(committed);
  if (!commitments.ok()) return commitments.error();
  auto expended = store.spending_totals->expended_by_line(spent);
  if (!expended.ok()) return expended.error();
  in.appropriations = std::move(*appropriations);
  in.commitments = std::move(*commitments);
  in.expended = std::move(*expended);
  return in;
}

// What earned value reads: the project, its progress, and its expenditures through the
// as-of date — or, for the S-curve, through its last milestone when that is later.
struct EarnedValueInputs {
  Project project;
  Date through{};
  std::vector<ProgressReport> progress;
  std::vector<Expenditure> expenditures;
};

Result<EarnedValueInputs> load_earned_value(Store& store, ProjectId id, Date as_of, bool curve) {
  auto project = named_by(store.projects->get(id), "project_id", "project");
  if (!project.ok()) return project.error();
  EarnedValueInputs in{*project, as_of, {}, {}};
  if (curve && !project->milestones.empty() && as_of < project->milestones.back().date)
    in.through = project->milestones.back().date;
  ProgressFilter pf;
  pf.project_id = id;
  auto progress = store.progress->list_all(pf);
  if (!progress.ok()) return progress.error();
  SpendingFilter sf;
  sf.project_id = id;
  sf.to = in.through;
  auto expenditures = store.expenditures->list_all(sf);
  if (!expenditures.ok()) return expenditures.error();
  in.progress = std::move(*progress);
  in.expenditures = std::move(*expenditures);
  return in;
}

}  // namespace

// ---- answering ----

// The report in the format asked for; a 422 when it has more rows than one answer may, or
// when a chart is asked of a report (or parameters) that has none.
Result<Reply> answer(const Common& c, const ReportLimits& limits, const std::string& name,
                     const Shapes& shapes) {
  if (shapes.rows > limits.max_rows) {
    return Error::invalid(
        {MessageCode::report_too_many_rows,
         {std::to_string(shapes.rows), std::to_string(limits.max_rows)}},
        {{"as_of", MessageCode::narrow_the_report}});
  }
  Reply r;
  const std::string stem = name + "-" + format_date(c.as_of);
  if (c.format == Format::json && shapes.stream && !limits.json_trees) {
    JsonWriter w;
    shapes.stream(w);
    r.raw = w.take();
    r.content_type = "application/json";
  } else if (c.format == Format::json) {
    r.body = shapes.body();
  } else if (c.format == Format::csv || c.format == Format::xlsx) {
    return table_reply(shapes.table(), stem, c.format == Format::xlsx);
  } else {
    auto chart = shapes.chart ? shapes.chart() : std::optional<reports::Chart>();
    if (!chart.ok()) return chart.error();
    if (!*chart) {
      return Error::invalid(MessageCode::no_chart_for_params,
                            {{"format", MessageCode::svg_needs_chart}});
    }
    r.raw = reports::line_chart(**chart);
    r.content_type = "image/svg+xml";
  }
  return r;
}

json fiscal_year_json(FiscalYear fy) {
  return json{{"fiscal_year", fy.roc()}, {"fiscal_year_ad", fy.ad()}};
}

namespace {

// ---- column schemas ----

using Figures = reports::OwnershipFigures;
const Schema<Figures>& figures_schema() {
  static const Schema<Figures> s = {
      column<Figures>("owned", [](const Figures& f) { return f.owned; }),
      column<Figures>("leased", [](const Figures& f) { return f.leased; }),
      column<Figures>("provided", [](const Figures& f) { return f.provided; }),
      column<Figures>("ratio_count", [](const Figures& f) { return f.ratio_count; }),
      column<Figures>("owned_m2", [](const Figures& f) { return f.owned_m2; }),
      column<Figures>("leased_m2", [](const Figures& f) { return f.leased_m2; }),
      column<Figures>("provided_m2", [](const Figures& f) { return f.provided_m2; }),
      column<Figures>("ratio_area", [](const Figures& f) { return f.ratio_area; })};
  return s;
}

using Trend = reports::OwnershipTrendPoint;
const Schema<Trend>& trend_schema() {
  static const Schema<Trend> s = {
      column<Trend>("fiscal_year", [](const Trend& p) { return std::int64_t{p.fiscal_year.roc()}; }),
      column<Trend>("fiscal_year_ad", [](const Trend& p) { return std::int64_t{p.fiscal_year.ad()}; }),
      column<Trend>("on", [](const Trend& p) { return p.on; }),
      column<Trend>("ratio_count", [](const Trend& p) { return p.ratio_count; }),
      column<Trend>("ratio_area", [](const Trend& p) { return p.ratio_area; })};
  return s;
}

using Saving = reports::AcquisitionSavings;
const Schema<Saving>& saving_schema() {
  static const Schema<Saving> s = {
      column<Saving>("acquisition_id", [](const Saving& a) { return a.acquisition_id.value(); }),
      column<Saving>("code", [](const Saving& a) { return a.code; }),
      column<Saving>("currency", [](const Saving& a) { return std::string(a.currency.code()); }),
      column<Saving>("stage", [](const Saving& a) { return std::string(to_string(a.stage)); }),
      column<Saving>("occupied_on", [](const Saving& a) { return a.occupied_on; }),
      column<Saving>("rent_avoided", [](const Saving& a) { return a.rent_avoided; }),
      column<Saving>("operating_cost", [](const Saving& a) { return a.operating_cost; }),
      column<Saving>("net_savings", [](const Saving& a) { return a.net_savings; }),
      column<Saving>("net_savings_twd", [](const Saving& a) { return a.net_savings_twd; }),
      column<Saving>("invested", [](const Saving& a) { return a.invested; }),
      column<Saving>("payback_date", [](const Saving& a) { return a.payback_date; }),
      column<Saving>("property_code", [](const Saving& a) { return a.property_code; }),
      column<Saving>("mission_code", [](const Saving& a) { return a.mission_code; }),
      column<Saving>("mission_name_zh", [](const Saving& a) { return a.mission_name_zh; })};
  return s;
}

using YearSaving = reports::FiscalYearSavings;
const Schema<YearSaving>& year_saving_schema() {
  static const Schema<YearSaving> s = {
      column<YearSaving>("fiscal_year", [](const YearSaving& y) { return std::int64_t{y.fiscal_year.roc()}; }),
      column<YearSaving>("fiscal_year_ad", [](const YearSaving& y) { return std::int64_t{y.fiscal_year.ad()}; }),
      column<YearSaving>("from", [](const YearSaving& y) { return y.from; }),
      column<YearSaving>("to", [](const YearSaving& y) { return y.to; }),
      column<YearSaving>("rent_avoided", [](const YearSaving& y) { return y.rent_avoided; }),
      column<YearSaving>("operating_cost", [](const YearSaving& y) { return y.operating_cost; }),
      column<YearSaving>("net_savings", [](const YearSaving& y) { return y.net_savings; }),
      column<YearSaving>("twd_per_unit", [](const YearSaving& y) { return y.twd_rate; }),
      column<YearSaving>("net_savings_twd", [](const YearSaving& y) { return y.net_savings_twd; })};
  return s;
}

struct LeaseVsBuyRow {
  AcquisitionId acquisition_id;
  Date as_of{};
  reports::LeaseVsBuy figures;
};
const Schema<LeaseVsBuyRow>& lease_vs_buy_schema() {
  using R = LeaseVsBuyRow;
  static const Schema<R> s = {
      column<R>("acquisition_id", [](const R& r) { return r.acquisition_id.value(); }),
      column<R>("as_of", [](const R& r) { return r.as_of; }),
      column<R>("currency", [](const R& r) { return std::string(r.figures.currency.code()); }),
      column<R>("annual_rent", [](const R& r) { return r.figures.annual_rent; }),
      column<R>("rent_on", [](const R& r) { return r.figures.rent_on; }),
      column<R>("discount_rate", [](const R& r) { return r.figures.discount_rate; }),
      column<R>("horizon_years", [](const R& r) { return std::int64_t{r.figures.horizon_years}; }),
      column<R>("escalation", [](const R& r) { return r.figures.escalation; }),
      column<R>("residual_value", [](const R& r) { return r.figures.residual_value; }),
      column<R>("lease_cost_pv", [](const R& r) { return r.figures.lease_cost_pv; }),
      column<R>("buy_cost_pv", [](const R& r) { return r.figures.buy_cost_pv; }),
      column<R>("saving_pv", [](const R& r) { return r.figures.saving_pv; }),
      column<R>("payback_year", [](const R& r) {
        return r.figures.payback_year ? std::optional<std::int64_t>(*r.figures.payback_year)
                                      : std::nullopt;
      })};
  return s;
}

using Event = reports::LeaseEvent;
const Schema<Event>& event_schema() {
  static const Schema<Event> s = {
      column<Event>("lease_id", [](const Event& e) { return e.lease_id.value(); }),
      column<Event>("property_id", [](const Event& e) { return e.property_id.value(); }),
      column<Event>("mission_id", [](const Event& e) { return optional_id(e.mission_id); }),
      column<Event>("event", [](const Event& e) { return e.event; }),
      column<Event>("date", [](const Event& e) { return e.date; }),
      column<Event>("deadline_utc", [](const Event& e) { return format_instant(e.deadline_utc); }),
      column<Event>("time_zone", [](const Event& e) { return e.time_zone; }),
      column<Event>("days_left", [](const Event& e) { return e.days_left; }),
      // What a person recognises the event by (after the original columns, which keep their
      // order), and whether someone acknowledged it.
      column<Event>("mission_code", [](const Event& e) {
        return e.mission_code.empty() ? std::nullopt : std::optional<std::string>(e.mission_code);
      }),
      column<Event>("property_code", [](const Event& e) { return e.property_code; }),
      column<Event>("property_name", [](const Event& e) { return e.property_name; }),
      column<Event>("lessor", [](const Event& e) { return e.lessor; }),
      column<Event>("acknowledged", [](const Event& e) { return e.acknowledged; })};
  return s;
}

using CoLocated = reports::CoLocation;
const Schema<CoLocated>& co_location_schema() {
  static const Schema<CoLocated> s = {
      column<CoLocated>("mission_id", [](const CoLocated& m) { return m.mission_id.value(); }),
      column<CoLocated>("code", [](const CoLocated& m) { return m.code; }),
      column<CoLocated>("office_properties", [](const CoLocated& m) { return m.office_properties; }),
      column<CoLocated>("agencies", [](const CoLocated& m) { return m.agencies; })};
  return s;
}

using Execution = reports::ExecutionFigures;
const Schema<Execution>& execution_schema() {
  static const Schema<Execution> s = {
      column<Execution>("appropriated", [](const Execution& f) { return f.appropriated; }),
      column<Execution>("committed", [](const Execution& f) { return f.committed; }),
      column<Execution>("expended", [](const Execution& f) { return f.expended; }),
      column<Execution>("execution_rate", [](const Execution& f) { return f.execution_rate; })};
  return s;
}

using Line = reports::ExecutionLine;
const Schema<Line>& line_schema() {
  static const Schema<Line> s = {
      column<Line>("budget_line_id", [](const Line& l) { return l.line.id.value(); }),
      column<Line>("code", [](const Line& l) { return l.line.code; }),
      column<Line>("name_zh", [](const Line& l) { return l.line.name_zh; }),
      column<Line>("name_en", [](const Line& l) { return l.line.name_en; })};
  return s;
}

using Earned = reports::EarnedValueReport;
const Schema<Earned>& earned_value_schema() {
  static const Schema<Earned> s = {
      column<Earned>("project_id", [](const Earned& r) { return r.project_id.value(); }),
      column<Earned>("code", [](const Earned& r) { return r.code; }),
      column<Earned>("as_of", [](const Earned& r) { return r.as_of; }),
      column<Earned>("bac", [](const Earned& r) { return r.bac; }),
      column<Earned>("pv", [](const Earned& r) { return r.pv; }),
      column<Earned>("ev", [](const Earned& r) { return r.ev; }),
      column<Earned>("ac", [](const Earned& r) { return r.ac; }),
      column<Earned>("planned_pct", [](const Earned& r) { return r.planned_pct; }),
      column<Earned>("pct_complete", [](const Earned& r) { return r.pct_complete; }),
      column<Earned>("cpi", [](const Earned& r) { return r.cpi; }),
      column<Earned>("spi", [](const Earned& r) { return r.spi; }),
      column<Earned>("eac", [](const Earned& r) { return r.eac; }),
      column<Earned>("vac", [](const Earned& r) { return r.vac; })};
  return s;
}

using Stage = reports::PipelineStage;
const Schema<Stage>& stage_schema() {
  static const Schema<Stage> s = {
      column<Stage>("stage", [](const Stage& p) { return std::string(to_string(p.stage)); }),
      column<Stage>("count", [](const Stage& p) { return p.count; })};
  return s;
}

// ---- the shapes of each report ----

Shapes ownership_shapes(const reports::OwnershipReport& report, bool with_trend, Language lang) {
  auto keyed = [](const std::string& key, const Figures& f) {
    json j = json_row(figures_schema(), f);
    j["key"] = key.empty() ? json() : json(key);
    return j;
  };
  auto body = [&report, with_trend, keyed] {
    json groups = json::array();
    for (const auto& g : report.groups) groups.push_back(keyed(g.key, g.figures));
    json out = {{"as_of", format_date(report.as_of)},
                {"overall", json_row(figures_schema(), report.overall)},
                {"groups", std::move(groups)}};
    if (with_trend) out["trend"] = json_rows(trend_schema(), report.trend);
    return out;
  };
  auto table = [&report] {
    std::vector<std::string> columns = column_names(figures_schema());
    columns.insert(columns.begin(), "group");
    Table t{"ownership", columns, {}};
    auto row = [&](const std::string& key, const Figures& f) {
      t.rows.push_back(cells(figures_schema(), f));
      t.rows.back().insert(t.rows.back().begin(), Cell::of(key));
    };
    row("overall", report.overall);
    for (const auto& g : report.groups) row(g.key.empty() ? "(none)" : g.key, g.figures);
    for (const auto& p : report.trend) {
      Figures ratios;
      ratios.ratio_count = p.ratio_count;
      ratios.ratio_area = p.ratio_area;
      row("FY " + p.fiscal_year.label(), ratios);
      for (std::size_t i : {1, 2, 3, 5, 6, 7}) t.rows.back()[i] = Cell::empty();  // counts, areas
    }
    return t;
  };
  return {report.groups.size() + report.trend.size() + 1, body, table, [&report, lang] {
            return Result<std::optional<reports::Chart>>(reports::ownership_trend_chart(report, lang));
          }};
}

Shapes rent_savings_shapes(const reports::RentSavingsReport& report) {
  std::size_t rows = 1;
  for (const auto& a : report.acquisitions) rows += a.by_fiscal_year.size() + 1;
  auto body = [&report] {
    json items = json::array();
    for (const auto& a : report.acquisitions) {
      json j = json_row(saving_schema(), a);
      j["by_fiscal_year"] = json_rows(year_saving_schema(), a.by_fiscal_year);
      items.push_back(std::move(j));
    }
    return json{{"as_of", format_date(report.as_of)},
                {"fiscal_year", report.fiscal_year ? json(report.fiscal_year->roc()) : json()},
                {"acquisitions", std::move(items)},
                {"totals", {{"net_savings_twd", json_of(report.totals.net_savings_twd)}}},
                {"missing_rates", report.missing_rates}};
  };
  auto stream = [&report](JsonWriter& w) {
    w.begin_object().key("acquisitions").begin_array();
    for (const auto& a : report.acquisitions) {
      write_row(w, saving_schema(), a,
                {{"by_fiscal_year",
                  [&a](JsonWriter& o) { write_rows(o, year_saving_schema(), a.by_fiscal_year); }}});
    }
    w.end_array().member("as_of", format_date(report.as_of)).key("fiscal_year");
    report.fiscal_year ? w.value(std::int64_t{report.fiscal_year->roc()}) : w.null();
    w.key("missing_rates").begin_array();
    for (const std::string& m : report.missing_rates) w.value(m);
    w.end_array().key("totals").begin_object().key("net_savings_twd");
    write_json_of(w, report.totals.net_savings_twd);
    w.end_object().end_object();
  };
  auto table = [&report] {
    // One row per acquisition and fiscal year, its total, and the total of all in TWD.
    Table t{"rent-savings",
            {"acquisition_id", "code", "fiscal_year", "currency", "rent_avoided", "operating_cost",
             "net_savings", "twd_per_unit", "net_savings_twd", "invested", "payback_date",
             "mission_code", "mission_name_zh"},
            {}};
    for (const auto& a : report.acquisitions) {
      const auto head = cells(saving_schema(), a);  // id, code, currency, ... as in the schema
      for (const auto& y : a.by_fiscal_year) {
        const auto year = cells(year_saving_schema(), y);
        t.rows.push_back({head[0], head[1], year[0], head[2], year[4], year[5], year[6], year[7],
                          year[8], Cell::empty(), Cell::empty(), head[12], head[13]});
      }
      t.rows.push_back({head[0], head[1], Cell::of("total"), head[2], head[5], head[6], head[7],
                        Cell::empty(), head[8], head[9], head[10], head[12], head[13]});
    }
    t.rows.push_back({Cell::empty(), Cell::of("all acquisitions"), Cell::of("total"),
                      Cell::of("TWD"), Cell::empty(), Cell::empty(), Cell::empty(), Cell::empty(),
                      cell_of(report.totals.net_savings_twd), Cell::empty(), Cell::empty(),
                      Cell::empty(), Cell::empty()});
    return t;
  };
  return {rows, body, table, nullptr, stream};
}

Shapes budget_execution_shapes(const reports::BudgetExecutionReport& report) {
  auto body = [&report] {
    json items = json::array();
    for (const auto& l : report.lines) {
      json j = json_row(line_schema(), l);
      j.update(json_row(execution_schema(), l.figures));
      items.push_back(std::move(j));
    }
    json out = fiscal_year_json(report.fiscal_year);
    out["as_of"] = format_date(report.as_of);
    out["through"] = format_date(report.through);
    out["lines"] = std::move(items);
    out["totals"] = json_row(execution_schema(), report.totals);
    return out;
  };
  auto table = [&report] {
    std::vector<std::string> columns = column_names(line_schema());
    for (const std::string& c : column_names(execution_schema())) columns.push_back(c);
    columns.insert(columns.begin(), "fiscal_year");
    Table t{"budget-execution", columns, {}};
    const Cell year = Cell::of(std::int64_t{report.fiscal_year.roc()});
    for (const auto& l : report.lines) {
      t.rows.push_back({year});
      for (Cell& c : cells(line_schema(), l)) t.rows.back().push_back(std::move(c));
      for (Cell& c : cells(execution_schema(), l.figures)) t.rows.back().push_back(std::move(c));
    }
    t.rows.push_back({year, Cell::empty(), Cell::of("total"), Cell::empty(), Cell::empty()});
    for (Cell& c : cells(execution_schema(), report.totals)) t.rows.back().push_back(std::move(c));
    return t;
  };
  return {report.lines.size() + 1, body, table, nullptr};
}

// Shapes of a report whose JSON is one object or an array of objects, one per table row.
template <class Row>
Shapes flat_shapes(const char* name, const Schema<Row>& schema, const std::vector<Row>& rows,
                   bool single) {
  return {rows.size(),
          [&schema, &rows, single] {
            return single ? json_row(schema, rows.front()) : json_rows(schema, rows);
          },
          [name, &schema, &rows] { return table_of(name, schema, rows); }, nullptr,
          [&schema, &rows, single](JsonWriter& w) {
            single ? write_row(w, schema, rows.front()) : write_rows(w, schema, rows);
          }};
}

// ---- the handlers: read the parameters, load, compute, answer ----

// group_by of ownership: region, kind or mission (none when absent).
reports::OwnershipGrouping read_grouping(QueryReader& q) {
  const auto g = q.text("group_by");
  if (!g) return reports::OwnershipGrouping::none;
  const std::pair<const char*, reports::OwnershipGrouping> known[] = {
      {"region", reports::OwnershipGrouping::region},
      {"kind", reports::OwnershipGrouping::kind},
      {"mission", reports::OwnershipGrouping::mission}};
  for (const auto& [name, value] : known)
    if (*g == name) return value;
  q.add("group_by", {MessageCode::not_one_of, {"region, kind, mission"}});
  return reports::OwnershipGrouping::none;
}

// trend_from and trend_to of ownership: both or neither, in order, at most 100 years apart.
std::optional<std::pair<FiscalYear, FiscalYear>> read_trend(QueryReader& q) {
  const auto from = q.fiscal_year("trend_from"), to = q.fiscal_year("trend_to");
  if (from.has_value() != to.has_value()) {
    q.add(from ? "trend_to" : "trend_from",
          {MessageCode::required_with, {from ? "trend_from" : "trend_to"}});
  } else if (from && *to < *from) {
    q.add("trend_to", MessageCode::trend_to_before_from);
  } else if (from && to->ad() - from->ad() > 100) {
    q.add("trend_to", MessageCode::trend_too_long);
  } else if (from) {
    return std::make_pair(*from, *to);
  }
  return std::nullopt;
}

Result<Reply> ownership(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  QueryReader q(request);
  const Common c = read_common(q, request);
  const auto grouping = read_grouping(q);
  const auto trend = read_trend(q);
  if (Status s = q.finish(MessageCode::report_params_invalid); !s.ok()) return s.error();
  auto estate = whole_estate(store);
  if (!estate.ok()) return estate.error();
  const auto report =
      reports::ownership(estate->properties, estate->missions, c.as_of, grouping, trend);
  return answer(c, limits, "ownership", ownership_shapes(report, trend.has_value(), c.lang));
}

Result<Reply> rent_savings(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  QueryReader q(request);
  const Common c = read_common(q, request);
  const auto fy = q.fiscal_year("fiscal_year");
  const auto only = q.id<AcquisitionId>("acquisition_id");
  if (Status s = q.finish(MessageCode::report_params_invalid); !s.ok()) return s.error();
  auto inputs = savings_inputs(store, only);
  if (!inputs.ok()) return inputs.error();
  auto rates = store.fx_rates->list_all();
  if (!rates.ok()) return rates.error();
  auto report = reports::rent_savings(*inputs, reports::FxTable(*rates), c.as_of, fy);
  if (!report.ok()) return report.error();
  auto estate = whole_estate(store);
  if (!estate.ok()) return estate.error();
  name_places(*report, *inputs, *estate);
  Shapes shapes = rent_savings_shapes(*report);
  if (only && !report->acquisitions.empty()) {
    shapes.chart = [&] {
      return reports::savings_chart(inputs->front(), report->acquisitions.front(), c.as_of, c.lang);
    };
  }
  return answer(c, limits, "rent-savings", shapes);
}

Result<Reply> lease_vs_buy(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  using namespace reports;
  QueryReader q(request);
  const Common c = read_common(q, request);
  q.require("acquisition_id");
  const auto id = q.id<AcquisitionId>("acquisition_id");
  LeaseVsBuyParameters p;
  p.discount_rate = q.decimal("discount_rate", kFractionScale, kMinDiscountRateUnits,
                              kMaxDiscountRateUnits, MessageCode::discount_rate_range)
                        .value_or(p.discount_rate);
  p.horizon_years = static_cast<int>(
      q.integer("horizon_years", 1, kMaxHorizonYears).value_or(p.horizon_years));
  if (auto pct = q.decimal("escalation_pct", 2, kMinEscalationUnits / 100,
                           kMaxEscalationUnits / 100, MessageCode::escalation_pct_query_range))
    p.escalation = Decimal::from_units(pct->units() * 100, kFractionScale);  // pct/100
  if (Status s = q.finish(MessageCode::report_params_invalid); !s.ok()) return s.error();
  auto inputs = savings_inputs(store, id);
  if (!inputs.ok()) return inputs.error();
  const auto& in = inputs->front();
  auto residual = read_residual_value(request, in.acquisition.price.currency());
  if (!residual.ok()) return residual.error();
  p.residual_minor = *residual;
  auto figures = reports::lease_vs_buy(in.acquisition, in.replaced, c.as_of, p);
  if (!figures.ok()) return figures.error();
  const std::vector<LeaseVsBuyRow> row = {{in.acquisition.id, c.as_of, *figures}};
  Shapes shapes = flat_shapes("lease-vs-buy", lease_vs_buy_schema(), row, true);
  shapes.stream = nullptr;  // its body is not the rows' alone
  shapes.body = [&] {
    json out = json_row(lease_vs_buy_schema(), row.front());
    out["by_year"] = json::array();
    for (const LeaseVsBuyYear& y : figures->by_year) {
      out["by_year"].push_back({{"year", y.year},
                                {"lease_cumulative_pv", to_json(y.lease_cumulative_pv)},
                                {"buy_cumulative_pv", to_json(y.buy_cumulative_pv)}});
    }
    return out;
  };
  shapes.chart = [&] {
    return Result<std::optional<Chart>>(lease_vs_buy_chart(in.acquisition.code, *figures, c.lang));
  };
  return answer(c, limits, "lease-vs-buy-" + in.acquisition.code, shapes);
}

Result<Reply> lease_events(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  QueryReader q(request);
  const Common c = read_common(q, request);
  const auto within = q.integer("within_days", 0, 3650).value_or(180);
  if (Status s = q.finish(MessageCode::report_params_invalid); !s.ok()) return s.error();
  auto in = app::lease_event_inputs(store);
  if (!in.ok()) return in.error();
  const auto events = app::lease_events(*in, c.as_of, static_cast<int>(within));
  return answer(c, limits, "lease-events", flat_shapes("lease-events", event_schema(), events, false));
}

Result<Reply> co_location(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  QueryReader q(request);
  const Common c = read_common(q, request);
  if (Status s = q.finish(MessageCode::report_params_invalid); !s.ok()) return s.error();
  auto estate = whole_estate(store);
  if (!estate.ok()) return estate.error();
  const auto found = reports::co_location(estate->properties, estate->missions, c.as_of);
  Shapes shapes = flat_shapes("co-location", co_location_schema(), found, false);
  shapes.stream = nullptr;  // its body is not the rows' alone
  shapes.body = [&found] {  // the JSON also lists the offices
    json out = json_rows(co_location_schema(), found);
    for (std::size_t i = 0; i < found.size(); ++i) {
      out[i]["property_ids"] = json::array();
      for (PropertyId id : found[i].property_ids) out[i]["property_ids"].push_back(id.value());
    }
    return out;
  };
  return answer(c, limits, "co-location", shapes);
}

Result<Reply> budget_execution(Store& store, const ReportLimits& limits,
                               const HttpRequest& request) {
  QueryReader q(request);
  const Common c = read_common(q, request);
  q.require("fiscal_year");
  const auto fy = q.fiscal_year("fiscal_year");
  const auto only = q.id<BudgetLineId>("budget_line_id");
  if (c.format == Format::svg) q.add("format", MessageCode::report_has_no_chart);
  if (Status s = q.finish(MessageCode::report_params_invalid); !s.ok()) return s.error();
  auto inputs = load_budget_execution(store, *fy, c.as_of, only);
  if (!inputs.ok()) return inputs.error();
  auto report = reports::budget_execution(*fy, c.as_of, inputs->lines, inputs->appropriations,
                                          inputs->commitments, inputs->expended);
  if (!report.ok()) return report.error();
  return answer(c, limits, "budget-execution-" + std::to_string(fy->roc()),
                budget_execution_shapes(*report));
}

Result<Reply> earned_value(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  QueryReader q(request);
  const Common c = read_common(q, request);
  q.require("project_id");
  const auto id = q.id<ProjectId>("project_id");
  if (Status s = q.finish(MessageCode::report_params_invalid); !s.ok()) return s.error();
  auto inputs = load_earned_value(store, *id, c.as_of, c.format == Format::svg);
  if (!inputs.ok()) return inputs.error();
  const Project& project = inputs->project;
  auto report = reports::earned_value(project, c.as_of, inputs->progress, inputs->expenditures);
  if (!report.ok()) return report.error();
  const std::vector<Earned> row = {*report};
  Shapes shapes = flat_shapes("earned-value", earned_value_schema(), row, true);
  shapes.chart = [&]() -> Result<std::optional<reports::Chart>> {
    auto points = reports::s_curve(project, c.as_of, inputs->through, inputs->progress,
                                   inputs->expenditures);
    if (!points.ok()) return points.error();
    return std::optional<reports::Chart>(
        reports::s_curve_chart(project, *points, c.as_of, inputs->through, c.lang));
  };
  return answer(c, limits, "earned-value-" + project.code, shapes);
}

Result<Reply> acquisition_pipeline(Store& store, const ReportLimits& limits,
                                   const HttpRequest& request) {
  QueryReader q(request);
  const Common c = read_common(q, request);
  if (c.format == Format::svg) q.add("format", MessageCode::report_has_no_chart);
  if (Status s = q.finish(MessageCode::report_params_invalid); !s.ok()) return s.error();
  auto acquisitions = store.acquisitions->list_all();
  if (!acquisitions.ok()) return acquisitions.error();
  auto stages = reports::acquisition_pipeline(*acquisitions, c.as_of);
  if (!stages.ok()) return stages.error();
  Shapes shapes = flat_shapes("acquisition-pipeline", stage_schema(), *stages, false);
  shapes.stream = nullptr;  // its body is not the rows' alone
  shapes.body = [&] {
    json items = json::array();
    for (const Stage& p : *stages) {
      json j = json_row(stage_schema(), p);
      j["price_totals"] = json::array();
      for (const Money& m : p.price_totals) j["price_totals"].push_back(to_json(m));
      items.push_back(std::move(j));
    }
    return json{{"as_of", format_date(c.as_of)}, {"stages", std::move(items)}};
  };
  shapes.table = [&] {  // one row per stage and currency
    Table t{"acquisition-pipeline", {"stage", "count", "currency", "price_total"}, {}};
    for (const Stage& p : *stages) {
      if (p.price_totals.empty())
        t.rows.push_back({cell_of(std::string(to_string(p.stage))), cell_of(p.count), Cell::empty(), Cell::empty()});
      for (const Money& m : p.price_totals)
        t.rows.push_back({cell_of(std::string(to_string(p.stage))), cell_of(p.count),
                          cell_of(std::string(m.currency().code())), cell_of(m)});
    }
    return t;
  };
  return answer(c, limits, "acquisition-pipeline", shapes);
}

}  // namespace

namespace {

using Report = ReportRoute;

// Every report, the decision reports (decision_routes.h) included; `query` here lists every
// parameter a report takes.
const std::vector<Report>& report_table() {
  static const std::vector<Report> reports = [] {
    std::vector<Report> out = {
        {"ownership", ownership, {"group_by", "trend_from", "trend_to"}},
        {"rent-savings", rent_savings, {"fiscal_year", "acquisition_id"}},
        {"lease-vs-buy",
         lease_vs_buy,
         {"acquisition_id", "discount_rate", "horizon_years", "escalation_pct", "residual_value"}},
        {"lease-events", lease_events, {"within_days"}},
        {"co-location", co_location, {}},
        {"budget-execution", budget_execution, {"fiscal_year", "budget_line_id"}},
        {"earned-value", earned_value, {"project_id"}},
        {"acquisition-pipeline", acquisition_pipeline, {}},
    };
    out.insert(out.end(), decision_reports().begin(), decision_reports().end());
    for (Report& r : out) r.query.insert(r.query.end(), {"as_of", "known_at", "format"});
    return out;
  }();
  return reports;
}

// The report `handler` answers from the store as known at the request's known_at (app/
// known_at.h), or from the live store without one. A known_at that does not parse is left to
// read_common, which names it with the other bad parameters.
Result<Reply> known_at_view(Store& live, const ReportLimits& limits, ReportHandler handler,
                            const HttpRequest& request) {
  auto at = instant_param(request, "known_at");
  if (!at.ok() || !*at) return handler(live, limits, request);
  if (Status s = app::check_known_at(live, **at, now()); !s.ok()) return s.error();
  Store view = app::store_known_at(live, **at, stored_decoders());
  return handler(view, limits, request);
}

// What the OpenAPI document says of each report (routes/openapi.h): its summary, its answer
// (#/components/responses) and the components/parameters of the query parameters whose
// meaning here differs from the shared one of their name.
struct ReportDoc {
  const char* summary;
  const char* answer;
  std::map<std::string, std::string> parameters;
};

const std::map<std::string, ReportDoc>& report_docs() {
  static const std::map<std::string, ReportDoc> docs = {
      {"ownership",
       {"ownership ratio (自有率); svg: the trend (facilities, finance, auditor)",
        "OwnershipReport",
        {}}},
      {"rent-savings",
       {"rent avoided, net savings, TWD by fiscal year, payback; svg: one acquisition's cumulative "
        "savings (facilities, finance, auditor)",
        "RentSavingsReport",
        {{"fiscal_year", "rent-savings.fiscal_year"},
         {"acquisition_id", "rent-savings.acquisition_id"}}}},
      {"lease-vs-buy",
       {"present value of leasing versus buying (facilities, finance, auditor); format=svg charts "
        "the cumulative present cost of each",
        "LeaseVsBuyReport",
        {{"acquisition_id", "lease-vs-buy.acquisition_id"}}}},
      {"lease-events",
       {"expiries, notice deadlines, option dates and rent reviews; deadlines at the end of the "
        "day in the mission's time zone (facilities, finance, auditor)",
        "LeaseEventsReport",
        {}}},
      {"co-location",
       {"missions whose agencies occupy more than one active office (facilities, finance, auditor)",
        "CoLocationReport",
        {}}},
      {"budget-execution",
       {"budget execution rate per budget line for a fiscal year (facilities, finance, auditor)",
        "BudgetExecutionReport",
        {{"fiscal_year", "budget-execution.fiscal_year"},
         {"budget_line_id", "budget-execution.budget_line_id"}}}},
      {"earned-value",
       {"earned value of a project; format=svg draws its S-curve (facilities, finance, auditor)",
        "EarnedValueReport",
        {{"project_id", "earned-value.project_id"}}}},
      {"acquisition-pipeline",
       {"the acquisition pipeline: purchases at each stage on the as-of day, with their price "
        "totals per currency",
        "AcquisitionPipelineReport",
        {}}},
      {"purchase-plan",
       {"the purchase plan (優先購置規劃, DESIGN rule 9): every candidate acquisition (proposed, "
        "appraised or budget_approved on the as-of day) with its lease-vs-buy saving, payback "
        "year, cost and saving in TWD and the ownership ratio if it were bought; with a budget "
        "envelope, the exact optimal selection (maximum total present-value saving within the "
        "envelope; ties: smaller total cost, then the sorted codes that come first). A 422 naming "
        "budget when the optimum cannot be proven within the server's work bound (2,000,000 search "
        "steps). format=svg draws saving against cost with the selection marked.",
        "PurchasePlanReport",
        {{"discount_rate", "purchase-plan.discount_rate"}}}},
      {"rent-forecast",
       {"the rent forecast for budget preparation (租金預估, DESIGN rule 10): the rent every lease "
        "accrues on the days after the as-of date in each fiscal year, per currency and in TWD at "
        "the planning rate (the latest on or before the as-of date); renewals=assume continues a "
        "lease with an open renewal option. At most 10 fiscal years. format=svg is a bar per "
        "fiscal year.",
        "RentForecastReport",
        {{"group_by", "rent-forecast.group_by"}}}},
      {"data-quality",
       {"the register's data quality (資料品質, DESIGN rule 11): eight rules checked on every "
        "record they apply to, the score 1 − failed/checked overall and per mission (null when "
        "nothing was checked), and every finding naming its record. No chart.",
        "DataQualityReport",
        {}}},
  };
  return docs;
}

// "rent-savings" → "getRentSavingsReport", with the report's parameters and answer.
OperationDoc report_operation(const Report& report) {
  const ReportDoc& d = report_docs().at(report.name);
  std::string id = "get";
  bool upper = true;
  for (const char* c = report.name; *c; ++c) {
    if (*c == '-') {
      upper = true;
      continue;
    }
    id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(*c))) : *c;
    upper = false;
  }
  std::vector<std::string> parameters;
  for (const std::string& q : report.query) {
    auto it = d.parameters.find(q);
    parameters.push_back(it != d.parameters.end() ? it->second : q == "as_of" ? "report_as_of" : q);
  }
  return {id + "Report", "Reports", d.summary, parameters, "", {{200, d.answer}}, {}};
}

}  // namespace

std::vector<std::string> report_names() {
  std::vector<std::string> out;
  for (const Report& r : report_table()) out.emplace_back(r.name);
  return out;
}

Result<Reply> render_report(Store& store, const ReportLimits& limits, const std::string& name,
                            const std::map<std::string, std::string>& query) {
  for (const Report& r : report_table()) {
    if (name != r.name) continue;
    HttpRequest request;
    request.method = "GET";
    request.path = std::string("/api/v1/reports/") + r.name;
    request.query = query;
    request.known_query = &r.query;
    return known_at_view(store, limits, r.handler, request);
  }
  std::string names;
  for (const Report& r : report_table()) names += (names.empty() ? "" : ", ") + std::string(r.name);
  return Error::invalid(MessageCode::no_such_report,
                        {{"report", {MessageCode::not_one_of, {names}}}});
}

void add_report_routes(RouteTable& routes, Store& store, ReportLimits limits) {
  Store* s = &store;
  for (const Report& report : report_table()) {
    routes.push_back(documented(
        {"GET", std::string("/api/v1/reports/") + report.name, kReportReaders, report.query,
         [s, limits, handler = report.handler](const HttpRequest& r) {
           return known_at_view(*s, limits, handler, r);
         },
         false, Lane::reports},
        report_operation(report)));
  }
}

}  // namespace estate::api
