#include "api/routes/journal_routes.h"

#include "persistence/journal.h"

namespace estate::api {

using nlohmann::json;

namespace {

Reply list_entries(persistence::Store& store, const HttpRequest& request) {
  Validator v;
  if (Status s =
          allow_only(request, {"entity", "entity_id", "actor", "from", "to", "limit", "cursor"});
      !s.ok()) {
    v.merge(s.error().fields);
  }
  persistence::JournalQuery q;
  if (auto it = request.query.find("entity"); it != request.query.end()) {
    v.text("entity", it->second, 32);
    q.entity = it->second;
  }
  if (auto it = request.query.find("actor"); it != request.query.end()) {
    v.text("actor", it->second);
    q.actor = it->second;
  }
  auto entity_id = id_param(request, "entity_id");
  if (entity_id.ok())
    q.entity_id = *entity_id;
  else
    v.merge(entity_id.error().fields);
  auto from = instant_param(request, "from", DayEdge::start);
  if (from.ok())
    q.from = *from;
  else
    v.merge(from.error().fields);
  auto to = instant_param(request, "to", DayEdge::end);
  if (to.ok())
    q.to = *to;
  else
    v.merge(to.error().fields);
  auto page = page_params(request);
  if (page.ok()) {
    q.after_seq = page->after;
    q.limit = page->limit;
  } else {
    v.merge(page.error().fields);
  }
  if (Status s = v.finish("the query is not valid"); !s.ok()) return error_reply(s.error());

  auto found = persistence::list_journal(*store.db, q);
  if (!found.ok()) return error_reply(found.error());
  json items = json::array();
  for (const persistence::JournalEntry& e : found->items) {
    items.push_back({{"seq", e.seq},
                     {"at", e.at},
                     {"actor", e.actor},
                     {"action", e.action},
                     {"entity", e.entity},
                     {"entity_id", e.entity_id},
                     {"before", e.before},
                     {"after", e.after},
                     {"prev_hash", e.prev_hash},
                     {"hash", e.hash}});
  }
  Reply r;
  r.body = {{"items", items}, {"next_cursor", next_cursor(found->next_after_seq)}};
  return r;
}

Reply verify(persistence::Store& store, const HttpRequest& request) {
  if (Status s = allow_only(request, {}); !s.ok()) return error_reply(s.error());
  auto v = persistence::verify_journal(*store.db);
  if (!v.ok()) return error_reply(v.error());
  Reply r;
  if (v->ok) {
    r.body = {{"ok", true}, {"entries", v->entries}, {"head", v->head}};
  } else {
    r.body = {{"ok", false}, {"first_bad_seq", *v->first_bad_seq}, {"problem", v->problem}};
  }
  return r;
}

}  // namespace

void add_journal_routes(RouteTable& routes, persistence::Store& store) {
  persistence::Store* s = &store;
  routes.push_back({"GET", "/api/v1/journal", kJournalReaders,
                    [s](const HttpRequest& r) { return list_entries(*s, r); }});
  routes.push_back({"GET", "/api/v1/journal/verify", kJournalReaders,
                    [s](const HttpRequest& r) { return verify(*s, r); }});
}

}  // namespace estate::api
