#include "persistence/table_support.h"

#include <soci/boost-gregorian-date.h>

#include <algorithm>
#include <stdexcept>

namespace estate::persistence {

std::int64_t last_id(soci::session& s, const char* table) {
  long long id = 0;
  if (!s.get_last_insert_id(table, id)) throw std::runtime_error("no id was assigned");
  return id;
}

std::vector<std::int64_t> select_ids(soci::session& s, const std::string& sql,
                                     const std::vector<std::string>& params) {
  std::vector<std::int64_t> out;
  std::int64_t id = 0;
  soci::statement st(s);
  st.exchange(soci::into(id));
  for (const std::string& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

std::vector<std::int64_t> select_ids_after(soci::session& s, const std::string& sql,
                                           std::int64_t after,
                                           const std::vector<std::string>& params) {
  struct Vars {
    std::int64_t id = 0, after = 0;
    std::vector<std::string> params;
  };
  std::vector<std::int64_t> out;
  run_kept_query<Vars>(
      s, sql, [&] { return sql; },
      [&](Vars& v, soci::statement& st) {
        st.exchange(soci::into(v.id));
        st.exchange(soci::use(v.after));
        v.params.assign(params.size(), std::string());
        for (std::string& p : v.params) st.exchange(soci::use(p));
      },
      [&](Vars& v) {
        v.after = after;
        for (std::size_t i = 0; i < params.size(); ++i) v.params[i] = params[i];
      },
      [&](Vars& v) { out.push_back(v.id); });
  return out;
}

Status must_exist(soci::session& s, const char* table, std::int64_t id, const char* field,
                  const char* what) {
  if (count_where(s, table, "id", id) == 0) {
    return Error::invalid_field(field,
                                std::string("no ") + what + " with id " + std::to_string(id));
  }
  return {};
}

std::size_t id_bucket(std::size_t n) {
  std::size_t bucket = 1;
  while (bucket < n && bucket < 1024) bucket *= 4;
  return bucket;
}

bool dense_ascending(const std::vector<std::int64_t>& ids) {
  if (ids.size() <= 8) return false;
  for (std::size_t i = 1; i < ids.size(); ++i)
    if (ids[i] <= ids[i - 1]) return false;
  return static_cast<std::uint64_t>(ids.back() - ids.front()) <
         2 * static_cast<std::uint64_t>(ids.size());
}

std::string limit_clause(std::size_t limit) {
  return " ORDER BY id LIMIT " + std::to_string(limit);
}

int count_where(soci::session& s, const char* table, const char* column, std::int64_t id) {
  int n = 0;
  s << "SELECT COUNT(*) FROM " + std::string(table) + " WHERE " + column + " = :id", soci::use(id),
      soci::into(n);
  return n;
}

std::optional<std::string> first_referrer(soci::session& s, std::int64_t id,
                                          std::initializer_list<Referrer> referrers,
                                          const char* entity) {
  for (const Referrer& r : referrers) {
    if (int n = count_where(s, r.table, r.column, id); n > 0) {
      std::string what = r.table;
      std::replace(what.begin(), what.end(), '_', ' ');
      return std::to_string(n) + " " + what + " still refer to this " + entity;
    }
  }
  return std::nullopt;
}

// ---- Row ----

Row::Slot& Row::next(ColumnKind kind) {
  if (cursor_ >= slots_.size()) throw std::logic_error("a row was read past its last column");
  Slot& slot = slots_[cursor_++];
  if (slot.kind != kind) throw std::logic_error("a row was read with the wrong column type");
  return slot;
}

void Row::put(std::int64_t value) {
  Slot& s = slots_.emplace_back();
  s.kind = ColumnKind::integer;
  s.integer = value;
}

void Row::put(const std::string& value) {
  Slot& s = slots_.emplace_back();
  s.kind = ColumnKind::text;
  s.text = value;
}

void Row::put(Date value) {
  Slot& s = slots_.emplace_back();
  s.kind = ColumnKind::date;
  s.date = to_sql_date(value);
}

void Row::put_null() {
  Slot& s = slots_.emplace_back();
  s.kind = ColumnKind::integer;
  s.indicator = soci::i_null;
}

void Row::put(const std::optional<std::string>& value) {
  Slot& s = slots_.emplace_back();
  s.kind = ColumnKind::text;
  if (value)
    s.text = *value;
  else
    s.indicator = soci::i_null;
}

std::int64_t Row::integer() {
  Slot& s = next(ColumnKind::integer);
  if (s.indicator != soci::i_ok) throw std::runtime_error("corrupt NULL in a NOT NULL column");
  return s.integer;
}

std::optional<std::int64_t> Row::optional_integer() {
  Slot& s = next(ColumnKind::integer);
  return s.indicator == soci::i_ok ? std::optional<std::int64_t>(s.integer) : std::nullopt;
}

std::string Row::text() {
  return next(ColumnKind::text).text;
}

std::optional<std::string> Row::optional_text() {
  Slot& s = next(ColumnKind::text);
  return s.indicator == soci::i_null ? std::nullopt : std::optional<std::string>(s.text);
}

Date Row::date() {
  return from_sql_date(next(ColumnKind::date).date);
}

void Row::use_all(soci::statement& st) {
  for (Slot& s : slots_) {
    switch (s.kind) {
      case ColumnKind::integer:
        st.exchange(soci::use(s.integer, s.indicator));
        break;
      case ColumnKind::text:
        st.exchange(soci::use(s.text, s.indicator));
        break;
      case ColumnKind::date:
        st.exchange(soci::use(s.date));
        break;
    }
  }
}

void Row::into_all(soci::statement& st, const std::vector<Column>& columns) {
  slots_.clear();
  for (const Column& c : columns) {
    Slot& s = slots_.emplace_back();
    s.kind = c.kind;
    switch (c.kind) {
      case ColumnKind::integer:
        st.exchange(soci::into(s.integer, s.indicator));
        break;
      case ColumnKind::text:
        st.exchange(soci::into(s.text, s.indicator));
        break;
      case ColumnKind::date:
        st.exchange(soci::into(s.date, s.indicator));
        break;
    }
  }
  cursor_ = 0;
}

// ---- Where ----

void Where::equals(const char* column, std::optional<std::int64_t> value) {
  if (value) sql += " AND " + std::string(column) + " = " + std::to_string(*value);
}

void Where::equals(const char* column, const std::optional<std::string>& value) {
  if (!value) return;
  sql += " AND " + std::string(column) + " = :p" + std::to_string(params.size());
  params.push_back(*value);
}

void Where::within(const char* column, const std::optional<Date>& from,
                   const std::optional<Date>& to) {
  // SQLite keeps SOCI's dates as "YYYY-MM-DD 00:00:00" text and MariaDB as DATE: comparing
  // with ">= first day" and "< the day after the last" is right for both.
  if (from) sql += " AND " + std::string(column) + " >= '" + format_date(*from) + "'";
  if (to) {
    const Date after{date::sys_days(*to) + date::days(1)};
    sql += " AND " + std::string(column) + " < '" + format_date(after) + "'";
  }
}

// ---- meta ----

void put_meta(Row& row, const RecordMeta& meta) {
  row.put(meta.version);
  row.put(to_sql_instant(meta.created_at));
  row.put(to_sql_instant(meta.updated_at));
}

RecordMeta read_meta(Row& row) {
  RecordMeta meta;
  meta.version = row.integer();
  meta.created_at = from_sql_instant(row.text());
  meta.updated_at = from_sql_instant(row.text());
  return meta;
}

const std::vector<Column>& meta_columns() {
  static const std::vector<Column> columns = {{"version", ColumnKind::integer},
                                              {"created_at", ColumnKind::text},
                                              {"updated_at", ColumnKind::text}};
  return columns;
}

}  // namespace estate::persistence
