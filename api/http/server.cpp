#include "api/http/server.h"

#include <malloc.h>
#include <openssl/crypto.h>
#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/router.h>
#include <spdlog/spdlog.h>
#include <strings.h>

#include <sstream>
#include <thread>

#include "api/http/compression.h"
#include "api/http/http_guard.h"
#include "api/routes/journal_routes.h"
#include "api/routes/openapi.h"
#include "api/http/problem.h"
#include "api/routes/register_routes.h"
#include "api/routes/report_routes.h"
#include "api/routes/report_issue_routes.h"
#include "api/routes/session_routes.h"
#include "api/routes/alert_routes.h"
#include "api/routes/calendar_routes.h"
#include "api/routes/change_request_routes.h"
#include "api/routes/document_routes.h"
#include "api/routes/exchange_routes.h"
#include "persistence/accounts.h"
#include "persistence/journal.h"

namespace estate::api {

using namespace Pistache;

namespace {

// Room for the request line and headers on top of the largest body: a body a little over the
// limit gets our own 413 problem document; one far over it is cut off by Pistache, which
// answers 413 itself without reading the rest.
constexpr std::size_t kHeaderAllowance = 64 * 1024;

// Content-Disposition for a download named `name` (UTF-8): an ASCII fallback in filename=
// (others as '_', no quotes or backslashes) and, when the name is not plain ASCII, the exact
// name in RFC 6266 / RFC 8187 filename*=UTF-8''…, so Chinese names survive.
std::string attachment(const std::string& name) {
  std::string fallback, encoded;
  bool ascii = true;
  for (unsigned char c : name) {
    const bool plain = c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
    ascii = ascii && plain;
    if (plain) fallback += static_cast<char>(c);
    else if ((c & 0xC0) != 0x80) fallback += '_';  // one '_' a character, not a byte
    const bool attr = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '-' || c == '_' || c == '~';
    static const char* hex = "0123456789ABCDEF";
    encoded += attr ? std::string(1, static_cast<char>(c))
                    : std::string{'%', hex[c >> 4], hex[c & 15]};
  }
  std::string header = "attachment; filename=\"" + fallback + "\"";
  if (!ascii) header += "; filename*=UTF-8''" + encoded;
  return header;
}

// The policy of every SVG answer (charts, web client images): its own inline styles only.
constexpr const char* kSvgPolicy = "default-src 'none'; style-src 'unsafe-inline'";

// Answers at least this large are followed by malloc_trim (see dispatch).
constexpr std::size_t kTrimAfterBytes = 256 * 1024;

Result<Address> parse_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Error::invalid_field("listen", "must be host:port, like 127.0.0.1:8080");
  }
  std::string host = listen.substr(0, colon), port_text = listen.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int port = -1;
  try {
    std::size_t used = 0;
    port = std::stoi(port_text, &used);
    if (used != port_text.size()) port = -1;
  } catch (...) {
  }
  if (port < 0 || port > 65535)
    return Error::invalid_field("listen", "the port must be 0 to 65535");
  try {
    return Address(host, Port(static_cast<std::uint16_t>(port)));
  } catch (const std::exception& e) {
    return Error::invalid_field("listen", std::string("not an address: ") + e.what());
  }
}

// Response headers. Pistache 0.0.5 writes only typed headers, not raw ones, so each header
// the service sends has a small class.
#define ESTATE_TEXT_HEADER(Class, HeaderName)                       \
  class Class : public Http::Header::Header {                       \
   public:                                                          \
    NAME(HeaderName)                                                \
    Class() = default;                                              \
    explicit Class(std::string value) : value_(std::move(value)) {} \
    void parse(const std::string& data) override { value_ = data; } \
    void write(std::ostream& os) const override { os << value_; }   \
                                                                    \
   private:                                                         \
    std::string value_;                                             \
  }

ESTATE_TEXT_HEADER(RequestIdHeader, "X-Request-Id");
ESTATE_TEXT_HEADER(ETagHeader, "ETag");
ESTATE_TEXT_HEADER(ReplayedHeader, "Idempotent-Replayed");
ESTATE_TEXT_HEADER(AuthenticateHeader, "WWW-Authenticate");
ESTATE_TEXT_HEADER(RetryAfterHeader, "Retry-After");
ESTATE_TEXT_HEADER(DispositionHeader, "Content-Disposition");
ESTATE_TEXT_HEADER(NoSniffHeader, "X-Content-Type-Options");
ESTATE_TEXT_HEADER(NoStoreHeader, "Cache-Control");
ESTATE_TEXT_HEADER(AllowHeader, "Allow");
ESTATE_TEXT_HEADER(SetCookieHeader, "Set-Cookie");
ESTATE_TEXT_HEADER(PolicyHeader, "Content-Security-Policy");
ESTATE_TEXT_HEADER(ReferrerHeader, "Referrer-Policy");
ESTATE_TEXT_HEADER(VaryHeader, "Vary");
ESTATE_TEXT_HEADER(ContentEncodingHeader, "Content-Encoding");
#undef ESTATE_TEXT_HEADER

