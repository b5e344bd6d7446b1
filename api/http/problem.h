// The one writer of RFC 9457 problem+json bodies and the one mapping from domain ErrorKind to
// HTTP status. Every error the service answers goes through here, so clients always get
// {"type","title","status","detail","errors":[{"field","message"}]} and never a stack trace.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "domain/result.h"

namespace estate::api {

inline constexpr const char* kProblemJson = "application/problem+json";

// The HTTP status for an error of this kind (invalid 422, not_found 404, conflict 409,
// stale 412, unavailable 503, internal 500).
int http_status(ErrorKind kind);

// A problem document. `errors` is always present (empty when no field is at fault).
nlohmann::json problem(int status, const std::string& detail,
                       const std::vector<FieldError>& errors = {});

// The problem document for a domain error. Internal errors are reported without their
// message (which may name library internals); the caller logs it.
nlohmann::json problem(const Error& error);

}  // namespace estate::api
