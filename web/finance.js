// The finance workspace: budget lines with their appropriations and execution per fiscal year,
// expenditures and commitments (filtered, with the server's totals, downloadable), and FX
// rates per currency. Finance officers write; facilities staff and auditors read. Every figure,
// total and rate comes from the API.
import {
  html, DateText, RoleCannot, UnitSwitch, useUnit, inUnit, useState, addWords, api, useRead, withAsOf, Loading, RecordForm, Downloads, withQuery, errorsByField, money,
  percent, fiscalYear,
} from "/web/core.js";
import { RentForecast } from "/web/decisions.js";

addWords({
  en: {
    budgetLines: "Budget lines", expenditures: "Expenditures", commitments: "Commitments",
    fxRates: "FX rates", appropriations: "Appropriations",
    execution: "Budget execution", nameZh: "Name (Chinese)", nameEn: "Name (English)",
    newLine: "New budget line", newAppropriation: "New appropriation", amountTwd: "Amount (TWD)",
    paidTwd: "Paid (TWD)", newExpenditure: "Record an expenditure", newCommitment: "Record a commitment",
    description: "Description", counterparty: "Counterparty", signedOn: "Signed on", paid: "Paid",
    acquisition: "Acquisition", records: "records", newRate: "Add a rate", effective: "Effective",
    twdPerUnit: "TWD per unit", through: "through", recordStale: "Someone else changed this record after you opened it. Nothing was saved.",
    fyHint: "ROC year, e.g. 115", correct: "Correct", noneSelected: "—", rateAdded: "Rate added.",
  },
  zh: {
    budgetLines: "預算科目", expenditures: "支出", commitments: "契約承諾", fxRates: "匯率", appropriations: "法定預算", execution: "預算執行",
    nameZh: "中文名稱", nameEn: "英文名稱", newLine: "新增預算科目", newAppropriation: "新增法定預算",
    amountTwd: "金額（新臺幣）", paidTwd: "已付（新臺幣）", newExpenditure: "登錄支出",
    newCommitment: "登錄契約承諾", description: "說明", counterparty: "相對人", signedOn: "簽約日",
    paid: "已付", acquisition: "購置案", records: "筆", newRate: "新增匯率", effective: "生效日",
    twdPerUnit: "每單位新臺幣", through: "截至", recordStale: "您開啟後已有他人修改此筆資料，未儲存任何變更。",
    fyHint: "民國年，例如 115", correct: "更正", noneSelected: "—", rateAdded: "已新增匯率。",
  },
});

const TABS = [["", "budgetLines"], ["expenditures", "expenditures"], ["commitments", "commitments"], ["fx", "fxRates"],
  ["forecast", "rentForecast"]];

function Tabs({ t, tab }) {
  return html`<nav class="tabs" aria-label=${t("budget")}>
    ${TABS.map(([key, label]) => html`<a href=${"#/budget" + (key ? "/" + key : "")}
      aria-current=${tab === key ? "page" : undefined}>${t(label)}</a>`)}</nav>`;
}

// The fiscal year a page opens on: the As of date's, else today's, as a ROC year.
const rocYearOf = (asOf) => String(Number((asOf || new Date().toISOString()).slice(0, 4)) - 1911);

// The lists a form's selects offer, read once per page.
function useChoices(asOf) {
  const lines = useRead(withAsOf("/api/v1/budget-lines?limit=500", asOf));
  const projects = useRead(withAsOf("/api/v1/projects?limit=500", asOf));
  const acquisitions = useRead(withAsOf("/api/v1/acquisitions?limit=500", asOf));
  const pairs = (state, label) => (state.data?.items ?? []).map((r) => [String(r.id), label(r)]);
  return {
    lines: pairs(lines, (l) => `${l.code} · ${l.name_zh}`),
    projects: pairs(projects, (p) => `${p.code} · ${p.name_zh}`),
    acquisitions: pairs(acquisitions, (a) => a.code),
    name: (list, id) => (id === null || id === undefined ? "—" : (list.find(([v]) => v === String(id))?.[1] ?? String(id))),
  };
}

const twd = (amount) => ({ amount: amount.trim(), currency: "TWD" });
const idOrNull = (v) => (v ? Number(v) : null);
const text = (v) => (v === null || v === undefined ? "" : String(v));

// ---- budget lines, appropriations and execution ------------------------------------------

