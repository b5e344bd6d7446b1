#include "domain/decimal.h"

#include <cstdlib>
#include <limits>

namespace estate {

namespace {
constexpr std::int64_t kPow10[] = {1,
                                   10,
                                   100,
                                   1000,
                                   10000,
                                   100000,
                                   1000000,
                                   10000000,
                                   100000000,
                                   1000000000,
                                   10000000000,
                                   100000000000,
                                   1000000000000,
                                   10000000000000,
                                   100000000000000,
                                   1000000000000000,
                                   10000000000000000,
                                   100000000000000000,
                                   1000000000000000000};

bool fits(Int128 v) {
  return v >= std::numeric_limits<std::int64_t>::min() &&
         v <= std::numeric_limits<std::int64_t>::max();
}
}  // namespace

std::int64_t pow10(int n) {
  if (n < 0 || n > 18) std::abort();
  return kPow10[n];
}

Result<std::int64_t> divide_round_half_away(Int128 numerator, Int128 denominator) {
  if (denominator == 0) std::abort();
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  bool negative = numerator < 0;
  Int128 magnitude = negative ? -numerator : numerator;
  Int128 quotient = magnitude / denominator;
  Int128 remainder = magnitude % denominator;
  if (remainder * 2 >= denominator) ++quotient;
  Int128 result = negative ? -quotient : quotient;
  if (!fits(result)) return Error::invalid(MessageCode::result_too_large);
  return static_cast<std::int64_t>(result);
}

std::optional<Decimal> quotient(Int128 numerator, Int128 denominator, int places) {
  if (denominator == 0) return std::nullopt;
  auto units = divide_round_half_away(numerator * pow10(places), denominator);
  if (!units.ok()) return std::nullopt;
  return Decimal::from_units(*units, places);
}

Result<Decimal> Decimal::parse(std::string_view text, int scale) {
  if (scale < 0 || scale > kMaxScale) std::abort();
  auto bad = [&] {
    return Error::invalid(MessageCode::not_a_decimal);
  };
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && text[i] == '-') {
    negative = true;
    ++i;
  }
  std::size_t int_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  std::size_t int_digits = i - int_start;
  if (int_digits == 0) return bad();
  std::size_t frac_start = i, frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    frac_start = ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    frac_digits = i - frac_start;
    if (frac_digits == 0) return bad();
  }
  if (i != text.size()) return bad();
  if (frac_digits > static_cast<std::size_t>(scale)) {
    if (scale == 0) return Error::invalid(MessageCode::not_whole_number);
    return Error::invalid({MessageCode::too_many_decimals, {std::to_string(scale)}});
  }
  Int128 units = 0;
  const Int128 limit = static_cast<Int128>(std::numeric_limits<std::int64_t>::max()) + 1;
  auto push = [&](char c) {
    units = units * 10 + (c - '0');
    return units <= limit;
  };
  for (std::size_t k = int_start; k < int_start + int_digits; ++k)
    if (!push(text[k])) return Error::invalid(MessageCode::too_large);
  for (std::size_t k = 0; k < static_cast<std::size_t>(scale); ++k) {
    char c = k < frac_digits ? text[frac_start + k] : '0';
    if (!push(c)) return Error::invalid(MessageCode::too_large);
  }
  if (negative) units = -units;
  if (!fits(units)) return Error::invalid(MessageCode::too_large);
  return Decimal(static_cast<std::int64_t>(units), scale);
}

Decimal Decimal::from_units(std::int64_t units, int scale) {
  if (scale < 0 || scale > kMaxScale) std::abort();
  return Decimal(units, scale);
}

std::string Decimal::to_string() const {
  // Work on the unsigned magnitude so that INT64_MIN formats correctly.
  UInt128 magnitude = units_ < 0 ? static_cast<UInt128>(-static_cast<Int128>(units_))
                                 : static_cast<UInt128>(units_);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  if (static_cast<int>(digits.size()) <= scale_)
    digits.insert(0, static_cast<std::size_t>(scale_ + 1) - digits.size(), '0');
  if (scale_ > 0) digits.insert(digits.size() - static_cast<std::size_t>(scale_), ".");
  if (units_ < 0) digits.insert(digits.begin(), '-');
  return digits;
}

Result<Decimal> Decimal::rescale(int scale) const {
  if (scale < 0 || scale > kMaxScale) std::abort();
  if (scale >= scale_) {
    Int128 v = static_cast<Int128>(units_) * pow10(scale - scale_);
    if (!fits(v)) return Error::invalid(MessageCode::too_large);
    return Decimal(static_cast<std::int64_t>(v), scale);
  }
  std::int64_t divisor = pow10(scale_ - scale);
  if (units_ % divisor != 0) {
    return Error::invalid({MessageCode::too_many_decimals, {std::to_string(scale)}});
  }
  return Decimal(units_ / divisor, scale);
}

int Decimal::compare(const Decimal& other) const {
  int scale = scale_ > other.scale_ ? scale_ : other.scale_;
  Int128 a = static_cast<Int128>(units_) * pow10(scale - scale_);
  Int128 b = static_cast<Int128>(other.units_) * pow10(scale - other.scale_);
  return a < b ? -1 : (a > b ? 1 : 0);
}

}  // namespace estate
