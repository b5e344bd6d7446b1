// Mission Estate's web client, what every page shares: the words in both languages, the
// formatting of the server's figures (thousands separators, local times, fiscal-year labels —
// it computes none), the API with its session and CSRF token, and the hooks that read and save
// records. Plain ES modules with the vendored htm + Preact (web/vendor/README.md); no build step.
import { html, useEffect, useRef, useState } from "/web/vendor/htm-preact-3.1.1.js";

import {
  grouped, percent, moneyText, areaText, thousands, rocDate, rocDateLong, parseDate, instantText, endOfDay, dateIn,
} from "/web/format.js";

export { html, useEffect, useState };
export { grouped, percent, thousands, rocDate, rocDateLong, parseDate, endOfDay, dateIn };

// ---- words ----------------------------------------------------------------------------

export const WORDS = {
  en: {
    app: "Mission Estate", print: "Print", userName: "User name", password: "Password", signIn: "Sign in",
    signOut: "Sign out", signingIn: "Signing in…", dashboard: "Dashboard", properties: "Properties",
    asOf: "As of", asOfNote: "Showing the register as recorded at the end of (Taipei time)", today: "today",
    ownership: "Ownership ratio", byCount: "by count", byArea: "by floor area",
    owned: "owned", leased: "leased", provided: "provided", trend: "Ownership trend, FY 105–115",
    trendAlt: "Line chart of the ownership ratio by count and by area for fiscal years 105 to 115",
    events: "Lease events in the next 90 days", event: "Event", date: "Date",
    deadline: "Deadline (mission time)", lease: "Lease", none: "None.",
    acknowledge: "Acknowledge", acknowledged: "Acknowledged",
    savings: "Rent savings to date", savingsNote: "net of the cost of owning, all purchases, in TWD",
    missingRates: "Not known: an FX rate is missing", budget: "Budget execution",
    line: "Budget line", appropriated: "Appropriated", committed: "Committed",
    expended: "Expended", rate: "Execution", projects: "Construction projects", project: "Project",
    cpi: "CPI", spi: "SPI", belowTarget: "below 0.95", loading: "Loading…",
    failed: "Could not load this", code: "Code", name: "Name", name_zh: "Chinese name", kind: "Kind", status: "Status",
    mission: "Mission", region: "Region", any: "Any", area: "Floor area (m²)",
    address: "Address", agencies: "Agencies", tenure: "Tenure history", from: "from", to: "to",
    open: "open", notFound: "There is no such property.", back: "All properties", more: "More",
    wrong: "The user name or the password is wrong.",
    locked: "Too many failed sign-ins for this name. Try again in {s} seconds.",
    ended: "Your session has ended. Please sign in again.",
    expiry: "expiry", notice_deadline: "notice deadline", renewal_option: "renewal option",
    break_option: "break option", rent_review: "rent review",
    newProperty: "New property", edit: "Edit", save: "Save", create: "Create", cancel: "Cancel",
    domestic: "None (domestic)", type: "Type", addTenure: "Add a tenure interval",
    removeTenure: "Remove", agenciesHint: "codes separated by commas, e.g. MOFA, MOEA",
    toHint: "empty while it lasts", stale: "Someone else changed this property after you opened it. Nothing was saved.",
    reload: "Reload the current version", notSaved: "Nothing was saved:", editing: "Edit",
    acquisitions: "Acquisitions", pipeline: "Pipeline", stage: "Stage", count: "Count",
    priceTotal: "Prices", price: "Price", stages: "Stage history", moveOn: "On",
    nextStage: "Move to next stage", final: "This purchase is at its last stage.",
    property: "Property", proposed: "proposed", appraised: "appraised",
    budget_approved: "budget approved", contracted: "contracted", settled: "settled",
    occupied: "occupied", cancelled: "cancelled", propertyNow: "The property's tenure now",
    missions: "Missions", city: "City", country: "Country", timeZone: "Time zone",
    leases: "Leases", lessor: "Lessor", rent: "Rent", term: "Term", period: "period",
    schedule: "Rent schedule", perYear: "A year", perPeriod: "Each period", options: "Options",
    exerciseBy: "exercise by", notice: "Notice", days: "days",
    start: "Start", bac: "Budget at completion (BAC)", milestones: "Milestones", planned: "planned",
    progress: "Progress reports", addProgress: "Add a progress report", pctComplete: "Percent complete",
    sCurve: "S-curve", sCurveAlt: "S-curve of planned value, earned value and actual cost",
    newLease: "New lease", currency: "Currency", escalation: "Escalation", pct: "Percent a year",
    steps: "Rent steps", addStep: "Add a rent step", addOption: "Add an option", years: "Years",
    noticeDays: "Notice (days)", end: "End", leaseStale: "Someone else changed this lease after you opened it. Nothing was saved.",
    office: "office", chief_residence: "chief's residence", staff_residence: "staff residence",
    archive: "archive", other: "other", active: "active", planned_status: "planned",
    under_construction: "under construction", disposed: "disposed", monthly: "monthly",
    quarterly: "quarterly", annual: "annual", none_kind: "none", fixed_pct: "fixed percentage",
    steps_kind: "steps", renewal: "renewal", break: "break", east_asia_pacific: "East Asia and Pacific",
    west_asia_africa: "West Asia and Africa", europe: "Europe", north_america: "North America",
    latin_america_caribbean: "Latin America and Caribbean", domestic_region: "domestic",
    readOnly: "The register is read-only while As of is set: clear it to make changes.",
    download: "Download", budgetNav: "Budget", reports: "Reports", journal: "Journal",
    asOfInstant: "Showing the register as it stood at", clearAsOf: "Back to today",
    // four eyes (approvals.js)
    approvals: "Approvals", changeRequest: "Change request", toDecide: "Waiting for your decision",
    yourRequests: "Your requests waiting for a decision", nothingToDecide: "Nothing waits for your decision.",
    noneOfYours: "None of your requests is waiting.", why: "Needs approval because", requestedBy: "Requested by",
    requestedAt: "Requested", decidedByRole: "Decided by the role", decidedBy: "Decided by", note: "Note",
    noteHint: "Say why; a rejection needs a note.", decided: "Decided:",
    requestedNote: "This change needs a second person's approval, so it has not been applied yet: it is waiting as a change request.",
    seeRequest: "See change request",
    pending_cr: "pending", approved_cr: "approved", rejected_cr: "rejected", withdrawn_cr: "withdrawn",
    stale_cr: "stale: the record changed after the request", create_cr: "create", update_cr: "change",
    delete_cr: "delete", stage_cr: "stage move of", import_cr: "import", mission_cr: "mission",
    property_cr: "property", lease_cr: "lease", acquisition_cr: "acquisition", expenditure_cr: "expenditure",
    commitment_cr: "commitment", fx_rate_cr: "FX rate", budget_line_cr: "budget line",
    appropriation_cr: "appropriation", project_cr: "project", progress_cr: "progress report",
    stage_move_rule: "a purchase moves to a stage that commits money or title",
    lease_extension_rule: "the lease would end later", rent_increase_rule: "the rent would rise by more than the approval percentage",
    amount_above_threshold_rule: "the amount is above the approval amount", register_delete_rule: "a register record would be deleted",
    import_rule: "the import holds a change that needs approval",
    facilities_role: "facilities", finance_role: "finance",
    alertsTo: "Reminders of lease deadlines and of requests for you go by e-mail to",
    noAlerts: "You have no e-mail address for reminders; an administrator sets it with",
    // added for issue 25 (complete 中文)
    mainNav: "Main", notADate: "Not a date: write it as 2026-06-30.", issuedReports: "Issued reports", pickFile: "Choose a file", noFile: "no file chosen", stageNow: "Now at the stage", unit: "Amounts in", unitYuan: "NT$", unitThousand: "NT$ thousand", inThousands: "(NT$ thousand)", navProjects: "Projects", auditor_role: "auditor", admin_role: "administrator", projectStart: "Start",
    optionType: "Type", menu: "Menu", saved: "Saved.", created: "Created.", signedOutNotice: "You have signed out.",
    roleCannot: "Your role may not change these records.", confirmMove: "Move this purchase to “{stage}”? A stage move cannot be undone.",
    confirmDelete: "Delete this? It cannot be undone.", preparedBy: "Prepared by", propertyNameZh: "Chinese name",
    printedAt: "Printed", ministry: "Ministry of Foreign Affairs", pageOf: "Page {n} of {m}", warning: "Note",
    subscribe: "Subscribe", approve: "Approve", reject: "Reject", withdrawCr: "Withdraw", verifyJournal: "Verify journal",
    importButton: "Import",
    // words several page modules share (the modules load when needed)
    "from_date": "From", "to_date": "To", "fiscalYearRoc": "Fiscal year (ROC)", "total": "Total", "r-lease-vs-buy": "Lease or buy", "p-as_of": "Report as of", "paybackYear": "Payback year", "reportAsOf": "As of", "history": "History",
    recordingBegan: "The register was first recorded on {d}: there is nothing to show before that day.",
  },
  zh: {
    app: "駐外館產管理", print: "列印", userName: "帳號", password: "密碼", signIn: "登入",
    signOut: "登出", signingIn: "登入中…", dashboard: "總覽", properties: "館產",
    asOf: "基準日", asOfNote: "顯示下列基準日終了時（臺北時間）所記錄之登錄資料：", today: "今天",
    ownership: "自有率", byCount: "依件數", byArea: "依樓地板面積",
    owned: "自有", leased: "租用", provided: "無償提供", trend: "自有率趨勢（105–115 年度）",
    trendAlt: "105 至 115 年度依件數與依面積之自有率折線圖",
    events: "未來 90 日租約事件", event: "事件", date: "日期", deadline: "期限（駐外館處當地時間）",
    acknowledge: "確認已知悉", acknowledged: "已確認",
    lease: "租約", none: "無。", savings: "截至目前之節省租金",
    savingsNote: "扣除自有成本，全部購置案，新臺幣", missingRates: "無法計算：缺少匯率",
    budget: "預算執行", line: "預算科目", appropriated: "法定預算", committed: "已簽約未付",
    expended: "已支用", rate: "執行率", projects: "營建工程", project: "工程", cpi: "CPI",
    spi: "SPI", belowTarget: "低於 0.95", loading: "載入中…", failed: "無法載入",
    code: "代碼", name: "名稱", name_zh: "中文名稱", kind: "類別", status: "狀態", mission: "駐外館處", region: "地區",
    any: "全部", area: "樓地板面積（m²）", address: "地址", agencies: "進駐機關",
    tenure: "權屬沿革", from: "自", to: "至", open: "迄今", notFound: "查無此館產。",
    back: "全部館產", more: "更多", wrong: "帳號或密碼錯誤。",
    locked: "此帳號登入失敗次數過多，請於 {s} 秒後再試。", ended: "連線已逾時，請重新登入。",
    expiry: "租期屆滿", notice_deadline: "通知期限", renewal_option: "續租選擇權",
    break_option: "提前終止選擇權", rent_review: "租金檢討",
    newProperty: "新增館產", edit: "編輯", save: "儲存", create: "新增", cancel: "取消",
    domestic: "國內", type: "權屬", addTenure: "新增權屬期間", removeTenure: "移除",
    agenciesHint: "機關代碼，以逗號分隔，例如 MOFA, MOEA", toHint: "持續中請留空",
    stale: "您開啟後已有他人修改此館產，未儲存任何變更。", reload: "重新載入最新版本",
    notSaved: "未儲存：", editing: "編輯",
    acquisitions: "購置案", pipeline: "購置進度", stage: "階段", count: "件數", priceTotal: "價款合計",
    price: "購置價格", stages: "階段沿革", moveOn: "日期", nextStage: "進入下一階段",
    final: "此購置案已在最後階段。", property: "館產", proposed: "提案", appraised: "已估價",
    budget_approved: "預算核定", contracted: "已簽約", settled: "已交屋", occupied: "已進駐",
    cancelled: "已取消", propertyNow: "館產目前權屬",
    missions: "駐外館處", city: "城市", country: "國家", timeZone: "時區", leases: "租約",
    lessor: "出租人", rent: "租金", term: "租期", period: "付款週期",
    schedule: "租金時程", perYear: "每年", perPeriod: "每期", options: "選擇權", exerciseBy: "行使期限",
    notice: "通知期", days: "日",
    start: "起租日", bac: "總預算（BAC）", milestones: "里程碑", planned: "預定", progress: "進度報告",
    addProgress: "新增進度報告", pctComplete: "完成百分比", sCurve: "S 曲線",
    sCurveAlt: "計畫值、實獲值與實際成本之 S 曲線",
    newLease: "新增租約", currency: "幣別", escalation: "租金調整", pct: "每年百分比", steps: "分段調整",
    addStep: "新增調整階段", addOption: "新增選擇權", years: "年數", noticeDays: "通知期（日）", end: "租期屆滿日",
    leaseStale: "您開啟後已有他人修改此租約，未儲存任何變更。",
    office: "辦公館舍", chief_residence: "館長官舍", staff_residence: "職員宿舍", archive: "檔案庫房",
    other: "其他", active: "使用中", planned_status: "規劃中", under_construction: "興建中", disposed: "已處分",
    monthly: "每月", quarterly: "每季", annual: "每年", none_kind: "不調整", fixed_pct: "固定比率",
    steps_kind: "分段調整", renewal: "續租", break: "提前終止", east_asia_pacific: "亞太",
    west_asia_africa: "亞西及非洲", europe: "歐洲", north_america: "北美",
    latin_america_caribbean: "拉丁美洲及加勒比海", domestic_region: "國內",
    readOnly: "設定基準日時登錄資料為唯讀：請清除基準日後再修改。",
    download: "下載", budgetNav: "預算", reports: "報表", journal: "異動紀錄",
    asOfInstant: "顯示下列時點的登錄資料：", clearAsOf: "回到今天",
    approvals: "變更申請", changeRequest: "變更申請", toDecide: "待您核決", yourRequests: "您提出且待核決的申請",
    nothingToDecide: "目前沒有待您核決的申請。", noneOfYours: "您沒有待核決的申請。", why: "須核准的原因",
    requestedBy: "申請人", requestedAt: "申請時間", decidedByRole: "核決角色", decidedBy: "核決人", note: "說明",
    noteHint: "請說明理由；退回時必填。", decided: "已核決：",
    requestedNote: "此項變更須經第二人核准，尚未生效：已成為一筆待核決的變更申請。",
    seeRequest: "檢視變更申請",
    pending_cr: "待核決", approved_cr: "已核准", rejected_cr: "已退回", withdrawn_cr: "已撤回",
    stale_cr: "已失效：申請後該筆資料已有變動", create_cr: "新增", update_cr: "修改", delete_cr: "刪除",
    stage_cr: "變更階段：", import_cr: "匯入", mission_cr: "館處", property_cr: "館產", lease_cr: "租約",
    acquisition_cr: "購置案", expenditure_cr: "實支數", commitment_cr: "契約承諾", fx_rate_cr: "匯率",
    budget_line_cr: "預算科目", appropriation_cr: "法定預算", project_cr: "營建工程", progress_cr: "進度報告",
    stage_move_rule: "購置案進入涉及經費或產權的階段", lease_extension_rule: "租期將延長",
    rent_increase_rule: "租金調漲幅度超過核准門檻", amount_above_threshold_rule: "金額超過核准門檻",
    register_delete_rule: "將刪除登錄資料", import_rule: "匯入內容含須核准的變更",
    facilities_role: "館產管理", finance_role: "財務",
    alertsTo: "租約期限與待您核決事項的提醒，將以電子郵件寄至",
    noAlerts: "您尚未設定接收提醒的電子郵件地址；請洽系統管理者以下列指令設定：",
    mainNav: "主選單", notADate: "日期有誤：請依 115/6/30 格式輸入實際存在的日期。", issuedReports: "已發布報表", pickFile: "選擇檔案", noFile: "尚未選擇檔案", stageNow: "目前階段：", unit: "金額單位", unitYuan: "元", unitThousand: "千元", inThousands: "（千元）", navProjects: "營建工程", auditor_role: "稽核", admin_role: "系統管理者", projectStart: "開工日",
    optionType: "選擇權類型", menu: "選單", saved: "已儲存。", created: "已新增。", signedOutNotice: "您已登出。",
    roleCannot: "您的角色不得修改這些資料。", confirmMove: "確定將此購置案移至「{stage}」？階段變更無法復原。",
    confirmDelete: "確定刪除？刪除後無法復原。", preparedBy: "製表人", propertyNameZh: "中文名稱",
    printedAt: "列印時間", ministry: "外交部", pageOf: "第 {n} 頁，共 {m} 頁", warning: "提醒",
    subscribe: "訂閱行事曆", approve: "核准", reject: "退回", withdrawCr: "撤回", verifyJournal: "驗證異動紀錄",
    importButton: "匯入",
    "from_date": "起", "to_date": "迄", "fiscalYearRoc": "年度（民國）", "total": "合計", "r-lease-vs-buy": "租用或購置", "p-as_of": "報表基準日", "paybackYear": "回收年", "reportAsOf": "基準日", "history": "沿革",
    recordingBegan: "登錄資料自 {d} 起開始記錄：該日以前無資料可顯示。",
  },
};

