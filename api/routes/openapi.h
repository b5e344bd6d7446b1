// The OpenAPI 3.1 description of every route, served at GET /openapi.json: generated from the
// route table, each route's OperationDoc (routing.h) naming its operationId, tag, summary,
// parameters, request body and answers, with the shared pieces (record schemas, the problem
// document, list envelopes, parameters, answers) written once in
// api/routes/openapi_components.json. What the generator derives from the route itself:
//   - path parameters from the path (":id" → #/components/parameters/id);
//   - security: none for a route without roles, else a bearer token or the session cookie;
//   - 401 and 403 for a route with roles; 404 for one with a path parameter; 422 for every
//     route (each refuses a query parameter it does not take); 503 off the reactor (a full
//     lane); 413 for a body; 400 and 415 for a JSON body (not raw_body); 412 with If-Match,
//     and 428 when If-Match is required.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "api/http/routing.h"

namespace estate::api {

// The document for `routes` (those with api set).
nlohmann::json openapi_document(const RouteTable& routes);

// The pieces written once: openapi, info, servers, security, tags and components.
const nlohmann::json& openapi_components();

// "facilities, finance": roles as the operations' summaries name them.
std::string roles_text(const std::vector<Role>& roles);

}  // namespace estate::api
