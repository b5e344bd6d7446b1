// The web client in 中文, page by page and role by role (DESIGN.md "Words and formats for
// Taiwan"): every page each role may open is visited in Debian's Chromium with the language set
// to 中文, and the test fails on any visible English word — text on the page, an accessible name
// (aria-label), a placeholder, an image's alt — that is not
//   - a code: a word in capitals and digits (SYD-OFF-1, MOFA, TWD, NT$, CSV, BAC), or text in a
//     <code> element (a command, a hash, a field path);
//   - data as entered: a word of a record's free text (a name, an address, a lessor, a
//     description, a user name, a time zone) as the API answers it to that role;
//   - one of the few words of ALLOWED (the language switch names its language in English).
// Each page also gets axe-core in 中文, label-in-name included (no serious or critical
// violation), and a screenshot under the output folder (zh-*.png), at 1280 px and at 390 px.
//   node tests/ui/untranslated.mjs ESTATE_SERVER_BINARY OUTPUT_FOLDER
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import assert from "node:assert/strict";
import { accessible, startDemo } from "./harness.mjs";

// The switch to English is written in English; "m²" is the unit of area; Excel, its .xlsx and
// Big5 are names of formats.
const ALLOWED = new Set(["English", "m²", "Excel", "xlsx", "Big5"]);
// The fields of the API's records whose text is data as entered (not an enumeration).
const DATA_FIELDS = new Set(["name", "name_en", "name_zh", "address", "lessor", "description", "city", "country",
  "time_zone", "counterparty", "title", "note", "user", "requested_by", "decided_by", "issued_by", "file_name",
  "filename", "made_by", "approved_by", "actor"]);

const [binary, out] = process.argv.slice(2);
const demo = await startDemo(binary, out, ["facilities", "finance", "auditor", "admin"].map((r) => [`demo-${r}`, r]));
const { base, browser, check } = demo;
const passwords = Object.fromEntries(Object.entries(demo.passwords).map(([name, p]) => [name.slice(5), p]));

// The words of the records' free text the role can read, from the API as the page reads it.
async function dataWords(page) {
  const words = new Set();
  const walk = (value, key) => {
    if (typeof value === "string") {
      if (DATA_FIELDS.has(key)) for (const w of value.match(/[A-Za-z][A-Za-z0-9_'’.-]*/g) ?? []) words.add(w.replace(/[.'’-]+$/, ""));
    } else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value && typeof value === "object") Object.entries(value).forEach(([k, v]) => walk(v, k));
  };
  for (const path of ["missions", "properties", "leases", "acquisitions", "projects", "budget-lines", "expenditures",
    "commitments", "change-requests", "report-issues", "journal", "session"]) {
    const r = await page.request.get(`${base}/api/v1/${path}${path === "session" ? "" : "?limit=500"}`);
    if (r.ok()) walk(await r.json(), "");
  }
  return words;
}

