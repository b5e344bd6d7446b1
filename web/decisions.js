// Decisions ahead (DESIGN.md rules 9–11): the Plan page — the candidate purchases ranked, a
// budget envelope and the server's exact selection with the ownership ratio before and after —
// the rent forecast by fiscal year for the Budget page, and the Data quality page with the
// score per mission and every finding linked to the record to fix; the dashboard's card of the
// overall score. Every figure, the selection included, comes from the API.
import { html, DateText, DateInput, Chart, useState, addWords, useRead, withAsOf, withQuery, Downloads, money, percent } from "/web/core.js";

addWords({
  en: {
    plan: "Plan", planTitle: "Purchase plan", envelope: "Budget envelope (NT$)",
    envelopeHint: "the amount available, e.g. 1200000000; leave empty to rank only", showPlan: "Show plan",
    rank: "Rank", costTwd: "Cost (NT$)", savingTwd: "Present-value saving (NT$)", savingLocal: "Saving (local)",
    ratioAfter: "Ratio if bought (by count)", selectedCol: "Selected", yes: "selected", no: "—",
    ownershipNow: "Ownership ratio now", ownershipAfter: "Ownership ratio if the selection is bought",
    selectedCost: "Selection cost", selectedSaving: "Selection saving", noEnvelope: "No envelope given: nothing is selected.",
    exactNote: "The selection is the exact optimum within the envelope (the server proves it or refuses).",
    planChart: "Scatter chart of each candidate's present-value saving against its cost, the selection marked",
    missing: "Missing rates",
    rentForecast: "Rent forecast", fromFy: "From fiscal year (ROC)", toFy: "To fiscal year (ROC)",
    renewals: "Renewals", renewNone: "not assumed", renewAssume: "assumed where an option is open",
    groupBy: "Group by", showForecast: "Show forecast", byCurrency: "By currency", totalTwdPlanning: "Total (NT$, planning rate)",
    forecastChart: "Bar chart of the rent obligations in NT$ for each fiscal year",
    dataQuality: "Data quality", score: "Score", checked: "Checked", failedCount: "Failed", rule: "Rule",
    findings: "Findings", record: "Record", message: "What is wrong", scoreOverall: "Data quality score",
    noFindings: "No findings: every check passed.",
    leased_without_lease: "Leased without a lease in force", lease_without_leased_tenure: "Lease in force on a property not leased",
    occupied_not_owned: "Occupied purchase, property not owned", overlapping_leases: "Overlapping leases",
    missing_fx_rate: "Missing FX rate", stale_appraisal: "Appraisal stale or missing",
    no_recent_progress: "No progress report in 90 days", zero_floor_area: "Active property with no floor area",
    e_property: "property", e_lease: "lease", e_acquisition: "acquisition", e_project: "project",
    "why-leased_without_lease": "Leased on the day, but no lease of it is in force",
    "why-lease_without_leased_tenure": "In force on the day, but the property's tenure is not leased",
    "why-occupied_not_owned": "Occupied, but the property is not owned on the day",
    "why-overlapping_leases": "Its term overlaps another lease of the same property",
    "why-missing_fx_rate": "No rate of its currency on or before the day",
    "why-stale_appraisal": "Appraised more than 3 years before, or budget approved unappraised",
    "why-no_recent_progress": "No progress report in the 90 days up to the day",
    "why-zero_floor_area": "Active with a floor area of 0.00 m²",
  },
  zh: {
    plan: "優先購置規劃", planTitle: "優先購置規劃", envelope: "預算額度（新臺幣）",
    envelopeHint: "可用金額，例如 1200000000；留空則僅排序", showPlan: "產生規劃",
    rank: "順位", costTwd: "成本（新臺幣）", savingTwd: "節省現值（新臺幣）", savingLocal: "節省（當地幣）",
    ratioAfter: "購置後自有率（件數）", selectedCol: "入選", yes: "入選", no: "—",
    ownershipNow: "目前自有率", ownershipAfter: "購置入選案後之自有率",
    selectedCost: "入選案成本", selectedSaving: "入選案節省", noEnvelope: "未輸入預算額度：不選案。",
    exactNote: "入選組合為額度內之精確最佳解（伺服器證明之，否則拒絕）。",
    planChart: "各購置案節省現值對成本之散布圖，入選案另行標示",
    missing: "缺少匯率",
    rentForecast: "租金預估", fromFy: "起始年度（民國）", toFy: "結束年度（民國）",
    renewals: "續租", renewNone: "不假設", renewAssume: "有未行使續租選擇權者假設續租",
    groupBy: "分組", showForecast: "產生預估", byCurrency: "依幣別", totalTwdPlanning: "合計（新臺幣，編列匯率）",
    forecastChart: "各年度租金負擔（新臺幣）長條圖",
    dataQuality: "資料品質", score: "分數", checked: "檢查數", failedCount: "未通過", rule: "規則",
    findings: "發現事項", record: "資料", message: "問題", scoreOverall: "資料品質分數",
    noFindings: "無發現事項：全部檢查通過。",
    leased_without_lease: "權屬為租用但無有效租約", lease_without_leased_tenure: "有效租約之館產權屬非租用",
    occupied_not_owned: "已進駐購置案之館產非自有", overlapping_leases: "租約期間重疊",
    missing_fx_rate: "缺少匯率", stale_appraisal: "估價逾期或缺漏",
    no_recent_progress: "90 日內無進度報告", zero_floor_area: "使用中館產面積為 0",
    e_property: "館產", e_lease: "租約", e_acquisition: "購置案", e_project: "營建工程",
    "why-leased_without_lease": "基準日權屬為租用，但無有效租約",
    "why-lease_without_leased_tenure": "租約於基準日有效，但館產當日權屬非租用",
    "why-occupied_not_owned": "購置案已進駐，但館產於基準日非自有",
    "why-overlapping_leases": "與同一館產之另一租約期間重疊",
    "why-missing_fx_rate": "基準日以前無該幣別匯率",
    "why-stale_appraisal": "估價逾三年，或預算核定時未估價",
    "why-no_recent_progress": "基準日前 90 日內無進度報告",
    "why-zero_floor_area": "使用中館產之樓地板面積為 0.00 平方公尺",
  },
});

