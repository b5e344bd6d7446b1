#include "domain/report_issue.h"

#include "domain/validation.h"

namespace estate {

nlohmann::json to_json(const ReportIssue& i) {
  return {{"id", i.id},
          {"report", i.report},
          {"params", i.params},
          {"format", i.format},
          {"title", i.title},
          {"known_at", format_instant(i.known_at)},
          {"content_type", i.content_type},
          {"sha256", i.sha256},
          {"bytes", i.bytes},
          {"issued_by", i.issued_by},
          {"issued_at", format_instant(i.issued_at)}};
}

Status validate_issue_title(const std::string& title) {
  if (title.empty()) return Error::invalid_field("title", "is required");
  if (!is_valid_utf8(title)) return Error::invalid_field("title", "must be valid UTF-8");
  if (utf8_length(title) > kMaxIssueTitleChars) {
    return Error::invalid_field(
        "title", "must be at most " + std::to_string(kMaxIssueTitleChars) + " characters");
  }
  for (unsigned char c : title)
    if (c < 0x20 || c == 0x7F) return Error::invalid_field("title", "must not contain control characters");
  return {};
}

}  // namespace estate
