// Database is the service's connection to its store: SQLite (embedded, the default) or
// MySQL/MariaDB, behind one pool of SOCI sessions sized by configuration. Every unit of work
// borrows one session for its duration; a write runs in one transaction that first takes the
// journal head, so writes — and the journal's hash chain — are serialised across threads and
// across server processes sharing one MariaDB.
//
// The pool survives the database going away. A session whose connection was lost is thrown
// away and a fresh one connected on its next use; a lost connection also retires every idle
// session connected before it, so none is handed out dead after a restart. While the database
// cannot be reached, one caller at a time tries to connect (bounded by connect_timeout) and
// the others fail at once, so nobody waits longer than the configured timeouts. A read whose
// session turns out dead at once is run once more on a fresh one. A write the database
// aborted (deadlock, lock wait timeout, Galera certification; SQLITE_BUSY) is run again whole,
// a bounded number of times with jittered backoff; so is one whose session turned out dead at
// once, before COMMIT was sent. A write whose COMMIT was sent is never run again, since it may
// have committed, and nothing that ran into a timeout is, since that would double the wait.
//
// Errors travel as Result values: a database that cannot be reached is ErrorKind::unavailable,
// an abort that retries did not overcome ErrorKind::aborted, a duplicate key or a row other
// rows depend on ErrorKind::conflict. Thread-safety: all methods may be called from any thread.
#pragma once

#include <array>
#include <atomic>
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
#include "domain/repository.h"
#include "domain/result.h"

namespace soci {
class session;
}

namespace estate::persistence {
class KeptStatements;
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

// A write in progress: one transaction on one session, and the UnitOfWork the repositories
// take part in. `journal` appends the entry that records a change; it must be called once per
// changed record, inside the transaction.
class WriteTransaction : public UnitOfWork {
 public:
  soci::session& session() { return session_; }
  Backend backend() const { return backend_; }
  // The instant of this write: every created_at/updated_at and journal `at` it sets.
  Instant at() const { return at_; }
  const std::string& actor() const override { return actor_; }
  // Journals every following entry as made through `via` (Actor::via).
  void set_via(std::string via) { via_ = std::move(via); }
  void journal_approved(const std::string& maker, const std::string& checker) override {
    actor_ = maker;
    approved_by_ = checker;
  }

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
  std::string via_;
  std::string approved_by_;
  Instant at_;
  std::int64_t head_seq_ = 0;
  std::string head_hash_;
};

class Database {
 public:
  struct Options {
    std::size_t pool_size = 4;
    // How long a caller waits for a free session before the pool answers unavailable.
    std::chrono::milliseconds acquire_timeout{2000};
    // Connecting to MariaDB (whole seconds; SQLite opens a file).
    std::chrono::seconds connect_timeout{2};
    // One read from or write to MariaDB's socket; SQLite's wait for a lock (busy_timeout).
    std::chrono::seconds io_timeout{3};
    // Runs of one write in all, when the database aborts it or loses it before COMMIT.
    int write_attempts = 4;
  };

  // What the pool has done since the process started, for /metrics.
  struct Stats {
    std::size_t size = 0;        // sessions in the pool
    std::size_t in_use = 0;      // borrowed now
    std::uint64_t waits = 0;     // borrows that found no free session and had to wait
    std::uint64_t timeouts = 0;  // borrows that gave up waiting
    std::uint64_t connects = 0;  // sessions (re)connected
    std::uint64_t connect_failures = 0;
    std::uint64_t write_retries = 0;  // writes run again after an abort or a lost connection
    // Errors the database raised, by the ErrorKind they became (indexed by the enum's value).
    std::array<std::uint64_t, 8> errors{};
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
  // made the change. Nothing joins it implicitly: repository calls take part by being handed
  // the WriteTransaction (a UnitOfWork). A write begun inside another on the same thread is
  // refused (internal error) rather than left to wait for the first one's locks.
  template <class T>
  Result<T> write(const std::string& actor, const std::function<Result<T>(WriteTransaction&)>& fn);

  // OK when a trivial query answers within the timeouts.
  Status ping();

  Stats stats();

  // Runs `fn` with a borrowed session; exceptions become errors. One attempt, no retry: the
  // building block of read and write, also used by migrations.
  Status with_session(const std::function<Status(soci::session&)>& fn);

 private:
  Database(DatabaseUrl url, Options options);

  // One pooled session, the connection epoch it was connected in, and its kept prepared
  // statements (declared after the session: they go before it does).
  struct Slot {
    Slot();
    Slot(Slot&&) noexcept;
    ~Slot();
    // Drops the statements, then the session.
    void drop();
    std::unique_ptr<soci::session> session;
    std::uint64_t epoch = 0;  // 0: needs a fresh connection
    std::unique_ptr<KeptStatements> statements;
  };

  friend Status run_write(Database& db, const std::string& actor,
                          const std::function<Status(WriteTransaction&)>& fn);
  Status read_with_retry(const std::function<Status(soci::session&)>& fn);
  Status connect(Slot& slot);
  Result<std::size_t> acquire();
  // Returns a slot; `lost` says its connection is gone, which retires it and every idle
  // session connected before the loss.
  void give_back(std::size_t slot, bool lost);
  void count_error(const Error& e);
  bool known_down();  // the last attempt to connect failed
  // Whether an attempt that failed with `failed`, begun at `t0`, should be run once more.
  bool worth_another_try(const Status& failed, std::chrono::steady_clock::time_point t0);

  DatabaseUrl url_;
  Options options_;
  std::vector<Slot> slots_;
  std::vector<std::size_t> free_;
  std::uint64_t epoch_ = 1;  // bumped on every lost connection
  bool connecting_while_down_ = false;
  bool down_ = false;  // the last attempt to connect failed
  Stats stats_;
  std::mutex mutex_;
  std::condition_variable available_;
};

// Turns an exception thrown by SOCI or a backend into an Error, by the backend's error code
// where it has one: unique-key and foreign-key violations become conflict, lost or refused
// connections unavailable, deadlocks, lock wait timeouts, certification failures and
// SQLITE_BUSY aborted, anything else internal (with the library's message kept for the log,
// never for the client).
Error error_from_exception(const std::exception& e);

template <class T>
Result<T> Database::read(const std::function<Result<T>(soci::session&)>& fn) {
  std::optional<Result<T>> out;
  Status s = read_with_retry([&](soci::session& session) -> Status {
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
