// The register's pages: the dashboard, missions, properties, leases, acquisitions and
// projects, with the forms facilities staff keep them by.
import {
  html, Chart, useEffect, useState, addWords, api, useRead, word, withAsOf, Loading, useRecordForm, RequestedNotice, RoleCannot, flash, warningsOf, errorsByField, grouped, money,
  percent, fiscalYear, localTime, DateText, DateInput, area, dateIn, USER_ZONE, AckButton,
} from "/web/core.js";
import { Documents } from "/web/documents.js";
import { ExportLinks } from "/web/exchange.js";
import { QualityCard } from "/web/decisions.js";

addWords({
  en: {
    stopFeeds: "Stop my calendar feeds", feedAddress: "Your calendar feed (lease deadlines)",
    feedHint: "Add this address to your calendar program as a subscription. Anyone who has it sees the lease deadlines: keep it to yourself, and stop your feeds if it leaks.",
    feedsStopped: "Your calendar feeds are stopped; their addresses no longer work.",
    costs: "Costs", a_operatingCost: "Operating cost a year", a_invested: "Invested", a_rentAvoided: "Rent avoided",
    a_netSavings: "Net savings to date", a_netSavingsTwd: "Net savings to date (TWD)", paybackDate: "Paid back by",
    notYetOccupied: "Not occupied yet: no rent saved so far.", replacedLeases: "Leases it replaces",
    buyCheaper: "Buying costs {x} less than leasing, in present value.", leaseCheaper: "Leasing costs {x} less than buying, in present value.",
    paybackIn: "The purchase pays back in year {y}.",
    tenureOn: "Tenure on the day", yearsUnit: "years", a_figures: "What the purchase brings",
    urgency: "Urgency", "u-urgent": "urgent", "u-soon": "soon", "u-later": "later", daysLeftN: "in {n} days",
  },
  zh: {
    stopFeeds: "停止我的行事曆訂閱", feedAddress: "您的行事曆訂閱網址（租約期限）",
    feedHint: "請將此網址加入行事曆程式的訂閱。持有此網址者皆可看到租約期限：請勿外流，外流時請停止訂閱。",
    feedsStopped: "已停止您的行事曆訂閱，原網址不再有效。",
    costs: "相關費用", a_operatingCost: "年度營運成本", a_invested: "投入金額", a_rentAvoided: "免付租金",
    a_netSavings: "截至目前之節省租金", a_netSavingsTwd: "截至目前之節省租金（新臺幣）", paybackDate: "預計回收日",
    notYetOccupied: "尚未進駐：目前尚無節省租金。", replacedLeases: "被取代之租約",
    buyCheaper: "以現值計，購置比租用節省 {x}。", leaseCheaper: "以現值計，租用比購置節省 {x}。",
    paybackIn: "回收年限：第 {y} 年。",
    tenureOn: "基準日權屬", yearsUnit: "年", a_figures: "購置效益",
    urgency: "急迫程度", "u-urgent": "緊急", "u-soon": "將屆", "u-later": "尚早", daysLeftN: "剩 {n} 日",
  },
});

function OwnershipCard({ t, asOf }) {
  const state = useRead(withAsOf("/api/v1/reports/ownership", asOf));
  return html`<section class="card" aria-labelledby="own-h">
    <h2 id="own-h">${t("ownership")}</h2>
    <${Loading} state=${state} t=${t}>${(d) => html`
      <p><span class="figure">${percent(d.overall.ratio_count)}</span> <span class="sub">${t("byCount")}</span></p>
      <p><span class="figure">${percent(d.overall.ratio_area)}</span> <span class="sub">${t("byArea")}</span></p>
      <p class="sub">${d.overall.owned} ${t("owned")} · ${d.overall.leased} ${t("leased")} · ${d.overall.provided} ${t("provided")}</p>`}
    <//>
  </section>`;
}

function TrendCard({ t, asOf }) {
  const src = withAsOf("/api/v1/reports/ownership?trend_from=105&trend_to=115&format=svg", asOf);
  return html`<section class="card wide" aria-labelledby="trend-h">
    <h2 id="trend-h">${t("trend")}</h2>
    <${Chart} src=${src} alt=${t("trendAlt")} />
  </section>`;
}

// A personal calendar feed of lease events: made on request, shown as an address to paste into
// a calendar program as a subscription, and revoked with "Stop my feeds".
function Subscribe({ t }) {
  const [address, setAddress] = useState("");
  const [note, setNote] = useState("");
  async function make() {
    setNote("");
    try {
      const { data } = await api("POST", "/api/v1/calendar-feeds");
      setAddress(location.origin + data.path);
    } catch (e) { setNote(e.message); }
  }
  async function stop() {
    try {
      await api("DELETE", "/api/v1/calendar-feeds");
      setAddress(""); setNote(t("feedsStopped"));
    } catch (e) { setNote(e.message); }
  }
  return html`<div class="subscribe">
    <button id="subscribe" type="button" class="quiet" onClick=${make}>${t("subscribe")}</button>
    <button type="button" class="quiet" onClick=${stop}>${t("stopFeeds")}</button>
    ${address && html`<p><label for="feed-url">${t("feedAddress")}</label>
      <input id="feed-url" class="feed-url" readonly value=${address} onFocus=${(e) => e.target.select()} /></p>
      <p class="sub">${t("feedHint")}</p>`}
    ${note && html`<p role="status">${note}</p>`}</div>`;
}

// Lease events as people recognise them: each with its mission, property and lessor by code
// and name, linked, the deadline in the mission's local time, and its urgency in colour and in
// words (30 days or fewer: urgent; 90 or fewer: soon).
export function LeaseEventsTable({ t, lang, asOf, events, role }) {
  const properties = useRead(withAsOf("/api/v1/properties?limit=500", asOf));
  const missions = useRead(withAsOf("/api/v1/missions?limit=500", asOf));
  const find = (state, id) => state.data?.items.find((x) => x.id === id);
  const urgency = (days) => (days <= 30 ? "urgent" : days <= 90 ? "soon" : "later");
  return html`<div class="scroll" tabindex="0"><table class="events stack">
    <thead><tr><th scope="col">${t("urgency")}</th><th scope="col">${t("event")}</th><th scope="col">${t("mission")}</th>
      <th scope="col">${t("property")}</th><th scope="col">${t("lessor")}</th><th scope="col">${t("deadline")}</th>
      <th scope="col"><span class="visually-hidden">${t("acknowledge")}</span></th></tr></thead>
    <tbody>${events.map((e) => {
      const property = find(properties, e.property_id), mission = find(missions, e.mission_id);
      const u = urgency(e.days_left);
      return html`<tr class=${"urgency-" + u}>
        <td class="head"><span class=${"badge " + u}>${t("u-" + u)}</span> <span class="sub v">${t("daysLeftN").replace("{n}", e.days_left)}</span></td>
        <td data-label=${t("event")}><a class="v" href=${"#/leases/" + e.lease_id}>${t(e.event)}</a></td>
        <td data-label=${t("mission")}>${mission ? html`<a href=${"#/missions/" + mission.id}>${mission.code}</a> ${lang === "zh" ? mission.name_zh : mission.name_en}` : "—"}</td>
        <td data-label=${t("property")}>${property ? html`<a href=${"#/properties/" + property.id}>${property.code}</a> ${property.name_zh || property.name}` : e.property_id}</td>
        <td data-label=${t("lessor")}>${e.lessor || "—"}</td>
        <td data-label=${t("deadline")}><span class="v">${localTime(e.deadline_utc, e.time_zone, lang)}</span> <span class="sub">${e.time_zone}</span></td>
        <td data-label=${t("acknowledge")}><${AckButton} t=${t} role=${asOf ? "" : role} event=${e} /></td>
      </tr>`;
    })}</tbody>
  </table></div>`;
}

