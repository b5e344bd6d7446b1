#include "api/routes/change_request_routes.h"

#include "api/http/json_reader.h"
#include "api/http/query_reader.h"
#include "api/routes/register_routes.h"

namespace estate::api {

using nlohmann::json;

std::string change_request_location(std::int64_t id) {
  return "/api/v1/change-requests/" + std::to_string(id);
}

json change_request_json(const ChangeRequest& request) {
  json out = to_json(request);
  json& change = out["change"];
  if (request.proposed.action == "import" && change.is_object() && change.contains("file")) {
    change["file_bytes"] = change["file"].get<std::string>().size() / 4 * 3;
    change.erase("file");
  }
  return out;
}

Reply change_request_reply(const ChangeRequest& request, int status) {
  Reply r;
  r.status = status;
  r.body = change_request_json(request);
  r.version = request.version;
  if (status == 202) r.location = change_request_location(request.id);
  return r;
}

Result<Reply> submitted_reply(const Result<app::Submitted>& submitted, int applied_status) {
  if (!submitted.ok()) return submitted.error();
  if (submitted->request) return change_request_reply(*submitted->request, 202);
  Reply r;
  r.status = applied_status;
  if (applied_status == 204) return r;
  r.body = submitted->applied->record;
  if (r.body.contains("version")) r.version = r.body["version"].get<std::int64_t>();
  return r;
}

namespace {

app::Person person_of(const HttpRequest& request) {
  return {request.caller.user, request.caller.role};
}

// GET /api/v1/change-requests: `mine=true` the caller's own requests, `decidable=true` the
// pending ones the caller may decide.
Result<Reply> list(app::FourEyes& four_eyes, const HttpRequest& request) {
  QueryReader q(request);
  ChangeRequestFilter filter;
  filter.status = q.one_of<ChangeStatus>("status");
  auto flag = [&](const char* name) {
    auto value = q.text(name);
    if (value && *value != "true" && *value != "false") q.add(name, MessageCode::must_be_true_or_false);
    return value && *value == "true";
  };
  if (flag("mine")) filter.requested_by = request.caller.user;
  if (flag("decidable")) filter.decidable_by = std::make_pair(request.caller.user, request.caller.role);
  const PageParams page = q.page();
  if (Status s = q.finish(); !s.ok()) return s.error();
  auto found = four_eyes.list(filter, {page.limit, page.after});
  if (!found.ok()) return found.error();
  json items = json::array();
  for (const ChangeRequest& c : found->items) items.push_back(change_request_json(c));
  Reply r;
  r.body = {{"items", std::move(items)}, {"next_cursor", next_cursor(found->next_after_id)}};
  return r;
}

Result<Reply> get_one(app::FourEyes& four_eyes, const HttpRequest& request) {
  auto id = path_id(request);
  if (!id.ok()) return id.error();
  auto found = four_eyes.get(*id);
  if (!found.ok()) return found.error();
  return change_request_reply(*found, 200);
}

// The note of a rejection: {"note": "..."} (text of at most 2,000 characters).
Result<std::string> note_of(const HttpRequest& request) {
  if (request.body.empty()) return std::string();
  auto body = parse_json_body(request.body);
  if (!body.ok()) return body.error();
  if (!body->is_object()) return Error::invalid_field("body", MessageCode::not_json_object);
  auto it = body->find("note");
  if (it == body->end() || it->is_null()) return std::string();
  if (!it->is_string()) return Error::invalid_field("note", MessageCode::must_be_a_string);
  Validator v;
  v.text("note", it->get<std::string>(), 2000);
  if (!v.ok()) return Error::invalid(MessageCode::note_invalid, v.errors());
  return it->get<std::string>();
}

enum class Decision { approve, reject, withdraw };

Result<Reply> decide(app::FourEyes& four_eyes, const HttpRequest& request, Decision decision) {
  Reply refusal;
  auto id = path_id(request);
  if (!id.ok()) return id.error();
  std::optional<std::int64_t> version;
  if (decision != Decision::withdraw || request.header("if-match")) {
    version = expected_version(request, refusal);
    if (!version) return refusal;
  }
  Result<ChangeRequest> decided = Error::internal("not decided");
  if (decision == Decision::approve) {
    decided = four_eyes.approve(*id, *version, person_of(request));
  } else if (decision == Decision::reject) {
    auto note = note_of(request);
    if (!note.ok()) return note.error();
    decided = four_eyes.reject(*id, *version, person_of(request), *note);
  } else {
    decided = four_eyes.withdraw(*id, version, person_of(request));
  }
  if (!decided.ok()) return decided.error();
  return change_request_reply(*decided, 200);
}

const std::vector<Role> kDeciders = {Role::facilities, Role::finance};

}  // namespace

void add_change_request_routes(RouteTable& routes, app::FourEyes& four_eyes) {
  app::FourEyes* f = &four_eyes;
  const std::string base = "/api/v1/change-requests";
  routes.push_back(documented({"GET",
                               base,
                               kRegisterReaders,
                               {"status", "mine", "decidable", "limit", "cursor"},
                               [f](const HttpRequest& r) { return list(*f, r); }},
                              {"listChangeRequests",
                               "Change requests",
                               "change requests, newest first (facilities, finance, auditor)",
                               {"change-requests.status", "mine", "decidable", "limit", "cursor"},
                               "",
                               {{200, "ChangeRequestList"}},
                               {}}));
  routes.push_back(documented({"GET",
                               base + "/:id",
                               kRegisterReaders,
                               {},
                               [f](const HttpRequest& r) { return get_one(*f, r); }},
                              {"getChangeRequest",
                               "Change requests",
                               "one change request",
                               {},
                               "",
                               {{200, "ChangeRequest"}},
                               {}}));
  routes.push_back(documented(
      {"POST",
       base + "/:id/approve",
       kDeciders,
       {},
       [f](const HttpRequest& r) { return decide(*f, r, Decision::approve); }},
      {"approveChangeRequest",
       "Change requests",
       "approve and apply the change in one transaction (another user with the approving role; 403 "
       "for its maker; 409 and status stale when the record moved on)",
       {"If-Match-change-request"},
       "",
       {{200, "ChangeRequest"}},
       {400, 409}}));
  routes.push_back(
      documented({"POST",
                  base + "/:id/reject",
                  kDeciders,
                  {},
                  [f](const HttpRequest& r) { return decide(*f, r, Decision::reject); }},
                 {"rejectChangeRequest",
                  "Change requests",
                  "reject with a note (required; another user with the approving role)",
                  {"If-Match-change-request"},
                  "RejectionNote",
                  {{200, "ChangeRequest"}},
                  {409}}));
  routes.push_back(
      documented({"POST",
                  base + "/:id/withdraw",
                  kDeciders,
                  {},
                  [f](const HttpRequest& r) { return decide(*f, r, Decision::withdraw); }},
                 {"withdrawChangeRequest",
                  "Change requests",
                  "withdraw a pending request (its maker only)",
                  {"If-Match-optional"},
                  "",
                  {{200, "ChangeRequest"}},
                  {400, 409}}));
}

}  // namespace estate::api
