// The auditor's workspace, read-only: the journal (filtered, newest first, each change as a
// field-by-field difference with its hash and the previous hash), a record's history as a
// timeline from which the whole UI can be opened as the record stood then, and the journal's
// verification. The diff only lays the journal's own before and after side by side.
import { html, useState, addWords, api, useRead, withQuery, localTime, Loading } from "/web/core.js";

addWords({
  en: {
    verify: "Verify journal", verifying: "Verifying…", entity: "Record type",
    entityId: "Record id", actor: "User", action: "Action", at: "When", field: "Field", before: "Before",
    after: "After", hash: "Hash", prevHash: "Previous hash", chainOk: "The journal is unbroken.",
    chainBroken: "The journal is broken.", entries: "Entries", head: "Head hash", firstBad: "First bad entry",
    viewBefore: "View as it stood before", viewAsOf: "View as of this version", history: "History",
    newer: "Newer entries", older: "Older entries", noChanges: "No field changed.", seq: "Entry",
    "did-create": "created", "did-update": "changed", "did-delete": "deleted", "did-stage": "moved a stage",
    version: "Version", entityHistory: "History of", openRecord: "Open the record",
    "e-mission": "mission", "e-property": "property", "e-lease": "lease", "e-acquisition": "acquisition",
    "e-fx_rate": "FX rate", "e-budget_line": "budget line", "e-appropriation": "appropriation",
    "e-expenditure": "expenditure", "e-commitment": "commitment", "e-project": "project",
    "e-progress": "progress report", "e-user": "user", "e-token": "token",
    "e-change_request": "change request", "e-import": "import", "did-approve": "approved",
    "did-reject": "rejected", "did-withdraw": "withdrew", "did-stale": "found stale",
    madeBy: "Made by", approvedBy: "Approved by",
  },
  zh: {
    verify: "驗證日誌", verifying: "驗證中…", entity: "資料類別", entityId: "資料編號",
    actor: "使用者", action: "動作", at: "時間", field: "欄位", before: "修改前", after: "修改後", hash: "雜湊值",
    prevHash: "前一雜湊值", chainOk: "日誌完整無缺。", chainBroken: "日誌已遭破壞。", entries: "筆數",
    head: "最新雜湊值", firstBad: "第一筆錯誤", viewBefore: "檢視修改前狀態", viewAsOf: "檢視此版本",
    history: "沿革", newer: "較新", older: "較舊", noChanges: "無欄位變更。", seq: "序號", "did-create": "新增",
    "did-update": "修改", "did-delete": "刪除", "did-stage": "變更階段", version: "版本", entityHistory: "沿革：",
    openRecord: "開啟資料", "e-mission": "館處", "e-property": "館產", "e-lease": "租約", "e-acquisition": "購置案",
    "e-fx_rate": "匯率", "e-budget_line": "預算科目", "e-appropriation": "法定預算", "e-expenditure": "支出",
    "e-commitment": "契約承諾", "e-project": "工程", "e-progress": "進度報告", "e-user": "使用者", "e-token": "權杖",
    "e-change_request": "變更申請", "e-import": "匯入", "did-approve": "核准", "did-reject": "退回",
    "did-withdraw": "撤回", "did-stale": "判定失效", madeBy: "異動人", approvedBy: "核准人",
  },
});

const ENTITIES = ["mission", "property", "lease", "acquisition", "project", "progress", "fx_rate", "budget_line", "change_request",
  "appropriation", "expenditure", "commitment"];

// The page a record of `entity` is shown on, where it has one.
const PAGES = { mission: "missions", property: "properties", lease: "leases", acquisition: "acquisitions", project: "projects" };
export const recordPage = (entity, id) => (PAGES[entity] ? `#/${PAGES[entity]}/${id}` : null);

