#include "domain/document.h"

#include <vector>

#include "domain/unicode_text.h"
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

std::string document_file_name(const std::string& name, const std::string& content_type) {
  std::string out = strip_invisible(name);
  struct Type {
    const char* media;
    std::vector<const char*> extensions;  // the first is added when none matches
  };
  static const Type kTypes[] = {{kPdf, {".pdf"}},
                                {kPng, {".png"}},
                                {kJpeg, {".jpg", ".jpeg"}},
                                {kXlsx, {".xlsx"}},
                                {kDocx, {".docx"}}};
  for (const Type& t : kTypes) {
    if (content_type != t.media) continue;
    std::string lower = out;
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    for (const char* ext : t.extensions) {
      const std::string e(ext);
      if (lower.size() > e.size() && lower.compare(lower.size() - e.size(), e.size(), e) == 0)
        return out;
    }
    return out + t.extensions.front();
  }
  return out;
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
