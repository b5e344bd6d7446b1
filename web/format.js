// Taiwan's formats for the web client (DESIGN.md "Words and formats for Taiwan"), as pure
// functions of the server's text: 民國 dates for display and entry, NT$ amounts without cents
// when there are none (and in 千元), areas with separators and m², ratios as percentages, and
// instants in a time zone. Nothing here passes an amount through a float: amounts are decimal
// strings, grouped and shifted as text (BigInt where a division is needed). No imports, so
// tests/ui/formats.mjs runs it in node.

// "1234567.80" → "1,234,567.80": digits grouped as text; a minus sign as "−".
export function grouped(amount) {
  const negative = amount.startsWith("-");
  const [whole, fraction] = (negative ? amount.slice(1) : amount).split(".");
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (negative ? "−" : "") + withCommas + (fraction !== undefined ? "." + fraction : "");
}

// ---- dates ------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const daysIn = (y, m) => [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
const pad = (n) => String(n).padStart(2, "0");

// A calendar date "2026-06-30" as the 民國 date "115/06/30" (years before 民國 1 stay ISO);
// anything that is not an ISO date is returned as it is.
export function rocDate(iso) {
  const m = ISO_DATE.exec(iso ?? "");
  if (!m || Number(m[1]) <= 1911) return iso;
  return `${Number(m[1]) - 1911}/${m[2]}/${m[3]}`;
}

// The same date as print writes it: "民國115年6月30日".
export function rocDateLong(iso) {
  const m = ISO_DATE.exec(iso ?? "");
  if (!m || Number(m[1]) <= 1911) return iso;
  return `民國${Number(m[1]) - 1911}年${Number(m[2])}月${Number(m[3])}日`;
}

// A date as a user types it — 民國 "115/6/30" (or "115-6-30", "115.6.30") or ISO "2026-06-30" —
// as the ISO date the server takes, or null when it is no date of the calendar ("115/2/30").
export function parseDate(text) {
  const s = (text ?? "").trim();
  let y, mo, d;
  let m = ISO_DATE.exec(s);
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(?:民國)?\s*(\d{1,3})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})$/.exec(s))) {
    [y, mo, d] = [Number(m[1]) + 1911, Number(m[2]), Number(m[3])];
    if (Number(m[1]) < 1) return null;
  } else return null;
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  return `${String(y).padStart(4, "0")}-${pad(mo)}-${pad(d)}`;
}

// An instant ("2026-06-30T06:05:00Z") in `zone` as "115/06/30 14:05" (zh) or
// "30 Jun 2026, 14:05" (en).
export function instantText(instant, zone, lang) {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  if (lang !== "zh") {
    return new Intl.DateTimeFormat("en-GB", { timeZone: zone, dateStyle: "medium", timeStyle: "short" }).format(date);
  }
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-CA", {
    timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(date).map((p) => [p.type, p.value]));
  return `${rocDate(`${parts.year}-${parts.month}-${parts.day}`)} ${parts.hour}:${parts.minute}`;
}

// The calendar date of `instant` in `zone` ("2026-06-30").
export function dateIn(instant, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit",
    day: "2-digit" }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

// The last instant of the calendar day `iso` in `zone`, as RFC 3339 in UTC with milliseconds
// ("2026-06-30" in Asia/Taipei → "2026-06-30T15:59:59.999Z"): the register as recorded at
// the end of that day there.
export function endOfDay(iso, zone) {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  // The zone's offset at local midnight of the next day, found by formatting a guess there.
  const next = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1);
  const offsetAt = (t) => {
    const p = Object.fromEntries(new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
      .formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - t;
  };
  let t = next - offsetAt(next);
  t = next - offsetAt(t);  // once more, in case the offset changed between the guesses
  return new Date(t - 1).toISOString();
}

// ---- money ------------------------------------------------------------------------------

// An amount {amount: "1580000000.00", currency: "TWD"} as the language writes it: in 中文, TWD
// as "NT$1,580,000,000" (the cents only when there are some: "NT$12.50"), other currencies
// with their code and minor units ("192,000.00 EUR"); in English "1,580,000,000.00 TWD".
export function moneyText(m, lang) {
  if (!m) return "—";
  if (lang === "zh" && m.currency === "TWD") {
    const [whole, fraction = ""] = m.amount.split(".");
    const cents = /^0*$/.test(fraction) ? "" : "." + fraction;
    const g = grouped(whole + cents);
    return g.startsWith("−") ? "−NT$" + g.slice(1) : "NT$" + g;
  }
  return `${grouped(m.amount)} ${m.currency}`;
}

// An amount in thousands, as budget documents write them (千元): "1580000000.00" →
// "1,580,000", rounded half away from zero to a whole thousand.
export function thousands(amount) {
  const negative = amount.startsWith("-");
  const [whole, fraction = ""] = (negative ? amount.slice(1) : amount).split(".");
  const cents = BigInt(whole || "0") * 100n + BigInt((fraction + "00").slice(0, 2));
  const k = (cents + 50000n) / 100000n;
  return (negative && k > 0n ? "−" : "") + grouped(String(k));
}

// ---- areas and ratios -------------------------------------------------------------------

// A floor area "33010.00" as "33,010 m²" ("1250.50" → "1,250.50 m²").
export function areaText(area) {
  if (area === null || area === undefined || area === "") return "—";
  const [whole, fraction = ""] = String(area).split(".");
  return grouped(whole + (/^0*$/.test(fraction) ? "" : "." + fraction)) + " m²";
}

// A ratio written as a decimal ("0.4000", "0.020000") as a percentage with two places
// ("40.00 %", "2.00 %"), by moving the decimal point in the text.
export function percent(ratio) {
  if (ratio === null || ratio === undefined) return "—";
  const negative = ratio.startsWith("-");
  const [whole, fraction = ""] = (negative ? ratio.slice(1) : ratio).split(".");
  const digits = (fraction + "0000").slice(0, 4);
  const hundreds = (whole + digits.slice(0, 2)).replace(/^0+(?=\d)/, "");
  return (negative ? "-" : "") + grouped(hundreds + "." + digits.slice(2)) + " %";
}