// Visible labels and accessible names follow the language (API.md "Sign-in and the web UI",
// WCAG 2.5.3 label in name): every control shows and is named by t(key); in English the names
// are API.md's, and the controls tests use carry stable ids (#nav-dashboard, #as-of, #sign-out).

// A page module's own words, added to both languages.
export function addWords({ en, zh }) {
  Object.assign(WORDS.en, en);
  Object.assign(WORDS.zh, zh);
}

// The chosen language ("zh" or "en"): the API is asked for its messages and charts in it
// (Accept-Language zh-TW or en), and <html lang> names it.
let language = "en";
export const setLanguage = (lang) => {
  language = lang;
  document.documentElement.lang = lang === "zh" ? "zh-Hant-TW" : "en";
};
export const currentLanguage = () => language;
const acceptLanguage = () => (language === "zh" ? "zh-TW" : "en");
// "Acknowledge" on one lease event (a row of the lease-events report), for facilities: the same
// acknowledgement as the e-mail link, so nobody is reminded of it again. Once acknowledged (or
// for other roles) it shows only whether someone did.
export function AckButton({ t, role, event }) {
  const [done, setDone] = useState(event.acknowledged === true);
  const [note, setNote] = useState("");
  if (done) return html`<span class="sub">${t("acknowledged")}</span>`;
  if (role !== "facilities") return null;
  const ack = async () => {
    try {
      await api("POST", "/api/v1/lease-events/acknowledgements",
        { lease_id: event.lease_id, event: event.event, date: event.date });
      setDone(true);
    } catch (e) { setNote(e.message); }
  };
  return html`<button type="button" class="quiet" id=${`ack-${event.lease_id}-${event.event}-${event.date}`}
    onClick=${ack}>${t("acknowledge")}</button>${note && html` <span class="error" role="alert">${note}</span>`}`;
}