function Overview({ t, lang, asOf, role }) {
  const [year, setYear] = useState(rocYearOf(asOf));
  const [unit, setUnit] = useUnit();
  const m = (x) => inUnit(x, unit);
  const k = unit === "k" ? " " + t("inThousands") : "";
  const writes = role === "finance" && !asOf;
  const execution = useRead(withAsOf(`/api/v1/reports/budget-execution?fiscal_year=${encodeURIComponent(year)}`, asOf));
  const appropriations = useRead(withAsOf(`/api/v1/appropriations?limit=500&fiscal_year=${encodeURIComponent(year)}`, asOf));
  const lines = useRead(withAsOf("/api/v1/budget-lines?limit=500", asOf));
  const lineName = (id) => {
    const l = lines.data?.items.find((x) => x.id === id);
    return l ? `${l.code} · ${lang === "zh" ? l.name_zh : l.name_en}` : String(id);
  };
  return html`
    <div class="filters"><label>${t("fiscalYearRoc")}
      <input type="number" min="1" max="300" value=${year} onChange=${(e) => setYear(e.target.value)} /></label></div>
    <section class="card wide" aria-labelledby="ex-h">
      <h2 id="ex-h">${t("execution")} ${execution.data ? fiscalYear(execution.data.fiscal_year, execution.data.fiscal_year_ad) : ""}</h2>
      <${Loading} state=${execution} t=${t}>${(d) => html`
        <p class="sub">${t("through")} <${DateText} iso=${d.through} /></p>
        <${UnitSwitch} t=${t} unit=${unit} setUnit=${setUnit} id="unit-execution" />
        <div class="scroll" tabindex="0"><table>
          <thead><tr><th scope="col">${t("line")}</th><th scope="col" class="num">${t("appropriated")}${k}</th>
            <th scope="col" class="num">${t("committed")}${k}</th><th scope="col" class="num">${t("expended")}${k}</th>
            <th scope="col" class="num">${t("rate")}</th></tr></thead>
          <tbody>${d.lines.map((l) => html`<tr>
            <td>${l.code} · ${l.name_zh} <span class="sub">${l.name_en}</span></td>
            <td class="num">${m(l.appropriated)}</td><td class="num">${m(l.committed)}</td>
            <td class="num">${m(l.expended)}</td>
            <td class="num" data-line=${l.code}>${percent(l.execution_rate)}</td></tr>`)}</tbody>
          <tfoot><tr><th scope="row">${t("total")}</th><td class="num">${m(d.totals.appropriated)}</td>
            <td class="num">${m(d.totals.committed)}</td><td class="num">${m(d.totals.expended)}</td>
            <td class="num">${percent(d.totals.execution_rate)}</td></tr></tfoot>
        </table></div>
        <${Downloads} t=${t} path=${withAsOf(`/api/v1/reports/budget-execution?fiscal_year=${encodeURIComponent(year)}`, asOf)} />`}<//>
    </section>
    <div class="cards">
      <section class="card" aria-labelledby="ap-h"><h2 id="ap-h">${t("appropriations")}</h2>
        ${writes && html`<p><a href="#/budget/appropriations/new">${t("newAppropriation")}</a></p>`}
        <${Loading} state=${appropriations} t=${t}>${(d) => d.items.length === 0 ? html`<p>${t("none")}</p>` : html`
          <div class="scroll" tabindex="0"><table>
            <thead><tr><th scope="col">${t("line")}</th><th scope="col">${t("fiscalYearRoc")}</th><th scope="col" class="num">${t("appropriated")}</th></tr></thead>
            <tbody>${d.items.map((a) => html`<tr><td>${lineName(a.budget_line_id)}</td>
              <td>${fiscalYear(a.fiscal_year, a.fiscal_year_ad)}</td>
              <td class="num">${money(a.amount)} ${writes && html` <a href=${"#/budget/appropriations/" + a.id + "/edit"}
                aria-label=${`${t("edit")} ${t("appropriations")} ${a.id}`}>${t("edit")}</a>`}</td></tr>`)}</tbody>
          </table></div>`}<//>
      </section>
      <section class="card" aria-labelledby="bl-h"><h2 id="bl-h">${t("budgetLines")}</h2>
        ${writes && html`<p><a href="#/budget/lines/new">${t("newLine")}</a></p>`}
        <${Loading} state=${lines} t=${t}>${(d) => html`<ul class="plain">${d.items.map((l) => html`<li>
          ${l.code} · ${l.name_zh} <span class="sub">${l.name_en}</span>
          ${writes && html` <a href=${"#/budget/lines/" + l.id + "/edit"} aria-label=${`${t("edit")} ${l.code}`}>${t("edit")}</a>`}</li>`)}</ul>`}<//>
      </section>
    </div>`;
}

