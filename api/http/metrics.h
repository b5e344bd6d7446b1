// Metrics for /metrics in the Prometheus text exposition format (version 0.0.4): what the HTTP
// layer counts per request (RequestMetrics), the standard process_* series read from /proc,
// and a small writer that keeps HELP/TYPE lines and label escaping in one place. Debian 12 has
// no Prometheus C++ client, so this is the small part of one the service needs.
// Thread-safety: RequestMetrics::observe may be called from any thread concurrently with
// render; the writer is a plain value.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace estate::api {

// Writes metric families: one family() call, then its samples.
class MetricsWriter {
 public:
  using Labels = std::vector<std::pair<std::string, std::string>>;
  // `type` is counter, gauge or histogram.
  void family(const std::string& name, const std::string& type, const std::string& help);
  void sample(const std::string& name, const Labels& labels, double value);
  void sample(const std::string& name, const Labels& labels, std::uint64_t value);
  // A family of one unlabelled sample.
  void single(const std::string& name, const std::string& type, const std::string& help,
              std::uint64_t value) {
    family(name, type, help);
    sample(name, {}, value);
  }
  const std::string& text() const { return out_; }

 private:
  void labels(const Labels& labels);
  std::string out_;
};

// Request counts and latency histograms by route template, method and status class. Routes
// are numbered as in the route table; the number `route_count` stands for requests that
// matched no route. Recording is lock-free (relaxed atomics).
class RequestMetrics {
 public:
  // `routes`: method and route template ("/api/v1/properties/{id}") of each route.
  explicit RequestMetrics(std::vector<std::pair<std::string, std::string>> routes);

  void observe(std::size_t route, int status, double seconds);
  // Appends estate_http_requests_total and estate_http_request_duration_seconds.
  void render(MetricsWriter& w) const;

  // The upper bounds of the latency buckets, in seconds (+Inf is implicit).
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1,    2.5,   5};

 private:
  struct Series {
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_ns{0};
    std::array<std::atomic<std::uint64_t>, kBuckets.size()> buckets{};
  };
  static constexpr std::size_t kClasses = 5;  // 1xx … 5xx
  std::vector<std::pair<std::string, std::string>> routes_;
  std::unique_ptr<Series[]> series_;  // (routes + 1) × kClasses
};

// Appends process_cpu_seconds_total, process_resident_memory_bytes,
// process_virtual_memory_bytes, process_open_fds, process_max_fds and
// process_start_time_seconds, read from /proc/self (Linux). A value that cannot be read is
// left out.
void append_process_metrics(MetricsWriter& w);

// Whether a peer's address (Pistache's host text: "127.0.0.1", "::1", "::ffff:127.0.0.5")
// is a loopback one, 127.0.0.0/8 or ::1. Without --metrics-token /metrics answers only these.
bool is_loopback(const std::string& host);

// "/api/v1/properties/:id" → "/api/v1/properties/{id}" (Pistache's syntax to OpenAPI's).
std::string route_template(const std::string& pistache_path);

}  // namespace estate::api
