// Calendar feeds end to end on SQLite and MariaDB: a user's feed address, its events read back
// with a real RFC 5545 parser (Debian's python3-icalendar) — dates on both sides of Sydney's
// DST change, a Chinese name folded mid-character, UIDs that survive a change of the lease —
// and revocation.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "tests/http/api_fixture.h"

namespace estate::testing {
namespace {

using nlohmann::json;

// The next `month`-15 after today (UTC), as YYYY-MM-DD.
std::string next_fifteenth(unsigned month) {
  const auto today = date::year_month_day{date::floor<date::days>(std::chrono::system_clock::now())};
  date::year_month_day d{today.year(), date::month{month}, date::day{15}};
  if (!(today < d)) d = date::year_month_day{today.year() + date::years(1), date::month{month}, date::day{15}};
  return date::format("%F", date::sys_days(d));
}

// The day `n` days after today (UTC), as YYYY-MM-DD.
std::string days_from_today(int n) {
  return date::format("%F", date::floor<date::days>(std::chrono::system_clock::now()) + date::days(n));
}

// The feed parsed by python3-icalendar, as JSON events {uid, start, summary, description,
// alarms}; an empty optional when the parser is not installed.
std::optional<json> parsed(const std::string& ics, const std::string& folder) {
  const std::string file = folder + "/feed.ics";
  std::ofstream(file, std::ios::binary) << ics;
  const std::string script = R"PY(
import json, sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], "rb").read())
out = []
for e in cal.walk("VEVENT"):
    out.append({"uid": str(e["UID"]), "start": e.decoded("DTSTART").isoformat(),
                "end": e.decoded("DTEND").isoformat(), "summary": str(e["SUMMARY"]),
                "description": str(e["DESCRIPTION"]), "sequence": int(e["SEQUENCE"]),
                "alarms": [str(a["TRIGGER"].to_ical().decode()) for a in e.walk("VALARM")]})
print(json.dumps(out))
)PY";
  std::ofstream(folder + "/parse.py") << script;
  FILE* p = popen(("/usr/bin/python3 " + folder + "/parse.py " + file + " 2>" + folder + "/parse.err").c_str(), "r");
  if (!p) return std::nullopt;
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, p)) > 0;) out.append(buffer, n);
  if (pclose(p) != 0) return std::nullopt;
  return json::parse(out);
}

class CalendarApi : public ApiTest {};

