// The HTTP layer's own view of a request and a reply, independent of Pistache, and the route
// table every resource adds itself to. HttpServer (server.h) copies what a handler may need out
// of the Pistache request on the reactor thread, authenticates the caller on a worker thread,
// checks the route's roles, and sends the Reply; handlers are plain functions
// HttpRequest → Reply that run on the worker pool. The same table feeds the router and the
// OpenAPI completeness test. Thread-safety: handlers run concurrently on worker threads.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/http/problem.h"
#include "domain/calendar.h"
#include "domain/enums.h"
#include "domain/result.h"
#include "domain/validation.h"

namespace estate::api {

// The cookie that carries a signed-in person's session secret.
inline constexpr const char* kSessionCookie = "estate_session";

struct Caller {
  std::string user;
  Role role = Role::auditor;
  bool by_session = false;  // signed in with the session cookie (not a bearer token)
};

struct HttpRequest {
  std::string method;                          // GET, POST, PATCH, DELETE
  std::string path;                            // the resource path, without the query
  std::map<std::string, std::string> params;   // path parameters, e.g. "id"
  std::map<std::string, std::string> query;    // query parameters, percent-decoded
  // The parameters the route takes (Route::query), which QueryReader holds the query to.
  const std::vector<std::string>* known_query = nullptr;
  std::map<std::string, std::string> headers;  // the headers handlers use, lower-case names
  std::string body;
  Caller caller;
  std::string peer;  // the client's address as Pistache gives it ("127.0.0.1", "::1")

