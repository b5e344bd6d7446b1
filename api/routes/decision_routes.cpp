#include "api/routes/decision_routes.h"

#include "api/http/query_reader.h"
#include "api/routes/report_answer.h"
#include "api/routes/report_columns.h"
#include "app/decision_support.h"
#include "reports/charts.h"

namespace estate::api {

using nlohmann::json;
using persistence::Store;
using reports::Cell;
using reports::Table;

namespace {

const char* const kInvalid = "the report's parameters are not valid";

std::optional<std::string> non_empty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

// ---- purchase plan ----

using Candidate = reports::PlanCandidate;
const Schema<Candidate>& candidate_schema() {
  using C = Candidate;
  auto year = [](const C& c) {
    return c.payback_year ? std::optional<std::int64_t>(*c.payback_year) : std::nullopt;
  };
  static const Schema<C> s = {
      column<C>("rank", [](const C& c) { return std::int64_t{c.rank}; }),
      column<C>("acquisition_id", [](const C& c) { return c.acquisition_id.value(); }),
      column<C>("code", [](const C& c) { return c.code; }),
      column<C>("property_id", [](const C& c) { return c.property_id.value(); }),
      column<C>("property_code", [](const C& c) { return non_empty(c.property_code); }),
      column<C>("mission_code", [](const C& c) { return non_empty(c.mission_code); }),
      column<C>("stage", [](const C& c) { return std::string(to_string(c.stage)); }),
      column<C>("currency", [](const C& c) { return std::string(c.currency.code()); }),
      column<C>("price", [](const C& c) { return c.price; }),
      column<C>("costs", [](const C& c) { return c.costs; }),
      column<C>("annual_rent", [](const C& c) { return c.annual_rent; }),
      column<C>("saving_pv", [](const C& c) { return c.saving_pv; }),
      column<C>("payback_year", year),
      column<C>("cost_twd", [](const C& c) { return c.cost_twd; }),
      column<C>("saving_pv_twd", [](const C& c) { return c.saving_pv_twd; }),
      column<C>("ratio_count_after", [](const C& c) { return c.ratio_count_after; }),
      column<C>("ratio_area_after", [](const C& c) { return c.ratio_area_after; }),
      column<C>("selected", [](const C& c) { return c.selected; })};
  return s;
}

json ratios_json(const reports::OwnershipRatios& r) {
  return {{"ratio_count", json_of(r.ratio_count)}, {"ratio_area", json_of(r.ratio_area)}};
}

Shapes plan_shapes(const reports::PurchasePlan& plan, Language lang) {
  auto body = [&plan] {
    return json{{"as_of", format_date(plan.as_of)},
                {"budget", json_of(plan.budget)},
                {"candidates", json_rows(candidate_schema(), plan.candidates)},
                {"selected_cost_twd", json_of(plan.selected_cost_twd)},
                {"selected_saving_pv_twd", json_of(plan.selected_saving_pv_twd)},
                {"ownership_now", ratios_json(plan.ownership_now)},
                {"ownership_if_selected", ratios_json(plan.ownership_if_selected)},
                {"missing_rates", plan.missing_rates}};
  };
  auto table = [&plan] {
    // The candidates, then the selection's totals and the ratio now and if it is bought.
    Table t = table_of("purchase-plan", candidate_schema(), plan.candidates);
    auto summary = [&](const char* what, std::optional<Money> cost, std::optional<Money> saving,
                       const reports::OwnershipRatios& r) {
      std::vector<Cell> row(t.columns.size(), Cell::empty());
      row[2] = Cell::of(what);
      row[13] = Cell::of(cost);
      row[14] = Cell::of(saving);
      row[15] = Cell::of(r.ratio_count);
      row[16] = Cell::of(r.ratio_area);
      t.rows.push_back(std::move(row));
    };
    summary("ownership now", std::nullopt, std::nullopt, plan.ownership_now);
    if (plan.budget)
      summary("selected within the envelope", plan.selected_cost_twd, plan.selected_saving_pv_twd,
              plan.ownership_if_selected);
    return t;
  };
  Shapes shapes{plan.candidates.size() + 2, body, table, nullptr};
  shapes.chart = [&plan, lang] {
    return Result<std::optional<reports::Chart>>(reports::purchase_plan_chart(plan, lang));
  };
  return shapes;
}

// budget: a TWD amount from 0 to the record limit.
std::optional<Money> read_budget(QueryReader& q, const HttpRequest& request) {
  auto it = request.query.find("budget");
  if (it == request.query.end()) return std::nullopt;
  auto m = Money::parse(it->second, Currency::twd());
  if (m.ok() && !m->is_negative() && m->within_record_limit()) return *m;
  q.add("budget", "must be a TWD amount from 0 to " +
                      Money::from_minor(Money::kMaxRecordMinor, Currency::twd()).amount_string() +
                      ", such as 800000000.00");
  return std::nullopt;
}

Result<Reply> purchase_plan(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  using namespace reports;
  QueryReader q(request);
  const Common c = read_common(q, request);
  PurchasePlanParameters p;
  p.budget = read_budget(q, request);
  p.discount_rate = q.decimal("discount_rate", kFractionScale, kMinDiscountRateUnits,
                              kMaxDiscountRateUnits, MessageCode::discount_rate_range)
                        .value_or(p.discount_rate);
  p.horizon_years = static_cast<int>(
      q.integer("horizon_years", 1, kMaxHorizonYears).value_or(p.horizon_years));
  p.mission_id = q.id<MissionId>("mission_id");
  p.region = q.one_of<Region>("region");
  if (Status s = q.finish(kInvalid); !s.ok()) return s.error();
  auto plan = app::purchase_plan(store, c.as_of, p);
  if (!plan.ok()) return plan.error();
  return answer(c, limits, "purchase-plan", plan_shapes(*plan, c.lang));
}

// ---- rent forecast ----

json forecast_years_json(const std::vector<reports::ForecastYear>& years, bool ad) {
  json out = json::array();
  for (const reports::ForecastYear& y : years) {
    json amounts = json::array();
    for (const Money& m : y.by_currency)
      amounts.push_back({{"currency", std::string(m.currency().code())}, {"amount", json_of(m)}});
    json j = ad ? fiscal_year_json(y.fiscal_year) : json{{"fiscal_year", y.fiscal_year.roc()}};
    j["by_currency"] = std::move(amounts);
    j["total_twd"] = json_of(y.total_twd);
    out.push_back(std::move(j));
  }
  return out;
}

Shapes forecast_shapes(const reports::RentForecast& f, Language lang) {
  std::size_t rows = 0;
  for (const auto& y : f.fiscal_years) rows += y.by_currency.size() + 1;
  for (const auto& g : f.groups)
    for (const auto& y : g.fiscal_years) rows += y.by_currency.size() + 1;
  auto body = [&f] {
    json groups = json::array();
    for (const auto& g : f.groups)
      groups.push_back({{"key", g.key.empty() ? json() : json(g.key)},
                        {"fiscal_years", forecast_years_json(g.fiscal_years, false)}});
    return json{{"as_of", format_date(f.as_of)},
                {"renewals", f.renewals_assumed ? "assume" : "none"},
                {"fiscal_years", forecast_years_json(f.fiscal_years, true)},
                {"groups", std::move(groups)},
                {"missing_rates", f.missing_rates}};
  };
  auto table = [&f] {
    // A row per group, year and currency, and a row per group and year with the TWD total.
    Table t{"rent-forecast",
            {"group", "fiscal_year", "fiscal_year_ad", "currency", "amount", "total_twd"},
            {}};
    auto add = [&t](const std::string& group, const std::vector<reports::ForecastYear>& years) {
      for (const auto& y : years) {
        const Cell roc = Cell::of(std::int64_t{y.fiscal_year.roc()}),
                   ad = Cell::of(std::int64_t{y.fiscal_year.ad()});
        for (const Money& m : y.by_currency)
          t.rows.push_back({Cell::of(group), roc, ad, Cell::of(std::string(m.currency().code())),
                            Cell::of(m), Cell::empty()});
        t.rows.push_back({Cell::of(group), roc, ad, Cell::of("total TWD"), Cell::empty(),
                          Cell::of(y.total_twd)});
      }
    };
    add("overall", f.fiscal_years);
    for (const auto& g : f.groups) add(g.key.empty() ? "(none)" : g.key, g.fiscal_years);
    return t;
  };
  Shapes shapes{rows, body, table, nullptr};
  shapes.chart = [&f, lang] {
    return Result<std::optional<reports::Chart>>(reports::rent_forecast_chart(f, lang));
  };
  return shapes;
}

// from_fy and to_fy: ROC or AD, in order, at most kMaxForecastYears years; by default the
// five fiscal years after the as-of date's.
std::pair<FiscalYear, FiscalYear> read_years(QueryReader& q, Date as_of) {
  auto later = [](FiscalYear fy, int years) {  // as_of is at most 30 years ahead: in range
    auto shifted = FiscalYear::from_ad(fy.ad() + years);
    return shifted.ok() ? *shifted : fy;
  };
  const FiscalYear first =
      q.fiscal_year("from_fy").value_or(later(FiscalYear::containing(as_of), 1));
  const FiscalYear last = q.fiscal_year("to_fy").value_or(later(first, 4));
  if (last < first) {
    q.add("to_fy", "must not be before from_fy");
  } else if (last.ad() - first.ad() + 1 > reports::kMaxForecastYears) {
    q.add("to_fy", "must be at most " + std::to_string(reports::kMaxForecastYears) +
                       " fiscal years from from_fy (both included)");
  }
  return {first, last};
}

Result<Reply> rent_forecast(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  QueryReader q(request);
  const Common c = read_common(q, request);
  const auto [first, last] = read_years(q, c.as_of);
  bool assume = false;
  if (auto r = q.text("renewals")) {
    if (*r == "assume") assume = true;
    else if (*r != "none") q.add("renewals", "must be one of: none, assume");
  }
  auto grouping = reports::ForecastGrouping::none;
  if (auto g = q.text("group_by")) {
    if (*g == "mission") grouping = reports::ForecastGrouping::mission;
    else if (*g == "region") grouping = reports::ForecastGrouping::region;
    else q.add("group_by", "must be one of: mission, region");
  }
  if (Status s = q.finish(kInvalid); !s.ok()) return s.error();
  auto forecast = app::rent_forecast(store, c.as_of, first, last, assume, grouping);
  if (!forecast.ok()) return forecast.error();
  return answer(c, limits,
                "rent-forecast-" + std::to_string(first.roc()) + "-" + std::to_string(last.roc()),
                forecast_shapes(*forecast, c.lang));
}

// ---- data quality ----

using Rule = reports::QualityRule;
const Schema<Rule>& rule_schema() {
  static const Schema<Rule> s = {
      column<Rule>("rule", [](const Rule& r) { return r.rule; }),
      column<Rule>("checked", [](const Rule& r) { return r.checked; }),
      column<Rule>("failed", [](const Rule& r) { return r.failed; })};
  return s;
}

using MissionScore = reports::MissionQuality;
const Schema<MissionScore>& mission_schema() {
  using M = MissionScore;
  static const Schema<M> s = {
      column<M>("mission_id", [](const M& m) { return m.mission_id.value(); }),
      column<M>("code", [](const M& m) { return m.code; }),
      column<M>("score", [](const M& m) { return m.score; }),
      column<M>("checked", [](const M& m) { return m.checked; }),
      column<M>("failed", [](const M& m) { return m.failed; })};
  return s;
}

using Finding = reports::QualityFinding;
const Schema<Finding>& finding_schema() {
  using F = Finding;
  static const Schema<F> s = {
      column<F>("rule", [](const F& f) { return f.rule; }),
      column<F>("entity", [](const F& f) { return f.entity; }),
      column<F>("entity_id", [](const F& f) { return f.entity_id; }),
      column<F>("code", [](const F& f) { return f.code; }),
      column<F>("mission_id", [](const F& f) { return optional_id(f.mission_id); }),
      column<F>("message", [](const F& f) { return f.message; })};
  return s;
}

Shapes quality_shapes(const reports::DataQuality& q) {
  auto body = [&q] {
    return json{{"as_of", format_date(q.as_of)},
                {"score", json_of(q.score)},
                {"checked", q.checked},
                {"failed", q.failed},
                {"rules", json_rows(rule_schema(), q.rules)},
                {"missions", json_rows(mission_schema(), q.missions)},
                {"findings", json_rows(finding_schema(), q.findings)}};
  };
  auto table = [&q] {
    // One sheet: the score, each rule's and each mission's, then the findings.
    Table t{"data-quality",
            {"section", "rule", "entity", "entity_id", "code", "mission_id", "checked", "failed",
             "score", "message"},
            {}};
    auto row = [&t]() -> std::vector<Cell>& {
      t.rows.emplace_back(t.columns.size(), Cell::empty());
      return t.rows.back();
    };
    auto& overall = row();
    overall[0] = Cell::of("overall");
    overall[6] = Cell::of(q.checked);
    overall[7] = Cell::of(q.failed);
    overall[8] = Cell::of(q.score);
    for (const Rule& r : q.rules) {
      auto& cells = row();
      cells[0] = Cell::of("rule");
      cells[1] = Cell::of(r.rule);
      cells[6] = Cell::of(r.checked);
      cells[7] = Cell::of(r.failed);
    }
    for (const MissionScore& m : q.missions) {
      auto& cells = row();
      cells[0] = Cell::of("mission");
      cells[4] = Cell::of(m.code);
      cells[5] = Cell::of(m.mission_id.value());
      cells[6] = Cell::of(m.checked);
      cells[7] = Cell::of(m.failed);
      cells[8] = Cell::of(m.score);
    }
    for (const Finding& f : q.findings) {
      auto& cells = row();
      cells[0] = Cell::of("finding");
      cells[1] = Cell::of(f.rule);
      cells[2] = Cell::of(f.entity);
      cells[3] = Cell::of(f.entity_id);
      cells[4] = Cell::of(f.code);
      if (f.mission_id) cells[5] = Cell::of(f.mission_id->value());
      cells[9] = Cell::of(f.message);
    }
    return t;
  };
  return {1 + q.rules.size() + q.missions.size() + q.findings.size(), body, table, nullptr};
}

Result<Reply> data_quality(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  QueryReader q(request);
  const Common c = read_common(q, request);
  const auto mission = q.id<MissionId>("mission_id");
  if (c.format == Format::svg) q.add("format", "this report has no chart: use json, csv or xlsx");
  if (Status s = q.finish(kInvalid); !s.ok()) return s.error();
  auto report = app::data_quality(store, c.as_of, mission);
  if (!report.ok()) return report.error();
  return answer(c, limits, "data-quality", quality_shapes(*report));
}

}  // namespace

const std::vector<ReportRoute>& decision_reports() {
  static const std::vector<ReportRoute> reports = {
      {"purchase-plan",
       purchase_plan,
       {"budget", "discount_rate", "horizon_years", "mission_id", "region"}},
      {"rent-forecast", rent_forecast, {"from_fy", "to_fy", "renewals", "group_by"}},
      {"data-quality", data_quality, {"mission_id"}},
  };
  return reports;
}

}  // namespace estate::api
