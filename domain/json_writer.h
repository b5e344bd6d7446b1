// A JsonWriter writes JSON text as it goes, with no document tree: for the large answers (the
// register's list pages, the heaviest reports), whose nlohmann tree would be ten times the size
// of their text. What it writes is byte for byte what nlohmann's dump (as the server calls it:
// no indent, UTF-8 kept, invalid UTF-8 replaced by U+FFFD) writes for the same value, provided
// each object's members are written in the order nlohmann keeps them — ascending byte order of
// their names — which key() checks (std::logic_error otherwise), so a writer that would differ
// fails its first test instead of sending other bytes.
// Thread-safety: a JsonWriter is used by one thread.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace estate {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // The next member's name: after the previous one's in byte order.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(bool flag);
  JsonWriter& null();
  // A small value as nlohmann writes it (a cursor, a count's object).
  JsonWriter& value(const nlohmann::json& small);

  template <class T>
  JsonWriter& member(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

  // The text written so far (all of it once every object and array is closed).
  std::string take() { return std::move(out_); }
  const std::string& text() const { return out_; }

 private:
  struct Open {
    bool object = false;
    bool empty = true;
    std::string last_key;
  };
  void before_value();
  void write_string(std::string_view text);
  std::string out_;
  std::vector<Open> open_;
  bool after_key_ = false;
};

}  // namespace estate