function LineForm({ t, id }) {
  return html`<${RecordForm} t=${t} collection="budget-lines" id=${id} back="#/budget" savedTo=${() => "#/budget"}
    title=${id ? t("edit") : t("newLine")} stale=${t("recordStale")}
    fields=${[{ name: "code", label: t("code") }, { name: "name_zh", label: t("nameZh") }, { name: "name_en", label: t("nameEn") }]}
    draftOf=${(r) => ({ code: r?.code ?? "", name_zh: r?.name_zh ?? "", name_en: r?.name_en ?? "" })}
    recordOf=${(d) => ({ code: d.code.trim(), name_zh: d.name_zh, name_en: d.name_en })} />`;
}

function AppropriationForm({ t, id, asOf }) {
  const choices = useChoices(asOf);
  return html`<${RecordForm} t=${t} collection="appropriations" id=${id} back="#/budget" savedTo=${() => "#/budget"}
    title=${id ? t("edit") : t("newAppropriation")} stale=${t("recordStale")}
    fields=${[
      { name: "budget_line_id", label: t("line"), options: [["", t("noneSelected")], ...choices.lines] },
      { name: "fiscal_year", label: t("fiscalYearRoc"), inputmode: "numeric" },
      { name: "amount", label: t("amountTwd"), inputmode: "decimal", errors: ["amount", "amount.amount", "amount.currency"] }]}
    draftOf=${(r) => ({ budget_line_id: text(r?.budget_line_id), fiscal_year: text(r?.fiscal_year ?? rocYearOf("")), amount: r?.amount.amount ?? "" })}
    recordOf=${(d) => ({ budget_line_id: idOrNull(d.budget_line_id),
      fiscal_year: /^\d+$/.test(d.fiscal_year) ? Number(d.fiscal_year) : d.fiscal_year, amount: twd(d.amount) })} />`;
}

// ---- expenditures and commitments --------------------------------------------------------

// What differs between the two money lists.
const SPENDING = {
  expenditures: {
    dated: "on", dateLabel: "date", create: "newExpenditure",
    fields: (t, c) => [
      { name: "on", label: t("date"), type: "date" },
      { name: "amount", label: t("amountTwd"), inputmode: "decimal", errors: ["amount", "amount.amount", "amount.currency"] },
      ...charges(t, c),
      { name: "description", label: t("description") }],
    draftOf: (r) => ({ on: r?.on ?? "", amount: r?.amount.amount ?? "", ...chargesOf(r), description: r?.description ?? "" }),
    recordOf: (d) => ({ on: d.on, amount: twd(d.amount), ...chargedTo(d), description: d.description }),
  },
  commitments: {
    dated: "signed_on", dateLabel: "signedOn", create: "newCommitment",
    fields: (t, c) => [
      { name: "signed_on", label: t("signedOn"), type: "date" },
      { name: "counterparty", label: t("counterparty") },
      { name: "amount", label: t("amountTwd"), inputmode: "decimal", errors: ["amount", "amount.amount", "amount.currency"] },
      { name: "paid", label: t("paidTwd"), inputmode: "decimal", errors: ["paid", "paid.amount", "paid.currency"] },
      ...charges(t, c)],
    draftOf: (r) => ({ signed_on: r?.signed_on ?? "", counterparty: r?.counterparty ?? "", amount: r?.amount.amount ?? "",
      paid: r?.paid.amount ?? "0", ...chargesOf(r) }),
    recordOf: (d) => ({ signed_on: d.signed_on, counterparty: d.counterparty, amount: twd(d.amount), paid: twd(d.paid), ...chargedTo(d) }),
  },
};

// What a money record is charged to: its budget line, and a project or an acquisition.
const charges = (t, c) => [
  { name: "budget_line_id", label: t("line"), options: [["", t("noneSelected")], ...c.lines] },
  { name: "project_id", label: t("project"), options: [["", t("noneSelected")], ...c.projects] },
  { name: "acquisition_id", label: t("acquisition"), options: [["", t("noneSelected")], ...c.acquisitions] }];