// The request id: the caller's X-Request-Id when it is short and printable, else a new one.
std::string request_id(const HttpRequest& request, std::uint64_t counter) {
  if (auto v = request.header("x-request-id")) {
    bool ok = !v->empty() && v->size() <= 64;
    for (char c : *v) ok = ok && c > 0x20 && c < 0x7F;
    if (ok) return *v;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%x-%llx", static_cast<unsigned>(::getpid()),
                static_cast<unsigned long long>(counter));
  return buf;
}

// A header's value whether Pistache parsed it into a typed header or kept it raw.
std::optional<std::string> header_value(const Http::Header::Collection& headers,
                                        const std::string& name) {
  if (auto raw = headers.tryGetRaw(name)) return raw->value();
  if (auto typed = headers.tryGet(name)) {
    std::ostringstream os;
    typed->write(os);
    return os.str();
  }
  return std::nullopt;
}

// What handlers may read of a request, copied off the reactor thread's buffers: method,
// path, query (percent-decoded) and the headers the service uses. The body is copied later,
// only for methods that have one.
HttpRequest copy_request(const Rest::Request& request) {
  HttpRequest r;
  r.method = Http::methodString(request.method());
  r.path = request.resource();
  r.peer = request.address().host();
  const auto& query = request.query();
  for (auto it = query.parameters_begin(); it != query.parameters_end(); ++it) {
    r.query[percent_decode(it->first)] = percent_decode(it->second);
  }
  for (const char* name :
       {"authorization", "if-match", "idempotency-key", "content-type", "accept", "x-request-id",
        "cookie", "x-csrf-token", "if-none-match", "accept-encoding", "accept-language"}) {
    if (auto v = header_value(request.headers(), name)) r.headers[name] = *v;
  }
  return r;
}

}  // namespace

HttpServer::HttpServer(persistence::Store& store, ServerOptions options)
    : store_(store),
      options_(std::move(options)),
      workers_(options_.worker_threads, options_.max_queued),
      reports_(options_.report_threads, options_.report_queue),
      sign_ins_(options_.sign_in_threads, options_.sign_in_queue),
      verifies_(options_.verify_threads, options_.verify_queue),
      head_checks_(options_.head_check_threads, options_.head_check_queue),
      answers_(options_.answer_cache_bytes),
      web_(options_.web_dir),
      four_eyes_(*store.transactions, *store.change_requests, options_.approvals) {}

HttpServer::~HttpServer() {
  stop();
}

Status HttpServer::start() {
  auto address = parse_listen(options_.listen);
  if (!address.ok()) return address.error();
  router_ = std::make_shared<Rest::Router>();
  std::vector<std::pair<std::string, std::string>> templates;
  for (const Route& route : routes())
    templates.emplace_back(route.method, route_template(route.path));
  request_metrics_ = std::make_unique<RequestMetrics>(std::move(templates));
  for (const Route& route : routes()) {
    const Route* r = &route;
    auto handler = [this, r](const Rest::Request& req, Http::ResponseWriter w) {
      dispatch(*r, req, std::move(w));
      return Rest::Route::Result::Ok;
    };
    if (route.method == "GET")
      Rest::Routes::Get(*router_, route.path, handler);
    else if (route.method == "POST")
      Rest::Routes::Post(*router_, route.path, handler);
    else if (route.method == "PATCH")
      Rest::Routes::Patch(*router_, route.path, handler);
    else if (route.method == "DELETE")
      Rest::Routes::Delete(*router_, route.path, handler);
  }
  // Pistache would answer a method the path does not take with a plain-text 405 of its own;
  // a custom handler runs first for every request no route takes.
  router_->addCustomHandler([this](const Rest::Request& req, Http::ResponseWriter w) {
    HttpRequest r = copy_request(req);
    send(w, r, unrouted(r.method, req.resource()), std::chrono::steady_clock::now(),
         routes_.size());
    return Rest::Route::Result::Ok;
  });
  // What the guard in front of Pistache's parser refuses (http_guard.h).
  Refuse refuse = [this](const Refusal& refusal, Http::ResponseWriter w) {
    HttpRequest r;
    r.method = "?";
    if (!refusal.accept_language.empty()) r.headers["accept-language"] = refusal.accept_language;
    const Message what = refusal.what ? *refusal.what : Message(refusal.detail);
    Reply reply = problem_reply(refusal.status, what, {{refusal.field, what}});
    reply.retry_after = refusal.retry_after;
    send(w, r, reply, std::chrono::steady_clock::now(), routes_.size());
  };
  // Pistache lets through the largest body any route takes (a document); the guard only to a
  // document filing, and each route's own limit is held again in dispatch.
  std::size_t largest_body = options_.max_body_bytes;
  for (const Route& route : routes_) largest_body = std::max(largest_body, route.max_body);
  try {
    endpoint_ = std::make_shared<Http::Endpoint>(*address);
    auto opts = Http::Endpoint::options()
                    .threads(static_cast<int>(options_.reactor_threads))
                    .flags(Tcp::Options::ReuseAddr)
                    .maxRequestSize(largest_body + kHeaderAllowance)
                    .headerTimeout(options_.header_timeout)
                    .bodyTimeout(options_.body_timeout);
    endpoint_->init(opts);
    BodyLimits limits{options_.max_body_bytes, largest_body, options_.max_bodies_in_flight,
                      std::max(options_.max_body_bytes_in_flight, largest_body)};
    bodies_ = std::make_shared<BodyBudget>(limits);
    endpoint_->setHandler(guarded_handler(
        router_, limits, bodies_, [this](const RequestHead& head) { return admit(head); },
        [this](std::function<void()> job) {
          return head_checks_.submit(std::move(job)) == WorkerPool::Submitted::queued;
        },
        std::move(refuse)));
    endpoint_->serveThreaded();
  } catch (const std::exception& e) {
    endpoint_.reset();
    return Error::unavailable("cannot listen on " + options_.listen + ": " + e.what());
  }
  return {};
}

