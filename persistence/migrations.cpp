#include "persistence/migrations.h"

#include <soci/soci.h>

namespace estate::persistence {

namespace {

// Placeholders: {ID} an auto-assigned 64-bit primary key, {TABLE} table options, {TEXT} an
// unbounded text column. Everything else is SQL both backends read the same way. Column names
// follow the JSON fields, except where SQL reserves the word (start/end/from/to → *_date).
const std::vector<Migration> kMigrations = {
    {1,
     "register: missions, properties with agencies and tenure, leases with steps and options",
     {
         R"(CREATE TABLE missions (
              id {ID},
              code VARCHAR(32) NOT NULL UNIQUE,
              name_en VARCHAR(200) NOT NULL,
              name_zh VARCHAR(200) NOT NULL,
              country CHAR(2) NOT NULL,
              city VARCHAR(200) NOT NULL,
              region VARCHAR(32) NOT NULL,
              type VARCHAR(32) NOT NULL,
              currency CHAR(3) NOT NULL,
              time_zone VARCHAR(64) NOT NULL,
              version BIGINT NOT NULL,
              created_at CHAR(27) NOT NULL,
              updated_at CHAR(27) NOT NULL
            ){TABLE})",
         R"(CREATE TABLE properties (
              id {ID},
              mission_id BIGINT NULL,
              code VARCHAR(32) NOT NULL UNIQUE,
              name VARCHAR(200) NOT NULL,
              kind VARCHAR(32) NOT NULL,
              address VARCHAR(2000) NOT NULL,
              floor_area_m2_x100 BIGINT NOT NULL,
              status VARCHAR(32) NOT NULL,
              version BIGINT NOT NULL,
              created_at CHAR(27) NOT NULL,
              updated_at CHAR(27) NOT NULL,
              FOREIGN KEY (mission_id) REFERENCES missions (id)
            ){TABLE})",
         "CREATE INDEX properties_mission ON properties (mission_id)",
         R"(CREATE TABLE property_agencies (
              property_id BIGINT NOT NULL,
              position INT NOT NULL,
              agency VARCHAR(64) NOT NULL,
              PRIMARY KEY (property_id, position),
              FOREIGN KEY (property_id) REFERENCES properties (id) ON DELETE CASCADE
            ){TABLE})",
         R"(CREATE TABLE property_tenures (
              property_id BIGINT NOT NULL,
              position INT NOT NULL,
              type VARCHAR(16) NOT NULL,
              from_date DATE NOT NULL,
              to_date DATE NULL,
              PRIMARY KEY (property_id, position),
              FOREIGN KEY (property_id) REFERENCES properties (id) ON DELETE CASCADE
            ){TABLE})",
         R"(CREATE TABLE leases (
              id {ID},
              property_id BIGINT NOT NULL,
              lessor VARCHAR(200) NOT NULL,
              start_date DATE NOT NULL,
              end_date DATE NOT NULL,
              rent_minor BIGINT NOT NULL,
              rent_currency CHAR(3) NOT NULL,
              period VARCHAR(16) NOT NULL,
              escalation_kind VARCHAR(16) NOT NULL,
              escalation_pct_x100 BIGINT NULL,
              notice_days INT NOT NULL,
              version BIGINT NOT NULL,
              created_at CHAR(27) NOT NULL,
              updated_at CHAR(27) NOT NULL,
              FOREIGN KEY (property_id) REFERENCES properties (id)
            ){TABLE})",
         "CREATE INDEX leases_property ON leases (property_id)",
         R"(CREATE TABLE lease_rent_steps (
              lease_id BIGINT NOT NULL,
              position INT NOT NULL,
              from_date DATE NOT NULL,
              rent_minor BIGINT NOT NULL,
              PRIMARY KEY (lease_id, position),
              FOREIGN KEY (lease_id) REFERENCES leases (id) ON DELETE CASCADE
            ){TABLE})",
         R"(CREATE TABLE lease_options (
              lease_id BIGINT NOT NULL,
              position INT NOT NULL,
              kind VARCHAR(16) NOT NULL,
              exercise_by DATE NOT NULL,
              years INT NULL,
              PRIMARY KEY (lease_id, position),
              FOREIGN KEY (lease_id) REFERENCES leases (id) ON DELETE CASCADE
            ){TABLE})",
     }},
    {2,
     "journal: append-only, hash-chained change log and its head",
     {
         R"(CREATE TABLE journal (
              seq BIGINT NOT NULL PRIMARY KEY,
              at CHAR(27) NOT NULL,
              actor VARCHAR(200) NOT NULL,
              action VARCHAR(16) NOT NULL,
              entity VARCHAR(32) NOT NULL,
              entity_id BIGINT NOT NULL,
              before_json {TEXT} NULL,
              after_json {TEXT} NULL,
              prev_hash CHAR(64) NOT NULL,
              hash CHAR(64) NOT NULL
            ){TABLE})",
         "CREATE INDEX journal_entity ON journal (entity, entity_id, seq)",
         "CREATE INDEX journal_at ON journal (at)",
         R"(CREATE TABLE journal_head (
              id INT NOT NULL PRIMARY KEY,
              seq BIGINT NOT NULL,
              hash CHAR(64) NOT NULL
            ){TABLE})",
         "INSERT INTO journal_head (id, seq, hash) VALUES (1, 0, "
         "'0000000000000000000000000000000000000000000000000000000000000000')",
     }},
    {3,
     "access tokens: stored as SHA-256 hashes only",
     {
         R"(CREATE TABLE api_tokens (
              id {ID},
              user_name VARCHAR(200) NOT NULL,
              role VARCHAR(16) NOT NULL,
              token_hash CHAR(64) NOT NULL UNIQUE,
              created_at CHAR(27) NOT NULL,
              revoked_at CHAR(27) NULL
            ){TABLE})",
         "CREATE INDEX api_tokens_user ON api_tokens (user_name)",
     }},
    {4,
     "idempotency keys: the first response to a keyed POST, replayed on retries",
     {
         R"(CREATE TABLE idempotency_keys (
              scope VARCHAR(200) NOT NULL,
              idem_key VARCHAR(200) NOT NULL,
              request_hash CHAR(64) NOT NULL,
              status INT NOT NULL,
              location VARCHAR(400) NOT NULL,
              body {TEXT} NOT NULL,
              created_at CHAR(27) NOT NULL,
              PRIMARY KEY (scope, idem_key)
            ){TABLE})",
         "CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)",
     }},
    {5,
     "acquisitions with their stage history and replaced leases; budget lines; FX rates",
     {
         R"(CREATE TABLE budget_lines (
              id {ID},
              code VARCHAR(32) NOT NULL UNIQUE,
              name_zh VARCHAR(800) NOT NULL,
              name_en VARCHAR(800) NOT NULL,
              version BIGINT NOT NULL,
              created_at CHAR(27) NOT NULL,
              updated_at CHAR(27) NOT NULL
            ){TABLE})",
         R"(CREATE TABLE acquisitions (
              id {ID},
              code VARCHAR(32) NOT NULL UNIQUE,
              property_id BIGINT NOT NULL,
              stage VARCHAR(20) NOT NULL,
              price_minor BIGINT NOT NULL,
              currency CHAR(3) NOT NULL,
              costs_minor BIGINT NOT NULL,
              operating_cost_annual_minor BIGINT NOT NULL,
              budget_line_id BIGINT NULL,
              version BIGINT NOT NULL,
              created_at CHAR(27) NOT NULL,
              updated_at CHAR(27) NOT NULL,
              FOREIGN KEY (property_id) REFERENCES properties (id),
              FOREIGN KEY (budget_line_id) REFERENCES budget_lines (id)
            ){TABLE})",
         "CREATE INDEX acquisitions_property ON acquisitions (property_id)",
         R"(CREATE TABLE acquisition_stages (
              acquisition_id BIGINT NOT NULL,
              position INT NOT NULL,
              stage VARCHAR(20) NOT NULL,
              on_date DATE NOT NULL,
              PRIMARY KEY (acquisition_id, position),
              FOREIGN KEY (acquisition_id) REFERENCES acquisitions (id) ON DELETE CASCADE
            ){TABLE})",
         R"(CREATE TABLE acquisition_leases (
              acquisition_id BIGINT NOT NULL,
              position INT NOT NULL,
              lease_id BIGINT NOT NULL,
              PRIMARY KEY (acquisition_id, position),
              FOREIGN KEY (acquisition_id) REFERENCES acquisitions (id) ON DELETE CASCADE,
              FOREIGN KEY (lease_id) REFERENCES leases (id)
            ){TABLE})",
         "CREATE INDEX acquisition_leases_lease ON acquisition_leases (lease_id)",
         R"(CREATE TABLE fx_rates (
              id {ID},
              currency CHAR(3) NOT NULL,
              effective DATE NOT NULL,
              twd_per_unit_x1e6 BIGINT NOT NULL,
              version BIGINT NOT NULL,
              created_at CHAR(27) NOT NULL,
              updated_at CHAR(27) NOT NULL,
              UNIQUE (currency, effective)
            ){TABLE})",
     }},
    {6,
     "appropriations, expenditures, commitments, projects with milestones and progress",
     {
         R"(CREATE TABLE appropriations (
              id {ID},
              budget_line_id BIGINT NOT NULL,
              fiscal_year_ad BIGINT NOT NULL,
              amount_twd_minor BIGINT NOT NULL,
              version BIGINT NOT NULL,
              created_at CHAR(27) NOT NULL,
              updated_at CHAR(27) NOT NULL,
              FOREIGN KEY (budget_line_id) REFERENCES budget_lines (id)
            ){TABLE})",
         "CREATE INDEX appropriations_line_year ON appropriations (budget_line_id, fiscal_year_ad)",
         R"(CREATE TABLE projects (
              id {ID},
              code VARCHAR(32) NOT NULL UNIQUE,
              name_zh VARCHAR(1600) NOT NULL,
              name_en VARCHAR(1600) NOT NULL,
              start_date DATE NOT NULL,
              bac_twd_minor BIGINT NOT NULL,
              version BIGINT NOT NULL,
              created_at CHAR(27) NOT NULL,
              updated_at CHAR(27) NOT NULL
            ){TABLE})",
         R"(CREATE TABLE project_properties (
              project_id BIGINT NOT NULL,
              position INT NOT NULL,
              property_id BIGINT NOT NULL,
              PRIMARY KEY (project_id, position),
              FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE,
              FOREIGN KEY (property_id) REFERENCES properties (id)
            ){TABLE})",
         "CREATE INDEX project_properties_property ON project_properties (property_id)",
         R"(CREATE TABLE project_milestones (
              project_id BIGINT NOT NULL,
              position INT NOT NULL,
              name VARCHAR(800) NOT NULL,
              on_date DATE NOT NULL,
              planned_pct_x100 BIGINT NOT NULL,
              PRIMARY KEY (project_id, position),
              FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE
            ){TABLE})",
         R"(CREATE TABLE progress_reports (
              id {ID},
              project_id BIGINT NOT NULL,
              on_date DATE NOT NULL,
              pct_x100 BIGINT NOT NULL,
              version BIGINT NOT NULL,
              created_at CHAR(27) NOT NULL,
              updated_at CHAR(27) NOT NULL,
              UNIQUE (project_id, on_date),
              FOREIGN KEY (project_id) REFERENCES projects (id)
            ){TABLE})",
         R"(CREATE TABLE expenditures (
              id {ID},
              on_date DATE NOT NULL,
              amount_twd_minor BIGINT NOT NULL,
              budget_line_id BIGINT NOT NULL,
              project_id BIGINT NULL,
              acquisition_id BIGINT NULL,
              description VARCHAR(1600) NOT NULL,
              version BIGINT NOT NULL,
              created_at CHAR(27) NOT NULL,
              updated_at CHAR(27) NOT NULL,
              FOREIGN KEY (budget_line_id) REFERENCES budget_lines (id),
              FOREIGN KEY (project_id) REFERENCES projects (id),
              FOREIGN KEY (acquisition_id) REFERENCES acquisitions (id)
            ){TABLE})",
         "CREATE INDEX expenditures_line_on ON expenditures (budget_line_id, on_date)",
         "CREATE INDEX expenditures_project_on ON expenditures (project_id, on_date)",
         "CREATE INDEX expenditures_acquisition ON expenditures (acquisition_id)",
         R"(CREATE TABLE commitments (
              id {ID},
              signed_on DATE NOT NULL,
              counterparty VARCHAR(800) NOT NULL,
              amount_twd_minor BIGINT NOT NULL,
              paid_twd_minor BIGINT NOT NULL,
              budget_line_id BIGINT NOT NULL,
              project_id BIGINT NULL,
              acquisition_id BIGINT NULL,
              version BIGINT NOT NULL,
              created_at CHAR(27) NOT NULL,
              updated_at CHAR(27) NOT NULL,
              FOREIGN KEY (budget_line_id) REFERENCES budget_lines (id),
              FOREIGN KEY (project_id) REFERENCES projects (id),
              FOREIGN KEY (acquisition_id) REFERENCES acquisitions (id)
            ){TABLE})",
         "CREATE INDEX commitments_line_signed ON commitments (budget_line_id, signed_on)",
         "CREATE INDEX commitments_project ON commitments (project_id)",
         "CREATE INDEX commitments_acquisition ON commitments (acquisition_id)",
     }},
    {7,
     "budget execution sums a year's expenditures from an index that holds all it reads",
     {
         "CREATE INDEX expenditures_on_line_amount ON expenditures "
         "(on_date, budget_line_id, amount_twd_minor)",
     }},
    {8,
     "people who sign in: Argon2id password hashes, sessions kept as SHA-256 hashes, and the "
     "sign-in failures that lock a user name for a while",
     {
         R"(CREATE TABLE users (
              id {ID},
              name VARCHAR(200) NOT NULL UNIQUE,
              role VARCHAR(16) NOT NULL,
              password_hash VARCHAR(255) NOT NULL,
              disabled INTEGER NOT NULL,
              created_at CHAR(27) NOT NULL,
              updated_at CHAR(27) NOT NULL
            ){TABLE})",
         R"(CREATE TABLE sessions (
              id {ID},
              token_hash CHAR(64) NOT NULL UNIQUE,
              user_name VARCHAR(200) NOT NULL,
              role VARCHAR(16) NOT NULL,
              csrf_token CHAR(64) NOT NULL,
              created_at CHAR(27) NOT NULL,
              last_seen_at CHAR(27) NOT NULL,
              expires_at CHAR(27) NOT NULL,
              revoked_at CHAR(27) NULL
            ){TABLE})",
         "CREATE INDEX sessions_user ON sessions (user_name)",
         R"(CREATE TABLE sign_in_failures (
              name VARCHAR(200) NOT NULL PRIMARY KEY,
              failures INTEGER NOT NULL,
              first_at CHAR(27) NOT NULL,
              locked_until CHAR(27) NULL
            ){TABLE})",
     }},
    {9,
     "calendar feeds: a user's read-only lease-event feed, its secret kept as a SHA-256 hash",
     {
         R"(CREATE TABLE calendar_feeds (
              id {ID},
              user_name VARCHAR(200) NOT NULL,
              token_hash CHAR(64) NOT NULL UNIQUE,
              created_at CHAR(27) NOT NULL,
              revoked_at CHAR(27) NULL
            ){TABLE})",
         "CREATE INDEX calendar_feeds_user ON calendar_feeds (user_name)",
     }},
    {10,
     "documents filed on records, their bytes in base64 chunks; filings and withdrawals journalled",
     {
         R"(CREATE TABLE documents (
              id {ID},
              entity VARCHAR(32) NOT NULL,
              entity_id BIGINT NOT NULL,
              name VARCHAR(800) NOT NULL,
              kind VARCHAR(32) NOT NULL,
              content_type VARCHAR(120) NOT NULL,
              bytes BIGINT NOT NULL,
              sha256 CHAR(64) NOT NULL,
              uploaded_by VARCHAR(200) NOT NULL,
              uploaded_at CHAR(27) NOT NULL,
              status VARCHAR(16) NOT NULL,
              version BIGINT NOT NULL
            ){TABLE})",
         "CREATE INDEX documents_record ON documents (entity, entity_id)",
         R"(CREATE TABLE document_chunks (
              document_id BIGINT NOT NULL,
              seq INTEGER NOT NULL,
              data {TEXT} NOT NULL,
              PRIMARY KEY (document_id, seq)
            ){TABLE})",
     }},
    {11,
     "journal entries say what a change came through (a bulk import and its id)",
     {
         "ALTER TABLE journal ADD COLUMN via VARCHAR(80) NULL",
     }},
    {13,
     "issued reports: the bytes of a report as issued, in base64 chunks, sealed by their SHA-256 "
     "in the journal",
     {
         R"(CREATE TABLE report_issues (
              id {ID},
              report VARCHAR(64) NOT NULL,
              params_json {TEXT} NOT NULL,
              format VARCHAR(8) NOT NULL,
              title VARCHAR(800) NOT NULL,
              known_at CHAR(27) NOT NULL,
              content_type VARCHAR(120) NOT NULL,
              bytes BIGINT NOT NULL,
              sha256 CHAR(64) NOT NULL,
              issued_by VARCHAR(200) NOT NULL,
              issued_at CHAR(27) NOT NULL
            ){TABLE})",
         "CREATE INDEX report_issues_sha256 ON report_issues (sha256)",
         R"(CREATE TABLE report_issue_chunks (
              issue_id BIGINT NOT NULL,
              seq INTEGER NOT NULL,
              data {TEXT} NOT NULL,
              PRIMARY KEY (issue_id, seq)
            ){TABLE})",
     }},
    {14,
     "four eyes: change requests, and the checker of each change they applied",
     {
         // Only entries of approved changes carry approved_by, so every older entry keeps
         // the hash it was written with (journal_hash leaves an empty one out).
         "ALTER TABLE journal ADD COLUMN approved_by VARCHAR(200) NULL",
         R"(CREATE TABLE change_requests (
              id {ID},
              status VARCHAR(16) NOT NULL,
              entity VARCHAR(40) NOT NULL,
              entity_id BIGINT NULL,
              action VARCHAR(16) NOT NULL,
              change_json {TEXT} NOT NULL,
              base_version BIGINT NULL,
              rule VARCHAR(40) NOT NULL,
              approver_role VARCHAR(16) NOT NULL,
              requested_by VARCHAR(200) NOT NULL,
              maker_role VARCHAR(16) NOT NULL,
              requested_at CHAR(27) NOT NULL,
              decided_by VARCHAR(200) NULL,
              decided_at CHAR(27) NULL,
              decision_note {TEXT} NULL,
              applied_entity_id BIGINT NULL,
              version BIGINT NOT NULL
            ){TABLE})",
         "CREATE INDEX change_requests_status ON change_requests (status, approver_role)",
         // E-mail alerts: each user's address, and the record of every (event, lead time,
         // user) ever sent — its primary key is the promise of once, across replicas.
         "ALTER TABLE users ADD COLUMN email VARCHAR(254) NULL",
         R"(CREATE TABLE alert_digests (
              id {ID},
              user_name VARCHAR(200) NOT NULL,
              sent_at CHAR(27) NOT NULL,
              items {TEXT} NOT NULL
            ){TABLE})",
         R"(CREATE TABLE alert_deliveries (
              event_key VARCHAR(120) NOT NULL,
              lead_days INTEGER NOT NULL,
              user_name VARCHAR(200) NOT NULL,
              digest_id BIGINT NOT NULL,
              PRIMARY KEY (event_key, lead_days, user_name)
            ){TABLE})",
         R"(CREATE TABLE alert_tokens (
              token_hash CHAR(64) NOT NULL PRIMARY KEY,
              event_key VARCHAR(120) NOT NULL
            ){TABLE})",
         R"(CREATE TABLE alert_acks (
              event_key VARCHAR(120) NOT NULL PRIMARY KEY,
              acknowledged_at CHAR(27) NOT NULL
            ){TABLE})",
     }},
    {16,
     "properties carry an optional Chinese name",
     {
         // 200 characters of CJK are 600 bytes of UTF-8; utf8mb4 counts characters.
         "ALTER TABLE properties ADD COLUMN name_zh VARCHAR(200) NULL",
     }},
    {18,
     "the newest journal entry of an entity in one index seek (the answer cache's scopes)",
     {
         "CREATE INDEX journal_entity_seq ON journal (entity, seq)",
     }},
};

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
}

}  // namespace

