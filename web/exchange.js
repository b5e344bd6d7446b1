// The register in and out as spreadsheets. Import (facilities and finance): choose an XLSX
// workbook or a CSV sheet, Check it (a dry run: what would be created, updated or left alone,
// field by field, and every problem with its sheet, row and column), then Import the same
// file. Export (everyone who reads): the whole register, or as it stood on the As of day, in
// the layout an import reads, and the empty template with drop-down lists.
import { html, FileInput, useState, addWords, api, withQuery } from "/web/core.js";

addWords({
  en: {
    importTitle: "Import", importIntro: "Bring records in from an Excel workbook (.xlsx) in the register's layout, or one sheet as CSV (UTF-8 or Big5). Check first: nothing is written until you import, and an import with any problem writes nothing.",
    exportRegister: "Export register (XLSX)", exportTemplate: "Import template (XLSX)", exportAsOf: "as of",
    importFile: "Workbook or CSV file", importSheet: "Sheet (for a CSV file)", check: "Check",
    importOrder: "Into an empty register: finance imports fx_rates, budget_lines and appropriations first, then facilities imports the workbook, then finance imports it again for the spending.",
    importChecked: "Checked — nothing written yet.", importApplied: "Imported.", importRefused: "Nothing was written: fix the problems below and check again.",
    problems: "Problems", changesTitle: "Changes", skippedTitle: "Skipped sheets", sheetCol: "Sheet", rowCol: "Row", columnCol: "Column",
    messageCol: "Problem", createCol: "Create", updateCol: "Update", unchangedCol: "Unchanged", recordCol: "Record",
    actionCol: "Action", fieldsCol: "Fields", reasonCol: "Reason", importId: "Import", importNoChanges: "No changes: the register already holds all of it.",
    create_action: "create", update_action: "update", moreProblems: "more problems not listed",
  },
  zh: {
    importTitle: "匯入", importIntro: "從符合本系統格式的 Excel 活頁簿（.xlsx），或單一工作表的 CSV（UTF-8 或 Big5）匯入資料。請先檢查：在按下匯入前不會寫入任何資料；只要有任何問題，匯入即不寫入。",
    exportRegister: "匯出全部資料（XLSX）", exportTemplate: "匯入範本（XLSX）", exportAsOf: "截至",
    importFile: "活頁簿或 CSV 檔", importSheet: "工作表（CSV 檔用）", check: "檢查",
    importOrder: "匯入至空白資料庫時：先由財務人員匯入 fx_rates、budget_lines、appropriations，再由總務人員匯入活頁簿，最後由財務人員再次匯入支出資料。",
    importChecked: "已檢查，尚未寫入。", importApplied: "已匯入。", importRefused: "未寫入任何資料：請修正下列問題後再檢查。",
    problems: "問題", changesTitle: "異動", skippedTitle: "略過的工作表", sheetCol: "工作表", rowCol: "列", columnCol: "欄",
    messageCol: "問題", createCol: "新增", updateCol: "更新", unchangedCol: "未變更", recordCol: "紀錄",
    actionCol: "動作", fieldsCol: "欄位", reasonCol: "原因", importId: "匯入編號", importNoChanges: "無異動：資料已全部存在。",
    create_action: "新增", update_action: "更新", moreProblems: "個問題未列出",
  },
});

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// A text with the sheet names in it written as code (they are the workbook's names, in every
// language).
const sheetsAsCode = (text) => text.split(/\b(fx_rates|budget_lines|appropriations|expenditures)\b/)
  .map((part, i) => (i % 2 ? html`<code>${part}</code>` : part));

const SHEETS = ["missions", "properties", "tenure", "leases", "lease_options", "rent_steps", "acquisitions",
  "acquisition_stages", "acquisition_leases", "projects", "project_properties", "milestones", "progress",
  "fx_rates", "budget_lines", "appropriations", "expenditures", "commitments"];

// The export and template links, for every role that reads the register.
export function ExportLinks({ t, asOf }) {
  return html`<p class="downloads">
    <a href=${withQuery("/api/v1/exports/register.xlsx", { as_of: asOf })} download>${t("exportRegister")}</a>
    ${asOf && html` (${t("exportAsOf")} ${asOf})`} · <a href="/api/v1/imports/template.xlsx" download>${t("exportTemplate")}</a></p>`;
}

const shown = (v) => (v === null || v === undefined ? "—"
  : Array.isArray(v) ? (v.length ? v.map(shown).join(", ") : "—")
  : typeof v === "object" && v.amount !== undefined ? `${v.amount} ${v.currency}`
  : typeof v === "object" ? JSON.stringify(v) : String(v));