export function initialLanguage() {
  const chosen = localStorage.getItem("estate.lang");
  if (chosen === "zh" || chosen === "en") return chosen;
  return (navigator.language || "en").toLowerCase().startsWith("zh") ? "zh" : "en";
}

// ---- formatting (of the server's figures, never computing new ones) ---------------------

// Amounts in the chosen language (web/format.js: NT$ without cents in 中文); areas with m².
export const money = (m) => moneyText(m, language);
export const area = (a) => areaText(a);

// The 元 / 千元 switch of budget tables (as budget documents write amounts): the unit chosen,
// remembered in the browser, and an amount in it (TWD in thousands, "NT$1,580,000" 千元;
// other currencies as they are).
export function useUnit() {
  const [unit, setUnitState] = useState(localStorage.getItem("estate.unit") === "k" ? "k" : "1");
  const setUnit = (u) => { localStorage.setItem("estate.unit", u); setUnitState(u); };
  return [unit, setUnit];
}
export const inUnit = (m, unit) => (m && unit === "k" && m.currency === "TWD"
  ? (language === "zh" ? "NT$" : "") + thousands(m.amount) + (language === "zh" ? "" : " k TWD") : money(m));
export function UnitSwitch({ t, unit, setUnit, id }) {
  return html`<fieldset class="unit-switch no-print" id=${id}><legend>${t("unit")}</legend>
    <label><input type="radio" name=${id} checked=${unit === "1"} onChange=${() => setUnit("1")} /> ${t("unitYuan")}</label>
    <label><input type="radio" name=${id} checked=${unit === "k"} onChange=${() => setUnit("k")} /> ${t("unitThousand")}</label>
  </fieldset>`;
}
export const fiscalYear = (roc, ad) => `${roc} (${ad})`;
// An instant in `zone` (the user's, Asia/Taipei by default, or a mission's for its deadlines),
// in the language's format ("115/06/30 14:05" in 中文).
export function localTime(instant, zone, lang) {
  return instantText(instant, zone, lang);
}
// The user's time zone: the ministry's staff work on Taipei time wherever their browser is
// (DESIGN.md: Asia/Taipei by default); a mission's deadlines use the mission's own zone.
export const USER_ZONE = "Asia/Taipei";