const chargesOf = (r) => ({ budget_line_id: text(r?.budget_line_id), project_id: text(r?.project_id), acquisition_id: text(r?.acquisition_id) });
const chargedTo = (d) => ({ budget_line_id: idOrNull(d.budget_line_id), project_id: idOrNull(d.project_id), acquisition_id: idOrNull(d.acquisition_id) });

function Spending({ t, kind, asOf, role }) {
  const k = SPENDING[kind];
  const choices = useChoices(asOf);
  const [filters, setFilters] = useState({ budget_line_id: "", project_id: "", acquisition_id: "", from: "", to: "" });
  const [cursor, setCursor] = useState("");
  const base = withAsOf(withQuery(`/api/v1/${kind}`, filters), asOf);
  const state = useRead(withQuery(base, { limit: 100, cursor }));
  const writes = role === "finance" && !asOf;
  const set = (name) => (e) => { setCursor(""); setFilters({ ...filters, [name]: e.target.value }); };
  const select = (name, label, list) => html`<label>${label}<select value=${filters[name]} onChange=${set(name)}>
    <option value="">${t("any")}</option>${list.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select></label>`;
  return html`
    ${writes && html`<p><a href=${`#/budget/${kind}/new`}>${t(k.create)}</a></p>`}
    <div class="filters">
      ${select("budget_line_id", t("line"), choices.lines)} ${select("project_id", t("project"), choices.projects)}
      ${select("acquisition_id", t("acquisition"), choices.acquisitions)}
      <label>${t("from_date")}<input type="date" value=${filters.from} onChange=${set("from")} /></label>
      <label>${t("to_date")}<input type="date" value=${filters.to} onChange=${set("to")} /></label>
    </div>
    <${Loading} state=${state} t=${t}>${(d) => html`
      <p class="totals" role="status">${t("total")}: <strong>${money(d.totals.amount)}</strong>
        ${d.totals.paid && html` · ${t("paid")} <strong>${money(d.totals.paid)}</strong>`}
        <span class="sub"> (${d.totals.count} ${t("records")})</span></p>
      <${Downloads} t=${t} path=${base} />
      <div class="scroll" tabindex="0"><table>
        <thead><tr><th scope="col">${t(k.dateLabel)}</th>${kind === "commitments" && html`<th scope="col">${t("counterparty")}</th>`}
          <th scope="col">${t("line")}</th><th scope="col">${t("project")} / ${t("acquisition")}</th>
          ${kind === "expenditures" && html`<th scope="col">${t("description")}</th>`}
          <th scope="col" class="num">${t("amountTwd")}</th>${kind === "commitments" && html`<th scope="col" class="num">${t("paid")}</th>`}
          ${writes && html`<th scope="col"><span class="visually-hidden">${t("correct")}</span></th>`}</tr></thead>
        <tbody>${d.items.map((r) => html`<tr>
          <td><${DateText} iso=${r[k.dated]} /></td>${kind === "commitments" && html`<td>${r.counterparty}</td>`}
          <td>${choices.name(choices.lines, r.budget_line_id)}</td>
          <td>${r.project_id ? choices.name(choices.projects, r.project_id) : r.acquisition_id ? choices.name(choices.acquisitions, r.acquisition_id) : "—"}</td>
          ${kind === "expenditures" && html`<td>${r.description}</td>`}
          <td class="num">${money(r.amount)}</td>${kind === "commitments" && html`<td class="num">${money(r.paid)}</td>`}
          ${writes && html`<td><a href=${`#/budget/${kind}/${r.id}/edit`} aria-label=${`${t("correct")} ${r.id}`}>${t("correct")}</a></td>`}
        </tr>`)}</tbody>
      </table></div>
      ${d.next_cursor && html`<p><button type="button" class="quiet" onClick=${() => setCursor(d.next_cursor)}>${t("more")}</button></p>`}`}<//>`;
}

