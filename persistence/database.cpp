#include "persistence/database.h"
#include "domain/result_macros.h"

#include <fcntl.h>
#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <random>
#include <thread>

#include "persistence/journal.h"
#include "persistence/kept_statements.h"

namespace estate::persistence {

namespace {

std::string percent_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

Error bad_url(const std::string& why) {
  return Error::invalid_field(
      "db", why + " (expected sqlite:PATH or mysql://user:pass@host:port/database)");
}

bool contains(const std::string& haystack, const char* needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const std::string& url) {
  DatabaseUrl out;
  if (url.rfind("sqlite:", 0) == 0) {
    out.backend = Backend::sqlite;
    out.path = url.substr(7);
    if (out.path.rfind("//", 0) == 0) out.path = out.path.substr(2);
    if (out.path.empty()) return bad_url("the SQLite URL names no file");
    if (out.path.find_first_of("\"'") != std::string::npos) return bad_url("quotes in the path");
    return out;
  }
  const std::string scheme = "mysql://";
  const std::string mariadb = "mariadb://";
  std::string rest;
  if (url.rfind(scheme, 0) == 0) {
    rest = url.substr(scheme.size());
  } else if (url.rfind(mariadb, 0) == 0) {
    rest = url.substr(mariadb.size());
  } else {
    return bad_url("unknown database URL scheme");
  }
  out.backend = Backend::mysql;
  auto at = rest.rfind('@');
  if (at == std::string::npos) return bad_url("the MySQL URL has no user");
  std::string cred = rest.substr(0, at), hostpart = rest.substr(at + 1);
  auto colon = cred.find(':');
  out.user = percent_decode(cred.substr(0, colon));
  if (colon != std::string::npos) out.password = percent_decode(cred.substr(colon + 1));
  auto slash = hostpart.find('/');
  if (slash == std::string::npos || slash + 1 >= hostpart.size()) {
    return bad_url("the MySQL URL names no database");
  }
  out.database = hostpart.substr(slash + 1);
  std::string hostport = hostpart.substr(0, slash);
  auto pc = hostport.rfind(':');
  out.host = hostport.substr(0, pc);
  if (pc != std::string::npos) {
    try {
      std::size_t used = 0;
      out.port = std::stoi(hostport.substr(pc + 1), &used);
      if (used != hostport.size() - pc - 1 || out.port < 1 || out.port > 65535) throw 0;
    } catch (...) {
      return bad_url("the port is not a number from 1 to 65535");
    }
  }
  if (out.user.empty() || out.host.empty()) return bad_url("the MySQL URL needs a user and a host");
  for (const std::string* part : {&out.user, &out.password, &out.host, &out.database}) {
    if (part->find_first_of("'\\ ") != std::string::npos) {
      return bad_url("quotes, backslashes and spaces are not supported in URL parts");
    }
  }
  return out;
}

std::string DatabaseUrl::redacted() const {
  if (backend == Backend::sqlite) return "sqlite:" + path;
  return "mysql://" + user + (password.empty() ? "" : ":***") + "@" + host + ":" +
         std::to_string(port) + "/" + database;
}

namespace {

// MariaDB/MySQL error numbers (server ER_* and client CR_*) the pool treats specially.
bool connection_lost(unsigned code) {
  switch (code) {
    case 1053:  // ER_SERVER_SHUTDOWN
    case 1152:  // ER_ABORTING_CONNECTION
    case 1158:  // ER_NET_READ_ERROR
    case 1159:  // ER_NET_READ_INTERRUPTED
    case 1160:  // ER_NET_ERROR_ON_WRITE
    case 1161:  // ER_NET_WRITE_INTERRUPTED
    case 1927:  // ER_CONNECTION_KILLED
    case 2002:  // CR_CONNECTION_ERROR
    case 2003:  // CR_CONN_HOST_ERROR
    case 2005:  // CR_UNKNOWN_HOST
    case 2006:  // CR_SERVER_GONE_ERROR
    case 2013:  // CR_SERVER_LOST
    case 2026:  // CR_SSL_CONNECTION_ERROR
    case 2055:  // CR_SERVER_LOST_EXTENDED
    case 4031:  // ER_CLIENT_INTERACTION_TIMEOUT
      return true;
    default:
      return false;
  }
}

bool transaction_aborted(unsigned code) {
  return code == 1213      // ER_LOCK_DEADLOCK, also Galera's lost certification
         || code == 1205   // ER_LOCK_WAIT_TIMEOUT
         || code == 1047   // ER_UNKNOWN_COM_ERROR: a Galera node not yet synced ("WSREP has not
                           // yet prepared node for application use")
         || code == 1180;  // ER_ERROR_DURING_COMMIT
}

// The library's message without the values SOCI appends (" with :h=\"…\""): they can be
// secrets' hashes or personal data, and the message goes to the log.
std::string without_bound_values(std::string what) {
  auto at = what.find(" with :");
  if (at != std::string::npos) what = what.substr(0, at) + " (values withheld)";
  return what;
}

Error duplicate_key() {
  return Error::conflict(MessageCode::unique_key_exists);
}

Error referenced() {
  return Error::conflict(MessageCode::record_referenced);
}

}  // namespace

Error error_from_exception(const std::exception& e) {
  const std::string what = without_bound_values(e.what());
  if (const auto* me = dynamic_cast<const soci::mysql_soci_error*>(&e)) {
    const unsigned code = me->err_num_;
    if (connection_lost(code)) return Error::unavailable("the database cannot be reached: " + what);
    if (transaction_aborted(code))
      return Error::aborted("the database aborted the transaction: " + what);
    if (code == 1062) return duplicate_key();
    if (code == 1451 || code == 1452) return referenced();
    if (code == 1045 || code == 1049 || code == 1044) {
      return Error::unavailable("the database refused the connection: " + what);
    }
    return Error::internal(what);
  }
  if (const auto* le = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    const int primary = le->result() & 0xFF;  // extended result codes keep the primary below
    if (primary == 5 || primary == 6) {       // SQLITE_BUSY, SQLITE_LOCKED
      return Error::aborted("the database is locked by another writer: " + what);
    }
    if (primary == 14 || primary == 10) {  // SQLITE_CANTOPEN, SQLITE_IOERR
      return Error::unavailable("the database cannot be reached: " + what);
    }
    if (primary == 19) {  // SQLITE_CONSTRAINT
      if (contains(what, "FOREIGN KEY")) return referenced();
      if (contains(what, "UNIQUE")) return duplicate_key();
    }
  }
  if (const auto* se = dynamic_cast<const soci::soci_error*>(&e)) {
    if (se->get_error_category() == soci::soci_error::connection_error) {
      return Error::unavailable("the database cannot be reached: " + what);
    }
  }
  // SOCI's sqlite3 backend reports some failures without a result code.
  if (contains(what, "UNIQUE constraint failed")) return duplicate_key();
  if (contains(what, "FOREIGN KEY constraint failed")) return referenced();
  if (contains(what, "database is locked")) {
    return Error::aborted("the database is locked by another writer: " + what);
  }
  if (contains(what, "unable to open database")) {
    return Error::unavailable("the database cannot be reached: " + what);
  }
  return Error::internal(what);
}

Result<std::shared_ptr<Database>> Database::open(const DatabaseUrl& url, Options options) {
  if (options.pool_size < 1 || options.pool_size > 256) {
    return Error::invalid_field("db_pool", "must be 1 to 256 connections");
  }
  if (options.write_attempts < 1) options.write_attempts = 1;
  if (url.backend == Backend::sqlite) {
    std::filesystem::path parent = std::filesystem::path(url.path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) return Error::unavailable("cannot create " + parent.string() + ": " + ec.message());
    // The register is the owner's alone: a new database file is created 0600 (SQLite gives
    // its -wal and -shm files the same mode).
    const int fd = ::open(url.path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0) ::close(fd);
  }
  std::shared_ptr<Database> db(new Database(url, options));
  db->slots_.resize(options.pool_size);
  for (std::size_t i = 0; i < options.pool_size; ++i) db->free_.push_back(i);
  // Connect one session now so that a wrong URL or an unreadable file is reported at once;
  // an unreachable server is not fatal here (readiness reports it, and use retries).
  Status first = db->with_session([](soci::session&) -> Status { return {}; });
  if (!first.ok() && first.error().kind != ErrorKind::unavailable) return first.error();
  return db;
}

Database::Database(DatabaseUrl url, Options options) : url_(std::move(url)), options_(options) {}

Database::~Database() = default;

Database::Slot::Slot() = default;
Database::Slot::Slot(Slot&&) noexcept = default;
Database::Slot::~Slot() { drop(); }

void Database::Slot::drop() {
  statements.reset();
  session.reset();
}

Status Database::connect(Slot& slot) {
  // A session that was ever opened is never opened again: SOCI refuses ("Cannot open already
  // connected session") once its connection died. A fresh session object is made instead.
  slot.drop();
  slot.session = std::make_unique<soci::session>();
  slot.epoch = 0;
  soci::session& s = *slot.session;
  try {
    if (url_.backend == Backend::sqlite) {
      // SOCI's `timeout` is SQLite's busy timeout: how long a writer waits for the lock.
      s.open(*soci::factory_sqlite3(),
             "db=" + url_.path + " timeout=" + std::to_string(options_.io_timeout.count()));
      s << "PRAGMA foreign_keys = ON";
      s << "PRAGMA journal_mode = WAL";
      s << "PRAGMA synchronous = NORMAL";
    } else {
      std::string cs = "db='" + url_.database + "' user='" + url_.user + "' host='" + url_.host +
                       "' port=" + std::to_string(url_.port) + " charset=utf8mb4" +
                       " connect_timeout=" + std::to_string(options_.connect_timeout.count()) +
                       " read_timeout=" + std::to_string(options_.io_timeout.count()) +
                       " write_timeout=" + std::to_string(options_.io_timeout.count());
      if (!url_.password.empty()) cs += " password='" + url_.password + "'";
      s.open(*soci::factory_mysql(), cs);
      s << "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
           "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";
      s << "SET time_zone = '+00:00'";
      s << "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
      // A lock wait ends with error 1205, which aborts and retries the write, before the
      // socket's read timeout would cut the connection and leave only a 503.
      s << "SET SESSION innodb_lock_wait_timeout = " +
               std::to_string(std::max<long>(1, options_.io_timeout.count() - 1));
    }
    slot.statements = std::make_unique<KeptStatements>(s);
    return {};
  } catch (const std::exception& e) {
    slot.drop();
    Error err = error_from_exception(e);
    if (err.kind == ErrorKind::internal) err.kind = ErrorKind::unavailable;
    err.message = "cannot open " + url_.redacted() + ": " + without_bound_values(e.what());
    return err;
  }
}

Result<std::size_t> Database::acquire() {
  std::size_t slot;
  bool probe = false, needs_connect = false;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    if (free_.empty()) {
      ++stats_.waits;
      if (!available_.wait_for(lock, options_.acquire_timeout, [&] { return !free_.empty(); })) {
        ++stats_.timeouts;
        return Error::unavailable("all database connections are busy");
      }
    }
    // Prefer a session that is still connected in the current epoch.
    auto it = std::find_if(free_.rbegin(), free_.rend(),
                           [&](std::size_t i) { return slots_[i].epoch == epoch_; });
    auto pick = it != free_.rend() ? std::prev(it.base()) : std::prev(free_.end());
    slot = *pick;
    needs_connect = slots_[slot].epoch != epoch_;
    if (needs_connect && down_) {
      // The database was unreachable at the last try: one caller probes, the rest fail fast.
      if (connecting_while_down_) return Error::unavailable("the database cannot be reached");
      connecting_while_down_ = probe = true;
    }
    free_.erase(pick);
    ++stats_.in_use;
  }
  if (needs_connect) {
    Status s = connect(slots_[slot]);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (probe) connecting_while_down_ = false;
      down_ = !s.ok();
      ++(s.ok() ? stats_.connects : stats_.connect_failures);
      if (s.ok()) slots_[slot].epoch = epoch_;
    }
    if (!s.ok()) {
      give_back(slot, false);
      return s.error();
    }
  }
  return slot;
}