// A record as {"dotted.path": leaf}: nested objects by name, arrays by index.
function flatten(value, prefix = "", out = {}) {
  if (value !== null && typeof value === "object") {
    const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    if (keys.length === 0) out[prefix] = value;
    for (const k of keys) flatten(value[k], Array.isArray(value) ? `${prefix}[${k}]` : prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out[prefix] = value;
  }
  return out;
}

const shown = (v) => (v === undefined ? "" : v === null ? "null" : typeof v === "object" ? JSON.stringify(v) : String(v));

export function Difference({ t, before, after }) {
  const b = flatten(before ?? {}), a = flatten(after ?? {});
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()
    .filter((k) => shown(b[k]) !== shown(a[k]));
  if (fields.length === 0) return html`<p class="sub">${t("noChanges")}</p>`;
  return html`<div class="scroll" tabindex="0"><table class="diff">
    <thead><tr><th scope="col">${t("field")}</th><th scope="col">${t("before")}</th><th scope="col">${t("after")}</th></tr></thead>
    <tbody>${fields.map((k) => html`<tr><th scope="row"><code>${k}</code></th>
      <td class="was">${before ? shown(b[k]) : ""}</td><td class="now">${after ? shown(a[k]) : ""}</td></tr>`)}</tbody>
  </table></div>`;
}

// The instant one microsecond before `at` ("2026-11-28T02:04:08.330396Z"): the record as it
// stood just before that entry, for as_of.
export function instantBefore(at) {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?Z$/.exec(at);
  if (!m) return at;
  const micros = BigInt(Date.parse(m[1] + "Z")) * 1000n + BigInt((m[2] ?? "").padEnd(6, "0")) - 1n;
  const seconds = micros / 1000000n, fraction = micros % 1000000n;
  return new Date(Number(seconds) * 1000).toISOString().slice(0, 19) + "." + String(fraction).padStart(6, "0") + "Z";
}

function Entry({ t, lang, e, openAsOf }) {
  const page = recordPage(e.entity, e.entity_id);
  return html`<article class="card entry" aria-labelledby=${"e-" + e.seq}>
    <h2 id=${"e-" + e.seq}>${t("seq")} ${e.seq}: ${e.actor} ${t("did-" + e.action)} ${t("e-" + e.entity)} ${e.entity_id}
      ${(e.after ?? e.before)?.code ? ` (${(e.after ?? e.before).code})` : ""}</h2>
    <p class="sub"><time datetime=${e.at}>${localTime(e.at, "UTC", lang)} UTC</time>${" · "}${t("version")}
      ${" "}${e.after?.version ?? e.before?.version ?? "—"}</p>
    ${e.approved_by && html`<dl class="facts four-eyes"><dt>${t("madeBy")}</dt><dd>${e.actor}</dd>
      <dt>${t("approvedBy")}</dt><dd>${e.approved_by}</dd></dl>`}
    <${Difference} t=${t} before=${e.before} after=${e.after} />
    <dl class="facts hashes"><dt>${t("hash")}</dt><dd><code>${e.hash}</code></dd>
      <dt>${t("prevHash")}</dt><dd><code>${e.prev_hash}</code></dd></dl>
    <p class="actions">
      ${page && e.before && html`<button type="button" class="quiet" onClick=${() => openAsOf(instantBefore(e.at), page)}>${t("viewBefore")}</button>`}
      ${page && e.after && html`<button type="button" class="quiet" onClick=${() => openAsOf(e.at, page)}>${t("viewAsOf")}</button>`}
      <a href=${`#/history/${e.entity}/${e.entity_id}`}>${t("history")}</a></p>
  </article>`;
}

function Verify({ t }) {
  const [state, setState] = useState(null);
  async function run() {
    setState({ loading: true });
    try { setState({ data: (await api("GET", "/api/v1/journal/verify")).data }); } catch (error) { setState({ error }); }
  }
  const d = state?.data;
  return html`<section class="card" aria-labelledby="verify-h"><h2 id="verify-h">${t("verify")}</h2>
    <button type="button" onClick=${run} disabled=${state?.loading}>Verify journal</button>
    <div role="status">
      ${state?.loading && html`<p class="sub">${t("verifying")}</p>`}
      ${state?.error && html`<p class="error">${t("failed")}: ${state.error.message}</p>`}
      ${d && d.ok && html`<p class="ok"><strong>${t("chainOk")}</strong></p>
        <dl class="facts hashes"><dt>${t("entries")}</dt><dd>${d.entries}</dd><dt>${t("head")}</dt><dd><code>${d.head}</code></dd></dl>`}
      ${d && !d.ok && html`<p class="error"><strong>${t("chainBroken")}</strong></p>
        <dl class="facts"><dt>${t("firstBad")}</dt><dd>${d.first_bad_seq}</dd><dt>${t("failed")}</dt><dd>${d.problem}</dd></dl>`}
    </div></section>`;
}

export function Journal({ t, lang, openAsOf }) {
  const [filters, setFilters] = useState({ entity: "", entity_id: "", actor: "", from: "", to: "" });
  const [cursors, setCursors] = useState([""]);  // the cursor of each page shown so far
  const cursor = cursors[cursors.length - 1];
  const state = useRead(withQuery("/api/v1/journal", { order: "newest", limit: 20, ...filters, cursor }));
  const set = (name) => (e) => { setCursors([""]); setFilters({ ...filters, [name]: e.target.value.trim() }); };
  const problems = {};
  for (const e of state.error?.problem?.errors ?? []) problems[e.field] = e.message;
  const field = (name, label, extra = {}) => html`<label>${label}<input value=${filters[name]} onChange=${set(name)}
    aria-invalid=${problems[name] ? "true" : undefined} ...${extra} />${problems[name] && html`<span class="error">${problems[name]}</span>`}</label>`;
  return html`<h1>${t("journal")}</h1>
    <${Verify} t=${t} />
    <div class="filters">
      <label>${t("entity")}<select value=${filters.entity} onChange=${set("entity")}><option value="">${t("any")}</option>
        ${ENTITIES.map((e) => html`<option value=${e}>${t("e-" + e)}</option>`)}</select></label>
      ${field("entity_id", t("entityId"), { inputmode: "numeric", size: 6 })} ${field("actor", t("actor"))}
      ${field("from", t("from_date"), { type: "date" })} ${field("to", t("to_date"), { type: "date" })}
    </div>
    ${state.error && !state.error.problem?.errors?.length && html`<p class="error" role="alert">${t("failed")}: ${state.error.message}</p>`}
    ${state.loading && html`<p class="sub">${t("loading")}</p>`}
    ${state.data && html`${state.data.items.length === 0 && html`<p>${t("none")}</p>`}
      ${state.data.items.map((e) => html`<${Entry} key=${e.seq} t=${t} lang=${lang} e=${e} openAsOf=${openAsOf} />`)}
      <p class="pager">
        ${cursors.length > 1 && html`<button type="button" class="quiet" onClick=${() => setCursors(cursors.slice(0, -1))}>${t("newer")}</button>`}
        ${state.data.next_cursor && html`<button type="button" class="quiet" onClick=${() => setCursors([...cursors, state.data.next_cursor])}>${t("older")}</button>`}
      </p>`}`;
}

// #/history/{entity}/{id}: every version of one record, oldest first.
export function History({ t, lang, entity, id, openAsOf }) {
  const state = useRead(`/api/v1/journal?entity=${encodeURIComponent(entity)}&entity_id=${encodeURIComponent(id)}&limit=500`);
  const page = recordPage(entity, id);
  return html`<h1>${t("entityHistory")} ${t("e-" + entity)} ${id}</h1>
    ${page && html`<p><a href=${page}>${t("openRecord")}</a></p>`}
    <${Loading} state=${state} t=${t}>${(d) => html`<ol class="timeline versions">${d.items.map((e) => html`<li>
      <${Entry} t=${t} lang=${lang} e=${e} openAsOf=${openAsOf} /></li>`)}</ol>`}<//>`;
}
