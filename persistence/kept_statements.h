// KeptStatements are the prepared statements of one pooled session: each is prepared once,
// the first time the session runs its SQL, and executed again with new bindings after that,
// so the hot reads pay sqlite3_prepare_v2 (or SOCI's parsing, on MariaDB) once per session
// instead of once per request.
//
// A kept statement lives as long as its session's connection: Database forgets them all
// before it replaces or drops a session (a reconnect after a lost connection), and whenever a
// unit of work on the session threw, since a statement may then be left half-run. A query
// that throws while its rows are read forgets its own statement at once (kept_query below),
// so that none stays open holding SQLite's read snapshot. Only a session Database is running
// a unit of work on has kept statements (kept_statements_of); any other gets nullptr, and its
// callers prepare a statement for one use as before.
//
// Thread-safety: a session is used by one thread at a time, and so are its kept statements.
#pragma once

#include <soci/soci.h>

#include <memory>
#include <string>
#include <unordered_map>

namespace estate::persistence {

// One kept statement together with the variables it is bound to (their addresses are bound).
struct KeptStatement {
  virtual ~KeptStatement() = default;
};

class KeptStatements {
 public:
  explicit KeptStatements(soci::session& session) : session_(session) {}
  soci::session& session() const { return session_; }

  // The statement kept under `key`, or nullptr.
  KeptStatement* find(const std::string& key) const;
  // Keeps `statement` under `key`. More than kMax kept statements forget all of them first:
  // keys are bounded by the code's queries, so this only guards against a caller keying by
  // values.
  KeptStatement& keep(const std::string& key, std::unique_ptr<KeptStatement> statement);
  void forget(const std::string& key) { kept_.erase(key); }
  void forget_all() { kept_.clear(); }
  std::size_t size() const { return kept_.size(); }

  static constexpr std::size_t kMax = 256;

 private:
  soci::session& session_;
  std::unordered_map<std::string, std::unique_ptr<KeptStatement>> kept_;
};

// The kept statements of `session` while Database runs a unit of work on it on this thread,
// else nullptr.
KeptStatements* kept_statements_of(soci::session& session);

// Makes `statements` those kept_statements_of finds on this thread until it goes out of scope
// (Database::with_session uses it around each unit of work; nested scopes restore the outer).
class KeptStatementsScope {
 public:
  explicit KeptStatementsScope(KeptStatements* statements);
  ~KeptStatementsScope();
  KeptStatementsScope(const KeptStatementsScope&) = delete;
  KeptStatementsScope& operator=(const KeptStatementsScope&) = delete;

 private:
  KeptStatements* outer_;
};

// A SELECT kept per session: `Vars` are the variables its into() and use() elements are bound
// to, and `bind(Vars&, soci::statement&)` exchanges them once, before the statement is
// prepared with `sql()`. run(each) executes it with the Vars as they are now and calls
// each(vars) for every row, reading to the end (an SQLite statement read to its end holds no
// read snapshot).
template <class Vars>
class KeptQuery final : public KeptStatement {
 public:
  template <class Bind>
  KeptQuery(soci::session& s, const std::string& sql, Bind bind) : statement_(s) {
    bind(vars_, statement_);
    statement_.alloc();
    statement_.prepare(sql);
    statement_.define_and_bind();
  }
  Vars& vars() { return vars_; }
  template <class Each>
  void run(Each each) {
    statement_.execute();
    while (statement_.fetch()) each(vars_);
  }

 private:
  Vars vars_;
  soci::statement statement_;
};

// Runs the query kept under `key` on `s` (prepared from sql() and bind on first use, or for
// this use alone when `s` keeps no statements): set(vars) gives the bound variables this
// execution's values, each(vars) takes every row. A query that throws is forgotten.
template <class Vars, class Sql, class Bind, class Set, class Each>
void run_kept_query(soci::session& s, const std::string& key, Sql sql, Bind bind, Set set,
                    Each each) {
  KeptStatements* kept = kept_statements_of(s);
  if (!kept) {
    KeptQuery<Vars> once(s, sql(), bind);
    set(once.vars());
    once.run(each);
    return;
  }
  auto* query = static_cast<KeptQuery<Vars>*>(kept->find(key));
  if (!query) {
    query = static_cast<KeptQuery<Vars>*>(
        &kept->keep(key, std::make_unique<KeptQuery<Vars>>(s, sql(), bind)));
  }
  try {
    set(query->vars());
    query->run(each);
  } catch (...) {
    kept->forget(key);
    throw;
  }
}

}  // namespace estate::persistence