function EventsCard({ t, lang, asOf, role }) {
  const state = useRead(withAsOf("/api/v1/reports/lease-events?within_days=90", asOf));
  return html`<section class="card wide" aria-labelledby="events-h">
    <h2 id="events-h">${t("events")}</h2>
    <${Subscribe} t=${t} />
    <${Loading} state=${state} t=${t}>${(events) => events.length === 0 ? html`<p>${t("none")}</p>`
      : html`<${LeaseEventsTable} t=${t} lang=${lang} asOf=${asOf} events=${events} role=${role} />`}
    <//>
  </section>`;
}

function SavingsCard({ t, asOf }) {
  const state = useRead(withAsOf("/api/v1/reports/rent-savings", asOf));
  return html`<section class="card" aria-labelledby="savings-h">
    <h2 id="savings-h">${t("savings")}</h2>
    <${Loading} state=${state} t=${t}>${(d) => html`
      <p class="figure money v">${d.totals.net_savings_twd ? money(d.totals.net_savings_twd) : t("missingRates")}</p>
      <p class="sub">${t("savingsNote")}</p>`}
    <//>
  </section>`;
}

function BudgetCard({ t, asOf }) {
  const year = (asOf || new Date().toISOString()).slice(0, 4);
  const state = useRead(withAsOf(`/api/v1/reports/budget-execution?fiscal_year=${year}`, asOf));
  return html`<section class="card wide" aria-labelledby="budget-h">
    <h2 id="budget-h">${t("budget")}${state.data ? " " + fiscalYear(state.data.fiscal_year, state.data.fiscal_year_ad) : ""}</h2>
    <${Loading} state=${state} t=${t}>${(d) => html`
      <div class="scroll" tabindex="0"><table class="stack">
        <thead><tr><th scope="col">${t("line")}</th><th scope="col" class="num">${t("appropriated")}</th>
          <th scope="col" class="num">${t("expended")}</th><th scope="col" class="num">${t("rate")}</th></tr></thead>
        <tbody>${d.lines.map((l) => html`<tr>
          <td class="head">${l.name_zh} <span class="sub">${l.name_en}</span></td>
          <td class="num" data-label=${t("appropriated")}>${money(l.appropriated)}</td><td class="num" data-label=${t("expended")}>${money(l.expended)}</td>
          <td class="num" data-label=${t("rate")}>${percent(l.execution_rate)}</td></tr>`)}</tbody>
      </table></div>`}
    <//>
  </section>`;
}

function ProjectRow({ project, t, asOf }) {
  const state = useRead(withAsOf(`/api/v1/reports/earned-value?project_id=${project.id}`, asOf));
  const mark = (ratio) => ratio !== null && ratio !== undefined && Number.parseFloat(ratio) < 0.95
    ? html`<span class="below">${ratio} <span class="sub">(${t("belowTarget")})</span></span>` : (ratio ?? "—");
  return html`<tr><td>${project.code} <span class="sub">${project.name_zh}</span></td>
    ${state.data ? html`<td class="num">${mark(state.data.cpi)}</td><td class="num">${mark(state.data.spi)}</td>`
                 : html`<td class="num">…</td><td class="num">…</td>`}</tr>`;
}

function ProjectsCard({ t, asOf }) {
  const state = useRead(withAsOf("/api/v1/projects?limit=50", asOf));
  return html`<section class="card wide" aria-labelledby="projects-h">
    <h2 id="projects-h">${t("projects")}</h2>
    <${Loading} state=${state} t=${t}>${(d) => html`
      <div class="scroll" tabindex="0"><table>
        <thead><tr><th scope="col">${t("project")}</th><th scope="col" class="num">${t("cpi")}</th><th scope="col" class="num">${t("spi")}</th></tr></thead>
        <tbody>${d.items.map((p) => html`<${ProjectRow} key=${p.id} project=${p} t=${t} asOf=${asOf} />`)}</tbody>
      </table></div>`}
    <//>
  </section>`;
}

export function Dashboard({ t, lang, asOf, role }) {
  return html`<h1>${t("dashboard")}</h1>
    <${ExportLinks} t=${t} asOf=${asOf} />
    <div class="cards">
      <${OwnershipCard} t=${t} asOf=${asOf} />
      <${SavingsCard} t=${t} asOf=${asOf} />
      <${TrendCard} t=${t} asOf=${asOf} />
      <${EventsCard} t=${t} lang=${lang} asOf=${asOf} role=${role} />
      <${BudgetCard} t=${t} asOf=${asOf} />
      <${ProjectsCard} t=${t} asOf=${asOf} />
      <${QualityCard} t=${t} asOf=${asOf} />
    </div>`;
}

export const KINDS = ["office", "chief_residence", "staff_residence", "archive", "other"];
// The property statuses the API takes (PropertyStatus); "planned" reads differently here than
// for a milestone, hence its "_status" word.
const STATUSES = ["planned", "under_construction", "active", "disposed"];
const REGIONS = ["east_asia_pacific", "west_asia_africa", "europe", "north_america",
  "latin_america_caribbean", "domestic"];

// The tenure a property has on `day` (ISO): the type of the interval that holds it, if any.
const tenureOn = (p, day) => p.tenure.find((x) => x.from <= day && (!x.to || day <= x.to))?.type;

