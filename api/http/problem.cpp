#include "api/http/problem.h"

namespace estate::api {

namespace {
struct StatusInfo {
  int status;
  const char* slug;
  const char* title;
};

constexpr StatusInfo kStatuses[] = {
    {400, "malformed-request", "Malformed request"},
    {401, "unauthenticated", "Authentication required"},
    {403, "forbidden", "Not allowed for this role"},
    {404, "not-found", "Not found"},
    {405, "method-not-allowed", "Method not allowed"},
    {409, "conflict", "Conflict"},
    {411, "length-required", "Content-Length required"},
    {412, "stale-version", "The record has changed"},
    {413, "body-too-large", "Request body too large"},
    {414, "request-line-too-long", "Request line too long"},
    {415, "unsupported-media-type", "Unsupported content type"},
    {422, "invalid", "Invalid request"},
    {428, "precondition-required", "If-Match required"},
    {429, "too-many-requests", "Too many attempts"},
    {431, "headers-too-large", "Request headers too large"},
    {500, "internal", "Internal error"},
    {501, "not-implemented", "Method not implemented"},
    {503, "unavailable", "Service unavailable"},
    {505, "version-not-supported", "HTTP version not supported"},
};
}  // namespace

int http_status(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid:
      return 422;
    case ErrorKind::not_found:
      return 404;
    case ErrorKind::conflict:
      return 409;
    case ErrorKind::stale:
      return 412;
    case ErrorKind::forbidden:
      return 403;
    case ErrorKind::unavailable:
    case ErrorKind::aborted:
      return 503;
    case ErrorKind::internal:
      return 500;
  }
  return 500;
}

nlohmann::json problem(int status, const ProblemText& text, Language language) {
  const std::vector<FieldError>& errors = text.errors;
  const StatusInfo* info = nullptr;
  for (const StatusInfo& s : kStatuses)
    if (s.status == status) info = &s;
  // A body with 120,000 bad values must not answer megabytes: the first kMaxFieldErrors are
  // named, and how many more there were is counted.
  constexpr std::size_t kMaxFieldErrors = 100;
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = 0; i < errors.size() && i < kMaxFieldErrors; ++i) {
    list.push_back({{"field", errors[i].field},
                    {"message", render(errors[i].what, language)},
                    {"code", code_name(errors[i].what.code)}});
  }
  nlohmann::json out = {
      {"type", std::string("/problems/") + (info ? info->slug : "error")},
      {"title", info ? info->title : "Error"},
      {"status", status},
      {"detail", render(text.detail, language)},
      {"code", code_name(text.detail.code)},
      {"errors", list},
  };
  if (errors.size() > kMaxFieldErrors) out["errors_omitted"] = errors.size() - kMaxFieldErrors;
  return out;
}

ProblemText problem_text(const Error& error) {
  // Internal and database failures tell the client what to do, not what broke: the message
  // may name hosts, users or library text, and goes to the log (error_reply) instead.
  Message detail = error.what;
  if (error.kind == ErrorKind::internal) {
    detail = MessageCode::server_failed;
  } else if (error.kind == ErrorKind::unavailable) {
    detail = MessageCode::database_unavailable;
  } else if (error.kind == ErrorKind::aborted) {
    detail = MessageCode::database_aborted;
  }
  return {std::move(detail), error.fields};
}

}  // namespace estate::api