void Database::give_back(std::size_t slot, bool lost) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (lost) {
      // Every session connected before this loss is suspect (the server restarted, or the
      // network broke): each reconnects on its next use instead of failing a request.
      if (slots_[slot].epoch == epoch_) ++epoch_;
      slots_[slot].epoch = 0;
    }
    free_.push_back(slot);
    --stats_.in_use;
  }
  available_.notify_one();
}

void Database::count_error(const Error& e) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto index = static_cast<std::size_t>(e.kind);
  if (index < stats_.errors.size()) ++stats_.errors[index];
}

Database::Stats Database::stats() {
  std::lock_guard<std::mutex> lock(mutex_);
  Stats out = stats_;
  out.size = slots_.size();
  return out;
}

bool Database::known_down() {
  std::lock_guard<std::mutex> lock(mutex_);
  return down_;
}

namespace {
// Whether this thread is inside a write on some database. Used only to refuse a second write
// begun inside the first (it would wait for the first one's locks, or the journal head, until
// its timeout): work inside a write is handed the WriteTransaction instead.
thread_local const Database* t_writing_on = nullptr;
}  // namespace

Status Database::with_session(const std::function<Status(soci::session&)>& fn) {
  ASSIGN_OR_RETURN(const auto slot, acquire());
  Status result;
  bool lost = false;
  Slot& used = slots_[slot];
  try {
    KeptStatementsScope scope(used.statements.get());
    result = fn(*used.session);
  } catch (const std::exception& e) {
    // A statement may have been left half-run: none of this session's is kept any longer.
    if (used.statements) used.statements->forget_all();
    Error err = error_from_exception(e);
    count_error(err);
    lost = err.kind == ErrorKind::unavailable;
    result = std::move(err);
  }
  give_back(slot, lost);
  return result;
}

