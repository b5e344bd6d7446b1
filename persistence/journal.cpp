#include "persistence/journal.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <soci/mysql/soci-mysql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <stdexcept>
#include <vector>

namespace estate::persistence {

namespace {
std::string hex_of(const unsigned char* bytes, std::size_t length) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (std::size_t i = 0; i < length; ++i) {
    out += hex[bytes[i] >> 4];
    out += hex[bytes[i] & 0x0F];
  }
  return out;
}
}  // namespace

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  return hex_of(digest, length);
}

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1)
    throw std::runtime_error("the system's random generator failed");
  return hex_of(raw.data(), raw.size());
}

std::string journal_hash(const JournalEntry& e) {
  // nlohmann::json objects keep keys sorted, and dump() without indent has no spaces: the
  // same entry always serialises to the same bytes.
  nlohmann::json canonical = {
      {"seq", e.seq},       {"at", e.at},         {"actor", e.actor},
      {"action", e.action}, {"entity", e.entity}, {"entity_id", e.entity_id},
      {"before", e.before}, {"after", e.after},   {"prev_hash", e.prev_hash},
  };
  // Only entries made through something (an import) carry `via`: every entry written before
  // the field existed keeps the hash it was written with.
  if (!e.via.empty()) canonical["via"] = e.via;
  // The same for the checker of an approved change request (migration 14).
  if (!e.approved_by.empty()) canonical["approved_by"] = e.approved_by;
  return sha256_hex(canonical.dump());
}

Result<JournalVerification> verify_journal(Database& db) {
  return db.read<JournalVerification>([](soci::session& s) -> Result<JournalVerification> {
    JournalVerification v;
    v.head = kGenesisHash;
    JournalEntry e;
    std::string before_text, after_text;
    soci::indicator before_ind, after_ind, via_ind, approved_ind;
    soci::statement st =
        (s.prepare << "SELECT seq, at, actor, via, approved_by, action, entity, entity_id, "
                      "before_json, after_json, prev_hash, hash FROM journal ORDER BY seq",
         soci::into(e.seq), soci::into(e.at), soci::into(e.actor), soci::into(e.via, via_ind),
         soci::into(e.approved_by, approved_ind), soci::into(e.action),
         soci::into(e.entity), soci::into(e.entity_id), soci::into(before_text, before_ind),
         soci::into(after_text, after_ind), soci::into(e.prev_hash), soci::into(e.hash));
    st.execute();
    std::int64_t expected_seq = 1;
    auto fail = [&](std::int64_t seq, std::string problem) {
      v.ok = false;
      v.first_bad_seq = seq;
      v.problem = std::move(problem);
    };
    while (st.fetch()) {
      if (via_ind == soci::i_null) e.via.clear();  // SOCI leaves the last row's text
      if (approved_ind == soci::i_null) e.approved_by.clear();
      if (e.seq != expected_seq) {
        fail(expected_seq, "entry " + std::to_string(expected_seq) + " is missing (next is " +
                               std::to_string(e.seq) + ")");
        return v;
      }
      try {
        e.before =
            before_ind == soci::i_null ? nlohmann::json() : nlohmann::json::parse(before_text);
        e.after = after_ind == soci::i_null ? nlohmann::json() : nlohmann::json::parse(after_text);
      } catch (const std::exception&) {
        fail(e.seq, "its before/after is not valid JSON");
        return v;
      }
      if (e.prev_hash != v.head) {
        fail(e.seq, "its prev_hash does not match the previous entry's hash");
        return v;
      }
      if (journal_hash(e) != e.hash) {
        fail(e.seq, "its hash does not match its content");
        return v;
      }
      v.head = e.hash;
      v.entries = e.seq;
      ++expected_seq;
    }
    std::int64_t head_seq = 0;
    std::string head_hash;
    s << "SELECT seq, hash FROM journal_head WHERE id = 1", soci::into(head_seq),
        soci::into(head_hash);
    if (head_seq != v.entries || head_hash != v.head) {
      fail(v.entries + 1, "the journal ends at entry " + std::to_string(v.entries) +
                              " but its head records entry " + std::to_string(head_seq));
    }
    return v;
  });
}

