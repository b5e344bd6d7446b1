// Four eyes in the web client: the Approvals inbox (and the address the user's e-mail alerts
// go to) (what waits for the signed-in user's
// decision, their own pending requests, and one request by its address) with Approve,
// Reject (with a note) and Withdraw. Each request shows what, who and when, and its change
// field by field as the journal shows changes (audit.js's Difference): the record as it is now
// against the record as the change would make it. The server decides who may do what; the
// buttons only follow what it says a user may decide.
import { html, useEffect, useState, api, useRead, localTime, Loading } from "/web/core.js";
import { Difference, recordPage } from "/web/audit.js";

// The API's collection of each entity a request may change.
const COLLECTIONS = { mission: "missions", property: "properties", lease: "leases", acquisition: "acquisitions",
  expenditure: "expenditures", commitment: "commitments", fx_rate: "fx-rates", budget_line: "budget-lines",
  appropriation: "appropriations", project: "projects" };

// Tells the navigation to count the pending requests again.
export const approvalsChanged = () => dispatchEvent(new Event("estate:approvals"));

// The record as the change would leave it: a merge patch over it, a stage move, a new record,
// or nothing (a delete).
function proposed(request, current) {
  const c = request.change;
  if (request.action === "delete") return null;
  if (request.action === "create") return c;
  if (request.action === "stage") return { ...(current ?? {}), stage: c.stage, stage_on: c.on };
  const merged = structuredClone(current ?? {});
  for (const [k, v] of Object.entries(c ?? {})) {
    if (v === null) delete merged[k]; else merged[k] = v;
  }
  return merged;
}

function Change({ t, request }) {
  const collection = COLLECTIONS[request.entity];
  const withRecord = request.entity_id && collection && request.action !== "create";
  const current = useRead(withRecord ? `/api/v1/${collection}/${request.entity_id}` : null);
  if (request.action === "import") {
    return html`<ul class="plain">${(request.change?.changes ?? []).map((c) => html`<li>
      <strong>${c.sheet} ${c.row}</strong> ${c.code} (${t(c.action + "_cr")}):
      ${c.fields.map((f) => `${f.field}: ${f.before === undefined ? "" : `${JSON.stringify(f.before)} → `}${JSON.stringify(f.after)}`).join("; ")}</li>`)}</ul>`;
  }
  if (withRecord && current.loading) return html`<p class="sub">${t("loading")}</p>`;
  const before = withRecord ? current.data ?? null : null;
  return html`<${Difference} t=${t} before=${before} after=${proposed(request, before)} />`;
}

// One request: what, who, when, the change, and the decisions the signed-in user may make.
export function RequestCard({ t, lang, request, session, onDecided }) {
  const [note, setNote] = useState("");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const r = request;
  const pending = r.status === "pending";
  const mayDecide = pending && r.requested_by !== session.user && r.approver_role === session.role;
  const mayWithdraw = pending && r.requested_by === session.user;
  async function decide(how) {
    setMessage(""); setBusy(true);
    try {
      const body = how === "reject" ? { note } : undefined;
      const { data } = await api("POST", `/api/v1/change-requests/${r.id}/${how}`, body, { "If-Match": `"${r.version}"` });
      approvalsChanged();
      onDecided(data);
    } catch (e) {
      setMessage(e.problem?.errors?.length ? e.problem.errors.map((x) => `${x.field}: ${x.message}`).join("; ") : e.message);
    } finally {
      setBusy(false);
    }
  }
  const page = r.entity_id ? recordPage(r.entity, r.applied_entity_id ?? r.entity_id) : null;
  const id = "cr-" + r.id;
  return html`<article class="card request" aria-labelledby=${id}>
    <h2 id=${id}>${t("changeRequest")} ${r.id}: ${t(r.action + "_cr")} ${t(r.entity + "_cr")}
      ${r.entity_id ? html` ${page ? html`<a href=${page}>${r.entity_id}</a>` : r.entity_id}` : ""}</h2>
    <dl class="facts">
      <dt>${t("status")}</dt><dd>${t(r.status + "_cr")}</dd>
      <dt>${t("why")}</dt><dd>${t(r.reason_required + "_rule")}</dd>
      <dt>${t("requestedBy")}</dt><dd>${r.requested_by}</dd>
      <dt>${t("requestedAt")}</dt><dd><time datetime=${r.requested_at}>${localTime(r.requested_at, "Asia/Taipei", lang)}</time></dd>
      <dt>${t("decidedByRole")}</dt><dd>${t(r.approver_role + "_role")}</dd>
      ${r.decided_by && html`<dt>${t("decidedBy")}</dt><dd>${r.decided_by}</dd>`}
      ${r.decision_note && html`<dt>${t("note")}</dt><dd>${r.decision_note}</dd>`}
    </dl>
    <${Change} t=${t} request=${r} />
    ${message && html`<p class="error" role="alert">${message}</p>`}
    ${mayDecide && html`<div class="decide">
      <button type="button" onClick=${() => decide("approve")} disabled=${busy}>${t("approve")}</button>
      <label for=${"note-" + r.id}>${t("note")}</label>
      <span class="hint" id=${"note-hint-" + r.id}>${t("noteHint")}</span>
      <textarea id=${"note-" + r.id} rows="2" aria-describedby=${"note-hint-" + r.id} value=${note}
        onInput=${(e) => setNote(e.target.value)}></textarea>
      <button type="button" class="quiet" onClick=${() => decide("reject")} disabled=${busy}>${t("reject")}</button>
    </div>`}
    ${mayWithdraw && html`<p><button type="button" class="quiet" onClick=${() => decide("withdraw")} disabled=${busy}>${t("withdrawCr")}</button></p>`}
  </article>`;
}

