#include "api/routes/alert_routes.h"

namespace estate::api {

namespace {

Result<Reply> acknowledge(persistence::Store& store, const HttpRequest& request) {
  const std::string token = request.params.count("token") ? request.params.at("token") : "";
  bool hex = token.size() == 64;
  for (char c : token) hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (!hex) return Error::not_found("no alert has this link");
  auto event = store.alerts->acknowledge(token);
  if (!event.ok()) return event.error();
  if (!*event) return Error::not_found("no alert has this link");
  Reply r;
  r.content_type = "text/plain; charset=utf-8";
  r.raw = "已確認：此事項不再寄送提醒。\nAcknowledged: nobody will be reminded of this again.\n(" +
          **event + ")\n";
  return r;
}

}  // namespace

void add_alert_routes(RouteTable& routes, persistence::Store& store) {
  persistence::Store* s = &store;
  routes.push_back({"GET", "/alerts/ack/:token", {}, {},
                    [s](const HttpRequest& r) { return acknowledge(*s, r); }});
}

}  // namespace estate::api