export function Properties({ t, asOf, role }) {
  const day = asOf ? asOf.slice(0, 10) : dateIn(new Date().toISOString(), USER_ZONE);
  const [filters, setFilters] = useState({ mission_id: "", region: "", kind: "", status: "", code: "" });
  const query = Object.entries(filters).filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  const state = useRead(withAsOf("/api/v1/properties?limit=200" + (query.length ? "&" + query.join("&") : ""), asOf));
  const missions = useRead(withAsOf("/api/v1/missions?limit=500", asOf));
  const missionName = (id) => missions.data?.items.find((m) => m.id === id)?.code ?? (id ?? "—");
  const select = (name, values) => html`<label>${t(name)}
    <select value=${filters[name]} onChange=${(e) => setFilters({ ...filters, [name]: e.target.value })}>
      <option value="">${t("any")}</option>
      ${values.map((v) => html`<option value=${v}>${word(t, v, v === "domestic" ? "_region" : v === "planned" ? "_status" : "")}</option>`)}
    </select></label>`;
  return html`<h1>${t("properties")}</h1>
    ${role === "facilities" && !asOf && html`<p><a href="#/properties/new">${t("newProperty")}</a></p>`}
    <div class="filters">
      <label>${t("mission")}<select value=${filters.mission_id} onChange=${(e) => setFilters({ ...filters, mission_id: e.target.value })}>
        <option value="">${t("any")}</option>
        ${(missions.data?.items ?? []).map((m) => html`<option value=${String(m.id)}>${m.code}</option>`)}</select></label>
      ${select("region", REGIONS)} ${select("kind", KINDS)} ${select("status", STATUSES)}
      <label>${t("code")}<input value=${filters.code} onChange=${(e) => setFilters({ ...filters, code: e.target.value.trim() })} /></label>
    </div>
    <${Loading} state=${state} t=${t}>${(d) => html`
      <div class="scroll" tabindex="0"><table class="stack">
        <thead><tr><th scope="col">${t("code")}</th><th scope="col">${t("name")}</th><th scope="col">${t("mission")}</th>
          <th scope="col">${t("kind")}</th><th scope="col">${t("tenureOn")}</th><th scope="col" class="num">${t("area")}</th><th scope="col">${t("status")}</th></tr></thead>
        <tbody>${d.items.map((p) => html`<tr>
          <td class="head"><a href=${"#/properties/" + p.id}>${p.code}</a></td><td data-label=${t("name")}>${p.name}${p.name_zh && html`<br /><span lang="zh-Hant-TW">${p.name_zh}</span>`}</td>
          <td data-label=${t("mission")}>${missionName(p.mission_id)}</td>
          <td data-label=${t("kind")}>${word(t, p.kind)}</td><td data-label=${t("tenureOn")}>${tenureOn(p, day) ? html`<span class=${"tenure " + tenureOn(p, day)}>${t(tenureOn(p, day))}</span>` : "—"}</td>
          <td class="num" data-label=${t("area")}>${area(p.floor_area_m2)}</td><td data-label=${t("status")}>${word(t, p.status, "_status")}</td></tr>`)}</tbody>
      </table></div>`}
    <//>`;
}

export function Property({ t, lang, id, asOf, role }) {
  const state = useRead(withAsOf(`/api/v1/properties/${id}`, asOf));
  if (state.error?.status === 404) return html`<p>${t("notFound")}</p><p><a href="#/properties">${t("back")}</a></p>`;
  return html`<${Loading} state=${state} t=${t}>${(p) => html`
    <p><a href="#/properties">${t("back")}</a>
      ${role === "facilities" && !asOf && html` · <a href=${"#/properties/" + id + "/edit"}>${t("edit")}</a>`}
      ${role === "auditor" && html` · <a href=${"#/history/property/" + id}>${t("history")}</a>`}</p>
    <h1>${p.code} · ${p.name}</h1>
    ${p.name_zh && html`<p class="name-zh" id="name-zh" lang="zh-Hant-TW">${p.name_zh}</p>`}
    <div class="cards">
      <section class="card" aria-labelledby="facts-h"><h2 id="facts-h">${t("properties")}</h2>
        <dl class="facts">
          <dt>${t("kind")}</dt><dd>${word(t, p.kind)}</dd><dt>${t("status")}</dt><dd>${word(t, p.status, "_status")}</dd>
          <dt>${t("area")}</dt><dd>${area(p.floor_area_m2)}</dd>
          <dt>${t("address")}</dt><dd>${p.address || "—"}</dd>
          <dt>${t("agencies")}</dt><dd>${p.agencies.join(", ") || "—"}</dd>
        </dl></section>
      <section class="card" aria-labelledby="tenure-h"><h2 id="tenure-h">${t("tenure")}</h2>
        <ol class="timeline">${p.tenure.map((x) => html`<li class=${x.type}>
          <strong>${t(x.type)}</strong> ${t("from")} <${DateText} iso=${x.from} /> ${t("to")} ${x.to ? html`<${DateText} iso=${x.to} />` : t("open")}</li>`)}</ol>
      </section>
      <${Documents} t=${t} lang=${lang} collection="properties" id=${id} writes=${role === "facilities" && !asOf} />
    </div>`}<//>`;
}


const TENURES = ["owned", "leased", "provided"];

// The fields of a property as the form edits them (all text), from a record or empty.
function draftOf(p) {
  return {
    code: p?.code ?? "", name: p?.name ?? "", name_zh: p?.name_zh ?? "", name_zh_was: p?.name_zh ?? "", mission_id: p?.mission_id ? String(p.mission_id) : "",
    kind: p?.kind ?? "office", address: p?.address ?? "", floor_area_m2: p?.floor_area_m2 ?? "",
    status: p?.status ?? "active", agencies: (p?.agencies ?? []).join(", "),
    tenure: (p?.tenure ?? [{ type: "leased", from: "", to: null }]).map((x) => ({ ...x, to: x.to ?? "" })),
  };
}

