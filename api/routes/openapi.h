// The OpenAPI 3.1 description of every route, served at GET /openapi.json. The document is
// api/openapi.json, compiled into the binary; a test checks that it names every route the
// server registers and no route it does not. Thread-safety: returns a copy of a constant.
#pragma once

#include <nlohmann/json.hpp>

namespace estate::api {

nlohmann::json openapi_document();

}  // namespace estate::api
