// TimeZone is an IANA time zone name ("Australia/Sydney") that the system tz database
// (/usr/share/zoneinfo, via date/tz.h with USE_OS_TZDB) knows. Holding one proves the zone
// exists; local deadlines are computed through it. Thread-safety: the tz database is
// immutable once loaded; values are plain.
#pragma once

#include <string>
#include <string_view>

#include "domain/calendar.h"
#include "domain/result.h"

namespace date {
class time_zone;
}

namespace estate {

class TimeZone {
 public:
  // ErrorKind::invalid when the tz database has no zone of that name.
  static Result<TimeZone> of(std::string_view name);

  // UTC until assigned.
  TimeZone() = default;

  const std::string& name() const { return name_; }

  // The instant at which day `d` ends in this zone (the first instant of d + 1 local time,
  // minus one microsecond), taking the zone's UTC offset on that day, DST included.
  Instant end_of_local_day(Date d) const;

  // `t` as this zone's wall-clock time, to the minute, with its abbreviation and offset on
  // that day: "2026-10-04 23:59 AEDT (+1100)".
  std::string local_text(Instant t) const;

  bool operator==(const TimeZone& o) const { return name_ == o.name_; }

 private:
  TimeZone(std::string name, const date::time_zone* zone) : name_(std::move(name)), zone_(zone) {}
  std::string name_ = "UTC";
  const date::time_zone* zone_ = nullptr;  // nullptr: UTC
};

}  // namespace estate
