// Currency is an ISO 4217 currency code together with its number of minor-unit digits
// (JPY 0, TWD 2, KWD 3, CLF 4). Only codes in the built-in table can be made, so holding a
// Currency proves the code is real. Thread-safety: plain value; the table is immutable.
#pragma once

#include <string>
#include <string_view>

#include "domain/result.h"

namespace estate {

class Currency {
 public:
  // The currency with this upper-case three-letter code, or ErrorKind::invalid if ISO 4217 has
  // no such code (or it denotes no money: precious metals, testing codes, SDR units).
  static Result<Currency> of(std::string_view code);

  // The New Taiwan dollar, the ministry's reporting currency.
  static Currency twd();

  // TWD until assigned: a default that is itself a valid currency.
  Currency() = default;

  std::string_view code() const { return std::string_view(code_, 3); }
  int minor_digits() const { return minor_digits_; }

  bool operator==(const Currency& o) const { return code() == o.code(); }
  bool operator!=(const Currency& o) const { return !(*this == o); }
  bool operator<(const Currency& o) const { return code() < o.code(); }

 private:
  Currency(const char* code, int minor_digits);
  char code_[4] = {'T', 'W', 'D', '\0'};
  int minor_digits_ = 2;
};

}  // namespace estate
