// The web client's formats for Taiwan (web/format.js), against expectations written by hand:
// 民國 dates shown and typed, NT$ amounts and 千元, areas, percentages, instants in a zone and
// the end of a day there. Pure functions: node runs them, no browser.
//   node tests/ui/formats.mjs
import assert from "node:assert/strict";
import {
  rocDate, rocDateLong, parseDate, instantText, dateIn, endOfDay, moneyText, thousands, areaText, percent, grouped,
} from "../../web/format.js";

const cases = [
  // 民國 dates for display, and for print
  [rocDate("2026-06-30"), "115/06/30"],
  [rocDate("1912-01-01"), "1/01/01"],
  [rocDate("2026-11-20T00:00:00Z"), "2026-11-20T00:00:00Z"],  // not a date: as it is
  [rocDateLong("2026-06-30"), "民國115年6月30日"],
  // typed: 民國 or ISO, to ISO; a day the calendar lacks is refused
  [parseDate("115/6/30"), "2026-06-30"],
  [parseDate("115/06/30"), "2026-06-30"],
  [parseDate(" 113/2/29 "), "2024-02-29"],  // 2024 is a leap year
  [parseDate("2026-06-30"), "2026-06-30"],
  [parseDate("115/2/30"), null],
  [parseDate("114/2/29"), null],
  [parseDate("115/13/1"), null],
  [parseDate("0/1/1"), null],
  [parseDate("2026-6-30"), null],
  [parseDate("tomorrow"), null],
  [parseDate(""), null],
  // money: TWD without cents unless there are some; other currencies with code and minor units
  [moneyText({ amount: "1580000000.00", currency: "TWD" }, "zh"), "NT$1,580,000,000"],
  [moneyText({ amount: "12.50", currency: "TWD" }, "zh"), "NT$12.50"],
  [moneyText({ amount: "-2500000.00", currency: "TWD" }, "zh"), "−NT$2,500,000"],
  [moneyText({ amount: "192000.00", currency: "EUR" }, "zh"), "192,000.00 EUR"],
  [moneyText({ amount: "1000000", currency: "JPY" }, "zh"), "1,000,000 JPY"],
  [moneyText({ amount: "1580000000.00", currency: "TWD" }, "en"), "1,580,000,000.00 TWD"],
  [moneyText(null, "zh"), "—"],
  // 千元: whole thousands, half away from zero
  [thousands("1580000000.00"), "1,580,000"],
  [thousands("1499.99"), "1"],
  [thousands("1500.00"), "2"],
  [thousands("499.99"), "0"],
  [thousands("-2500.00"), "−3"],
  // areas and ratios
  [areaText("33010.00"), "33,010 m²"],
  [areaText("1250.50"), "1,250.50 m²"],
  [percent("0.4000"), "40.00 %"],
  [percent("0.020000"), "2.00 %"],
  [percent("1.2345"), "123.45 %"],
  [grouped("-1234567.8"), "−1,234,567.8"],
  // instants in the user's zone; the end of a day there
  [instantText("2026-06-30T06:05:00Z", "Asia/Taipei", "zh"), "115/06/30 14:05"],
  [instantText("2026-06-30T17:00:00Z", "Asia/Taipei", "zh"), "115/07/01 01:00"],
  [instantText("2026-06-30T06:05:00Z", "UTC", "en"), "30 Jun 2026, 06:05"],
  [dateIn("2026-06-30T17:00:00Z", "Asia/Taipei"), "2026-07-01"],
  [endOfDay("2026-06-30", "Asia/Taipei"), "2026-06-30T15:59:59.999Z"],
  [endOfDay("2026-06-30", "UTC"), "2026-06-30T23:59:59.999Z"],
  [endOfDay("2026-03-08", "America/New_York"), "2026-03-09T03:59:59.999Z"],  // EDT from 03-08
  [endOfDay("2026-11-01", "America/New_York"), "2026-11-02T04:59:59.999Z"],  // EST from 11-01
];
let failed = 0;
cases.forEach(([got, want], i) => {
  try { assert.equal(got, want); } catch { failed++; console.log(`case ${i + 1}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`); }
});
console.log(`formats: ${cases.length} cases, ${failed} wrong`);
process.exit(failed ? 1 : 0);