// A calendar date as the language shows it: in 中文 the 民國 date with the AD date on hover
// (<time title="2026-06-30">115/06/30</time>); in English the ISO date. Never wraps.
export function DateText({ iso }) {
  if (!iso) return "—";
  return language === "zh" ? html`<time class="v" datetime=${iso} title=${iso}>${rocDate(iso)}</time>`
    : html`<time class="v" datetime=${iso}>${iso}</time>`;
}

// A date field that takes what the language writes: in English the browser's date control
// (ISO), in 中文 a text field taking 民國 ("115/6/30") or ISO dates and showing 民國. `onInput`
// receives {target: {value}} with the ISO date when the text is one, else the text as typed.
// A text that is no date of the calendar ("115/2/30") is refused here, once, beside the field:
// as it is left, and when its form is submitted, which it then stops (the form sends nothing,
// so the server never answers the same mistake a second time). Other attributes go to the
// <input>.
export function DateInput({ value, onInput, onChange, ...rest }) {
  const handler = onInput ?? onChange;
  const [text, setText] = useState(language === "zh" ? rocDate(value || "") : value || "");
  const [left, setLeft] = useState(false);
  const field = useRef(null);
  const typedText = useRef(text);
  typedText.current = text;
  useEffect(() => {
    if (language !== "zh") return;
    if ((parseDate(text) ?? text) !== (value || "")) setText(rocDate(value || ""));
  }, [value]);
  useEffect(() => {
    const form = field.current?.form;
    if (!form) return undefined;
    // In the capture phase, so it runs before the form's own submit handler, which it stops.
    const refuse = (e) => {
      const t = typedText.current;
      if (t.trim() === "" || parseDate(t) !== null) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      setLeft(true);
      field.current.focus();
    };
    form.addEventListener("submit", refuse, true);
    return () => form.removeEventListener("submit", refuse, true);
  }, []);
  if (language !== "zh") return html`<input type="date" value=${value || ""} onInput=${handler} onChange=${handler} ...${rest} />`;
  const typed = (e) => {
    setText(e.target.value);
    handler({ target: { value: parseDate(e.target.value) ?? e.target.value } });
  };
  // A text that is no date of the calendar says so beside the field, in 中文, as it is left.
  const wrong = left && text.trim() !== "" && parseDate(text) === null;
  // The placeholder names the form, not a day: a grey "115/6/30" read as a date already chosen.
  return html`<input ref=${field} type="text" inputmode="numeric" autocomplete="off" placeholder="民國年/月/日" value=${text}
    onInput=${typed} onBlur=${() => setLeft(true)} title=${parseDate(text) ?? ""} ...${rest}
    aria-invalid=${wrong ? "true" : rest["aria-invalid"]} />${wrong
      && html`<span class="error field-error date-error">${WORDS.zh.notADate}</span>`}`;
}