TEST_P(CalendarApi, AFeedListsLeaseEventsThatARealParserReads) {
  // A mission with a long Chinese name, so its description folds inside a character.
  json mission = sydney_mission();
  mission["name_zh"] = "駐澳大利亞雪梨台北經濟文化辦事處暨領務組與經濟組聯合辦公室";
  json m = create("missions", mission);
  json p = create("properties", sydney_office(m["id"]));
  // Ends on a 15 July (Sydney winter, AEST +1000); its renewal option is due on a 15 January
  // (summer, AEDT +1100); 90 days' notice.
  const std::string july = next_fifteenth(7), january = next_fifteenth(1);
  json lease = sydney_lease(p["id"]);
  lease["start"] = "2020-07-16";
  lease["end"] = july;
  lease["notice_days"] = 90;
  lease["options"] = json::array({{{"kind", "renewal"}, {"exercise_by", january}, {"years", 5}}});
  json l = create("leases", lease);

  Answer made = call("POST", "/api/v1/calendar-feeds", "facilities");
  ASSERT_EQ(made.status, 201) << made.text;
  const std::string path = made.body["path"];
  ASSERT_EQ(path.rfind("/calendar/", 0), 0u);
  Answer feed = call("GET", path + "?within_days=400", "");
  ASSERT_EQ(feed.status, 200) << feed.text;
  EXPECT_EQ(feed.headers["content-type"], "text/calendar; charset=utf-8");
  // A line folded between two bytes of Chinese text: CRLF space with UTF-8 on both sides.
  bool folded_in_chinese = false;
  for (std::size_t at = 0; (at = feed.text.find("\r\n ", at)) != std::string::npos; at += 3) {
    if (at > 0 && at + 3 < feed.text.size() && (feed.text[at - 1] & 0x80) && (feed.text[at + 3] & 0x80))
      folded_in_chinese = true;
  }
  EXPECT_TRUE(folded_in_chinese) << feed.text;

  auto events = parsed(feed.text, database_->folder());
  if (!events) {
    const char* required = std::getenv("ESTATE_TEST_REQUIRE_TOOLS");
    ASSERT_FALSE(required && std::string(required) == "1") << "python3-icalendar failed to parse";
    GTEST_SKIP() << "python3-icalendar is not installed";
  }
  std::map<std::string, json> by_uid;
  for (const json& e : *events) by_uid[e["uid"]] = e;
  const std::string lease_id = std::to_string(l["id"].get<int>());
  ASSERT_TRUE(by_uid.count("lease-" + lease_id + "-expiry-1@mission-estate")) << events->dump(1);
  const json expiry = by_uid["lease-" + lease_id + "-expiry-1@mission-estate"];
  const json option = by_uid["lease-" + lease_id + "-renewal_option-1@mission-estate"];
  EXPECT_EQ(expiry["start"], july);  // an all-day event on the mission's date
  EXPECT_EQ(option["start"], january);
  EXPECT_NE(expiry["description"].get<std::string>().find(july + " 23:59 AEST (+1000) Australia/Sydney"),
            std::string::npos) << expiry["description"];
  EXPECT_NE(option["description"].get<std::string>().find(january + " 23:59 AEDT (+1100)"),
            std::string::npos) << option["description"];
  // The whole Chinese name, unfolded by the parser; both languages; the property.
  EXPECT_NE(expiry["description"].get<std::string>().find(mission["name_zh"].get<std::string>()),
            std::string::npos);
  EXPECT_NE(expiry["summary"].get<std::string>().find("Lease expiry · SYD-OFF-1 · 租期屆滿"),
            std::string::npos);
  EXPECT_EQ(expiry["alarms"], json::array({"-P30D", "-P7D"}));
  EXPECT_EQ(expiry["sequence"], 1);
  ASSERT_TRUE(by_uid.count("lease-" + lease_id + "-notice_deadline-1@mission-estate"));

  // The lease is extended by a month: the same UID, a later date, a higher SEQUENCE.
  const std::string august = july.substr(0, 5) + "08-15";
  ASSERT_EQ(call("PATCH", "/api/v1/leases/" + lease_id, "facilities", json{{"end", august}},
                 {{"If-Match", "\"1\""}}).status, 200);
  auto moved = parsed(call("GET", path + "?within_days=400", "").text, database_->folder());
  ASSERT_TRUE(moved);
  std::size_t expiries = 0;
  for (const json& e : *moved) {
    if (e["uid"] == "lease-" + lease_id + "-expiry-1@mission-estate") {
      ++expiries;
      EXPECT_EQ(e["start"], august);
      EXPECT_EQ(e["sequence"], 2);
    }
  }
  EXPECT_EQ(expiries, 1u);

  // mission_id narrows; another mission's feed is empty of this lease.
  EXPECT_NE(call("GET", path + "?mission_id=" + std::to_string(m["id"].get<int>()), "").text.find("UID:lease-"),
            std::string::npos);
  EXPECT_EQ(call("GET", path + "?mission_id=999999", "").text.find("UID:lease-"), std::string::npos);
  EXPECT_EQ(call("GET", path + "?within_days=x", "").status, 422);
}

TEST_P(CalendarApi, AReplacedLeaseRaisesNoEventsAfterItsPurchaseIsOccupied) {
  json m = create("missions", sydney_mission());
  json office = sydney_office(m["id"]);
  office["tenure"] = json::parse(R"([{"type": "leased", "from": "2020-07-16", "to": null}])");
  json p = create("properties", office);
  // Renewal option in 30 days, notice deadline in 90 (110 days before an expiry in 200).
  json lease = sydney_lease(p["id"]);
  lease["start"] = "2020-07-16";
  lease["end"] = days_from_today(200);
  lease["notice_days"] = 110;
  lease["escalation"] = json{{"kind", "none"}};
  lease["options"] =
      json::array({{{"kind", "renewal"}, {"exercise_by", days_from_today(30)}, {"years", 5}}});
  const std::string lease_id = std::to_string(create("leases", lease)["id"].get<int>());
  json a = create("acquisitions",
                  json{{"code", "ACQ-SYD-FEED"},
                       {"property_id", p["id"]},
                       {"replaces_lease_ids", {std::stoi(lease_id)}},
                       {"stages", json::parse(R"([{"stage": "proposed", "on": "2024-03-01"}])")},
                       {"price", {{"amount", "1000000.00"}, {"currency", "AUD"}}},
                       {"costs", {{"amount", "50000.00"}, {"currency", "AUD"}}},
                       {"operating_cost_annual", {{"amount", "36500.00"}, {"currency", "AUD"}}}});
  const std::string path = call("POST", "/api/v1/calendar-feeds", "facilities").body["path"];
  auto has = [&](const std::string& feed, const char* event) {
    return feed.find("UID:lease-" + lease_id + "-" + event + "-1@mission-estate") !=
           std::string::npos;
  };
  std::string feed = call("GET", path + "?within_days=400", "").text;
  EXPECT_TRUE(has(feed, "renewal_option") && has(feed, "notice_deadline") && has(feed, "expiry"))
      << feed;
  // Occupied in 60 days: the option before it still shows; the notice and expiry after it not.
  Answer occupied = call("POST", "/api/v1/acquisitions/" + std::to_string(a["id"].get<int>()) + "/stage",
                         "facilities", json{{"stage", "occupied"}, {"on", days_from_today(60)}});
  ASSERT_EQ(occupied.status, 200) << occupied.text;
  feed = call("GET", path + "?within_days=400", "").text;
  EXPECT_TRUE(has(feed, "renewal_option")) << feed;
  EXPECT_FALSE(has(feed, "notice_deadline")) << feed;
  EXPECT_FALSE(has(feed, "expiry")) << feed;
}