// The record the API takes, from the form's text; the server checks every rule. The Chinese
// name (optional) goes only when it was given or changed (null when it was cleared).
function recordOf(d) {
  const zh = d.name_zh.trim();
  return {
    code: d.code.trim(), name: d.name, mission_id: d.mission_id ? Number(d.mission_id) : null,
    ...(zh !== d.name_zh_was ? { name_zh: zh || null } : {}),
    kind: d.kind, address: d.address, floor_area_m2: d.floor_area_m2.trim(), status: d.status,
    agencies: d.agencies.split(",").map((a) => a.trim()).filter(Boolean),
    tenure: d.tenure.map((x) => ({ type: x.type, from: x.from, to: x.to || null })),
  };
}
// Create (no `id`) or edit a property. The server's field errors appear next to their fields,
// all at once; a 412 says someone else changed it; nothing is saved when the server refuses.
export function PropertyForm({ t, id, role }) {
  const missions = useRead("/api/v1/missions?limit=500");
  const { draft, setDraft, errors, message, stale, submit, reload, fieldError, described } =
    useRecordForm("properties", id, draftOf, recordOf, t);
  if (role !== "facilities") return html`<${RoleCannot} t=${t} back="#/properties" />`;
  if (!draft) return html`<p class="sub">${t("loading")}</p>`;
  const set = (field) => (e) => setDraft({ ...draft, [field]: e.target.value });
  const setTenure = (i, field) => (e) => setDraft({ ...draft,
    tenure: draft.tenure.map((x, j) => (j === i ? { ...x, [field]: e.target.value } : x)) });
  const text = (name, label, extra = {}) => html`<label for=${"f-" + name}>${label}</label>
    <input id=${"f-" + name} value=${draft[name]} onInput=${set(name)} aria-invalid=${errors[name] ? "true" : undefined}
      aria-describedby=${described(name)} ...${extra} />${fieldError(name)}`;
  const choice = (name, label, values, words = (v) => word(t, v)) => html`<label for=${"f-" + name}>${label}</label>
    <select id=${"f-" + name} value=${draft[name]} onChange=${set(name)} aria-describedby=${described(name)}>
      ${values.map((v) => html`<option value=${v}>${words(v)}</option>`)}</select>${fieldError(name)}`;
  return html`
    <p><a href=${id ? "#/properties/" + id : "#/properties"}>${t("cancel")}</a></p>
    <h1>${id ? t("editing") + " " + draft.code : t("newProperty")}</h1>
    ${stale && html`<div class="error" role="alert">${t("stale")} <button type="button" class="quiet" onClick=${reload}>${t("reload")}</button></div>`}
    ${message && html`<p class="error" role="alert">${message}</p>`}
    <form class="record" onSubmit=${submit} novalidate>
      ${text("code", t("code"))} ${text("name", t("name"))} ${text("name_zh", t("propertyNameZh"), { lang: "zh-Hant-TW" })}
      <label for="f-mission_id">${t("mission")}</label>
      <select id="f-mission_id" value=${draft.mission_id} onChange=${set("mission_id")}>
        <option value="">${t("domestic")}</option>
        ${(missions.data?.items ?? []).map((m) => html`<option value=${String(m.id)}>${m.code} · ${m.name_en}</option>`)}
      </select>${fieldError("mission_id")}
      ${choice("kind", t("kind"), KINDS)} ${choice("status", t("status"), STATUSES, (v) => word(t, v, "_status"))}
      ${text("address", t("address"))} ${text("floor_area_m2", t("area"), { inputmode: "decimal" })}
      ${text("agencies", t("agencies"), { placeholder: t("agenciesHint") })}
      <fieldset><legend>${t("tenure")}</legend>
        ${fieldError("tenure")}
        ${draft.tenure.map((x, i) => html`<div class="tenure-row">
          <label for=${`f-t${i}-type`}>${t("type")} ${i + 1}</label>
          <select id=${`f-t${i}-type`} value=${x.type} onChange=${setTenure(i, "type")}>
            ${TENURES.map((v) => html`<option value=${v}>${t(v)}</option>`)}</select>
          <label for=${`f-t${i}-from`}>${t("from")} ${i + 1}</label>
          <${DateInput} id=${`f-t${i}-from`} value=${x.from} onInput=${setTenure(i, "from")}
            aria-describedby=${described(`tenure[${i}].from`)} />${fieldError(`tenure[${i}].from`)}
          <label for=${`f-t${i}-to`}>${t("to")} ${i + 1}</label>
          <${DateInput} id=${`f-t${i}-to`} value=${x.to} onInput=${setTenure(i, "to")} title=${t("toHint")}
            aria-describedby=${described(`tenure[${i}].to`)} />${fieldError(`tenure[${i}].to`)}
          ${fieldError(`tenure[${i}]`)}
          <button type="button" class="quiet" aria-label=${`${t("removeTenure")} ${i + 1}`}
            onClick=${() => setDraft({ ...draft, tenure: draft.tenure.filter((_, j) => j !== i) })}>${t("removeTenure")}</button>
        </div>`)}
        <button type="button" class="quiet" onClick=${() => setDraft({ ...draft, tenure: [...draft.tenure, { type: "owned", from: "", to: "" }] })}>${t("addTenure")}</button>
      </fieldset>
      <button id="save" type="submit">${id ? t("save") : t("create")}</button>
    </form>`;
}


export const STAGE_ORDER = ["proposed", "appraised", "budget_approved", "contracted", "settled", "occupied"];

// The pipeline board: purchases at each stage with their price totals (from the server's
// acquisition-pipeline report), and each purchase under its stage.
export function Acquisitions({ t, asOf }) {
  const board = useRead(withAsOf("/api/v1/reports/acquisition-pipeline", asOf));
  const list = useRead(withAsOf("/api/v1/acquisitions?limit=500", asOf));
  return html`<h1>${t("acquisitions")}</h1>
    <${Loading} state=${board} t=${t}>${(d) => html`
      <div class="board">${d.stages.map((st) => html`<section class="card column" aria-labelledby=${"st-" + st.stage}>
        <h2 id=${"st-" + st.stage}>${t(st.stage)} <span class="sub">(${st.count})</span></h2>
        <p class="sub">${st.price_totals.map(money).join(" · ") || "—"}</p>
        <ul class="plain">${(list.data?.items ?? []).filter((a) => a.stage === st.stage).map((a) => html`
          <li><a href=${"#/acquisitions/" + a.id}>${a.code}</a> <span class="sub">${money(a.price)}</span></li>`)}</ul>
      </section>`)}</div>`}
    <//>`;
}

