#include "persistence/sql_types.h"

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

}  // namespace estate::persistence
