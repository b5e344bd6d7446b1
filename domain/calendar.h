// Calendar values of the domain, built on HowardHinnant `date`: a calendar day is a
// date::year_month_day, an instant is microseconds since the epoch in UTC (Instant), and a
// FiscalYear is the ROC year whose days are one Gregorian calendar year (FY 115 = 2026).
// Text forms are strict: dates are exactly "YYYY-MM-DD" and must exist (no 30 February);
// instants are RFC 3339. Thread-safety: plain values and pure functions.
#pragma once

#include <date/date.h>

#include <chrono>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace estate {

using Date = date::year_month_day;
using Instant = date::sys_time<std::chrono::microseconds>;

// Parses exactly "YYYY-MM-DD" (year 0001–9999) naming a real day. Anything else — other
// separators, missing zero padding, 2026-02-30, 2025-02-29 — is ErrorKind::invalid.
Result<Date> parse_date(std::string_view text);
std::string format_date(Date d);

// Parses an RFC 3339 instant ("2026-03-01T08:00:00Z", "2026-03-01T16:00:00.25+08:00") into
// UTC, to the microsecond. More than 6 fractional digits, a missing offset, or an impossible
// date/time is ErrorKind::invalid.
Result<Instant> parse_instant(std::string_view text);
// "2026-03-01T08:00:00Z", with ".ffffff" only when the instant has a fraction of a second.
std::string format_instant(Instant t);
// Always "YYYY-MM-DDTHH:MM:SS.ffffffZ" (27 characters), so text order is time order.
std::string format_instant_fixed(Instant t);

// The current instant, to the microsecond.
Instant now();

// The last microsecond of `d` in UTC: how a date given as `as_of` is read.
Instant end_of_day_utc(Date d);

// 365 or 366.
int days_in_year(date::year y);

class FiscalYear {
 public:
  // Taiwan's fiscal year is the calendar year; ROC year = Gregorian year − 1911.
  static constexpr int kRocOffset = 1911;

  // ROC year 1 … 8088 (Gregorian 1912 … 9999).
  static Result<FiscalYear> from_roc(int roc_year);
  static Result<FiscalYear> from_ad(int gregorian_year);
  // Accepts either spelling, as queries do: 1–999 is an ROC year, 1912–9999 a Gregorian one.
  static Result<FiscalYear> from_either(int year);
  static FiscalYear containing(Date d);

  int roc() const { return ad_ - kRocOffset; }
  int ad() const { return ad_; }
  Date first_day() const;
  Date last_day() const;
  bool contains(Date d) const { return int(d.year()) == ad_; }
  // "115 (2026)"
  std::string label() const;

  bool operator==(const FiscalYear& o) const { return ad_ == o.ad_; }
  bool operator!=(const FiscalYear& o) const { return ad_ != o.ad_; }
  bool operator<(const FiscalYear& o) const { return ad_ < o.ad_; }

 private:
  explicit FiscalYear(int ad) : ad_(ad) {}
  int ad_;
};

}  // namespace estate
