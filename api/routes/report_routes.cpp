#include "api/routes/report_routes.h"

#include <map>
#include <unordered_map>

#include "domain/json_codec.h"
#include "reports/budget.h"
#include "reports/co_location.h"
#include "reports/lease_events.h"
#include "reports/lease_vs_buy.h"
#include "reports/ownership.h"
#include "reports/rent.h"
#include "reports/rent_savings.h"
#include "reports/svg.h"
#include "reports/table.h"

namespace estate::api {

using nlohmann::json;
using persistence::Store;
using reports::Cell;
using reports::Table;

namespace {

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// ---- parameters ----

enum class Format { json, csv, xlsx, svg };

struct Common {
  Date as_of;
  Format format = Format::json;
};

// as_of (a date, or an instant whose UTC date is used; default today in UTC, within the
// documented window) and the format (?format= wins over Accept).
Common common_params(const HttpRequest& request, Validator& v) {
  Common c;
  const Date today{date::floor<date::days>(now())};
  c.as_of = today;
  auto as_of = instant_param(request, "as_of");
  if (!as_of.ok()) {
    v.merge(as_of.error().fields);
  } else if (*as_of) {
    c.as_of = Date{date::floor<date::days>(**as_of)};
    const Date earliest{date::year{kEarliestAsOfYear} / date::January / 1};
    const Date latest = reports::anniversary(today, kAsOfYearsAhead);
    if (c.as_of < earliest || latest < c.as_of) {
      v.add("as_of", "must be from " + format_date(earliest) + " to " + format_date(latest) +
                         " (" + std::to_string(kAsOfYearsAhead) + " years after today)");
    }
  }
  auto it = request.query.find("format");
  if (it != request.query.end()) {
    const std::string& f = it->second;
    if (f == "json")
      c.format = Format::json;
    else if (f == "csv")
      c.format = Format::csv;
    else if (f == "xlsx")
      c.format = Format::xlsx;
    else if (f == "svg")
      c.format = Format::svg;
    else
      v.add("format", "must be one of: json, csv, xlsx, svg");
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

// Checks that the query names only `allowed`, as_of and format, and reads the last two.
Common report_params(const HttpRequest& request, std::vector<std::string> allowed, Validator& v) {
  allowed.insert(allowed.end(), {"as_of", "format"});
  if (Status s = allow_only(request, allowed); !s.ok()) v.merge(s.error().fields);
  return common_params(request, v);
}

std::optional<std::int64_t> integer_param(const HttpRequest& request, const std::string& name,
                                          std::int64_t min, std::int64_t max, Validator& v) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  const std::string& text = it->second;
  bool ok = !text.empty() && text.size() <= 9;
  for (std::size_t i = 0; i < text.size(); ++i)
    ok =
        ok && ((text[i] >= '0' && text[i] <= '9') || (i == 0 && text[i] == '-' && text.size() > 1));
  std::int64_t n = ok ? std::stoll(text) : 0;
  if (!ok || n < min || n > max) {
    v.add(name, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return n;
}

std::optional<Decimal> decimal_param(const HttpRequest& request, const std::string& name, int scale,
                                     Validator& v) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  auto d = Decimal::parse(it->second, scale);
  if (!d.ok()) {
    v.add(name, d.error().message);
    return std::nullopt;
  }
  return *d;
}

// ---- loading ----

template <class Entity, class Id, class Filter>
Result<std::vector<Entity>> all(Repository<Entity, Id, Filter>& repo, const Filter& filter = {}) {
  std::vector<Entity> out;
  PageRequest page{1000, 0};
  for (;;) {
    auto found = repo.list(filter, page);
    if (!found.ok()) return found.error();
    for (Entity& e : found->items) out.push_back(std::move(e));
    if (!found->next_after_id) return out;
    page.after_id = *found->next_after_id;
  }
}

// Every property and mission, which most estate reports read whole.
struct Estate {
  std::vector<Property> properties;
  std::vector<Mission> missions;
};

Result<Estate> whole_estate(Store& store) {
  auto properties = all(*store.properties);
  if (!properties.ok()) return properties.error();
  auto missions = all(*store.missions);
  if (!missions.ok()) return missions.error();
  return Estate{std::move(*properties), std::move(*missions)};
}

// A record a query parameter names: its absence is the parameter's fault (422), not the
// URL's (404). Other errors pass through.
template <class T>
Result<T> named_by(Result<T> found, const char* parameter, const char* what) {
  if (!found.ok() && found.error().kind == ErrorKind::not_found) {
    return Error::invalid(found.error().message, {{parameter, std::string("names no ") + what}});
  }
  return found;
}

// The acquisitions with their replaced leases, as the savings reports take them. An unknown
// `only_acquisition` is invalid, naming the acquisition_id parameter.
Result<std::vector<reports::SavingsInput>> savings_inputs(
    Store& store, std::optional<std::int64_t> only_acquisition) {
  std::vector<Acquisition> acquisitions;
  if (only_acquisition) {
    auto a = named_by(store.acquisitions->get(AcquisitionId(*only_acquisition)), "acquisition_id",
                      "acquisition");
    if (!a.ok()) return a.error();
    acquisitions.push_back(*a);
  } else {
    auto found = all(*store.acquisitions);
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

// ---- rendering ----

json money_or_null(const std::optional<Money>& m) {
  return m ? to_json(*m) : json();
}

json decimal_or_null(const std::optional<Decimal>& d) {
  return d ? json(d->to_string()) : json();
}

json fiscal_year_json(FiscalYear fy) {
  return json{{"fiscal_year", fy.roc()}, {"fiscal_year_ad", fy.ad()}};
}

// A 422 when an answer would have more than the configured rows, saying how to narrow it.
std::optional<Reply> too_many_rows(std::size_t rows, const ReportLimits& limits,
                                   const std::string& how) {
  if (rows <= limits.max_rows) return std::nullopt;
  return problem_reply(422,
                       "the answer would have " + std::to_string(rows) + " rows, more than the " +
                           std::to_string(limits.max_rows) + " one answer may have",
                       {{"as_of", how}});
}

// The report in the format asked for, refused when it has more than limits.max_rows rows.
Reply render(const Common& c, const ReportLimits& limits, const std::string& name,
             std::size_t rows, const std::function<json()>& body,
             const std::function<Table()>& table,
             const std::function<std::optional<std::string>()>& svg) {
  if (auto refused = too_many_rows(rows, limits, "narrow the report's parameters"))
    return *refused;
  Reply r;
  const std::string stem = name + "-" + format_date(c.as_of);
  switch (c.format) {
    case Format::json:
      r.body = body();
      return r;
    case Format::csv: {
      r.raw = reports::to_csv(table());
      r.content_type = "text/csv; charset=utf-8";
      r.filename = stem + ".csv";
      return r;
    }
    case Format::xlsx: {
      auto bytes = reports::to_xlsx(table());
      if (!bytes.ok()) return error_reply(bytes.error());
      r.raw = std::move(*bytes);
      r.content_type = kXlsxType;
      r.filename = stem + ".xlsx";
      return r;
    }
    case Format::svg: {
      auto chart = svg ? svg() : std::nullopt;
      if (!chart) {
        return problem_reply(422, "this report has no chart for these parameters",
                             {{"format", "svg needs a chart: see the report's documentation"}});
      }
      r.raw = std::move(*chart);
      r.content_type = "image/svg+xml";
      return r;
    }
  }
  return r;
}

double chart_x(Date d) {
  return static_cast<double>(date::sys_days(d).time_since_epoch().count());
}

// A tick on 1 January of each year from `from`'s to `to`'s (of every few years when there are
// more than twelve).
void year_ticks(reports::Chart& chart, Date from, Date to) {
  date::year first = from.year(), last = to.year();
  int span = int(last) - int(first) + 1, every = span > 12 ? (span + 11) / 12 : 1;
  for (date::year y = first; y <= last; y += date::years(every)) {
    chart.x_ticks.emplace_back(chart_x(Date{y / date::January / 1}), std::to_string(int(y)));
  }
}

double as_double(const Money& m) {
  return static_cast<double>(m.minor_units()) /
         static_cast<double>(pow10(m.currency().minor_digits()));
}

double as_double(const Decimal& d) {
  return static_cast<double>(d.units()) / static_cast<double>(pow10(d.scale()));
}

// ---- ownership ----

json figures_json(const reports::OwnershipFigures& f) {
  return json{{"owned", f.owned},
              {"leased", f.leased},
              {"provided", f.provided},
              {"ratio_count", decimal_or_null(f.ratio_count)},
              {"owned_m2", f.owned_m2.to_string()},
              {"leased_m2", f.leased_m2.to_string()},
              {"provided_m2", f.provided_m2.to_string()},
              {"ratio_area", decimal_or_null(f.ratio_area)}};
}

std::vector<Cell> figures_cells(const std::string& key, const reports::OwnershipFigures& f) {
  return {Cell::of(key),         Cell::of(f.owned),       Cell::of(f.leased),
          Cell::of(f.provided),  Cell::of(f.ratio_count), Cell::of(f.owned_m2),
          Cell::of(f.leased_m2), Cell::of(f.provided_m2), Cell::of(f.ratio_area)};
}

Reply ownership(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  Validator v;
  Common c = report_params(request, {"group_by", "trend_from", "trend_to"}, v);
  reports::OwnershipGrouping grouping = reports::OwnershipGrouping::none;
  if (auto it = request.query.find("group_by"); it != request.query.end()) {
    if (it->second == "region")
      grouping = reports::OwnershipGrouping::region;
    else if (it->second == "kind")
      grouping = reports::OwnershipGrouping::kind;
    else if (it->second == "mission")
      grouping = reports::OwnershipGrouping::mission;
    else
      v.add("group_by", "must be one of: region, kind, mission");
  }
  auto from = fiscal_year_param(request, "trend_from", v);
  auto to = fiscal_year_param(request, "trend_to", v);
  std::optional<std::pair<FiscalYear, FiscalYear>> trend;
  if (from && to) {
    if (*to < *from)
      v.add("trend_to", "must not be before trend_from");
    else if (to->ad() - from->ad() > 100)
      v.add("trend_to", "must be at most 100 years after trend_from");
    else
      trend = std::make_pair(*from, *to);
  } else if (from || to) {
    v.add(from ? "trend_to" : "trend_from",
          "is required with " + std::string(from ? "trend_from" : "trend_to"));
  }
  if (Status s = v.finish("the report's parameters are not valid"); !s.ok())
    return error_reply(s.error());

  auto estate = whole_estate(store);
  if (!estate.ok()) return error_reply(estate.error());
  const auto& [properties, missions] = *estate;
  auto report = reports::ownership(properties, missions, c.as_of, grouping, trend);

  auto body = [&] {
    json groups = json::array(), trend_json = json::array();
    for (const auto& g : report.groups) {
      json j = figures_json(g.figures);
      j["key"] = g.key.empty() ? json() : json(g.key);
      groups.push_back(std::move(j));
    }
    for (const auto& p : report.trend) {
      json j = fiscal_year_json(p.fiscal_year);
      j["on"] = format_date(p.on);
      j["ratio_count"] = decimal_or_null(p.ratio_count);
      j["ratio_area"] = decimal_or_null(p.ratio_area);
      trend_json.push_back(std::move(j));
    }
    json out = {{"as_of", format_date(c.as_of)},
                {"overall", figures_json(report.overall)},
                {"groups", std::move(groups)}};
    if (trend) out["trend"] = std::move(trend_json);
    return out;
  };

  auto table = [&] {
    Table t{"ownership",
            {"group", "owned", "leased", "provided", "ratio_count", "owned_m2", "leased_m2",
             "provided_m2", "ratio_area"},
            {}};
    t.rows.push_back(figures_cells("overall", report.overall));
    for (const auto& g : report.groups)
      t.rows.push_back(figures_cells(g.key.empty() ? "(none)" : g.key, g.figures));
    for (const auto& p : report.trend) {
      t.rows.push_back({Cell::of("FY " + p.fiscal_year.label()), Cell::empty(), Cell::empty(),
                        Cell::empty(), Cell::of(p.ratio_count), Cell::empty(), Cell::empty(),
                        Cell::empty(), Cell::of(p.ratio_area)});
    }
    return t;
  };
  auto svg = [&]() -> std::optional<std::string> {
    if (report.trend.empty()) return std::nullopt;
    reports::Chart chart;
    chart.title = "Ownership ratio (自有率) by fiscal year, as of " + format_date(c.as_of);
    chart.x_label = "ROC fiscal year (Gregorian), each at its end";
    chart.y_label = "owned / (owned + leased)";
    chart.y_percent = true;
    reports::ChartSeries count{"by count", {}, "#1f77b4"}, area{"by floor area", {}, "#2ca02c"};
    for (const auto& p : report.trend) {
      double x = p.fiscal_year.roc();
      if (p.ratio_count) count.points.emplace_back(x, as_double(*p.ratio_count));
      if (p.ratio_area) area.points.emplace_back(x, as_double(*p.ratio_area));
      chart.x_ticks.emplace_back(x, p.fiscal_year.label());
    }
    chart.series = {count, area};
    return reports::line_chart(chart);
  };
  return render(c, limits, "ownership", report.groups.size() + report.trend.size() + 1, body, table,
                svg);
}

// ---- rent savings ----

Reply rent_savings(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  Validator v;
  Common c = report_params(request, {"fiscal_year", "acquisition_id"}, v);
  auto fy = fiscal_year_param(request, "fiscal_year", v);
  auto only = id_param(request, "acquisition_id");
  if (!only.ok()) v.merge(only.error().fields);
  if (Status s = v.finish("the report's parameters are not valid"); !s.ok())
    return error_reply(s.error());

  auto inputs = savings_inputs(store, *only);
  if (!inputs.ok()) return error_reply(inputs.error());
  auto rates = all(*store.fx_rates);
  if (!rates.ok()) return error_reply(rates.error());
  auto computed = reports::rent_savings(*inputs, reports::FxTable(*rates), c.as_of, fy);
  if (!computed.ok()) return error_reply(computed.error());
  const auto& report = *computed;
  std::size_t rows = 0;
  for (const auto& a : report.acquisitions) rows += a.by_fiscal_year.size() + 1;
  if (auto refused = too_many_rows(rows, limits, "narrow the report with fiscal_year or acquisition_id"))
    return *refused;

  auto body = [&] {
    json items = json::array();
    for (const auto& a : report.acquisitions) {
      json years = json::array();
      for (const auto& y : a.by_fiscal_year) {
        json j = fiscal_year_json(y.fiscal_year);
        j["from"] = format_date(y.from);
        j["to"] = format_date(y.to);
        j["rent_avoided"] = to_json(y.rent_avoided);
        j["operating_cost"] = to_json(y.operating_cost);
        j["net_savings"] = to_json(y.net_savings);
        j["twd_per_unit"] = decimal_or_null(y.twd_rate);
        j["net_savings_twd"] = money_or_null(y.net_savings_twd);
        years.push_back(std::move(j));
      }
      items.push_back(
          {{"acquisition_id", a.acquisition_id.value()},
           {"code", a.code},
           {"currency", std::string(a.currency.code())},
           {"stage", std::string(to_string(a.stage))},
           {"occupied_on", a.occupied_on ? json(format_date(*a.occupied_on)) : json()},
           {"rent_avoided", to_json(a.rent_avoided)},
           {"operating_cost", to_json(a.operating_cost)},
           {"net_savings", to_json(a.net_savings)},
           {"net_savings_twd", money_or_null(a.net_savings_twd)},
           {"invested", to_json(a.invested)},
           {"payback_date", a.payback_date ? json(format_date(*a.payback_date)) : json()},
           {"by_fiscal_year", std::move(years)}});
    }
    return json{{"as_of", format_date(c.as_of)},
                {"fiscal_year", fy ? json(fy->roc()) : json()},
                {"acquisitions", std::move(items)},
                {"totals", {{"net_savings_twd", money_or_null(report.totals.net_savings_twd)}}},
                {"missing_rates", report.missing_rates}};
  };

  auto table = [&] {
    Table t{"rent-savings",
            {"acquisition_id", "code", "fiscal_year", "currency", "rent_avoided", "operating_cost",
             "net_savings", "twd_per_unit", "net_savings_twd", "invested", "payback_date"},
            {}};
    for (const auto& a : report.acquisitions) {
      for (const auto& y : a.by_fiscal_year) {
        t.rows.push_back({Cell::of(a.acquisition_id.value()), Cell::of(a.code),
                          Cell::of(std::int64_t{y.fiscal_year.roc()}),
                          Cell::of(std::string(a.currency.code())), Cell::of(y.rent_avoided),
                          Cell::of(y.operating_cost), Cell::of(y.net_savings), Cell::of(y.twd_rate),
                          Cell::of(y.net_savings_twd), Cell::empty(), Cell::empty()});
      }
      t.rows.push_back({Cell::of(a.acquisition_id.value()), Cell::of(a.code), Cell::of("total"),
                        Cell::of(std::string(a.currency.code())), Cell::of(a.rent_avoided),
                        Cell::of(a.operating_cost), Cell::of(a.net_savings), Cell::empty(),
                        Cell::of(a.net_savings_twd), Cell::of(a.invested),
                        Cell::of(a.payback_date)});
    }
    t.rows.push_back({Cell::empty(), Cell::of("all acquisitions"), Cell::of("total"),
                      Cell::of("TWD"), Cell::empty(), Cell::empty(), Cell::empty(), Cell::empty(),
                      Cell::of(report.totals.net_savings_twd), Cell::empty(), Cell::empty()});
    return t;
  };
  auto svg = [&]() -> std::optional<std::string> {
    if (!*only || inputs->empty() || report.acquisitions.empty()) return std::nullopt;
    const auto& in = inputs->front();
    const auto& a = report.acquisitions.front();
    if (!a.occupied_on) return std::nullopt;
    // Through the payback date (projected) or the as-of date, whichever is later.
    Date through = a.payback_date && c.as_of < *a.payback_date ? *a.payback_date : c.as_of;
    auto cumulative = reports::cumulative_net_savings(in, through);
    if (!cumulative.ok()) return std::nullopt;
    const auto& points = *cumulative;
    reports::Chart chart;
    chart.title =
        "Cumulative net rent savings of " + a.code + " (" + std::string(a.currency.code()) + ")";
    chart.x_label = "date (projected after the as-of date)";
    chart.y_label = "cumulative net savings, " + std::string(a.currency.code());
    reports::ChartSeries actual{"realised", {}, "#1f77b4"}, projected{"projected", {}, "#aec7e8"};
    for (const auto& [d, m] : points) {
      (d <= c.as_of ? actual : projected).points.emplace_back(chart_x(d), as_double(m));
    }
    if (!actual.points.empty() && !projected.points.empty())
      projected.points.insert(projected.points.begin(), actual.points.back());
    chart.series = {actual};
    if (!projected.points.empty()) chart.series.push_back(projected);
    chart.y_marker = reports::ChartMarker{as_double(a.invested),
                                          "invested " + reports::thousands(as_double(a.invested))};
    chart.x_marker = reports::ChartMarker{chart_x(c.as_of), "as of " + format_date(c.as_of)};
    year_ticks(chart, *a.occupied_on, through);
    return reports::line_chart(chart);
  };
  return render(c, limits, "rent-savings", rows, body, table, svg);
}

// ---- lease vs buy ----

Reply lease_vs_buy(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  Validator v;
  Common c = report_params(
      request,
      {"acquisition_id", "discount_rate", "horizon_years", "escalation_pct", "residual_value"}, v);
  auto id = id_param(request, "acquisition_id");
  if (!id.ok())
    v.merge(id.error().fields);
  else if (!*id)
    v.add("acquisition_id", "is required");
  reports::LeaseVsBuyParameters p;
  if (auto r = decimal_param(request, "discount_rate", reports::kFractionScale, v)) {
    const std::int64_t units = r->rescale(reports::kFractionScale)->units();
    if (units < reports::kMinDiscountRateUnits || units > reports::kMaxDiscountRateUnits)
      v.add("discount_rate", "must be a fraction from -0.10 to 1, such as 0.02");
    else
      p.discount_rate = Decimal::from_units(units, reports::kFractionScale);
  }
  if (auto n = integer_param(request, "horizon_years", 1, reports::kMaxHorizonYears, v))
    p.horizon_years = static_cast<int>(*n);
  if (auto e = decimal_param(request, "escalation_pct", 2, v)) {
    const std::int64_t units = e->rescale(2)->units() * 100;  // pct/100 at six places
    if (units < reports::kMinEscalationUnits || units > reports::kMaxEscalationUnits)
      v.add("escalation_pct", "must be from -50 to 100");
    else
      p.escalation = Decimal::from_units(units, reports::kFractionScale);
  }
  auto residual = request.query.find("residual_value");
  if (Status s = v.finish("the report's parameters are not valid"); !s.ok())
    return error_reply(s.error());

  auto inputs = savings_inputs(store, *id);
  if (!inputs.ok()) return error_reply(inputs.error());
  const auto& in = inputs->front();
  if (residual != request.query.end()) {
    auto m = Money::parse(residual->second, in.acquisition.price.currency());
    if (!m.ok() || m->minor_units() < 0 || !m->within_record_limit()) {
      return problem_reply(
          422, "the report's parameters are not valid",
          {{"residual_value", "must be an amount from 0 to " +
                                  Money::from_minor(Money::kMaxRecordMinor,
                                                    in.acquisition.price.currency())
                                      .amount_string() +
                                  " in " + std::string(in.acquisition.price.currency().code()) +
                                  (m.ok() ? "" : ": " + m.error().message)}});
    }
    p.residual_minor = m->minor_units();
  }
  auto computed = reports::lease_vs_buy(in.acquisition, in.replaced, c.as_of, p);
  if (!computed.ok()) return error_reply(computed.error());
  const reports::LeaseVsBuy& r = *computed;
  auto fraction = [](const Decimal& x) { return x.to_string(); };
  auto body = [&] {
    return json{{"acquisition_id", in.acquisition.id.value()},
                {"as_of", format_date(c.as_of)},
                {"currency", std::string(r.currency.code())},
                {"annual_rent", to_json(r.annual_rent)},
                {"rent_on", format_date(r.rent_on)},
                {"discount_rate", fraction(r.discount_rate)},
                {"horizon_years", r.horizon_years},
                {"escalation", fraction(r.escalation)},
                {"residual_value", to_json(r.residual_value)},
                {"lease_cost_pv", to_json(r.lease_cost_pv)},
                {"buy_cost_pv", to_json(r.buy_cost_pv)},
                {"saving_pv", to_json(r.saving_pv)},
                {"payback_year", r.payback_year ? json(*r.payback_year) : json()}};
  };
  auto table = [&] {
    return Table{"lease-vs-buy",
                 {"acquisition_id", "currency", "annual_rent", "discount_rate", "horizon_years",
                  "escalation", "lease_cost_pv", "buy_cost_pv", "saving_pv", "payback_year"},
                 {{Cell::of(in.acquisition.id.value()), Cell::of(std::string(r.currency.code())),
                   Cell::of(r.annual_rent), Cell{Cell::Kind::number, fraction(r.discount_rate), 6},
                   Cell::of(std::int64_t{r.horizon_years}),
                   Cell{Cell::Kind::number, fraction(r.escalation), 6}, Cell::of(r.lease_cost_pv),
                   Cell::of(r.buy_cost_pv), Cell::of(r.saving_pv),
                   r.payback_year ? Cell::of(std::int64_t{*r.payback_year}) : Cell::empty()}}};
  };
  return render(c, limits, "lease-vs-buy", 1, body, table, nullptr);
}

// ---- lease events ----

Reply lease_events(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  Validator v;
  Common c = report_params(request, {"within_days"}, v);
  int within = static_cast<int>(integer_param(request, "within_days", 0, 3650, v).value_or(180));
  if (Status s = v.finish("the report's parameters are not valid"); !s.ok())
    return error_reply(s.error());
  auto leases = all(*store.leases);
  if (!leases.ok()) return error_reply(leases.error());
  auto estate = whole_estate(store);
  if (!estate.ok()) return error_reply(estate.error());
  const auto& [properties, missions] = *estate;
  auto events = reports::lease_events(*leases, properties, missions, c.as_of, within);
  auto body = [&] {
    json out = json::array();
    for (const auto& e : events) {
      out.push_back({{"lease_id", e.lease_id.value()},
                     {"property_id", e.property_id.value()},
                     {"mission_id", e.mission_id ? json(e.mission_id->value()) : json()},
                     {"event", e.event},
                     {"date", format_date(e.date)},
                     {"deadline_utc", format_instant(e.deadline_utc)},
                     {"time_zone", e.time_zone},
                     {"days_left", e.days_left}});
    }
    return out;
  };
  auto table = [&] {
    Table t{"lease-events",
            {"lease_id", "property_id", "mission_id", "event", "date", "deadline_utc", "time_zone",
             "days_left"},
            {}};
    for (const auto& e : events) {
      t.rows.push_back({Cell::of(e.lease_id.value()), Cell::of(e.property_id.value()),
                        e.mission_id ? Cell::of(e.mission_id->value()) : Cell::empty(),
                        Cell::of(e.event), Cell::of(e.date),
                        Cell::of(format_instant(e.deadline_utc)), Cell::of(e.time_zone),
                        Cell::of(e.days_left)});
    }
    return t;
  };
  return render(c, limits, "lease-events", events.size(), body, table, nullptr);
}

// ---- co-location ----

Reply co_location(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  Validator v;
  Common c = report_params(request, {}, v);
  if (Status s = v.finish("the report's parameters are not valid"); !s.ok())
    return error_reply(s.error());
  auto estate = whole_estate(store);
  if (!estate.ok()) return error_reply(estate.error());
  const auto& [properties, missions] = *estate;
  auto found = reports::co_location(properties, missions, c.as_of);
  auto body = [&] {
    json out = json::array();
    for (const auto& m : found) {
      json ids = json::array();
      for (PropertyId id : m.property_ids) ids.push_back(id.value());
      out.push_back({{"mission_id", m.mission_id.value()},
                     {"code", m.code},
                     {"office_properties", m.office_properties},
                     {"agencies", m.agencies},
                     {"property_ids", std::move(ids)}});
    }
    return out;
  };
  auto table = [&] {
    Table t{"co-location", {"mission_id", "code", "office_properties", "agencies"}, {}};
    for (const auto& m : found) {
      std::string agencies;
      for (const std::string& a : m.agencies) agencies += (agencies.empty() ? "" : " ") + a;
      t.rows.push_back({Cell::of(m.mission_id.value()), Cell::of(m.code),
                        Cell::of(m.office_properties), Cell::of(agencies)});
    }
    return t;
  };
  return render(c, limits, "co-location", found.size(), body, table, nullptr);
}

// ---- budget execution ----

json execution_json(const reports::ExecutionFigures& f) {
  return {{"appropriated", to_json(f.appropriated)},
          {"committed", to_json(f.committed)},
          {"expended", to_json(f.expended)},
          {"execution_rate", decimal_or_null(f.execution_rate)}};
}

Reply budget_execution(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  Validator v;
  Common c = report_params(request, {"fiscal_year", "budget_line_id"}, v);
  auto fy = fiscal_year_param(request, "fiscal_year", v);
  if (!fy && !request.query.count("fiscal_year")) v.add("fiscal_year", "is required");
  auto only = id_param(request, "budget_line_id");
  if (!only.ok()) v.merge(only.error().fields);
  if (c.format == Format::svg) v.add("format", "this report has no chart: use json, csv or xlsx");
  if (Status s = v.finish("the report's parameters are not valid"); !s.ok())
    return error_reply(s.error());

  std::vector<BudgetLine> lines;
  if (*only) {
    auto line =
        named_by(store.budget_lines->get(BudgetLineId(**only)), "budget_line_id", "budget line");
    if (!line.ok()) return error_reply(line.error());
    lines.push_back(*line);
  } else {
    auto found = all(*store.budget_lines);
    if (!found.ok()) return error_reply(found.error());
    lines = std::move(*found);
  }
  const Date through = reports::execution_through(*fy, c.as_of);
  AppropriationFilter af;
  af.fiscal_year = *fy;
  SpendingFilter committed, spent;
  committed.to = through;
  spent.from = fy->first_day();
  spent.to = through;
  if (*only) af.budget_line_id = committed.budget_line_id = spent.budget_line_id = lines[0].id;
  auto appropriations = all(*store.appropriations, af);
  if (!appropriations.ok()) return error_reply(appropriations.error());
  auto commitments = all(*store.commitments, committed);
  if (!commitments.ok()) return error_reply(commitments.error());
  auto expended = store.spending_totals->expended_by_line(spent);
  if (!expended.ok()) return error_reply(expended.error());
  auto computed =
      reports::budget_execution(*fy, c.as_of, lines, *appropriations, *commitments, *expended);
  if (!computed.ok()) return error_reply(computed.error());
  const auto& report = *computed;

  auto body = [&] {
    json items = json::array();
    for (const auto& l : report.lines) {
      json j = execution_json(l.figures);
      j["budget_line_id"] = l.line.id.value();
      j["code"] = l.line.code;
      j["name_zh"] = l.line.name_zh;
      j["name_en"] = l.line.name_en;
      items.push_back(std::move(j));
    }
    json out = fiscal_year_json(*fy);
    out["as_of"] = format_date(c.as_of);
    out["through"] = format_date(report.through);
    out["lines"] = std::move(items);
    out["totals"] = execution_json(report.totals);
    return out;
  };

  auto table = [&] {
    Table t{"budget-execution",
            {"fiscal_year", "budget_line_id", "code", "name_zh", "name_en", "appropriated",
             "committed", "expended", "execution_rate"},
            {}};
    auto row = [&](Cell id, Cell code, Cell zh, Cell en, const reports::ExecutionFigures& f) {
      t.rows.push_back({Cell::of(std::int64_t{fy->roc()}), std::move(id), std::move(code),
                        std::move(zh), std::move(en), Cell::of(f.appropriated),
                        Cell::of(f.committed), Cell::of(f.expended), Cell::of(f.execution_rate)});
    };
    for (const auto& l : report.lines) {
      row(Cell::of(l.line.id.value()), Cell::of(l.line.code), Cell::of(l.line.name_zh),
          Cell::of(l.line.name_en), l.figures);
    }
    row(Cell::empty(), Cell::of("total"), Cell::empty(), Cell::empty(), report.totals);
    return t;
  };
  return render(c, limits, "budget-execution-" + std::to_string(fy->roc()),
                report.lines.size() + 1, body, table, nullptr);
}

// ---- earned value ----

Reply earned_value(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  Validator v;
  Common c = report_params(request, {"project_id"}, v);
  auto id = id_param(request, "project_id");
  if (!id.ok())
    v.merge(id.error().fields);
  else if (!*id)
    v.add("project_id", "is required");
  if (Status s = v.finish("the report's parameters are not valid"); !s.ok())
    return error_reply(s.error());
  auto project = named_by(store.projects->get(ProjectId(**id)), "project_id", "project");
  if (!project.ok()) return error_reply(project.error());
  // The S-curve runs to the as-of date or the last milestone, whichever is later.
  const Date through = c.format == Format::svg && !project->milestones.empty() &&
                               c.as_of < project->milestones.back().date
                           ? project->milestones.back().date
                           : c.as_of;
  ProgressFilter pf;
  pf.project_id = project->id;
  auto progress = all(*store.progress, pf);
  if (!progress.ok()) return error_reply(progress.error());
  SpendingFilter sf;
  sf.project_id = project->id;
  sf.to = through;
  auto expenditures = all(*store.expenditures, sf);
  if (!expenditures.ok()) return error_reply(expenditures.error());
  auto computed = reports::earned_value(*project, c.as_of, *progress, *expenditures);
  if (!computed.ok()) return error_reply(computed.error());
  const auto& r = *computed;
  Result<std::vector<reports::SCurvePoint>> curve = std::vector<reports::SCurvePoint>{};
  if (c.format == Format::svg)
    curve = reports::s_curve(*project, c.as_of, through, *progress, *expenditures);
  if (!curve.ok()) return error_reply(curve.error());

  auto body = [&] {
    return json{{"project_id", r.project_id.value()},
                {"code", r.code},
                {"as_of", format_date(r.as_of)},
                {"bac", to_json(r.bac)},
                {"pv", to_json(r.pv)},
                {"ev", to_json(r.ev)},
                {"ac", to_json(r.ac)},
                {"planned_pct", r.planned_pct.to_string()},
                {"pct_complete", r.pct_complete.to_string()},
                {"cpi", decimal_or_null(r.cpi)},
                {"spi", decimal_or_null(r.spi)},
                {"eac", money_or_null(r.eac)},
                {"vac", money_or_null(r.vac)}};
  };
  auto table = [&] {
    Table t{"earned-value",
            {"project_id", "code", "as_of", "bac", "pv", "ev", "ac", "planned_pct", "pct_complete",
             "cpi", "spi", "eac", "vac"},
            {}};
    t.rows.push_back({Cell::of(r.project_id.value()), Cell::of(r.code), Cell::of(r.as_of),
                      Cell::of(r.bac), Cell::of(r.pv), Cell::of(r.ev), Cell::of(r.ac),
                      Cell::of(r.planned_pct), Cell::of(r.pct_complete), Cell::of(r.cpi),
                      Cell::of(r.spi), Cell::of(r.eac), Cell::of(r.vac)});
    return t;
  };
  auto svg = [&]() -> std::optional<std::string> {
    const auto& points = *curve;
    reports::Chart chart;
    chart.title = "S-curve of " + project->code + " (" + project->name_en + "), NT$";
    chart.x_label = "date";
    chart.y_label = "cumulative NT$";
    reports::ChartSeries pv{"planned value (PV)", {}, "#7f7f7f"},
        ev{"earned value (EV)", {}, "#2ca02c"}, ac{"actual cost (AC)", {}, "#d62728"};
    for (const auto& p : points) {
      const double x = chart_x(p.day);
      pv.points.emplace_back(x, as_double(p.pv));
      if (!(c.as_of < p.day)) {
        ev.points.emplace_back(x, as_double(p.ev));
        ac.points.emplace_back(x, as_double(p.ac));
      }
    }
    chart.series = {pv, ev, ac};
    chart.y_marker = reports::ChartMarker{as_double(project->bac),
                                          "BAC " + reports::thousands(as_double(project->bac))};
    chart.x_marker = reports::ChartMarker{chart_x(c.as_of), "as of " + format_date(c.as_of)};
    year_ticks(chart, project->start, through);
    return reports::line_chart(chart);
  };
  return render(c, limits, "earned-value-" + project->code, 1, body, table, svg);
}

}  // namespace

void add_report_routes(RouteTable& routes, Store& store, ReportLimits limits) {
  using Handler = Reply (*)(Store&, const ReportLimits&, const HttpRequest&);
  const std::pair<const char*, Handler> reports[] = {
      {"ownership", ownership},       {"rent-savings", rent_savings},
      {"lease-vs-buy", lease_vs_buy}, {"lease-events", lease_events},
      {"co-location", co_location},   {"budget-execution", budget_execution},
      {"earned-value", earned_value},
  };
  Store* s = &store;
  for (const auto& [name, handler] : reports) {
    routes.push_back({"GET", std::string("/api/v1/reports/") + name, kReportReaders,
                      [s, limits, handler = handler](const HttpRequest& r) {
                        return handler(*s, limits, r);
                      },
                      false, Lane::reports});
  }
}

}  // namespace estate::api