export function Acquisition({ t, lang, id, asOf, role }) {
  const [version, setVersion] = useState(0);
  const state = useRead(withAsOf(`/api/v1/acquisitions/${id}`, asOf) + (version ? `#${version}` : ""));
  const [on, setOn] = useState(new Date().toISOString().slice(0, 10));
  const [message, setMessage] = useState("");
  const [requested, setRequested] = useState(null);
  return html`<${Loading} state=${state} t=${t}>${(a) => {
    const next = STAGE_ORDER[STAGE_ORDER.indexOf(a.stage) + 1];
    async function move(event) {
      event.preventDefault();
      setMessage(""); setRequested(null);
      // A stage move cannot be undone: the user confirms it in words first.
      if (!confirm(t("confirmMove").replace("{stage}", t(next)))) return;
      try {
        const { data, response } = await api("POST", `/api/v1/acquisitions/${id}/stage`, { stage: next, on }, { "If-Match": `"${a.version}"` });
        if (response.status === 202) { setRequested(data); dispatchEvent(new Event("estate:approvals")); return; }
        setVersion(version + 1);
        flash(`${t("saved")} ${t("stageNow")} ${t(next)}`, warningsOf(data));
      } catch (e) {
        setMessage(e.problem?.errors?.length ? e.problem.errors.map((x) => `${x.field}: ${x.message}`).join("; ") : e.message);
      }
    }
    return html`
      <p><a href="#/acquisitions">${t("acquisitions")}</a> · <a href=${"#/reports/lease-vs-buy/" + id}>${t("r-lease-vs-buy")}</a>
        ${role === "auditor" && html` · <a href=${"#/history/acquisition/" + id}>${t("history")}</a>`}</p>
      <h1>${a.code}</h1>
      <div class="cards">
        <section class="card" aria-labelledby="acq-h"><h2 id="acq-h">${t(a.stage)}</h2>
          <dl class="facts"><dt>${t("price")}</dt><dd>${money(a.price)}</dd>
            <dt>${t("costs")}</dt><dd>${money(a.costs)}</dd><dt>${t("a_operatingCost")}</dt><dd>${money(a.operating_cost_annual)}</dd>
            <dt>${t("property")}</dt><dd><${PropertyRef} id=${a.property_id} asOf=${asOf} /></dd></dl>
          ${role === "facilities" && !asOf && (next ? html`<form class="move" onSubmit=${move}>
              <label for="move-on">${t("moveOn")}</label>
              <${DateInput} id="move-on" value=${on} onInput=${(e) => setOn(e.target.value)} />
              <button id="next-stage" type="submit">${t("nextStage")}</button> <span class="sub">→ ${t(next)}</span>
            </form>` : html`<p class="sub">${t("final")}</p>`)}
          ${message && html`<p class="error" role="alert">${message}</p>`}
          ${requested && html`<${RequestedNotice} t=${t} request=${requested} />`}
        </section>
        <section class="card" aria-labelledby="hist-h"><h2 id="hist-h">${t("stages")}</h2>
          <ol class="timeline">${a.stages.map((x) => html`<li><strong>${t(x.stage)}</strong> <${DateText} iso=${x.on} /></li>`)}</ol>
        </section>
        <${AcquisitionFigures} t=${t} a=${a} asOf=${asOf} refresh=${version} />
        <${PropertyTenure} t=${t} id=${a.property_id} asOf=${asOf} refresh=${version} />
        <${Documents} t=${t} lang=${lang} collection="acquisitions" id=${id} writes=${role === "finance" && !asOf} />
      </div>`;
  }}<//>`;
}

// A property named by code and name, linked to its page.
export function PropertyRef({ id, asOf }) {
  const state = useRead(id ? withAsOf(`/api/v1/properties/${id}`, asOf) : null);
  if (!id) return "—";
  const p = state.data;
  return html`<a href=${"#/properties/" + id}>${p ? `${p.code} · ${p.name_zh || p.name}` : id}</a>`;
}

// Lease or buy in words, from the lease-vs-buy report: which costs less in present value, by
// how much, and the payback year.
export function verdict(t, d) {
  if (!d?.saving_pv) return "";
  const buying = !d.saving_pv.amount.startsWith("-") && !/^0*(\.0*)?$/.test(d.saving_pv.amount);
  const amount = { ...d.saving_pv, amount: d.saving_pv.amount.replace(/^-/, "") };
  return (buying ? t("buyCheaper") : t("leaseCheaper")).replace("{x}", money(amount))
    + (d.payback_year ? " " + t("paybackIn").replace("{y}", d.payback_year) : "");
}

// What a purchase brings, from the report endpoints: the rent savings to date in its currency
// and in TWD, what was invested, the payback date, the leases it replaces (linked), and lease
// or buy in words.
function AcquisitionFigures({ t, a, asOf, refresh }) {
  const r = refresh ? `#${refresh}` : "";
  const savings = useRead(withAsOf(`/api/v1/reports/rent-savings?acquisition_id=${a.id}`, asOf) + r);
  const choice = useRead(withAsOf(`/api/v1/reports/lease-vs-buy?acquisition_id=${a.id}`, asOf) + r);
  const leases = useRead(withAsOf("/api/v1/leases?limit=500", asOf));
  const s = savings.data?.acquisitions?.find((x) => x.acquisition_id === a.id);
  return html`<section class="card wide" aria-labelledby="fig-h"><h2 id="fig-h">${t("a_figures")}</h2>
    <${Loading} state=${savings} t=${t}>${() => (s ? html`<dl class="facts">
      <dt>${t("a_invested")}</dt><dd>${money(s.invested)}</dd>
      <dt>${t("a_rentAvoided")}</dt><dd>${money(s.rent_avoided)}</dd>
      <dt>${t("a_netSavings")}</dt><dd>${money(s.net_savings)}</dd>
      <dt>${t("a_netSavingsTwd")}</dt><dd id="acq-savings-twd">${s.net_savings_twd ? money(s.net_savings_twd) : t("missingRates")}</dd>
      <dt>${t("paybackDate")}</dt><dd><${DateText} iso=${s.payback_date} /></dd></dl>` : html`<p class="sub">${t("notYetOccupied")}</p>`)}<//>
    <h3>${t("replacedLeases")}</h3>
    ${(a.replaces_lease_ids ?? []).length === 0 ? html`<p class="sub">${t("none")}</p>` : html`<ul class="plain">
      ${a.replaces_lease_ids.map((id) => {
        const l = leases.data?.items.find((x) => x.id === id);
        return html`<li><a href=${"#/leases/" + id}>${t("lease")} ${id}</a>${l ? html` · ${l.lessor} · <${DateText} iso=${l.start} /> – <${DateText} iso=${l.end} />` : ""}</li>`;
      })}</ul>`}
    <h3>${t("r-lease-vs-buy")}</h3>
    ${choice.data ? html`<p id="verdict">${verdict(t, choice.data)}</p>` : choice.error ? html`<p class="sub">—</p>` : html`<p class="sub">${t("loading")}</p>`}
  </section>`;
}

function PropertyTenure({ t, id, asOf, refresh }) {
  const state = useRead(withAsOf(`/api/v1/properties/${id}`, asOf) + (refresh ? `#${refresh}` : ""));
  return html`<section class="card" aria-labelledby="pt-h"><h2 id="pt-h">${t("propertyNow")}</h2>
    <${Loading} state=${state} t=${t}>${(p) => html`<p>${p.code} · ${p.name}</p>
      <ol class="timeline">${p.tenure.map((x) => html`<li class=${x.type}>
        <strong>${t(x.type)}</strong> ${t("from")} <${DateText} iso=${x.from} /> ${t("to")} ${x.to ? html`<${DateText} iso=${x.to} />` : t("open")}</li>`)}</ol>`}<//>
  </section>`;
}