// ---- the API ----------------------------------------------------------------------------

export class ApiError extends Error {
  constructor(response, problem) {
    super(problem?.detail || `HTTP ${response.status}`);
    this.status = response.status;
    this.problem = problem;
    this.retryAfter = response.headers.get("Retry-After");
  }
}

let csrfToken = "";
let onSignedOut = () => {};
// The session's CSRF token, sent with every request that changes something ("" signed out).
export const setCsrfToken = (token) => { csrfToken = token || ""; };
// What to do when the server says the session has ended (a 401 on any call but sign-in).
export const setOnSignedOut = (f) => { onSignedOut = f; };

export async function api(method, path, body, extra = {}) {
  // A FormData body (a file upload) goes as multipart/form-data, its boundary set by the browser;
  // a File goes as it is, with the Content-Type the caller gives in `extra`.
  const form = body instanceof FormData || body instanceof Blob;
  const headers = { Accept: "application/json", "Accept-Language": acceptLanguage(), ...extra };
  if (body !== undefined && !form && !headers["Content-Type"]) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  const response = await fetch(path.split("#")[0], {
    method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : form ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401 && path !== "/api/v1/session") onSignedOut(true);
    throw new ApiError(response, data);
  }
  return { data, response };
}

// One API read for a page: {loading, error, data}, read again when `path` changes (null:
// nothing to read yet).
export function useRead(path) {
  const [state, setState] = useState({ loading: path !== null });
  useEffect(() => {
    let live = true;
    setState({ loading: path !== null });
    if (path === null) return undefined;  // nothing to read yet
    api("GET", path).then(
      ({ data }) => live && setState({ data }),
      (error) => live && setState({ error }));
    return () => { live = false; };
  }, [path]);
  return state;
}

