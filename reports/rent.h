// Rent accrual, exactly as DESIGN.md ("Report definitions" 2) defines it: rent accrues daily;
// day d accrues the annual rent in force on d divided by the number of days in d's calendar
// year (365 or 366); annual rent = period amount × periods per year; a fixed escalation
// multiplies the period amount by (1 + pct/100) on each anniversary of the lease start,
// rounding to the minor unit each time; rent steps replace it from their date on.
//
// Sums are exact. An Accrual counts in units of 1/133,590 of a minor unit (133,590 = 365 × 366),
// so every day's share of an annual amount is a whole number of units, and a sum over any range
// is an integer, rounded once, half away from zero, when it is reported. Sums run over
// segments of constant annual rent within one calendar year, never day by day.
// Thread-safety: RentSchedule caches escalated amounts; use one per thread.
#pragma once

#include <optional>
#include <vector>

#include "domain/calendar.h"
#include "domain/decimal.h"
#include "domain/lease.h"
#include "domain/money.h"

namespace estate::reports {

// 365 × 366: a day's share of an annual amount in a 365- or 366-day year is annual × 366 or
// annual × 365 units.
inline constexpr std::int64_t kDayDenominator = 365 * 366;

// An exact accrued amount in one currency: minor units × kDayDenominator.
struct Accrual {
  Int128 scaled = 0;
  Accrual& operator+=(const Accrual& o) {
    scaled += o.scaled;
    return *this;
  }
  Accrual& operator-=(const Accrual& o) {
    scaled -= o.scaled;
    return *this;
  }
  // Rounded once to the minor unit, half away from zero; an invalid error naming `figure`
  // when it does not fit in int64 minor units.
  Result<Money> rounded(Currency currency, const char* figure = "amount") const;
};

// Exact TWD from accruals: TWD minor units × kDayDenominator × 10^6 (rate places) × 10^4 (the
// most minor digits a local currency has). `local` converted at `rate` TWD per unit, exactly;
// and such a sum rounded once, half away from zero, to the TWD minor unit. Both are invalid
// errors naming `figure` when the amount does not fit.
Result<Int128> twd_scaled(const Accrual& local, Currency currency, const Decimal& rate,
                          const char* figure);
Result<Money> twd_scaled_rounded(Int128 scaled, const char* figure);

// Day after / days between, on the calendar.
Date next_day(Date d);
std::int64_t days_between(Date from, Date to_exclusive);
// The k-th anniversary of `start` (k ≥ 0). A 29 February start has its anniversary on
// 28 February in common years.
Date anniversary(Date start, int k);

// What `annual` accrues over [from, to] (inclusive) at a constant annual amount, or nothing
// when to < from.
Accrual accrue_constant(std::int64_t annual_minor, Date from, Date to);

// The rent schedule of one lease, continued past the lease's end (the rent it "would have"
// cost, which rent-savings needs). Before the lease starts, no rent is due.
class RentSchedule {
 public:
  explicit RentSchedule(const Lease& lease);

  // The period amount in force on `d` (minor units).
  std::int64_t period_amount_on(Date d);
  // The annual rent in force on `d` (minor units).
  std::int64_t annual_on(Date d);
  // Whether an escalated or annual amount left int64 (a rent escalated for decades at a high
  // rate): the amounts read since are saturated, and a report must refuse to show them.
  bool overflowed() const { return overflowed_; }
  // The first day after `d` on which the rent may change (start, anniversary or step), or
  // nullopt when it never changes again.
  std::optional<Date> next_change_after(Date d) const;
  // The exact rent accrued over [from, to], inclusive.
  Accrual accrue(Date from, Date to);

  Currency currency() const { return lease_.rent.currency(); }
  const Lease& lease() const { return lease_; }

 private:
  // The period amount after k anniversaries of fixed escalation.
  std::int64_t escalated(int k);
  Lease lease_;
  std::vector<std::int64_t> escalated_;  // escalated_[k]: after k anniversaries
  bool overflowed_ = false;
};

// A lease's rent over its term as stretches of constant rent: a new row at the start, each
// anniversary of a fixed escalation and each dated step, through the end. An error when an
// escalated amount leaves int64.
struct RentScheduleRow {
  Date from{}, to{};
  Money period_amount, annual;
};
Result<std::vector<RentScheduleRow>> rent_schedule(const Lease& lease);

// Runs `visit(from, to)` over the maximal sub-ranges of [from, to] within which no schedule's
// rent changes and the calendar year does not change. Stops early when `visit` returns false.
template <class Visit>
void for_each_constant_segment(const std::vector<RentSchedule*>& schedules, Date from, Date to,
                               Visit visit) {
  Date cur = from;
  while (cur <= to) {
    Date end = date::year_month_day{cur.year() / date::December / 31};
    if (to < end) end = to;
    for (const RentSchedule* s : schedules) {
      if (auto change = s->next_change_after(cur); change && *change <= end) {
        Date before = Date{date::sys_days(*change) - date::days(1)};
        if (before < end) end = before;
      }
    }
    if (!visit(cur, end)) return;
    cur = next_day(end);
  }
}

}  // namespace estate::reports
