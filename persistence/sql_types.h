// The boundary between domain values and SQL columns, in one place: calendar dates cross as
// boost::gregorian::date (SOCI's DATE binding), instants as fixed-width RFC 3339 text, enums
// as their wire spelling. A stored value that no longer parses is a corrupt database and
// throws, which the Database turns into an internal error.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/optional.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "domain/calendar.h"
#include "domain/enums.h"
#include "domain/result.h"

namespace soci {
class row;
}

namespace estate::persistence {

// The one conversion between HowardHinnant `date` and Boost.Date_Time.
boost::gregorian::date to_sql_date(Date d);
Date from_sql_date(const boost::gregorian::date& d);
boost::optional<boost::gregorian::date> to_sql_date(const std::optional<Date>& d);
std::optional<Date> from_sql_date(const boost::optional<boost::gregorian::date>& d);

std::string to_sql_instant(Instant t);
Instant from_sql_instant(const std::string& text);

// The value of `r`, or throws std::runtime_error naming `column` (stored data is corrupt).
template <class T>
T stored(Result<T> r, const char* column) {
  if (!r.ok()) throw std::runtime_error(std::string("corrupt value in column ") + column);
  return std::move(r).value();
}

template <class E>
E stored_enum(const std::string& text, const char* column) {
  auto e = parse_enum<E>(text);
  if (!e) throw std::runtime_error(std::string("corrupt value in column ") + column);
  return *e;
}

// Integer column `i` of a dynamically read row, which SQLite hands back as an int and
// MariaDB as a (possibly unsigned) long long.
std::int64_t row_integer(const soci::row& r, std::size_t i);

// "1,2,3" — ids formatted by us, safe to inline in an IN (...) list.
std::string id_list(const std::vector<std::int64_t>& ids);

// A condition that `column` is one of `ids` (formatted by us, safe to inline): for ids in
// ascending order that fill most of their span, as a page of a list does, "column BETWEEN
// first AND last", one index range instead of a long IN list, which the database parses and
// probes value by value (MariaDB spent most of a whole-estate load there); otherwise
// "column IN (…)". The BETWEEN form may match rows that are not in `ids`: callers keep only
// those they asked for.
std::string id_match(const std::string& column, const std::vector<std::int64_t>& ids);

}  // namespace estate::persistence
