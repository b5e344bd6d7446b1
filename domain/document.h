// A document filed on a record — the deed of a purchased office, a signed lease, an appraisal,
// a construction contract, a photo — and the rules for accepting one: its type is decided by
// its bytes (PDF, PNG, JPEG, XLSX, DOCX), not by what the sender declares; its name is a file
// name, not a path. The bytes themselves are stored and hashed by the persistence layer.
// Thread-safety: values and pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "domain/calendar.h"
#include "domain/enums.h"
#include "domain/result.h"

namespace estate {

struct Document {
  std::int64_t id = 0;
  std::string entity;  // property | lease | acquisition | project
  std::int64_t entity_id = 0;
  std::string name;    // the file name as uploaded (UTF-8)
  DocumentKind kind = DocumentKind::other;
  std::string content_type;
  std::int64_t bytes = 0;
  std::string sha256;  // of the bytes, lowercase hex
  std::string uploaded_by;
  Instant uploaded_at;
  DocumentStatus status = DocumentStatus::filed;
  std::int64_t version = 1;
};

// The document as the API writes it (and the journal keeps it).
nlohmann::json to_json(const Document& document);

// The media types documents may have.
inline constexpr const char* kPdf = "application/pdf";
inline constexpr const char* kPng = "image/png";
inline constexpr const char* kJpeg = "image/jpeg";
inline constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr const char* kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

// A file name for a document: 1–200 characters of valid UTF-8, no control characters, no
// slash or backslash, not "." or "..". Invalid names the rule broken.
Status validate_document_name(const std::string& name);

// The name a document is filed and downloaded under: `name` without control, format (bidi
// overrides such as U+202E, zero-width characters) or separator characters, so it reads as
// it opens, ending in an extension of `content_type` (one of the types above): a name whose
// extension is another's gets the right one added ("minutes.html" of PDF bytes is
// "minutes.html.pdf"); the case of a right one is kept ("SCAN.JPG"). Idempotent.
std::string document_file_name(const std::string& name, const std::string& content_type);

}  // namespace estate
