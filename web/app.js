// Mission Estate's web client: sign-in and the application shell — the header (user, As of,
// language, Sign out), the navigation each role may use, and which page a URL shows. The pages
// live in register.js, finance.js, reports.js and audit.js; what they share in core.js.
import { html, render, useEffect, useState } from "/web/vendor/htm-preact-3.1.1.js";
import { WORDS, DateInput, Flash, localTime, USER_ZONE, initialLanguage, setLanguage, api, setCsrfToken, setOnSignedOut } from "/web/core.js";
import {
  Dashboard, Missions, Mission, Properties, Property, PropertyForm, Leases, Lease, LeaseForm,
  Acquisitions, Acquisition, Projects, Project,
} from "/web/register.js";
import { Import } from "/web/exchange.js";
import { Plan, DataQuality } from "/web/decisions.js";
import { Approvals, usePendingCount } from "/web/approvals.js";

// The pages of the budget, reports, the journal and issued reports load when first opened
// (dynamic import), so the dashboard's first load carries only what it shows.
const LAZY = {
  finance: () => import("/web/finance.js"), reports: () => import("/web/reports.js"),
  audit: () => import("/web/audit.js"), issues: () => import("/web/issues.js"),
};
const loaded = {};
function Lazy({ module, page, ...props }) {
  const [, setLoaded] = useState(0);
  const mod = loaded[module];  // by module: one Lazy may show the budget, then a report
  useEffect(() => {
    if (!mod) LAZY[module]().then((m) => { loaded[module] = m; setLoaded((n) => n + 1); });
  }, [module]);
  if (!mod) return html`<p class="sub">${props.t("loading")}</p>`;
  const Page = mod[page];
  return html`<${Page} ...${props} />`;
}

// ---- pages ------------------------------------------------------------------------------

