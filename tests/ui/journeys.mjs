// Browser journeys through the web client, in Debian's Chromium driven by Playwright
// (playwright-core, executablePath /usr/bin/chromium), against a real estate-server on a
// loopback port with the demo register: sign-in (a wrong password, the lockout), the dashboard,
// the property register and a property's tenure, "As of", the language switch, sign-out, and a
// cookie write without the CSRF token. Each page gets an axe-core check (no serious or critical
// violation) and a screenshot under the build folder.
//   node tests/ui/journeys.mjs ESTATE_SERVER_BINARY OUTPUT_FOLDER
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

if (!existsSync("/usr/bin/chromium")) {
  console.log("no /usr/bin/chromium: install it (infra/setup.sh does)");
  process.exit(process.env.ESTATE_TEST_REQUIRE_TOOLS ? 1 : 77);
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [binary, out] = process.argv.slice(2);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const db = `sqlite:${out}/estate.db`;
const cli = (...args) => execFileSync(binary, ["--db", db, ...args], { encoding: "utf8" }).trim();
cli("migrate");
cli("seed-demo");
const password = cli("user", "create", "--user", "demo-facilities", "--role", "facilities", "--generate");
cli("user", "create", "--user", "locked-out", "--role", "auditor", "--generate");

const server = spawn(binary, ["--db", db, "serve", "--listen", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "ignore"] });
const base = await new Promise((resolve, reject) => {
  let seen = "";
  server.stdout.on("data", (chunk) => {
    seen += chunk;
    const m = seen.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    if (m) resolve(m[1]);
  });
  server.on("exit", (code) => reject(new Error(`estate-server exited with ${code}`)));
  setTimeout(() => reject(new Error("estate-server did not start")), 30000);
});

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const failures = [];
async function journey(name, fn) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    failures.push(name);
    console.log(`FAIL ${name}\n     ${e.stack || e}`);
  }
}

// axe-core in the page: no serious or critical violation.
async function accessible(page, label) {
  // Evaluated through the browser's debugging protocol: the page's own CSP (no inline
  // script) would rightly refuse it as a script tag.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), [], `axe on ${label}`);
}
const shot = (page, name) => page.screenshot({ path: `${out}/${name}.png`, fullPage: true });

async function signIn(page, user, pass) {
  await page.goto(base + "/");
  await page.getByLabel("User name").fill(user);
  await page.getByLabel("Password").fill(pass);
  await page.getByRole("button", { name: "Sign in" }).click();
}

await journey("a wrong password is refused in words, and the sign-in page is accessible", async () => {
  const page = await browser.newPage();
  await page.goto(base + "/");
  await shot(page, "sign-in");
  await accessible(page, "sign-in");
  await signIn(page, "demo-facilities", "certainly not the password");
  await page.getByRole("alert").filter({ hasText: "wrong" }).waitFor();
  await page.close();
});

await journey("repeated failures lock the name and say for how long", async () => {
  const page = await browser.newPage();
  for (let i = 0; i < 5; ++i) {
    await signIn(page, "locked-out", "certainly not the password");
    await page.getByRole("alert").waitFor();
  }
  await page.getByRole("alert").filter({ hasText: "900" }).waitFor();
  await page.close();
});

const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
let firstLoadBytes = 0;
page.on("response", async (r) => {
  const length = Number((await r.allHeaders())["content-length"] || 0);
  firstLoadBytes += length;
});

await journey("the facilities user signs in and sees the dashboard", async () => {
  await signIn(page, "demo-facilities", password);
  await page.getByRole("heading", { name: "Dashboard" }).waitFor();
  await page.getByText("demo-facilities").waitFor();
  await page.getByRole("heading", { name: /Ownership ratio/ }).waitFor();
  await page.getByText("%", { exact: false }).first().waitFor();
  await page.getByRole("img", { name: /ownership ratio/i }).waitFor();
  await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0));
  await page.waitForLoadState("networkidle");
  console.log(`     first load, sign-in page and dashboard: ${firstLoadBytes} bytes (Content-Length of every response)`);
  await shot(page, "dashboard");
  await accessible(page, "dashboard");
});

await journey("the property register lists the Sydney office and shows its tenure", async () => {
  await page.getByRole("link", { name: "Properties", exact: true }).click();
  await page.getByRole("link", { name: "SYD-OFF-1" }).click();
  await page.getByRole("heading", { name: /Tenure history/ }).waitFor();
  await shot(page, "property");
  await accessible(page, "property");
});