TEST_P(CalendarApi, RevokedUnknownAndMalformedAddressesAreNotFound) {
  Answer made = call("POST", "/api/v1/calendar-feeds", "finance");
  ASSERT_EQ(made.status, 201);
  const std::string path = made.body["path"];
  EXPECT_EQ(call("GET", path, "").status, 200);
  EXPECT_EQ(call("DELETE", "/api/v1/calendar-feeds", "finance").status, 204);
  EXPECT_EQ(call("GET", path, "").status, 404);
  EXPECT_EQ(call("GET", "/calendar/" + std::string(64, 'a') + ".ics", "").status, 404);
  EXPECT_EQ(call("GET", "/calendar/not-a-feed.ics", "").status, 404);
  EXPECT_EQ(call("GET", "/calendar/" + path.substr(10, 64), "").status, 404);  // no .ics
  EXPECT_EQ(call("POST", "/api/v1/calendar-feeds", "admin").status, 403);
  EXPECT_EQ(call("POST", "/api/v1/calendar-feeds", "").status, 401);
  // The journal records the feed's creation and revocation, never its secret.
  Answer journal = call("GET", "/api/v1/journal?entity=calendar_feed", "auditor");
  ASSERT_EQ(journal.body["items"].size(), 2u);
  EXPECT_EQ(journal.text.find(path.substr(10, 64)), std::string::npos);
}

// A feed answers to its address alone, so it must end when its owner does: when their tokens
// are revoked, when they are disabled, and even when an account was disabled by other means
// than the command line (its feeds never revoked). No shared cache keeps an answer.
TEST_P(CalendarApi, AFeedEndsWhenItsOwnersTokensAreRevoked) {
  Answer made = call("POST", "/api/v1/calendar-feeds", "finance");
  ASSERT_EQ(made.status, 201);
  const std::string path = made.body["path"];
  Answer live = call("GET", path, "");
  ASSERT_EQ(live.status, 200);
  EXPECT_EQ(live.headers["cache-control"], "private, no-store");
  ASSERT_EQ(cli({"token", "revoke", "--user", "test-finance"}).exit_code, 0);
  EXPECT_EQ(call("GET", path, "").status, 404);
  // The feed's revocation is journalled with the token's.
  Answer journal = call("GET", "/api/v1/journal?entity=calendar_feed", "auditor");
  ASSERT_EQ(journal.body["items"].size(), 2u) << journal.text;
}

TEST_P(CalendarApi, AFeedEndsWhenItsOwnerIsDisabled) {
  ASSERT_EQ(cli({"user", "create", "--user", "carol", "--role", "facilities", "--generate"}).exit_code, 0);
  ASSERT_EQ(cli({"user", "create", "--user", "dave", "--role", "facilities", "--generate"}).exit_code, 0);
  auto carol = cli({"calendar", "create", "--user", "carol"});
  auto dave = cli({"calendar", "create", "--user", "dave"});
  ASSERT_EQ(carol.exit_code, 0);
  ASSERT_EQ(dave.exit_code, 0);
  const std::string carol_path = carol.out.substr(0, carol.out.find('\n'));
  const std::string dave_path = dave.out.substr(0, dave.out.find('\n'));
  ASSERT_EQ(call("GET", carol_path, "").status, 200);
  ASSERT_EQ(call("GET", dave_path, "").status, 200);
  ASSERT_EQ(cli({"user", "disable", "--user", "carol"}).exit_code, 0);
  EXPECT_EQ(call("GET", carol_path, "").status, 404);
  // Disabled behind the service's back (the feed row still live): the feed still ends.
  sql("UPDATE users SET disabled = 1 WHERE name = 'dave'");
  EXPECT_EQ(call("GET", dave_path, "").status, 404);
}

ESTATE_API_ON_BOTH_BACKENDS(CalendarApi);

}  // namespace
}  // namespace estate::testing