const std::vector<Migration>& migrations() {
  return kMigrations;
}

std::string render_sql(const char* statement, Backend backend) {
  std::string sql = statement;
  const bool mysql = backend == Backend::mysql;
  replace_all(
      sql, "{ID}",
      mysql ? "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT");
  replace_all(sql, "{TABLE}",
              mysql ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : "");
  replace_all(sql, "{TEXT}", mysql ? "LONGTEXT" : "TEXT");
  return sql;
}

Result<int> schema_version(Database& db) {
  return db.read<int>([](soci::session& s) -> Result<int> {
    int version = 0;
    soci::indicator ind = soci::i_null;
    s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INT NOT NULL PRIMARY KEY, "
         "name VARCHAR(200) NOT NULL, applied_at CHAR(27) NOT NULL)";
    s << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
    return ind == soci::i_ok ? version : 0;
  });
}

Result<int> migrate(Database& db) {
  const Backend backend = db.backend();
  return db.read<int>([&](soci::session& s) -> Result<int> {
    const bool mysql = backend == Backend::mysql;
    s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INT NOT NULL PRIMARY KEY, "
         "name VARCHAR(200) NOT NULL, applied_at CHAR(27) NOT NULL)" +
             std::string(mysql ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4" : "");
    int locked = 1;
    // MariaDB's named locks are server-wide: the name carries the database's, so migrators of
    // other databases on the same server (the tests' throwaway ones, or a second installation)
    // do not queue behind each other and run into the socket's read timeout.
    if (mysql) {
      s << "SELECT GET_LOCK(CONCAT('estate_migrations:', DATABASE()), 60)", soci::into(locked);
    }
    if (locked != 1) return Error::unavailable("another process is migrating this database");
    int applied = 0;
    try {
      for (const Migration& m : kMigrations) {
        // SQLite runs DDL inside the transaction, so a migration lands whole or not at all;
        // MariaDB commits DDL implicitly, and the lock above keeps two migrators apart.
        if (!mysql) s << "BEGIN IMMEDIATE";
        int count = 0;
        s << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m.version),
            soci::into(count);
        if (count == 0) {
          for (const char* stmt : m.statements) s << render_sql(stmt, backend);
          std::string at = format_instant_fixed(now());
          std::string name = m.name;
          s << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)",
              soci::use(m.version), soci::use(name), soci::use(at);
          ++applied;
        }
        if (!mysql) s << "COMMIT";
      }
    } catch (...) {
      if (!mysql) {
        try {
          s << "ROLLBACK";
        } catch (...) {
        }
      } else {
        s << "SELECT RELEASE_LOCK(CONCAT('estate_migrations:', DATABASE()))";
      }
      throw;
    }
    if (mysql) {
      s << "SELECT RELEASE_LOCK(CONCAT('estate_migrations:', DATABASE()))", soci::into(locked);
    }
    return applied;
  });
}

}  // namespace estate::persistence
