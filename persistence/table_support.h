// What the Table classes of register_tables and budget_tables share: ids, pagination and
// reference checks, and RowTable — a whole Table from a column list, for records that are one
// row each (plus, where a Spec says so, child rows).
//
// A RowTable Spec provides:
//   using Entity, Id, Filter;  static constexpr const char* kEntity, kTable;  kHasCode;
//   static const std::vector<Column>& columns()      the columns besides id and the meta ones
//   static void write(const Entity&, Row&)           puts one value per column, in order
//   static void read(Row&, Entity&)                  takes them back, in the same order
//   static void where(const Filter&, Where&)         the filter as conditions
//   Status check_references(session&, const Entity&); optional<string> dependents(session&, Id)
//   void write_children(session&, const Entity&, bool replacing)
//   void load_children(session&, const std::vector<std::int64_t>& ids, std::map<id, Entity>&)
// (NoChildren supplies the last two for records without child rows.)
// Thread-safety: stateless; a Row is used by one statement on one thread.
#pragma once

#include <soci/soci.h>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/record.h"
#include "domain/result.h"
#include "persistence/kept_statements.h"
#include "persistence/sql_types.h"

namespace estate::persistence {

std::int64_t last_id(soci::session& s, const char* table);

// Runs a SELECT of one integer column whose string parameters are named :p0, :p1, ... in
// the order of `params`.
std::vector<std::int64_t> select_ids(soci::session& s, const std::string& sql,
                                     const std::vector<std::string>& params);

// The same for a SELECT whose first parameter is :after, the statement kept per pooled session
// under its SQL (so a filter's numbers, written inline, make statements of their own).
std::vector<std::int64_t> select_ids_after(soci::session& s, const std::string& sql,
                                           std::int64_t after,
                                           const std::vector<std::string>& params);

// invalid, naming `field`, unless `table` has a row with this id.
Status must_exist(soci::session& s, const char* table, std::int64_t id, const char* field,
                  const char* what);

// The number of ids one kept id query takes: 1, 4, 16, 64, 256 or 1024, the smallest that
// holds n (1024 for more; select_by_ids runs those in several).
std::size_t id_bucket(std::size_t n);

// Whether ids are more than 8, ascending without repeats, and span less than twice their
// number (select_by_ids then reads them as one range).
bool dense_ascending(const std::vector<std::int64_t>& ids);

// The ids one execution of select_by_ids binds. Padded with the last id up to their bucket.
template <class Vars>
struct IdQueryVars {
  Vars row;
  std::vector<std::int64_t> ids;
};

// Runs `select + " WHERE " + column + " IN (:i0, …)" + tail` for every id of `ids`, the
// statement kept per pooled session and bucket size (kept_statements.h) under `name`, so one
// list page or record costs one execution per table and none is prepared again: `bind(Vars&,
// soci::statement&)` exchanges the into() elements, `each(Vars&)` takes every row.
//
// Ids that are ascending and dense (more than 8, spanning less than twice their number: an
// unfiltered list page) are read as one range, "column BETWEEN :lo AND :hi", which an index
// reads in order; `each` then also gets the rows of the ids between them that were not asked
// for, which callers drop (in_order).
template <class Vars, class Bind, class Each>
void select_by_ids(soci::session& s, const char* name, const std::string& select,
                   const char* column, const std::string& tail,
                   const std::vector<std::int64_t>& ids, Bind bind, Each each) {
  if (dense_ascending(ids)) {
    run_kept_query<IdQueryVars<Vars>>(
        s, std::string(name) + "#range",
        [&] { return select + " WHERE " + column + " BETWEEN :lo AND :hi" + tail; },
        [&](IdQueryVars<Vars>& v, soci::statement& st) {
          bind(v.row, st);
          v.ids.assign(2, 0);
          for (std::int64_t& id : v.ids) st.exchange(soci::use(id));
        },
        [&](IdQueryVars<Vars>& v) {
          v.ids[0] = ids.front();
          v.ids[1] = ids.back();
        },
        [&](IdQueryVars<Vars>& v) { each(v.row); });
    return;
  }
  for (std::size_t start = 0; start < ids.size();) {
    const std::size_t n = id_bucket(ids.size() - start);
    const std::size_t take = std::min(n, ids.size() - start);
    run_kept_query<IdQueryVars<Vars>>(
        s, std::string(name) + "#" + std::to_string(n),
        [&] {
          std::string in;
          for (std::size_t i = 0; i < n; ++i) in += (i ? ", :i" : ":i") + std::to_string(i);
          return select + " WHERE " + column + " IN (" + in + ")" + tail;
        },
        [&](IdQueryVars<Vars>& v, soci::statement& st) {
          bind(v.row, st);
          v.ids.assign(n, 0);
          for (std::int64_t& id : v.ids) st.exchange(soci::use(id));
        },
        [&](IdQueryVars<Vars>& v) {
          for (std::size_t i = 0; i < n; ++i) v.ids[i] = ids[start + std::min(i, take - 1)];
        },
        [&](IdQueryVars<Vars>& v) { each(v.row); });
    start += take;
  }
}

// " ORDER BY id LIMIT n"
std::string limit_clause(std::size_t limit);

// How many rows of `table` have `column` = id.
int count_where(soci::session& s, const char* table, const char* column, std::int64_t id);

// For dependents(): "3 leases still refer to this property" for the first of `referrers`
// with rows that refer to record `id`, or nullopt when none do.
struct Referrer {
  const char* table;
  const char* column;
};
std::optional<std::string> first_referrer(soci::session& s, std::int64_t id,
                                          std::initializer_list<Referrer> referrers,
                                          const char* entity);

// Puts `items` in the order of `ids` (the order the caller asked for).
template <class T>
std::vector<T> in_order(const std::vector<std::int64_t>& ids, std::map<std::int64_t, T>& by_id) {
  std::vector<T> out;
  out.reserve(ids.size());
  for (std::int64_t id : ids) {
    auto it = by_id.find(id);
    if (it != by_id.end()) out.push_back(std::move(it->second));
  }
  return out;
}

enum class ColumnKind { integer, text, date };

struct Column {
  const char* name;
  ColumnKind kind;
};

// The values of one row, written and read in column order.
class Row {
 public:
  void put(std::int64_t value);
  void put(const std::string& value);
  void put(Date value);
  void put_null();  // an integer column's NULL
  void put(const std::optional<std::string>& value);  // a text column, NULL when nullopt
  template <class Id>
  void put(const std::optional<Id>& id) {
    if (id)
      put(id->value());
    else
      put_null();
  }