function ImportReport({ t, report }) {
  const status = report.applied ? t("importApplied") : report.error_count ? t("importRefused") : t("importChecked");
  return html`<section class="card wide" aria-labelledby="import-result">
    <h2 id="import-result">${status}</h2>
    <p class="sub">${t("importId")} ${report.import_id}</p>
    ${report.sheets.length > 0 && html`<div class="scroll" tabindex="0"><table>
      <thead><tr><th scope="col">${t("sheetCol")}</th><th scope="col" class="num">${t("createCol")}</th>
        <th scope="col" class="num">${t("updateCol")}</th><th scope="col" class="num">${t("unchangedCol")}</th></tr></thead>
      <tbody>${report.sheets.map((s) => html`<tr><th scope="row">${s.sheet}</th><td class="num">${s.create}</td>
        <td class="num">${s.update}</td><td class="num">${s.unchanged}</td></tr>`)}</tbody></table></div>`}
    ${report.error_count > 0 && html`<h3 id="import-problems">${t("problems")} (${report.error_count})</h3>
      <div class="scroll" tabindex="0"><table aria-labelledby="import-problems">
        <thead><tr><th scope="col">${t("sheetCol")}</th><th scope="col" class="num">${t("rowCol")}</th>
          <th scope="col">${t("columnCol")}</th><th scope="col">${t("messageCol")}</th></tr></thead>
        <tbody>${report.errors.map((e) => html`<tr class="problem"><td>${e.sheet}</td><td class="num">${e.row}</td>
          <td><code>${e.column}</code></td><td>${e.message}</td></tr>`)}</tbody></table></div>
      ${report.error_count > report.errors.length && html`<p>${report.error_count - report.errors.length} ${t("moreProblems")}</p>`}`}
    ${(report.changes.length > 0 || report.error_count === 0) && html`
    <h3 id="import-changes">${t("changesTitle")} (${report.changes_total ?? report.changes.length})</h3>`}
    ${report.changes.length === 0 ? report.error_count === 0 && html`<p>${t("importNoChanges")}</p>` : html`<div class="scroll" tabindex="0"><table aria-labelledby="import-changes">
      <thead><tr><th scope="col">${t("sheetCol")}</th><th scope="col" class="num">${t("rowCol")}</th><th scope="col">${t("recordCol")}</th>
        <th scope="col">${t("actionCol")}</th><th scope="col">${t("fieldsCol")}</th></tr></thead>
      <tbody>${report.changes.slice(0, 500).map((c) => html`<tr><td>${c.sheet}</td><td class="num">${c.row || "—"}</td>
        <td>${c.code}</td><td>${t(c.action + "_action")}</td>
        <td><ul class="plain diff">${c.fields.map((f) => html`<li><code>${f.field}</code>:${" "}
          ${c.action === "update" ? html`<del>${shown(f.before)}</del> → ` : ""}<ins>${shown(f.after)}</ins></li>`)}</ul></td></tr>`)}
      </tbody></table></div>`}
    ${report.skipped.length > 0 && html`<h3>${t("skippedTitle")}</h3><ul class="plain">
      ${report.skipped.map((s) => html`<li><code>${s.sheet}</code> — ${s.reason}</li>`)}</ul>`}
  </section>`;
}

export function Import({ t, asOf, role }) {
  const [file, setFile] = useState(null);
  const [sheet, setSheet] = useState("");
  const [report, setReport] = useState(null);
  const [checked, setChecked] = useState(false);  // the chosen file passed a check
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const csv = file && !/\.xlsx$/i.test(file.name);
  async function send(dryRun) {
    setError("");
    if (!file) { setError(t("importFile") + "?"); return; }
    setBusy(true);
    try {
      const path = withQuery("/api/v1/imports", { dry_run: String(dryRun), sheet: csv ? sheet : "" });
      const { data } = await api("POST", path, file, { "Content-Type": csv ? "text/csv" : XLSX });
      setReport(data);
      setChecked(dryRun && data.error_count === 0);
    } catch (e) {
      setReport(null);
      setChecked(false);
      setError(e.problem?.errors?.map((x) => `${x.field}: ${x.message}`).join("; ") || e.message);
    } finally {
      setBusy(false);
    }
  }
  const writes = (role === "facilities" || role === "finance") && !asOf;
  return html`<h1>${t("importTitle")}</h1>
    <${ExportLinks} t=${t} asOf=${asOf} />
    ${writes && html`<p>${t("importIntro")}</p><p class="sub">${sheetsAsCode(t("importOrder"))}</p>
      <form class="move" onSubmit=${(e) => { e.preventDefault(); send(true); }} novalidate>
        <label for="import-file">${t("importFile")}</label>
        <${FileInput} id="import-file" accept=".xlsx,.csv"
          onChange=${(e) => { setFile(e.target.files[0] || null); setReport(null); setChecked(false); }} />
        ${csv && html`<label for="import-sheet">${t("importSheet")}</label>
          <select id="import-sheet" value=${sheet} onChange=${(e) => { setSheet(e.target.value); setChecked(false); }}>
            <option value="">—</option>${SHEETS.map((s) => html`<option value=${s}>${s}</option>`)}</select>`}
        <button type="submit" disabled=${busy}>${t("check")}</button>
        <button type="button" disabled=${busy || !checked} onClick=${() => send(false)}>${t("importButton")}</button>
      </form>`}
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${report && html`<${ImportReport} t=${t} report=${report} />`}`;
}
