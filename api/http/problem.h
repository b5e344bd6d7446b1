// The one writer of RFC 9457 problem+json bodies and the one mapping from domain ErrorKind to
// HTTP status. Every error the service answers goes through here, so clients always get
// {"type","title","status","detail","code","errors":[{"field","message","code"}]} and never a
// stack trace. `detail` and each `message` are in the request's language (English or 中文,
// domain/language.h), rendered from the error's Messages; `code` is the same in both.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "domain/result.h"

namespace estate::api {

inline constexpr const char* kProblemJson = "application/problem+json";

// The HTTP status for an error of this kind (invalid 422, not_found 404, conflict 409,
// stale 412, unavailable 503, internal 500).
int http_status(ErrorKind kind);

// What a problem document says, before it is put in words: its detail and its field errors.
struct ProblemText {
  Message detail;
  std::vector<FieldError> errors;
};

// A problem document in `language`. `errors` is always present (empty when no field is at
// fault).
nlohmann::json problem(int status, const ProblemText& text, Language language = Language::en);

// What the problem document for a domain error says. Internal and database errors are
// reported without their message (which may name library internals); the caller logs it.
ProblemText problem_text(const Error& error);

}  // namespace estate::api
