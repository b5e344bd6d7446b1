// The one JSON-to-domain decoder per register resource. Each takes the request body (for POST)
// or the record after a JSON merge patch (for PATCH), checks every field's JSON type and
// value, refuses unknown fields, then applies the domain's own rules (validate()), and returns
// either the record or one invalid Error listing every bad field.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "app/known_at.h"
#include "domain/acquisition.h"
#include "domain/budget.h"
#include "domain/fx_rate.h"
#include "domain/lease.h"
#include "domain/mission.h"
#include "domain/property.h"

namespace estate::api {

// create: id, version, created_at and updated_at are refused (the server assigns them).
// replace: they are accepted and ignored (the stored record's own, after a merge patch).
// stored: a record as the journal kept it (an as-of read): as replace, without today's rules
// (it met the rules of its day), and a progress report keeps its own project_id.
enum class DecodeMode { create, replace, stored };

Result<Mission> decode_mission(const nlohmann::json& body, DecodeMode mode);
Result<Property> decode_property(const nlohmann::json& body, DecodeMode mode);
Result<Lease> decode_lease(const nlohmann::json& body, DecodeMode mode);
// `stage` is derived from `stages` and never read; in replace mode `stages` is kept as stored
// (stage moves go through POST /{id}/stage).
Result<Acquisition> decode_acquisition(const nlohmann::json& body, DecodeMode mode);
Result<FxRate> decode_fx_rate(const nlohmann::json& body, DecodeMode mode);
Result<BudgetLine> decode_budget_line(const nlohmann::json& body, DecodeMode mode);
// `fiscal_year` is the ROC year; on create `fiscal_year_ad` may be sent instead (or as well,
// if they agree). On replace `fiscal_year_ad` is derived and not read.
Result<Appropriation> decode_appropriation(const nlohmann::json& body, DecodeMode mode);
Result<Expenditure> decode_expenditure(const nlohmann::json& body, DecodeMode mode);
// `paid` defaults to zero.
Result<Commitment> decode_commitment(const nlohmann::json& body, DecodeMode mode);
Result<Project> decode_project(const nlohmann::json& body, DecodeMode mode);
// `project_id` comes from the path (POST /projects/{id}/progress) and may be absent from the
// body; if present, it must match.
Result<ProgressReport> decode_progress(const nlohmann::json& body, DecodeMode mode,
                                       ProjectId project);

// The decoders above in stored mode, for the register as known at a past instant.
app::StoredDecoders stored_decoders();

// A stage move: {"stage": "...", "on": "YYYY-MM-DD"}.
struct StageMove {
  AcquisitionStage stage;
  Date on;
};
Result<StageMove> decode_stage_move(const nlohmann::json& body);

// The fields a client may never set by PATCH: the server-assigned ones, and `also` (e.g. an
// acquisition's stage history). A merge patch naming one is refused with an error per field.
std::vector<FieldError> read_only_fields(const nlohmann::json& patch,
                                         const std::vector<std::string>& also = {});

}  // namespace estate::api
