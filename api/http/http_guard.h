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
// Then, still before a byte of the body is read, the request's head is shown to `admit`
// (the server authenticates and authorises it there: 401/403). `admit` decides at once what
// needs no database (no credentials at all, a route that needs no role). A request it does
// not refuse at once must find room in the body budget, in the order heads arrive — at most
// so many bodies, and so many announced bytes, being read at once over all connections (503
// with Retry-After beyond it); the room is given back when the request has been read or
// refused (or its connection is gone). For the rest `admit` hands back a check, which the
// guard runs through `offload` (a lane of workers, never a reactor thread) while the
// connection's parse stands still at the end of the head: nothing of the body is taken for
// the request until the check has answered. The answer is carried back to the connection's
// own reactor thread (a zero-byte write on its transport, whose completion Pistache runs
// there), which resumes the parse: on to the body, or the refusal. Bytes the client sends
// meanwhile wait in the connection's input buffer (as much as arrives in the check's few
// milliseconds); a refused request's are discarded unparsed.
//
// guarded_handler() wraps Pistache's router handler with parser steps that apply these
// checks; a refused request is answered through `refuse`, and the rest of that connection's
// input is discarded. The check functions are pure (and fuzzed: tests/fuzz).
// Thread-safety: the check functions are pure; the handler is cloned per reactor thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/message.h"

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
  std::optional<long> retry_after = std::nullopt;  // seconds, for a 503
  // For a refusal decided once the head was read (a role's, a sign-in's): what it says as a
  // Message, written in the request's Accept-Language; without it `detail` is written as it is.
  std::optional<Message> what = std::nullopt;
  std::string accept_language = std::string();
};

// `line` without its CRLF.
std::optional<Refusal> check_request_line(std::string_view line);
// `block`: the header lines, each ending in CRLF, without the empty line that ends them.
std::optional<Refusal> check_headers(std::string_view block, std::size_t max_body_bytes);
// The value of header `lower_name` in such a block (the first, trimmed), or nullopt.
std::optional<std::string_view> header_in(std::string_view block, std::string_view lower_name);

// A request's head as the guard has read it, checked: what `admit` decides on.
struct RequestHead {
  std::string_view method;
  std::string_view target;   // path and query, as sent
  std::string_view headers;  // the header lines, each ending in CRLF
  std::size_t content_length = 0;
};
// What `admit` decides on a head: a refusal (answered at once, the body unread), or a
// check to run off the reactor before the body is read (nullopt from it admits), or, with
// neither, admitted now.
struct Admission {
  std::optional<Refusal> refusal;
  std::function<std::optional<Refusal>()> check;
};
using Admit = std::function<Admission(const RequestHead&)>;
// Runs a job on a worker; false when it cannot be queued (the request is answered 503).
using Offload = std::function<bool(std::function<void()>)>;
// Whether the calling thread is one of Pistache's reactor threads (it has run the guard).
bool on_reactor_thread();

using Refuse = std::function<void(const Refusal&, Pistache::Http::ResponseWriter)>;

// The largest body a request may announce: `upload` for a document filing (POST to
// /api/v1/…/documents), `normal` for everything else.
struct BodyLimits {
  std::size_t normal = 1 << 20;
  std::size_t upload = 1 << 20;
  std::size_t max_bodies_in_flight = 16;             // requests whose body is being read
  std::size_t max_body_bytes_in_flight = 64u << 20;  // the Content-Length of those, summed
};

// The room bodies being read take, shared by every connection. Thread-safe.
class BodyBudget {
 public:
  explicit BodyBudget(const BodyLimits& limits)
      : max_count_(limits.max_bodies_in_flight), max_bytes_(limits.max_body_bytes_in_flight) {}
  // Takes room for a body of `bytes`; false (and nothing taken) when there is none.
  bool take(std::size_t bytes);
  void give_back(std::size_t bytes);
  std::size_t bodies() const { return count_.load(); }
  std::size_t bytes() const { return bytes_.load(); }

 private:
  const std::size_t max_count_, max_bytes_;
  std::atomic<std::size_t> count_{0}, bytes_{0};
};
// Whether a request line (without CRLF) files a document or an import, or asks whether a file
// is an issued report (verify), so its body may be `upload` large.
bool is_upload(std::string_view request_line);

// Pistache's handler for `router`, with the checks above in front of its parser.
// `budget` is shared with whoever reports on it (/metrics).
std::shared_ptr<Pistache::Http::Handler> guarded_handler(
    std::shared_ptr<Pistache::Rest::Router> router, BodyLimits limits,
    std::shared_ptr<BodyBudget> budget, Admit admit, Offload offload, Refuse refuse);

}  // namespace estate::api
