// JsonReader turns one untrusted JSON object into typed values, collecting a FieldError for
// every field that is missing, of the wrong JSON type, or not a valid value of its type — and,
// at finish(), for every field it was never asked about (unknown fields are errors, not
// silently dropped). Decimal quantities must be JSON strings and ids/counts JSON integers
// (API.md). Field names are paths: "tenure[1].from", "rent.amount".
// Thread-safety: one reader per thread.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "domain/calendar.h"
#include "domain/decimal.h"
#include "domain/enums.h"
#include "domain/money.h"
#include "domain/validation.h"

namespace estate::api {

enum class Presence { required, optional };

class JsonReader {
 public:
  // `object` must outlive the reader. When it is not a JSON object, one error names `path`.
  JsonReader(const nlohmann::json& object, std::string path, Validator& errors);

  // Fields the reader accepts without reading (e.g. read-only "id" on a PATCHed record).
  void ignore(const std::string& key);

  // Each returns nullopt (after recording an error when the field is required or malformed)
  // unless the field is present and valid. JSON null counts as absent.
  std::optional<std::string> text(const std::string& key, Presence p = Presence::required);
  std::optional<std::int64_t> integer(const std::string& key, Presence p = Presence::required);
  std::optional<Decimal> decimal(const std::string& key, int scale,
                                 Presence p = Presence::required);
  std::optional<Date> date(const std::string& key, Presence p = Presence::required);
  std::optional<Money> money(const std::string& key, Presence p = Presence::required);
  // A JSON array or object to descend into, or nullptr.
  const nlohmann::json* array(const std::string& key, Presence p = Presence::required);
  const nlohmann::json* object(const std::string& key, Presence p = Presence::required);

  // A positive integer id; null is absent.
  template <class Id>
  std::optional<Id> id(const std::string& key, Presence p = Presence::required) {
    auto n = integer(key, p);
    if (!n) return std::nullopt;
    if (*n <= 0) {
      errors_.add(field(key), MessageCode::not_positive_id);
      return std::nullopt;
    }
    return Id(*n);
  }

  // A string parsed by `parse` (a function string_view → Result<T>, such as Currency::of),
  // whose error message is reported for the field.
  template <class T, class Parse>
  std::optional<T> parsed(const std::string& key, Parse parse, Presence p = Presence::required) {
    auto t = text(key, p);
    if (!t) return std::nullopt;
    Result<T> value = parse(*t);
    if (!value.ok()) {
      errors_.add(field(key), value.error().what);
      return std::nullopt;
    }
    return *value;
  }

  template <class E>
  std::optional<E> enumeration(const std::string& key, Presence p = Presence::required) {
    auto name = text(key, p);
    if (!name) return std::nullopt;
    auto value = parse_enum<E>(*name);
    if (!value) errors_.add(field(key), allowed_message<E>());
    return value;
  }

  // True when the key is present and not null.
  bool has(const std::string& key) const;
  // The path of `key` under this reader ("rent.amount").
  std::string field(const std::string& key) const;
  // Records an error for every key of the object that no accessor or ignore() touched.
  void finish();

 private:
  const nlohmann::json* get(const std::string& key, Presence p);
  const nlohmann::json& object_;
  std::string path_;
  Validator& errors_;
  std::set<std::string> seen_;
  bool is_object_ = false;
};

// Parses a request body as JSON, refusing nesting deeper than 32 levels. Errors: invalid
// with the parser's position when the text is not JSON.
Result<nlohmann::json> parse_json_body(const std::string& body);

}  // namespace estate::api
