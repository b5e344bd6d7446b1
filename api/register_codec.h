// The one JSON-to-domain decoder per register resource. Each takes the request body (for POST)
// or the record after a JSON merge patch (for PATCH), checks every field's JSON type and
// value, refuses unknown fields, then applies the domain's own rules (validate()), and returns
// either the record or one invalid Error listing every bad field.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/lease.h"
#include "domain/mission.h"
#include "domain/property.h"

namespace estate::api {

// create: id, version, created_at and updated_at are refused (the server assigns them).
// replace: they are accepted and ignored (the stored record's own, after a merge patch).
enum class DecodeMode { create, replace };

Result<Mission> decode_mission(const nlohmann::json& body, DecodeMode mode);
Result<Property> decode_property(const nlohmann::json& body, DecodeMode mode);
Result<Lease> decode_lease(const nlohmann::json& body, DecodeMode mode);

// The fields a client may never set. A merge patch naming one of them is refused with an
// error per field.
std::vector<FieldError> read_only_fields(const nlohmann::json& patch);

}  // namespace estate::api
