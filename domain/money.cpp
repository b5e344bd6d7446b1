#include "domain/money.h"

#include <limits>

namespace estate {

namespace {
Error currency_mismatch(const Money& a, const Money& b) {
  return Error::invalid({MessageCode::cannot_combine_currencies,
                        {std::string(a.currency().code()), std::string(b.currency().code())}});
}
}  // namespace

Result<Money> Money::parse(std::string_view amount, Currency currency) {
  // Too many fractional digits gets a message naming the currency, so check it here, before
  // Decimal::parse, rather than reinterpreting that function's error text.
  auto dot = amount.find('.');
  std::size_t fraction = dot == std::string_view::npos ? 0 : amount.size() - dot - 1;
  if (fraction > static_cast<std::size_t>(currency.minor_digits())) {
    if (currency.minor_digits() == 0)
      return Error::invalid({MessageCode::currency_no_decimals, {std::string(currency.code())}});
    return Error::invalid({MessageCode::currency_decimals,
                           {std::string(currency.code()), std::to_string(currency.minor_digits())}});
  }
  auto d = Decimal::parse(amount, currency.minor_digits());
  if (!d.ok()) return d.error();
  return Money(d->units(), currency);
}

std::string Money::amount_string() const {
  return Decimal::from_units(minor_, currency_.minor_digits()).to_string();
}

Result<Money> Money::plus(const Money& other) const {
  if (currency_ != other.currency_) return currency_mismatch(*this, other);
  std::int64_t sum = 0;
  if (__builtin_add_overflow(minor_, other.minor_, &sum))
    return Error::invalid(MessageCode::amount_too_large);
  return Money(sum, currency_);
}

Result<Money> Money::minus(const Money& other) const {
  if (currency_ != other.currency_) return currency_mismatch(*this, other);
  std::int64_t diff = 0;
  if (__builtin_sub_overflow(minor_, other.minor_, &diff))
    return Error::invalid(MessageCode::amount_too_large);
  return Money(diff, currency_);
}

Result<Money> Money::times(const Decimal& factor) const {
  return convert(factor, currency_);
}

Result<Money> Money::convert(const Decimal& rate, Currency target) const {
  // minor × rate.units × 10^target_digits / (10^rate.scale × 10^source_digits)
  Int128 numerator = static_cast<Int128>(minor_) * rate.units();
  int up = target.minor_digits();
  int down = rate.scale() + currency_.minor_digits();
  int common = up < down ? up : down;
  up -= common;
  down -= common;
  const Int128 max_before_scaling = (static_cast<Int128>(1) << 126) / pow10(up);
  if (numerator > max_before_scaling || numerator < -max_before_scaling)
    return Error::invalid(MessageCode::amount_too_large);
  numerator *= pow10(up);
  auto r = divide_round_half_away(numerator, pow10(down));
  if (!r.ok()) return Error::invalid(MessageCode::amount_too_large);
  return Money(*r, target);
}

MoneySum& MoneySum::add_minor(std::int64_t minor_units) {
  if (!spoiled_ && __builtin_add_overflow(minor_, minor_units, &minor_)) spoiled_ = true;
  return *this;
}

MoneySum& MoneySum::add(const Money& m) {
  if (m.currency() != currency_) mixed_ = spoiled_ = true;
  return add_minor(m.minor_units());
}

MoneySum& MoneySum::subtract(const Money& m) {
  if (m.currency() != currency_) mixed_ = spoiled_ = true;
  if (!spoiled_ && __builtin_sub_overflow(minor_, m.minor_units(), &minor_)) spoiled_ = true;
  return *this;
}

MoneySum& MoneySum::add(const MoneySum& other) {
  if (other.currency_ != currency_ || other.mixed_) mixed_ = spoiled_ = true;
  if (!other.ok()) spoiled_ = true;
  return add_minor(other.minor_);
}

Result<Money> MoneySum::total() const {
  if (mixed_) {
    return Error::invalid(MessageCode::total_mixes_currencies,
                          {{figure_, {MessageCode::summed_other_currency,
                                      {std::string(currency_.code())}}}});
  }
  if (spoiled_) {
    return Error::invalid(MessageCode::total_too_large,
                          {{figure_, {MessageCode::sum_exceeds_largest,
                                      {Money::from_minor(INT64_MAX, currency_).amount_string(),
                                       std::string(currency_.code())}}}});
  }
  return Money::from_minor(minor_, currency_);
}

}  // namespace estate
