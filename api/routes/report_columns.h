// One column schema per report row type drives both of a report's shapes: the JSON objects
// of its items and the rows of its CSV and XLSX table, so a field is named, typed and written
// in one place. A column reads one value of the row; that value becomes JSON as the API writes
// it (money as {"amount", "currency"}, decimals and dates as strings, ids as integers, absent
// as null) and a table cell as reports/table.h types it.
// Thread-safety: schemas are immutable values.
#pragma once

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/http/routing.h"
#include "domain/json_codec.h"
#include "reports/table.h"

namespace estate::api {

// A value as JSON and as a table cell, for every type a report column holds.
inline nlohmann::json json_of(const Money& m) { return to_json(m); }
inline nlohmann::json json_of(const Decimal& d) { return d.to_string(); }
inline nlohmann::json json_of(Date d) { return format_date(d); }
inline nlohmann::json json_of(const std::string& s) { return s; }
inline nlohmann::json json_of(std::int64_t n) { return n; }
inline nlohmann::json json_of(bool b) { return b; }
inline nlohmann::json json_of(const std::vector<std::string>& v) { return v; }
template <class T>
nlohmann::json json_of(const std::optional<T>& v) {
  return v ? json_of(*v) : nlohmann::json();
}

// The same values written by a JsonWriter, byte for byte as json_of's.
inline void write_json_of(JsonWriter& w, const Money& m) { write_json(w, m); }
inline void write_json_of(JsonWriter& w, const Decimal& d) { w.value(d.to_string()); }
inline void write_json_of(JsonWriter& w, Date d) { w.value(format_date(d)); }
inline void write_json_of(JsonWriter& w, const std::string& s) { w.value(s); }
inline void write_json_of(JsonWriter& w, std::int64_t n) { w.value(n); }
inline void write_json_of(JsonWriter& w, bool b) { w.value(b); }
inline void write_json_of(JsonWriter& w, const std::vector<std::string>& v) {
  w.begin_array();
  for (const std::string& s : v) w.value(s);
  w.end_array();
}
template <class T>
void write_json_of(JsonWriter& w, const std::optional<T>& v) {
  if (v)
    write_json_of(w, *v);
  else
    w.null();
}

inline reports::Cell cell_of(const Money& m) { return reports::Cell::of(m); }
inline reports::Cell cell_of(const Decimal& d) { return reports::Cell::of(d); }
inline reports::Cell cell_of(Date d) { return reports::Cell::of(d); }
inline reports::Cell cell_of(const std::string& s) { return reports::Cell::of(s); }
inline reports::Cell cell_of(std::int64_t n) { return reports::Cell::of(n); }
inline reports::Cell cell_of(bool b) { return reports::Cell::of(b ? "true" : "false"); }
inline reports::Cell cell_of(const std::vector<std::string>& v) {
  std::string joined;
  for (const std::string& s : v) joined += (joined.empty() ? "" : " ") + s;
  return reports::Cell::of(joined);
}
template <class T>
reports::Cell cell_of(const std::optional<T>& v) {
  return v ? cell_of(*v) : reports::Cell::empty();
}

// An optional id as a column value (null when absent).
template <class Id>
std::optional<std::int64_t> optional_id(const std::optional<Id>& id) {
  return id ? std::optional<std::int64_t>(id->value()) : std::nullopt;
}

template <class Row>
struct Column {
  std::string name;
  std::function<nlohmann::json(const Row&)> json;
  std::function<reports::Cell(const Row&)> cell;
  std::function<void(JsonWriter&, const Row&)> write;  // json's bytes, without the tree
};

template <class Row>
using Schema = std::vector<Column<Row>>;

// A column of the value `get` reads from a row.
template <class Row, class Get>
Column<Row> column(std::string name, Get get) {
  return Column<Row>{std::move(name), [get](const Row& r) { return json_of(get(r)); },
                     [get](const Row& r) { return cell_of(get(r)); },
                     [get](JsonWriter& w, const Row& r) { write_json_of(w, get(r)); }};
}

// The row as one JSON object, a member per column.
template <class Row>
nlohmann::json json_row(const Schema<Row>& schema, const Row& row) {
  nlohmann::json out = nlohmann::json::object();
  for (const Column<Row>& c : schema) out[c.name] = c.json(row);
  return out;
}

template <class Row>
nlohmann::json json_rows(const Schema<Row>& schema, const std::vector<Row>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const Row& r : rows) out.push_back(json_row(schema, r));
  return out;
}

// A member json_row's object does not take from the schema, with its writer.
struct ExtraMember {
  std::string name;
  std::function<void(JsonWriter&)> write;
};

// json_row's bytes, written: the columns and `extra` in nlohmann's order (by name).
template <class Row>
void write_row(JsonWriter& w, const Schema<Row>& schema, const Row& row,
               const std::vector<ExtraMember>& extra = {}) {
  const std::size_t n = schema.size();
  auto name = [&](std::size_t i) -> const std::string& {
    return i < n ? schema[i].name : extra[i - n].name;
  };
  std::vector<std::size_t> order(n + extra.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return name(a) < name(b); });
  w.begin_object();
  for (std::size_t i : order) {
    w.key(name(i));
    if (i < n)
      schema[i].write(w, row);
    else
      extra[i - n].write(w);
  }
  w.end_object();
}

template <class Row>
void write_rows(JsonWriter& w, const Schema<Row>& schema, const std::vector<Row>& rows) {
  w.begin_array();
  for (const Row& r : rows) write_row(w, schema, r);
  w.end_array();
}

template <class Row>
std::vector<std::string> column_names(const Schema<Row>& schema) {
  std::vector<std::string> names;
  for (const Column<Row>& c : schema) names.push_back(c.name);
  return names;
}

template <class Row>
std::vector<reports::Cell> cells(const Schema<Row>& schema, const Row& row) {
  std::vector<reports::Cell> out;
  for (const Column<Row>& c : schema) out.push_back(c.cell(row));
  return out;
}

// A table of one row per item.
template <class Row>
reports::Table table_of(std::string name, const Schema<Row>& schema, const std::vector<Row>& rows) {
  reports::Table t{std::move(name), column_names(schema), {}};
  for (const Row& r : rows) t.rows.push_back(cells(schema, r));
  return t;
}

inline constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A table as a download: CSV (UTF-8 with BOM) or XLSX, named `stem`.csv or .xlsx.
inline Result<Reply> table_reply(const reports::Table& table, const std::string& stem, bool xlsx) {
  Reply r;
  if (xlsx) {
    auto bytes = reports::to_xlsx(table);
    if (!bytes.ok()) return bytes.error();
    r.raw = std::move(*bytes);
    r.content_type = kXlsxType;
    r.filename = stem + ".xlsx";
  } else {
    r.raw = reports::to_csv(table);
    r.content_type = "text/csv; charset=utf-8";
    r.filename = stem + ".csv";
  }
  return r;
}

}  // namespace estate::api
