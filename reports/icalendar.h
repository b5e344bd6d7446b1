// Lease events as an iCalendar feed (RFC 5545) that calendar programs subscribe to: one
// all-day VEVENT per event on the mission's local date, with a UID that stays the same when
// the lease changes (so an update moves the event instead of adding one), its SEQUENCE the
// lease's version, alarms some days before, and text escaped (§3.3.11) and lines folded at 75
// octets without splitting a UTF-8 character (§3.1). No METHOD: a subscribed feed is not an
// iTIP message, and RFC 5546's PUBLISH would require an ORGANIZER the register has none of
// (libical refuses the feed otherwise; tests/unit/icalendar_test.cpp). Pure functions.
#pragma once

#include <string>
#include <vector>

#include "domain/calendar.h"

namespace estate::reports {

struct FeedEvent {
  std::string uid;          // stable across changes of the dates it carries
  Date date{};              // the local date it falls on
  std::int64_t sequence = 0;
  std::string summary;      // one line
  std::string description;  // may hold line breaks
};

struct Feed {
  std::string name;                  // X-WR-CALNAME
  Instant stamp;                     // DTSTAMP of every event: when the feed was made
  std::vector<int> alarm_days{30, 7};  // a DISPLAY alarm this many days before each event
  std::vector<FeedEvent> events;
};

// The VCALENDAR text, CRLF line ends.
std::string to_icalendar(const Feed& feed);

// TEXT value escaping: backslash, semicolon, comma and line breaks.
std::string ical_escape(const std::string& text);
// One content line folded: at most 75 octets a line, continuations starting with a space,
// never inside a UTF-8 sequence; ends with CRLF.
std::string ical_fold(const std::string& line);

}  // namespace estate::reports