bool Database::worth_another_try(const Status& failed, std::chrono::steady_clock::time_point t0) {
  // A connection found dead at once (the server restarted since it was last used) is worth a
  // fresh one; a database that let the attempt run into a timeout, or that refused the last
  // connect, is not: trying again would only double the time the caller waits.
  return !failed.ok() && failed.error().kind == ErrorKind::unavailable && !known_down() &&
         std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(500);
}

Status Database::read_with_retry(const std::function<Status(soci::session&)>& fn) {
  const auto t0 = std::chrono::steady_clock::now();
  Status first = with_session(fn);
  // A read changes nothing, so one more try on a fresh session is always safe.
  if (!worth_another_try(first, t0)) return first;
  return with_session(fn);
}

Status Database::ping() {
  return with_session([](soci::session& s) -> Status {
    int one = 0;
    s << "SELECT 1", soci::into(one);
    if (one != 1) return Error::unavailable("the database answered SELECT 1 wrongly");
    return {};
  });
}

void WriteTransaction::journal(const std::string& action, const std::string& entity,
                               std::int64_t entity_id, const nlohmann::json& before,
                               const nlohmann::json& after) {
  JournalEntry e;
  e.seq = head_seq_ + 1;
  e.at = format_instant_fixed(at_);
  e.actor = actor_;
  e.via = via_;
  e.approved_by = approved_by_;
  e.action = action;
  e.entity = entity;
  e.entity_id = entity_id;
  e.before = before;
  e.after = after;
  e.prev_hash = head_hash_;
  e.hash = journal_hash(e);
  std::string before_text = before.dump(), after_text = after.dump();
  soci::indicator before_ind = before.is_null() ? soci::i_null : soci::i_ok;
  soci::indicator after_ind = after.is_null() ? soci::i_null : soci::i_ok;
  soci::indicator via_ind = e.via.empty() ? soci::i_null : soci::i_ok;
  soci::indicator approved_ind = e.approved_by.empty() ? soci::i_null : soci::i_ok;
  session_ << "INSERT INTO journal (seq, at, actor, via, approved_by, action, entity, entity_id, "
              "before_json, after_json, prev_hash, hash) VALUES (:seq, :at, :actor, :via, "
              ":approved_by, :action, :entity, :entity_id, :before_json, :after_json, "
              ":prev_hash, :hash)",
      soci::use(e.seq), soci::use(e.at), soci::use(e.actor), soci::use(e.via, via_ind),
      soci::use(e.approved_by, approved_ind), soci::use(e.action),
      soci::use(e.entity), soci::use(e.entity_id), soci::use(before_text, before_ind),
      soci::use(after_text, after_ind), soci::use(e.prev_hash), soci::use(e.hash);
  head_seq_ = e.seq;
  head_hash_ = e.hash;
}

