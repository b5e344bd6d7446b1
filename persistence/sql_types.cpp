#include "persistence/sql_types.h"

#include <soci/soci.h>

#include <algorithm>

namespace estate::persistence {

boost::gregorian::date to_sql_date(Date d) {
  return boost::gregorian::date(static_cast<unsigned short>(int(d.year())),
                                static_cast<unsigned short>(unsigned(d.month())),
                                static_cast<unsigned short>(unsigned(d.day())));
}

Date from_sql_date(const boost::gregorian::date& d) {
  return Date{date::year{int(d.year())}, date::month{unsigned(d.month())},
              date::day{unsigned(d.day())}};
}

boost::optional<boost::gregorian::date> to_sql_date(const std::optional<Date>& d) {
  if (!d) return boost::none;
  return to_sql_date(*d);
}

std::optional<Date> from_sql_date(const boost::optional<boost::gregorian::date>& d) {
  if (!d) return std::nullopt;
  return from_sql_date(*d);
}

std::string to_sql_instant(Instant t) {
  return format_instant_fixed(t);
}

Instant from_sql_instant(const std::string& text) {
  return stored(parse_instant(text), "instant");
}

std::string id_list(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (std::int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

std::string id_match(const std::string& column, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return "1 = 0";
  const bool ascending = std::is_sorted(ids.begin(), ids.end()) &&
                         std::adjacent_find(ids.begin(), ids.end()) == ids.end();
  const std::int64_t first = ids.front(), last = ids.back();
  if (ids.size() > 8 && ascending &&
      static_cast<std::uint64_t>(last - first) < 2 * static_cast<std::uint64_t>(ids.size())) {
    return column + " BETWEEN " + std::to_string(first) + " AND " + std::to_string(last);
  }
  return column + " IN (" + id_list(ids) + ")";
}

std::int64_t row_integer(const soci::row& r, std::size_t i) {
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<std::int64_t>(r.get<unsigned long long>(i));
    default: return r.get<int>(i);
  }
}

}  // namespace estate::persistence
