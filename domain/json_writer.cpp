#include "domain/json_writer.h"

#include <stdexcept>

namespace estate {

namespace {

// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or values above U+10FFFF),
// as nlohmann's decoder accepts it.
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > n) return false;
    const auto second = static_cast<unsigned char>(s[i + 1]);
    if (second < lo || second > hi) return false;
    for (std::size_t k = 2; k < len; ++k) {
      const auto next = static_cast<unsigned char>(s[i + k]);
      if (next < 0x80 || next > 0xBF) return false;
    }
    i += len;
  }
  return true;
}

void escaped(std::string& out, std::string_view s) {
  static const char* const kHex = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the run not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(s.data() + plain, s.size() - plain);
  out += '"';
}

}  // namespace

void JsonWriter::before_value() {
  if (open_.empty()) return;
  Open& o = open_.back();
  if (o.object) {
    if (!after_key_) throw std::logic_error("a JSON object member was written without its name");
    after_key_ = false;
    return;
  }
  if (!o.empty) out_ += ',';
  o.empty = false;
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  open_.push_back(Open{true, true, {}});
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  if (open_.empty() || !open_.back().object || after_key_)
    throw std::logic_error("a JSON object was closed where none is open");
  open_.pop_back();
  out_ += '}';
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  open_.push_back(Open{false, true, {}});
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  if (open_.empty() || open_.back().object)
    throw std::logic_error("a JSON array was closed where none is open");
  open_.pop_back();
  out_ += ']';
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  if (open_.empty() || !open_.back().object || after_key_)
    throw std::logic_error("a JSON member name was written outside an object");
  Open& o = open_.back();
  if (!o.empty && std::string_view(o.last_key) >= name) {
    throw std::logic_error("JSON member \"" + std::string(name) + "\" was written after \"" +
                           o.last_key + "\": nlohmann orders them the other way");
  }
  if (!o.empty) out_ += ',';
  o.empty = false;
  o.last_key.assign(name.data(), name.size());
  write_string(name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

void JsonWriter::write_string(std::string_view text) {
  if (valid_utf8(text)) {
    escaped(out_, text);
  } else {
    out_ += nlohmann::json(std::string(text))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  write_string(text);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
  before_value();
  out_ += std::to_string(number);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::value(const nlohmann::json& small) {
  before_value();
  out_ += small.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return *this;
}

}  // namespace estate