await journey("a mission's page lists its properties and leases", async () => {
  await page.getByRole("link", { name: "Missions", exact: true }).click();
  await page.getByRole("link", { name: "SYD", exact: true }).click();
  await page.getByRole("heading", { name: /^SYD · / }).waitFor();
  await page.getByRole("link", { name: "SYD-OFF-1" }).waitFor();
  await page.getByRole("heading", { name: "Leases" }).waitFor();
  await shot(page, "mission");
  await accessible(page, "mission");
  await page.getByRole("link", { name: "SYD-OFF-1" }).click();
  await page.getByRole("heading", { name: /Tenure history/ }).waitFor();
});

await journey("a lease shows its rent schedule after escalation, from the server", async () => {
  await page.getByRole("link", { name: "Leases", exact: true }).click();
  await page.getByRole("link", { name: "Lease 1", exact: true }).click();
  await page.getByRole("heading", { name: "Rent schedule" }).waitFor();
  await page.locator("section.schedule tbody tr").first().waitFor();
  const rows = await page.locator("section.schedule tbody tr").count();
  assert.ok(rows >= 2, `a schedule of ${rows} rows`);
  await shot(page, "lease");
  await accessible(page, "lease");
});

await journey("a lease is created with fixed escalation and an option, and its schedule follows", async () => {
  await page.goto(base + "/#/leases/new");
  await page.getByLabel("Property", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Lessor").fill("Test Lessor KK");
  await page.getByLabel("Start").fill("2024-01-01");
  await page.getByLabel("End", { exact: true }).fill("2026-12-31");
  await page.getByLabel("Rent", { exact: true }).fill("1000000");
  await page.getByLabel("Currency").fill("JPY");
  await page.getByLabel("Escalation").selectOption("fixed_pct");
  await page.getByLabel("Percent a year").fill("2.5");
  await page.getByRole("button", { name: "Add an option" }).click();
  await page.getByLabel("exercise by 1").fill("2026-06-30");
  await page.getByLabel("Years 1").fill("3");
  await shot(page, "lease-form");
  await accessible(page, "lease form");
  await page.getByRole("button", { name: "Create" }).click();
  await page.getByRole("heading", { name: /Test Lessor KK/ }).waitFor();
  await page.locator("section.schedule tbody tr").nth(2).waitFor();  // 2024, 2025, 2026
});

await journey("As of shows the register as it stood that day, and the language switches", async () => {
  // The demo register was recorded today: as of yesterday, the Sydney office was not in it.
  const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
  await page.getByRole("link", { name: "Properties", exact: true }).click();
  await page.getByRole("link", { name: "SYD-OFF-1" }).click();
  await page.getByRole("heading", { name: /Tenure history/ }).waitFor();
  await page.getByLabel("As of").fill(yesterday);
  await page.getByRole("status").filter({ hasText: yesterday }).waitFor();
  await page.getByText("There is no such property.").waitFor();
  await page.getByRole("button", { name: "中文" }).click();
  await page.getByRole("button", { name: "English" }).waitFor();
  await page.getByText("查無此館產。").waitFor();
  await shot(page, "property-as-of-yesterday-zh");
  await page.getByRole("button", { name: "English" }).click();
  // While As of is set the register is read-only, even for a form's address typed by hand.
  await page.evaluate(() => { location.hash = "#/properties/new"; });
  await page.getByRole("status").filter({ hasText: "read-only" }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Create" }).count(), 0);
  await page.evaluate(() => { history.back(); });
  await page.getByLabel("As of").fill("");
  await page.getByRole("heading", { name: /Tenure history/ }).waitFor();
});

await journey("a new property with two tenure intervals is created and shows both", async () => {
  await page.getByRole("link", { name: "Properties", exact: true }).click();
  await page.getByRole("link", { name: "New property" }).click();
  await page.getByLabel("Code").fill("TST-OFF-1");
  await page.getByLabel("Name", { exact: true }).fill("Test office");
  await page.getByLabel("Floor area (m²)").fill("321.50");
  await page.getByLabel("Agencies").fill("MOFA, MOEA");
  await page.getByLabel("from 1").fill("2020-01-01");
  await page.getByLabel("to 1").fill("2023-12-31");
  await page.getByRole("button", { name: "Add a tenure interval" }).click();
  await page.getByLabel("Type 2").selectOption("owned");
  await page.getByLabel("from 2").fill("2024-01-01");
  await shot(page, "property-form");
  await accessible(page, "property form");
  await page.getByRole("button", { name: "Create" }).click();
  await page.getByRole("heading", { name: "TST-OFF-1 · Test office" }).waitFor();
  await page.getByText("from 2020-01-01 to 2023-12-31").waitFor();
  await page.getByText("from 2024-01-01 to open").waitFor();
});

await journey("a negative area shows the field's error and stores nothing", async () => {
  await page.goto(base + "/#/properties/new");
  await page.getByLabel("Code").fill("TST-NEG-1");
  await page.getByLabel("Name", { exact: true }).fill("Negative");
  await page.getByLabel("Floor area (m²)").fill("-5.00");
  await page.getByLabel("from 1").fill("2020-01-01");
  await page.getByRole("button", { name: "Create" }).click();
  await page.locator("#err-floor_area_m2").filter({ hasText: "negative" }).waitFor();
  await page.getByRole("alert").filter({ hasText: "Nothing was saved" }).waitFor();
  const found = await page.request.get(base + "/api/v1/properties?code=TST-NEG-1");
  assert.equal((await found.json()).items.length, 0);
});

await journey("two tabs edit one property: the second save is refused and offers a reload", async () => {
  const first = await context.newPage();
  const second = await context.newPage();
  for (const tab of [first, second]) {
    await tab.goto(base + "/#/properties");
    await tab.getByRole("link", { name: "SYD-OFF-1" }).click();
    await tab.getByRole("link", { name: "Edit" }).click();
    await tab.getByLabel("Name", { exact: true }).waitFor();
  }
  await first.getByLabel("Name", { exact: true }).fill("Sydney office (first tab)");
  await first.getByRole("button", { name: "Save" }).click();
  await first.getByRole("heading", { name: /first tab/ }).waitFor();
  await second.getByLabel("Name", { exact: true }).fill("Sydney office (second tab)");
  await second.getByRole("button", { name: "Save" }).click();
  await second.getByRole("alert").filter({ hasText: "Someone else changed" }).waitFor();
  await shot(second, "conflict");
  await second.getByRole("button", { name: "Reload the current version" }).click();
  await second.waitForFunction(() => document.getElementById("f-name").value === "Sydney office (first tab)");
  await first.close();
  await second.close();
});

await journey("moving a purchase to occupied shows the property's tenure change at once", async () => {
  await page.goto(base + "/#/acquisitions");
  await page.getByRole("heading", { name: /budget approved/ }).waitFor();
  await shot(page, "acquisitions");
  await accessible(page, "acquisitions");
  await page.getByRole("link", { name: "ACQ-BOS-2026" }).click();
  for (const [on, reached] of [["2026-11-02", "contracted"], ["2026-11-10", "settled"], ["2026-11-20", "occupied"]]) {
    await page.getByLabel("On", { exact: true }).fill(on);
    await page.getByRole("button", { name: "Move to next stage" }).click();
    await page.getByRole("heading", { name: reached, exact: true }).waitFor();
  }
  await page.getByText("owned from 2026-11-20 to open").waitFor();
  await page.getByText("This purchase is at its last stage.").waitFor();
  await shot(page, "acquisition-occupied");
});

await journey("a project shows its milestones and S-curve, and takes a progress report", async () => {
  await page.getByRole("link", { name: "Projects", exact: true }).click();
  await page.getByRole("link", { name: "ZHIYUAN-RENEWAL" }).click();
  await page.getByRole("heading", { name: "Milestones" }).waitFor();
  await page.getByRole("img", { name: /S-curve/ }).waitFor();
  await page.getByLabel("Percent complete").fill("150");
  await page.getByRole("button", { name: "Create" }).click();
  await page.locator("#pr-pct-err").waitFor();
  await page.getByLabel("Percent complete").fill("61.5");
  await page.getByRole("button", { name: "Create" }).click();
  await page.getByText("61.50 %").waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector("img.chart");
    return img && img.complete && img.naturalWidth > 0;
  });
  await shot(page, "project");
  await accessible(page, "project");
});

await journey("a cookie write without the CSRF token is refused", async () => {
  const refused = await page.request.post(base + "/api/v1/missions", {
    data: { code: "XX" }, headers: { "Content-Type": "application/json" },
  });
  assert.equal(refused.status(), 403);
});

await journey("at 390 px the shell still fits", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("link", { name: "Dashboard" }).click();
  await page.getByRole("heading", { name: "Dashboard" }).waitFor();
  await shot(page, "dashboard-phone");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the phone`);
});

await journey("sign out ends the session", async () => {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("User name").waitFor();
  const after = await page.request.get(base + "/api/v1/session");
  assert.equal(after.status(), 401);
});

await browser.close();
server.kill("SIGTERM");
console.log(`screenshots in ${out}`);
if (failures.length) {
  console.log(`${failures.length} journey(s) failed`);
  process.exit(1);
}