// A chart the API draws as SVG at `src`, asked for in the chosen language (an <img src> would
// send the browser's Accept-Language, not the user's choice) and shown as a data: image, which
// the page's CSP allows. `refresh` (any value) draws it again after a change; the box keeps its
// size while it loads, so nothing below it moves.
export function Chart({ src, alt, refresh, className = "chart" }) {
  const [url, setUrl] = useState("");
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    fetch(src, { headers: { Accept: "image/svg+xml", "Accept-Language": acceptLanguage() }, credentials: "same-origin" })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then((svg) => { if (live) setUrl("data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg)); },
        () => { if (live) setFailed(true); });
    return () => { live = false; };
  }, [src, refresh, language]);
  if (failed) return html`<p class="error chart-box" role="alert">${WORDS[language].failed}</p>`;
  return url ? html`<img class=${className} src=${url} alt=${alt} width="720" height="400" />`
    : html`<div class="chart-box" role="img" aria-label=${alt} aria-busy="true"></div>`;
}

// An enumeration's value in the reader's language ("none", "steps" and "domestic" mean
// different things in different enumerations, hence their suffixed keys).
export const word = (t, value, suffix = "") => {
  const key = WORDS.en[value + suffix] !== undefined ? value + suffix : value;
  return WORDS.en[key] !== undefined ? t(key) : value;
};

// The path read as of the global "As of" (DESIGN "One As of"): a day shows the register as
// recorded at the end of that day in the user's zone — `known_at` on every read, and `as_of`
// the day on reports — so every card and page agrees; today (or a later day) needs no
// known_at. An instant (from the journal) is passed as it is. No As of: the path unchanged.
export function withAsOf(path, asOf) {
  if (!asOf) return path;
  const report = path.startsWith("/api/v1/reports/");
  const params = {};
  if (asOf.length > 10) {
    params.as_of = asOf;
  } else {
    const end = endOfDay(asOf, USER_ZONE);
    const past = end && Date.parse(end) < Date.now();
    if (report) params.as_of = asOf;
    if (past) params.known_at = end;
    else if (!report && asOf !== dateIn(new Date().toISOString(), USER_ZONE)) params.as_of = asOf;
  }
  return withQuery(path, params);
}

// When the register's recording began, if `error` is the refusal of a known_at before the
// journal's first entry (422 naming known_at, its message carrying that entry's instant).
export function recordingBegan(error) {
  if (error?.status !== 422) return null;
  const fe = (error.problem?.errors ?? []).find((e) => e.field === "known_at" || e.field === "as_of");
  const m = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/.exec(fe?.message ?? "");
  return m ? m[0] : null;
}

