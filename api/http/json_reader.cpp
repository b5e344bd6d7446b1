#include "api/http/json_reader.h"

#include <optional>
#include <set>
#include <vector>

namespace estate::api {

using nlohmann::json;

JsonReader::JsonReader(const json& object, std::string path, Validator& errors)
    : object_(object), path_(std::move(path)), errors_(errors), is_object_(object.is_object()) {
  if (!is_object_) errors_.add(path_.empty() ? "body" : path_, MessageCode::not_json_object);
}

void JsonReader::ignore(const std::string& key) {
  seen_.insert(key);
}

std::string JsonReader::field(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

bool JsonReader::has(const std::string& key) const {
  if (!is_object_) return false;
  auto it = object_.find(key);
  return it != object_.end() && !it->is_null();
}

const json* JsonReader::get(const std::string& key, Presence p) {
  seen_.insert(key);
  if (!has(key)) {
    if (p == Presence::required && is_object_) errors_.add(field(key), MessageCode::required);
    return nullptr;
  }
  return &object_.at(key);
}

std::optional<std::string> JsonReader::text(const std::string& key, Presence p) {
  const json* v = get(key, p);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    errors_.add(field(key), MessageCode::not_json_string);
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::int64_t> JsonReader::integer(const std::string& key, Presence p) {
  const json* v = get(key, p);
  if (!v) return std::nullopt;
  if (v->is_number_unsigned() && v->get<std::uint64_t>() > INT64_MAX) {
    errors_.add(field(key), MessageCode::too_large);
    return std::nullopt;
  }
  if (!v->is_number_integer()) {
    errors_.add(field(key), MessageCode::not_json_integer);
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::optional<Decimal> JsonReader::decimal(const std::string& key, int scale, Presence p) {
  const json* v = get(key, p);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    errors_.add(field(key), MessageCode::decimal_not_string);
    return std::nullopt;
  }
  auto d = Decimal::parse(v->get<std::string>(), scale);
  if (!d.ok()) {
    errors_.add(field(key), d.error().what);
    return std::nullopt;
  }
  return *d;
}

std::optional<Date> JsonReader::date(const std::string& key, Presence p) {
  return parsed<Date>(key, parse_date, p);
}

std::optional<Money> JsonReader::money(const std::string& key, Presence p) {
  const json* v = get(key, p);
  if (!v) return std::nullopt;
  JsonReader m(*v, field(key), errors_);
  if (!v->is_object()) return std::nullopt;
  auto amount = m.text("amount");
  auto code = m.text("currency");
  m.finish();
  if (!amount || !code) return std::nullopt;
  auto currency = Currency::of(*code);
  if (!currency.ok()) {
    errors_.add(m.field("currency"), currency.error().what);
    return std::nullopt;
  }
  auto money = Money::parse(*amount, *currency);
  if (!money.ok()) {
    errors_.add(m.field("amount"), money.error().what);
    return std::nullopt;
  }
  return *money;
}

const json* JsonReader::array(const std::string& key, Presence p) {
  const json* v = get(key, p);
  if (v && !v->is_array()) {
    errors_.add(field(key), MessageCode::not_json_array);
    return nullptr;
  }
  return v;
}

const json* JsonReader::object(const std::string& key, Presence p) {
  const json* v = get(key, p);
  if (v && !v->is_object()) {
    errors_.add(field(key), MessageCode::not_json_object);
    return nullptr;
  }
  return v;
}

void JsonReader::finish() {
  if (!is_object_) return;
  for (const auto& item : object_.items()) {
    if (!seen_.count(item.key())) errors_.add(field(item.key()), MessageCode::unknown_field);
  }
}

Result<json> parse_json_body(const std::string& body) {
  constexpr int kMaxDepth = 32;
  bool too_deep = false;
  std::optional<std::string> duplicate;
  // The keys seen in each object still open: a key sent twice is refused, since which of the
  // two a reader keeps (nlohmann: the last) is not something a client should rely on.
  std::vector<std::set<std::string>> open_objects;
  json::parser_callback_t check = [&](int depth, json::parse_event_t event, json& parsed) {
    if (depth > kMaxDepth) too_deep = true;
    if (event == json::parse_event_t::object_start) open_objects.emplace_back();
    if (event == json::parse_event_t::object_end && !open_objects.empty()) open_objects.pop_back();
    if (event == json::parse_event_t::key && !open_objects.empty() && parsed.is_string() &&
        !open_objects.back().insert(parsed.get<std::string>()).second && !duplicate) {
      duplicate = parsed.get<std::string>();
    }
    return !too_deep && !duplicate;
  };
  try {
    json j = json::parse(body, check);
    if (too_deep) return Error::invalid(MessageCode::json_too_deep);
    if (duplicate) {
      return Error::invalid({MessageCode::json_duplicate_key, {*duplicate}});
    }
    return j;
  } catch (const json::exception& e) {  // parse_error, or out_of_range for 1e400
    // e.what() is "[json.exception.parse_error.101] parse error at line 1, column 5: ...";
    // the client needs the part after the id.
    std::string what = e.what();
    auto pos = what.find("] ");
    return Error::invalid({MessageCode::json_malformed,
                           {pos == std::string::npos ? what : what.substr(pos + 2)}});
  }
}

}  // namespace estate::api