function RequestList({ t, lang, path, session, empty, version, onDecided }) {
  const state = useRead(path + (version ? `#${version}` : ""));
  return html`<${Loading} state=${state} t=${t}>${(d) => (d.items.length === 0
    ? html`<p class="sub">${empty}</p>`
    : d.items.map((r) => html`<${RequestCard} key=${r.id} t=${t} lang=${lang} request=${r} session=${session} onDecided=${onDecided} />`))}<//>`;
}

function useDecisions() {
  const [version, setVersion] = useState(0);
  const [decided, setDecided] = useState(null);
  return { version, decided, onDecided: (r) => { setDecided(r); setVersion(version + 1); } };
}

const Decided = ({ t, decided }) => decided && html`<p class="ok" role="status">${t("decided")} ${t("changeRequest")}
  ${decided.id}: ${t(decided.status + "_cr")}.</p>`;

function OneRequest({ t, lang, session, id }) {
  const { version, decided, onDecided } = useDecisions();
  const one = useRead(`/api/v1/change-requests/${id}` + (version ? `#${version}` : ""));
  return html`<p><a href="#/approvals">${t("approvals")}</a></p><${Decided} t=${t} decided=${decided} />
    <${Loading} state=${one} t=${t}>${(r) => html`<${RequestCard} t=${t} lang=${lang} request=${r} session=${session} onDecided=${onDecided} />`}<//>`;
}

function Inbox({ t, lang, session }) {
  const { version, decided, onDecided } = useDecisions();
  return html`<h1>${t("approvals")}</h1><${Decided} t=${t} decided=${decided} />
    <p class="sub" id="alerts-to">${session.email ? html`${t("alertsTo")} <strong>${session.email}</strong>` : html`${t("noAlerts")} <code>estate-server user set-email</code>`}</p>
    <section aria-labelledby="to-decide"><h2 id="to-decide">${t("toDecide")}</h2>
      <${RequestList} t=${t} lang=${lang} session=${session} version=${version} onDecided=${onDecided}
        path="/api/v1/change-requests?status=pending&decidable=true&limit=100" empty=${t("nothingToDecide")} /></section>
    <section aria-labelledby="mine"><h2 id="mine">${t("yourRequests")}</h2>
      <${RequestList} t=${t} lang=${lang} session=${session} version=${version} onDecided=${onDecided}
        path="/api/v1/change-requests?status=pending&mine=true&limit=100" empty=${t("noneOfYours")} /></section>`;
}

// #/approvals: the inbox; #/approvals/<id>: one request.
export function Approvals({ t, lang, session, id }) {
  return id ? html`<${OneRequest} key=${id} t=${t} lang=${lang} session=${session} id=${id} />`
    : html`<${Inbox} t=${t} lang=${lang} session=${session} />`;
}

// How many requests wait for `session`'s decision, counted again after every decision, every
// page change and every minute; null for roles that decide none.
export function usePendingCount(session) {
  const [count, setCount] = useState(null);
  const decides = session.role === "facilities" || session.role === "finance";
  useEffect(() => {
    if (!decides) return undefined;
    let live = true;
    const read = () => api("GET", "/api/v1/change-requests?status=pending&decidable=true&limit=500")
      .then(({ data }) => live && setCount(data.items.length), () => {});
    read();
    const every = setInterval(read, 60000);
    addEventListener("estate:approvals", read);
    addEventListener("hashchange", read);
    return () => {
      live = false;
      clearInterval(every);
      removeEventListener("estate:approvals", read);
      removeEventListener("hashchange", read);
    };
  }, [session.user]);
  return count;
}
