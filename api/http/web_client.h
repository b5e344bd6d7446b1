// The web client's files (web/: HTML, CSS, ES modules and the vendored library), served at
// "/" (index.html) and "/web/…": embedded in the binary at build time (cmake/embed_web.cmake),
// or read from a folder given by --web-dir while developing. Each answer has its media type,
// a strong ETag (a SHA-256 of the bytes; If-None-Match gets 304), Cache-Control: no-cache (so a
// new build is picked up at once, at the cost of one revalidation), and on pages a strict
// Content-Security-Policy: everything from this origin only, no inline script or style, no
// framing. From a folder, only regular files inside it are served: no dotfiles, nothing a
// symlink leads to outside it. Thread-safety: immutable after construction; the folder is
// read per request.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http/routing.h"

namespace estate::api {

struct WebAsset {
  std::string_view path;  // "/web/app.js"
  std::string_view type;  // its media type
  std::string_view bytes;
  std::string_view etag;  // "\"<sha256>\""
};

// Generated from web/ at build time.
const std::vector<WebAsset>& embedded_web_assets();

// The policy of every page: this origin only, nothing inline, no framing.
inline constexpr const char* kPagePolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

class WebClient {
 public:
  // `folder` empty: the embedded files.
  explicit WebClient(std::string folder = "");
  // "/" or "/web/…": the file (or 304), or a 404 problem.
  Reply get(const HttpRequest& request) const;

 private:
  std::string folder_;
};

}  // namespace estate::api
