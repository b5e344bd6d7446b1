// Country is an ISO 3166-1 alpha-2 code ("AU", "TW", "US"). Only codes in the built-in table of
// all 249 officially assigned codes can be made. Thread-safety: plain value.
#pragma once

#include <string_view>

#include "domain/result.h"

namespace estate {

class Country {
 public:
  // The country with this upper-case two-letter code, or ErrorKind::invalid.
  static Result<Country> of(std::string_view code);

  std::string_view code() const { return std::string_view(code_, 2); }
  bool operator==(const Country& o) const { return code() == o.code(); }
  bool operator!=(const Country& o) const { return !(*this == o); }

  // "TW" until assigned: a default that is itself a valid country.
  Country() = default;

 private:
  char code_[3] = {'T', 'W', '\0'};
};

}  // namespace estate
