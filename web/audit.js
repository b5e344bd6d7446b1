// The auditor's workspace, read-only: the journal (filtered, newest first, each change as a
// field-by-field difference with its hash and the previous hash), a record's history as a
// timeline from which the whole UI can be opened as the record stood then, and the journal's
// verification. The diff only lays the journal's own before and after side by side.
import { html, useState, addWords, api, useRead, withQuery, localTime, Loading, word, WORDS, USER_ZONE, currentLanguage, rocDate } from "/web/core.js";

addWords({
  en: {
    verify: "Verify journal", verifying: "Verifying…", entity: "Record type",
    entityId: "Record id", actor: "User", action: "Action", at: "When", field: "Field", before: "Before",
    after: "After", hash: "Hash", prevHash: "Previous hash", chainOk: "The journal is unbroken.",
    chainBroken: "The journal is broken.", entries: "Entries", head: "Head hash", firstBad: "First bad entry",
    viewBefore: "View as it stood before", viewAsOf: "View as of this version",
    newer: "Newer entries", older: "Older entries", noChanges: "No field changed.", seq: "Entry",
    "did-create": "created", "did-update": "changed", "did-delete": "deleted", "did-stage": "moved a stage",
    version: "Version", entityHistory: "History of", openRecord: "Open the record",
    "e-mission": "mission", "e-property": "property", "e-lease": "lease", "e-acquisition": "acquisition",
    "e-fx_rate": "FX rate", "e-budget_line": "budget line", "e-appropriation": "appropriation",
    "e-expenditure": "expenditure", "e-commitment": "commitment", "e-project": "project",
    "e-progress": "progress report", "e-user": "user", "e-token": "token",
    "e-change_request": "change request", "e-import": "import", "did-approve": "approved",
    "did-reject": "rejected", "did-withdraw": "withdrew", "did-stale": "found stale",
    madeBy: "Made by", approvedBy: "Approved by", recordCode: "Record code",
    codeFilterNote: "The code filters the entries of this page of the journal; Older entries shows the next page.", nth: "no. {n}", boolYes: "yes", boolNo: "no",
    // the journal's field names, by segment of the field's path
    "f-code": "code", "f-name": "name", "f-name_zh": "Chinese name", "f-name_en": "English name", "f-kind": "kind", "f-status": "status", "f-mission_id": "mission", "f-address": "address", "f-floor_area_m2": "floor area (m²)", "f-agencies": "agencies", "f-tenure": "tenure", "f-type": "type", "f-from": "from", "f-to": "to", "f-version": "version", "f-lessor": "lessor", "f-start": "start", "f-end": "end", "f-rent": "rent", "f-amount": "amount", "f-currency": "currency", "f-period": "period", "f-escalation": "escalation", "f-pct": "percent a year", "f-steps": "rent steps", "f-options": "options", "f-notice_days": "notice (days)", "f-property_id": "property", "f-price": "price", "f-costs": "costs", "f-stages": "stages", "f-stage": "stage", "f-on": "date", "f-id": "id", "f-city": "city", "f-country": "country", "f-time_zone": "time zone", "f-region": "region", "f-exercise_by": "exercise by", "f-years": "years", "f-budget_line_id": "budget line", "f-project_id": "project", "f-acquisition_id": "acquisition", "f-fiscal_year": "fiscal year", "f-description": "description", "f-counterparty": "counterparty", "f-paid": "paid", "f-signed_on": "signed on", "f-bac": "budget at completion", "f-milestones": "milestones", "f-pct_complete": "percent complete", "f-as_of": "as of", "f-rate": "rate", "f-effective": "effective from", "f-twd_per_unit": "TWD per unit", "f-operating_cost": "operating cost", "f-appraised_value": "appraised value", "f-note": "note", "f-mission_code": "mission", "f-replaces_lease_ids": "replaced leases", "f-planned": "planned", "f-actual": "actual", "f-date": "date", "f-email": "e-mail", "f-role": "role", "f-user": "user", "f-entity": "record type", "f-entity_id": "record id", "f-action": "action", "f-state": "state", "f-request": "request", "f-reason": "reason", "f-rule": "rule", "f-requested_by": "requested by", "f-decided_by": "decided by", "f-change": "change", "f-disabled": "disabled", "f-maker": "maker", "f-checker": "checker",
  },
  zh: {
    verify: "驗證異動紀錄", verifying: "驗證中…", entity: "資料類別", entityId: "資料編號",
    actor: "使用者", action: "動作", at: "時間", field: "欄位", before: "修改前", after: "修改後", hash: "雜湊值",
    prevHash: "前一雜湊值", chainOk: "異動紀錄完整無缺。", chainBroken: "異動紀錄已遭破壞。", entries: "筆數",
    head: "最新雜湊值", firstBad: "第一筆錯誤", viewBefore: "檢視修改前狀態", viewAsOf: "檢視此版本", newer: "較新", older: "較舊", noChanges: "無欄位變更。", seq: "序號", "did-create": "新增",
    "did-update": "修改", "did-delete": "刪除", "did-stage": "變更階段", version: "版本", entityHistory: "沿革：",
    openRecord: "開啟資料", "e-mission": "駐外館處", "e-property": "館產", "e-lease": "租約", "e-acquisition": "購置案",
    "e-fx_rate": "匯率", "e-budget_line": "預算科目", "e-appropriation": "法定預算", "e-expenditure": "實支數",
    "e-commitment": "契約承諾", "e-project": "營建工程", "e-progress": "進度報告", "e-user": "使用者", "e-token": "權杖",
    "e-change_request": "變更申請", "e-import": "匯入", "did-approve": "核准", "did-reject": "退回",
    "did-withdraw": "撤回", "did-stale": "判定失效", madeBy: "異動人", approvedBy: "核准人", recordCode: "資料代碼",
    codeFilterNote: "代碼僅篩選本頁之異動紀錄；請按「較舊」查看下一頁。", nth: "第{n}筆", boolYes: "是", boolNo: "否",
    "f-code": "代碼", "f-name": "名稱", "f-name_zh": "中文名稱", "f-name_en": "英文名稱", "f-kind": "類別", "f-status": "狀態", "f-mission_id": "駐外館處", "f-address": "地址", "f-floor_area_m2": "樓地板面積（m²）", "f-agencies": "進駐機關", "f-tenure": "權屬", "f-type": "類型", "f-from": "起", "f-to": "迄", "f-version": "版本", "f-lessor": "出租人", "f-start": "起租日", "f-end": "租期屆滿日", "f-rent": "租金", "f-amount": "金額", "f-currency": "幣別", "f-period": "付款週期", "f-escalation": "租金調整", "f-pct": "每年百分比", "f-steps": "分段調整", "f-options": "選擇權", "f-notice_days": "通知期（日）", "f-property_id": "館產", "f-price": "購置價格", "f-costs": "相關費用", "f-stages": "階段沿革", "f-stage": "階段", "f-on": "日期", "f-id": "編號", "f-city": "城市", "f-country": "國家", "f-time_zone": "時區", "f-region": "地區", "f-exercise_by": "行使期限", "f-years": "年數", "f-budget_line_id": "預算科目", "f-project_id": "營建工程", "f-acquisition_id": "購置案", "f-fiscal_year": "年度", "f-description": "說明", "f-counterparty": "契約相對人", "f-paid": "已付", "f-signed_on": "簽約日", "f-bac": "總預算", "f-milestones": "里程碑", "f-pct_complete": "完成百分比", "f-as_of": "基準日", "f-rate": "匯率", "f-effective": "生效日", "f-twd_per_unit": "每單位新臺幣", "f-operating_cost": "年度營運成本", "f-appraised_value": "估價", "f-note": "說明", "f-mission_code": "駐外館處", "f-replaces_lease_ids": "被取代之租約", "f-planned": "預定", "f-actual": "實際", "f-date": "日期", "f-email": "電子郵件", "f-role": "角色", "f-user": "使用者", "f-entity": "資料類別", "f-entity_id": "資料編號", "f-action": "動作", "f-state": "狀態", "f-request": "申請內容", "f-reason": "原因", "f-rule": "規則", "f-requested_by": "申請人", "f-decided_by": "核決人", "f-change": "變更內容", "f-disabled": "停用", "f-maker": "申請人", "f-checker": "核決人",
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

// A journal field path in words: "tenure[0].type" → "權屬 第1筆 類型" (a segment without a
// name stays as it is; the path itself is shown beside it as code).
export function fieldName(t, path) {
  return path.split(/\.|(?=\[)/).map((part) => {
    const index = /^\[(\d+)\]$/.exec(part);
    if (index) return t("nth").replace("{n}", Number(index[1]) + 1);
    const key = "f-" + part;
    return t(key) === key ? part : t(key);
  }).join(" ");
}

// A journal value in words: an enumeration's value in the reader's language, null as "—",
// true and false as yes and no; data as entered as it is.
// `path` picks the enumeration ("none" of an escalation is not "none" of a list).
const SUFFIX = { status: "_status", escalation: "_kind", region: "_region", state: "_cr", entity: "_cr", action: "_cr",
  rule: "_rule", role: "_role", requested_by_role: "_role", decided_by_role: "_role" };
export function valueShown(t, v, path = "") {
  if (v === undefined) return "";
  if (v === null) return "—";
  if (typeof v === "boolean") return t(v ? "boolYes" : "boolNo");
  // Instants in the user's zone, dates as the language writes them (民國 in 中文).
  if (typeof v === "string" && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(v)) return localTime(v, USER_ZONE, currentLanguage());
  if (typeof v === "string" && /^\d{4}-\d\d-\d\d$/.test(v) && currentLanguage() === "zh") return rocDate(v);
  if (typeof v === "string" && /^[a-z_]+$/.test(v)) {
    const suffix = [SUFFIX[path.split(".").pop()], "", "_status", "_cr", "_role", "_kind", "_rule", "_region"]
      .find((x) => x !== undefined && WORDS.en[v + x] !== undefined);
    return suffix === undefined ? v : word(t, v, suffix);
  }
  return shown(v);
}

export function Difference({ t, before, after }) {
  const b = flatten(before ?? {}), a = flatten(after ?? {});
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()
    .filter((k) => shown(b[k]) !== shown(a[k]));
  if (fields.length === 0) return html`<p class="sub">${t("noChanges")}</p>`;
  return html`<div class="scroll" tabindex="0"><table class="diff">
    <thead><tr><th scope="col">${t("field")}</th><th scope="col">${t("before")}</th><th scope="col">${t("after")}</th></tr></thead>
    <tbody>${fields.map((k) => html`<tr><th scope="row">${fieldName(t, k)} <code class="path">${k}</code></th>
      <td class="was">${before ? valueShown(t, b[k], k) : ""}</td><td class="now">${after ? valueShown(t, a[k], k) : ""}</td></tr>`)}</tbody>
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

// One journal entry, compact: a line saying who did what to which record when (in the user's
// zone, UTC on hover), the change field by field, and the hashes in small type.
function Entry({ t, lang, e, openAsOf }) {
  const page = recordPage(e.entity, e.entity_id);
  const code = (e.after ?? e.before)?.code;
  return html`<article class="card entry" aria-labelledby=${"e-" + e.seq}>
    <div class="entry-head">
      <h2 id=${"e-" + e.seq}>${t("seq")} ${e.seq}: ${e.actor} ${t("did-" + e.action)} ${t("e-" + e.entity)} ${e.entity_id}${code ? ` (${code})` : ""}</h2>
      <span class="sub"><time class="v" datetime=${e.at} title=${`${localTime(e.at, "UTC", lang)} UTC`}>${localTime(e.at, USER_ZONE, lang)}</time>
        ${" · "}${t("version")} ${e.after?.version ?? e.before?.version ?? "—"}</span>
      <span class="actions">
        ${page && e.before && html`<button type="button" class="quiet" onClick=${() => openAsOf(instantBefore(e.at), page)}>${t("viewBefore")}</button>`}
        ${page && e.after && html`<button type="button" class="quiet" onClick=${() => openAsOf(e.at, page)}>${t("viewAsOf")}</button>`}
        <a href=${`#/history/${e.entity}/${e.entity_id}`}>${t("history")}</a></span>
    </div>
    ${e.approved_by && html`<dl class="facts four-eyes"><dt>${t("madeBy")}</dt><dd>${e.actor}</dd>
      <dt>${t("approvedBy")}</dt><dd>${e.approved_by}</dd></dl>`}
    <${Difference} t=${t} before=${e.before} after=${e.after} />
    <dl class="facts hashes compact"><dt>${t("hash")}</dt><dd><code>${e.hash}</code></dd>
      <dt>${t("prevHash")}</dt><dd><code>${e.prev_hash}</code></dd></dl>
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
    <button type="button" onClick=${run} disabled=${state?.loading}>${t("verifyJournal")}</button>
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
  // The journal endpoint filters by record id, not code: a code filters the page fetched.
  const [code, setCode] = useState("");
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
      <label>${t("recordCode")}<input id="journal-code" value=${code} onInput=${(e) => setCode(e.target.value.trim())} /></label>
      ${field("entity_id", t("entityId"), { inputmode: "numeric", size: 6 })} ${field("actor", t("actor"))}
      ${field("from", t("from_date"), { type: "date" })} ${field("to", t("to_date"), { type: "date" })}
    </div>
    ${state.error && !state.error.problem?.errors?.length && html`<p class="error" role="alert">${t("failed")}: ${state.error.message}</p>`}
    ${state.loading && html`<p class="sub">${t("loading")}</p>`}
    ${state.data && html`${state.data.items.length === 0 && html`<p>${t("none")}</p>`}
      ${code && html`<p class="sub">${t("codeFilterNote")}</p>`}
      ${state.data.items.filter((e) => !code || ((e.after ?? e.before)?.code ?? "").toUpperCase().includes(code.toUpperCase()))
        .map((e) => html`<${Entry} key=${e.seq} t=${t} lang=${lang} e=${e} openAsOf=${openAsOf} />`)}
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
