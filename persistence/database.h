// Database is the service's connection to its store: SQLite (embedded, the default) or
// MySQL/MariaDB, behind one pool of SOCI sessions sized by configuration. Every unit of work
// borrows one session for its duration; a write runs in one transaction that first takes the
// journal head, so writes — and the journal's hash chain — are serialised across threads and
// across server processes sharing one MariaDB.
//
// Errors travel as Result values: a database that cannot be reached is ErrorKind::unavailable,
// a duplicate key or a row other rows depend on is ErrorKind::conflict. Thread-safety: all
// methods may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.h"
#include "domain/result.h"

namespace soci {
class session;
}

namespace estate::persistence {

enum class Backend { sqlite, mysql };

// A parsed database URL: "sqlite:PATH" or "mysql://user:pass@host:port/db".
struct DatabaseUrl {
  Backend backend = Backend::sqlite;
  std::string path;  // sqlite: the file
  std::string user, password, host, database;
  int port = 3306;

  static Result<DatabaseUrl> parse(const std::string& url);
  // The URL with any password replaced by "***", fit for logs.
  std::string redacted() const;
};

class Database;
class WriteTransaction;
Status run_write(Database& db, const std::string& actor,
                 const std::function<Status(WriteTransaction&)>& fn);

// A write in progress: one transaction on one session. `journal` appends the entry that
// records this change; it must be called once per changed record, inside the transaction.
class WriteTransaction {
 public:
  soci::session& session() { return session_; }
  Backend backend() const { return backend_; }
  // The instant of this write: every created_at/updated_at and journal `at` it sets.
  Instant at() const { return at_; }
  const std::string& actor() const { return actor_; }

  void journal(const std::string& action, const std::string& entity, std::int64_t entity_id,
               const nlohmann::json& before, const nlohmann::json& after);

 private:
  friend class Database;
  friend Status run_write(Database& db, const std::string& actor,
                          const std::function<Status(WriteTransaction&)>& fn);
  WriteTransaction(soci::session& s, Backend b, std::string actor, Instant at)
      : session_(s), backend_(b), actor_(std::move(actor)), at_(at) {}
  soci::session& session_;
  Backend backend_;
  std::string actor_;
  Instant at_;
  std::int64_t head_seq_ = 0;
  std::string head_hash_;
};

class Database {
 public:
  struct Options {
    std::size_t pool_size = 4;
    std::chrono::milliseconds acquire_timeout{5000};
  };

  // Makes a pool of `pool_size` sessions and connects one at once, so a wrong URL or an
  // unreadable file fails here; the others connect on first use, and an unreachable server
  // is not an error until then (readiness reports it). For SQLite the file's folder is
  // created if missing, WAL mode and foreign keys are switched on. MariaDB sessions use
  // utf8mb4, UTC, strict mode and READ COMMITTED.
  static Result<std::shared_ptr<Database>> open(const DatabaseUrl& url, Options options);
  ~Database();

  Backend backend() const { return url_.backend; }
  const DatabaseUrl& url() const { return url_; }

  // Runs `fn` on a borrowed session (no transaction is opened). Library exceptions are caught
  // and returned as errors.
  template <class T>
  Result<T> read(const std::function<Result<T>(soci::session&)>& fn);

  // Runs `fn` inside one transaction that holds the journal head: commits when `fn` returns
  // a value, rolls back when it returns an error or throws. `actor` is who the journal says
  // made the change. Reads and writes that `fn` starts on this database from the same thread
  // join this transaction (so several repository calls can form one atomic change).
  template <class T>
  Result<T> write(const std::string& actor, const std::function<Result<T>(WriteTransaction&)>& fn);

  // OK when a trivial query answers within the acquire timeout.
  Status ping();

  // Runs `fn` with a borrowed session; exceptions become errors. The building block of read
  // and write, also used by migrations.
  Status with_session(const std::function<Status(soci::session&)>& fn);

 private:
  Database(DatabaseUrl url, Options options);
  Status connect(soci::session& s);

  friend Status run_write(Database& db, const std::string& actor,
                          const std::function<Status(WriteTransaction&)>& fn);
  Result<std::size_t> acquire();
  void give_back(std::size_t slot, bool broken);

  DatabaseUrl url_;
  Options options_;
  std::vector<std::unique_ptr<soci::session>> sessions_;
  std::vector<std::size_t> free_;
  std::vector<bool> needs_reconnect_;
  std::mutex mutex_;
  std::condition_variable available_;
};

// Turns an exception thrown by SOCI or a backend into an Error: unique-key violations become
// conflict, foreign-key violations conflict, lost connections unavailable, anything else
// internal (with the library's message kept for the log, never for the client).
Error error_from_exception(const std::exception& e);

template <class T>
Result<T> Database::read(const std::function<Result<T>(soci::session&)>& fn) {
  std::optional<Result<T>> out;
  Status s = with_session([&](soci::session& session) -> Status {
    out.emplace(fn(session));
    return {};
  });
  if (!s.ok()) return s.error();
  return std::move(*out);
}

// The non-template core of Database::write.
Status run_write(Database& db, const std::string& actor,
                 const std::function<Status(WriteTransaction&)>& fn);

template <class T>
Result<T> Database::write(const std::string& actor,
                          const std::function<Result<T>(WriteTransaction&)>& fn) {
  std::optional<Result<T>> out;
  Status s = run_write(*this, actor, [&](WriteTransaction& tx) -> Status {
    out.emplace(fn(tx));
    if (!out->ok()) return out->error();
    return {};
  });
  if (!s.ok()) return s.error();
  return std::move(*out);
}

}  // namespace estate::persistence