const nextRocYear = (asOf) => String(Number((asOf || new Date().toISOString()).slice(0, 4)) - 1911 + 1);

function Problems({ state, t }) {
  if (!state.error) return null;
  const errors = state.error.problem?.errors ?? [];
  return html`<div class="error" role="alert"><p>${t("failed")}: ${state.error.message}</p>
    ${errors.length > 0 && html`<ul>${errors.map((e) => html`<li><a href=${"#f-" + e.field}
      onClick=${(ev) => { ev.preventDefault(); document.getElementById("f-" + e.field)?.focus(); }}>${e.field}</a>: ${e.message}</li>`)}</ul>`}</div>`;
}

// #/plan
export function Plan({ t, asOf }) {
  const [budget, setBudget] = useState("");
  const [asked, setAsked] = useState("");
  // The plan's own "Report as of" (computed on today's records, as on the Reports page); the
  // global As of, when set, decides instead.
  const [day, setDay] = useState("");
  const [askedDay, setAskedDay] = useState("");
  const path = asOf ? withAsOf(withQuery("/api/v1/reports/purchase-plan", { budget: asked }), asOf)
    : withQuery("/api/v1/reports/purchase-plan", { budget: asked, as_of: askedDay });
  const state = useRead(path);
  const fieldError = state.error?.problem?.errors?.find((e) => e.field === "budget")?.message;
  return html`<h1>${t("planTitle")}</h1>
    <form class="params no-print" onSubmit=${(e) => { e.preventDefault(); setAsked(budget.trim()); setAskedDay(day); }} novalidate>
      ${!asOf && html`<div class="param"><label for="plan-as-of">${t("p-as_of")}</label>
        <${DateInput} id="plan-as-of" value=${day} onInput=${(e) => setDay(e.target.value)} /></div>`}
      <div class="param"><label for="f-budget">${t("envelope")}</label>
        <span class="hint" id="f-budget-hint">${t("envelopeHint")}</span>
        <input id="f-budget" inputmode="decimal" value=${budget} onInput=${(e) => setBudget(e.target.value)}
          aria-describedby=${fieldError ? "f-budget-hint f-budget-err" : "f-budget-hint"} aria-invalid=${fieldError ? "true" : undefined} />
        ${fieldError && html`<span class="error" id="f-budget-err">${fieldError}</span>`}</div>
      <button type="submit">${t("showPlan")}</button>
    </form>
    <${Problems} state=${state} t=${t} />
    ${state.data && html`<article class="report" aria-labelledby="plan-h">
      <header class="report-head"><p class="print-only">${t("app")}</p>
        <h2 id="plan-h">${t("planTitle")}</h2>
        <dl class="facts"><dt>${t("reportAsOf")}</dt><dd class="report-as-of"><${DateText} iso=${state.data.as_of} /></dd>
          <dt>${t("envelope")}</dt><dd>${state.data.budget ? money(state.data.budget) : "—"}</dd></dl></header>
      <${PlanResult} t=${t} d=${state.data} />
      <${Chart} src=${withQuery(path, { format: "svg" })} alt=${t("planChart")} />
      <div class="no-print actions"><${Downloads} t=${t} path=${path} svg=${true} />
        <button type="button" class="quiet" onClick=${() => print()}>${t("print")}</button></div>
    </article>`}`;
}

