#include "reports/charts.h"

#include <algorithm>
#include <string>

namespace estate::reports {

namespace {

double chart_x(Date d) {
  return static_cast<double>(date::sys_days(d).time_since_epoch().count());
}

double as_double(const Money& m) {
  return static_cast<double>(m.minor_units()) /
         static_cast<double>(pow10(m.currency().minor_digits()));
}

double as_double(const Decimal& d) {
  return static_cast<double>(d.units()) / static_cast<double>(pow10(d.scale()));
}

// A tick on 1 January of each year from `from`'s to `to`'s (of every few years when there are
// more than twelve).
void year_ticks(Chart& chart, Date from, Date to) {
  date::year first = from.year(), last = to.year();
  int span = int(last) - int(first) + 1, every = span > 12 ? (span + 11) / 12 : 1;
  for (date::year y = first; y <= last; y += date::years(every)) {
    chart.x_ticks.emplace_back(chart_x(Date{y / date::January / 1}), std::to_string(int(y)));
  }
}

}  // namespace

std::optional<Chart> ownership_trend_chart(const OwnershipReport& report) {
  if (report.trend.empty()) return std::nullopt;
  Chart chart;
  chart.title = "Ownership ratio (自有率) by fiscal year, as of " + format_date(report.as_of);
  chart.x_label = "ROC fiscal year (Gregorian), each at its end";
  chart.y_label = "owned / (owned + leased)";
  chart.y_percent = true;
  ChartSeries count{"by count", {}, "#1f77b4"}, area{"by floor area", {}, "#2ca02c"};
  for (const auto& p : report.trend) {
    double x = p.fiscal_year.roc();
    if (p.ratio_count) count.points.emplace_back(x, as_double(*p.ratio_count));
    if (p.ratio_area) area.points.emplace_back(x, as_double(*p.ratio_area));
    chart.x_ticks.emplace_back(x, p.fiscal_year.label());
  }
  chart.series = {count, area};
  return chart;
}

Result<std::optional<Chart>> savings_chart(const SavingsInput& input,
                                           const AcquisitionSavings& a, Date as_of) {
  if (!a.occupied_on) return std::optional<Chart>();
  const Date through = a.payback_date && as_of < *a.payback_date ? *a.payback_date : as_of;
  auto points = cumulative_net_savings(input, through);
  if (!points.ok()) return points.error();
  const std::string currency(a.currency.code());
  Chart chart;
  chart.title = "Cumulative net rent savings of " + a.code + " (" + currency + ")";
  chart.x_label = "date (projected after the as-of date)";
  chart.y_label = "cumulative net savings, " + currency;
  ChartSeries actual{"realised", {}, "#1f77b4"}, projected{"projected", {}, "#aec7e8"};
  for (const auto& [d, m] : *points) {
    (d <= as_of ? actual : projected).points.emplace_back(chart_x(d), as_double(m));
  }
  if (!actual.points.empty() && !projected.points.empty())
    projected.points.insert(projected.points.begin(), actual.points.back());
  chart.series = {actual};
  if (!projected.points.empty()) chart.series.push_back(projected);
  chart.y_marker = ChartMarker{as_double(a.invested), "invested " + thousands(as_double(a.invested))};
  chart.x_marker = ChartMarker{chart_x(as_of), "as of " + format_date(as_of)};
  year_ticks(chart, *a.occupied_on, through);
  return std::optional<Chart>(chart);
}

Chart lease_vs_buy_chart(const std::string& code, const LeaseVsBuy& f) {
  const std::string currency(f.currency.code());
  Chart chart;
  chart.title = "Lease or buy " + code + ": cumulative present cost (" + currency + ")";
  chart.x_label = "years from occupation";
  chart.y_label = "cumulative present cost, " + currency;
  ChartSeries lease{"leasing", {}, "#d62728"}, buy{"buying", {}, "#1f77b4"};
  for (const LeaseVsBuyYear& y : f.by_year) {
    lease.points.emplace_back(y.year, as_double(y.lease_cumulative_pv));
    buy.points.emplace_back(y.year, as_double(y.buy_cumulative_pv));
  }
  chart.series = {lease, buy};
  const int every = f.horizon_years > 12 ? (f.horizon_years + 11) / 12 : 1;
  for (int t = 0; t <= f.horizon_years; t += every) chart.x_ticks.emplace_back(t, std::to_string(t));
  if (f.payback_year && *f.payback_year <= f.horizon_years)
    chart.x_marker = ChartMarker{double(*f.payback_year), "payback year " + std::to_string(*f.payback_year)};
  return chart;
}

Chart s_curve_chart(const Project& project, const std::vector<SCurvePoint>& points, Date as_of,
                    Date through) {
  Chart chart;
  chart.title = "S-curve of " + project.code + " (" + project.name_en + "), NT$";
  chart.x_label = "date";
  chart.y_label = "cumulative NT$";
  ChartSeries pv{"planned value (PV)", {}, "#7f7f7f"}, ev{"earned value (EV)", {}, "#2ca02c"},
      ac{"actual cost (AC)", {}, "#d62728"};
  for (const auto& p : points) {
    const double x = chart_x(p.day);
    pv.points.emplace_back(x, as_double(p.pv));
    if (!(as_of < p.day)) {
      ev.points.emplace_back(x, as_double(p.ev));
      ac.points.emplace_back(x, as_double(p.ac));
    }
  }
  chart.series = {pv, ev, ac};
  chart.y_marker = ChartMarker{as_double(project.bac), "BAC " + thousands(as_double(project.bac))};
  chart.x_marker = ChartMarker{chart_x(as_of), "as of " + format_date(as_of)};
  year_ticks(chart, project.start, through);
  return chart;
}

Chart purchase_plan_chart(const PurchasePlan& plan) {
  Chart chart;
  chart.title = "Purchase plan (優先購置規劃) as of " + format_date(plan.as_of) +
                (plan.budget ? ", envelope NT$" + thousands(as_double(*plan.budget)) : "");
  chart.x_label = "cost (price + costs), NT$ million";
  chart.y_label = "present-value saving, NT$ million";
  chart.style = ChartStyle::points;
  ChartSeries chosen{"selected", {}, "#ff7f0e"}, other{"not selected", {}, "#1f77b4"};
  for (const PlanCandidate& c : plan.candidates) {
    if (!c.cost_twd || !c.saving_pv_twd) continue;
    const double x = as_double(*c.cost_twd) / 1e6, y = as_double(*c.saving_pv_twd) / 1e6;
    (c.selected ? chosen : other).points.emplace_back(x, y);
    chart.labels.push_back({{x, y}, c.code + (c.selected ? " ✓" : "")});
  }
  if (!chosen.points.empty()) chart.series.push_back(chosen);
  chart.series.push_back(other);
  double widest = plan.budget ? as_double(*plan.budget) / 1e6 : 0;
  for (const auto& [at, text] : chart.labels) widest = std::max(widest, at.first);
  // Ticks from 0 at a round step (1, 2 or 5 × 10^k million), at most about eight of them.
  double step = 1;
  while (widest / step > 8) step *= (std::to_string(static_cast<long long>(step))[0] == '2') ? 2.5 : 2;
  for (double x = 0; x <= widest + step / 2; x += step) chart.x_ticks.emplace_back(x, thousands(x));
  if (plan.budget) chart.x_marker = ChartMarker{as_double(*plan.budget) / 1e6, "envelope"};
  return chart;
}

Chart rent_forecast_chart(const RentForecast& forecast) {
  Chart chart;
  chart.title = std::string("Rent forecast (租金預估) in NT$ at the planning rate of ") +
                format_date(forecast.as_of) +
                (forecast.renewals_assumed ? ", renewals assumed" : "") +
                (forecast.missing_rates.empty() ? "" : " (years missing a rate: no bar)");
  chart.x_label = "ROC fiscal year (Gregorian)";
  chart.y_label = "rent, NT$";
  chart.style = ChartStyle::bars;
  ChartSeries total{"rent obligations, NT$", {}, "#1f77b4"};
  for (const ForecastYear& y : forecast.fiscal_years) {
    const double x = y.fiscal_year.roc();
    chart.x_ticks.emplace_back(x, y.fiscal_year.label());
    if (y.total_twd) total.points.emplace_back(x, as_double(*y.total_twd));
  }
  chart.series = {total};
  return chart;
}

}  // namespace estate::reports
