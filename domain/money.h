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

  bool operator==(const Money& o) const { return minor_ == o.minor_ && currency_ == o.currency_; }
  bool operator!=(const Money& o) const { return !(*this == o); }

 private:
  Money(std::int64_t minor, Currency currency) : minor_(minor), currency_(currency) {}
  std::int64_t minor_ = 0;
  Currency currency_;
};

}  // namespace estate
