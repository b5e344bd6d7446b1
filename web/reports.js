// The reports page: each report of DESIGN.md with its parameters as a form, its result as a
// table (and the chart the API draws, where there is one), downloads as CSV, XLSX and SVG with
// the same parameters, and a print layout (style.css, @media print) that puts the title,
// parameters and as-of date on A4 with page numbers. The server computes every figure.
import { html, DateText, DateInput, Chart, useState, addWords, useRead, Downloads, withQuery, money, percent, word, localTime } from "/web/core.js";
import { IssueThis } from "/web/issues.js";
import { LeaseEventsTable, verdict } from "/web/register.js";

addWords({
  en: {
    "r-ownership": "Ownership ratio", "r-rent-savings": "Rent savings",
    "r-budget-execution": "Budget execution", "r-earned-value": "Earned value", "r-lease-events": "Lease events",
    "r-co-location": "Co-location of agencies", "r-acquisition-pipeline": "Acquisition pipeline", "p-known_at": "Known at (the register as recorded then)", "p-group_by": "Group by", "p-trend_from": "Trend from (ROC year)",
    "p-trend_to": "Trend to (ROC year)", "p-fiscal_year": "Fiscal year (ROC)", "p-acquisition_id": "Acquisition",
    "p-project_id": "Project", "p-budget_line_id": "Budget line", "p-discount_rate": "Discount rate (fraction, e.g. 0.02)",
    "p-horizon_years": "Horizon (years)", "p-escalation_pct": "Rent escalation (% a year)",
    "p-residual_value": "Residual value (in the price's currency)", "p-within_days": "Window (days)",
    show: "Show report", parameters: "Parameters", defaultValue: "default",
    overall: "Overall", group: "Group", ratioCount: "Ratio by count", ratioArea: "Ratio by area",
    ownedM2: "Owned m²", leasedM2: "Leased m²", rentAvoided: "Rent avoided", operatingCost: "Cost of owning",
    netSavings: "Net savings", netSavingsTwd: "Net savings (TWD)", invested: "Invested", payback: "Payback",
    totalTwd: "Total (TWD)", annualRent: "Annual rent", rentOn: "Rent read on", leaseCost: "Leasing, present cost",
    buyCost: "Buying, present cost", saving: "Saving by buying",
    year: "Year", leaseCumulative: "Leasing, cumulative", buyCumulative: "Buying, cumulative",
    officeCount: "Offices", daysLeft: "Days left", chartOf: "Chart of",
    pv: "Planned value (PV)", ev: "Earned value (EV)", ac: "Actual cost (AC)", eac: "Estimate at completion (EAC)",
    vac: "Variance at completion (VAC)", plannedPct: "Planned %", completePct: "Complete %", page: "Page",
    discountRate: "Discount rate (r)", escalationRate: "Rent escalation (e)",
  },
  zh: {
    "r-ownership": "自有率", "r-rent-savings": "節省租金",
    "r-budget-execution": "預算執行", "r-earned-value": "實獲值", "r-lease-events": "租約事件",
    "r-co-location": "機關合署", "r-acquisition-pipeline": "購置進度", "p-known_at": "記錄時點（依當時登錄資料）", "p-group_by": "分組", "p-trend_from": "趨勢起（民國年）", "p-trend_to": "趨勢迄（民國年）",
    "p-fiscal_year": "年度（民國）", "p-acquisition_id": "購置案", "p-project_id": "營建工程", "p-budget_line_id": "預算科目",
    "p-discount_rate": "折現率（小數，例如 0.02）", "p-horizon_years": "期間（年）", "p-escalation_pct": "租金年調幅（%）",
    "p-residual_value": "殘值（價款幣別）", "p-within_days": "期間（日）",
    show: "產生報表", parameters: "參數", defaultValue: "預設",
    overall: "全部", group: "組別", ratioCount: "依件數", ratioArea: "依面積", ownedM2: "自有面積",
    leasedM2: "租用面積", rentAvoided: "免付租金", operatingCost: "自有成本", netSavings: "淨節省",
    netSavingsTwd: "淨節省（新臺幣）", invested: "投入", payback: "回收日", totalTwd: "合計（新臺幣）",
    annualRent: "年租金", rentOn: "租金基準日", leaseCost: "租用現值成本", buyCost: "購置現值成本",
    saving: "購置節省", year: "年", leaseCumulative: "租用累計", buyCumulative: "購置累計",
    officeCount: "辦公室數", daysLeft: "剩餘日數", chartOf: "圖表：",
    pv: "計畫值（PV）", ev: "實獲值（EV）", ac: "實際成本（AC）", eac: "完工估算（EAC）", vac: "完工差異（VAC）",
    plannedPct: "預定 %", completePct: "完成 %", page: "頁", discountRate: "折現率（r）", escalationRate: "租金調幅（e）",
  },
});

