// Issuing reports, and the questions an auditor asks of an issued one: is this file what was
// issued (verify), and which figures have changed since (changes). Rendering a report is the
// API's (it owns the formats); it is handed in as a RenderReport, so issuing renders a report
// exactly as GET /api/v1/reports/{report} would answer it.
// Thread-safety: functions of their arguments; the ports they are given may be shared.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/repository.h"

namespace estate::app {

// A report's bytes as rendered and the media type they are.
struct Rendered {
  std::string bytes;
  std::string content_type;
};

// Renders report `name` with these query parameters (as GET /api/v1/reports/{name} takes
// them, known_at and format included). Errors as that GET answers them; an unknown name is
// invalid naming `report`.
using RenderReport =
    std::function<Result<Rendered>(const std::string& name,
                                   const std::map<std::string, std::string>& query)>;

// The formats a report may be issued in.
inline const std::vector<std::string> kIssueFormats = {"json", "csv", "xlsx", "svg"};

struct IssueRequest {
  std::string report;
  nlohmann::json params = nlohmann::json::object();  // strings or numbers; known_at optional
  std::string format = "json";
  std::string title;
};

// Renders the report once, as known at params.known_at (default `now`), and stores the bytes
// as issued by `actor`. Errors: invalid naming `report`, `params` or `params.<name>` (a
// parameter the report refuses), `format` or `title`; the store's errors otherwise.
Result<ReportIssue> issue_report(ReportIssues& issues, const IssueRequest& request,
                                 const RenderReport& render, const Actor& actor, Instant now);

// One figure that differs: its path written as the journal's field differences are
// (`lines[0].expended.amount`), and its value in each report (null where it is absent).
struct Change {
  std::string path;
  nlohmann::json issued, now;
};

// Every leaf where `issued` and `now` differ, in document order: objects by key, arrays by
// index; where one side is a value and the other an object or array, the path itself.
std::vector<Change> differences(const nlohmann::json& issued, const nlohmann::json& now);

struct IssueChanges {
  Instant issued_known_at{}, now_known_at{};
  std::string as_of;  // the date both reports are about
  std::vector<Change> changes;
};

// Issue `id` (its JSON rendering, or the report recomputed at its known_at when it was issued
// in another format) against the same report, about the same as_of, as the register is known
// `now`. not_found for an unknown id.
Result<IssueChanges> changes_since(ReportIssues& issues, std::int64_t id,
                                   const RenderReport& render, Instant now);

// Whether `bytes` are an issued report: the first issue with their SHA-256, if any.
struct FileCheck {
  std::optional<ReportIssue> match;
  std::string sha256;
};
Result<FileCheck> check_file(ReportIssues& issues, const std::string& bytes);

}  // namespace estate::app