  std::int64_t integer();
  std::optional<std::int64_t> optional_integer();
  std::string text();
  std::optional<std::string> optional_text();
  Date date();
  template <class Id>
  std::optional<Id> optional_id() {
    auto raw = optional_integer();
    return raw ? std::optional<Id>(Id(*raw)) : std::nullopt;
  }

  // For RowTable: bind every value written as a parameter; or make one slot per column and
  // bind them as the statement's results; start reading from the first again.
  void use_all(soci::statement& st);
  void into_all(soci::statement& st, const std::vector<Column>& columns);
  void rewind() { cursor_ = 0; }

 private:
  struct Slot {
    ColumnKind kind = ColumnKind::integer;
    std::int64_t integer = 0;
    std::string text;
    boost::gregorian::date date;
    soci::indicator indicator = soci::i_ok;
  };
  Slot& next(ColumnKind kind);
  std::deque<Slot> slots_;  // a deque: bound addresses stay put as slots are added
  std::size_t cursor_ = 0;
};

// Filter conditions for list_ids: numbers inline (they are ours), text as parameters.
class Where {
 public:
  void equals(const char* column, std::optional<std::int64_t> value);
  void equals(const char* column, const std::optional<std::string>& value);
  // from <= column <= to, for a DATE column; either bound may be absent.
  void within(const char* column, const std::optional<Date>& from, const std::optional<Date>& to);
  template <class Id>
  void equals_id(const char* column, const std::optional<Id>& id) {
    equals(column, id ? std::optional<std::int64_t>(id->value()) : std::nullopt);
  }
  // A condition the caller builds from its own values (ids, enum names), never client text.
  void condition(const std::string& sql_condition) { sql += " AND " + sql_condition; }
  std::string sql;
  std::vector<std::string> params;
};

struct NoChildren {
  template <class Entity>
  static void write_children(soci::session&, const Entity&, bool) {}
  template <class Entity>
  static void load_children(soci::session&, const std::vector<std::int64_t>&,
                            std::map<std::int64_t, Entity>&) {}
};

// The columns every row ends with: version, created_at, updated_at.
void put_meta(Row& row, const RecordMeta& meta);
RecordMeta read_meta(Row& row);
const std::vector<Column>& meta_columns();

template <class Spec>
struct RowTable {
  using Entity = typename Spec::Entity;
  using Id = typename Spec::Id;
  using Filter = typename Spec::Filter;
  static constexpr const char* kEntity = Spec::kEntity;
  static constexpr const char* kTable = Spec::kTable;
  static constexpr bool kHasCode = Spec::kHasCode;