function PlanResult({ t, d }) {
  return html`
    <dl class="facts">
      <dt>${t("ownershipNow")}</dt><dd>${percent(d.ownership_now.ratio_count)} ${t("byCount")} · ${percent(d.ownership_now.ratio_area)} ${t("byArea")}</dd>
      ${d.budget && html`<dt>${t("ownershipAfter")}</dt><dd>${percent(d.ownership_if_selected.ratio_count)} ${t("byCount")} · ${percent(d.ownership_if_selected.ratio_area)} ${t("byArea")}</dd>
        <dt>${t("selectedCost")}</dt><dd>${money(d.selected_cost_twd)}</dd>
        <dt>${t("selectedSaving")}</dt><dd>${money(d.selected_saving_pv_twd)}</dd>`}
      ${d.missing_rates.length > 0 && html`<dt>${t("missing")}</dt><dd>${d.missing_rates.join(", ")}</dd>`}
    </dl>
    <p class="sub">${d.budget ? t("exactNote") : t("noEnvelope")}</p>
    <div class="scroll" tabindex="0"><table>
      <thead><tr><th scope="col" class="num">${t("rank")}</th><th scope="col">${t("code")}</th><th scope="col">${t("mission")}</th>
        <th scope="col">${t("stage")}</th><th scope="col" class="num">${t("savingLocal")}</th><th scope="col" class="num">${t("savingTwd")}</th>
        <th scope="col" class="num">${t("costTwd")}</th><th scope="col" class="num">${t("paybackYear")}</th>
        <th scope="col" class="num">${t("ratioAfter")}</th><th scope="col">${t("selectedCol")}</th></tr></thead>
      <tbody>${d.candidates.map((c) => html`<tr class=${c.selected ? "selected" : undefined}>
        <td class="num">${c.rank}</td><td><a href=${"#/acquisitions/" + c.acquisition_id}>${c.code}</a></td>
        <td>${c.mission_code ?? "—"}</td><td>${t(c.stage)}</td><td class="num">${money(c.saving_pv)}</td>
        <td class="num">${money(c.saving_pv_twd)}</td><td class="num">${money(c.cost_twd)}</td>
        <td class="num">${c.payback_year ?? "—"}</td><td class="num">${percent(c.ratio_count_after)}</td>
        <td>${c.selected ? html`<strong>✓ ${t("yes")}</strong>` : t("no")}</td></tr>`)}</tbody>
    </table></div>`;
}

