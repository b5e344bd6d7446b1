#include "api/routes/report_issue_routes.h"

#include "api/http/json_reader.h"
#include "api/http/query_reader.h"
#include "app/report_issues.h"

namespace estate::api {

using nlohmann::json;
using persistence::Store;

namespace {

// Renders through the report routes, the answer's bytes exactly as the server would send them.
app::RenderReport renderer(Store& store, const ReportLimits& limits) {
  return [&store, limits](const std::string& name, const std::map<std::string, std::string>& query)
             -> Result<app::Rendered> {
    auto reply = render_report(store, limits, name, query);
    if (!reply.ok()) return reply.error();
    if (reply->body.is_null())
      return app::Rendered{std::move(reply->raw), reply->content_type};
    return app::Rendered{dump_json(reply->body), "application/json"};
  };
}

Reply issue_reply(int status, const ReportIssue& issue) {
  Reply r;
  r.status = status;
  r.body = to_json(issue);
  return r;
}

Result<std::int64_t> issue_id(const HttpRequest& request) {
  auto id = path_id(request);
  if (!id.ok()) return Error::not_found("no issued report at " + request.path);
  return id;
}

Result<Reply> issue(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  auto body = parse_json_body(request.body);
  if (!body.ok()) return problem_reply(400, body.error().what);
  Validator v;
  JsonReader r(*body, "", v);
  app::IssueRequest wanted;
  wanted.report = r.text("report").value_or("");
  if (const json* params = r.object("params", Presence::optional)) wanted.params = *params;
  wanted.format = r.text("format", Presence::optional).value_or("json");
  wanted.title = r.text("title").value_or("");
  r.finish();
  if (!v.ok()) return Error::invalid("the report cannot be issued", v.errors());
  auto issued = app::issue_report(*store.report_issues, wanted, renderer(store, limits),
                                  Actor{request.caller.user}, now());
  if (!issued.ok()) return issued.error();
  Reply reply = issue_reply(201, *issued);
  reply.location = "/api/v1/report-issues/" + std::to_string(issued->id);
  return reply;
}

Result<Reply> list(Store& store, const HttpRequest& request) {
  QueryReader q(request);
  const PageParams page = q.page();
  if (Status s = q.finish(); !s.ok()) return s.error();
  auto found = store.report_issues->list(PageRequest{page.limit, page.after});
  if (!found.ok()) return found.error();
  json items = json::array();
  for (const ReportIssue& i : found->items) items.push_back(to_json(i));
  Reply r;
  r.body = {{"items", std::move(items)}, {"next_cursor", next_cursor(found->next_after_id)}};
  return r;
}

Result<Reply> get_one(Store& store, const HttpRequest& request) {
  auto id = issue_id(request);
  if (!id.ok()) return id.error();
  auto found = store.report_issues->get(*id);
  if (!found.ok()) return found.error();
  return issue_reply(200, *found);
}

// The file name an issue downloads as: its report, known_at's day and id, with the format's
// extension.
std::string file_name(const ReportIssue& i) {
  return i.report + "-issue-" + std::to_string(i.id) + "." + i.format;
}

Result<Reply> content(Store& store, const HttpRequest& request) {
  auto id = issue_id(request);
  if (!id.ok()) return id.error();
  auto found = store.report_issues->get(*id);
  if (!found.ok()) return found.error();
  auto bytes = store.report_issues->content(*id);
  if (!bytes.ok()) return bytes.error();
  Reply r;
  r.raw = std::move(*bytes);
  r.content_type = found->content_type;
  r.filename = file_name(*found);
  return r;
}

Result<Reply> verify(Store& store, const HttpRequest& request) {
  auto checked = app::check_file(*store.report_issues, request.body);
  if (!checked.ok()) return checked.error();
  Reply r;
  r.body = {{"match", checked->match ? to_json(*checked->match) : json()},
            {"sha256", checked->sha256}};
  return r;
}

Result<Reply> changes(Store& store, const ReportLimits& limits, const HttpRequest& request) {
  auto id = issue_id(request);
  if (!id.ok()) return id.error();
  auto found = app::changes_since(*store.report_issues, *id, renderer(store, limits), now());
  if (!found.ok()) return found.error();
  json items = json::array();
  for (const app::Change& c : found->changes)
    items.push_back({{"path", c.path}, {"issued", c.issued}, {"now", c.now}});
  Reply r;
  r.body = {{"issue_id", *id},
            {"as_of", found->as_of},
            {"issued_known_at", format_instant(found->issued_known_at)},
            {"now_known_at", format_instant(found->now_known_at)},
            {"changes", std::move(items)}};
  return r;
}

}  // namespace

void add_report_issue_routes(RouteTable& routes, Store& store, ReportIssueOptions options) {
  Store* s = &store;
  const ReportLimits limits = options.limits;
  const std::string base = "/api/v1/report-issues", one = base + "/:id";
  Route issuing{"POST", base, kFinanceWriters, {},
                [s, limits](const HttpRequest& r) { return issue(*s, limits, r); }};
  issuing.lane = Lane::reports;
  issuing.doc = {"issueReport",
                 "Report issues",
                 "issue a report (finance): rendered once as GET /api/v1/reports/{report} answers "
                 "it with params (known_at default: now) and format, stored and journalled",
                 {},
                 "IssueReport",
                 {{201, "ReportIssued"}},
                 {}};
  routes.push_back(issuing);
  routes.push_back(documented({"GET",
                               base,
                               kReportReaders,
                               {"limit", "cursor"},
                               [s](const HttpRequest& r) { return list(*s, r); }},
                              {"listReportIssues",
                               "Report issues",
                               "issued reports (facilities, finance, auditor)",
                               {"limit", "cursor"},
                               "",
                               {{200, "ReportIssueList"}},
                               {}}));
  Route verifying{"POST", base + "/verify", kReportReaders, {},
                  [s](const HttpRequest& r) { return verify(*s, r); }};
  verifying.raw_body = true;  // any file, of any content type
  verifying.max_body = options.max_file_bytes;
  verifying.doc = {
      "verifyReportIssue",
      "Report issues",
      "is this file an issued report? (facilities, finance, auditor) Any file, any content type",
      {},
      "AnyFile",
      {{200, "ReportIssueVerification"}},
      {}};
  routes.push_back(verifying);
  routes.push_back(documented(
      {"GET", one, kReportReaders, {}, [s](const HttpRequest& r) { return get_one(*s, r); }},
      {"getReportIssue",
       "Report issues",
       "one issued report (facilities, finance, auditor)",
       {},
       "",
       {{200, "ReportIssue"}},
       {}}));
  routes.push_back(documented({"GET",
                               one + "/content",
                               kReportReaders,
                               {},
                               [s](const HttpRequest& r) { return content(*s, r); }},
                              {"getReportIssueContent",
                               "Report issues",
                               "an issued report's bytes (facilities, finance, auditor)",
                               {},
                               "",
                               {{200, "ReportIssueContent"}},
                               {}}));
  Route changing{"GET", one + "/changes", kReportReaders, {},
                 [s, limits](const HttpRequest& r) { return changes(*s, limits, r); }};
  changing.lane = Lane::reports;
  changing.doc = {"getReportIssueChanges",
                  "Report issues",
                  "what changed since a report was issued (facilities, finance, auditor)",
                  {},
                  "",
                  {{200, "ReportIssueChanges"}},
                  {}};
  routes.push_back(changing);
}

}  // namespace estate::api
