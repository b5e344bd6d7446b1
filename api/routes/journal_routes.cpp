#include "api/routes/journal_routes.h"

#include "api/http/query_reader.h"

namespace estate::api {

using nlohmann::json;

namespace {

Result<Reply> list_entries(persistence::Store& store, const HttpRequest& request) {
  QueryReader read(request);
  JournalQuery q;
  q.entity = read.text("entity", 32);
  q.actor = read.text("actor");
  q.entity_id = read.id<std::int64_t>("entity_id");
  q.from = read.instant("from", DayEdge::start);
  q.to = read.instant("to", DayEdge::end);
  if (auto order = read.text("order")) {
    if (*order == "newest")
      q.newest_first = true;
    else if (*order != "oldest")
      read.add("order", MessageCode::oldest_or_newest);
  }
  const PageParams page = read.page();
  q.after_seq = page.after;
  q.limit = page.limit;
  if (Status s = read.finish(); !s.ok()) return s.error();

  auto found = store.journal->list(q);
  if (!found.ok()) return found.error();
  json items = json::array();
  for (const JournalEntry& e : found->items) {
    items.push_back({{"seq", e.seq},
                     {"at", e.at},
                     {"actor", e.actor},
                     {"via", e.via.empty() ? json() : json(e.via)},
                     {"approved_by", e.approved_by.empty() ? json() : json(e.approved_by)},
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

Result<Reply> verify(persistence::Store& store, const HttpRequest&) {
  auto v = store.journal->verify();
  if (!v.ok()) return v.error();
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
  routes.push_back(
      documented({"GET",
                  "/api/v1/journal",
                  kJournalReaders,
                  {"entity", "entity_id", "actor", "from", "to", "order", "limit", "cursor"},
                  [s](const HttpRequest& r) { return list_entries(*s, r); }},
                 {"listJournalEntries",
                  "Journal",
                  "the change journal (auditor)",
                  {"entity", "entity_id", "actor", "from", "to", "order", "limit", "cursor"},
                  "",
                  {{200, "JournalEntryList"}},
                  {}}));
  // Verification reads the whole journal: on a lane of its own, never in front of reads.
  routes.push_back(documented({"GET",
                               "/api/v1/journal/verify",
                               kJournalReaders,
                               {},
                               [s](const HttpRequest& r) { return verify(*s, r); },
                               false,
                               Lane::verify},
                              {"verifyJournal",
                               "Journal",
                               "check the journal's hash chain (auditor)",
                               {},
                               "",
                               {{200, "JournalVerification"}},
                               {}}));
}

}  // namespace estate::api
