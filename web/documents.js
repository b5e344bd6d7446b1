// The Documents section of a property, lease, acquisition or project page: what is filed on
// the record (name, kind, size, who filed it and when, its SHA-256, filed or withdrawn), each
// downloadable; filing a new one (PDF, PNG, JPEG, XLSX or DOCX — the server decides by the
// bytes) and withdrawing one, for the role that writes that record.
import { html, FileInput, useState, addWords, api, useRead, Loading, errorsByField, grouped, localTime, flash } from "/web/core.js";

addWords({
  en: {
    documents: "Documents", file: "File", documentKind: "Kind of document", upload: "Upload",
    withdraw: "Withdraw", withdrawn: "withdrawn", filed: "filed", uploadedBy: "filed by",
    deed: "title deed", lease_contract: "lease contract", appraisal: "appraisal", contract: "contract",
    photo: "photo", bytesUnit: "bytes", documentTypes: "PDF, PNG, JPEG, XLSX or DOCX",
  },
  zh: {
    documents: "文件", file: "檔案", documentKind: "文件類別", upload: "上傳", withdraw: "撤回",
    withdrawn: "已撤回", filed: "已歸檔", uploadedBy: "歸檔者", deed: "權狀", lease_contract: "租約",
    appraisal: "估價報告", contract: "契約", photo: "照片", bytesUnit: "位元組", documentTypes: "PDF、PNG、JPEG、XLSX 或 DOCX",
  },
});

const KINDS = ["deed", "lease_contract", "appraisal", "contract", "photo", "other"];

// `collection` is the API's (properties, leases, acquisitions, projects); `writes` whether the
// signed-in role files on it (and As of is not set).
export function Documents({ t, lang, collection, id, writes }) {
  const [refresh, setRefresh] = useState(0);
  const base = `/api/v1/${collection}/${id}/documents`;
  const state = useRead(base + `#${refresh}`);
  const [kind, setKind] = useState("other");
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  async function upload(event) {
    event.preventDefault();
    setErrors({});
    const input = event.target.querySelector("input[type=file]");
    if (!input.files.length) { setErrors({ file: t("file") + "?" }); return; }
    const form = new FormData();
    form.append("kind", kind);
    form.append("file", input.files[0]);
    setBusy(true);
    try {
      await api("POST", base, form);
      input.value = "";
      setRefresh(refresh + 1);
      flash(t("saved"));
    } catch (e) {
      setErrors(errorsByField(e));
    } finally {
      setBusy(false);
    }
  }
  async function withdraw(d) {
    if (!confirm(t("confirmDelete"))) return;  // a withdrawn document stays withdrawn
    try {
      await api("POST", `${base}/${d.id}/withdraw`, undefined, { "If-Match": `"${d.version}"` });
      setRefresh(refresh + 1);
      flash(t("saved"));
    } catch (e) {
      setErrors(errorsByField(e));
    }
  }
  const problem = errors.file || errors.filename || errors.kind || errors.form;
  return html`<section class="card wide documents" aria-labelledby=${"docs-" + collection}>
    <h2 id=${"docs-" + collection}>${t("documents")}</h2>
    <${Loading} state=${state} t=${t}>${(d) => d.items.length === 0 ? html`<p>${t("none")}</p>` : html`
      <ul class="plain">${d.items.map((doc) => html`<li class=${doc.status}>
        <a href=${`${base}/${doc.id}/content`} download>${doc.name}</a>
        <span class="sub"> · ${t(doc.kind)} · ${grouped(String(doc.bytes))} ${t("bytesUnit")} · ${t("uploadedBy")} ${doc.uploaded_by},
          ${" "}${localTime(doc.uploaded_at, "UTC", lang)} UTC · ${t(doc.status)}</span>
        <br /><code class="sha" title="SHA-256">${doc.sha256}</code>
        ${writes && doc.status === "filed" && html` <button type="button" class="quiet"
          aria-label=${`${t("withdraw")} ${doc.name}`} onClick=${() => withdraw(doc)}>${t("withdraw")}</button>`}
      </li>`)}</ul>`}<//>
    ${writes && html`<form class="move" onSubmit=${upload} novalidate>
      <label for=${"doc-file-" + collection}>${t("file")}</label>
      <${FileInput} id=${"doc-file-" + collection} accept=".pdf,.png,.jpg,.jpeg,.xlsx,.docx"
        aria-describedby=${"doc-types-" + collection} />
      <label for=${"doc-kind-" + collection}>${t("documentKind")}</label>
      <select id=${"doc-kind-" + collection} value=${kind} onChange=${(e) => setKind(e.target.value)}>
        ${KINDS.map((k) => html`<option value=${k}>${t(k)}</option>`)}</select>
      <button id="upload" type="submit" disabled=${busy}>${t("upload")}</button>
      <span class="sub" id=${"doc-types-" + collection}>${t("documentTypes")}</span>
    </form>`}
    ${problem && html`<p class="error" role="alert">${problem}</p>`}
  </section>`;
}
