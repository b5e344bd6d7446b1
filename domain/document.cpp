#include "domain/document.h"

#include "domain/validation.h"

namespace estate {

Status validate_document_name(const std::string& name) {
  if (name.empty()) return Error::invalid_field("filename", "is required");
  if (!is_valid_utf8(name)) return Error::invalid_field("filename", "must be valid UTF-8");
  if (utf8_length(name) > 200) return Error::invalid_field("filename", "must be at most 200 characters");
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F)
      return Error::invalid_field("filename", "must not contain control characters");
    if (c == '/' || c == '\\')
      return Error::invalid_field("filename", "must be a file name, not a path (no / or \\)");
  }
  if (name == "." || name == "..") return Error::invalid_field("filename", "must name a file");
  return {};
}

nlohmann::json to_json(const Document& d) {
  return {{"id", d.id},
          {"entity", d.entity},
          {"entity_id", d.entity_id},
          {"name", d.name},
          {"kind", std::string(to_string(d.kind))},
          {"content_type", d.content_type},
          {"bytes", d.bytes},
          {"sha256", d.sha256},
          {"uploaded_by", d.uploaded_by},
          {"uploaded_at", format_instant(d.uploaded_at)},
          {"status", std::string(to_string(d.status))},
          {"version", d.version}};
}

}  // namespace estate