std::uint16_t HttpServer::port() const {
  return endpoint_ ? static_cast<std::uint16_t>(endpoint_->getPort()) : 0;
}

void HttpServer::stop() {
  if (!endpoint_) return;
  draining_ = true;
  auto deadline = std::chrono::steady_clock::now() + options_.drain_timeout;
  while (in_flight_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (in_flight_.load() > 0) {
    spdlog::warn("{{\"msg\":\"stopping with requests still in flight\",\"count\":{}}}",
                 in_flight_.load());
  }
  workers_.stop();
  reports_.stop();
  sign_ins_.stop();
  verifies_.stop();
  head_checks_.stop();
  endpoint_->shutdown();
  endpoint_.reset();
}

std::size_t HttpServer::send(Http::ResponseWriter& writer, const HttpRequest& request,
                             const Reply& reply, std::chrono::steady_clock::time_point t0,
                             std::size_t route) {
  std::string id = request_id(request, ++request_counter_);
  writer.headers().add<RequestIdHeader>(id);
  std::string type = !reply.content_type.empty() ? reply.content_type
                     : reply.status >= 400       ? kProblemJson
                                                 : "application/json";
  std::string body;
  if (reply.problem) {  // a problem's words, in the request's language
    Reply localised = reply;
    render_problem(localised, language_of(request.header("accept-language")));
    body = dump_json(localised.body);
  } else {
    body = reply.body.is_null() ? reply.raw : dump_json(reply.body);
  }
  // gzip (compression.h): text of 1 KiB or more, to a client that takes it; the compressed
  // representation has its own strong ETag. A 304 keeps the tag the client sent.
  const bool has_body = !(reply.body.is_null() && reply.raw.empty()) && reply.status != 204 &&
                        reply.status != 304;
  const bool text = has_body && compressible_type(type);
  const bool gzipped = text && body.size() >= kMinGzipBytes &&
                       accepts_gzip(request.header("accept-encoding"));
  // Text may also be in the request's language (charts, problem details).
  if (text || reply.status == 304) writer.headers().add<VaryHeader>("Accept-Encoding, Accept-Language");
  if (gzipped) {
    body = reply.etag.empty() ? gzip(body) : gzip_once(reply.etag, body);
    writer.headers().add<ContentEncodingHeader>("gzip");
  }
  auto tag = [gzipped](const std::string& etag) { return gzipped ? gzip_etag(etag) : etag; };
  if (reply.version) writer.headers().add<ETagHeader>(tag("\"" + std::to_string(*reply.version) + "\""));
  if (!reply.etag.empty()) writer.headers().add<ETagHeader>(tag(reply.etag));
  if (!reply.content_security_policy.empty()) {
    writer.headers().add<PolicyHeader>(reply.content_security_policy);
  } else if (reply.content_type.rfind("image/svg+xml", 0) == 0) {
    // An SVG opened from this origin is a document that could run script: none may run.
    writer.headers().add<PolicyHeader>(kSvgPolicy);
  }
  writer.headers().add<ReferrerHeader>("same-origin");
  if (!reply.location.empty()) writer.headers().add<Http::Header::Location>(reply.location);
  if (reply.replayed) writer.headers().add<ReplayedHeader>("true");
  if (reply.status == 401) writer.headers().add<AuthenticateHeader>("Bearer");
  if (reply.retry_after)
    writer.headers().add<RetryAfterHeader>(std::to_string(*reply.retry_after));
  else if (reply.status == 503)
    writer.headers().add<RetryAfterHeader>("1");
  if (!reply.set_cookie.empty()) writer.headers().add<SetCookieHeader>(reply.set_cookie);
  if (!reply.allow.empty()) writer.headers().add<AllowHeader>(reply.allow);
  // Browsers must not guess a type for any answer, nor keep one meant for one caller.
  writer.headers().add<NoSniffHeader>("nosniff");
  if (!reply.cache_control.empty()) {
    writer.headers().add<NoStoreHeader>(reply.cache_control);
  } else if (request.header("authorization") || request.header("cookie") ||
             !request.caller.user.empty()) {
    writer.headers().add<NoStoreHeader>("no-store");
  }
  if (!reply.filename.empty()) writer.headers().add<DispositionHeader>(attachment(reply.filename));
  // Counted before it is written, so that a client that has its answer also finds it counted.
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (request_metrics_) request_metrics_->observe(route, reply.status, ms / 1000);
  if (reply.body.is_null() && reply.raw.empty()) {
    writer.send(static_cast<Http::Code>(reply.status));
  } else {
    writer.send(static_cast<Http::Code>(reply.status), body,
                Http::Mime::MediaType::fromString(type));
  }
  nlohmann::json line = {{"msg", "request"},
                         {"request_id", id},
                         {"method", request.method},
                         {"path", request.path},
                         {"user", request.caller.user},
                         {"status", reply.status},
                         {"ms", std::round(ms * 100) / 100}};
  spdlog::info("{}", dump_json(line));
  return body.size();
}

std::optional<Reply> HttpServer::authorise(const Route& route, HttpRequest& request) {
  if (route.roles.empty()) return std::nullopt;
  auto header = request.header("authorization");
  const std::string prefix = "Bearer ";
  if (!header) {
    // A person signed in through the web client: the session cookie, and on every request
    // that changes anything the session's CSRF token in X-CSRF-Token.
    auto secret = cookie(request, kSessionCookie);
    if (!secret) return problem_reply(401, MessageCode::sign_in_required);
    auto session = store_.accounts->session(*secret, options_.sessions);
    if (!session.ok()) return error_reply(session.error());
    if (!*session) return problem_reply(401, MessageCode::session_ended);
    request.caller = Caller{(*session)->user, (*session)->role, true};
    if (request.method != "GET") {
      const std::string sent = request.header("x-csrf-token").value_or("");
      const std::string& expected = (*session)->csrf_token;
      if (sent.size() != expected.size() ||
          CRYPTO_memcmp(sent.data(), expected.data(), sent.size()) != 0) {
        return problem_reply(403, MessageCode::csrf_required,
                             {{"X-CSRF-Token", MessageCode::csrf_mismatch}});
      }
    }
  } else {
    if (header->size() <= prefix.size() ||
        strncasecmp(header->c_str(), prefix.c_str(), prefix.size()) != 0) {
      return problem_reply(401, MessageCode::bearer_required);
    }
    auto holder = store_.tokens->authenticate(header->substr(prefix.size()));
    if (!holder.ok()) return error_reply(holder.error());
    if (!*holder) return problem_reply(401, MessageCode::token_unknown);
    request.caller = Caller{(*holder)->user, (*holder)->role, false};
  }
  for (Role r : route.roles)
    if (r == request.caller.role) return std::nullopt;
  return problem_reply(403, {MessageCode::role_may_not, {std::string(to_string(request.caller.role)),
                                                         request.method, route.path}});
}

namespace {

std::vector<std::string_view> path_segments(std::string_view p) {
  std::vector<std::string_view> out;
  for (std::size_t at = 1; at <= p.size();) {
    std::size_t next = p.find('/', at);
    if (next == std::string_view::npos) next = p.size();
    out.push_back(p.substr(at, next - at));
    at = next + 1;
  }
  return out;
}

// Whether `path` is one `pattern` (Pistache syntax: /api/v1/missions/:id, /web/*) takes.
bool path_matches(std::string_view pattern, std::string_view path) {
  const auto want = path_segments(pattern), asked = path_segments(path);
  if (!want.empty() && want.back() == "*")
    return asked.size() >= want.size() &&
           std::equal(want.begin(), want.end() - 1, asked.begin(), [](auto w, auto a) {
             return w.rfind(':', 0) == 0 ? !a.empty() : w == a;
           });
  if (want.size() != asked.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i)
    if (want[i].rfind(':', 0) == 0 ? asked[i].empty() : want[i] != asked[i]) return false;
  return true;
}

}  // namespace

const Route* HttpServer::route_for(std::string_view method, std::string_view path) const {
  for (const Route& route : routes_)
    if (route.method == method && path_matches(route.path, path)) return &route;
  return nullptr;
}

Admission HttpServer::admit(const RequestHead& head) {
  // Without a body there is nothing to hold back: such a request is authorised on its worker.
  if (head.content_length == 0) return {};
  const std::string_view path = head.target.substr(0, head.target.find('?'));
  const Route* route = route_for(head.method, path);
  if (!route || route->roles.empty()) return {};
  auto r = std::make_shared<HttpRequest>();
  r->method = std::string(head.method);
  r->path = std::string(path);
  for (const char* name : {"authorization", "cookie", "x-csrf-token", "accept-language"})
    if (auto v = header_in(head.headers, name)) r->headers[name] = std::string(*v);
  if (!r->header("authorization") && !cookie(*r, kSessionCookie)) {
    return {Refusal{401, "sign in, or send Authorization: Bearer <token>", "Authorization",
                    std::nullopt, Message(MessageCode::sign_in_required),
                    r->header("accept-language").value_or("")},
            {}};
  }
  // The credentials are looked up on the head-check lane, the body unread meanwhile.
  return {std::nullopt, [this, route, r]() -> std::optional<Refusal> {
            head_checks_total_.fetch_add(1);
            if (on_reactor_thread()) head_checks_on_reactor_.fetch_add(1);
            std::optional<Reply> refused;
            try {
              refused = authorise(*route, *r);
            } catch (const std::exception& e) {
              refused = error_reply(Error::internal(e.what()));
            }
            if (!refused) return std::nullopt;
            // The field the refusal names (X-CSRF-Token for a missing or wrong CSRF token).
            std::string field = "Authorization";
            const auto& errors = refused->body.value("errors", nlohmann::json::array());
            if (errors.is_array() && !errors.empty() && errors[0].contains("field"))
              field = errors[0].value("field", field);
            return Refusal{refused->status, refused->body.value("detail", std::string("refused")),
                           field, refused->retry_after,
                           refused->problem ? std::optional<Message>(refused->problem->detail)
                                            : std::nullopt,
                           r->header("accept-language").value_or("")};
          }};
}

void HttpServer::dispatch(const Route& route, const Rest::Request& request,
                          Http::ResponseWriter response) {
  auto t0 = std::chrono::steady_clock::now();
  const std::size_t index = static_cast<std::size_t>(&route - routes_.data());
  auto req = std::make_shared<HttpRequest>(copy_request(request));
  for (std::size_t pos = route.path.find(':'); pos != std::string::npos;
       pos = route.path.find(':', pos + 1)) {
    std::string name = route.path.substr(pos + 1, route.path.find('/', pos) - pos - 1);
    if (request.hasParam(":" + name))
      req->params[name] = request.param(":" + name).as<std::string>();
  }

  if (draining_) {
    send(response, *req, problem_reply(503, MessageCode::shutting_down), t0, index);
    return;
  }
  const std::size_t max_body = route.max_body ? route.max_body : options_.max_body_bytes;
  if (request.body().size() > max_body) {
    send(response, *req,
         problem_reply(413, {MessageCode::body_too_large, {std::to_string(max_body)}},
                       {{"body", MessageCode::too_large}}),
         t0, index);
    return;
  }
  // A body must be JSON; a POST that sends none (an action such as a new calendar feed) needs
  // no Content-Type, and a handler that wants a body finds it empty (400).
  const bool empty_post = req->method == "POST" && request.body().empty() &&
                          !req->header("content-type");
  if (route.raw_body) {
    req->body = request.body();
  } else if ((req->method == "POST" || req->method == "PATCH") && !empty_post) {
    std::string type = media_type(req->header("content-type").value_or(""));
    bool json = type == "application/json" ||
                (req->method == "PATCH" && type == "application/merge-patch+json");
    if (!json) {
      send(response, *req,
           problem_reply(415, MessageCode::send_json,
                         {{"Content-Type", MessageCode::must_be_json_type}}),
           t0, index);
      return;
    }
    req->body = request.body();
  }

  // A route that takes query parameters names unknown ones with the others (QueryReader);
  // one that takes none refuses any here.
  req->known_query = &route.query;
  if (route.query.empty() && !req->query.empty()) {
    send(response, *req, error_reply(allow_only(*req, route.query).error()), t0, index);
    return;
  }
  if (route.lane == Lane::reactor) {
    send(response, *req, run_handler(route.handler, *req), t0, index);
    return;
  }
  ++in_flight_;
  auto writer = std::make_shared<Http::ResponseWriter>(std::move(response));
  const Route* r = &route;
  WorkerPool& pool = route.lane == Lane::reports   ? reports_
                     : route.lane == Lane::sign_in ? sign_ins_
                     : route.lane == Lane::verify  ? verifies_
                                                   : workers_;
  auto queued = pool.submit([this, writer, req, r, t0, index] {
    Reply reply;
    try {
      auto refusal = authorise(*r, *req);
      reply = refusal ? std::move(*refusal) : handle(*r, *req);
    } catch (const std::exception& e) {
      spdlog::error("{{\"msg\":\"unhandled exception\",\"what\":{}}}", dump_json(e.what()));
      reply = error_reply(Error::internal(e.what()));
    }
    try {
      // A large answer (a report) leaves megabytes free in this worker's malloc arena, which
      // glibc keeps; handing them back keeps the process's footprint to what it is using.
      if (send(*writer, *req, reply, t0, index) >= kTrimAfterBytes) ::malloc_trim(0);
    } catch (const std::exception& e) {
      spdlog::error("{{\"msg\":\"reply not sent\",\"what\":{}}}", dump_json(e.what()));
    }
    --in_flight_;
  });
  if (queued != WorkerPool::Submitted::queued) {
    send(*writer, *req,
         problem_reply(503, queued == WorkerPool::Submitted::full ? MessageCode::server_busy
                                                                  : MessageCode::shutting_down),
         t0, index);
    --in_flight_;
  }
}

Reply HttpServer::handle(const Route& route, const HttpRequest& request) {
  if (!route.cache_answers || !answers_.enabled()) return run_handler(route.handler, request);
  // The journal length is read before the answer is made, so an answer is never kept under
  // a length older than the data it shows (see answer_cache.h).
  // Only the entries of the entities the answer depends on count (journal_length_of).
  const std::vector<std::string> scope =
      route.answer_depends_on ? route.answer_depends_on(request) : std::vector<std::string>{};
  auto length = persistence::journal_length_of(*store_.db, scope);
  if (!length.ok()) return error_reply(length.error());  // not a second wait for the handler
  const std::string key = AnswerCache::key(request);
  if (auto hit = answers_.find(key, *length)) return std::move(*hit);
  Reply reply = run_handler(route.handler, request);
  answers_.store(key, AnswerCache::scope_name(scope), *length, reply);
  return reply;
}

Reply HttpServer::unrouted(const std::string& method, const std::string& path) const {
  auto segments = [](const std::string& p) {
    std::vector<std::string> out;
    for (std::size_t at = 1; at <= p.size();) {
      std::size_t next = p.find('/', at);
      if (next == std::string::npos) next = p.size();
      out.push_back(p.substr(at, next - at));
      at = next + 1;
    }
    return out;
  };
  const auto asked = segments(path);
  std::string allow;
  for (const Route& route : routes_) {
    const auto pattern = segments(route.path);
    bool match = pattern.size() == asked.size();
    for (std::size_t i = 0; match && i < pattern.size(); ++i)
      match = pattern[i].rfind(':', 0) == 0 ? !asked[i].empty() : pattern[i] == asked[i];
    if (match && allow.find(route.method) == std::string::npos)
      allow += (allow.empty() ? "" : ", ") + route.method;
  }
  if (allow.empty()) return problem_reply(404, {MessageCode::no_resource_at, {path}});
  Reply r = problem_reply(405, {MessageCode::method_not_taken, {path, method, allow}},
                          {{"method", {MessageCode::not_one_of, {allow}}}});
  r.allow = allow;
  return r;
}

Reply HttpServer::ready() {
  if (draining_) return problem_reply(503, MessageCode::shutting_down);
  Status ping = store_.db->ping();
  if (!ping.ok()) {
    spdlog::warn("{{\"msg\":\"not ready\",\"why\":{}}}",
                 nlohmann::json(ping.error().message).dump());
    return problem_reply(503, MessageCode::database_not_answering);
  }
  const char* backend = store_.db->backend() == persistence::Backend::sqlite ? "sqlite" : "mysql";
  Reply r;
  r.body = {{"status", "ready"}, {"database", backend}};
  return r;
}

Reply HttpServer::metrics(const HttpRequest& request) {
  if (options_.metrics_token.empty()) {
    if (!is_loopback(request.peer)) {
      return problem_reply(403, "/metrics answers only on the loopback address unless the "
                                "server is started with --metrics-token");
    }
  } else {
    const std::string expected = "Bearer " + options_.metrics_token;
    const std::string given = request.header("authorization").value_or("");
    if (given.size() != expected.size() ||
        CRYPTO_memcmp(given.data(), expected.data(), given.size()) != 0) {
      return problem_reply(401, "send Authorization: Bearer <the metrics token>");
    }
  }
  MetricsWriter w;
  request_metrics_->render(w);
  w.single("estate_http_requests_in_flight", "gauge", "Requests being worked on now.",
           static_cast<std::uint64_t>(std::max(0, in_flight_.load())));
  w.single("estate_worker_threads", "gauge", "Threads doing database work.",
           static_cast<std::uint64_t>(workers_.threads()));
  w.single("estate_worker_queue_depth", "gauge", "Requests waiting for a worker thread.",
           static_cast<std::uint64_t>(workers_.queued()));
  w.single("estate_worker_rejections_total", "counter",
           "Requests refused with 503 because too many were waiting for a worker.",
           workers_.rejected());
  w.single("estate_report_worker_threads", "gauge", "Threads of the report lane.",
           static_cast<std::uint64_t>(reports_.threads()));
  w.single("estate_report_queue_depth", "gauge", "Reports waiting for a report-lane thread.",
           static_cast<std::uint64_t>(reports_.queued()));
  w.single("estate_report_rejections_total", "counter",
           "Reports refused with 503 because too many were waiting for the report lane.",
           reports_.rejected());
  const std::pair<const char*, WorkerPool*> lanes[] = {
      {"workers", &workers_}, {"reports", &reports_}, {"sign_in", &sign_ins_},
      {"verify", &verifies_}, {"head_check", &head_checks_}};
  w.family("estate_lane_threads", "gauge", "Threads of each lane.");
  for (auto [name, pool] : lanes)
    w.sample("estate_lane_threads", {{"lane", name}}, static_cast<std::uint64_t>(pool->threads()));
  w.family("estate_lane_queue_depth", "gauge", "Requests waiting for a thread of the lane.");
  for (auto [name, pool] : lanes)
    w.sample("estate_lane_queue_depth", {{"lane", name}}, static_cast<std::uint64_t>(pool->queued()));
  w.family("estate_lane_rejections_total", "counter",
           "Requests refused with 503 because too many were waiting for the lane.");
  for (auto [name, pool] : lanes)
    w.sample("estate_lane_rejections_total", {{"lane", name}}, pool->rejected());
  w.family("estate_lane_tasks_total", "counter", "Requests the lane has finished.");
  for (auto [name, pool] : lanes)
    w.sample("estate_lane_tasks_total", {{"lane", name}}, pool->completed());
  w.single("estate_sign_in_password_checks_total", "counter",
           "Passwords checked against a hash (Argon2id) by sign-ins.",
           persistence::password_checks());
  w.single("estate_http_head_checks_total", "counter",
           "Credentials of requests with a body checked before the body was read.",
           head_checks_total_.load());
  w.single("estate_http_head_checks_on_reactor_total", "counter",
           "Of those, checks that ran on a reactor thread (none should).",
           head_checks_on_reactor_.load());
  w.single("estate_http_bodies_in_flight", "gauge", "Request bodies being received now.",
           static_cast<std::uint64_t>(bodies_ ? bodies_->bodies() : 0));
  w.single("estate_http_body_bytes_in_flight", "gauge",
           "Bytes announced by the request bodies being received now.",
           static_cast<std::uint64_t>(bodies_ ? bodies_->bytes() : 0));

  const auto db = store_.db->stats();
  const auto cache = answers_.stats();
  w.single("estate_answer_cache_hits_total", "counter",
           "Register reads answered from the cache (the journal had not moved).", cache.hits);
  w.single("estate_answer_cache_misses_total", "counter", "Register reads computed afresh.",
           cache.misses);
  w.single("estate_answer_cache_bytes", "gauge", "Bytes of answers kept.",
           static_cast<std::uint64_t>(cache.bytes));

  w.single("estate_db_pool_connections", "gauge", "Database sessions in the pool.",
           static_cast<std::uint64_t>(db.size));
  w.single("estate_db_pool_in_use", "gauge", "Database sessions borrowed now.",
           static_cast<std::uint64_t>(db.in_use));
  w.single("estate_db_pool_waits_total", "counter",
           "Borrows that found no free database session and waited.", db.waits);
  w.single("estate_db_pool_timeouts_total", "counter",
           "Borrows that gave up waiting for a database session.", db.timeouts);
  w.single("estate_db_connects_total", "counter", "Database sessions connected or reconnected.",
           db.connects);
  w.single("estate_db_connect_failures_total", "counter", "Failed attempts to connect.",
           db.connect_failures);
  w.single("estate_db_write_retries_total", "counter",
           "Writes run again after the database aborted them or lost them before COMMIT.",
           db.write_retries);
  w.family("estate_db_errors_total", "counter", "Errors the database raised, by kind.");
  for (ErrorKind kind :
       {ErrorKind::unavailable, ErrorKind::aborted, ErrorKind::conflict, ErrorKind::internal}) {
    w.sample("estate_db_errors_total", {{"kind", to_string(kind)}},
             db.errors[static_cast<std::size_t>(kind)]);
  }

  if (auto length = persistence::journal_length(*store_.db); length.ok()) journal_length_ = *length;
  if (journal_length_ >= 0) {
    w.family("estate_journal_entries", "gauge",
             "Entries in the change journal (the last value read, if the database is away).");
    w.sample("estate_journal_entries", {}, static_cast<std::uint64_t>(journal_length_.load()));
  }
  // The version only: which compiler built it and how helps an attacker more than a scraper.
  w.family("estate_build_info", "gauge", "Version of the running estate-server.");
  w.sample("estate_build_info",
           {{"version", ESTATE_VERSION},
            {"backend", store_.db->backend() == persistence::Backend::sqlite ? "sqlite" : "mysql"}},
           std::uint64_t{1});
  append_process_metrics(w);
  Reply r;
  r.raw = w.text();
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  return r;
}

const RouteTable& HttpServer::routes() {
  if (!routes_.empty()) return routes_;
  routes_.push_back(documented(
      {"GET",
       "/healthz",
       {},
       {},
       [](const HttpRequest&) {
         Reply r;
         r.body = {{"status", "ok"}};
         return r;
       },
       false,
       Lane::reactor},
      {"getHealth", "Operations", "the process is alive", {}, "", {{200, "JsonObject"}}, {}}));
  routes_.push_back(documented(
      {"GET", "/readyz", {}, {}, [this](const HttpRequest&) { return ready(); }},
      {"getReadiness", "Operations", "the database answers", {}, "", {{200, "JsonObject"}}, {}}));
  routes_.push_back(documented(
      {"GET", "/metrics", {}, {}, [this](const HttpRequest& r) { return metrics(r); }},
      {"getMetrics",
       "Operations",
       "Prometheus metrics: requests by route and status class, latency histograms, worker "
       "queue, database pool and errors, journal length, build info, process_* series",
       {},
       "",
       {{200, "Metrics"}},
       {401, 403},
       "Without --metrics-token the server answers only peers on the loopback address "
       "(127.0.0.0/8, ::1) and refuses others with 403; with --metrics-token it answers any "
       "address that sends Authorization: Bearer <that token>. Build information is the "
       "version only."}));
  // The document is generated from this table once it is complete (below).
  routes_.push_back(documented(
      {"GET",
       "/openapi.json",
       {},
       {},
       [this](const HttpRequest&) {
         Reply r;
         r.body = openapi_;
         return r;
       }},
      {"getOpenApiDocument", "Operations", "this document", {}, "", {{200, "JsonObject"}}, {}}));
  // The web client: its page at "/" and its files under /web/, answered on the reactor.
  for (const char* path : {"/", "/web/*", "/web/vendor/*"}) {
    routes_.push_back({"GET", path, {}, {},
                       [this](const HttpRequest& r) { return web_.get(r); }, false,
                       Lane::reactor, false});
  }
  add_register_routes(routes_, store_, four_eyes_, options_.report_max_rows);
  add_change_request_routes(routes_, four_eyes_);
  add_alert_routes(routes_, store_);
  add_journal_routes(routes_, store_);
  add_report_routes(routes_, store_, ReportLimits{options_.report_max_rows});
  add_report_issue_routes(routes_, store_,
                          ReportIssueOptions{ReportLimits{options_.report_max_rows},
                                             options_.max_document_bytes});
  add_session_routes(routes_, store_, SessionOptions{options_.sessions, options_.cookie_secure});
  add_calendar_routes(routes_, store_, CalendarOptions{options_.calendar_alarm_days});
  add_document_routes(routes_, store_, DocumentOptions{options_.max_document_bytes});
  add_exchange_routes(routes_, store_,
                      ExchangeOptions{options_.max_import_bytes,
                                      {options_.max_import_unzipped_bytes, options_.max_import_rows},
                                      &four_eyes_});
  openapi_ = openapi_document(routes_);
  return routes_;
}

}  // namespace estate::api
