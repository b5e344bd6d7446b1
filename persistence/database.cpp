#include "persistence/database.h"

#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cctype>
#include <filesystem>

#include "persistence/journal.h"

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

Error error_from_exception(const std::exception& e) {
  const std::string what = e.what();
  if (const auto* se = dynamic_cast<const soci::soci_error*>(&e)) {
    if (se->get_error_category() == soci::soci_error::connection_error) {
      return Error::unavailable("the database cannot be reached: " + what);
    }
  }
  if (contains(what, "UNIQUE constraint failed") || contains(what, "Duplicate entry")) {
    return Error::conflict("a record with the same unique key already exists");
  }
  if (contains(what, "FOREIGN KEY constraint failed") ||
      contains(what, "foreign key constraint fails")) {
    return Error::conflict("other records refer to this record");
  }
  if (contains(what, "Lost connection") || contains(what, "server has gone away") ||
      contains(what, "Can't connect") || contains(what, "unable to open database") ||
      contains(what, "database is locked")) {
    return Error::unavailable("the database cannot be reached: " + what);
  }
  return Error::internal(what);
}

Result<std::shared_ptr<Database>> Database::open(const DatabaseUrl& url, Options options) {
  if (options.pool_size < 1 || options.pool_size > 256) {
    return Error::invalid_field("db_pool", "must be 1 to 256 connections");
  }
  if (url.backend == Backend::sqlite) {
    std::filesystem::path parent = std::filesystem::path(url.path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) return Error::unavailable("cannot create " + parent.string() + ": " + ec.message());
  }
  std::shared_ptr<Database> db(new Database(url, options));
  for (std::size_t i = 0; i < options.pool_size; ++i) {
    db->sessions_.push_back(std::make_unique<soci::session>());
    db->free_.push_back(i);
    db->needs_reconnect_.push_back(true);
  }
  // Connect one session now so that a wrong URL or an unreadable file is reported at once;
  // an unreachable server is not fatal here (readiness reports it, and use retries).
  Status first = db->with_session([](soci::session&) -> Status { return {}; });
  if (!first.ok() && first.error().kind != ErrorKind::unavailable) return first.error();
  return db;
}

Database::Database(DatabaseUrl url, Options options) : url_(std::move(url)), options_(options) {}

Database::~Database() = default;

Status Database::connect(soci::session& s) {
  try {
    if (s.is_connected()) s.close();
    if (url_.backend == Backend::sqlite) {
      s.open(*soci::factory_sqlite3(), "db=" + url_.path + " timeout=30");
      s << "PRAGMA foreign_keys = ON";
      s << "PRAGMA journal_mode = WAL";
      s << "PRAGMA synchronous = NORMAL";
      s << "PRAGMA busy_timeout = 30000";
    } else {
      std::string cs = "db='" + url_.database + "' user='" + url_.user + "' host='" + url_.host +
                       "' port=" + std::to_string(url_.port) + " charset=utf8mb4" +
                       " connect_timeout=5";
      if (!url_.password.empty()) cs += " password='" + url_.password + "'";
      s.open(*soci::factory_mysql(), cs);
      s << "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
           "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'";
      s << "SET time_zone = '+00:00'";
      s << "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED";
    }
    return {};
  } catch (const std::exception& e) {
    Error err = error_from_exception(e);
    if (err.kind == ErrorKind::internal) err.kind = ErrorKind::unavailable;
    err.message = "cannot open " + url_.redacted() + ": " + e.what();
    return err;
  }
}

Result<std::size_t> Database::acquire() {
  std::size_t slot;
  bool reconnect;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!available_.wait_for(lock, options_.acquire_timeout, [&] { return !free_.empty(); })) {
      return Error::unavailable("all database connections are busy");
    }
    slot = free_.back();
    free_.pop_back();
    reconnect = needs_reconnect_[slot];
  }
  if (reconnect) {
    Status s = connect(*sessions_[slot]);
    if (!s.ok()) {
      give_back(slot, true);
      return s.error();
    }
    std::lock_guard<std::mutex> lock(mutex_);
    needs_reconnect_[slot] = false;
  }
  return slot;
}

void Database::give_back(std::size_t slot, bool broken) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (broken) needs_reconnect_[slot] = true;
    free_.push_back(slot);
  }
  available_.notify_one();
}

namespace {
// The write transaction this thread is inside, so that work started within a write on the same
// database — another write, or a read — joins it: it sees the write's own changes and cannot
// deadlock waiting for a second pool session or for the journal head.
thread_local WriteTransaction* t_open_write = nullptr;
thread_local const Database* t_open_write_db = nullptr;
}  // namespace

Status Database::with_session(const std::function<Status(soci::session&)>& fn) {
  if (t_open_write != nullptr && t_open_write_db == this) {
    try {
      return fn(t_open_write->session());
    } catch (const std::exception& e) {
      return error_from_exception(e);
    }
  }
  auto slot = acquire();
  if (!slot.ok()) return slot.error();
  Status result;
  bool broken = false;
  try {
    result = fn(*sessions_[*slot]);
  } catch (const std::exception& e) {
    result = error_from_exception(e);
    broken = result.error().kind == ErrorKind::unavailable;
  }
  give_back(*slot, broken);
  return result;
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
  session_ << "INSERT INTO journal (seq, at, actor, action, entity, entity_id, before_json, "
              "after_json, prev_hash, hash) VALUES (:seq, :at, :actor, :action, :entity, "
              ":entity_id, :before_json, :after_json, :prev_hash, :hash)",
      soci::use(e.seq), soci::use(e.at), soci::use(e.actor), soci::use(e.action),
      soci::use(e.entity), soci::use(e.entity_id), soci::use(before_text, before_ind),
      soci::use(after_text, after_ind), soci::use(e.prev_hash), soci::use(e.hash);
  head_seq_ = e.seq;
  head_hash_ = e.hash;
}

Status run_write(Database& db, const std::string& actor,
                 const std::function<Status(WriteTransaction&)>& fn) {
  if (t_open_write != nullptr && t_open_write_db == &db) return fn(*t_open_write);
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
      // The write's instant is taken while holding the head, and never before the last
      // entry's, so journal order is time order even across processes with skewed clocks:
      // "the record as of T" is then the last entry at or before T.
      Instant at = now();
      if (seq > 0) {
        std::string last_text;
        s << "SELECT at FROM journal WHERE seq = :seq", soci::use(seq), soci::into(last_text);
        auto last = parse_instant(last_text);
        if (s.got_data() && last.ok() && *last > at) at = *last;
      }
      WriteTransaction tx(s, db.backend(), actor, at);
      tx.head_seq_ = seq;
      tx.head_hash_ = hash;
      t_open_write = &tx;
      t_open_write_db = &db;
      Status result = fn(tx);
      t_open_write = nullptr;
      t_open_write_db = nullptr;
      if (!result.ok()) {
        s << "ROLLBACK";
        return result;
      }
      if (tx.head_seq_ != seq) {
        s << "UPDATE journal_head SET seq = :seq, hash = :hash WHERE id = 1",
            soci::use(tx.head_seq_), soci::use(tx.head_hash_);
      }
      s << "COMMIT";
      return {};
    } catch (...) {
      t_open_write = nullptr;
      t_open_write_db = nullptr;
      try {
        s << "ROLLBACK";
      } catch (...) {
        // The connection is gone; the server rolls the transaction back itself.
      }
      throw;
    }
  });
}

}  // namespace estate::persistence
