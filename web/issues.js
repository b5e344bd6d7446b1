// Issued reports: "Issue this report" on a report page (finance: the server renders the report
// once, stores its bytes and seals their SHA-256 in the journal), the "Issued reports" page
// every reader may open (who issued what, when, with which parameters, its SHA-256 and a
// download), "Verify a file" (is this file an issued report?) and "What changed since" for one
// issue (the figures that differ between the issued report and the same report now, as the
// server lists them: the client compares nothing itself).
import { html, FileInput, useState, addWords, api, useRead, localTime, Loading, errorsByField } from "/web/core.js";

addWords({
  en: {
    issueThis: "Issue this report", issueTitle: "Title", issueFormat: "Format",
    issuing: "Issuing…", issued: "Issued as", issuedBy: "Issued by", issuedAt: "Issued at", knownAt: "Known at",
    reportName: "Report", params: "Parameters", sha256: "SHA-256", size: "Bytes", noIssues: "No report has been issued yet.",
    verifyFile: "Verify a file", chooseFile: "File to verify", verifyHint: "Any file: its SHA-256 is compared with every issued report's.",
    verifyButton: "Verify a file", isIssued: "This file is an issued report:", notIssued: "Not an issued report.",
    changesSince: "What changed since", noChange: "No figure has changed since it was issued.",
    path: "Figure", issuedValue: "Issued", nowValue: "Now", changesOf: "Changes since issue",
    allIssues: "All issued reports", aboutDate: "About",
  },
  zh: {
    issueThis: "發布此報表", issueTitle: "標題", issueFormat: "格式",
    issuing: "發布中…", issued: "已發布為", issuedBy: "發布人", issuedAt: "發布時間", knownAt: "記錄時點",
    reportName: "報表", params: "參數", sha256: "SHA-256", size: "位元組", noIssues: "尚無已發布報表。",
    verifyFile: "驗證檔案", chooseFile: "待驗證檔案", verifyHint: "任何檔案皆可：以其 SHA-256 與每份已發布報表比對。",
    verifyButton: "驗證檔案", isIssued: "此檔案為已發布報表：", notIssued: "非已發布報表。",
    changesSince: "發布後異動", noChange: "發布後無任何數字異動。",
    path: "數字", issuedValue: "發布時", nowValue: "目前", changesOf: "發布後異動",
    allIssues: "全部已發布報表", aboutDate: "基準日",
  },
});

const FORMATS = ["xlsx", "csv", "json"];
const shown = (v) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));
const paramsText = (params) => Object.entries(params ?? {}).map(([k, v]) => `${k}=${v}`).join(", ") || "—";

