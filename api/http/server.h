// HttpServer is estate-server's HTTP front: a Pistache endpoint whose reactor threads parse
// requests and write responses, a WorkerPool that does everything touching the database, and
// a smaller one, the report lane, for reports (routing.h, Lane).
// It answers /healthz (the process is alive), /readyz (the database answers) and /metrics
// (Prometheus), logs one structured line per request with a request id, and stops cleanly: stop()
// refuses new requests with 503, lets the ones in flight finish, then closes the listener.
// Thread-safety: start() and stop() from one controlling thread; handlers run concurrently.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "api/http/answer_cache.h"
#include "api/http/http_guard.h"
#include "api/http/metrics.h"
#include "api/http/routing.h"
#include "api/http/web_client.h"
#include "api/http/worker_pool.h"
#include "app/four_eyes.h"
#include "persistence/store.h"

namespace Pistache {
namespace Http {
class Endpoint;
class ResponseWriter;
}  // namespace Http
namespace Rest {
class Router;
class Request;
}  // namespace Rest
}  // namespace Pistache

namespace estate::api {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // host:port; port 0 picks a free one
  std::size_t reactor_threads = 2;
  std::size_t worker_threads = 4;
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_queued = 1024;  // requests waiting for a worker before 503 + Retry-After
  std::chrono::seconds drain_timeout{10};
  std::string metrics_token;  // when set, /metrics wants "Authorization: Bearer <it>"
  std::size_t answer_cache_bytes = 16 << 20;  // register answers kept until a write; 0: none
  std::size_t report_threads = 2;   // the report lane's workers (routing.h, Lane::reports)
  std::size_t report_queue = 64;    // reports that may wait for one before 503 + Retry-After
  std::size_t report_max_rows = 100'000;  // rows of one report answer before a 422
  SessionPolicy sessions;                 // sign-in sessions' lifetimes and lockout
  bool cookie_secure = false;             // mark the session cookie Secure (behind TLS)
  std::string web_dir;  // serve the web client from this folder, not the embedded files
  std::vector<int> calendar_alarm_days{30, 7};  // the calendar feed's alarms, days before
  std::size_t max_document_bytes = 25u << 20;   // the largest document filed on a record
  std::size_t max_import_bytes = 8u << 20;      // the largest file POST /api/v1/imports takes
  std::size_t max_import_unzipped_bytes = 64u << 20;  // what an imported workbook may unzip to
  std::size_t max_import_rows = 40'000;               // rows of one import, over all its sheets
  // Bodies being received at once over all connections, and their announced bytes summed;
  // beyond either a request is answered 503 with Retry-After before its body is read. The
  // byte cap is raised to the largest single body a route takes if it is below it.
  std::size_t max_bodies_in_flight = 16;
  std::size_t max_body_bytes_in_flight = 64u << 20;
  std::chrono::seconds header_timeout{10};  // to receive a request's head
  std::chrono::seconds body_timeout{20};    // to receive its whole body, from its first byte
  std::size_t sign_in_threads = 2;  // the sign-in lane (Argon2id): routing.h, Lane::sign_in
  std::size_t sign_in_queue = 32;
  std::size_t verify_threads = 1;   // the journal verification lane: Lane::verify
  std::size_t verify_queue = 4;
  // The head-check lane: the credentials of a request with a body to a route that needs a
  // role, looked up before its body is read (http_guard.h, HttpServer::admit).
  std::size_t head_check_threads = 2;
  std::size_t head_check_queue = 128;
  ApprovalPolicy approvals;  // four eyes on sensitive writes (--no-approvals, thresholds)
};

class HttpServer {
 public:
  HttpServer(persistence::Store& store, ServerOptions options);
  ~HttpServer();

  // Binds and starts serving in background threads. Errors: unavailable when the address
  // cannot be bound, invalid when `listen` is not host:port.
  Status start();
  // The bound port (useful with port 0).
  std::uint16_t port() const;
  // Stops taking requests, waits up to drain_timeout for those in flight, shuts down.
  void stop();

  // Every route the server answers, in registration order (the OpenAPI test reads it).
  const RouteTable& routes();

 private:
  // Copies the request, refuses what can be refused without the database (413, 415), then
  // authenticates, authorises and runs the route's handler on the worker pool.
  void dispatch(const Route& route, const Pistache::Rest::Request& request,
                Pistache::Http::ResponseWriter response);
  // Authenticates the bearer and checks the route's roles; the refusal, or nullopt.
  std::optional<Reply> authorise(const Route& route, HttpRequest& request);
  // What the guard asks before a request's body is read (http_guard.h). A request with a body
  // to a route that needs a role is refused at once when it sends no credentials; otherwise
  // the whole of authorise() runs for it on the head-check lane (never on a reactor thread:
  // it reads the database) while its body waits unread, so no body of any size is read for
  // someone who may not send it. The worker that then runs the request authorises it again,
  // as every request (the answer stays exact should the credentials end in between).
  // Requests without a body are authorised on their worker only, as before.
  Admission admit(const RequestHead& head);
  // The route that takes `method` on `path` (no query), or nullptr.
  const Route* route_for(std::string_view method, std::string_view path) const;
  // Writes the reply, logs it and counts it against `route` (an index into routes_;
  // routes_.size() for a request that matched none). Returns the body's size in bytes.
  std::size_t send(Pistache::Http::ResponseWriter& writer, const HttpRequest& request, const Reply& reply,
            std::chrono::steady_clock::time_point t0, std::size_t route);
  // The answer for a request no route takes: 405 with Allow when the path has routes for
  // other methods, else 404.
  Reply unrouted(const std::string& method, const std::string& path) const;
  Reply ready();
  Reply metrics(const HttpRequest& request);
  // Runs the route's handler, or answers from the cache for a register read.
  Reply handle(const Route& route, const HttpRequest& request);

  persistence::Store& store_;
  ServerOptions options_;
  std::shared_ptr<Pistache::Http::Endpoint> endpoint_;
  std::shared_ptr<Pistache::Rest::Router> router_;
  RouteTable routes_;
  nlohmann::json openapi_;  // GET /openapi.json, generated from routes_ (routes/openapi.h)
  WorkerPool workers_;
  WorkerPool reports_;  // the report lane
  WorkerPool sign_ins_;  // the sign-in lane
  WorkerPool verifies_;  // the journal verification lane
  WorkerPool head_checks_;  // credentials checked before a body is read
  std::atomic<std::uint64_t> head_checks_total_{0}, head_checks_on_reactor_{0};
  std::shared_ptr<BodyBudget> bodies_;  // bodies being received (http_guard.h)
  std::unique_ptr<RequestMetrics> request_metrics_;
  AnswerCache answers_;
  WebClient web_;
  app::FourEyes four_eyes_;  // sensitive writes, their change requests and decisions
  std::atomic<std::int64_t> journal_length_{-1};  // the last one read, for /metrics
  std::atomic<bool> draining_{false};
  std::atomic<int> in_flight_{0};
  std::atomic<std::uint64_t> request_counter_{0};
};

}  // namespace estate::api
