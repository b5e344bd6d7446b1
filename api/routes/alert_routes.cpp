#include "api/routes/alert_routes.h"

#include "api/http/json_reader.h"
#include "app/lease_events.h"

namespace estate::api {

namespace {

Result<Reply> acknowledge(persistence::Store& store, const HttpRequest& request) {
  const std::string token = request.params.count("token") ? request.params.at("token") : "";
  bool hex = token.size() == 64;
  for (char c : token) hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (!hex) return Error::not_found(MessageCode::no_alert_link);
  auto event = store.alerts->acknowledge(token);
  if (!event.ok()) return event.error();
  if (!*event) return Error::not_found(MessageCode::no_alert_link);
  Reply r;
  r.content_type = "text/plain; charset=utf-8";
  r.raw = "已確認：此事項不再寄送提醒。\nAcknowledged: nobody will be reminded of this again.\n(" +
          **event + ")\n";
  return r;
}

Result<Reply> acknowledge_event(persistence::Store& store, const HttpRequest& request) {
  auto body = parse_json_body(request.body);
  if (!body.ok()) return problem_reply(400, body.error().what);
  Validator v;
  JsonReader r(*body, "", v);
  const auto lease = r.id<LeaseId>("lease_id");
  const auto event = r.text("event");
  const auto date = r.date("date");
  r.finish();
  if (Status s = v.finish(MessageCode::acknowledgement_invalid); !s.ok()) return s.error();
  auto recorded = app::acknowledge_lease_event(store, *lease, *event, *date,
                                               Actor(request.caller.user));
  if (!recorded.ok()) return recorded.error();
  Reply reply;
  reply.status = *recorded ? 201 : 200;
  reply.body = {{"lease_id", lease->value()}, {"event", *event}, {"date", format_date(*date)},
                {"acknowledged", true}};
  return reply;
}

}  // namespace

void add_alert_routes(RouteTable& routes, persistence::Store& store) {
  persistence::Store* s = &store;
  routes.push_back(documented({"GET",
                               "/alerts/ack/:token",
                               {},
                               {},
                               [s](const HttpRequest& r) { return acknowledge(*s, r); }},
                              {"acknowledgeAlertLink",
                               "Lease events",
                               "acknowledge the event an alert e-mail's link names: nobody is "
                               "reminded of it again (the token is the credential)",
                               {},
                               "",
                               {{200, "AlertAcknowledgedPage"}},
                               {}}));
  routes.push_back(
      documented({"POST",
                  "/api/v1/lease-events/acknowledgements",
                  {Role::facilities},
                  {},
                  [s](const HttpRequest& r) { return acknowledge_event(*s, r); }},
                 {"acknowledgeLeaseEvent",
                  "Lease events",
                  "acknowledge a lease event as a signed-in facilities user: the same record an "
                  "alert e-mail's link writes (idempotent)",
                  {},
                  "AcknowledgeLeaseEvent",
                  {{200, "LeaseEventAcknowledgedAlready"}, {201, "LeaseEventAcknowledged"}},
                  {404}}));
}

}  // namespace estate::api
