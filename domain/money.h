// Money is an exact amount in one currency: int64 minor units (cents, or yen for JPY) plus a
// Currency. There is no floating point anywhere on its path: text in, text out, integers in
// between. Arithmetic across currencies is refused with an error rather than guessed.
// Thread-safety: plain value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/currency.h"
#include "domain/decimal.h"
#include "domain/result.h"

namespace estate {

class Money {
 public:
  // Parses a decimal string in `currency`. Fewer fractional digits than the currency has are
  // fine ("12.5" AUD is 1250 cents); more are an error ("12.345" AUD, "10.5" JPY), as is a
  // value beyond int64 minor units.
  static Result<Money> parse(std::string_view amount, Currency currency);

  static Money from_minor(std::int64_t minor_units, Currency currency) {
    return Money(minor_units, currency);
  }
  static Money zero(Currency currency) { return Money(0, currency); }

  std::int64_t minor_units() const { return minor_; }
  Currency currency() const { return currency_; }
  bool is_negative() const { return minor_ < 0; }
  bool is_zero() const { return minor_ == 0; }

  // The amount with exactly the currency's minor digits: "1234.50" AUD, "1235" JPY, "-0.05".
  std::string amount_string() const;

  // Sum or difference; an error if the currencies differ or the result overflows int64.
  Result<Money> plus(const Money& other) const;
  Result<Money> minus(const Money& other) const;

  // This amount times an exact decimal factor (an FX rate, 1 + pct/100, a ratio), rounded
  // once, half away from zero, to the minor unit. An error if the result overflows.
  Result<Money> times(const Decimal& factor) const;

  // This amount times a decimal factor, converted into `target` (whose minor digits may
  // differ): used for FX conversion, e.g. AUD × TWD-per-AUD → TWD. Rounded once, half away
  // from zero, to the target's minor unit.
  Result<Money> convert(const Decimal& rate, Currency target) const;

  // The largest amount one record may hold, in minor units (10^14 − 1: 999,999,999,999.99 in
  // a two-decimal currency). Records are checked against it where they are validated, so that
  // a report summing tens of thousands of them stays far inside int64.
  static constexpr std::int64_t kMaxRecordMinor = 99'999'999'999'999;
  // Whether |amount| is within kMaxRecordMinor.
  bool within_record_limit() const {
    return minor_ <= kMaxRecordMinor && minor_ >= -kMaxRecordMinor;
  }

  bool operator==(const Money& o) const { return minor_ == o.minor_ && currency_ == o.currency_; }
  bool operator!=(const Money& o) const { return !(*this == o); }

 private:
  Money(std::int64_t minor, Currency currency) : minor_(minor), currency_(currency) {}
  std::int64_t minor_ = 0;
  Currency currency_;
};

// A running total in one currency that never wraps: an addition that would leave int64 (or
// is in another currency) spoils the sum, and total() is then an invalid error naming
// `figure` (the report figure being summed), so a report says it cannot be computed rather
// than printing a wrapped number. Thread-safety: plain value.
class MoneySum {
 public:
  MoneySum(std::string figure, Currency currency)
      : figure_(std::move(figure)), currency_(currency) {}

  MoneySum& add(const Money& m);
  MoneySum& subtract(const Money& m);
  MoneySum& add_minor(std::int64_t minor_units);
  MoneySum& add(const MoneySum& other);

  bool ok() const { return !spoiled_; }
  Result<Money> total() const;

 private:
  std::string figure_;
  Currency currency_;
  std::int64_t minor_ = 0;
  bool spoiled_ = false;
  bool mixed_ = false;
};

}  // namespace estate
