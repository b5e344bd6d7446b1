#include "api/http/web_client.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/http/compression.h"
#include "persistence/journal.h"

namespace estate::api {

namespace {

std::string media_type_of(const std::string& path) {
  const auto dot = path.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : path.substr(dot);
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string sha256_etag(const std::string& bytes) {
  return "\"" + persistence::sha256_hex(bytes) + "\"";
}

// A path under /web/ that names a file and cannot leave the folder: no "..", no dotfile or
// dot-folder (".git/config", ".env").
bool safe(const std::string& path) {
  if (path.rfind("/web/", 0) != 0 || path.find("..") != std::string::npos ||
      path.find("/.") != std::string::npos)
    return false;
  for (char c : path) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '/' || c == '.' || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

Reply file_reply(const HttpRequest& request, std::string bytes, std::string type,
                 std::string etag) {
  Reply r;
  r.etag = std::move(etag);
  r.cache_control = "no-cache";
  if (type.rfind("text/html", 0) == 0) r.content_security_policy = kPagePolicy;
  // Either representation's tag (identity or gzip, compression.h) names these bytes; the 304
  // repeats the one the client holds.
  if (auto held = request.header("if-none-match"); held && identity_etag(*held) == r.etag) {
    r.status = 304;
    r.etag = *held;
    return r;
  }
  r.raw = std::move(bytes);
  r.content_type = std::move(type);
  return r;
}

}  // namespace

WebClient::WebClient(std::string folder) : folder_(std::move(folder)) {
  // The embedded files never change: each text file is compressed once, here, not per request.
  if (folder_.empty()) {
    for (const WebAsset& a : embedded_web_assets()) {
      if (a.bytes.size() >= kMinGzipBytes && compressible_type(std::string(a.type)))
        gzip_once(std::string(a.etag), a.bytes);
    }
  }
}

Reply WebClient::get(const HttpRequest& request) const {
  const std::string path = request.path == "/" ? "/web/index.html" : request.path;
  if (!safe(path)) return problem_reply(404, {MessageCode::no_resource_at, {request.path}});
  if (!folder_.empty()) {
    // Only a regular file whose real path (symlinks followed) is inside the folder's.
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path root = fs::canonical(folder_, ec);
    const fs::path file = ec ? fs::path() : fs::canonical(root / path.substr(5), ec);
    const std::string inside = root.string() + "/";
    if (ec || file.string().rfind(inside, 0) != 0 || !fs::is_regular_file(file, ec))
      return problem_reply(404, {MessageCode::no_resource_at, {request.path}});
    std::ifstream in(file, std::ios::binary);
    if (!in) return problem_reply(404, {MessageCode::no_resource_at, {request.path}});
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string content = bytes.str();
    std::string etag = sha256_etag(content);
    return file_reply(request, std::move(content), media_type_of(path), std::move(etag));
  }
  for (const WebAsset& a : embedded_web_assets()) {
    if (a.path == path)
      return file_reply(request, std::string(a.bytes), std::string(a.type), std::string(a.etag));
  }
  return problem_reply(404, {MessageCode::no_resource_at, {request.path}});
}

}  // namespace estate::api
