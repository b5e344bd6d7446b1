#include "domain/validation.h"

namespace estate {

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    char32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (std::size_t k = 1; k <= n; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

void Validator::add(std::string field, Message what) {
  errors_.push_back(FieldError{std::move(field), std::move(what)});
}

void Validator::check(bool condition, std::string field, Message what) {
  if (!condition) add(std::move(field), std::move(what));
}

void Validator::merge(const std::vector<FieldError>& errors, const std::string& prefix) {
  for (const auto& e : errors) add(prefix + e.field, e.what);
}

void Validator::code(const std::string& field, std::string_view value) {
  bool ok = !value.empty() && value.size() <= 32;
  for (char c : value) ok = ok && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
  check(ok, field, MessageCode::not_a_code);
}

void Validator::text(const std::string& field, std::string_view value, std::size_t max_chars,
                     bool required) {
  if (!is_valid_utf8(value)) return add(field, MessageCode::not_utf8_text);
  bool blank = true;
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && !(max_chars > 200 && (c == '\n' || c == '\t' || c == '\r'))) {
      return add(field, MessageCode::control_characters);
    }
    if (u == 0x7F) return add(field, MessageCode::control_characters);
    if (c != ' ') blank = false;
  }
  if (required && blank) return add(field, MessageCode::not_empty);
  if (utf8_length(value) > max_chars) {
    add(field, {MessageCode::too_many_characters, {std::to_string(max_chars)}});
  }
}

Status Validator::finish(Message what) const {
  if (errors_.empty()) return {};
  return Error::invalid(std::move(what), errors_);
}

void Validator::amount(const std::string& field, const Money& m) {
  if (m.within_record_limit()) return;
  add(field, {MessageCode::amount_over_record_limit,
              {Money::from_minor(Money::kMaxRecordMinor, m.currency()).amount_string()}});
}

}  // namespace estate
