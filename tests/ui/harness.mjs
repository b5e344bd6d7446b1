// What the browser suites share: Debian's Chromium (or skip with 77, fail when tools are
// required), a demo register in a fresh SQLite file with users made through the command line,
// a real estate-server on a loopback port, named checks that record failures and go on, and
// axe-core in the page (no serious or critical violation, label-in-name included).
//   const demo = await startDemo(binary, out, [["demo-facilities", "facilities"], …]);
//   demo.passwords["demo-facilities"], demo.base, demo.cli(...), await demo.finish("journey")
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { startServer } from "../support/demo_server.mjs";

if (!existsSync("/usr/bin/chromium")) {
  console.log("no /usr/bin/chromium: install it (infra/setup.sh does)");
  process.exit(process.env.ESTATE_TEST_REQUIRE_TOOLS ? 1 : 77);
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

// `users`: [name, role] pairs, each created with a generated password.
export async function startDemo(binary, out, users) {
  const passwords = {};
  const { base, cli, server } = await startServer(binary, out, (cli) => {
    for (const [name, role] of users)
      passwords[name] = cli("user", "create", "--user", name, "--role", role, "--generate");
  });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  const failures = [];
  // A named check: its failure is printed and counted, and the suite goes on.
  async function check(name, fn) {
    try {
      await fn();
      console.log(`ok   ${name}`);
    } catch (e) {
      failures.push(name);
      console.log(`FAIL ${name}\n     ${e.stack || e}`);
    }
  }
  // Closes the browser and the server; exits 1 when a check failed.
  async function finish(what) {
    await browser.close();
    server.kill("SIGTERM");
    console.log(`screenshots in ${out}`);
    if (failures.length) {
      console.log(`${failures.length} ${what}(s) failed`);
      process.exit(1);
    }
  }
  return { base, browser, cli, passwords, check, finish };
}

// axe-core in the page, evaluated through the browser's debugging protocol (the page's own CSP,
// no inline script, would rightly refuse it as a script tag): no serious or critical violation,
// and label-in-name (WCAG 2.5.3: accessible names follow the visible labels).
export async function accessible(page, label) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document,
    { rules: { "label-content-name-mismatch": { enabled: true } } }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical"
    || v.id === "label-content-name-mismatch");
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`), [],
    `axe on ${label}`);
}
