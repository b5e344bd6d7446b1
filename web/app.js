// Mission Estate's web client: sign-in and the application shell — the header (user, As of,
// language, Sign out), the navigation each role may use, and which page a URL shows. The pages
// live in register.js, finance.js, reports.js and audit.js; what they share in core.js.
import { html, render, useEffect, useState } from "/web/vendor/htm-preact-3.1.1.js";
import { WORDS, initialLanguage, api, setCsrfToken, setOnSignedOut } from "/web/core.js";
import {
  Dashboard, Missions, Mission, Properties, Property, PropertyForm, Leases, Lease, LeaseForm,
  Acquisitions, Acquisition, Projects, Project,
} from "/web/register.js";
import { Budget } from "/web/finance.js";
import { Reports } from "/web/reports.js";
import { Journal, History } from "/web/audit.js";
import { Import } from "/web/exchange.js";
import { IssuedReports } from "/web/issues.js";
import { Plan, DataQuality } from "/web/decisions.js";
import { Approvals, usePendingCount } from "/web/approvals.js";

// ---- pages ------------------------------------------------------------------------------

function SignIn({ t, notice, onSignedIn }) {
  const [user, setUser] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState(notice || "");
  const [busy, setBusy] = useState(false);
  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    setError("");
    try {
      const { data } = await api("POST", "/api/v1/session", { user, password });
      onSignedIn(data);
    } catch (e) {
      setError(e.status === 401 ? t("wrong")
        : e.status === 429 ? t("locked").replace("{s}", e.retryAfter || "900")
        : e.message);
      setBusy(false);
    }
  }
  return html`
    <main class="signin">
      <h1>${t("app")}</h1>
      <form onSubmit=${submit}>
        <label for="user">User name</label>
        <input id="user" name="user" autocomplete="username" required value=${user}
          onInput=${(e) => setUser(e.target.value)} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password"
          required value=${password} onInput=${(e) => setPassword(e.target.value)} />
        ${error && html`<p class="error" role="alert">${error}</p>`}
        <button type="submit" disabled=${busy}>Sign in</button>
      </form>
    </main>`;
}

// ---- the shell --------------------------------------------------------------------------

