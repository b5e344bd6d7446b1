// HttpServer is estate-server's HTTP front: a Pistache endpoint whose reactor threads parse
// requests and write responses, and a WorkerPool that does everything touching the database.
// It answers /healthz (the process is alive) and /readyz (the database answers), logs one
// structured line per request with a request id, and stops cleanly: stop() refuses new
// requests with 503, lets the ones in flight finish, then closes the listener.
// Thread-safety: start() and stop() from one controlling thread; handlers run concurrently.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "api/worker_pool.h"
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
  std::chrono::seconds drain_timeout{10};
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

 private:
  using Writer = std::shared_ptr<Pistache::Http::ResponseWriter>;
  // Runs `work` on the worker pool and sends its (status, body, content type) from there.
  void routes();
  void on_worker(const Pistache::Rest::Request& request, Pistache::Http::ResponseWriter response,
                 std::function<std::pair<int, nlohmann::json>()> work);
  void send_json(Pistache::Http::ResponseWriter& writer, const Pistache::Rest::Request& request,
                 int status, const nlohmann::json& body, std::chrono::steady_clock::time_point t0);

  persistence::Store& store_;
  ServerOptions options_;
  std::shared_ptr<Pistache::Http::Endpoint> endpoint_;
  std::unique_ptr<Pistache::Rest::Router> router_;
  WorkerPool workers_;
  std::atomic<bool> draining_{false};
  std::atomic<int> in_flight_{0};
  std::atomic<std::uint64_t> request_counter_{0};
};

}  // namespace estate::api
