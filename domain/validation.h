// Field-by-field validation that collects every problem instead of stopping at the first, so
// a client can fix a whole request in one round trip. Rules shared by all records (codes,
// names, free text) live here once. Thread-safety: a Validator is used by one thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/money.h"
#include "domain/result.h"

namespace estate {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view text);
// Number of code points in well-formed UTF-8 `text`.
std::size_t utf8_length(std::string_view text);

class Validator {
 public:
  void add(std::string field, Message what);
  // Adds `what` for `field` unless `condition` holds.
  void check(bool condition, std::string field, Message what);
  // Takes over the errors of a nested validation, prefixing their fields ("tenure[2]." ...).
  void merge(const std::vector<FieldError>& errors, const std::string& prefix = "");

  // A code: 1–32 characters of A–Z, 0–9 and '-'.
  void code(const std::string& field, std::string_view value);
  // A name or other short text: valid UTF-8, no control characters, `max_chars` code points
  // at most, and not blank when `required`.
  void text(const std::string& field, std::string_view value, std::size_t max_chars = 200,
            bool required = true);

  // A record's amount: within Money::kMaxRecordMinor either side of zero. `field` names the
  // amount ("rent.amount").
  void amount(const std::string& field, const Money& m);

  bool ok() const { return errors_.empty(); }
  const std::vector<FieldError>& errors() const { return errors_; }
  // OK, or ErrorKind::invalid carrying every field error, with `what` as the message.
  Status finish(Message what) const;

 private:
  std::vector<FieldError> errors_;
};

}  // namespace estate