// The rent forecast, for the Budget page: a table by fiscal year and the chart.
export function RentForecast({ t, asOf }) {
  const [form, setForm] = useState({ from_fy: nextRocYear(asOf), to_fy: String(Number(nextRocYear(asOf)) + 4), renewals: "none" });
  const [asked, setAsked] = useState(form);
  const path = withAsOf(withQuery("/api/v1/reports/rent-forecast", asked), asOf);
  const state = useRead(path);
  const errs = Object.fromEntries((state.error?.problem?.errors ?? []).map((e) => [e.field, e.message]));
  const field = (name, label) => html`<div class="param"><label for=${"f-" + name}>${label}</label>
    <input id=${"f-" + name} inputmode="numeric" value=${form[name]} onInput=${(e) => setForm({ ...form, [name]: e.target.value })}
      aria-invalid=${errs[name] ? "true" : undefined} aria-describedby=${errs[name] ? "f-" + name + "-err" : undefined} />
    ${errs[name] && html`<span class="error" id=${"f-" + name + "-err"}>${errs[name]}</span>`}</div>`;
  return html`<section class="card wide" aria-labelledby="fc-h">
    <h2 id="fc-h">${t("rentForecast")}</h2>
    <form class="params no-print" onSubmit=${(e) => { e.preventDefault(); setAsked({ ...form }); }} novalidate>
      ${field("from_fy", t("fromFy"))} ${field("to_fy", t("toFy"))}
      <div class="param"><label for="f-renewals">${t("renewals")}</label>
        <select id="f-renewals" value=${form.renewals} onChange=${(e) => setForm({ ...form, renewals: e.target.value })}>
          <option value="none">${t("renewNone")}</option><option value="assume">${t("renewAssume")}</option></select></div>
      <button type="submit">${t("showForecast")}</button>
    </form>
    <${Problems} state=${state} t=${t} />
    ${state.data && html`
      <div class="scroll" tabindex="0"><table>
        <thead><tr><th scope="col">${t("fiscalYearRoc")}</th><th scope="col" class="num">${t("byCurrency")}</th>
          <th scope="col" class="num">${t("totalTwdPlanning")}</th></tr></thead>
        <tbody>${state.data.fiscal_years.map((y) => html`<tr><th scope="row">${y.fiscal_year} (${y.fiscal_year_ad})</th>
          <td class="num">${y.by_currency.map((m) => money(m.amount)).join(" · ") || "—"}</td>
          <td class="num">${y.total_twd ? money(y.total_twd) : t("missingRates")}</td></tr>`)}</tbody>
      </table></div>
      ${state.data.missing_rates.length > 0 && html`<p class="sub">${t("missing")}: ${state.data.missing_rates.join(", ")}</p>`}
      <${Chart} src=${withQuery(path, { format: "svg" })} alt=${t("forecastChart")} />
      <div class="no-print actions"><${Downloads} t=${t} path=${path} svg=${true} /></div>`}
  </section>`;
}

const RECORD_PAGES = { property: "properties", lease: "leases", acquisition: "acquisitions", project: "projects" };