namespace {
// 10, 20, 40 … ms, capped at 320 ms, each scaled by a random factor in [0.5, 1.5) so that
// writers that collided do not collide again in step.
std::chrono::milliseconds backoff(int attempt) {
  thread_local std::mt19937 rng(std::random_device{}());
  std::uniform_real_distribution<double> jitter(0.5, 1.5);
  const double base = 10.0 * static_cast<double>(1 << std::min(attempt - 1, 5));
  return std::chrono::milliseconds(static_cast<long>(base * jitter(rng)));
}
}  // namespace

Status run_write(Database& db, const std::string& actor,
                 const std::function<Status(WriteTransaction&)>& fn) {
  if (t_writing_on == &db) {
    return Error::internal(
        "a write was begun inside another on the same thread: pass the UnitOfWork instead");
  }
  // One run of the write: false in `commit_sent` means the database cannot have kept it.
  auto write_once = [&](bool& commit_sent) -> Status {
    return db.with_session([&](soci::session& s) -> Status {
      const bool mysql = db.backend() == Backend::mysql;
      s << (mysql ? "START TRANSACTION" : "BEGIN IMMEDIATE");
      try {
        std::int64_t seq = 0;
        std::string hash;
        s << (mysql ? "SELECT seq, hash FROM journal_head WHERE id = 1 FOR UPDATE"
                    : "SELECT seq, hash FROM journal_head WHERE id = 1"),
            soci::into(seq), soci::into(hash);
        if (!s.got_data()) throw std::runtime_error("the journal head row is missing");
        // The write's instant is taken while holding the head, and always after the last
        // entry's, so journal order is time order even across processes with skewed clocks
        // or a system clock stepped back: "the record as of T" is then the last entry at or
        // before T, and as of a write's own instant shows that write and none after it. (Two
        // writes used to share the last entry's instant when the clock was behind it.)
        Instant at = now();
        if (seq > 0) {
          std::string last_text;
          s << "SELECT at FROM journal WHERE seq = :seq", soci::use(seq), soci::into(last_text);
          auto last = parse_instant(last_text);
          if (s.got_data() && last.ok() && *last >= at) at = *last + std::chrono::microseconds(1);
        }
        WriteTransaction tx(s, db.backend(), actor, at);
        tx.head_seq_ = seq;
        tx.head_hash_ = hash;
        t_writing_on = &db;
        Status result = fn(tx);
        t_writing_on = nullptr;
        if (!result.ok()) {
          s << "ROLLBACK";
          return result;
        }
        if (tx.head_seq_ != seq) {
          s << "UPDATE journal_head SET seq = :seq, hash = :hash WHERE id = 1",
              soci::use(tx.head_seq_), soci::use(tx.head_hash_);
        }
        commit_sent = true;
        s << "COMMIT";
        return {};
      } catch (...) {
        t_writing_on = nullptr;
        try {
          s << "ROLLBACK";
        } catch (...) {
          // The connection is gone; the server rolls the transaction back itself.
        }
        throw;
      }
    });
  };
  for (int attempt = 1;; ++attempt) {
    bool commit_sent = false;
    const auto t0 = std::chrono::steady_clock::now();
    Status result = write_once(commit_sent);
    if (result.ok()) return result;
    const ErrorKind kind = result.error().kind;
    // Aborted: the database rolled the transaction back. Lost before COMMIT: the server rolls
    // back what it had. Either way nothing was written, and the whole write may run again.
    const bool again =
        kind == ErrorKind::aborted || (!commit_sent && db.worth_another_try(result, t0));
    if (!again || attempt >= db.options_.write_attempts) return result;
    {
      std::lock_guard<std::mutex> lock(db.mutex_);
      ++db.stats_.write_retries;
    }
    spdlog::warn("{{\"msg\":\"write retried\",\"attempt\":{},\"kind\":\"{}\"}}", attempt + 1,
                 to_string(kind));
    std::this_thread::sleep_for(backoff(attempt));
  }
}

}  // namespace estate::persistence
