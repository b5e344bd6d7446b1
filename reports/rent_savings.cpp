#include "reports/rent_savings.h"

#include "reports/fiscal_calendar.h"

namespace estate::reports {

namespace {

constexpr int kPaybackHorizonYears = 100;

struct Schedules {
  explicit Schedules(const SavingsInput& in) {
    for (const Lease& l : in.replaced) owned.emplace_back(l);
    for (RentSchedule& s : owned) pointers.push_back(&s);
  }
  std::vector<RentSchedule> owned;
  std::vector<RentSchedule*> pointers;
};

// Rent avoided and operating cost over [from, to], exact.
std::pair<Accrual, Accrual> accrue(Schedules& s, std::int64_t operating_annual, Date from,
                                   Date to) {
  Accrual rent, operating;
  for (RentSchedule* r : s.pointers) rent += r->accrue(from, to);
  operating += accrue_constant(operating_annual, from, to);
  return {rent, operating};
}

Error too_large(const char* figure) {
  return Error::invalid("a figure is too large to compute",
                        {{figure, "exceeds the largest amount this service holds"}});
}

// The first error met while a report is computed: each step hands its Result to take(), which
// keeps the value or remembers the error and gives a placeholder, so the computation reads
// straight and the report is refused at the end if anything failed.
struct FirstError {
  std::optional<Error> error;
  template <class T>
  T take(Result<T> r, T placeholder) {
    if (r.ok()) return *r;
    if (!error) error = r.error();
    return placeholder;
  }
  void fail(Error e) {
    if (!error) error = std::move(e);
  }
};

Result<Int128> to_twd_scaled(const Accrual& local, Currency currency, const Decimal& rate) {
  return twd_scaled(local, currency, rate, "net_savings_twd");
}

Result<Money> twd_rounded(Int128 scaled) {
  return twd_scaled_rounded(scaled, "net_savings_twd");
}

std::optional<Date> payback(Schedules& s, const Acquisition& a, Date occupied) {
  const Int128 target = (Int128(a.price.minor_units()) + a.costs.minor_units()) * kDayDenominator;
  const Date horizon = anniversary(occupied, kPaybackHorizonYears);
  Int128 cumulative = 0;
  std::optional<Date> found;
  for_each_constant_segment(s.pointers, occupied, horizon, [&](Date from, Date to) {
    Int128 annual = -Int128(a.operating_cost_annual.minor_units());
    for (RentSchedule* r : s.pointers) annual += r->annual_on(from);  // ≤ 2^63 each
    const Int128 per_day = annual * (kDayDenominator / days_in_year(from.year()));
    const std::int64_t days = days_between(from, next_day(to));
    if (per_day > 0 && cumulative + per_day * days >= target) {
      Int128 needed = target - cumulative;
      std::int64_t k =
          needed <= 0 ? 1 : static_cast<std::int64_t>((needed + per_day - 1) / per_day);
      found = Date{date::sys_days(from) + date::days(k - 1)};
      return false;
    }
    cumulative += per_day * days;
    return true;
  });
  return found;
}

}  // namespace

Result<RentSavingsReport> rent_savings(const std::vector<SavingsInput>& inputs,
                                       const FxTable& fx, Date as_of,
                                       std::optional<FiscalYear> only_year) {
  RentSavingsReport report;
  report.as_of = as_of;
  report.fiscal_year = only_year;
  FirstError failed;
  Int128 total_twd = 0;
  bool total_known = true;
  for (const SavingsInput& in : inputs) {
    const Acquisition& a = in.acquisition;
    if (a.stage() == AcquisitionStage::cancelled) continue;
    const Currency c = a.price.currency();
    const Money zero = Money::zero(c);
    AcquisitionSavings out{a.id,
                           a.code,
                           c,
                           a.stage(),
                           a.occupied_on(),
                           zero,
                           zero,
                           zero,
                           Money::zero(Currency::twd()),
                           failed.take(a.price.plus(a.costs), zero),
                           std::nullopt,
                           {},
                           {},
                           {},
                           {}};
    Schedules schedules(in);
    const std::int64_t op = a.operating_cost_annual.minor_units();
    if (out.occupied_on) {
      Date from = *out.occupied_on, to = as_of;
      if (only_year) {
        if (from < only_year->first_day()) from = only_year->first_day();
        if (only_year->last_day() < to) to = only_year->last_day();
      }
      Accrual rent, operating;
      Int128 twd = 0;
      bool twd_known = true;
      if (from <= to) {
        for (FiscalYear fy :
             fiscal_years(FiscalYear::containing(from), FiscalYear::containing(to))) {
          Date a_from = fy.first_day() < from ? from : fy.first_day();
          Date a_to = to < fy.last_day() ? to : fy.last_day();
          auto [r, o] = accrue(schedules, op, a_from, a_to);
          Accrual net = r;
          net -= o;
          rent += r;
          operating += o;
          FiscalYearSavings year{fy,
                                 a_from,
                                 a_to,
                                 failed.take(r.rounded(c, "rent_avoided"), zero),
                                 failed.take(o.rounded(c, "operating_cost"), zero),
                                 failed.take(net.rounded(c, "net_savings"), zero),
                                 std::nullopt,
                                 std::nullopt};
          Date rate_day = sample_day(fy, as_of);
          year.twd_rate = fx.rate_on(c, rate_day);
          if (year.twd_rate) {
            Int128 scaled = failed.take(to_twd_scaled(net, c, *year.twd_rate), Int128(0));
            if (__builtin_add_overflow(twd, scaled, &twd)) failed.fail(too_large("net_savings_twd"));
            year.net_savings_twd = failed.take(twd_rounded(scaled), Money::zero(Currency::twd()));
          } else {
            twd_known = false;
            report.missing_rates.push_back(std::string(c.code()) + " on " + format_date(rate_day));
          }
          out.by_fiscal_year.push_back(year);
        }
      }
      Accrual net = rent;
      net -= operating;
      out.rent_avoided = failed.take(rent.rounded(c, "rent_avoided"), zero);
      out.operating_cost = failed.take(operating.rounded(c, "operating_cost"), zero);
      out.net_savings = failed.take(net.rounded(c, "net_savings"), zero);
      if (twd_known) {
        out.net_savings_twd = failed.take(twd_rounded(twd), Money::zero(Currency::twd()));
        if (__builtin_add_overflow(total_twd, twd, &total_twd))
          failed.fail(too_large("net_savings_twd"));
      } else {
        out.net_savings_twd = std::nullopt;
        total_known = false;
      }
      out.payback_date = payback(schedules, a, *out.occupied_on);
    }
    for (const RentSchedule& s : schedules.owned) {
      if (s.overflowed()) {
        failed.fail(Error::invalid("a figure is too large to compute",
                                   {{"rent_avoided", "the escalated rent of the leases " + a.code +
                                                         " replaced exceeds the largest amount"}}));
      }
    }
    if (failed.error) return *failed.error;
    report.acquisitions.push_back(std::move(out));
  }
  if (total_known) report.totals.net_savings_twd = failed.take(twd_rounded(total_twd), Money::zero(Currency::twd()));
  if (failed.error) return *failed.error;
  return report;
}

Result<std::vector<std::pair<Date, Money>>> cumulative_net_savings(const SavingsInput& input,
                                                                   Date through) {
  std::vector<std::pair<Date, Money>> points;
  const Acquisition& a = input.acquisition;
  auto occupied = a.occupied_on();
  if (!occupied || through < *occupied) return points;
  Schedules schedules(input);
  const Currency c = a.price.currency();
  Accrual cumulative;
  Date cur = *occupied;
  points.emplace_back(Date{date::sys_days(cur) - date::days(1)}, Money::zero(c));
  while (cur <= through) {
    Date month_end = date::year_month_day{cur.year() / cur.month() / date::last};
    Date to = through < month_end ? through : month_end;
    auto [r, o] = accrue(schedules, a.operating_cost_annual.minor_units(), cur, to);
    cumulative += r;
    cumulative -= o;
    auto rounded = cumulative.rounded(c, "net_savings");
    if (!rounded.ok()) return rounded.error();
    points.emplace_back(to, *rounded);
    cur = next_day(to);
  }
  for (const RentSchedule& s : schedules.owned) {
    if (s.overflowed()) return Error::invalid_field("net_savings", "exceeds the largest amount");
  }
  return points;
}

}  // namespace estate::reports