// #/data-quality
// The server words each finding in English; in 中文 the rule's own explanation is shown.
export function DataQuality({ t, lang, asOf }) {
  const path = withAsOf("/api/v1/reports/data-quality", asOf);
  const state = useRead(path);
  const d = state.data;
  const missionCode = (id) => d.missions.find((m) => m.mission_id === id)?.code ?? String(id);
  return html`<h1>${t("dataQuality")}</h1>
    <${Problems} state=${state} t=${t} />
    ${!d ? !state.error && html`<p class="sub">${t("loading")}</p>` : html`<article class="report" aria-labelledby="dq-h">
      <header class="report-head"><p class="print-only">${t("app")}</p><h2 id="dq-h">${t("scoreOverall")}</h2>
        <dl class="facts"><dt>${t("reportAsOf")}</dt><dd class="report-as-of"><${DateText} iso=${d.as_of} /></dd>
          <dt>${t("score")}</dt><dd><span class="figure" id="dq-score">${percent(d.score)}</span>${" "}
            <span class="sub">${d.failed} / ${d.checked} ${t("failedCount")}</span></dd></dl></header>
      <div class="cards">
        <section class="card" aria-labelledby="dq-rules"><h3 id="dq-rules">${t("rule")}</h3>
          <div class="scroll" tabindex="0"><table><thead><tr><th scope="col">${t("rule")}</th><th scope="col" class="num">${t("checked")}</th>
            <th scope="col" class="num">${t("failedCount")}</th></tr></thead>
            <tbody>${d.rules.map((r) => html`<tr><td>${t(r.rule)} <code class="sub">${r.rule}</code></td><td class="num">${r.checked}</td>
              <td class="num">${r.failed}</td></tr>`)}</tbody></table></div></section>
        <section class="card" aria-labelledby="dq-missions"><h3 id="dq-missions">${t("missions")}</h3>
          <div class="scroll" tabindex="0"><table><thead><tr><th scope="col">${t("mission")}</th><th scope="col" class="num">${t("score")}</th>
            <th scope="col" class="num">${t("failedCount")}</th><th scope="col" class="num">${t("checked")}</th></tr></thead>
            <tbody>${d.missions.map((m) => html`<tr><td><a href=${"#/missions/" + m.mission_id}>${m.code}</a></td>
              <td class="num">${percent(m.score)}</td><td class="num">${m.failed}</td><td class="num">${m.checked}</td></tr>`)}</tbody></table></div></section>
      </div>
      <h3>${t("findings")}</h3>
      ${d.findings.length === 0 ? html`<p>${t("noFindings")}</p>` : html`<div class="scroll" tabindex="0"><table>
        <thead><tr><th scope="col">${t("rule")}</th><th scope="col">${t("record")}</th><th scope="col">${t("mission")}</th>
          <th scope="col">${t("message")}</th></tr></thead>
        <tbody>${d.findings.map((f) => html`<tr><td>${t(f.rule)}</td>
          <td><a href=${`#/${RECORD_PAGES[f.entity]}/${f.entity_id}`}>${t("e_" + f.entity)} ${f.code}</a></td>
          <td>${f.mission_id === null ? "—" : missionCode(f.mission_id)}</td><td>${lang === "zh" ? t("why-" + f.rule) : f.message}</td></tr>`)}</tbody>
      </table></div>`}
      <div class="no-print actions"><${Downloads} t=${t} path=${path} />
        <button type="button" class="quiet" onClick=${() => print()}>${t("print")}</button></div>
    </article>`}`;
}

// The dashboard's card: the overall score, linking to the page.
export function QualityCard({ t, asOf }) {
  const state = useRead(withAsOf("/api/v1/reports/data-quality", asOf));
  return html`<section class="card" aria-labelledby="dq-card-h">
    <h2 id="dq-card-h">${t("scoreOverall")}</h2>
    ${state.error ? html`<p class="error">${t("failed")}</p>` : !state.data ? html`<p class="sub">${t("loading")}</p>` : html`
      <p><span class="figure" id="dashboard-dq-score">${percent(state.data.score)}</span></p>
      <p class="sub">${state.data.failed} ${t("failedCount")} / ${state.data.checked} ${t("checked")} ·
        <a href="#/data-quality">${t("findings")}</a></p>`}
  </section>`;
}