// On a report page, for finance: the report with the parameters it was last shown with.
export function IssueThis({ t, report, params }) {
  const [title, setTitle] = useState("");
  const [format, setFormat] = useState("xlsx");
  const [errors, setErrors] = useState({});
  const [done, setDone] = useState(null);
  const [busy, setBusy] = useState(false);
  async function submit(event) {
    event.preventDefault();
    setBusy(true); setErrors({}); setDone(null);
    const given = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== "" && v !== null && v !== undefined));
    try {
      const { data } = await api("POST", "/api/v1/report-issues", { report, params: given, format, title });
      setDone(data);
    } catch (e) {
      setErrors(errorsByField(e));
    } finally {
      setBusy(false);
    }
  }
  const other = Object.entries(errors).filter(([k]) => k !== "title" && k !== "format");
  return html`<form class="issue no-print" onSubmit=${submit} novalidate aria-labelledby="issue-h">
    <h3 id="issue-h">${t("issueThis")}</h3>
    <label for="issue-title">${t("issueTitle")}</label>
    <input id="issue-title" value=${title} onInput=${(e) => setTitle(e.target.value)}
      aria-invalid=${errors.title ? "true" : undefined} aria-describedby=${errors.title ? "issue-title-err" : undefined} />
    ${errors.title && html`<span class="error" id="issue-title-err">${errors.title}</span>`}
    <label for="issue-format">${t("issueFormat")}</label>
    <select id="issue-format" value=${format} onChange=${(e) => setFormat(e.target.value)}>
      ${FORMATS.map((f) => html`<option value=${f}>${f.toUpperCase()}</option>`)}</select>
    ${errors.format && html`<span class="error">${errors.format}</span>`}
    ${other.length > 0 && html`<p class="error" role="alert">${other.map(([k, m]) => `${k}: ${m}`).join("; ")}</p>`}
    <button type="submit" disabled=${busy}>${busy ? t("issuing") : t("issueThis")}</button>
    ${done && html`<p role="status">${t("issued")} <a href=${"#/issued-reports/" + done.id}>#${done.id} ${done.title}</a>${" · "}${t("sha256")} <code>${done.sha256}</code></p>`}
  </form>`;
}

function VerifyFile({ t }) {
  const [file, setFile] = useState(null);
  const [answer, setAnswer] = useState(null);
  const [error, setError] = useState("");
  async function submit(event) {
    event.preventDefault();
    setAnswer(null); setError("");
    if (!file) return;
    try {
      const { data } = await api("POST", "/api/v1/report-issues/verify", file, { "Content-Type": "application/octet-stream" });
      setAnswer(data);
    } catch (e) {
      setError(e.message);
    }
  }
  return html`<section class="card" aria-labelledby="verify-file-h">
    <h2 id="verify-file-h">${t("verifyFile")}</h2>
    <form class="verify-file" onSubmit=${submit} novalidate>
      <label for="verify-file">${t("chooseFile")}</label>
      <p class="hint" id="verify-file-hint">${t("verifyHint")}</p>
      <${FileInput} id="verify-file" aria-describedby="verify-file-hint" onChange=${(e) => setFile(e.target.files[0] ?? null)} />
      <button type="submit">${t("verifyButton")}</button>
    </form>
    <div role="status" class="verify-answer">
      ${answer && (answer.match
        ? html`<p>${t("isIssued")} <a href=${"#/issued-reports/" + answer.match.id}>#${answer.match.id} ${answer.match.title}</a></p>`
        : html`<p class="error">${t("notIssued")}</p>`)}
      ${answer && html`<p class="sub">${t("sha256")} <code>${answer.sha256}</code></p>`}
      ${error && html`<p class="error">${error}</p>`}
    </div>
  </section>`;
}

function Changes({ t, lang, id }) {
  const issue = useRead(`/api/v1/report-issues/${id}`);
  const changes = useRead(`/api/v1/report-issues/${id}/changes`);
  return html`<p><a href="#/issued-reports">${t("allIssues")}</a></p>
    <${Loading} state=${issue} t=${t}>${(i) => html`<h1>${i.title}</h1>
      <dl class="facts"><dt>${t("reportName")}</dt><dd>${t("r-" + i.report)}</dd><dt>${t("params")}</dt><dd>${paramsText(i.params)}</dd>
        <dt>${t("knownAt")}</dt><dd>${localTime(i.known_at, "Asia/Taipei", lang)}</dd><dt>${t("issuedBy")}</dt><dd>${i.issued_by}</dd>
        <dt>${t("sha256")}</dt><dd><code>${i.sha256}</code></dd></dl>
      <p><a href=${`/api/v1/report-issues/${i.id}/content`} download>${t("download")}</a></p>`}<//>
    <section aria-labelledby="changes-h"><h2 id="changes-h">${t("changesSince")}</h2>
      <${Loading} state=${changes} t=${t}>${(c) => c.changes.length === 0 ? html`<p role="status">${t("noChange")}</p>`
        : html`<p class="sub">${t("aboutDate")} ${c.as_of}</p><div class="scroll" tabindex="0"><table class="diff">
          <thead><tr><th scope="col">${t("path")}</th><th scope="col">${t("issuedValue")}</th><th scope="col">${t("nowValue")}</th></tr></thead>
          <tbody>${c.changes.map((x) => html`<tr><th scope="row"><code>${x.path}</code></th>
            <td class="was">${shown(x.issued)}</td><td class="now">${shown(x.now)}</td></tr>`)}</tbody></table></div>`}<//>
    </section>`;
}

// #/issued-reports[/{id}]
export function IssuedReports({ t, lang, id }) {
  const list = useRead(id ? null : "/api/v1/report-issues?limit=500");
  if (id) return html`<${Changes} t=${t} lang=${lang} id=${id} />`;
  return html`<h1>${t("issuedReports")}</h1>
    <${VerifyFile} t=${t} />
    <${Loading} state=${list} t=${t}>${(d) => d.items.length === 0 ? html`<p>${t("noIssues")}</p>`
      : html`<div class="scroll" tabindex="0"><table class="issues">
        <thead><tr><th scope="col">#</th><th scope="col">${t("issueTitle")}</th><th scope="col">${t("reportName")}</th>
          <th scope="col">${t("params")}</th><th scope="col">${t("knownAt")}</th><th scope="col">${t("issuedBy")}</th>
          <th scope="col">${t("issuedAt")}</th><th scope="col">${t("sha256")}</th><th scope="col">${t("download")}</th></tr></thead>
        <tbody>${d.items.map((i) => html`<tr>
          <td>${i.id}</td><td><a href=${"#/issued-reports/" + i.id}>${i.title}</a></td><td>${t("r-" + i.report)}</td>
          <td>${paramsText(i.params)}</td><td>${localTime(i.known_at, "Asia/Taipei", lang)}</td><td>${i.issued_by}</td>
          <td>${localTime(i.issued_at, "Asia/Taipei", lang)}</td><td><code class="hash">${i.sha256}</code></td>
          <td><a href=${`/api/v1/report-issues/${i.id}/content`} download>${i.format.toUpperCase()}</a>${" · "}<a href=${"#/issued-reports/" + i.id} aria-label=${"What changed since #" + i.id}>${t("changesSince")}</a></td></tr>`)}</tbody>
      </table></div>`}<//>`;
}