export function Loading({ state, t, children }) {
  if (state.loading) return html`<p class="sub">${t("loading")}</p>`;
  const began = recordingBegan(state.error);
  if (began) {
    const day = dateIn(began, USER_ZONE);
    return html`<p class="notice empty-state" role="status">${t("recordingBegan").replace("{d}", language === "zh" ? rocDate(day) : day)}</p>`;
  }
  if (state.error) return html`<p class="error" role="alert">${t("failed")}: ${state.error.message}</p>`;
  return children(state.data);
}

// A refusal's errors by field (several for one field joined with "; "), or {form: message}
// when it names no field.
export function errorsByField(e) {
  const byField = {};
  for (const fe of e.problem?.errors ?? []) byField[fe.field] = byField[fe.field] ? `${byField[fe.field]}; ${fe.message}` : fe.message;
  if (Object.keys(byField).length === 0) byField.form = e.message;
  return byField;
}

// What the register's forms share: the draft (from the record being edited, or empty), the
// version read (sent as If-Match), and saving — the server's field errors by field, a message,
// and a 412 that `reload` answers with the current version. `collection` is the API's
// ("properties", "expenditures", …); after a save the address `savedTo(record)` is shown, by
// default the saved record's page.
export function useRecordForm(collection, id, draftOf, recordOf, t,
  savedTo = (record) => `#/${collection}/${record.id}`) {
  const current = useRead(id ? `/api/v1/${collection}/${id}` : `/api/v1/${collection}?limit=1`);
  const [draft, setDraft] = useState(null);
  const [version, setVersion] = useState(null);
  const [errors, setErrors] = useState({});
  const [message, setMessage] = useState("");
  const [stale, setStale] = useState(false);
  const [requested, setRequested] = useState(null);  // the change request a save became
  useEffect(() => {
    if (current.data && draft === null) {
      setDraft(draftOf(id ? current.data : null));
      if (id) setVersion(current.data.version);
    }
  }, [current.data]);
  async function submit(event) {
    event.preventDefault();
    setErrors({}); setMessage(""); setStale(false); setRequested(null);
    try {
      const { data, response } = id
        ? await api("PATCH", `/api/v1/${collection}/${id}`, recordOf(draft), { "If-Match": `"${version}"` })
        : await api("POST", `/api/v1/${collection}`, recordOf(draft));
      // 202: the change waits for a second person (four eyes); the form says so and links it.
      if (response.status === 202) { setRequested(data); dispatchEvent(new Event("estate:approvals")); return; }
      const target = savedTo(data);
      flash(t(id ? "saved" : "created"), warningsOf(data), target.startsWith("#") ? target : "#" + target);
      location.hash = target;
    } catch (e) {
      if (e.status === 412) { setStale(true); return; }
      setErrors(errorsByField(e));
      setMessage(`${t("notSaved")}${language === "zh" ? "" : " "}${e.message}`);  // no space after 中文 "："
    }
  }
  function reload() {
    api("GET", `/api/v1/${collection}/${id}`).then(({ data }) => {
      setDraft(draftOf(data)); setVersion(data.version); setStale(false); setErrors({}); setMessage("");
    });
  }
  const anchor = (name) => "err-" + name.replace(/[[\].]/g, "-");
  const fieldError = (name) => errors[name] && html`<span class="error field-error" id=${anchor(name)}>${errors[name]}</span>`;
  const described = (name) => (errors[name] ? anchor(name) : undefined);
  return { draft, setDraft, errors, message, stale, requested, submit, reload, fieldError, described };
}

// The confirmation after a save, in words (role=status), shown on the page the save leads to
// (`target`, an address; the current page when omitted) with the server's warnings (an
// answer's `warnings`: a charge to a line its project does not use, commitments above the
// appropriation), and cleared when the user moves on to another page.
let flashed = null;
export function flash(text, warnings = [], target = location.hash) {
  flashed = { text, warnings: warnings ?? [], target };
  dispatchEvent(new Event("estate:flash"));
}
export const warningsOf = (data) => (Array.isArray(data?.warnings) ? data.warnings : []);
export function Flash() {
  const [shown, setShown] = useState(flashed);
  useEffect(() => {
    const show = () => setShown(flashed && { ...flashed });
    const moved = () => { if (flashed && location.hash !== flashed.target) { flashed = null; setShown(null); } };
    addEventListener("estate:flash", show);
    addEventListener("hashchange", moved);
    return () => { removeEventListener("estate:flash", show); removeEventListener("hashchange", moved); };
  }, []);
  return html`<div id="flash" class=${shown ? "flash notice" : "flash"} role="status">${shown && html`<p>${shown.text}</p>
    ${shown.warnings.length > 0 && html`<ul class="warnings">${shown.warnings.map((w) => html`<li>
      <strong>${WORDS[language].warning}:</strong> ${w.message ?? w.detail ?? String(w)}</li>`)}</ul>`}`}</div>`;
}

