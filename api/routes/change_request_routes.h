// Routes of four eyes (API.md "Four eyes: change requests"): GET /api/v1/change-requests
// (?status=&mine=true&decidable=true, newest first) and /{id}, and POST /{id}/approve,
// /{id}/reject (a note required) — both under If-Match on the request's version — and
// /{id}/withdraw (its maker only). Anyone who reads the register reads the requests; facilities
// and finance users decide them as app/four_eyes.h allows. The helpers render what a write
// submitted to four eyes came to, for the routes that write.
// Thread-safety: handlers run concurrently; they share only FourEyes.
#pragma once

#include "api/http/routing.h"
#include "app/four_eyes.h"

namespace estate::api {

void add_change_request_routes(RouteTable& routes, app::FourEyes& four_eyes);

// "/api/v1/change-requests/<id>".
std::string change_request_location(std::int64_t id);

// The request as the API shows it: to_json, but an import's file as its size ("file_bytes";
// the journal keeps the bytes).
nlohmann::json change_request_json(const ChangeRequest& request);

// The change request, with its version as ETag and its Location, answered with `status`.
Reply change_request_reply(const ChangeRequest& request, int status);

// A submission's answer: 202 with the request when one was stored, else `applied_status`
// with the record (204 without a body after a delete).
Result<Reply> submitted_reply(const Result<app::Submitted>& submitted, int applied_status);

}  // namespace estate::api