// Each report: its parameters (besides as_of), which are required, and when it has a chart.
const REPORTS = [
  { name: "ownership", params: ["group_by", "trend_from", "trend_to"], chart: (p) => p.trend_from && p.trend_to },
  { name: "rent-savings", params: ["fiscal_year", "acquisition_id"], chart: (p) => p.acquisition_id },
  { name: "lease-vs-buy", params: ["acquisition_id", "discount_rate", "horizon_years", "escalation_pct", "residual_value"],
    required: ["acquisition_id"], chart: () => true },
  { name: "budget-execution", params: ["fiscal_year", "budget_line_id"], required: ["fiscal_year"] },
  { name: "earned-value", params: ["project_id"], required: ["project_id"], chart: () => true },
  { name: "lease-events", params: ["within_days"] },
  { name: "co-location", params: [] },
  { name: "acquisition-pipeline", params: [] },
];

// What the server takes when a parameter is left empty, shown as the field's placeholder.
const DEFAULTS = { discount_rate: "0.02", horizon_years: "30", residual_value: "0", within_days: "180",
  known_at: "2026-08-31T09:00:00Z" };

const rocYear = () => String(new Date().getUTCFullYear() - 1911);
const today = () => new Date().toISOString().slice(0, 10);

function Table({ columns, rows, foot }) {
  return html`<div class="scroll" tabindex="0"><table>
    <thead><tr>${columns.map(([label, , num]) => html`<th scope="col" class=${num ? "num" : undefined}>${label}</th>`)}</tr></thead>
    <tbody>${rows.map((r) => html`<tr>${columns.map(([, cell, num]) => html`<td class=${num ? "num" : undefined}>${cell(r)}</td>`)}</tr>`)}</tbody>
    ${foot && html`<tfoot><tr>${foot.map((c, i) => html`<td class=${columns[i]?.[2] ? "num" : undefined}>${c}</td>`)}</tr></tfoot>`}
  </table></div>`;
}