// A file field whose face is in the chosen language (the browser draws its own "Choose File"
// in the browser's language): the real <input type=file> lies transparent over a button and
// the chosen file's name, so clicks, focus, the <label> and setInputFiles all reach it.
export function FileInput({ onChange, ...rest }) {
  const input = useRef(null);
  const [, redraw] = useState(0);
  const name = input.current?.files?.[0]?.name;
  return html`<span class="file-input"><span class="file-face" aria-hidden="true"><span class="file-button">${WORDS[language].pickFile}</span>
    ${" "}<span class="sub">${name || WORDS[language].noFile}</span></span>
    <input ref=${input} type="file" onChange=${(e) => { redraw((n) => n + 1); onChange?.(e); }} ...${rest} /></span>`;
}

// What an edit address says to a role that may not write there (instead of a form, or "could
// not load"): the heading, the reason in words, and the way back.
export function RoleCannot({ t, back }) {
  return html`<h1>${t("edit")}</h1><p class="notice" role="status" id="role-cannot">${t("roleCannot")}</p>
    ${back && html`<p><a href=${back}>${t("cancel")}</a></p>`}`;
}

// What a form says when its save became a change request (four eyes): in words, with a link.
export function RequestedNotice({ t, request }) {
  return html`<div class="notice" role="status"><p>${t("requestedNote")}</p>
    <p><a href=${"#/approvals/" + request.id}>${t("seeRequest")} ${request.id}</a></p></div>`;
}

// A record form laid out from `fields`, on useRecordForm: each field is
// {name, label, type ("text", "date"), inputmode, options ([value, label] pairs: a select),
// errors (the API fields whose errors show under it; default [name])}. The button (#save) is
// t("save") when editing and t("create") otherwise; `stale` is the message of a 412.
export function RecordForm({ t, collection, id, fields, draftOf, recordOf, savedTo, title, back, stale: staleText }) {
  const { draft, setDraft, errors, message, stale, requested, submit, reload, fieldError, described } =
    useRecordForm(collection, id, draftOf, recordOf, t, savedTo);
  if (!draft) return html`<p class="sub">${t("loading")}</p>`;
  return html`
    <p><a href=${back}>${t("cancel")}</a></p>
    <h1>${title}</h1>
    ${stale && html`<div class="error" role="alert">${staleText} <button type="button" class="quiet" onClick=${reload}>${t("reload")}</button></div>`}
    ${message && html`<p class="error" role="alert">${message}</p>`}
    ${requested && html`<${RequestedNotice} t=${t} request=${requested} />`}
    <form class="record" onSubmit=${submit} novalidate>
      ${fields.map((f) => {
        const names = f.errors ?? [f.name];
        const wrong = names.find((n) => errors[n]);
        const set = (e) => setDraft({ ...draft, [f.name]: e.target.value });
        return html`<label for=${"f-" + f.name}>${f.label}</label>
          ${f.options
            ? html`<select id=${"f-" + f.name} value=${draft[f.name]} onChange=${set}
                aria-invalid=${wrong ? "true" : undefined} aria-describedby=${wrong ? described(wrong) : undefined}>
                ${f.options.map(([value, label]) => html`<option value=${value}>${label}</option>`)}</select>`
            : f.type === "date"
            ? html`<${DateInput} id=${"f-" + f.name} value=${draft[f.name]}
                onInput=${set} aria-invalid=${wrong ? "true" : undefined} aria-describedby=${wrong ? described(wrong) : undefined} />`
            : html`<input id=${"f-" + f.name} type=${f.type ?? "text"} inputmode=${f.inputmode} value=${draft[f.name]}
                onInput=${set} aria-invalid=${wrong ? "true" : undefined} aria-describedby=${wrong ? described(wrong) : undefined} />`}
          ${names.map((n) => fieldError(n))}`;
      })}
      <button id="save" type="submit">${id ? t("save") : t("create")}</button>
    </form>`;
}

// Links that download what `path` answers as CSV and XLSX (and SVG when `svg`), with the
// same parameters; the browser keeps the session cookie, and the server names the file.
export function Downloads({ t, path, svg = false }) {
  const as = (format) => withQuery(path, { format });
  return html`<p class="downloads">${t("download")}:${" "}
    <a href=${as("csv")} download>CSV</a> · <a href=${as("xlsx")} download>XLSX</a>
    ${svg && html` · <a href=${as("svg")} download>SVG</a>`}</p>`;
}

// A query string from the entries of `params` that have a value.
export const query = (params) => Object.entries(params).filter(([, v]) => v !== "" && v !== null && v !== undefined)
  .map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
// `path` with the entries of `params` that have a value as its query.
export const withQuery = (path, params) => {
  const q = query(params);
  return q ? path + (path.includes("?") ? "&" : "?") + q : path;
};
