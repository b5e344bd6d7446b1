// multipart/form-data (RFC 7578), as browsers send a file upload: the boundary from the
// Content-Type, then each part's name, filename (filename*=UTF-8'' or the quoted UTF-8 that
// browsers send, %22 for a quote), Content-Type and bytes. At most kMaxParts parts; anything
// malformed is an invalid error naming "body". Pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"

namespace estate::api {

struct FormPart {
  std::string name;
  std::optional<std::string> filename;
  std::string content_type;  // empty when the part gives none
  std::string data;
};

inline constexpr std::size_t kMaxParts = 16;

// The boundary parameter of a multipart/form-data Content-Type, or nullopt.
std::optional<std::string> multipart_boundary(const std::string& content_type);

Result<std::vector<FormPart>> parse_multipart(const std::string& body, const std::string& boundary);

}  // namespace estate::api
