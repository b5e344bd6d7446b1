#include "api/http/compression.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <new>

namespace estate::api {

namespace {

constexpr std::size_t kMaxMemo = std::size_t{8} << 20;
constexpr const char* kGzipSuffix = "-gzip";

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// Whether one Accept-Encoding element's parameters say q=0 ("q=0", "q=0.0", "q=0.000").
bool q_is_zero(const std::string& params) {
  const auto q = params.find("q=");
  if (q == std::string::npos) return false;
  std::string value = trimmed(params.substr(q + 2));
  value = value.substr(0, value.find_first_of(" \t;"));
  return !value.empty() && value[0] == '0' && value.find_first_not_of("0.") == std::string::npos;
}

}  // namespace

bool accepts_gzip(const std::optional<std::string>& accept_encoding) {
  if (!accept_encoding) return false;
  const std::string all = lower(*accept_encoding);
  std::optional<bool> gzip, star;
  std::size_t start = 0;
  while (start <= all.size()) {
    const std::size_t end = std::min(all.find(',', start), all.size());
    const std::string element = all.substr(start, end - start);
    const auto semi = element.find(';');
    const std::string coding = trimmed(element.substr(0, semi));
    const bool refused = semi != std::string::npos && q_is_zero(element.substr(semi + 1));
    if (coding == "gzip" || coding == "x-gzip") gzip = !refused;
    if (coding == "*") star = !refused;
    start = end + 1;
  }
  return gzip ? *gzip : star.value_or(false);
}

bool compressible_type(const std::string& content_type) {
  const std::string t = lower(content_type);
  for (const char* prefix :
       {"application/json", "application/problem+json", "text/", "image/svg+xml",
        "application/javascript"}) {
    if (t.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

std::string gzip(std::string_view bytes) {
  z_stream z{};
  // windowBits 15 + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::bad_alloc();
  std::string out;
  out.resize(deflateBound(&z, static_cast<uLong>(bytes.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int done = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (done != Z_STREAM_END) throw std::bad_alloc();  // deflateBound is enough: cannot happen
  return out;
}

const std::string& gzip_once(const std::string& strong_etag, std::string_view bytes) {
  static std::mutex mutex;
  static std::map<std::string, std::string> memo;
  static std::size_t kept = 0;
  thread_local std::string scratch;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = memo.find(strong_etag);
    if (it != memo.end()) return it->second;  // entries are never erased: the reference stays
  }
  std::string compressed = gzip(bytes);
  std::lock_guard<std::mutex> lock(mutex);
  auto it = memo.find(strong_etag);
  if (it != memo.end()) return it->second;
  if (kept + compressed.size() > kMaxMemo) {
    scratch = std::move(compressed);
    return scratch;
  }
  kept += compressed.size();
  return memo.emplace(strong_etag, std::move(compressed)).first->second;
}

std::string gzip_etag(const std::string& etag) {
  if (etag.size() < 2 || etag.back() != '"') return etag;
  return etag.substr(0, etag.size() - 1) + kGzipSuffix + "\"";
}

std::string identity_etag(const std::string& etag) {
  const std::string suffix = std::string(kGzipSuffix) + "\"";
  if (etag.size() > suffix.size() + 1 &&
      etag.compare(etag.size() - suffix.size(), suffix.size(), suffix) == 0)
    return etag.substr(0, etag.size() - suffix.size()) + "\"";
  return etag;
}

}  // namespace estate::api