  static std::int64_t insert(soci::session& s, const Entity& e) {
    std::string names, values;
    int n = 0;
    for (const Column& c : all_columns()) {
      names += (n ? ", " : "") + std::string(c.name);
      values += (n ? ", :v" : ":v") + std::to_string(n);
      ++n;
    }
    run(s, "INSERT INTO " + std::string(kTable) + " (" + names + ") VALUES (" + values + ")", e);
    return last_id(s, kTable);
  }

  static void update_row(soci::session& s, const Entity& e) {
    std::string sets;
    int n = 0;
    for (const Column& c : all_columns()) {
      sets += (n ? ", " : "") + std::string(c.name) + " = :v" + std::to_string(n);
      ++n;
    }
    run(s,
        "UPDATE " + std::string(kTable) + " SET " + sets +
            " WHERE id = " + std::to_string(e.id.value()),
        e);
  }

  static void write_children(soci::session& s, const Entity& e, bool replacing) {
    Spec::write_children(s, e, replacing);
  }
  static Status check_references(soci::session& s, const Entity& e) {
    return Spec::check_references(s, e);
  }
  static std::optional<std::string> dependents(soci::session& s, Id id) {
    return Spec::dependents(s, id);
  }

  static std::vector<Entity> load(soci::session& s, const std::vector<std::int64_t>& ids) {
    if (ids.empty()) return {};
    struct Vars {
      std::int64_t id = 0;
      Row row;
    };
    static const std::string select = [] {
      std::string names = "id";
      for (const Column& c : all_columns()) names += ", " + std::string(c.name);
      return "SELECT " + names + " FROM " + kTable;
    }();
    std::map<std::int64_t, Entity> by_id;
    select_by_ids<Vars>(
        s, kTable, select, "id", "", ids,
        [](Vars& v, soci::statement& st) {
          st.exchange(soci::into(v.id));
          v.row.into_all(st, all_columns());
        },
        [&](Vars& v) {
          v.row.rewind();
          Entity e;
          e.id = Id(v.id);
          Spec::read(v.row, e);
          e.meta = read_meta(v.row);
          by_id.emplace(v.id, std::move(e));
        });
    Spec::load_children(s, ids, by_id);
    return in_order(ids, by_id);
  }

  static std::vector<std::int64_t> list_ids(soci::session& s, const Filter& f, std::int64_t after,
                                            std::size_t limit) {
    Where where;
    Spec::where(f, where);
    return select_ids_after(s,
                            "SELECT id FROM " + std::string(kTable) + " WHERE id > :after" +
                                where.sql + limit_clause(limit),
                            after, where.params);
  }

 private:
  static const std::vector<Column>& all_columns() {
    static const std::vector<Column> columns = [] {
      std::vector<Column> c = Spec::columns();
      c.insert(c.end(), meta_columns().begin(), meta_columns().end());
      return c;
    }();
    return columns;
  }

  static void run(soci::session& s, const std::string& sql, const Entity& e) {
    Row row;
    Spec::write(e, row);
    put_meta(row, e.meta);
    soci::statement st(s);
    row.use_all(st);
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute(true);
  }
};

}  // namespace estate::persistence
