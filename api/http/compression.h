// gzip for text answers (issue 25, "Weight"): Pistache 0.0.5 as Debian ships it has a
// Content-Encoding header class but compresses nothing, so the server compresses with zlib
// itself. An answer is compressed when its media type is text (JSON, problem+json, CSV, SVG,
// HTML, JavaScript, CSS, iCalendar, plain text), its body is at least kMinGzipBytes, its status
// has a body (not 204/304), and the request's Accept-Encoding allows gzip. XLSX, PDF and images
// are never compressed (they are compressed already). A compressed answer's strong ETag is
// the identity one with "-gzip" inside the quotes (RFC 9110 §8.8.3: a different representation
// may not share a strong tag); If-None-Match and If-Match accept either spelling
// (identity_etag). Thread-safety: pure functions, and gzip_once's memo is locked.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace estate::api {

constexpr std::size_t kMinGzipBytes = 1024;

// Whether an Accept-Encoding value allows gzip: "gzip" or "*" listed without q=0, case
// insensitive ("gzip;q=0" and "*;q=0" refuse it; "x-gzip" counts as gzip). nullopt: no.
bool accepts_gzip(const std::optional<std::string>& accept_encoding);

// Whether answers of this Content-Type are worth compressing (text, by the rule above).
bool compressible_type(const std::string& content_type);

// `bytes` as one gzip member (RFC 1952), at zlib's default level. Throws std::bad_alloc only.
std::string gzip(std::string_view bytes);

// gzip(bytes) for content named by a strong ETag (the same tag means the same bytes):
// compressed on first use and kept, so the web client's assets are compressed once, not per
// request. At most kMaxMemo bytes of compressed output are kept; beyond, it compresses anew.
const std::string& gzip_once(const std::string& strong_etag, std::string_view bytes);

// "\"abc\"" → "\"abc-gzip\""; a tag without quotes is returned unchanged.
std::string gzip_etag(const std::string& etag);

// The tag without a "-gzip" suffix inside its quotes: what If-None-Match and If-Match compare.
std::string identity_etag(const std::string& etag);

}  // namespace estate::api
