#include "reports/icalendar.h"

namespace estate::reports {

namespace {

std::string basic_date(Date d) {
  std::string iso = format_date(d);  // YYYY-MM-DD
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

std::string basic_instant(Instant t) {
  std::string iso = format_instant(date::floor<std::chrono::seconds>(t));  // ...THH:MM:SSZ
  std::string out;
  for (char c : iso)
    if (c != '-' && c != ':') out += c;
  return out;
}

}  // namespace

std::string ical_escape(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
      continue;  // other control characters are not allowed in TEXT
    } else {
      out += c;
    }
  }
  return out;
}

std::string ical_fold(const std::string& line) {
  std::string out;
  std::size_t start = 0, limit = 75;  // the first line holds 75 octets, the others 74 + space
  while (line.size() - start > limit) {
    std::size_t cut = start + limit;
    // Back off to the first byte of a UTF-8 sequence (continuation bytes are 10xxxxxx).
    while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line, start, cut - start);
    out += "\r\n ";
    start = cut;
    limit = 74;
  }
  out.append(line, start, std::string::npos);
  out += "\r\n";
  return out;
}

std::string to_icalendar(const Feed& feed) {
  std::string out;
  auto line = [&out](const std::string& text) { out += ical_fold(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//Mission Estate//Lease events//EN");
  line("CALSCALE:GREGORIAN");
  line("X-WR-CALNAME:" + ical_escape(feed.name));
  const std::string stamp = basic_instant(feed.stamp);
  for (const FeedEvent& e : feed.events) {
    const std::string summary = ical_escape(e.summary);
    line("BEGIN:VEVENT");
    line("UID:" + e.uid);
    line("DTSTAMP:" + stamp);
    line("SEQUENCE:" + std::to_string(e.sequence));
    line("DTSTART;VALUE=DATE:" + basic_date(e.date));
    line("DTEND;VALUE=DATE:" + basic_date(Date{date::sys_days(e.date) + date::days(1)}));
    line("SUMMARY:" + summary);
    line("DESCRIPTION:" + ical_escape(e.description));
    line("TRANSP:TRANSPARENT");
    for (int days : feed.alarm_days) {
      line("BEGIN:VALARM");
      line("ACTION:DISPLAY");
      line("TRIGGER:-P" + std::to_string(days) + "D");
      line("DESCRIPTION:" + summary);
      line("END:VALARM");
    }
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace estate::reports
