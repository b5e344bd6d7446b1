// QueryReader reads one request's query parameters into typed values, the twin of JsonReader:
// it collects a FieldError for every parameter that is malformed or out of its documented
// range, and — from the start — for every parameter the route does not take (Route::query),
// so that one 422 names every bad parameter at once. Absent parameters are nullopt.
// Thread-safety: one reader per request.
#pragma once

#include <optional>
#include <string>

#include "api/http/routing.h"
#include "domain/calendar.h"
#include "domain/currency.h"
#include "domain/decimal.h"
#include "domain/enums.h"
#include "domain/validation.h"

namespace estate::api {

class QueryReader {
 public:
  explicit QueryReader(const HttpRequest& request);

  bool has(const std::string& name) const;
  // A text parameter, valid UTF-8 of at most `max_chars` code points.
  std::optional<std::string> text(const std::string& name, std::size_t max_chars = 200);
  // A code (A–Z, 0–9, '-'), as records' codes are.
  std::optional<std::string> code(const std::string& name);
  // An integer from `min` to `max`.
  std::optional<std::int64_t> integer(const std::string& name, std::int64_t min, std::int64_t max);
  // A positive integer id.
  template <class Id>
  std::optional<Id> id(const std::string& name) {
    auto n = raw_id(name);
    return n ? std::optional<Id>(Id(*n)) : std::nullopt;
  }
  // A decimal of at most `scale` places, rescaled to it, within [min_units, max_units] at
  // that scale; `range` is the error for a value outside it ("must be from -0.10 to 1").
  std::optional<Decimal> decimal(const std::string& name, int scale, std::int64_t min_units,
                                 std::int64_t max_units, const Message& range);
  // One of an enum's spellings (enums.h).
  template <class E>
  std::optional<E> one_of(const std::string& name) {
    auto it = request_.query.find(name);
    if (it == request_.query.end()) return std::nullopt;
    auto value = parse_enum<E>(it->second);
    if (!value) errors_.add(name, allowed_message<E>());
    return value;
  }
  std::optional<Currency> currency(const std::string& name);
  std::optional<Date> date(const std::string& name);
  // A date (the start or end of that day, UTC) or an RFC 3339 instant.
  std::optional<Instant> instant(const std::string& name, DayEdge edge = DayEdge::end);
  // A date or instant whose UTC day lies in [earliest, latest], `years_ahead` years after
  // today at the latest (named in the error).
  std::optional<Date> day_within(const std::string& name, Date earliest, Date latest,
                                 const std::string& years_ahead);
  // A fiscal year, ROC (115) or Gregorian (2026).
  std::optional<FiscalYear> fiscal_year(const std::string& name);
  // limit (1–500, default 50) and cursor.
  PageParams page();

  // Adds "is required" unless `name` was given.
  void require(const std::string& name);
  // A rule across parameters.
  void add(const std::string& name, Message what) { errors_.add(name, std::move(what)); }

  // OK, or invalid naming every bad parameter, with `what` as the message.
  Status finish(Message what = MessageCode::query_invalid) const;

 private:
  std::optional<std::int64_t> raw_id(const std::string& name);
  const HttpRequest& request_;
  Validator errors_;
};

}  // namespace estate::api