export function Missions({ t, lang, asOf }) {
  const [region, setRegion] = useState("");
  const state = useRead(withAsOf("/api/v1/missions?limit=500" + (region ? "&region=" + region : ""), asOf));
  return html`<h1>${t("missions")}</h1>
    <div class="filters"><label>${t("region")}
      <select value=${region} onChange=${(e) => setRegion(e.target.value)}>
        <option value="">${t("any")}</option>${REGIONS.map((v) => html`<option value=${v}>${word(t, v, v === "domestic" ? "_region" : v === "planned" ? "_status" : "")}</option>`)}
      </select></label></div>
    <${Loading} state=${state} t=${t}>${(d) => html`<div class="scroll" tabindex="0"><table>
      <thead><tr><th scope="col">${t("code")}</th><th scope="col">${t("name")}</th><th scope="col">${t("city")}</th>
        <th scope="col">${t("region")}</th><th scope="col">${t("timeZone")}</th></tr></thead>
      <tbody>${d.items.map((m) => html`<tr><td><a href=${"#/missions/" + m.id}>${m.code}</a></td>
        <td>${lang === "zh" ? m.name_zh : m.name_en}</td><td>${m.city}</td><td>${word(t, m.region, m.region === "domestic" ? "_region" : "")}</td><td>${m.time_zone}</td></tr>`)}</tbody>
    </table></div>`}<//>`;
}

export function Mission({ t, lang, id, asOf, role }) {
  const mission = useRead(withAsOf(`/api/v1/missions/${id}`, asOf));
  const properties = useRead(withAsOf(`/api/v1/properties?limit=500&mission_id=${id}`, asOf));
  const leases = useRead(withAsOf(`/api/v1/leases?limit=500&mission_id=${id}`, asOf));
  return html`<p><a href="#/missions">${t("missions")}</a>
      ${role === "auditor" && html` · <a href=${"#/history/mission/" + id}>${t("history")}</a>`}</p>
    <${Loading} state=${mission} t=${t}>${(m) => html`<h1>${m.code} · ${lang === "zh" ? m.name_zh : m.name_en}</h1>
      <p class="sub">${m.city}, ${m.country} · ${m.time_zone}</p>`}<//>
    <div class="cards">
      <section class="card wide" aria-labelledby="mp-h"><h2 id="mp-h">${t("properties")}</h2>
        <${Loading} state=${properties} t=${t}>${(d) => d.items.length === 0 ? html`<p>${t("none")}</p>` : html`
          <ul class="plain">${d.items.map((p) => html`<li><a href=${"#/properties/" + p.id}>${p.code}</a> ${p.name}
            <span class="sub">${word(t, p.kind)} · ${area(p.floor_area_m2)} m²</span></li>`)}</ul>`}<//>
      </section>
      <section class="card wide" aria-labelledby="ml-h"><h2 id="ml-h">${t("leases")}</h2>
        <${Loading} state=${leases} t=${t}>${(d) => d.items.length === 0 ? html`<p>${t("none")}</p>` : html`
          <div class="scroll" tabindex="0"><table><thead><tr><th scope="col">${t("lease")}</th><th scope="col">${t("lessor")}</th>
            <th scope="col">${t("term")}</th><th scope="col" class="num">${t("rent")}</th></tr></thead>
          <tbody>${d.items.map((l) => html`<tr><td>${l.id}</td><td>${l.lessor}</td><td><${DateText} iso=${l.start} /> – <${DateText} iso=${l.end} /></td>
            <td class="num">${money(l.rent)} / ${word(t, l.period)}</td></tr>`)}</tbody></table></div>`}<//>
      </section>
    </div>`;
}


export function Leases({ t, asOf, role }) {
  const state = useRead(withAsOf("/api/v1/leases?limit=500", asOf));
  const properties = useRead(withAsOf("/api/v1/properties?limit=500", asOf));
  const code = (id) => {
    const p = properties.data?.items.find((x) => x.id === id);
    return p ? `${p.code} · ${p.name_zh || p.name}` : id;
  };
  return html`<h1>${t("leases")}</h1>
    ${role === "facilities" && !asOf && html`<p><a href="#/leases/new">${t("newLease")}</a></p>`}
    <${Loading} state=${state} t=${t}>${(d) => html`<div class="scroll" tabindex="0"><table>
      <thead><tr><th scope="col">${t("lease")}</th><th scope="col">${t("property")}</th><th scope="col">${t("lessor")}</th>
        <th scope="col">${t("term")}</th><th scope="col" class="num">${t("rent")}</th></tr></thead>
      <tbody>${d.items.map((l) => html`<tr><td><a href=${"#/leases/" + l.id}>${t("lease")} ${l.id}</a></td>
        <td><a href=${"#/properties/" + l.property_id}>${code(l.property_id)}</a></td><td>${l.lessor}</td><td><${DateText} iso=${l.start} /> – <${DateText} iso=${l.end} /></td>
        <td class="num">${money(l.rent)} / ${word(t, l.period)}</td></tr>`)}</tbody>
    </table></div>`}<//>`;
}