function SignIn({ t, notice, signedOut, onSignedIn }) {
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
        <label for="user">${t("userName")}</label>
        <input id="user" name="user" autocomplete="username" required value=${user}
          onInput=${(e) => setUser(e.target.value)} />
        <label for="password">${t("password")}</label>
        <input id="password" name="password" type="password" autocomplete="current-password"
          required value=${password} onInput=${(e) => setPassword(e.target.value)} />
        ${error && html`<p class=${notice === error && signedOut ? "notice" : "error"} role=${notice === error && signedOut ? "status" : "alert"}>${error}</p>`}
        <button id="sign-in" type="submit" disabled=${busy}>${t("signIn")}</button>
      </form>
    </main>`;
}

// The time a page is printed, in the user's zone: now, and again as the browser prints.
function PrintTime({ lang }) {
  const [now, setNow] = useState(new Date().toISOString());
  useEffect(() => {
    const update = () => setNow(new Date().toISOString());
    addEventListener("beforeprint", update);
    return () => removeEventListener("beforeprint", update);
  }, []);
  return localTime(now, USER_ZONE, lang);
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
  // The navigation: [page, word shown and named by], for the roles that may use it.
  const links = role === "admin" ? [] : [["dashboard", "dashboard"], ["missions", "missions"],
    ["properties", "properties"], ["leases", "leases"], ["acquisitions", "acquisitions"],
    ["projects", "navProjects"], ["budget", "budgetNav"], ["plan", "plan"], ["reports", "reports"],
    ["issued-reports", "issuedReports"], ["data-quality", "dataQuality"],
    ...(role === "auditor" ? [["journal", "journal"]] : [["import", "importTitle"]]),
    ...(role === "admin" ? [] : [["approvals", "approvals"]])];
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [where]);
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
    : where.page === "budget" && role !== "admin" ? html`<${Lazy} module="finance" page="Budget" t=${t} lang=${lang} asOf=${asOf} role=${role}
        tab=${where.id} id=${where.action} action=${where.rest} />`
    : where.page === "reports" && role !== "admin" ? html`<${Lazy} module="reports" page="Reports" t=${t} lang=${lang} asOf=${asOf} name=${where.id} arg=${where.action} role=${role} />`
    : where.page === "issued-reports" && role !== "admin" ? html`<${Lazy} module="issues" page="IssuedReports" t=${t} lang=${lang} id=${where.id} />`
    : where.page === "plan" && role !== "admin" ? html`<${Plan} t=${t} asOf=${asOf} />`
    : where.page === "data-quality" && role !== "admin" ? html`<${DataQuality} t=${t} lang=${lang} asOf=${asOf} />`
    : where.page === "journal" && role === "auditor" ? html`<${Lazy} module="audit" page="Journal" t=${t} lang=${lang} openAsOf=${openAsOf} />`
    : where.page === "approvals" && role !== "admin" ? html`<${Approvals} t=${t} lang=${lang} session=${session} id=${where.id} />`
    : where.page === "import" && role !== "admin" ? html`<${Import} t=${t} asOf=${asOf} role=${role} />`
    : where.page === "history" && role === "auditor" ? html`<${Lazy} module="audit" page="History" t=${t} lang=${lang} entity=${where.id} id=${where.action} openAsOf=${openAsOf} />`
    : session.role === "admin" ? html`<h1>${t("admin_role")}</h1><p>${session.user} (${t("admin_role")})</p>`
    : html`<${Dashboard} t=${t} lang=${lang} asOf=${asOf} role=${role} />`;
  return html`
    <header class="top">
      <span class="brand">${t("app")}</span>
      <span class="who" id="who">${session.user}${session.email ? html` <span class="sub" id="user-email">&lt;${session.email}&gt;</span>` : ""} · ${t(session.role + "_role")}</span>
      <label for="as-of">${t("asOf")}</label>
      <${DateInput} id="as-of" value=${asOf.slice(0, 10)} onInput=${(e) => {
        const v = e.target.value;  // a whole date (ISO, or 民國 as typed in 中文) or nothing
        if (v === "" || /^\d{4}-\d\d-\d\d$/.test(v)) setAsOf(v);
      }} />
      <button id="language" class="quiet" type="button" lang=${lang === "zh" ? "en" : "zh-Hant-TW"}
        onClick=${() => setLang(lang === "zh" ? "en" : "zh")}>${lang === "zh" ? "English" : "中文"}</button>
      <button id="sign-out" type="button" onClick=${onSignOut}>${t("signOut")}</button>
      ${links.length > 0 && html`<button id="menu" type="button" class="quiet menu-button" aria-expanded=${menuOpen ? "true" : "false"}
        aria-controls="main-nav" onClick=${() => setMenuOpen(!menuOpen)}>${t("menu")}</button>`}
    </header>
    <nav id="main-nav" class=${"main" + (menuOpen ? " open" : "")} aria-label=${t("mainNav")}>
      ${links.map(([key, shown]) => {
        // The Approvals link counts what waits for the user's decision (shown and named alike).
        const count = key === "approvals" && pending ? pending : 0;
        return html`<a id=${"nav-" + key} href=${"#/" + key} aria-current=${where.page === key ? "page" : undefined}
          onClick=${() => setMenuOpen(false)}>${t(shown)}${count ? html` <span class="count">${count}</span>` : ""}</a>`;
      })}
    </nav>
    ${asOf && html`<p class="asof-note" role="status">${asOf.length > 10 ? t("asOfInstant") : t("asOfNote")} ${asOf}
      <button type="button" class="quiet" onClick=${() => setAsOf("")}>${t("clearAsOf")}</button></p>`}
    <div class="print-head print-only" id="print-head"><strong>${t("ministry")}</strong>
      <span>${t("printedAt")} <${PrintTime} lang=${lang} /> · ${t("preparedBy")} ${session.user}</span></div>
    <main id="content"><${Flash} />${page}</main>`;
}

function App() {
  const [lang, setLangState] = useState(initialLanguage());
  const [session, setSession] = useState(undefined);  // undefined: asking; null: signed out
  const [notice, setNotice] = useState("");
  const [signedOut, setSignedOut] = useState(false);  // the notice says the user signed out
  const t = (key) => (WORDS[lang][key] ?? WORDS.en[key] ?? key);
  const setLang = (l) => { localStorage.setItem("estate.lang", l); setLangState(l); };
  setLanguage(lang);  // before the pages read: their requests ask for this language
  useEffect(() => { document.title = WORDS[lang].app; }, [lang]);
  useEffect(() => {
    setOnSignedOut((expired) => { setCsrfToken(""); setSession(null); if (expired) setNotice(WORDS[lang].ended); });
    setSignedOut(false);
    api("GET", "/api/v1/session").then(({ data }) => { setCsrfToken(data.csrf_token); setSession(data); },
      () => setSession(null));
  }, []);
  if (session === undefined) return html`<p class="loading">${t("loading")}</p>`;
  if (!session) {
    return html`<${SignIn} t=${t} notice=${notice} signedOut=${signedOut}
      onSignedIn=${(s) => { setCsrfToken(s.csrf_token); setNotice(""); setSession(s); location.hash = "#/dashboard"; }} />`;
  }
  async function signOut() {
    try { await api("DELETE", "/api/v1/session"); } finally {
      setCsrfToken(""); setNotice(WORDS[lang].signedOutNotice); setSignedOut(true); setSession(null);
    }
  }
  return html`<${Shell} session=${session} t=${t} lang=${lang} setLang=${setLang} onSignOut=${signOut} />`;
}

render(html`<${App} />`, document.getElementById("app"));