  // The header's value, or nullopt. `name` in lower case.
  std::optional<std::string> header(const std::string& name) const;
};

struct Reply {
  int status = 200;
  nlohmann::json body;                  // null: no body (204)
  std::optional<std::int64_t> version;  // sent as ETag: "<version>"
  std::string location;
  bool replayed = false;     // an idempotent replay: sent as Idempotent-Replayed: true
  std::string content_type;  // defaults to application/json, or problem+json for errors
  std::string raw;           // a non-JSON body (CSV, XLSX, SVG), sent when body is null
  std::string filename;      // sent as Content-Disposition: attachment; filename="..."
  std::string allow;         // sent as Allow (with a 405)
  std::string set_cookie;    // sent as Set-Cookie
  std::string etag;          // sent as ETag (for files; records use `version`)
  std::string cache_control;            // sent as Cache-Control (else no-store when signed in)
  std::string content_security_policy;  // sent as Content-Security-Policy (pages)
  std::optional<long> retry_after;  // seconds, sent as Retry-After (a 503 gets 1 without it)
  // A problem answer's words, which the server renders into `body` in the request's language
  // as it writes the answer (body holds the English until then).
  std::optional<ProblemText> problem;
};

// The value of cookie `name` in the request's Cookie header, if it is there.
std::optional<std::string> cookie(const HttpRequest& request, const std::string& name);

// Serialises JSON that may hold a client's bytes (a path, a parser message quoting the body):
// invalid UTF-8 is replaced by U+FFFD instead of throwing, so writing a reply never fails.
std::string dump_json(const nlohmann::json& value);

// A problem reply for a domain error or for a status with a detail.
Reply error_reply(const Error& error);
Reply problem_reply(int status, Message detail, std::vector<FieldError> errors = {});
// The reply's problem body rendered in `language` (nothing to do for other replies).
void render_problem(Reply& reply, Language language);

// A handler answers a Reply, or an Error the server writes as problem+json (error_reply), so
// handlers return errors rather than render them.
using Handler = std::function<Result<Reply>(const HttpRequest&)>;

// The handler's answer, its error rendered as problem+json.
Reply run_handler(const Handler& handler, const HttpRequest& request);

// Where a route's handler runs: on the reactor thread that read the request (only for answers
// that touch nothing shared, such as /healthz, so they stay fast however busy the workers are),
// on the worker pool (everything that touches the database), or on a lane of its own, a
// smaller pool, so that heavy work queues behind its own kind and never in front of register
// reads and writes: reports, sign-ins (Argon2id takes 19 MiB and tens of milliseconds each)
// and journal verification (reads the whole journal).
enum class Lane { reactor, workers, reports, sign_in, verify };

// What the OpenAPI document says of a route; api/routes/openapi.cpp builds the document from
// the route table, and every name refers to a piece written once in
// api/routes/openapi_components.json. Path parameters come from the path (":id" is
// #/components/parameters/id), security from the roles, and the problem answers every route of
// its kind gives from the route (openapi.h says which), so only the rest is declared here.
struct OperationDoc {
  std::string id{};   // operationId, unique
  std::string tag{};  // one of the document's tags
  std::string summary{};
  std::vector<std::string> parameters{};  // #/components/parameters: the query's and headers
  std::string request{};                  // #/components/requestBodies; empty: no body
  std::vector<std::pair<int, std::string>> answers{};  // status → #/components/responses
  std::vector<int> problems{};  // problem+json statuses beyond the derived ones (409, 429 …)
  std::string description{};    // beyond the summary, or empty
};

struct Route {
  std::string method;
  std::string path;         // Pistache syntax: /api/v1/missions/:id
  std::vector<Role> roles;  // who may call it; empty: open to all, no token needed
  // The query parameters it takes. The server refuses any other with a 422 naming each, so
  // this list is the whole truth about them (the OpenAPI test holds the document to it).
  std::vector<std::string> query;
  Handler handler;
  // A register read whose 200 answers may be kept until the next write (answer_cache.h).
  bool cache_answers = false;
  Lane lane = Lane::workers;
  bool api = true;  // part of the JSON API OpenAPI describes (false: the web client's files)
  // The body is the handler's to read as it is (a document's bytes, multipart/form-data), not
  // JSON; and the largest body this route takes (0: the server's --max-body).
  bool raw_body = false;
  std::size_t max_body = 0;
  // For a read with cache_answers: the journal's entities whose writes can change the answer
  // to `request` ("property", …); writes to others leave it kept. Unset or empty: every
  // write retires it.
  std::function<std::vector<std::string>(const HttpRequest&)> answer_depends_on = nullptr;
  OperationDoc doc{};  // its operation in the OpenAPI document (api routes only)
};

// `route` with its OpenAPI operation: routes.push_back(documented({...}, {...})).
inline Route documented(Route route, OperationDoc doc) {
  route.doc = std::move(doc);
  return route;
}

using RouteTable = std::vector<Route>;

// The roles that read the register and those that write it (DESIGN.md "Who uses it").
inline const std::vector<Role> kRegisterReaders = {Role::facilities, Role::finance, Role::auditor};
inline const std::vector<Role> kRegisterWriters = {Role::facilities};
inline const std::vector<Role> kJournalReaders = {Role::auditor};
inline const std::vector<Role> kFinanceWriters = {Role::finance};
inline const std::vector<Role> kReportReaders = {Role::facilities, Role::finance, Role::auditor};

// ---- query-parameter helpers shared by handlers ----

// The media type of a Content-Type without its parameters, lower case:
// "Application/JSON; charset=utf-8" → "application/json".
std::string media_type(const std::string& content_type);

// %XX escapes decoded to bytes; a '%' not followed by two hex digits is kept as it is.
std::string percent_decode(const std::string& text);

// Checks that every query parameter is one of `allowed`; invalid naming each unknown one.
Status allow_only(const HttpRequest& request, const std::vector<std::string>& allowed);

// `limit` (1–500, default 50) and `cursor` (opaque, from a previous page's next_cursor).
struct PageParams {
  std::size_t limit = 50;
  std::int64_t after = 0;
};
Result<PageParams> page_params(const HttpRequest& request);
// The next_cursor value for a page that ends after `last` (null when there is none).
nlohmann::json next_cursor(std::optional<std::int64_t> last);

// An instant parameter such as `as_of`: an RFC 3339 instant, or a date standing for the end
// (or, with DayEdge::start, the start) of that day in UTC; nullopt when absent.
enum class DayEdge { start, end };
Result<std::optional<Instant>> instant_param(const HttpRequest& request, const std::string& name,
                                             DayEdge edge = DayEdge::end);
// A fiscal year parameter, ROC (115) or Gregorian (2026); nullopt when absent, recording an
// error in `v` when malformed.
std::optional<FiscalYear> fiscal_year_param(const HttpRequest& request, const std::string& name,
                                            Validator& v);
// A positive integer parameter (ids); nullopt when absent.
Result<std::optional<std::int64_t>> id_param(const HttpRequest& request, const std::string& name);

// The path parameter `name` ("id", or e.g. "progress_id" under /projects/:id/progress) as a
// positive integer; not_found when it is not one.
Result<std::int64_t> path_id(const HttpRequest& request, const std::string& name = "id");

}  // namespace estate::api