export function Lease({ t, lang, id, asOf, role }) {
  const lease = useRead(withAsOf(`/api/v1/leases/${id}`, asOf));
  const schedule = useRead(withAsOf(`/api/v1/leases/${id}/rent-schedule`, asOf));
  return html`<p><a href="#/leases">${t("leases")}</a>
      ${role === "facilities" && !asOf && html` · <a href=${"#/leases/" + id + "/edit"}>${t("edit")}</a>`}
      ${role === "auditor" && html` · <a href=${"#/history/lease/" + id}>${t("history")}</a>`}</p>
    <${Loading} state=${lease} t=${t}>${(l) => html`<h1>${t("lease")} ${l.id} · ${l.lessor}</h1>
      <div class="cards">
        <section class="card" aria-labelledby="lf-h"><h2 id="lf-h">${t("term")}</h2>
          <dl class="facts"><dt>${t("term")}</dt><dd><${DateText} iso=${l.start} /> – <${DateText} iso=${l.end} /></dd>
            <dt>${t("rent")}</dt><dd>${money(l.rent)} / ${word(t, l.period)}</dd>
            <dt>${t("notice")}</dt><dd>${l.notice_days} ${t("days")}</dd>
            <dt>${t("property")}</dt><dd><${PropertyRef} id=${l.property_id} asOf=${asOf} /></dd></dl></section>
        <section class="card" aria-labelledby="lo-h"><h2 id="lo-h">${t("options")}</h2>
          ${l.options.length === 0 ? html`<p>${t("none")}</p>` : html`<ul class="plain">${l.options.map((o) =>
            html`<li>${word(t, o.kind)} · ${t("exerciseBy")} <${DateText} iso=${o.exercise_by} />${o.years ? ` · ${o.years} ${t("yearsUnit")}` : ""}</li>`)}</ul>`}</section>
      </div>`}<//>
    <section class="card wide schedule" aria-labelledby="ls-h"><h2 id="ls-h">${t("schedule")}</h2>
      <${Loading} state=${schedule} t=${t}>${(d) => html`<div class="scroll" tabindex="0"><table>
        <thead><tr><th scope="col">${t("from")}</th><th scope="col">${t("to")}</th>
          <th scope="col" class="num">${t("perPeriod")}</th><th scope="col" class="num">${t("perYear")}</th></tr></thead>
        <tbody>${d.periods.map((p) => html`<tr><td><${DateText} iso=${p.from} /></td><td><${DateText} iso=${p.to} /></td>
          <td class="num">${money(p.period_amount)}</td><td class="num">${money(p.annual)}</td></tr>`)}</tbody>
      </table></div>`}<//>
    </section>
    <div class="cards"><${Documents} t=${t} lang=${lang} collection="leases" id=${id} writes=${role === "facilities" && !asOf} /></div>`;
}


export function Projects({ t, lang, asOf }) {
  const state = useRead(withAsOf("/api/v1/projects?limit=500", asOf));
  return html`<h1>${t("projects")}</h1>
    <${Loading} state=${state} t=${t}>${(d) => html`<div class="scroll" tabindex="0"><table>
      <thead><tr><th scope="col">${t("code")}</th><th scope="col">${t("name")}</th><th scope="col">${t("start")}</th>
        <th scope="col" class="num">${t("bac")}</th></tr></thead>
      <tbody>${d.items.map((p) => html`<tr><td><a href=${"#/projects/" + p.id}>${p.code}</a></td>
        <td>${lang === "zh" ? p.name_zh : p.name_en}</td><td><${DateText} iso=${p.start} /></td><td class="num">${money(p.bac)}</td></tr>`)}</tbody>
    </table></div>`}<//>`;
}

export function Project({ t, lang, id, asOf, role }) {
  const [refresh, setRefresh] = useState(0);
  const project = useRead(withAsOf(`/api/v1/projects/${id}`, asOf));
  const progress = useRead(withAsOf(`/api/v1/projects/${id}/progress?limit=500`, asOf) + `#${refresh}`);
  const [on, setOn] = useState(new Date().toISOString().slice(0, 10));
  const [pct, setPct] = useState("");
  const [errors, setErrors] = useState({});
  async function add(event) {
    event.preventDefault();
    setErrors({});
    try {
      const { data } = await api("POST", `/api/v1/projects/${id}/progress`, { on, pct_complete: pct });
      setPct("");
      flash(t("created"), warningsOf(data));
      setRefresh(refresh + 1);
    } catch (e) {
      setErrors(errorsByField(e));
    }
  }
  const curve = withAsOf(`/api/v1/reports/earned-value?project_id=${id}&format=svg`, asOf);
  return html`<p><a href="#/projects">${t("projects")}</a>
      ${role === "auditor" && html` · <a href=${"#/history/project/" + id}>${t("history")}</a>`}</p>
    <${Loading} state=${project} t=${t}>${(p) => html`<h1>${p.code} · ${lang === "zh" ? p.name_zh : p.name_en}</h1>
      <div class="cards">
        <section class="card" aria-labelledby="pm-h"><h2 id="pm-h">${t("milestones")}</h2>
          <dl class="facts"><dt>${t("projectStart")}</dt><dd><${DateText} iso=${p.start} /></dd><dt>${t("bac")}</dt><dd>${money(p.bac)}</dd></dl>
          <ol class="timeline">${p.milestones.map((m) => html`<li><strong>${m.name}</strong> <${DateText} iso=${m.date} /> · ${t("planned")} ${m.planned_pct} %</li>`)}</ol>
        </section>
        <section class="card" aria-labelledby="pp-h"><h2 id="pp-h">${t("progress")}</h2>
          <${Loading} state=${progress} t=${t}>${(d) => html`<ul class="plain">${d.items.map((r) =>
            html`<li><${DateText} iso=${r.on} /> · ${r.pct_complete} %</li>`)}</ul>`}<//>
          ${role === "facilities" && !asOf && html`<form class="move" onSubmit=${add} novalidate>
            <label for="pr-on">${t("date")}</label>
            <${DateInput} id="pr-on" value=${on} onInput=${(e) => setOn(e.target.value)} aria-describedby=${errors.on ? "pr-on-err" : undefined} />
            <label for="pr-pct">${t("pctComplete")}</label>
            <input id="pr-pct" inputmode="decimal" size="6" value=${pct} onInput=${(e) => setPct(e.target.value)}
              aria-describedby=${errors.pct_complete ? "pr-pct-err" : undefined} />
            <button id="progress-create" type="submit">${t("create")}</button>
            ${errors.on && html`<span class="error" id="pr-on-err">${errors.on}</span>`}
            ${errors.pct_complete && html`<span class="error" id="pr-pct-err">${errors.pct_complete}</span>`}
            ${errors.form && html`<span class="error" role="alert">${errors.form}</span>`}
          </form>`}
        </section>
        <section class="card wide" aria-labelledby="ps-h"><h2 id="ps-h">${t("sCurve")}</h2>
          <${Chart} refresh=${refresh} src=${curve} alt=${t("sCurveAlt")} /></section>
        <${Documents} t=${t} lang=${lang} collection="projects" id=${id} writes=${role === "finance" && !asOf} />
      </div>`}<//>`;
}


function leaseDraftOf(l) {
  return {
    property_id: l ? String(l.property_id) : "", lessor: l?.lessor ?? "", start: l?.start ?? "", end: l?.end ?? "",
    amount: l?.rent.amount ?? "", currency: l?.rent.currency ?? "", period: l?.period ?? "monthly",
    kind: l?.escalation.kind ?? "none", pct: l?.escalation.pct ?? "",
    steps: (l?.escalation.steps ?? []).map((x) => ({ from: x.from, amount: x.rent.amount })),
    notice_days: String(l?.notice_days ?? 90),
    options: (l?.options ?? []).map((o) => ({ kind: o.kind, exercise_by: o.exercise_by, years: o.years ? String(o.years) : "" })),
  };
}