function SpendingForm({ t, kind, id, asOf }) {
  const k = SPENDING[kind];
  const choices = useChoices(asOf);
  return html`<${RecordForm} t=${t} collection=${kind} id=${id} back=${`#/budget/${kind}`}
    savedTo=${() => `#/budget/${kind}`} title=${id ? `${t("correct")} ${id}` : t(k.create)} stale=${t("recordStale")}
    fields=${k.fields(t, choices)} draftOf=${k.draftOf} recordOf=${k.recordOf} />`;
}

// ---- FX rates ----------------------------------------------------------------------------

function FxRates({ t, asOf, role }) {
  const [refresh, setRefresh] = useState(0);
  const state = useRead(withAsOf("/api/v1/fx-rates?limit=500", asOf) + `#${refresh}`);
  const [draft, setDraft] = useState({ currency: "", effective: "", twd_per_unit: "" });
  const [errors, setErrors] = useState({});
  const [note, setNote] = useState("");
  const writes = role === "finance" && !asOf;
  async function add(event) {
    event.preventDefault();
    setErrors({}); setNote("");
    try {
      await api("POST", "/api/v1/fx-rates", { currency: draft.currency.trim().toUpperCase(),
        effective: draft.effective, twd_per_unit: draft.twd_per_unit.trim() });
      setDraft({ ...draft, effective: "", twd_per_unit: "" });
      setNote(t("rateAdded"));
      setRefresh(refresh + 1);
    } catch (e) {
      setErrors(errorsByField(e));
    }
  }
  const input = (name, label, extra = {}) => html`<label for=${"fx-" + name}>${label}</label>
    <input id=${"fx-" + name} value=${draft[name]} onInput=${(e) => setDraft({ ...draft, [name]: e.target.value })}
      aria-invalid=${errors[name] ? "true" : undefined} aria-describedby=${errors[name] ? "fx-" + name + "-err" : undefined} ...${extra} />
    ${errors[name] && html`<span class="error" id=${"fx-" + name + "-err"}>${errors[name]}</span>`}`;
  return html`
    ${writes && html`<form class="move" onSubmit=${add} novalidate aria-label=${t("newRate")}>
      ${input("currency", t("currency"), { size: 4, maxlength: 3 })} ${input("effective", t("effective"), { type: "date" })}
      ${input("twd_per_unit", t("twdPerUnit"), { inputmode: "decimal", size: 12 })}
      <button id="save" type="submit">${t("create")}</button>
      ${errors.form && html`<span class="error" role="alert">${errors.form}</span>`}
      ${note && html`<span role="status">${note}</span>`}
    </form>`}
    <${Loading} state=${state} t=${t}>${(d) => {
      const currencies = [...new Set(d.items.map((r) => r.currency))].sort();
      return html`<div class="cards">${currencies.map((c) => html`
        <section class="card" aria-labelledby=${"fx-" + c}><h2 id=${"fx-" + c}>${c}</h2>
          <table><thead><tr><th scope="col">${t("effective")}</th><th scope="col" class="num">${t("twdPerUnit")}</th></tr></thead>
            <tbody>${d.items.filter((r) => r.currency === c).sort((a, b) => (a.effective < b.effective ? 1 : -1)).map((r) => html`
              <tr><td><${DateText} iso=${r.effective} /></td><td class="num">${r.twd_per_unit}</td></tr>`)}</tbody></table>
        </section>`)}</div>`;
    }}<//>`;
}

// ---- the workspace -----------------------------------------------------------------------

// #/budget[/expenditures|commitments|fx|lines|appropriations[/new|/{id}/edit]]
export function Budget({ t, lang, asOf, role, tab = "", id, action }) {
  const form = id === "new" || action === "edit";
  const recordId = id === "new" ? undefined : id;
  if (form && asOf) return html`<p role="status">${t("readOnly")}</p>`;
  if (form && role !== "finance") return html`<${RoleCannot} t=${t} back=${"#/budget" + (tab ? "/" + tab : "")} />`;
  const page = tab === "lines" ? html`<${LineForm} t=${t} id=${recordId} />`
    : tab === "appropriations" ? html`<${AppropriationForm} t=${t} id=${recordId} asOf=${asOf} />`
    : SPENDING[tab] && form ? html`<${SpendingForm} t=${t} kind=${tab} id=${recordId} asOf=${asOf} />`
    : SPENDING[tab] ? html`<${Spending} key=${tab} t=${t} kind=${tab} asOf=${asOf} role=${role} />`
    : tab === "fx" ? html`<${FxRates} t=${t} asOf=${asOf} role=${role} />`
    : tab === "forecast" ? html`<${RentForecast} t=${t} asOf=${asOf} />`
    : html`<${Overview} t=${t} lang=${lang} asOf=${asOf} role=${role} />`;
  return html`<h1>${t("budgetNav")}</h1>${!form && html`<${Tabs} t=${t} tab=${tab} />`}${page}`;
}
