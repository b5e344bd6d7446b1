#include "reports/rent.h"

#include "domain/fx_rate.h"

namespace estate::reports {

Result<Money> Accrual::rounded(Currency currency, const char* figure) const {
  auto minor = divide_round_half_away(scaled, kDayDenominator);
  if (!minor.ok()) {
    return Error::invalid("a figure is too large to compute",
                          {{figure, "exceeds the largest amount this service holds"}});
  }
  return Money::from_minor(*minor, currency);
}

namespace {
constexpr int kMaxLocalDigits = 4;
Error too_large(const char* figure) {
  return Error::invalid("a figure is too large to compute",
                        {{figure, "exceeds the largest amount this service holds"}});
}
}  // namespace

Result<Int128> twd_scaled(const Accrual& local, Currency currency, const Decimal& rate,
                          const char* figure) {
  const Decimal r = *rate.rescale(kFxRateScale);
  const Int128 factor = Int128(r.units()) * pow10(Currency::twd().minor_digits()) *
                        pow10(kMaxLocalDigits - currency.minor_digits());
  Int128 out = 0;
  if (__builtin_mul_overflow(local.scaled, factor, &out)) return too_large(figure);
  return out;
}

Result<Money> twd_scaled_rounded(Int128 scaled, const char* figure) {
  const Int128 denominator = Int128(kDayDenominator) * pow10(kFxRateScale) * pow10(kMaxLocalDigits);
  auto minor = divide_round_half_away(scaled, denominator);
  if (!minor.ok()) return too_large(figure);
  return Money::from_minor(*minor, Currency::twd());
}

Date next_day(Date d) {
  return Date{date::sys_days(d) + date::days(1)};
}

std::int64_t days_between(Date from, Date to_exclusive) {
  return (date::sys_days(to_exclusive) - date::sys_days(from)).count();
}

Date anniversary(Date start, int k) {
  date::year_month_day ymd = (start.year() + date::years(k)) / start.month() / start.day();
  if (!ymd.ok()) ymd = (start.year() + date::years(k)) / start.month() / date::last;
  return ymd;
}

Accrual accrue_constant(std::int64_t annual_minor, Date from, Date to) {
  Accrual total;
  Date cur = from;
  while (cur <= to) {
    Date year_end = date::year_month_day{cur.year() / date::December / 31};
    Date end = to < year_end ? to : year_end;
    std::int64_t days = days_between(cur, next_day(end));
    std::int64_t per_day = kDayDenominator / days_in_year(cur.year());  // 366 or 365
    total.scaled += Int128(annual_minor) * days * per_day;
    cur = next_day(end);
  }
  return total;
}

RentSchedule::RentSchedule(const Lease& lease) : lease_(lease) {
  escalated_.push_back(lease.rent.minor_units());
}

std::int64_t RentSchedule::escalated(int k) {
  // (1 + pct/100) with pct in hundredths: (10000 + pct_units) / 10000.
  const Int128 factor =
      10000 + (lease_.escalation.pct ? lease_.escalation.pct->rescale(2)->units() : 0);
  while (static_cast<int>(escalated_.size()) <= k) {
    auto next = divide_round_half_away(Int128(escalated_.back()) * factor, 10000);
    if (!next.ok()) overflowed_ = true;
    escalated_.push_back(next.ok() ? *next : escalated_.back());
  }
  return escalated_[static_cast<std::size_t>(k)];
}

std::int64_t RentSchedule::period_amount_on(Date d) {
  if (d < lease_.start) return 0;
  switch (lease_.escalation.kind) {
    case EscalationKind::none:
      return lease_.rent.minor_units();
    case EscalationKind::fixed_pct: {
      // Anniversaries passed: the largest k with anniversary(start, k) <= d.
      int k = static_cast<int>(d.year()) - static_cast<int>(lease_.start.year());
      if (k > 0 && anniversary(lease_.start, k) > d) --k;
      return escalated(k < 0 ? 0 : k);
    }
    case EscalationKind::steps: {
      std::int64_t amount = lease_.rent.minor_units();
      for (const RentStep& s : lease_.escalation.steps)
        if (s.from <= d) amount = s.rent.minor_units();
      return amount;
    }
  }
  return lease_.rent.minor_units();
}

std::int64_t RentSchedule::annual_on(Date d) {
  std::int64_t annual = 0;
  if (__builtin_mul_overflow(period_amount_on(d), periods_per_year(lease_.period), &annual)) {
    overflowed_ = true;
    return INT64_MAX;
  }
  return annual;
}

std::optional<Date> RentSchedule::next_change_after(Date d) const {
  if (d < lease_.start) return lease_.start;
  switch (lease_.escalation.kind) {
    case EscalationKind::none:
      return std::nullopt;
    case EscalationKind::fixed_pct: {
      int k = static_cast<int>(d.year()) - static_cast<int>(lease_.start.year());
      if (k < 1) k = 1;
      Date next = anniversary(lease_.start, k);
      if (next <= d) next = anniversary(lease_.start, k + 1);
      return next;
    }
    case EscalationKind::steps:
      for (const RentStep& s : lease_.escalation.steps)
        if (s.from > d) return s.from;
      return std::nullopt;
  }
  return std::nullopt;
}

Accrual RentSchedule::accrue(Date from, Date to) {
  Accrual total;
  for_each_constant_segment({this}, from, to, [&](Date a, Date b) {
    total += accrue_constant(annual_on(a), a, b);
    return true;
  });
  return total;
}

Result<std::vector<RentScheduleRow>> rent_schedule(const Lease& lease) {
  RentSchedule schedule(lease);
  const Currency c = lease.rent.currency();
  std::vector<RentScheduleRow> rows;
  for (Date from = lease.start; from <= lease.end;) {
    Date to = lease.end;
    if (auto change = schedule.next_change_after(from); change && *change <= lease.end)
      to = Date{date::sys_days(*change) - date::days(1)};
    rows.push_back({from, to, Money::from_minor(schedule.period_amount_on(from), c),
                    Money::from_minor(schedule.annual_on(from), c)});
    if (schedule.overflowed())
      return Error::invalid_field("rent", "the escalated rent exceeds the largest amount");
    from = next_day(to);
  }
  return rows;
}

}  // namespace estate::reports
