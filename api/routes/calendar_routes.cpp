#include "api/routes/calendar_routes.h"

#include <map>
#include <unordered_map>

#include "api/http/query_reader.h"
#include "app/lease_events.h"
#include "domain/time_zone.h"
#include "reports/icalendar.h"
#include "reports/lease_events.h"

namespace estate::api {

using nlohmann::json;
using persistence::Store;

namespace {

constexpr const char* kFeedPath = "/calendar/";

// The events' names in both languages, for summaries.
const std::map<std::string, std::pair<const char*, const char*>> kEventNames = {
    {"expiry", {"Lease expiry", "租期屆滿"}},
    {"notice_deadline", {"Notice deadline", "通知期限"}},
    {"renewal_option", {"Renewal option: exercise by", "續租選擇權行使期限"}},
    {"break_option", {"Break option: exercise by", "提前終止選擇權行使期限"}},
    {"rent_review", {"Rent review", "租金調整"}}};

Result<Reply> create_feed(Store& store, const HttpRequest& request) {
  auto secret = store.calendar_feeds->create(request.caller.user, Actor{request.caller.user});
  if (!secret.ok()) return secret.error();
  Reply r;
  r.status = 201;
  r.location = kFeedPath + *secret + ".ics";
  r.body = {{"path", r.location}};
  return r;
}

Result<Reply> revoke_feeds(Store& store, const HttpRequest& request) {
  auto revoked = store.calendar_feeds->revoke(request.caller.user, Actor{request.caller.user});
  if (!revoked.ok()) return revoked.error();
  Reply r;
  r.status = 204;
  return r;
}

// The secret of a feed path's last segment "<64 hex>.ics"; nullopt for anything else.
std::optional<std::string> feed_secret(const HttpRequest& request) {
  auto it = request.params.find("feed");
  if (it == request.params.end()) return std::nullopt;
  const std::string& file = it->second;
  if (file.size() != 64 + 4 || file.compare(64, 4, ".ics") != 0) return std::nullopt;
  for (std::size_t i = 0; i < 64; ++i) {
    const char c = file[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  }
  return file.substr(0, 64);
}

// Which of a lease's events of one kind an event is (1, 2, …, by date over the whole lease),
// so its UID does not change as days pass and earlier events drop out of the window.
std::map<std::pair<std::string, Date>, int> ordinals(const Lease& lease,
                                                     const app::LeaseEventInputs& in) {
  const Date from = std::min(lease.start, lease.end);
  const int days = static_cast<int>((date::sys_days(lease.end) - date::sys_days(from)).count());
  std::map<std::pair<std::string, Date>, int> out;
  std::map<std::string, int> counts;
  // Notice and option dates can fall before the start; look a year back as well.
  const Date earliest{date::sys_days(from) - date::days(366)};
  for (const auto& e : reports::lease_events({lease}, in.acquisitions, in.properties, in.missions,
                                             earliest, days + 366))
    out.emplace(std::make_pair(e.event, e.date), ++counts[e.event]);
  return out;
}

Result<Reply> feed(Store& store, const CalendarOptions& options, const HttpRequest& request) {
  const auto secret = feed_secret(request);
  const Error unknown = Error::not_found(MessageCode::no_calendar_feed);
  if (!secret) return unknown;
  QueryReader q(request);
  const auto mission = q.id<MissionId>("mission_id");
  const auto within = q.integer("within_days", 0, 3650).value_or(365);
  if (Status s = q.finish(MessageCode::feed_params_invalid); !s.ok()) return s.error();
  auto owner = store.calendar_feeds->owner(*secret);
  if (!owner.ok()) return owner.error();
  if (!*owner) return unknown;
  // A feed ends with its owner: one who is disabled and holds no live token has none, even
  // a feed whose revocation did not come with theirs.
  auto role = store.accounts->role_of(**owner);
  if (!role.ok()) return role.error();
  if (!*role) return unknown;

  auto in = app::lease_event_inputs(store);
  if (!in.ok()) return in.error();
  const Instant now = estate::now();
  const Date today{date::floor<date::days>(now)};
  const auto events = app::lease_events(*in, today, static_cast<int>(within));
  std::unordered_map<std::int64_t, const Lease*> lease_by_id;
  for (const Lease& l : in->leases) lease_by_id.emplace(l.id.value(), &l);
  std::unordered_map<std::int64_t, const Property*> property_by_id;
  for (const Property& p : in->properties) property_by_id.emplace(p.id.value(), &p);
  std::unordered_map<std::int64_t, const Mission*> mission_by_id;
  for (const Mission& m : in->missions) mission_by_id.emplace(m.id.value(), &m);
  std::unordered_map<std::int64_t, std::map<std::pair<std::string, Date>, int>> ordinal_by_lease;

  reports::Feed out{"Mission Estate: lease events (" + **owner + ")", now, options.alarm_days, {}};
  for (const auto& e : events) {
    if (mission && e.mission_id != mission) continue;
    const Lease& lease = *lease_by_id.at(e.lease_id.value());
    const Property& property = *property_by_id.at(e.property_id.value());
    const Mission* m = e.mission_id ? mission_by_id.at(e.mission_id->value()) : nullptr;
    auto [ordinals_it, fresh] = ordinal_by_lease.try_emplace(lease.id.value());
    if (fresh) ordinals_it->second = ordinals(lease, *in);
    const int n = ordinals_it->second[{e.event, e.date}];
    const auto& [en, zh] = kEventNames.at(e.event);
    auto zone = TimeZone::of(e.time_zone);
    const std::string local = zone.ok() ? zone->local_text(e.deadline_utc) : e.time_zone;
    reports::FeedEvent ev;
    ev.uid = "lease-" + std::to_string(lease.id.value()) + "-" + e.event + "-" +
             std::to_string(n) + "@mission-estate";
    ev.date = e.date;
    ev.sequence = lease.meta.version;
    ev.summary = std::string(en) + " · " + property.code + " · " + zh;
    ev.description =
        std::string(en) + " / " + zh + "\n" +
        "Mission 館處: " + (m ? m->name_zh + " / " + m->name_en : std::string("domestic 國內")) +
        "\n" + "Property 館產: " + property.code + " " + property.name + "\n" +
        "Lease 租約: " + std::to_string(lease.id.value()) + ", " + lease.lessor + ", " +
        format_date(lease.start) + " – " + format_date(lease.end) + "\n" +
        "Deadline 期限: " + local + " " + e.time_zone + "\n" +
        "Deadline UTC 世界協調時間: " + format_instant(date::floor<std::chrono::seconds>(e.deadline_utc));
    out.events.push_back(std::move(ev));
  }
  Reply r;
  r.raw = reports::to_icalendar(out);
  r.content_type = "text/calendar; charset=utf-8";
  // The lessors and deadlines are the owner's to see: no shared cache may keep them.
  r.cache_control = "private, no-store";
  return r;
}

}  // namespace

void add_calendar_routes(RouteTable& routes, Store& store, CalendarOptions options) {
  Store* s = &store;
  routes.push_back(documented({"POST",
                               "/api/v1/calendar-feeds",
                               kRegisterReaders,
                               {},
                               [s](const HttpRequest& r) { return create_feed(*s, r); }},
                              {"createCalendarFeed",
                               "Calendar",
                               "a new calendar feed address of lease events for the signed-in user "
                               "(facilities, finance, auditor); no body",
                               {},
                               "",
                               {{201, "CalendarFeedCreated"}},
                               {}}));
  routes.push_back(documented(
      {"DELETE",
       "/api/v1/calendar-feeds",
       kRegisterReaders,
       {},
       [s](const HttpRequest& r) { return revoke_feeds(*s, r); }},
      {"revokeCalendarFeeds",
       "Calendar",
       "revokes every calendar feed of the signed-in user (their addresses then answer 404)",
       {},
       "",
       {{204, "CalendarFeedsRevoked"}},
       {}}));
  routes.push_back(
      documented({"GET",
                  std::string(kFeedPath) + ":feed",
                  {},
                  {"mission_id", "within_days"},
                  [s, options](const HttpRequest& r) { return feed(*s, options, r); }},
                 {"getCalendarFeed",
                  "Calendar",
                  "a calendar feed (RFC 5545) of lease events: all-day events on the mission's "
                  "date, with alarms; the secret address is the credential",
                  {"calendar.mission_id", "calendar.within_days"},
                  "",
                  {{200, "CalendarFeed"}},
                  {},
                  "The feed ends (404) when its owner is disabled or their tokens are revoked."}));
}

}  // namespace estate::api
