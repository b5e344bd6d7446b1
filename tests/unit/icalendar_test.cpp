// The iCalendar writer: TEXT escaping, 75-octet folding that never splits a UTF-8 character,
// the shape of an all-day event with its alarms, and libical's verdict on a whole feed.
#include <gtest/gtest.h>

#include <libical/ical.h>

#include "reports/icalendar.h"

namespace estate::reports {
namespace {

Date day(const char* iso) { return *parse_date(iso); }

// The folded text back as one line: every CRLF followed by a space removed (RFC 5545 §3.1).
std::string unfold(std::string text) {
  for (std::size_t at; (at = text.find("\r\n ")) != std::string::npos;) text.erase(at, 3);
  return text;
}

TEST(ICalendar, EscapesTextValues) {
  EXPECT_EQ(ical_escape("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
  EXPECT_EQ(ical_escape(std::string("bell\x07") + "tab\t"), "belltab\t");
}

TEST(ICalendar, FoldsAt75OctetsAndNeverInsideACharacter) {
  const std::string ascii(160, 'x');
  const std::string folded = ical_fold(ascii);
  // 75 + 74 + 11: the first line 75 octets, continuations a space and 74.
  EXPECT_EQ(folded, std::string(75, 'x') + "\r\n " + std::string(74, 'x') + "\r\n " +
                        std::string(11, 'x') + "\r\n");
  // "DESCRIPTION:" is 12 octets; each Chinese character 3: the 75-octet limit falls inside
  // the 22nd character, so the line breaks before it.
  std::string chinese = "DESCRIPTION:";
  for (int i = 0; i < 40; ++i) chinese += "駐雪梨台北經濟文化辦事處";
  const std::string out = ical_fold(chinese);
  std::size_t start = 0;
  for (std::size_t end; (end = out.find("\r\n", start)) != std::string::npos; start = end + 2) {
    const std::string line = out.substr(start, end - start);
    EXPECT_LE(line.size(), 75u);
    const std::size_t first = start == 0 ? 0 : 1;  // after the continuation space
    if (line.size() > first) {
      EXPECT_NE(static_cast<unsigned char>(line[first]) & 0xC0, 0x80) << "a line starts mid-character";
    }
  }
  EXPECT_EQ(out.find("\r\n"), 12u + 21 * 3);  // 21 whole characters fit on the first line
  EXPECT_EQ(unfold(out), chinese + "\r\n");
}

TEST(ICalendar, WritesAnAllDayEventWithItsAlarms) {
  Feed feed{"Leases", *parse_instant("2026-11-28T02:00:00.5Z"), {30, 7}, {}};
  feed.events.push_back({"lease-3-expiry-1@mission-estate", day("2026-12-31"), 4, "Lease expiry",
                         "line one\nline two"});
  const std::string text = to_icalendar(feed);
  EXPECT_EQ(text.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
  EXPECT_NE(text.find("\r\nUID:lease-3-expiry-1@mission-estate\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nDTSTAMP:20261128T020000Z\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nDTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"),
            std::string::npos);
  EXPECT_NE(text.find("\r\nSEQUENCE:4\r\n"), std::string::npos);
  EXPECT_NE(text.find("\r\nDESCRIPTION:line one\\nline two\r\n"), std::string::npos);
  EXPECT_NE(text.find("TRIGGER:-P30D\r\n"), std::string::npos);
  EXPECT_NE(text.find("TRIGGER:-P7D\r\n"), std::string::npos);
  EXPECT_EQ(text.substr(text.size() - 15), "END:VCALENDAR\r\n");
}

// libical, the reference C implementation, reads the feed without an error and finds it obeys
// the restrictions it checks (RFC 5545's, and RFC 5546's for a METHOD, were one declared: a
// PUBLISH would need an ORGANIZER in every event, which a register's feed has none to give).
TEST(ICalendar, PassesLibicalsChecks) {
  Feed feed{"租約期限 Lease deadlines", *parse_instant("2026-11-28T02:00:00Z"), {30, 7}, {}};
  feed.events.push_back({"lease-3-expiry-1@mission-estate", day("2026-12-31"), 1,
                         "Lease expiry, SYD-OFF-1; 租期屆滿", "Deadline 2026-12-31 23:59 AEDT"});
  feed.events.push_back({"lease-4-notice-1@mission-estate", day("2027-02-28"), 2,
                         "Notice deadline", "a; b, c\\ d"});
  const std::string text = to_icalendar(feed);
  EXPECT_EQ(text.find("METHOD:"), std::string::npos);
  icalcomponent* calendar = icalparser_parse_string(text.c_str());
  ASSERT_NE(calendar, nullptr);
  EXPECT_EQ(icalcomponent_count_errors(calendar), 0);
  EXPECT_EQ(icalrestriction_check(calendar), 1);
  EXPECT_EQ(icalcomponent_count_errors(calendar), 0) << icalcomponent_as_ical_string(calendar);
  EXPECT_EQ(icalcomponent_count_components(calendar, ICAL_VEVENT_COMPONENT), 2);
  icalcomponent_free(calendar);
}

}  // namespace
}  // namespace estate::reports
