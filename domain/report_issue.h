// An issued report: the bytes of one report, rendered once and handed to a superior or to the
// Legislative Yuan, kept with what produced them (the report, its parameters, its format and
// the instant the register was known at) and sealed by their SHA-256 in the journal, so that
// any file can later be shown to be — or not to be — what was issued.
// Thread-safety: values and pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "domain/calendar.h"
#include "domain/result.h"

namespace estate {

// A title of at most this many characters (code points).
inline constexpr std::size_t kMaxIssueTitleChars = 200;

struct ReportIssue {
  std::int64_t id = 0;
  std::string report;     // the report's name, as in /api/v1/reports/{report}
  nlohmann::json params;  // its parameters as given: an object of strings
  std::string format;     // json | csv | xlsx | svg
  std::string title;
  Instant known_at{};     // the register as recorded at this instant
  std::string content_type;
  std::string sha256;     // of the bytes, lowercase hex
  std::int64_t bytes = 0;
  std::string issued_by;
  Instant issued_at{};
};

// The issue as the API writes it (and the journal keeps it).
nlohmann::json to_json(const ReportIssue& issue);

// A title: 1–kMaxIssueTitleChars characters of valid UTF-8 without control characters; the
// error names `title`.
Status validate_issue_title(const std::string& title);

}  // namespace estate