namespace {

// Runs `sql` (string parameters named :p0, :p1, ... in the order of `params`) and calls
// `row` with each journal entry it selects, columns in the order of kEntryColumns.
constexpr const char* kEntryColumns =
    "seq, at, actor, via, approved_by, action, entity, entity_id, before_json, after_json, "
    "prev_hash, hash";

void for_each_entry(soci::session& s, const std::string& sql,
                    const std::vector<std::string>& params,
                    const std::function<void(JournalEntry&)>& row) {
  JournalEntry e;
  std::string before_text, after_text;
  soci::indicator before_ind = soci::i_null, after_ind = soci::i_null, via_ind = soci::i_null,
                  approved_ind = soci::i_null;
  soci::statement st(s);
  st.exchange(soci::into(e.seq));
  st.exchange(soci::into(e.at));
  st.exchange(soci::into(e.actor));
  st.exchange(soci::into(e.via, via_ind));
  st.exchange(soci::into(e.approved_by, approved_ind));
  st.exchange(soci::into(e.action));
  st.exchange(soci::into(e.entity));
  st.exchange(soci::into(e.entity_id));
  st.exchange(soci::into(before_text, before_ind));
  st.exchange(soci::into(after_text, after_ind));
  st.exchange(soci::into(e.prev_hash));
  st.exchange(soci::into(e.hash));
  for (const std::string& p : params) st.exchange(soci::use(p));
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    if (via_ind == soci::i_null) e.via.clear();  // SOCI leaves the last row's text
    if (approved_ind == soci::i_null) e.approved_by.clear();
    // A tampered row may not parse; listing shows it as a string rather than failing.
    auto parse = [](const std::string& text, soci::indicator ind) {
      if (ind == soci::i_null) return nlohmann::json();
      auto j = nlohmann::json::parse(text, nullptr, false);
      return j.is_discarded() ? nlohmann::json(text) : j;
    };
    e.before = parse(before_text, before_ind);
    e.after = parse(after_text, after_ind);
    row(e);
  }
}

}  // namespace

Result<JournalPage> list_journal(Database& db, const JournalQuery& q) {
  return db.read<JournalPage>([&](soci::session& s) -> Result<JournalPage> {
    std::string sql = std::string("SELECT ") + kEntryColumns + " FROM journal WHERE 1 = 1";
    if (q.after_seq > 0)
      sql += (q.newest_first ? " AND seq < " : " AND seq > ") + std::to_string(q.after_seq);
    std::vector<std::string> params;
    auto add = [&](const char* clause, std::string value) {
      sql += std::string(" AND ") + clause + " :p" + std::to_string(params.size());
      params.push_back(std::move(value));
    };
    if (q.entity) add("entity =", *q.entity);
    if (q.entity_id) sql += " AND entity_id = " + std::to_string(*q.entity_id);
    if (q.actor) add("actor =", *q.actor);
    if (q.from) add("at >=", format_instant_fixed(*q.from));
    if (q.to) add("at <=", format_instant_fixed(*q.to));
    std::size_t limit = q.limit == 0 ? 1 : q.limit;
    sql += std::string(" ORDER BY seq") + (q.newest_first ? " DESC" : "") + " LIMIT " +
           std::to_string(limit + 1);
    JournalPage page;
    for_each_entry(s, sql, params, [&](JournalEntry& e) { page.items.push_back(e); });
    if (page.items.size() > limit) {
      page.items.resize(limit);
      page.next_after_seq = page.items.back().seq;
    }
    return page;
  });
}

Result<std::optional<nlohmann::json>> record_as_of(Database& db, const std::string& entity,
                                                   std::int64_t id, Instant at) {
  return db.read<std::optional<nlohmann::json>>(
      [&](soci::session& s) -> Result<std::optional<nlohmann::json>> {
        std::string sql = std::string("SELECT ") + kEntryColumns +
                          " FROM journal WHERE entity = :p0 AND entity_id = " + std::to_string(id) +
                          " AND at <= :p1 ORDER BY seq DESC LIMIT 1";
        std::optional<nlohmann::json> out;
        for_each_entry(s, sql, {entity, format_instant_fixed(at)}, [&](JournalEntry& e) {
          if (e.after.is_object()) out = e.after;
        });
        return out;
      });
}

