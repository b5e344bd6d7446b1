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

// The chart's words in `lang`: English or 中文.
const char* in(Language lang, const char* en, const char* zh) {
  return lang == Language::zh ? zh : en;
}

}  // namespace

std::optional<Chart> ownership_trend_chart(const OwnershipReport& report, Language lang) {
  if (report.trend.empty()) return std::nullopt;
  Chart chart;
  chart.title = in(lang, "Ownership ratio (自有率) by fiscal year, as of ", "各年度自有率，資料基準日 ") +
                format_date(report.as_of);
  chart.x_label = in(lang, "ROC fiscal year (Gregorian), each at its end", "民國年度（西元），各年度末");
  chart.y_label = in(lang, "owned / (owned + leased)", "自有 ÷（自有 ＋ 租用）");
  chart.y_percent = true;
  ChartSeries count{in(lang, "by count", "依處數"), {}, "#1f77b4"},
      area{in(lang, "by floor area", "依樓地板面積"), {}, "#2ca02c"};
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
                                           const AcquisitionSavings& a, Date as_of,
                                           Language lang) {
  if (!a.occupied_on) return std::optional<Chart>();
  const Date through = a.payback_date && as_of < *a.payback_date ? *a.payback_date : as_of;
  auto points = cumulative_net_savings(input, through);
  if (!points.ok()) return points.error();
  const std::string currency(a.currency.code());
  Chart chart;
  chart.title = in(lang, "Cumulative net rent savings of ", "累計淨節省租金：") + a.code + " (" +
                currency + ")";
  chart.x_label = in(lang, "date (projected after the as-of date)", "日期（資料基準日後為推估）");
  chart.y_label = in(lang, "cumulative net savings, ", "累計淨節省，") + currency;
  ChartSeries actual{in(lang, "realised", "已實現"), {}, "#1f77b4"},
      projected{in(lang, "projected", "推估"), {}, "#aec7e8"};
  for (const auto& [d, m] : *points) {
    (d <= as_of ? actual : projected).points.emplace_back(chart_x(d), as_double(m));
  }
  if (!actual.points.empty() && !projected.points.empty())
    projected.points.insert(projected.points.begin(), actual.points.back());
  chart.series = {actual};
  if (!projected.points.empty()) chart.series.push_back(projected);
  chart.y_marker = ChartMarker{as_double(a.invested),
                               in(lang, "invested ", "投入 ") + thousands(as_double(a.invested))};
  chart.x_marker = ChartMarker{chart_x(as_of), in(lang, "as of ", "基準日 ") + format_date(as_of)};
  year_ticks(chart, *a.occupied_on, through);
  return std::optional<Chart>(chart);
}

Chart lease_vs_buy_chart(const std::string& code, const LeaseVsBuy& f, Language lang) {
  const std::string currency(f.currency.code());
  Chart chart;
  chart.title = in(lang, "Lease or buy ", "租用或購置 ") + code +
                in(lang, ": cumulative present cost (", "：累計成本現值（") + currency +
                in(lang, ")", "）");
  chart.x_label = in(lang, "years from occupation", "進駐後年數");
  chart.y_label = in(lang, "cumulative present cost, ", "累計成本現值，") + currency;
  ChartSeries lease{in(lang, "leasing", "租用"), {}, "#d62728"},
      buy{in(lang, "buying", "購置"), {}, "#1f77b4"};
  for (const LeaseVsBuyYear& y : f.by_year) {
    lease.points.emplace_back(y.year, as_double(y.lease_cumulative_pv));
    buy.points.emplace_back(y.year, as_double(y.buy_cumulative_pv));
  }
  chart.series = {lease, buy};
  const int every = f.horizon_years > 12 ? (f.horizon_years + 11) / 12 : 1;
  for (int t = 0; t <= f.horizon_years; t += every) chart.x_ticks.emplace_back(t, std::to_string(t));
  if (f.payback_year && *f.payback_year <= f.horizon_years)
    chart.x_marker = ChartMarker{double(*f.payback_year),
                                 lang == Language::zh
                                     ? "第 " + std::to_string(*f.payback_year) + " 年回收"
                                     : "payback year " + std::to_string(*f.payback_year)};
  return chart;
}

Chart s_curve_chart(const Project& project, const std::vector<SCurvePoint>& points, Date as_of,
                    Date through, Language lang) {
  Chart chart;
  chart.title = lang == Language::zh
                    ? "S 曲線：" + project.code + "（" + project.name_zh + "），新臺幣"
                    : "S-curve of " + project.code + " (" + project.name_en + "), NT$";
  chart.x_label = in(lang, "date", "日期");
  chart.y_label = in(lang, "cumulative NT$", "累計新臺幣");
  ChartSeries pv{in(lang, "planned value (PV)", "計畫值（PV）"), {}, "#7f7f7f"},
      ev{in(lang, "earned value (EV)", "實獲值（EV）"), {}, "#2ca02c"},
      ac{in(lang, "actual cost (AC)", "實際成本（AC）"), {}, "#d62728"};
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
  chart.x_marker = ChartMarker{chart_x(as_of), in(lang, "as of ", "基準日 ") + format_date(as_of)};
  year_ticks(chart, project.start, through);
  return chart;
}

Chart purchase_plan_chart(const PurchasePlan& plan, Language lang) {
  Chart chart;
  chart.title = in(lang, "Purchase plan (優先購置規劃) as of ", "優先購置規劃，資料基準日 ") +
                format_date(plan.as_of) +
                (plan.budget ? in(lang, ", envelope NT$", "，預算上限新臺幣 ") +
                                   thousands(as_double(*plan.budget))
                             : "");
  chart.x_label = in(lang, "cost (price + costs), NT$ million", "成本（價款 ＋ 費用），新臺幣百萬元");
  chart.y_label = in(lang, "present-value saving, NT$ million", "節省現值，新臺幣百萬元");
  chart.style = ChartStyle::points;
  ChartSeries chosen{in(lang, "selected", "選入"), {}, "#ff7f0e"},
      other{in(lang, "not selected", "未選入"), {}, "#1f77b4"};
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
  if (plan.budget)
    chart.x_marker = ChartMarker{as_double(*plan.budget) / 1e6, in(lang, "envelope", "預算上限")};
  return chart;
}

Chart rent_forecast_chart(const RentForecast& forecast, Language lang) {
  Chart chart;
  chart.title = std::string(in(lang, "Rent forecast (租金預估) in NT$ at the planning rate of ",
                               "租金預估（新臺幣），規劃匯率基準日 ")) +
                format_date(forecast.as_of) +
                (forecast.renewals_assumed ? in(lang, ", renewals assumed", "，假設續租") : "") +
                (forecast.missing_rates.empty()
                     ? ""
                     : in(lang, " (years missing a rate: no bar)", "（缺匯率之年度：無長條）"));
  chart.x_label = in(lang, "ROC fiscal year (Gregorian)", "民國年度（西元）");
  chart.y_label = in(lang, "rent, NT$", "租金，新臺幣");
  chart.style = ChartStyle::bars;
  ChartSeries total{in(lang, "rent obligations, NT$", "租金負擔，新臺幣"), {}, "#1f77b4"};
  for (const ForecastYear& y : forecast.fiscal_years) {
    const double x = y.fiscal_year.roc();
    chart.x_ticks.emplace_back(x, y.fiscal_year.label());
    if (y.total_twd) total.points.emplace_back(x, as_double(*y.total_twd));
  }
  chart.series = {total};
  return chart;
}

}  // namespace estate::reports
