// Real answers checked against the OpenAPI document's schemas: a demo register in a fresh
// SQLite file, a real estate-server on a loopback port, and ajv (JSON Schema 2020-12, which
// OpenAPI 3.1's schemas are) over every register list and one record of each, every report as
// JSON, the session, the journal, change requests, issued reports, a create, and problem
// answers (401, 404, 422). An answer fails when its operation does not document its status or
// when the status's schema refuses its body — a null where the schema declares no null
// included. Exit 0 when every answer passes; 1 naming each that does not.
//   node tests/openapi/answers.mjs build/test/api/estate-server build/test/openapi.json OUT
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { startServer } from "../support/demo_server.mjs";

const [binary, documentPath, out] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(documentPath, "utf8"));
const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(doc, "openapi.json");

const token = {};
const { base, server } = await startServer(binary, out, (cli) => {
  for (const role of ["facilities", "finance", "auditor"])
    token[role] = cli("token", "create", "--user", `answers-${role}`, "--role", role);
});

const escape = (s) => s.replace(/~/g, "~0").replace(/\//g, "~1");
const failures = [];
let checked = 0;

// Calls `method url` and checks the answer against the operation at `template`; returns the
// body. `expected`: the status the call must get.
async function check(method, template, url, { role = "facilities", body, expected = 200 } = {}) {
  const headers = {};
  if (role) headers.authorization = `Bearer ${token[role]}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const answer = await fetch(base + url, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const name = `${method} ${url} → ${answer.status}`;
  const text = await answer.text();
  ++checked;
  const fail = (why) => failures.push(`${name}: ${why}`);
  if (answer.status !== expected) fail(`expected ${expected}: ${text.slice(0, 300)}`);
  const operation = doc.paths[template]?.[method.toLowerCase()];
  if (!operation) return fail(`no operation ${method} ${template} in the document`), null;
  const response = operation.responses[String(answer.status)];
  if (!response) return fail("status not documented"), null;
  let pointer = `#/paths/${escape(template)}/${method.toLowerCase()}/responses/${answer.status}`;
  if (response.$ref) pointer = response.$ref;
  const media = (answer.headers.get("content-type") || "").split(";")[0].trim();
  if (!text) return null;
  const value = JSON.parse(text);
  const validate = ajv.getSchema(`openapi.json${pointer}/content/${escape(media)}/schema`);
  if (!validate) return fail(`no schema for ${media} at ${pointer}`), value;
  if (!validate(value)) {
    const errors = validate.errors.slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message}`);
    fail(`refused by its schema: ${errors.join("; ")}`);
  }
  return value;
}

const first = async (collection, role = "facilities") => {
  const list = await check("GET", `/api/v1/${collection}`, `/api/v1/${collection}`, { role });
  return list?.items?.[0];
};

const ids = {};
for (const collection of ["missions", "properties", "leases", "acquisitions", "projects"]) {
  const item = await first(collection);
  ids[collection] = item?.id;
  if (item) await check("GET", `/api/v1/${collection}/{id}`, `/api/v1/${collection}/${item.id}`);
}
for (const collection of ["fx-rates", "budget-lines", "appropriations", "expenditures", "commitments"]) {
  const item = await first(collection, "finance");
  if (item)
    await check("GET", `/api/v1/${collection}/{id}`, `/api/v1/${collection}/${item.id}`, { role: "finance" });
}
if (ids.projects) {
  const progress = await check("GET", "/api/v1/projects/{id}/progress", `/api/v1/projects/${ids.projects}/progress`);
  const one = progress?.items?.[0];
  if (one)
    await check("GET", "/api/v1/projects/{id}/progress/{progress_id}",
      `/api/v1/projects/${ids.projects}/progress/${one.id}`);
}
if (ids.leases)
  await check("GET", "/api/v1/leases/{id}/rent-schedule", `/api/v1/leases/${ids.leases}/rent-schedule`);
if (ids.properties)
  await check("GET", "/api/v1/properties/{id}/documents", `/api/v1/properties/${ids.properties}/documents`);

const reports = {
  ownership: "group_by=region", "rent-savings": "", "lease-vs-buy": `acquisition_id=${ids.acquisitions}`,
  "lease-events": "within_days=365", "co-location": "", "budget-execution": "fiscal_year=115",
  "earned-value": `project_id=${ids.projects}`, "acquisition-pipeline": "", "purchase-plan": "",
  "rent-forecast": "", "data-quality": "",
};
for (const [report, query] of Object.entries(reports))
  await check("GET", `/api/v1/reports/${report}`, `/api/v1/reports/${report}${query ? "?" + query : ""}`,
    { role: "finance" });

await check("GET", "/api/v1/journal", "/api/v1/journal?limit=20", { role: "auditor" });
await check("GET", "/api/v1/journal/verify", "/api/v1/journal/verify", { role: "auditor" });
await check("GET", "/api/v1/change-requests", "/api/v1/change-requests");
await check("GET", "/api/v1/report-issues", "/api/v1/report-issues", { role: "finance" });
await check("GET", "/api/v1/session", "/api/v1/session");
await check("GET", "/healthz", "/healthz", { role: null });
await check("GET", "/readyz", "/readyz", { role: null });
await check("POST", "/api/v1/missions", "/api/v1/missions", {
  body: { code: "ANS", name_en: "Answers office in Osaka", name_zh: "駐大阪辦事處", country: "JP",
          city: "Osaka", region: "east_asia_pacific", type: "office", currency: "JPY",
          time_zone: "Asia/Tokyo" },
  expected: 201,
});

// Problems: problem+json, documented for each status.
await check("GET", "/api/v1/missions", "/api/v1/missions?colour=blue", { expected: 422 });
await check("GET", "/api/v1/missions/{id}", "/api/v1/missions/999999", { expected: 404 });
await check("GET", "/api/v1/missions", "/api/v1/missions", { role: null, expected: 401 });
await check("GET", "/api/v1/journal", "/api/v1/journal", { role: "facilities", expected: 403 });
await check("POST", "/api/v1/missions", "/api/v1/missions", { body: { code: 7 }, expected: 422 });

server.kill("SIGTERM");
console.log(`${checked} answers checked against ${documentPath}`);
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`${checked - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