Result<std::vector<nlohmann::json>> records_as_of(Database& db, const std::string& entity,
                                                  Instant at) {
  return db.read<std::vector<nlohmann::json>>(
      [&](soci::session& s) -> Result<std::vector<nlohmann::json>> {
        std::string sql = std::string("SELECT ") + kEntryColumns +
                          " FROM journal WHERE seq IN (SELECT MAX(seq) FROM journal "
                          "WHERE entity = :p0 AND at <= :p1 GROUP BY entity_id) "
                          "ORDER BY entity_id";
        std::vector<nlohmann::json> out;
        for_each_entry(s, sql, {entity, format_instant_fixed(at)}, [&](JournalEntry& e) {
          if (e.after.is_object()) out.push_back(e.after);
        });
        return out;
      });
}

namespace {

// One integer read through the backend's own client library: these reads precede every
// register read answered from the cache (api/answer_cache.h), where SOCI's statement set-up
// was most of their cost. A NULL reads as 0, no row as -1. Failures throw the backend's SOCI
// error, as SOCI itself would.
std::int64_t read_integer(soci::session& s, const std::string& sql) {
  // By name and static_cast: Debian's libsoci exports no typeinfo for its backend classes.
  const std::string backend = s.get_backend_name();
  if (backend == "mysql") {  // otherwise "sqlite3", the only other backend
    auto* my = static_cast<soci::mysql_session_backend*>(s.get_backend());
    MYSQL* conn = my->conn_;
    if (mysql_real_query(conn, sql.data(), sql.size()) != 0) {
      throw soci::mysql_soci_error(mysql_error(conn), mysql_errno(conn));
    }
    MYSQL_RES* result = mysql_store_result(conn);
    if (result == nullptr) throw soci::mysql_soci_error(mysql_error(conn), mysql_errno(conn));
    MYSQL_ROW row = mysql_fetch_row(result);
    std::int64_t value = row == nullptr      ? -1
                         : row[0] == nullptr ? 0
                                             : std::strtoll(row[0], nullptr, 10);
    mysql_free_result(result);
    return value;
  }
  auto* lite = static_cast<soci::sqlite3_session_backend*>(s.get_backend());
  sqlite_api::sqlite3_stmt* st = nullptr;
  int rc = sqlite_api::sqlite3_prepare_v2(lite->conn_, sql.data(), static_cast<int>(sql.size()),
                                          &st, nullptr);
  if (rc != SQLITE_OK) {
    throw soci::sqlite3_soci_error(sqlite_api::sqlite3_errmsg(lite->conn_), rc);
  }
  rc = sqlite_api::sqlite3_step(st);
  std::int64_t value = rc == SQLITE_ROW ? sqlite_api::sqlite3_column_int64(st, 0) : -1;
  sqlite_api::sqlite3_finalize(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    throw soci::sqlite3_soci_error(sqlite_api::sqlite3_errmsg(lite->conn_), rc);
  }
  return value;
}

std::int64_t read_head_seq(soci::session& s) {
  static const std::string kSql = "SELECT seq FROM journal_head WHERE id = 1";
  std::int64_t seq = read_integer(s, kSql);
  if (seq < 0) throw std::runtime_error("the journal head row is missing");
  return seq;
}

}  // namespace

Result<std::int64_t> journal_length(Database& db) {
  return db.read<std::int64_t>(
      [](soci::session& s) -> Result<std::int64_t> { return read_head_seq(s); });
}

Result<std::int64_t> journal_length_of(Database& db, const std::vector<std::string>& entities) {
  if (entities.empty()) return journal_length(db);
  // One index seek (journal_entity_seq) per entity; the names are the program's own.
  std::string sql = "SELECT MAX(seq) FROM (";
  for (std::size_t i = 0; i < entities.size(); ++i) {
    for (char c : entities[i]) {
      if (!(std::islower(static_cast<unsigned char>(c)) || c == '_'))
        return Error::internal("not an entity name: " + entities[i]);
    }
    sql += (i ? " UNION ALL " : "") +
           std::string("SELECT MAX(seq) AS seq FROM journal WHERE entity = '") + entities[i] + "'";
  }
  sql += ") newest";
  return db.read<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    return std::max<std::int64_t>(0, read_integer(s, sql));
  });
}

}  // namespace estate::persistence