function leaseRecordOf(d) {
  const escalation = { kind: d.kind };
  if (d.kind === "fixed_pct") escalation.pct = d.pct.trim();
  if (d.kind === "steps") escalation.steps = d.steps.map((x) => ({ from: x.from, rent: { amount: x.amount.trim(), currency: d.currency } }));
  return {
    property_id: d.property_id ? Number(d.property_id) : null, lessor: d.lessor, start: d.start, end: d.end,
    rent: { amount: d.amount.trim(), currency: d.currency.trim().toUpperCase() }, period: d.period, escalation,
    notice_days: /^\d+$/.test(d.notice_days) ? Number(d.notice_days) : d.notice_days,
    options: d.options.map((o) => ({ kind: o.kind, exercise_by: o.exercise_by, years: o.years ? Number(o.years) : null })),
  };
}

// Create (no `id`) or edit a lease, with its escalation and options, as PropertyForm does.
export function LeaseForm({ t, id, role }) {
  const properties = useRead("/api/v1/properties?limit=500");
  const { draft, setDraft, errors, message, stale, requested, submit, reload, fieldError: err, described } =
    useRecordForm("leases", id, leaseDraftOf, leaseRecordOf, t);
  if (role !== "facilities") return html`<${RoleCannot} t=${t} back="#/leases" />`;
  if (!draft) return html`<p class="sub">${t("loading")}</p>`;
  const set = (field) => (e) => setDraft({ ...draft, [field]: e.target.value });
  const setRow = (list, i, field) => (e) => setDraft({ ...draft,
    [list]: draft[list].map((x, j) => (j === i ? { ...x, [field]: e.target.value } : x)) });
  const input = (name, label, field, extra = {}) => html`<label for=${"l-" + name}>${label}</label>
    ${extra.type === "date"
      ? html`<${DateInput} id=${"l-" + name} value=${draft[name]} onInput=${set(name)} aria-invalid=${errors[field] ? "true" : undefined}
        aria-describedby=${described(field)} />`
      : html`<input id=${"l-" + name} value=${draft[name]} onInput=${set(name)} aria-invalid=${errors[field] ? "true" : undefined}
        aria-describedby=${described(field)} ...${extra} />`}${err(field)}`;
  return html`
    <p><a href=${id ? "#/leases/" + id : "#/leases"}>${t("cancel")}</a></p>
    <h1>${id ? t("editing") + " " + t("lease") + " " + id : t("newLease")}</h1>
    ${stale && html`<div class="error" role="alert">${t("leaseStale")} <button type="button" class="quiet" onClick=${reload}>${t("reload")}</button></div>`}
    ${message && html`<p class="error" role="alert">${message}</p>`}
    ${requested && html`<${RequestedNotice} t=${t} request=${requested} />`}
    <form class="record" onSubmit=${submit} novalidate>
      <label for="l-property_id">${t("property")}</label>
      <select id="l-property_id" value=${draft.property_id} onChange=${set("property_id")}>
        <option value="">—</option>
        ${(properties.data?.items ?? []).map((p) => html`<option value=${String(p.id)}>${p.code} · ${p.name}</option>`)}
      </select>${err("property_id")}
      ${input("lessor", t("lessor"), "lessor")}
      ${input("start", t("start"), "start", { type: "date" })} ${input("end", t("end"), "end", { type: "date" })}
      ${input("amount", t("rent"), "rent.amount", { inputmode: "decimal" })}
      ${input("currency", t("currency"), "rent.currency", { maxlength: 3 })}
      <label for="l-period">${t("period")}</label>
      <select id="l-period" value=${draft.period} onChange=${set("period")}>
        ${["monthly", "quarterly", "annual"].map((v) => html`<option value=${v}>${word(t, v)}</option>`)}</select>
      <label for="l-kind">${t("escalation")}</label>
      <select id="l-kind" value=${draft.kind} onChange=${set("kind")}>
        ${["none", "fixed_pct", "steps"].map((v) => html`<option value=${v}>${word(t, v, v === "fixed_pct" ? "" : "_kind")}</option>`)}</select>
      ${draft.kind === "fixed_pct" && input("pct", t("pct"), "escalation.pct", { inputmode: "decimal" })}
      ${draft.kind === "steps" && html`<fieldset><legend>${t("steps")}</legend>${err("escalation.steps")}
        ${draft.steps.map((x, i) => html`<div class="tenure-row">
          <label for=${`l-s${i}-from`}>${t("from")} ${i + 1}</label>
          <${DateInput} id=${`l-s${i}-from`} value=${x.from} onInput=${setRow("steps", i, "from")} />
          <label for=${`l-s${i}-amount`}>${t("rent")} ${i + 1}</label>
          <input id=${`l-s${i}-amount`} value=${x.amount} onInput=${setRow("steps", i, "amount")} inputmode="decimal" />
          ${err(`escalation.steps[${i}].from`)} ${err(`escalation.steps[${i}].rent.amount`)}</div>`)}
        <button type="button" class="quiet" onClick=${() => setDraft({ ...draft, steps: [...draft.steps, { from: "", amount: "" }] })}>${t("addStep")}</button>
      </fieldset>`}
      ${input("notice_days", t("noticeDays"), "notice_days", { inputmode: "numeric" })}
      <fieldset><legend>${t("options")}</legend>
        ${draft.options.map((o, i) => html`<div class="tenure-row">
          <label for=${`l-o${i}-kind`}>${t("optionType")} ${i + 1}</label>
          <select id=${`l-o${i}-kind`} value=${o.kind} onChange=${setRow("options", i, "kind")}>
            <option value="renewal">${t("renewal")}</option><option value="break">${t("break")}</option></select>
          <label for=${`l-o${i}-by`}>${t("exerciseBy")} ${i + 1}</label>
          <${DateInput} id=${`l-o${i}-by`} value=${o.exercise_by} onInput=${setRow("options", i, "exercise_by")} />
          <label for=${`l-o${i}-years`}>${t("years")} ${i + 1}</label>
          <input id=${`l-o${i}-years`} size="3" value=${o.years} onInput=${setRow("options", i, "years")} inputmode="numeric" />
          ${err(`options[${i}].exercise_by`)} ${err(`options[${i}].years`)}</div>`)}
        <button type="button" class="quiet" onClick=${() => setDraft({ ...draft, options: [...draft.options, { kind: "renewal", exercise_by: "", years: "" }] })}>${t("addOption")}</button>
      </fieldset>
      <button id="save" type="submit">${id ? t("save") : t("create")}</button>
    </form>`;
}

