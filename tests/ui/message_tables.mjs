// The web client's message tables (WORDS in web/core.js and each page module's addWords) read
// as one table per language: this fails on a key written twice in one table (the later one
// silently wins, as `annual` once did), on a key that two modules both define (the module
// loaded last would win), and on a key one language has and the other lacks (a missing
// translation would show the key). It reads the sources; it runs nothing of them.
//   node tests/ui/message_tables.mjs WEB_DIR
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// The keys at the top level of the object literal whose `{` is at `open`, with their lines.
// Strings, template literals (with their ${…}) and comments are skipped, so a brace or a colon
// inside a message is not taken for syntax.
function topLevelKeys(src, open) {
  const keys = [];
  let depth = 0;
  let expectKey = false;
  const lineAt = (i) => src.slice(0, i).split("\n").length;
  const skipString = (i, quote) => {
    for (i++; i < src.length; i++) {
      if (src[i] === "\\") i++;
      else if (src[i] === quote) return i;
      else if (quote === "`" && src[i] === "$" && src[i + 1] === "{") {
        let inner = 1;
        for (i += 2; i < src.length && inner > 0; i++) {
          if (src[i] === "{") inner++;
          else if (src[i] === "}") inner--;
          else if (src[i] === '"' || src[i] === "'" || src[i] === "`") i = skipString(i, src[i]);
        }
        i--;
      }
    }
    throw new Error(`unterminated string at line ${lineAt(open)}`);
  };
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === "/" && src[i + 1] === "/") { i = src.indexOf("\n", i); continue; }
    if (c === "/" && src[i + 1] === "*") { i = src.indexOf("*/", i) + 1; continue; }
    if (c === "{" || c === "[" || c === "(") {
      depth++;
      if (depth === 1) expectKey = true;
      continue;
    }
    if (c === "}" || c === "]" || c === ")") {
      depth--;
      if (depth === 0) return keys;
      continue;
    }
    if (depth === 1 && c === ",") { expectKey = true; continue; }
    if (/\s/.test(c)) continue;
    if (depth === 1 && expectKey) {
      expectKey = false;
      let key, end;
      if (c === '"' || c === "'") {
        end = skipString(i, c);
        key = src.slice(i + 1, end);
      } else {
        const m = /^[A-Za-z_$][\w$]*/.exec(src.slice(i));
        if (!m) throw new Error(`unexpected ${JSON.stringify(c)} at line ${lineAt(i)}`);
        key = m[0];
        end = i + key.length - 1;
      }
      keys.push({ key, line: lineAt(i) });
      i = end;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") i = skipString(i, c);
  }
  throw new Error(`unclosed object at line ${lineAt(open)}`);
}

const webDir = process.argv[2];
if (!webDir) {
  console.error("usage: node tests/ui/message_tables.mjs WEB_DIR");
  process.exit(2);
}
const problems = [];
const defined = { en: new Map(), zh: new Map() };  // key -> "file:line" of its definition
let tables = 0;
for (const file of readdirSync(webDir).filter((f) => f.endsWith(".js")).sort()) {
  const src = readFileSync(join(webDir, file), "utf8");
  for (const m of src.matchAll(/\b(en|zh)\s*:\s*\{/g)) {
    const lang = m[1];
    const seen = new Set();
    tables++;
    for (const { key, line } of topLevelKeys(src, m.index + m[0].length - 1)) {
      const where = `${file}:${line}`;
      if (seen.has(key)) problems.push(`${where}: "${key}" is written twice in one ${lang} table`);
      else if (defined[lang].has(key))
        problems.push(`${where}: "${key}" is already defined at ${defined[lang].get(key)} (${lang})`);
      seen.add(key);
      if (!defined[lang].has(key)) defined[lang].set(key, where);
    }
  }
}
for (const [lang, other] of [["en", "zh"], ["zh", "en"]]) {
  for (const [key, where] of defined[lang])
    if (!defined[other].has(key)) problems.push(`${where}: "${key}" has no ${other} text`);
}
if (tables === 0) problems.push(`no message tables found in ${webDir}`);
for (const p of problems) console.error(p);
console.log(`message tables: ${tables} tables, ${defined.en.size} keys, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