function route() {
  const parts = (location.hash.replace(/^#\/?/, "") || "dashboard").split("/");
  return { page: parts[0], id: parts[1], action: parts[2], rest: parts[3] };
}

function Shell({ session, t, lang, setLang, onSignOut }) {
  const [where, setWhere] = useState(route());
  const [asOf, setAsOf] = useState("");
  useEffect(() => {
    const moved = () => setWhere(route());
    addEventListener("hashchange", moved);
    return () => removeEventListener("hashchange", moved);
  }, []);
  const role = session.role;
  const pending = usePendingCount(session);
  // The navigation: [page, accessible name (API.md), word shown], for the roles that may use it.
  const links = role === "admin" ? [] : [["dashboard", "Dashboard", "dashboard"], ["missions", "Missions", "missions"],
    ["properties", "Properties", "properties"], ["leases", "Leases", "leases"], ["acquisitions", "Acquisitions", "acquisitions"],
    ["projects", "Projects", "projects"], ["budget", "Budget", "budgetNav"], ["plan", "Plan", "plan"], ["reports", "Reports", "reports"],
    ["issued-reports", "Issued reports", "issuedReports"], ["data-quality", "Data quality", "dataQuality"],
    ...(role === "auditor" ? [["journal", "Journal", "journal"]] : [["import", "Import", "importTitle"]]),
    ...(role === "admin" ? [] : [["approvals", "Approvals", "approvals"]])];
  // Opens `page` with the whole UI as it stood at `instant` (from the journal and history).
  const openAsOf = (instant, page) => { setAsOf(instant); location.hash = page; };
  const writing = where.page !== "budget" && (where.id === "new" || where.action === "edit");
  const page = asOf && writing ? html`<p role="status">${t("readOnly")}</p>`
    : where.page === "properties" && where.id === "new" ? html`<${PropertyForm} t=${t} role=${role} />`
    : where.page === "properties" && where.action === "edit" ? html`<${PropertyForm} t=${t} id=${where.id} role=${role} />`
    : where.page === "properties" && where.id ? html`<${Property} t=${t} lang=${lang} id=${where.id} asOf=${asOf} role=${role} />`
    : where.page === "properties" ? html`<${Properties} t=${t} asOf=${asOf} role=${role} />`
    : where.page === "acquisitions" && where.id ? html`<${Acquisition} t=${t} lang=${lang} id=${where.id} asOf=${asOf} role=${role} />`
    : where.page === "acquisitions" ? html`<${Acquisitions} t=${t} asOf=${asOf} />`
    : where.page === "missions" && where.id ? html`<${Mission} t=${t} lang=${lang} id=${where.id} asOf=${asOf} role=${role} />`
    : where.page === "missions" ? html`<${Missions} t=${t} lang=${lang} asOf=${asOf} />`
    : where.page === "leases" && where.id === "new" ? html`<${LeaseForm} t=${t} role=${role} />`
    : where.page === "leases" && where.action === "edit" ? html`<${LeaseForm} t=${t} id=${where.id} role=${role} />`
    : where.page === "leases" && where.id ? html`<${Lease} t=${t} lang=${lang} id=${where.id} asOf=${asOf} role=${role} />`
    : where.page === "leases" ? html`<${Leases} t=${t} asOf=${asOf} role=${role} />`
    : where.page === "projects" && where.id ? html`<${Project} t=${t} lang=${lang} id=${where.id} asOf=${asOf} role=${role} />`
    : where.page === "projects" ? html`<${Projects} t=${t} lang=${lang} asOf=${asOf} />`
    : where.page === "budget" && role !== "admin" ? html`<${Budget} t=${t} lang=${lang} asOf=${asOf} role=${role}
        tab=${where.id} id=${where.action} action=${where.rest} />`
    : where.page === "reports" && role !== "admin" ? html`<${Reports} t=${t} lang=${lang} asOf=${asOf} name=${where.id} arg=${where.action} role=${role} />`
    : where.page === "issued-reports" && role !== "admin" ? html`<${IssuedReports} t=${t} lang=${lang} id=${where.id} />`
    : where.page === "plan" && role !== "admin" ? html`<${Plan} t=${t} asOf=${asOf} />`
    : where.page === "data-quality" && role !== "admin" ? html`<${DataQuality} t=${t} lang=${lang} asOf=${asOf} />`
    : where.page === "journal" && role === "auditor" ? html`<${Journal} t=${t} lang=${lang} openAsOf=${openAsOf} />`
    : where.page === "approvals" && role !== "admin" ? html`<${Approvals} t=${t} lang=${lang} session=${session} id=${where.id} />`
    : where.page === "import" && role !== "admin" ? html`<${Import} t=${t} asOf=${asOf} role=${role} />`
    : where.page === "history" && role === "auditor" ? html`<${History} t=${t} lang=${lang} entity=${where.id} id=${where.action} openAsOf=${openAsOf} />`
    : session.role === "admin" ? html`<p>${session.user} (admin)</p>`
    : html`<${Dashboard} t=${t} lang=${lang} asOf=${asOf} role=${role} />`;
  return html`
    <header class="top">
      <span class="brand">${t("app")}</span>
      <span class="who">${session.user}${session.email ? html` <span class="sub" id="user-email">&lt;${session.email}&gt;</span>` : ""} · ${session.role}</span>
      <label for="asof">As of</label>
      <input id="asof" type="date" value=${asOf.slice(0, 10)} onChange=${(e) => setAsOf(e.target.value)} />
      <button class="quiet" type="button" lang=${lang === "zh" ? "en" : "zh-Hant"}
        onClick=${() => setLang(lang === "zh" ? "en" : "zh")}>${lang === "zh" ? "English" : "中文"}</button>
      <button type="button" onClick=${onSignOut}>Sign out</button>
    </header>
    <nav class="main" aria-label="Main">
      ${links.map(([key, name, shown]) => {
        // The Approvals link counts what waits for the user's decision (name and count alike).
        const count = key === "approvals" && pending ? pending : 0;
        return html`<a id=${"nav-" + key} href=${"#/" + key} aria-current=${where.page === key ? "page" : undefined}
          aria-label=${count ? `${name} ${count}` : name}>${t(shown)}${count ? html` <span class="count">${count}</span>` : ""}</a>`;
      })}
    </nav>
    ${asOf && html`<p class="asof-note" role="status">${asOf.length > 10 ? t("asOfInstant") : t("asOfNote")} ${asOf}
      <button type="button" class="quiet" onClick=${() => setAsOf("")}>${t("clearAsOf")}</button></p>`}
    <main id="content">${page}</main>`;
}

function App() {
  const [lang, setLangState] = useState(initialLanguage());
  const [session, setSession] = useState(undefined);  // undefined: asking; null: signed out
  const [notice, setNotice] = useState("");
  const t = (key) => (WORDS[lang][key] ?? WORDS.en[key] ?? key);
  const setLang = (l) => { localStorage.setItem("estate.lang", l); setLangState(l); };
  useEffect(() => { document.documentElement.lang = lang === "zh" ? "zh-Hant" : "en"; }, [lang]);
  useEffect(() => {
    setOnSignedOut((expired) => { setCsrfToken(""); setSession(null); if (expired) setNotice(WORDS[lang].ended); });
    api("GET", "/api/v1/session").then(({ data }) => { setCsrfToken(data.csrf_token); setSession(data); },
      () => setSession(null));
  }, []);
  if (session === undefined) return html`<p class="loading">${t("loading")}</p>`;
  if (!session) {
    return html`<${SignIn} t=${t} notice=${notice}
      onSignedIn=${(s) => { setCsrfToken(s.csrf_token); setNotice(""); setSession(s); location.hash = "#/dashboard"; }} />`;
  }
  async function signOut() {
    try { await api("DELETE", "/api/v1/session"); } finally { setCsrfToken(""); setSession(null); }
  }
  return html`<${Shell} session=${session} t=${t} lang=${lang} setLang=${setLang} onSignOut=${signOut} />`;
}

render(html`<${App} />`, document.getElementById("app"));
