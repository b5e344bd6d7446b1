#include "api/server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/router.h>
#include <spdlog/spdlog.h>

#include <thread>

#include "api/problem.h"

namespace estate::api {

using namespace Pistache;

namespace {

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

// X-Request-Id on responses. Pistache 0.0.5 writes only typed headers, not raw ones.
class RequestIdHeader : public Http::Header::Header {
 public:
  NAME("X-Request-Id")
  RequestIdHeader() = default;
  explicit RequestIdHeader(std::string id) : id_(std::move(id)) {}
  void parse(const std::string& data) override { id_ = data; }
  void write(std::ostream& os) const override { os << id_; }

 private:
  std::string id_;
};

// The request id: the caller's X-Request-Id when it is short and printable, else a new one.
std::string request_id(const Rest::Request& request, std::uint64_t counter) {
  if (auto raw = request.headers().tryGetRaw("X-Request-Id")) {
    const std::string& v = raw->value();
    bool ok = !v.empty() && v.size() <= 64;
    for (char c : v) ok = ok && c > 0x20 && c < 0x7F;
    if (ok) return v;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%x-%llx", static_cast<unsigned>(::getpid()),
                static_cast<unsigned long long>(counter));
  return buf;
}

}  // namespace

HttpServer::HttpServer(persistence::Store& store, ServerOptions options)
    : store_(store), options_(std::move(options)), workers_(options_.worker_threads) {}

HttpServer::~HttpServer() {
  stop();
}

Status HttpServer::start() {
  auto address = parse_listen(options_.listen);
  if (!address.ok()) return address.error();
  router_ = std::make_unique<Rest::Router>();
  routes();
  try {
    endpoint_ = std::make_shared<Http::Endpoint>(*address);
    auto opts = Http::Endpoint::options()
                    .threads(static_cast<int>(options_.reactor_threads))
                    .flags(Tcp::Options::ReuseAddr)
                    .maxRequestSize(options_.max_body_bytes);
    endpoint_->init(opts);
    endpoint_->setHandler(router_->handler());
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
  endpoint_->shutdown();
  endpoint_.reset();
}

void HttpServer::send_json(Http::ResponseWriter& writer, const Rest::Request& request, int status,
                           const nlohmann::json& body, std::chrono::steady_clock::time_point t0) {
  std::string id = request_id(request, ++request_counter_);
  writer.headers().add<RequestIdHeader>(id);
  const bool is_problem = status >= 400;
  auto mime = Http::Mime::MediaType::fromString(is_problem ? kProblemJson : "application/json");
  writer.send(static_cast<Http::Code>(status), body.dump(), mime);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  nlohmann::json line = {{"msg", "request"},
                         {"request_id", id},
                         {"method", Http::methodString(request.method())},
                         {"path", request.resource()},
                         {"status", status},
                         {"ms", std::round(ms * 100) / 100}};
  spdlog::info("{}", line.dump());
}

void HttpServer::on_worker(const Rest::Request& request, Http::ResponseWriter response,
                           std::function<std::pair<int, nlohmann::json>()> work) {
  auto t0 = std::chrono::steady_clock::now();
  if (draining_) {
    send_json(response, request, 503, problem(503, "the server is shutting down"), t0);
    return;
  }
  ++in_flight_;
  auto writer = std::make_shared<Http::ResponseWriter>(std::move(response));
  auto req = std::make_shared<Rest::Request>(request);
  bool queued = workers_.submit([this, writer, req, work = std::move(work), t0] {
    std::pair<int, nlohmann::json> result;
    try {
      result = work();
    } catch (const std::exception& e) {
      spdlog::error("{{\"msg\":\"unhandled exception\",\"what\":{}}}",
                    nlohmann::json(e.what()).dump());
      result = {500, problem(Error::internal(e.what()))};
    }
    send_json(*writer, *req, result.first, result.second, t0);
    --in_flight_;
  });
  if (!queued) {
    send_json(*writer, *req, 503, problem(503, "the server is shutting down"), t0);
    --in_flight_;
  }
}

void HttpServer::routes() {
  Rest::Routes::Get(*router_, "/healthz", [this](const Rest::Request& req, Http::ResponseWriter w) {
    send_json(w, req, 200, {{"status", "ok"}}, std::chrono::steady_clock::now());
    return Rest::Route::Result::Ok;
  });
  Rest::Routes::Get(*router_, "/readyz", [this](const Rest::Request& req, Http::ResponseWriter w) {
    on_worker(req, std::move(w), [this]() -> std::pair<int, nlohmann::json> {
      if (draining_) return {503, problem(503, "the server is shutting down")};
      Status ping = store_.db->ping();
      if (!ping.ok()) {
        spdlog::warn("{{\"msg\":\"not ready\",\"why\":{}}}",
                     nlohmann::json(ping.error().message).dump());
        return {503, problem(503, "the database does not answer")};
      }
      const char* backend =
          store_.db->backend() == persistence::Backend::sqlite ? "sqlite" : "mysql";
      return {200, {{"status", "ready"}, {"database", backend}}};
    });
    return Rest::Route::Result::Ok;
  });
  router_->addNotFoundHandler([this](const Rest::Request& req, Http::ResponseWriter w) {
    send_json(w, req, 404, problem(404, "no resource at " + req.resource()),
              std::chrono::steady_clock::now());
    return Rest::Route::Result::Ok;
  });
}

}  // namespace estate::api
