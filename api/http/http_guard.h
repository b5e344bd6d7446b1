// The checks estate-server makes on a request's framing before Pistache's own parser sees it,
// so that what Pistache 0.0.5 would answer by itself in plain text with library words
// ("500 stoull", "500 basic_string::_M_create", "400 Encountered invalid HTTP version",
// "413 Request exceeded maximum buffer size") is answered as problem+json by the server:
//
//   - the request line must be METHOD SP target SP HTTP/1.0|1.1 (400; an unknown method 501),
//     at most kMaxRequestLine bytes (414);
//   - the header block at most kMaxHeaderBlock bytes (431), each line "Name: value";
//   - Content-Length one to eighteen digits, the same if repeated, at most the body limit
//     (400, or 413 before a byte of the body is read);
//   - no Transfer-Encoding: bodies are sent with Content-Length (411).
//
// guarded_handler() wraps Pistache's router handler with parser steps that apply these
// checks; a refused request is answered through `refuse`, and the rest of that connection's
// input is discarded. The check functions are pure (and fuzzed: tests/fuzz).
// Thread-safety: the check functions are pure; the handler is cloned per reactor thread.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace Pistache {
namespace Http {
class Handler;
class ResponseWriter;
}  // namespace Http
namespace Rest {
class Router;
}
}  // namespace Pistache

namespace estate::api {

inline constexpr std::size_t kMaxRequestLine = 8 * 1024;
inline constexpr std::size_t kMaxHeaderBlock = 56 * 1024;

// Why a request is refused: its status, a detail, and the part of the request at fault.
struct Refusal {
  int status = 400;
  std::string detail;
  std::string field;
};

// `line` without its CRLF.
std::optional<Refusal> check_request_line(std::string_view line);
// `block`: the header lines, each ending in CRLF, without the empty line that ends them.
std::optional<Refusal> check_headers(std::string_view block, std::size_t max_body_bytes);

using Refuse = std::function<void(const Refusal&, Pistache::Http::ResponseWriter)>;

// The largest body a request may announce: `upload` for a document filing (POST to
// /api/v1/…/documents), `normal` for everything else.
struct BodyLimits {
  std::size_t normal = 1 << 20;
  std::size_t upload = 1 << 20;
};
// Whether a request line (without CRLF) files a document or an import, so its body may be
// `upload` large.
bool is_upload(std::string_view request_line);

// Pistache's handler for `router`, with the checks above in front of its parser.
std::shared_ptr<Pistache::Http::Handler> guarded_handler(
    std::shared_ptr<Pistache::Rest::Router> router, BodyLimits limits, Refuse refuse);

}  // namespace estate::api
