#include "api/http/metrics.h"

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>

namespace estate::api {

namespace {

std::string escape_label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_double(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (std::isnan(v)) return "NaN";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

}  // namespace

void MetricsWriter::family(const std::string& name, const std::string& type,
                           const std::string& help) {
  out_ += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

void MetricsWriter::labels(const Labels& labels) {
  if (labels.empty()) return;
  out_ += '{';
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out_ += ',';
    out_ += labels[i].first + "=\"" + escape_label(labels[i].second) + "\"";
  }
  out_ += '}';
}

void MetricsWriter::sample(const std::string& name, const Labels& l, double value) {
  out_ += name;
  labels(l);
  out_ += ' ' + format_double(value) + '\n';
}

void MetricsWriter::sample(const std::string& name, const Labels& l, std::uint64_t value) {
  out_ += name;
  labels(l);
  out_ += ' ' + std::to_string(value) + '\n';
}

RequestMetrics::RequestMetrics(std::vector<std::pair<std::string, std::string>> routes)
    : routes_(std::move(routes)), series_(new Series[(routes_.size() + 1) * kClasses]) {}

void RequestMetrics::observe(std::size_t route, int status, double seconds) {
  if (route > routes_.size()) route = routes_.size();
  std::size_t cls = status >= 100 && status < 600 ? static_cast<std::size_t>(status / 100 - 1) : 4;
  Series& s = series_[route * kClasses + cls];
  s.count.fetch_add(1, std::memory_order_relaxed);
  s.sum_ns.fetch_add(static_cast<std::uint64_t>(seconds * 1e9), std::memory_order_relaxed);
  for (std::size_t b = 0; b < kBuckets.size(); ++b) {
    if (seconds <= kBuckets[b]) {
      s.buckets[b].fetch_add(1, std::memory_order_relaxed);
      break;  // buckets are stored non-cumulative and summed when rendered
    }
  }
}

void RequestMetrics::render(MetricsWriter& w) const {
  auto each = [&](auto&& fn) {
    for (std::size_t r = 0; r <= routes_.size(); ++r) {
      for (std::size_t c = 0; c < kClasses; ++c) {
        const Series& s = series_[r * kClasses + c];
        const std::uint64_t n = s.count.load(std::memory_order_relaxed);
        if (n == 0) continue;
        MetricsWriter::Labels labels = {
            {"method", r < routes_.size() ? routes_[r].first : "OTHER"},
            {"route", r < routes_.size() ? routes_[r].second : "unmatched"},
            {"status", std::to_string(c + 1) + "xx"}};
        fn(s, n, labels);
      }
    }
  };
  w.family("estate_http_requests_total", "counter",
           "HTTP requests answered, by method, route template and status class.");
  each([&](const Series&, std::uint64_t n, const MetricsWriter::Labels& labels) {
    w.sample("estate_http_requests_total", labels, n);
  });
  w.family("estate_http_request_duration_seconds", "histogram",
           "Time from a request's arrival to its answer being written, in seconds.");
  each([&](const Series& s, std::uint64_t n, MetricsWriter::Labels labels) {
    std::uint64_t cumulative = 0;
    labels.emplace_back("le", "");
    for (std::size_t b = 0; b < kBuckets.size(); ++b) {
      cumulative += s.buckets[b].load(std::memory_order_relaxed);
      labels.back().second = format_double(kBuckets[b]);
      w.sample("estate_http_request_duration_seconds_bucket", labels, cumulative);
    }
    labels.back().second = "+Inf";
    w.sample("estate_http_request_duration_seconds_bucket", labels, n);
    labels.pop_back();
    w.sample("estate_http_request_duration_seconds_sum", labels,
             static_cast<double>(s.sum_ns.load(std::memory_order_relaxed)) / 1e9);
    w.sample("estate_http_request_duration_seconds_count", labels, n);
  });
}

void append_process_metrics(MetricsWriter& w) {
  const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(::sysconf(_SC_PAGESIZE));
  std::ifstream stat_file("/proc/self/stat");
  std::string stat((std::istreambuf_iterator<char>(stat_file)), std::istreambuf_iterator<char>());
  // Fields after the command name, which is in parentheses and may hold spaces.
  auto close = stat.rfind(')');
  if (close != std::string::npos) {
    std::istringstream fields(stat.substr(close + 2));
    std::vector<std::string> f((std::istream_iterator<std::string>(fields)),
                               std::istream_iterator<std::string>());
    // f[0] is field 3 (state): utime is field 14, stime 15, starttime 22, vsize 23, rss 24.
    if (f.size() > 21) {
      const double cpu = (std::stod(f[11]) + std::stod(f[12])) / ticks;
      w.family("process_cpu_seconds_total", "counter",
               "Total user and system CPU time spent in seconds.");
      w.sample("process_cpu_seconds_total", {}, cpu);
      w.family("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.");
      w.sample("process_virtual_memory_bytes", {}, static_cast<std::uint64_t>(std::stoull(f[20])));
      w.family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
      w.sample("process_resident_memory_bytes", {},
               static_cast<std::uint64_t>(std::stod(f[21]) * page));
      std::ifstream proc_stat("/proc/stat");
      std::string key;
      double boot = 0;
      while (proc_stat >> key) {
        if (key == "btime") {
          proc_stat >> boot;
          break;
        }
      }
      if (boot > 0) {
        w.family("process_start_time_seconds", "gauge",
                 "Start time of the process since unix epoch in seconds.");
        w.sample("process_start_time_seconds", {}, boot + std::stod(f[19]) / ticks);
      }
    }
  }
  if (DIR* dir = ::opendir("/proc/self/fd")) {
    std::uint64_t open = 0;
    while (const dirent* e = ::readdir(dir)) {
      if (e->d_name[0] != '.') ++open;
    }
    ::closedir(dir);
    w.family("process_open_fds", "gauge", "Number of open file descriptors.");
    w.sample("process_open_fds", {}, open > 0 ? open - 1 : 0);  // less the one reading the folder
  }
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    w.family("process_max_fds", "gauge", "Maximum number of open file descriptors.");
    w.sample("process_max_fds", {}, static_cast<std::uint64_t>(limit.rlim_cur));
  }
}

std::string route_template(const std::string& path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == ':' && (i == 0 || path[i - 1] == '/')) {
      std::size_t end = path.find('/', i);
      if (end == std::string::npos) end = path.size();
      out += "{" + path.substr(i + 1, end - i - 1) + "}";
      i = end - 1;
    } else {
      out += path[i];
    }
  }
  return out;
}

bool is_loopback(const std::string& host) {
  std::string h = host;
  if (h.size() > 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (h == "::1") return true;
  for (const char* mapped : {"::ffff:", "::FFFF:"})
    if (h.rfind(mapped, 0) == 0) h = h.substr(7);
  if (h.rfind("127.", 0) != 0) return false;
  int dots = 0;
  for (char c : h) {
    if (c == '.') ++dots;
    else if (c < '0' || c > '9') return false;
  }
  return dots == 3;
}

}  // namespace estate::api
