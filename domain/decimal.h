// Decimal is an exact fixed-point number: int64 units of 10^-scale, with a scale of 0 to 9
// places fixed when it is made. It carries floor areas (2 places), percentages (2 places) and
// exchange rates (6 places) without ever passing through floating point.
//
// Text form is strict: an optional '-', one or more digits, and optionally '.' followed by one
// or more digits ("12", "12.5", "-0.25"). No '+', exponent, spaces or thousands separators.
// Thread-safety: plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace estate {

// 128-bit integers for exact intermediate products (GCC/Clang extension).
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

class Decimal {
 public:
  static constexpr int kMaxScale = 9;

  // Parses `text` into a Decimal of exactly `scale` places. Fails (ErrorKind::invalid, message
  // only; the caller names the field) when the text is not a decimal, has more than `scale`
  // fractional digits, or does not fit in int64 units.
  static Result<Decimal> parse(std::string_view text, int scale);

  // The Decimal `units` × 10^-scale. `scale` must be 0..kMaxScale.
  static Decimal from_units(std::int64_t units, int scale);

  std::int64_t units() const { return units_; }
  int scale() const { return scale_; }
  bool is_negative() const { return units_ < 0; }
  bool is_zero() const { return units_ == 0; }

  // Exactly `scale()` fractional digits: Decimal::parse("1.5", 2) formats as "1.50".
  std::string to_string() const;

  // Same value at another scale. Fails if rounding would be needed (more places than `scale`
  // carry non-zero digits) or the result overflows.
  Result<Decimal> rescale(int scale) const;

  // Numeric comparison, independent of scale.
  int compare(const Decimal& other) const;
  bool operator==(const Decimal& o) const { return compare(o) == 0; }
  bool operator!=(const Decimal& o) const { return compare(o) != 0; }
  bool operator<(const Decimal& o) const { return compare(o) < 0; }
  bool operator<=(const Decimal& o) const { return compare(o) <= 0; }
  bool operator>(const Decimal& o) const { return compare(o) > 0; }
  bool operator>=(const Decimal& o) const { return compare(o) >= 0; }

 private:
  Decimal(std::int64_t units, int scale) : units_(units), scale_(scale) {}
  std::int64_t units_ = 0;
  int scale_ = 0;
};

// 10^n for n in 0..18.
std::int64_t pow10(int n);

// numerator / denominator rounded half away from zero (the rounding rule of every reported
// figure). `denominator` must be non-zero. Fails if the quotient does not fit in int64.
Result<std::int64_t> divide_round_half_away(Int128 numerator, Int128 denominator);

// numerator / denominator as a Decimal of `places` decimals, rounded half away from zero (a
// report's ratio); nullopt when the denominator is 0 or the quotient does not fit.
std::optional<Decimal> quotient(Int128 numerator, Int128 denominator, int places);

}  // namespace estate