// The visible English words on the page that are neither codes, data nor allowed.
async function englishOn(page, data) {
  const found = await page.evaluate(() => {
    const texts = [];
    const visible = (el) => el && el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest("code, script, style, noscript, option") || !visible(el)) continue;
      texts.push([n.textContent, el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")]);
    }
    for (const el of document.querySelectorAll("select")) {
      if (visible(el) && el.selectedOptions[0]) texts.push([el.selectedOptions[0].textContent, "select option"]);
    }
    for (const el of document.querySelectorAll("[aria-label], [placeholder], img[alt], [title]")) {
      for (const a of ["aria-label", "placeholder", "alt", "title"]) {
        const v = el.getAttribute(a);
        if (v) texts.push([v, `${el.tagName.toLowerCase()}[${a}]`]);
      }
    }
    texts.push([document.title, "title"]);
    return texts;
  });
  const bad = [];
  for (const [text, where] of found) {
    for (const w of text.match(/[A-Za-z][A-Za-z0-9_$²'’.-]*/g) ?? []) {
      const bare = w.replace(/[.'’-]+$/, "");
      // a code: capitals and digits (SYD-OFF-1, NT$), or an identifier with an underscore (fx_rates)
      if (/^[A-Z0-9][A-Z0-9_$.-]*$/.test(bare) || bare.includes("_")) continue;
      if (ALLOWED.has(bare) || data.has(bare) || data.has(w)) continue;
      bad.push(`${bare} (${where}: "${text.trim().slice(0, 60)}")`);
    }
  }
  return [...new Set(bad)];
}

// The pages each role may open, by address.
const COMMON = ["#/dashboard", "#/missions", "#/missions/1", "#/properties", "#/properties/1", "#/leases", "#/leases/1",
  "#/acquisitions", "#/acquisitions/1", "#/projects", "#/projects/1", "#/budget", "#/budget/expenditures",
  "#/budget/commitments", "#/budget/fx", "#/budget/forecast", "#/plan", "#/data-quality",
  "#/reports/ownership", "#/reports/rent-savings", "#/reports/lease-vs-buy", "#/reports/budget-execution",
  "#/reports/earned-value", "#/reports/lease-events", "#/reports/co-location", "#/reports/acquisition-pipeline",
  "#/issued-reports", "#/approvals"];
const PAGES = {
  facilities: [...COMMON, "#/import", "#/properties/new", "#/properties/1/edit", "#/leases/new", "#/leases/1/edit"],
  finance: [...COMMON, "#/import", "#/budget/expenditures/new", "#/budget/commitments/new"],
  auditor: [...COMMON, "#/journal", "#/history/property/1", "#/properties/1/edit"],
  admin: ["#/dashboard"],
};

for (const role of Object.keys(PAGES)) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-TW" });
  await context.addInitScript(() => localStorage.setItem("estate.lang", "zh"));
  const page = await context.newPage();
  await check(`${role}: the sign-in page is in 中文`, async () => {
    await page.goto(base + "/");
    await page.locator("#user").waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-Hant-TW");
    const bad = await englishOn(page, new Set());
    assert.deepEqual(bad, [], "English on the sign-in page");
    if (role === "facilities") { await page.screenshot({ path: `${out}/zh-sign-in.png` }); await accessible(page, "sign-in"); }
    await page.locator("#user").fill(`demo-${role}`);
    await page.locator("#password").fill(passwords[role]);
    await page.locator("#sign-in").click();
    await page.locator("#sign-out").waitFor();
  });
  const data = await dataWords(page);
  for (const hash of PAGES[role]) {
    await check(`${role}: ${hash} is in 中文`, async () => {
      await page.goto(base + "/" + hash);
      await page.locator("main h1, main [role=alert]").first().waitFor();
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(150);
      const bad = await englishOn(page, data);
      const name = `zh-${role}-${hash.replace(/^#\//, "").replace(/\//g, "-")}`;
      await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
      assert.deepEqual(bad, [], `English on ${hash}`);
      await accessible(page, hash);
    });
  }
  if (role === "finance") {
    await check("finance: a report printed in 中文 carries 外交部, the print time, who prepared it and 第 n 頁，共 m 頁", async () => {
      await page.goto(base + "/#/reports/budget-execution");
      await page.locator("main h1").first().waitFor();
      await page.locator("#p-fiscal_year").fill("115");
      await page.locator("form.params button[type=submit]").click();
      await page.locator("article.report table").first().waitFor();
      await page.emulateMedia({ media: "print" });
      const pdfPath = `${out}/zh-budget-execution.pdf`;
      await page.pdf({ path: pdfPath, format: "A4", preferCSSPageSize: true, printBackground: true });
      await page.emulateMedia({ media: "screen" });
      const text = execFileSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" });
      writeFileSync(`${out}/zh-budget-execution.pdf.txt`, text);
      for (const want of ["外交部", "列印時間", "製表人 demo-finance", "預算執行"]) assert.ok(text.includes(want), `the PDF lacks ${want}`);
      assert.match(text, /第 1 頁，共 \d+ 頁/);
      assert.match(text, /NT\$1,580,000,000/);
      assert.ok(!/Page \d+ of/.test(text), "an English page number in the 中文 PDF");
    });
  }
  if (role === "facilities") {
    await check("facilities: a 民國 date that is no day is refused once, beside its field, and nothing is sent", async () => {
      await page.goto(base + "/#/leases/new");
      await page.locator("#l-property_id").selectOption({ index: 1 });
      await page.locator("#l-lessor").fill("測試出租人");
      await page.locator("#l-start").fill("113/1/1");
      await page.locator("#l-amount").fill("1000000");
      await page.locator("#l-currency").fill("JPY");
      await page.locator("#l-end").fill("115/2/30");  // no such day
      const sent = [];
      const watch = (r) => { if (r.method() === "POST" && r.url().includes("/api/v1/leases")) sent.push(r.url()); };
      page.on("request", watch);
      await page.locator("#l-end").press("Enter");  // submitted from the field itself, never left
      await page.locator("#l-end[aria-invalid=true]").waitFor();
      await page.waitForTimeout(300);
      page.off("request", watch);
      assert.deepEqual(sent, [], "a date the client refuses was sent to the server as well");
      assert.equal(await page.locator("main .field-error").count(), 1, "the mistake is said more than once");
      assert.equal(await page.locator("main .field-error").first().textContent(), "日期有誤：請依 115/6/30 格式輸入實際存在的日期。");
      assert.equal(await page.locator("main [role=alert]").count(), 0, "a server refusal for a date the client refused");
      assert.equal(await page.evaluate(() => document.activeElement?.id), "l-end");
    });
    await check("facilities: a lease the server refuses says why in 中文 with no English word, then saves with ISO dates", async () => {
      await page.locator("#l-end").fill("112/12/31");  // a real day, before the start 113/1/1
      await page.locator("#save").click();
      await page.locator("main [role=alert]").first().waitFor();
      await page.locator("#l-end[aria-invalid=true]").waitFor();
      assert.equal(await page.locator("main [role=alert]").first().textContent(), "未儲存：資料有誤，請修正標示的欄位");
      assert.equal(await page.locator("#err-end").textContent(), "不可早於起租日");
      assert.deepEqual(await englishOn(page, data), [], "English on the refused lease form");
      await page.screenshot({ path: `${out}/zh-lease-form-refused.png`, fullPage: true });
      await accessible(page, "a refused lease form");
      await page.locator("#l-end").fill("115/12/31");
      await page.locator("#save").click();
      await page.locator("#flash").filter({ hasText: "已新增。" }).waitFor();
      const id = page.url().match(/#\/leases\/(\d+)/)[1];
      const lease = await (await page.request.get(`${base}/api/v1/leases/${id}`)).json();
      assert.deepEqual([lease.start, lease.end], ["2024-01-01", "2026-12-31"]);
      await page.getByText("113/01/01 – 115/12/31").first().waitFor();
      await page.screenshot({ path: `${out}/zh-lease-saved.png`, fullPage: true });
    });
    await check("facilities: at 390 px the dashboard and the property form are in 中文 and fit", async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const hash of ["#/dashboard", "#/properties", "#/properties/new", "#/leases/1"]) {
        await page.goto(base + "/" + hash);
        await page.locator("main h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: `${out}/zh-phone-${hash.replace(/^#\//, "").replace(/\//g, "-")}.png`, fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `${hash} is ${overflow} px wider than the phone`);
        assert.ok(await page.locator("#menu").isVisible() && !(await page.locator("#nav-dashboard").isVisible()),
          "the navigation folds behind the menu button");
      }
      // The property list is a card a property: the floor area is on screen, not scrolled away.
      await page.goto(base + "/#/properties");
      const areaCell = page.locator("table.stack td.num").first();
      await areaCell.waitFor();
      const box = await areaCell.boundingBox();
      assert.ok(box && box.x + box.width <= 390, `the floor area lies at ${box?.x}+${box?.width} px`);
    });
  }
  await context.close();
}

await demo.finish("check");
