// A demo register in a fresh SQLite file and a real estate-server on a loopback port, for the
// suites written in JavaScript (tests/ui/harness.mjs, tests/openapi/answers.mjs).
//   const { base, cli, server } = await startServer(binary, out, (cli) => { …users, tokens… });
//   server.kill("SIGTERM") when done.
import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";

// `out` is emptied first; `prepare(cli)` runs after the demo data is in, before the server starts.
export async function startServer(binary, out, prepare = () => {}) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const db = `sqlite:${out}/estate.db`;
  const cli = (...args) => execFileSync(binary, ["--db", db, ...args], { encoding: "utf8" }).trim();
  cli("migrate");
  cli("seed-demo");
  prepare(cli);
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
  return { base, cli, server };
}