const facts = (pairs) => html`<dl class="facts">${pairs.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;

// The result of each report as tables.
const RESULTS = {
  "ownership": (d, t) => {
    const cols = [[t("group"), (r) => r.key ?? t("overall")], [t("owned"), (r) => r.owned, 1], [t("leased"), (r) => r.leased, 1],
      [t("provided"), (r) => r.provided, 1], [t("ratioCount"), (r) => percent(r.ratio_count), 1],
      [t("ownedM2"), (r) => r.owned_m2, 1], [t("leasedM2"), (r) => r.leased_m2, 1], [t("ratioArea"), (r) => percent(r.ratio_area), 1]];
    return html`<${Table} columns=${cols} rows=${[{ ...d.overall, key: null }, ...d.groups.map((g) => ({ ...g, key: word(t, g.key ?? "—") }))]} />
      ${d.trend && html`<${Table} columns=${[[t("p-fiscal_year"), (r) => `${r.fiscal_year} (${r.fiscal_year_ad})`],
        [t("ratioCount"), (r) => percent(r.ratio_count), 1], [t("ratioArea"), (r) => percent(r.ratio_area), 1]]} rows=${d.trend} />`}`;
  },
  "rent-savings": (d, t) => html`<${Table} rows=${d.acquisitions} columns=${[[t("code"), (r) => r.code],
      [t("stage"), (r) => t(r.stage)], [t("rentAvoided"), (r) => money(r.rent_avoided), 1], [t("operatingCost"), (r) => money(r.operating_cost), 1],
      [t("netSavings"), (r) => money(r.net_savings), 1], [t("netSavingsTwd"), (r) => money(r.net_savings_twd), 1],
      [t("invested"), (r) => money(r.invested), 1], [t("payback"), (r) => r.payback_date ?? "—"]]}
      foot=${[t("totalTwd"), "", "", "", "", d.totals.net_savings_twd ? money(d.totals.net_savings_twd) : t("missingRates"), "", ""]} />`,
  "lease-vs-buy": (d, t) => html`<p class="verdict" id="verdict">${verdict(t, d)}</p>${facts([[t("annualRent"), money(d.annual_rent)], [t("rentOn"), d.rent_on],
      [t("discountRate"), percent(String(d.discount_rate))], [t("escalationRate"), d.escalation === null || d.escalation === undefined ? "—" : percent(String(d.escalation))], [t("p-horizon_years"), d.horizon_years], [t("p-residual_value"), money(d.residual_value)],
      [t("leaseCost"), money(d.lease_cost_pv)], [t("buyCost"), money(d.buy_cost_pv)], [t("saving"), money(d.saving_pv)],
      [t("paybackYear"), d.payback_year ?? "—"]])}
    <${Table} rows=${d.by_year} columns=${[[t("year"), (r) => r.year, 1], [t("leaseCumulative"), (r) => money(r.lease_cumulative_pv), 1],
      [t("buyCumulative"), (r) => money(r.buy_cumulative_pv), 1]]} />`,
  "budget-execution": (d, t) => html`<p class="sub">${t("p-fiscal_year")} ${d.fiscal_year} (${d.fiscal_year_ad}) · <${DateText} iso=${d.through} /></p>
    <${Table} rows=${d.lines} columns=${[[t("line"), (r) => `${r.code} · ${r.name_zh} ${r.name_en}`],
      [t("appropriated"), (r) => money(r.appropriated), 1], [t("committed"), (r) => money(r.committed), 1],
      [t("expended"), (r) => money(r.expended), 1], [t("rate"), (r) => percent(r.execution_rate), 1]]}
      foot=${[t("total"), money(d.totals.appropriated), money(d.totals.committed), money(d.totals.expended), percent(d.totals.execution_rate)]} />`,
  "earned-value": (d, t) => facts([[t("code"), d.code], [t("bac"), money(d.bac)], [t("pv"), money(d.pv)], [t("ev"), money(d.ev)],
    [t("ac"), money(d.ac)], [t("plannedPct"), d.planned_pct ?? "—"], [t("completePct"), d.pct_complete ?? "—"],
    [t("cpi"), d.cpi ?? "—"], [t("spi"), d.spi ?? "—"], [t("eac"), d.eac ? money(d.eac) : "—"], [t("vac"), d.vac ? money(d.vac) : "—"]]),
  "lease-events": (d, t, lang, asOf, role) => html`<${LeaseEventsTable} t=${t} lang=${lang} asOf=${asOf} events=${d} role=${role} />`,
  "co-location": (d, t) => html`<${Table} rows=${d} columns=${[[t("mission"), (r) => r.code], [t("officeCount"), (r) => r.office_properties, 1],
    [t("agencies"), (r) => r.agencies.join(", ")]]} />`,
  "acquisition-pipeline": (d, t) => html`<${Table} rows=${d.stages} columns=${[[t("stage"), (r) => t(r.stage)], [t("count"), (r) => r.count, 1],
    [t("priceTotal"), (r) => r.price_totals.map(money).join(" · ") || "—", 1]]} />`,
};

function ParameterField({ t, name, value, set, error, choices }) {
  const id = "p-" + name;
  const common = { id, "aria-invalid": error ? "true" : undefined, "aria-describedby": error ? id + "-err" : undefined };
  const options = name === "group_by" ? [["", "—"], ["region", t("region")], ["kind", t("kind")], ["mission", t("mission")]]
    : choices[name] ? [["", "—"], ...choices[name]] : null;
  return html`<div class="param"><label for=${id}>${t(id)}</label>
    ${options ? html`<select ...${common} value=${value} onChange=${(e) => set(e.target.value)}>
        ${options.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select>`
      : name === "as_of" ? html`<${DateInput} ...${common} value=${value} onInput=${(e) => set(e.target.value)} />`
      : html`<input ...${common} type="text" value=${value} placeholder=${DEFAULTS[name]}
        inputmode=${["fiscal_year", "trend_from", "trend_to", "horizon_years", "within_days"].includes(name) ? "numeric" : "decimal"}
        onInput=${(e) => set(e.target.value)} />`}
    ${error && html`<span class="error" id=${id + "-err"}>${error}</span>`}</div>`;
}

function Report({ t, lang, report, asOf, preset, role }) {
  // An As of instant (the auditor's "as it stood then") is also the register the report is known at.
  const initial = { as_of: asOf ? asOf.slice(0, 10) : "", known_at: asOf && asOf.length > 10 ? asOf : "",
    fiscal_year: rocYear(), within_days: "180", ...preset };
  const [params, setParams] = useState(Object.fromEntries(["as_of", "known_at", ...report.params].map((p) => [p, initial[p] ?? ""])));
  const ready = (p) => (report.required ?? []).every((r) => p[r]);
  const [ran, setRan] = useState(ready(params) ? params : null);
  const lists = {
    acquisition_id: useRead("/api/v1/acquisitions?limit=500"), project_id: useRead("/api/v1/projects?limit=500"),
    budget_line_id: useRead("/api/v1/budget-lines?limit=500"),
  };
  const choices = Object.fromEntries(Object.entries(lists).map(([k, s]) => [k, (s.data?.items ?? []).map((r) => [String(r.id), r.code])]));
  const path = ran ? withQuery(`/api/v1/reports/${report.name}`, ran) : null;
  const state = useRead(path);
  const problems = {};
  for (const e of state.error?.problem?.errors ?? []) problems[e.field] = e.message;
  const shown = (name, value) => (name in choices ? choices[name].find(([v]) => v === value)?.[1] ?? value : value);
  const title = t("r-" + report.name);
  return html`
    <form class="params" onSubmit=${(e) => { e.preventDefault(); setRan({ ...params }); }} novalidate>
      ${Object.keys(params).map((name) => html`<${ParameterField} key=${name} t=${t} name=${name} value=${params[name]}
        set=${(v) => setParams({ ...params, [name]: v })} error=${problems[name]} choices=${choices} />`)}
      <button type="submit">${t("show")}</button>
    </form>
    ${ran && html`<article class="report" aria-labelledby="report-title">
      <header class="report-head">
        <p class="print-only">${t("app")}</p>
        <h2 id="report-title">${title}</h2>
        <dl class="facts">
          <dt>${t("reportAsOf")}</dt><dd class="report-as-of"><${DateText} iso=${state.data?.as_of ?? (ran.as_of || today())} /></dd>
          ${Object.entries(ran).filter(([k, v]) => k !== "as_of" && v).map(([k, v]) => html`<dt>${t("p-" + k)}</dt><dd>${shown(k, v)}</dd>`)}
        </dl>
      </header>
      ${state.error ? html`<p class="error" role="alert">${t("failed")}: ${state.error.message}</p>`
        : !state.data ? html`<p class="sub">${t("loading")}</p>`  /* asked for, not yet answered */
        : html`${report.chart?.(ran) && html`<${Chart} src=${withQuery(path, { format: "svg" })} alt=${`${t("chartOf")} ${title}`} />`}
          ${RESULTS[report.name](state.data, t, lang, asOf, ran?.known_at ? "" : role)}
          <div class="no-print actions">
            <${Downloads} t=${t} path=${path} svg=${!!report.chart?.(ran)} />
            <button type="button" class="quiet" onClick=${() => print()}>${t("print")}</button>
          </div>`}
      ${/* outside the answer, so a title being typed survives the report being asked again */
        role === "finance" && !state.error && html`<${IssueThis} t=${t} report=${report.name} params=${ran} />`}
    </article>`}`;
}

// #/reports[/{name}[/{id of its acquisition or project}]]
export function Reports({ t, lang, asOf, name, arg, role }) {
  const report = REPORTS.find((r) => r.name === name) ?? REPORTS[0];
  const preset = arg ? { [report.name === "earned-value" ? "project_id" : "acquisition_id"]: arg } : {};
  return html`<h1 class="no-print">${t("reports")}</h1>
    <nav class="tabs no-print" aria-label=${t("reports")}>${REPORTS.map((r) => html`<a href=${"#/reports/" + r.name}
      aria-current=${r === report ? "page" : undefined}>${t("r-" + r.name)}</a>`)}</nav>
    <${Report} key=${report.name + (arg ?? "") + asOf} t=${t} lang=${lang} report=${report} asOf=${asOf} preset=${preset} role=${role} />`;
}
