#include "domain/time_zone.h"

#include <date/tz.h>

#include <stdexcept>

namespace estate {

Result<TimeZone> TimeZone::of(std::string_view name) {
  if (name.empty() || name.size() > 64) return Error::invalid(MessageCode::not_a_time_zone_name);
  try {
    const date::time_zone* zone = date::locate_zone(std::string(name));
    return TimeZone(std::string(name), zone);
  } catch (const std::exception&) {
    return Error::invalid(MessageCode::unknown_time_zone);
  }
}

Instant TimeZone::end_of_local_day(Date d) const {
  if (zone_ == nullptr) return end_of_day_utc(d);
  date::local_days next_midnight{(date::sys_days(d) + date::days(1)).time_since_epoch()};
  // A midnight skipped by a DST change maps to the first instant after the gap.
  auto first = zone_->to_sys(next_midnight, date::choose::earliest);
  return date::floor<std::chrono::microseconds>(first) - std::chrono::microseconds(1);
}

std::string TimeZone::local_text(Instant t) const {
  const auto minute = date::floor<std::chrono::minutes>(t);
  if (zone_ == nullptr) return date::format("%Y-%m-%d %H:%M UTC (+0000)", minute);
  return date::format("%Y-%m-%d %H:%M %Z (%z)", date::make_zoned(zone_, minute));
}

}  // namespace estate
