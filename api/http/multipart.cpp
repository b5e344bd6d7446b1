#include "api/http/multipart.h"

#include <cctype>

#include "api/http/routing.h"

namespace estate::api {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// The value of parameter `name` in a header value such as
// form-data; name="file"; filename="a.pdf" — quoted (with \" and %22 for quotes) or bare.
std::optional<std::string> parameter(const std::string& value, const std::string& name) {
  std::size_t at = 0;
  while ((at = value.find(';', at)) != std::string::npos) {
    ++at;
    while (at < value.size() && (value[at] == ' ' || value[at] == '\t')) ++at;
    const auto eq = value.find('=', at);
    if (eq == std::string::npos) return std::nullopt;
    const std::string key = lower(trim(value.substr(at, eq - at)));
    std::string v;
    std::size_t i = eq + 1;
    if (i < value.size() && value[i] == '"') {
      for (++i; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        v += value[i];
      }
    } else {
      const auto end = value.find(';', i);
      v = trim(value.substr(i, end == std::string::npos ? std::string::npos : end - i));
    }
    if (key == name) return v;
  }
  return std::nullopt;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX decoded (RFC 8187 values, and the %22 browsers put for a quote).
std::string percent_decoded(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

Error malformed(const std::string& why) {
  return Error::invalid("the multipart/form-data body is malformed", {{"body", why}});
}

}  // namespace

std::optional<std::string> multipart_boundary(const std::string& content_type) {
  if (media_type(content_type) != "multipart/form-data") return std::nullopt;
  auto b = parameter(content_type, "boundary");
  if (!b || b->empty() || b->size() > 70) return std::nullopt;
  return b;
}

Result<std::vector<FormPart>> parse_multipart(const std::string& body, const std::string& boundary) {
  const std::string delimiter = "--" + boundary;
  std::size_t at = body.find(delimiter);
  if (at == std::string::npos) return malformed("the boundary does not occur");
  std::vector<FormPart> parts;
  for (;;) {
    at += delimiter.size();
    if (body.compare(at, 2, "--") == 0) return parts;  // the closing delimiter
    if (body.compare(at, 2, "\r\n") != 0) return malformed("a boundary line does not end in CRLF");
    at += 2;
    const auto head_end = body.find("\r\n\r\n", at);
    if (head_end == std::string::npos) return malformed("a part's headers do not end");
    if (parts.size() == kMaxParts)
      return malformed("more than " + std::to_string(kMaxParts) + " parts");
    FormPart part;
    bool disposition = false;
    for (std::size_t line = at; line < head_end;) {
      auto end = body.find("\r\n", line);
      if (end == std::string::npos || end > head_end) end = head_end;
      const std::string header = body.substr(line, end - line);
      line = end + 2;
      const auto colon = header.find(':');
      if (colon == std::string::npos) return malformed("a part header is not Name: value");
      const std::string name = lower(trim(header.substr(0, colon))),
                        value = trim(header.substr(colon + 1));
      if (name == "content-disposition") {
        disposition = true;
        part.name = parameter(value, "name").value_or("");
        if (auto star = parameter(value, "filename*")) {
          if (lower(star->substr(0, 7)) != "utf-8''") return malformed("filename* must be UTF-8''…");
          part.filename = percent_decoded(star->substr(7));
        } else if (auto plain = parameter(value, "filename")) {
          part.filename = percent_decoded(*plain);
        }
      } else if (name == "content-type") {
        part.content_type = lower(value);
      }
    }
    if (!disposition) return malformed("a part has no Content-Disposition");
    const std::size_t data = head_end + 4;
    const auto next = body.find("\r\n" + delimiter, data);
    if (next == std::string::npos) return malformed("a part does not end with the boundary");
    part.data = body.substr(data, next - data);
    parts.push_back(std::move(part));
    at = next + 2;
  }
}

}  // namespace estate::api
